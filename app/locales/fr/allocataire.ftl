# The allocataire's pages: sign-in, invitation, « Mon espace », booking, appointment,
# moving and cancelling (app/src/ui/allocataire.rs).

## Sign-in
alloc-signin-title = Me connecter — Portail ALI
alloc-signin-heading = Me connecter
alloc-signin-intro = Saisissez votre numéro allocataire, votre téléphone ou votre e-mail. Nous vous envoyons un code à 6 chiffres.
alloc-signin-submit = Recevoir un code
alloc-signin-identifier-label = Numéro allocataire, téléphone ou e-mail
alloc-signin-identifier-hint = Par exemple : 1234567, 06 12 34 56 78 ou nom@exemple.fr
alloc-signin-staff-link = Vous travaillez dans une ALI ? Espace professionnel

## Code
alloc-code-title = Saisir mon code — Portail ALI
alloc-code-heading = Saisir mon code
alloc-code-intro = Tapez ci-dessous le code reçu. Ne le donnez à personne, même à quelqu'un de l'agence.
alloc-code-submit = Me connecter
alloc-code-label = Code reçu (6 chiffres)
alloc-code-resend-link = Je n'ai rien reçu : demander un nouveau code

## Invitation
alloc-invitation-title = Bienvenue — Portail ALI
alloc-invitation-heading = Bienvenue sur le Portail ALI
alloc-invitation-intro = Votre agence locale d'insertion vous invite à voir en ligne la personne qui vous suit et vos rendez-vous.
alloc-invitation-explain = Appuyez sur « Continuer » : nous envoyons un code de connexion au téléphone ou à l'e-mail que l'agence connaît.
alloc-invitation-submit = Continuer
alloc-invitation-failed-next = Vous pouvez vous connecter autrement : avec votre numéro allocataire, votre téléphone ou votre e-mail. Nous vous envoyons un code.
alloc-invitation-sign-in = Se connecter

## Appointment card
alloc-card-when = Quand
# $when: the date and time, $minutes: the duration in minutes.
alloc-card-when-value = { $when } ({ $minutes } min)
alloc-card-with = Avec
alloc-card-how = Comment
alloc-card-where = Où
alloc-card-status = État

## Referent card
alloc-referent-name = Nom
alloc-referent-function = Fonction
alloc-referent-agency = Agence
alloc-referent-address = Adresse
alloc-referent-phone = Téléphone
alloc-referent-email = E-mail
alloc-referent-opening-hours = Horaires d'accueil

## Mon espace
alloc-espace-title = Mon espace — Portail ALI
alloc-espace-hello = Bonjour { $name }
# Also shown above the slot list while booking the first meeting.
alloc-first-meeting-due = Votre premier rendez-vous doit avoir lieu au plus tard le { $date }. Vous pouvez le prendre dès maintenant.
alloc-first-meeting-overdue = Votre premier rendez-vous n'a pas encore eu lieu. Prenez-le ci-dessous, ou votre agence va vous contacter pour le fixer avec vous.
alloc-espace-next-heading = Mon prochain rendez-vous
alloc-espace-next-manage = Voir, déplacer ou annuler
alloc-espace-no-appointment = Vous n'avez pas de rendez-vous prévu.
alloc-espace-book = Prendre rendez-vous
alloc-espace-referent-heading = La personne qui me suit
alloc-espace-no-referent = La personne qui vous suivra n'est pas encore choisie. L'agence vous contactera.
alloc-espace-history-heading = Mes rendez-vous passés ou annulés
# $when: the date and time, $status: the appointment's state.
alloc-espace-history-item = { $when } — { $status }

## Slot picker
alloc-slots-legend = Choisissez un créneau
alloc-slots-legend-of = Choisissez un créneau avec { $counsellor }
alloc-slots-earlier = Créneaux précédents
alloc-slots-more = Voir plus de créneaux
alloc-slots-everyone = Voir aussi les créneaux des autres conseillers
alloc-slots-modality-hint = Sur place, par téléphone ou en visio, selon ce que le créneau choisi permet (indiqué à côté de l'heure).
alloc-slots-none = Aucun créneau libre pour le moment. Appelez votre agence : elle vous proposera un rendez-vous.
# A slot's start and end times.
alloc-slot-time = { $start } – { $end }
# $counsellor: who holds the slot, $modalities: the ways it can be held, comma-separated.
alloc-slot-meta = avec { $counsellor } · { $modalities }
alloc-slots-modality-legend = Comment voulez-vous faire ce rendez-vous ?

## Booking
alloc-book-title = Prendre rendez-vous — Portail ALI
alloc-book-heading = Prendre rendez-vous
alloc-book-submit = Réserver ce rendez-vous

## Appointment
alloc-appointment-title = Mon rendez-vous — Portail ALI
alloc-appointment-heading = Mon rendez-vous
alloc-appointment-calendar-link = Ajouter à mon agenda (fichier calendrier)
# The name suggested for the downloaded calendar file.
alloc-appointment-calendar-filename = rendez-vous.ics
alloc-appointment-change-until = Vous pouvez déplacer ou annuler ce rendez-vous jusqu'au { $limit }.
alloc-appointment-move-link = Déplacer ce rendez-vous
alloc-appointment-cancel-heading = Annuler ce rendez-vous
alloc-appointment-cancel-submit = Annuler le rendez-vous
alloc-appointment-cancel-reason-label = Pourquoi annulez-vous ?
alloc-appointment-cancel-reason-hint = Quelques mots suffisent, par exemple : « je suis malade ».
alloc-appointment-call-referent = Pour changer ce rendez-vous maintenant, appelez la personne qui vous suit.
alloc-appointment-book-new = Prendre un nouveau rendez-vous
alloc-appointment-back = Retour à mon espace

## Move
alloc-move-title = Déplacer mon rendez-vous — Portail ALI
alloc-move-heading = Déplacer mon rendez-vous
alloc-move-current = Rendez-vous actuel : { $when }
alloc-move-submit = Déplacer le rendez-vous
alloc-move-reason-label = Pourquoi déplacez-vous ce rendez-vous ?
alloc-move-reason-hint = Quelques mots suffisent.

## Account
alloc-account-title = Mon compte — Portail ALI
alloc-account-heading = Mon compte
alloc-account-contacts-heading = Où arrivent mes codes
alloc-account-contacts-intro = Vos codes de connexion et vos rappels arrivent ici :
alloc-account-no-contact = L'agence n'a ni votre téléphone ni votre e-mail : appelez-la pour les donner.
alloc-account-contacts-change = Un numéro a changé ? Appelez votre agence : elle le met à jour.
alloc-account-devices-heading = Mes appareils
alloc-account-devices-intro = Vous vous êtes connecté sur un téléphone ou un ordinateur qui n'est pas le vôtre ? Fermez toutes vos sessions d'un coup.
