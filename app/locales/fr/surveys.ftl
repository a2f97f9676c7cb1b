# Surveys: the builder (staff), « Mes questionnaires » (the allocataire), the results.

survey-kind-choix_unique = Choix unique
survey-kind-choix_multiple = Choix multiple
survey-kind-echelle = Échelle de 1 à 5
survey-kind-oui_non = Oui ou non
survey-kind-texte_court = Texte court
survey-kind-texte_long = Texte long
survey-yes = Oui
survey-no = Non
survey-scale-value = { $value } sur 5
survey-no-answer = Sans réponse

survey-audience-agence = Les personnes suivies par l'agence
survey-audience-volontaires = Les volontaires des panels de l'agence
survey-audience-liste = Une liste de personnes (numéros allocataire)
survey-audience-toutes = Toutes les personnes de toutes les agences

survey-status-brouillon = Brouillon
survey-status-publie = Publié
survey-status-clos = Clos

survey-anonymous-note = Ce questionnaire est anonyme : vos réponses sont enregistrées sans votre nom ni votre numéro, et personne ne pourra les relier à vous. Tant que vous ne les avez pas envoyées, elles restent liées à votre compte pour que vous puissiez reprendre plus tard.
survey-named-note = Ce questionnaire n'est pas anonyme : l'agence verra vos réponses avec votre nom.
survey-dates = du { $opens } au { $closes }
survey-counts = { $invited ->
    [one] 1 personne invitée
   *[other] { $invited } personnes invitées
}, { $sent ->
    [0] aucune réponse
    [one] 1 réponse
   *[other] { $sent } réponses
}
survey-condition = Affichée si « { $question } » : { $answer }
survey-condition-none = Toujours affichée
survey-section-heading = Partie { $number }
survey-version = Version { $version }
survey-version-note = Version { $version } des questions : les réponses déjà envoyées gardent leur version.

survey-list-title = Questionnaires – Portail ALI
survey-list-heading = Questionnaires
survey-list-none = Aucun questionnaire pour l'instant.
survey-new-heading = Nouveau questionnaire
survey-create-submit = Créer le questionnaire
survey-created = Questionnaire créé. Ajoutez ses questions.
survey-field-title = Titre
survey-field-intro = Texte d'introduction
survey-field-intro-hint = Ce que les personnes lisent avant la première question : pourquoi vous les interrogez, combien de temps cela prend.
survey-field-thanks = Texte de remerciement
survey-field-anonymity = Anonyme ou nominatif
survey-field-anonymity-hint = Les personnes le lisent avant la première question.
survey-anonymity-anonyme = Anonyme : les réponses ne sont jamais reliées aux personnes
survey-anonymity-nominatif = Nominatif : l'agence voit qui a répondu quoi
survey-field-audience = Pour qui
survey-field-numeros = Numéros allocataire (pour une liste)
survey-field-numeros-hint = Un numéro par ligne, ou séparés par des virgules.
survey-field-opens = Ouvert à partir du
survey-field-closes = Fermé après le

survey-page-title = { $title } – Portail ALI
survey-preview-link = Aperçu sur téléphone
survey-results-link = Résultats
survey-back-surveys = Tous les questionnaires
survey-back-builder = Retour au questionnaire
survey-publish-intro = Publier envoie l'invitation par SMS ou e-mail à chaque personne concernée. Les questions restent modifiables ; une fois que quelqu'un a répondu, chaque modification crée une nouvelle version.
survey-publish-submit = Publier et envoyer les invitations
survey-close-submit = Clore le questionnaire
survey-questions-heading = Questions
survey-questions-none = Aucune question pour l'instant.
survey-required-badge = obligatoire
survey-edit-question = Modifier cette question
survey-save-question = Enregistrer la question
survey-remove-question = Retirer la question « { $label } »
survey-add-heading = Ajouter une question
survey-add-submit = Ajouter la question
survey-field-section = Partie (une page par partie)
survey-field-kind = Type de question
survey-field-label = Question
survey-field-required = Réponse obligatoire
survey-field-options = Choix proposés
survey-field-options-hint = Pour un choix unique ou multiple : un choix par ligne, de 2 à 12.
survey-field-condition = Afficher seulement après une réponse
survey-field-condition-hint = La question doit alors être dans une partie après celle de la question choisie.
survey-settings-heading = Réglages
survey-settings-submit = Enregistrer les réglages
survey-saved = Réglages enregistrés.
survey-questions-saved = Questions enregistrées.
survey-new-version = Des personnes ont déjà répondu : la modification crée la version { $version } des questions. Leurs réponses gardent leur version.
survey-published = { $count ->
    [one] Questionnaire publié : 1 invitation envoyée.
   *[other] Questionnaire publié : { $count } invitations envoyées.
}
survey-closed-done = Questionnaire clos : il ne reçoit plus de réponses.
survey-not-draft = Ce questionnaire est déjà publié : ses réglages ne changent plus.
survey-not-published = Ce questionnaire n'est pas ouvert.
survey-closed-staff = Ce questionnaire est clos : ses questions ne changent plus.
survey-no-questions = Ajoutez au moins une question avant de publier.
survey-closes-past = La date de fermeture est passée : changez-la avant de publier.
survey-nobody = Personne ne correspond à ce public : aucune invitation à envoyer.
survey-unknown-numeros = Ces numéros ne sont pas des personnes de votre agence : { $numeros }.
survey-invite = Votre agence vous pose quelques questions : « { $title } ». Répondez jusqu'au { $closes } : { $link }
survey-invite-subject = Un questionnaire de votre agence

