# The monthly orientation file: upload, preview, confirmation, invitations, letters; the
# commune → agency table.

orientation-title = Fichier d'orientation — Portail ALI
orientation-heading = Fichier mensuel d'orientation
orientation-intro = Le département envoie chaque mois la liste des personnes orientées. Déposez le fichier : vous verrez ce qu'il change avant que rien ne soit enregistré. Portée : { $scope }.
orientation-scope-all = toutes les agences
orientation-format-heading = Format du fichier
orientation-format = Un fichier CSV (UTF-8 ou Windows-1252, séparateur point-virgule ou virgule), avec une ligne d'en-tête qui nomme ces colonnes, dans n'importe quel ordre :
orientation-format-dates = Dates au format 25/11/2026 ou 2026-11-25. La date d'orientation ne peut pas être dans le futur.
orientation-format-kind = Type : « accompagnement ALI » ou « entretien d'orientation (plateforme) ».
orientation-format-agency = Agence : le nom de l'agence ou celui d'une commune de la table des communes.
orientation-format-empty = Une case vide (téléphone, e-mail, adresse, date de naissance) n'efface jamais ce que l'agence sait déjà.
orientation-communes-link = Table des communes et de leur agence
orientation-upload-heading = Déposer un fichier
orientation-upload-label = Fichier CSV
orientation-upload-hint = 20 Mo au plus. Rien n'est enregistré dans les dossiers avant votre confirmation.
orientation-upload-submit = Voir l'aperçu
orientation-latest-heading = Derniers fichiers
orientation-latest-none = Aucun fichier déposé pour l'instant.
orientation-status-preview = Aperçu, à confirmer
orientation-status-applied = Appliqué : { $created ->
        [one] { $created } créé
       *[other] { $created } créés
    }, { $changed } mis à jour
orientation-uploaded = Fichier lu. Vérifiez l'aperçu, puis confirmez.
orientation-file-missing = Choisissez le fichier CSV à déposer.
orientation-file-too-large = Ce fichier est trop lourd (20 Mo au plus) ou n'a pas pu être reçu en entier. Réessayez.
orientation-file-not-text = Ce fichier n'est pas un fichier CSV lisible. Enregistrez-le au format « CSV » depuis votre tableur.
orientation-file-empty = Ce fichier est vide : il faut une ligne d'en-tête et au moins une personne.
orientation-file-columns = Colonnes manquantes : { $columns }. Rien n'a été enregistré.
orientation-file-unnamed = fichier sans nom

orientation-preview-title = Aperçu du fichier d'orientation — Portail ALI
orientation-preview-heading = Fichier « { $file } »
orientation-preview-meta = Déposé le { $when } · { $rows } lignes · encodage { $encoding }
orientation-back = Retour au fichier d'orientation
orientation-preview-summary = { $new ->
        [one] { $new } nouvelle personne
       *[other] { $new } nouvelles personnes
    }, { $changed ->
        [one] { $changed } dossier modifié
       *[other] { $changed } dossiers modifiés
    }, { $unchanged ->
        [one] { $unchanged } inchangé
       *[other] { $unchanged } inchangés
    }, { $gone ->
        [one] { $gone } personne qui ne figure plus dans le fichier
       *[other] { $gone } personnes qui ne figurent plus dans le fichier
    }, { $rejected ->
        [one] { $rejected } ligne refusée
       *[other] { $rejected } lignes refusées
    }.
orientation-apply-explain = Confirmer crée les nouveaux dossiers et met à jour les dossiers modifiés, en une seule fois. Les nouvelles personnes reçoivent une invitation par SMS ou e-mail ; celles qui n'ont ni l'un ni l'autre, un courrier à imprimer. Les lignes refusées ne sont pas importées.
orientation-apply-submit = Confirmer l'import
orientation-new-heading = Nouvelles personnes ({ $n })
orientation-changed-heading = Dossiers modifiés ({ $n })
orientation-gone-heading = Ne figurent plus dans le fichier ({ $n })
orientation-gone-explain = Ces personnes venaient d'un fichier précédent et sont toujours suivies. Rien ne leur est fait : vérifiez leur situation avec le département.
orientation-rejected-heading = Lignes refusées ({ $n })
orientation-new-caption = Nouvelles personnes du fichier
orientation-gone-caption = Personnes qui ne figurent plus dans le fichier
orientation-rejected-caption = Lignes refusées et leurs motifs
orientation-section-none = Aucune.
orientation-section-more = … et { $n } autres.
orientation-col-numero = Numéro allocataire
orientation-col-name = Nom
orientation-col-agency = Agence
orientation-col-date = Date d'orientation
orientation-col-line = Ligne
orientation-col-reasons = Motifs du refus
orientation-change = { $field } : { $before } → { $after }
orientation-value-none = (vide)
orientation-applied-summary = Appliqué le { $when } : { $created ->
        [one] { $created } dossier créé
       *[other] { $created } dossiers créés
    }, { $changed } mis à jour.
