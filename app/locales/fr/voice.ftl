## The voice of the people supported: satisfaction, moderation, results.

satisfaction-question-rdv = Ce rendez-vous vous a-t-il été utile ?
satisfaction-question-atelier = Cet atelier vous a-t-il été utile ?
satisfaction-rating-5 = Très utile
satisfaction-rating-4 = Utile
satisfaction-rating-3 = Moyennement utile
satisfaction-rating-2 = Peu utile
satisfaction-rating-1 = Pas utile du tout
satisfaction-about-rdv = Rendez-vous du { $day }
satisfaction-about-atelier = Atelier du { $day }
satisfaction-changeable-until = Vous pouvez changer votre réponse jusqu'au { $day }.
satisfaction-final = Votre réponse est définitive.
satisfaction-open-until = Vous pouvez répondre jusqu'au { $day }.

# The messages (the SMS is the text; the e-mail adds the greeting and the signature).
satisfaction-ask-rdv = Votre rendez-vous à l'agence vous a-t-il été utile ? Répondez en un geste, sans vous connecter : { $link }
satisfaction-ask-rdv-subject = Votre avis sur votre rendez-vous
satisfaction-ask-atelier = L'atelier vous a-t-il été utile ? Répondez en un geste, sans vous connecter : { $link }
satisfaction-ask-atelier-subject = Votre avis sur l'atelier
satisfaction-remind = Rappel : votre avis nous aide à améliorer l'accompagnement. Une seule question : { $link }
satisfaction-remind-subject = Rappel : votre avis

satisfaction-link-title = Votre avis – Portail ALI
satisfaction-link-heading = Votre avis
satisfaction-link-intro = Une seule question. Votre réponse aide l'agence à améliorer l'accompagnement.
satisfaction-link-invalid = Ce lien n'est pas valable. Vous pouvez répondre depuis Mon espace, rubrique « Mes avis ».
satisfaction-link-expired = Ce lien a expiré. Vous pouvez répondre depuis Mon espace, rubrique « Mes avis ».
satisfaction-link-used = Ce lien a déjà servi. Pour changer votre réponse, connectez-vous à Mon espace, rubrique « Mes avis ».
satisfaction-link-done = Merci, votre réponse est enregistrée. Vous pouvez la changer pendant 7 jours depuis Mon espace, rubrique « Mes avis ».
satisfaction-go-espace = Aller à « Mes avis »
satisfaction-submit = Envoyer ma réponse
satisfaction-comment-label = Un commentaire ? (facultatif)
satisfaction-comment-hint = 1 000 caractères au plus. Il sera relu avant d'être lu par d'autres personnes ; n'y mettez ni nom, ni téléphone, ni adresse.
satisfaction-thanks = Merci pour votre réponse.
satisfaction-thanks-comment = Merci pour votre réponse. Votre commentaire sera relu avant d'être publié.
satisfaction-closed = Cette question est fermée : on ne peut plus y répondre ni changer la réponse.

satisfaction-espace-waiting = { $n ->
    [one] Une question vous attend : donnez votre avis en un geste.
   *[other] { $n } questions vous attendent : donnez votre avis en un geste.
}
satisfaction-espace-link = Mes avis
satisfaction-mine-title = Mes avis – Portail ALI
satisfaction-mine-heading = Mes avis
satisfaction-mine-intro = Après un rendez-vous ou un atelier, l'agence vous demande s'il vous a été utile. Vous pouvez changer votre réponse pendant 7 jours.
satisfaction-waiting-heading = Questions en attente
satisfaction-waiting-none = Aucune question en attente.
satisfaction-answer-link = Répondre
satisfaction-answered-heading = Mes réponses
satisfaction-your-answer = Votre réponse : { $answer }
satisfaction-change-link = Changer ma réponse
satisfaction-question-title = Votre avis – Portail ALI
satisfaction-back = Retour à « Mes avis »
satisfaction-published-as = Publié ainsi :
satisfaction-rejected-because = Raison : { $reason }

# Results.
satisfaction-results-title = Avis des personnes accompagnées – Portail ALI
satisfaction-results-heading = Avis des personnes accompagnées
satisfaction-results-scope = { $scope }, { $period }.
satisfaction-results-rule = Aucun chiffre calculé sur moins de 11 réponses n'est affiché, ni aucun total qui permettrait de le retrouver.
satisfaction-scope-departement = Tout le département
satisfaction-period-label = Période
satisfaction-period-submit = Afficher
satisfaction-csv-link = Télécharger les résultats (CSV)
satisfaction-respondents = Réponses : { $total }
satisfaction-suppressed = moins de 11 réponses
satisfaction-total = Total
satisfaction-col-answer = Réponse
satisfaction-col-count = Nombre
satisfaction-col-share = Part
satisfaction-col-agency = Agence
satisfaction-results-table = Réponses à « { $question } »
satisfaction-comparison-heading = Les agences côte à côte
satisfaction-comparison-table = Par agence : « { $question } »
satisfaction-comments-heading = Commentaires publiés
satisfaction-comments-withheld = Moins de 11 réponses sur la période : les commentaires ne sont pas affichés.
satisfaction-comments-none = Aucun commentaire publié sur la période.
satisfaction-csv-scope = Périmètre
satisfaction-csv-question = Question
satisfaction-csv-answer = Réponse
satisfaction-csv-count = Nombre
satisfaction-csv-share = Part