survey-preview-title = Aperçu – { $title } – Portail ALI
survey-preview-heading = Aperçu sur téléphone
survey-preview-intro = Le questionnaire tel qu'une personne le voit sur un téléphone, toutes les parties à la suite (elle en voit une par page).
survey-preview-phone = Aperçu du questionnaire sur un écran de téléphone

survey-mine-title = Mes questionnaires – Portail ALI
survey-mine-heading = Mes questionnaires
survey-mine-intro = Les questions que votre agence vous pose pour améliorer l'accompagnement. Répondre n'est jamais obligatoire.
survey-mine-open = À remplir
survey-mine-none = Aucun questionnaire ne vous attend.
survey-mine-past = Déjà envoyés ou fermés
survey-back-espace = Retour à Mon espace
survey-espace-link = Mes questionnaires
survey-state-a_faire = À remplir
survey-state-en_cours = Commencé
survey-state-envoye = Envoyé
survey-state-ferme = Fermé
survey-state-sent-note = Merci : vos réponses sont envoyées.
survey-until = Jusqu'au { $date }
survey-opens-later = Ce questionnaire ouvre le { $date }.
survey-closed = Ce questionnaire est fermé : il ne reçoit plus de réponses.
survey-anonymity-heading = Avant de commencer
survey-saved-as-you-go = Vos réponses sont gardées à chaque partie : vous pouvez vous arrêter et reprendre plus tard. Rien n'est envoyé avant le résumé.
survey-start = Commencer
survey-resume = Reprendre
survey-back-list = Retour à mes questionnaires
survey-progress = Partie { $current } sur { $total }
survey-required-hint = Les questions marquées « obligatoire » demandent une réponse.
survey-required-mark = (obligatoire)
survey-several-hint = Vous pouvez cocher plusieurs réponses.
survey-scale-hint = 1 : pas du tout d'accord, 5 : tout à fait d'accord.
survey-continue = Continuer
survey-previous = Revenir à la partie précédente
survey-section-saved = Réponses gardées.
survey-summary-heading = Vos réponses avant l'envoi
survey-summary-intro = Relisez vos réponses. Vous pouvez encore les modifier ; une fois envoyées, elles ne changent plus.
survey-incomplete = Il manque une réponse obligatoire dans la partie { $number }.
survey-change-section = Modifier la partie { $number }
survey-send = Envoyer mes réponses
survey-sent = Merci : vos réponses sont envoyées.
survey-already-sent = Vous avez déjà envoyé vos réponses à ce questionnaire.
survey-thanks-default = Merci pour vos réponses : elles aident l'agence à améliorer l'accompagnement.
survey-forged = Cette réponse ne correspond pas aux questions de ce questionnaire.

survey-results-title = Résultats – { $title } – Portail ALI
survey-results-heading = Résultats : { $title }
survey-results-respondents = Réponses envoyées : { $count }
survey-respondents = { $count } réponses
survey-results-rule = Tout chiffre calculé sur moins de 11 personnes est remplacé par « moins de 11 réponses », et aucun total ne permet de le retrouver. Les réponses libres paraissent une fois modérées, et seulement à partir de 11 réponses.
survey-results-version = Version des questions
survey-results-show = Afficher
survey-results-csv = Télécharger le tableau (CSV)
survey-texts-none = Aucune réponse libre publiée.
survey-csv-respondents = Réponses envoyées
