# Collective workshops (app/src/ui/allocataire/workshops.rs, ui/staff/workshops.rs,
# services/workshops.rs, domain/workshop.rs).

## Themes, audiences, statuses
workshop-theme-pairs = Groupe de pairs
workshop-theme-recherche-emploi = Techniques de recherche d'emploi
workshop-theme-metiers = Découverte des métiers
workshop-theme-numerique = Numérique
workshop-theme-francais = Français
workshop-theme-confiance = Confiance en soi
workshop-theme-job-dating = Job dating
workshop-audience-agence = Les allocataires de l'agence
workshop-audience-toutes = Les allocataires de toutes les agences
workshop-audience-invitation = Sur invitation
workshop-status-scheduled = Prévu
workshop-status-cancelled = Annulé
workshop-reg-registered = Inscrit ou inscrite
workshop-reg-waiting = Sur liste d'attente
workshop-reg-offered = Place proposée
workshop-reg-left = Désinscrit ou désinscrite
workshop-reg-expired = Place non confirmée à temps
workshop-reg-cancelled = Atelier annulé
workshop-attendance-present = Présent ou présente
workshop-attendance-absent = Absent ou absente
workshop-attendance-excused = Absence excusée

## A session as a card
# $date: « mardi 12 janvier 2027 », $start and $end: « 14 h », « 16 h 30 ».
workshop-when = { $date }, { $start } – { $end }
workshop-place-video = En visio (le lien est envoyé aux inscrits)
# $n: seats still free.
workshop-seats-left = { $n ->
    [one] 1 place restante
   *[other] { $n } places restantes
}
workshop-full = Complet — liste d'attente
# $when: « mardi 12 janvier 2027 à 14 h ».
workshop-deadline = Inscriptions jusqu'au { $when }
# $held: seats taken, $capacity: seats in all.
workshop-filled = { $held } / { $capacity }
# $place: the address or « En visio ».
workshop-card-place = Lieu : { $place }