# Moderation.
moderation-title = Modération – Portail ALI
moderation-heading = Modération
moderation-intro = Les textes écrits par les personnes accompagnées ne sont lus par personne d'autre avant votre décision. Masquez les noms, téléphones, adresses e-mail et adresses : des passages sont proposés, vérifiez-les.
moderation-pending-heading = { $n ->
    [0] À relire
    [one] À relire (1)
   *[other] À relire ({ $n })
}
moderation-pending-none = Aucun texte à relire.
moderation-decided-heading = Dernières décisions
moderation-suggested = { $n ->
    [0] Aucun passage à masquer n'a été repéré.
    [one] 1 passage à masquer a été repéré.
   *[other] { $n } passages à masquer ont été repérés.
}
moderation-approve = Publier tel quel
moderation-masked-label = Texte publié, passages masqués
moderation-masked-hint = Les passages proposés sont remplacés par […] ; corrigez si besoin.
moderation-redact = Publier en masquant
moderation-reason-label = Raison du refus
moderation-reason-choose = Choisir une raison
moderation-reject = Refuser
moderation-published-as = Publié ainsi :
moderation-decided = Décidé le { $when } par { $by }
moderation-done = Décision enregistrée : { $status }.
moderation-changed = Ce texte a changé ou a déjà été traité entre-temps : relisez-le.
moderation-source-satisfaction = Commentaire de satisfaction
moderation-source-questionnaire = Réponse libre à un questionnaire
moderation-status-en_attente = En attente de relecture
moderation-status-publie = Publié
moderation-status-masque = Publié avec des passages masqués
moderation-status-refuse = Non publié
moderation-reason-injurieux = Propos injurieux ou discriminatoires
moderation-reason-identifiant = Permet de reconnaître une personne
moderation-reason-hors_sujet = Sans rapport avec la question

# Panels and juries: recruitment. The consent text has a version (domain::panel::CONSENT_VERSION).
panel-title = Panels et jurys – Portail ALI
panel-heading = Panels et jurys
panel-espace-link = Donner mon avis sur l'accompagnement (panels et jurys)
panel-what-heading = De quoi s'agit-il ?
panel-consent-what = Des personnes accompagnées par les ALI donnent leur avis sur ce que proposent les agences : les ateliers, les documents, les projets. Un jury de personnes accompagnées a aussi aidé à choisir les agences.
panel-consent-how-often = Vous êtes invité ou invitée à une séance quelques fois par an, sur place ou en visio. Vous choisissez chaque fois si vous venez.
panel-consent-data = L'agence garde votre accord et sa date. Les autres membres d'un panel ne voient ni votre nom ni votre dossier.
panel-consent-withdraw = Vous pouvez vous retirer à tout moment, d'un geste, sur cette page : vous ne recevez plus d'invitation. Cela ne change rien à votre accompagnement.
panel-accept = J'ai lu ce texte et je me porte volontaire
panel-volunteer-submit = Me porter volontaire
panel-withdraw-intro = Vous ne recevrez plus d'invitation aux panels et jurys.
panel-withdraw-submit = Me retirer
panel-since = Vous êtes volontaire depuis le { $day } (texte { $version }).
panel-volunteered = Merci : vous êtes volontaire. L'agence vous invitera à une prochaine séance.
panel-already = Vous êtes déjà volontaire.
panel-withdrawn = C'est fait : vous ne recevrez plus d'invitation.
panel-not-volunteer = Vous n'êtes pas volontaire.
panel-text-changed = Le texte a changé depuis que vous l'avez ouvert : relisez-le avant de vous porter volontaire.
panel-back = Retour à Mon espace
panel-volunteers-title = Volontaires des panels et jurys – Portail ALI
panel-volunteers-heading = Volontaires des panels et jurys
panel-volunteers-intro = { $n ->
    [0] Personne ne s'est encore porté volontaire.
    [one] 1 personne volontaire.
   *[other] { $n } personnes volontaires.
}
panel-volunteers-table = Les personnes volontaires
panel-col-name = Nom
panel-col-numero = Numéro allocataire
panel-col-agency = Agence
panel-col-since = Volontaire depuis le
panel-col-version = Texte accepté