orientation-applied = Import appliqué : { $created ->
        [one] { $created } dossier créé
       *[other] { $created } dossiers créés
    }, { $changed } mis à jour, { $invited ->
        [one] { $invited } invitation envoyée
       *[other] { $invited } invitations envoyées
    }, { $letters ->
        [one] { $letters } courrier à imprimer
       *[other] { $letters } courriers à imprimer
    }.
orientation-already-applied = Ce fichier a déjà été appliqué : rien n'a été refait.
orientation-changed-meanwhile = Un dossier a été créé entre-temps avec un numéro de ce fichier : rien n'a été enregistré. Déposez le fichier de nouveau pour revoir l'aperçu.
orientation-letters-link = Imprimer les courriers d'invitation ({ $n })
orientation-letters-title = Courriers d'invitation
orientation-letters-footer = Portail ALI · { $file }
orientation-letter-body = Bonjour { $name }, le Département de la Seine-Saint-Denis vous oriente vers l'{ $agency } pour vous accompagner dans votre parcours (RSA). Votre premier rendez-vous doit avoir lieu avant le { $before }. Appelez-nous ou passez nous voir pour le fixer, avec votre numéro allocataire : { $numero }.
orientation-letter-contact = Adresse : { $address }. Téléphone : { $phone }. Horaires : { $hours }.
orientation-invite = Le Département vous oriente vers l'{ $agency }. Prenez votre premier rendez-vous avant le { $before } : { $link } ou au { $phone }.
orientation-invite-subject = Votre agence locale d'insertion vous attend

orientation-kind-ali = Accompagnement ALI
orientation-kind-plateforme = Entretien d'orientation (plateforme)
orientation-field-last-name = Nom
orientation-field-first-name = Prénom
orientation-field-birth-date = Date de naissance
orientation-field-address = Adresse
orientation-field-phone = Téléphone
orientation-field-email = E-mail
orientation-field-orientation-date = Date d'orientation
orientation-field-kind = Type
orientation-field-agency = Agence

orientation-reject-columns = Pas le même nombre de colonnes que l'en-tête
orientation-reject-encoding = Caractères illisibles (encodage du fichier)
orientation-reject-numero = Numéro allocataire invalide (5 à 12 chiffres)
orientation-reject-duplicate = Numéro en double (lignes { $lines })
orientation-reject-name = Nom ou prénom manquant ou trop long
orientation-reject-birth-date = Date de naissance illisible ou dans le futur
orientation-reject-phone = Téléphone mal formé (10 chiffres, par exemple 06 12 34 56 78)
orientation-reject-email = Adresse e-mail mal formée
orientation-reject-address = Adresse trop longue ou illisible
orientation-reject-date = Date d'orientation manquante ou illisible
orientation-reject-future = Date d'orientation dans le futur
orientation-reject-kind = Type inconnu (accompagnement ALI ou entretien d'orientation)
orientation-reject-agency = Agence ou commune inconnue : « { $name } »
orientation-reject-other-agency = Ligne d'une autre agence (seul le département importe toutes les agences)
orientation-reject-elsewhere = Ce numéro est suivi par une autre agence

orientation-commune-agency = Choisissez l'agence.
orientation-commune-set = { $commune } : rattachée à l'{ $agency }.

communes-title = Communes et agences — Portail ALI
communes-heading = Communes et agences
communes-intro = Le fichier d'orientation peut nommer une commune au lieu d'une agence : cette table dit quelle agence suit les personnes de chaque commune. Ajoutez une commune (ou une autre écriture de son nom) ou changez son agence.
communes-set-heading = Rattacher une commune
communes-field-commune = Commune
communes-field-commune-hint = Son nom tel que le fichier l'écrit ; accents, majuscules et tirets ne comptent pas.
communes-field-agency = Agence
communes-submit = Enregistrer
communes-caption = { $n } communes et leur agence
communes-col-commune = Commune
communes-col-agency = Agence