## The allocataire's page
workshops-title = Ateliers collectifs — Portail ALI
workshops-heading = Ateliers collectifs
workshops-intro = Des ateliers en groupe, près de chez vous : inscrivez-vous, ou rejoignez la liste d'attente quand c'est complet. Si une place se libère, nous vous prévenons.
workshops-mine-heading = Mes ateliers
workshops-mine-none = Vous n'êtes inscrit ou inscrite à aucun atelier pour le moment.
workshops-upcoming-heading = Ateliers à venir
workshops-upcoming-none = Aucun atelier ne correspond pour le moment.
workshops-history-heading = Ateliers passés
workshops-filter-legend = Chercher un atelier
workshops-filter-theme = Thème
workshops-filter-all-themes = Tous les thèmes
workshops-filter-from = À partir du
workshops-filter-place = Lieu (ville, adresse)
workshops-filter-submit = Chercher
workshop-join-submit = M'inscrire
workshop-join-waiting = Rejoindre la liste d'attente
workshop-registration-closed = Les inscriptions sont closes.
workshop-mine-registered = Vous êtes inscrit ou inscrite. Si vous ne pouvez pas venir, libérez votre place.
# $position: 1 for the next person.
workshop-mine-waiting = { $position ->
    [1] Vous êtes le prochain ou la prochaine sur la liste d'attente.
   *[other] Vous êtes { $position }e sur la liste d'attente.
}
# $until: « mardi 12 janvier 2027 à 14 h ».
workshop-mine-offered = Une place s'est libérée pour vous. Confirmez-la avant le { $until }, sinon elle sera proposée à la personne suivante.
workshop-confirm-submit = Confirmer ma place
workshop-leave-submit = Me désinscrire
workshop-leave-waiting = Quitter la liste d'attente
# $title: the workshop's title.
workshop-registered = Vous êtes inscrit ou inscrite à « { $title } ».
workshop-waiting = L'atelier « { $title } » est complet : vous êtes sur la liste d'attente. Nous vous prévenons si une place se libère.
workshop-left = Vous n'êtes plus inscrit ou inscrite à « { $title } ».
workshop-not-in = Vous n'êtes pas inscrit ou inscrite à cet atelier.
workshop-already-in = Vous êtes déjà inscrit ou inscrite à cet atelier (ou sur sa liste d'attente).
workshop-closed = Les inscriptions à cet atelier sont closes.
workshop-started = Cet atelier a déjà commencé.
workshop-offer-gone = Cette place n'est plus disponible : le délai pour la confirmer est passé.

## Staff pages
workshops-staff-title = Ateliers collectifs — Portail ALI
# $agency: the agency's name.
workshops-staff-heading = Ateliers : { $agency }
workshops-staff-none = Aucun atelier prévu. Créez le premier ci-dessous.
workshops-staff-caption = Ateliers à venir et de la semaine passée
workshops-col-title = Atelier
workshops-col-when = Date
workshops-col-seats = Places prises
workshops-col-waiting = Liste d'attente
workshops-new-heading = Nouvel atelier
workshops-new-submit = Créer l'atelier
workshops-field-title = Titre
workshops-field-theme = Thème
workshops-field-theme-choose = Choisissez un thème
workshops-field-description = Description
workshops-field-description-hint = Ce que les personnes vont faire, ce qu'il faut apporter. Mise en forme possible : **gras**, *italique*, une liste avec « - » en début de ligne, un lien [texte](https://…).
workshops-field-date = Date
workshops-field-time = Heure de début
workshops-field-duration = Durée (minutes)
workshops-field-place = Lieu
workshops-field-place-hint = L'adresse, ou laissez vide pour un atelier en visio.
workshops-field-video = Lien de visio
workshops-field-video-hint = Adresse commençant par https://, envoyée aux inscrits.
workshops-field-capacity = Nombre de places
workshops-field-audience = Ouvert à
workshops-field-deadline = Fin des inscriptions (heures avant le début)
workshops-field-deadline-hint = 0 : jusqu'au début de l'atelier.
workshops-field-facilitators = Animé par
workshops-field-facilitators-hint = Les noms des animateurs et animatrices, ou laissez vide.
workshops-series-legend = Répéter l'atelier (facultatif)
workshops-field-every = Toutes les combien de semaines
workshops-field-every-hint = 1 : chaque semaine, 2 : une semaine sur deux. Laissez vide pour une seule séance.
workshops-field-until = Jusqu'au
workshops-field-until-hint = La dernière séance possible. Les jours fériés et les jours de fermeture de l'agence sont sautés.
workshop-created = Atelier créé.
# $n: the sessions created.
workshop-series-created = { $n } séances créées.
# $days: the days skipped, « lundi 1 mai 2027, … ».
workshop-series-skipped = Jours sautés (fériés ou fermeture) : { $days }.
workshop-series-badge = Séance d'une série
# $names: who runs it.
workshop-card-facilitators = Animé par : { $names }
workshop-label-facilitators = Animé par
workshop-started-no-edit = Cet atelier a commencé : il ne peut plus être modifié.
workshop-edit-heading = Modifier l'atelier
workshop-edit-intro = Si la date, l'heure ou le lieu changent, les personnes inscrites et en attente sont prévenues par SMS ou e-mail.
workshop-edit-submit = Enregistrer les modifications
workshop-edited = Atelier modifié.
# $n: the people told of the new time or place.
workshop-edited-told = { $n ->
    [one] Atelier modifié : une personne est prévenue du changement.
   *[other] Atelier modifié : { $n } personnes sont prévenues du changement.
}
workshop-invite-heading = Inviter des personnes
workshop-invite-intro = Les personnes invitées reçoivent un SMS ou un e-mail, et voient l'atelier dans leur espace, même s'il est « sur invitation ».
workshop-invite-label = Numéros allocataire
workshop-invite-hint = Un ou plusieurs numéros de l'agence, séparés par des espaces, des virgules ou des retours à la ligne.
workshop-invite-submit = Inviter
# $n: newly invited people.
workshop-invited = { $n ->
    [0] Personne de nouveau n'est invité.
    [one] Une personne est invitée et prévenue.
   *[other] { $n } personnes sont invitées et prévenues.
}
# $n: people who had been invited before.
workshop-invited-already = { $n ->
    [one] Une personne l'était déjà.
   *[other] { $n } personnes l'étaient déjà.
}
# $numeros: « 1000009, 1000010 ».
workshop-invite-unknown = Aucun dossier de l'agence pour : { $numeros }.
workshop-invited-heading = Personnes invitées
workshop-invited-none = Personne n'est invité pour le moment.
# $date: « 27/09/2026 ».
workshop-invited-since = invitation du { $date }
workshop-sheet-link = Imprimer la feuille d'émargement (PDF)
# $title: the workshop's title.
workshop-sheet-title = Feuille d'émargement — { $title }
# $n: the people registered.
workshop-sheet-registered = { $n ->
    [one] 1 personne inscrite
   *[other] { $n } personnes inscrites
}
workshop-sheet-signature = Signature
# $agency: the agency's name.
workshop-sheet-footer = Portail ALI — { $agency }
workshop-calendar-link = Ajouter à mon agenda
workshop-in-the-past = Choisissez une date et une heure à venir.
workshop-deadline-passed = La fin des inscriptions serait déjà passée : choisissez moins d'heures.
# $title: the workshop's title.
workshop-detail-title = { $title } — Portail ALI
workshop-back = Tous les ateliers
workshop-is-cancelled = Cet atelier est annulé.
workshop-label-when = Quand
workshop-label-place = Lieu
workshop-label-theme = Thème
workshop-label-audience = Ouvert à
workshop-label-seats = Places prises
workshop-label-deadline = Inscriptions
workshop-people-heading = Inscrits et liste d'attente
workshop-people-none = Personne n'est encore inscrit.
# $date: « 27/09/2026 ».
workshop-since = depuis le { $date }
# $name: the person's name.
workshop-attendance-for = Présence de { $name }
workshop-attendance-choose = Choisir
workshop-attendance-submit = Enregistrer
workshop-attendance-required = Choisissez présent, absent ou excusé.
workshop-attendance-too-early = La présence se note à partir d'une heure avant le début.
# $value: « Présent ou présente »…
workshop-attendance-saved = Présence enregistrée : { $value }.
workshop-capacity-heading = Nombre de places
workshop-capacity-label = Nombre de places
workshop-capacity-hint = En ajoutant des places, la liste d'attente est prévenue dans l'ordre d'arrivée.
workshop-capacity-submit = Changer le nombre de places
# $n: the seats already taken.
workshop-capacity-below = { $n ->
    [one] Une place est déjà prise : le nombre de places ne peut pas être inférieur à 1.
   *[other] { $n } places sont déjà prises : le nombre de places ne peut pas être inférieur à { $n }.
}
workshop-capacity-saved = Nombre de places enregistré.
# $n: people of the waiting list offered a seat.
workshop-capacity-saved-offered = Nombre de places enregistré. { $n ->
    [one] Une place a été proposée à la première personne de la liste d'attente.
   *[other] { $n } places ont été proposées à la liste d'attente.
}
workshop-cancel-heading = Annuler l'atelier
workshop-cancel-intro = Toutes les personnes inscrites ou en attente sont prévenues par SMS ou e-mail.
workshop-cancel-submit = Annuler cet atelier
workshop-cancelled-notice = Atelier annulé : les personnes inscrites sont prévenues.

## Messages (SMS and e-mail: keep SMS texts short, in the GSM alphabet)
# $title, $when, $link (the workshops page), $until (offers).
notify-workshop-registered = Portail ALI : votre inscription à l'atelier « { $title } », { $when }, est confirmée. Pour l'annuler : { $link }
notify-workshop-registered-subject = Votre inscription à un atelier
notify-workshop-waiting = Portail ALI : l'atelier « { $title } » ({ $when }) est complet. Vous êtes sur la liste d'attente, nous vous prévenons si une place se libère.
notify-workshop-waiting-subject = Vous êtes sur une liste d'attente
notify-workshop-offered = Portail ALI : une place s'est libérée à l'atelier « { $title } », { $when }. Confirmez-la avant le { $until } : { $link }
notify-workshop-offered-subject = Une place s'est libérée pour vous
notify-workshop-expired = Portail ALI : la place à l'atelier « { $title } » n'a pas été confirmée à temps. Elle est proposée à la personne suivante.
notify-workshop-expired-subject = Place d'atelier non confirmée
notify-workshop-reminder = Portail ALI : rappel, vous êtes inscrit ou inscrite à l'atelier « { $title } », { $when }. Si vous ne pouvez pas venir, libérez votre place : { $link }
notify-workshop-reminder-subject = Rappel : votre atelier
notify-workshop-cancelled = Portail ALI : l'atelier « { $title } » du { $when } est annulé. Votre agence vous proposera une autre date.
notify-workshop-cancelled-subject = Atelier annulé
# $place: the address or « En visio ».
notify-workshop-changed = Portail ALI : l'atelier « { $title } » change. Nouvelle date : { $when }, lieu : { $place }. Détails : { $link }
notify-workshop-changed-subject = Un atelier change de date ou de lieu
notify-workshop-invited = Portail ALI : votre agence vous invite à l'atelier « { $title } », { $when }. Pour vous inscrire : { $link }
notify-workshop-invited-subject = Une invitation à un atelier
# The calendar file's description; $link: the workshops page.
notify-workshop-ics-description = Atelier collectif de votre agence locale d'insertion. Pour vous désinscrire : { $link }
workshop-csv-last-name = Nom
workshop-csv-first-name = Prénom
workshop-csv-numero = Numéro allocataire
workshop-csv-status = Statut
workshop-csv-since = Inscription le
workshop-csv-attendance = Présence
workshop-export = Télécharger la liste (tableur, CSV)

## The list of themes (the département's admin)
themes-link = Gérer la liste des thèmes
themes-title = Thèmes des ateliers — Portail ALI
themes-heading = Thèmes des ateliers
themes-intro = La liste est commune à toutes les agences. Un thème archivé n'est plus proposé pour un nouvel atelier ; les ateliers qui l'ont le gardent.
themes-archived-badge = Archivé
# $label: the theme's label.
themes-archive = Archiver « { $label } »
themes-restore = Remettre « { $label } » dans la liste
themes-new-heading = Ajouter un thème
themes-new-submit = Ajouter le thème
themes-field-label = Nom du thème
themes-field-label-hint = De 3 à 60 caractères, par exemple « Mobilité et permis de conduire ».
themes-added = Thème « { $label } » ajouté.
themes-exists = Ce thème est déjà dans la liste.
themes-archived = Thème archivé : il n'est plus proposé pour un nouvel atelier.
themes-restored = Thème remis dans la liste.
