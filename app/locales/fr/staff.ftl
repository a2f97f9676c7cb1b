# Staff pages (app/src/ui/staff.rs): sign-in, agenda, slots (créneaux), caseload,
# an allocataire's file, messages sent.

## Sign-in
staff-sign-in-title = Connexion professionnelle — Portail ALI
staff-sign-in-heading = Connexion professionnelle
staff-sign-in-submit = Me connecter
staff-sign-in-email = Adresse e-mail professionnelle
staff-sign-in-password = Mot de passe

## Counsellor filter (agenda, slots, caseload)
staff-filter-counsellor = Conseiller ou conseillère
staff-filter-all = Toute l'agence
# A counsellor in the list: name and how many allocataires they follow.
staff-filter-counsellor-option = { $name } ({ $n } suivis)
staff-filter-submit = Afficher

## Agenda
staff-agenda-title = Agenda — Portail ALI
# $period: the day or week shown, already formatted.
staff-agenda-heading = Agenda : { $period }
staff-agenda-pager = Période
staff-agenda-prev = ← Précédent
staff-agenda-day = Jour
staff-agenda-week = Semaine
staff-agenda-next = Suivant →
staff-agenda-nothing = Rien de prévu.
# $slots: the list of free slots, each formatted with staff-agenda-free-slot, joined by ", ".
staff-agenda-free-slots = Créneaux libres : { $slots }
staff-agenda-free-slot = { $time } ({ $counsellor })
staff-agenda-outcome = Résultat
staff-agenda-outcome-choose = — Choisir —
staff-agenda-outcome-submit = Enregistrer
staff-agenda-outcome-note = Note (facultative)

## Slots (créneaux)
staff-slots-title = Créneaux — Portail ALI
staff-slots-heading = Créneaux de rendez-vous
staff-slots-open-heading = Ouvrir des créneaux
staff-slots-open-submit = Ouvrir
staff-slots-date = Date
staff-slots-time = Heure de début
staff-slots-duration = Durée d'un rendez-vous (minutes)
staff-slots-until = Heure de fin de la plage (facultatif)
staff-slots-until-hint = Laissez vide pour un seul créneau. Sinon la plage est découpée en créneaux de la durée choisie.
staff-slots-weeks = Répéter chaque semaine pendant (semaines)
staff-slots-weeks-hint = 1 : une seule fois. Jusqu'à 12 semaines.
staff-slots-location = Lieu (facultatif)
staff-slots-location-hint = Laissez vide : adresse de l'agence.
staff-slots-modalities = Modalités proposées
staff-slots-absence-heading = Déclarer une absence
staff-slots-absence-submit = Fermer les créneaux libres de cette période
staff-slots-absence-from = Du
staff-slots-absence-to = Au (inclus)
staff-slots-upcoming-heading = Créneaux à venir
staff-slots-overlaps = { $n } créneau(x) se chevauchent : vérifiez-les ci-dessous.
staff-slots-none = Aucun créneau ouvert.
# One open slot: start – end · modalities (already joined by ", ").
staff-slots-slot = { $start } – { $end } · { $modalities }
staff-slots-booked = Réservé
staff-slots-overlap = Chevauchement
staff-slots-close = Fermer
# aria-label of the "Fermer" button.
staff-slots-close-label = Fermer le créneau de { $time }

## Caseload (file active)
staff-caseload-title = Allocataires suivis — Portail ALI
staff-caseload-heading = Allocataires suivis (file active)
# $total: people matching the search and filter; the other counts are of the search.
staff-caseload-summary-page = { $total ->
    [0] Personne ne correspond.
    [one] Une personne.
   *[other] { $total } personnes.
} Premier rendez-vous : { $late } en retard, { $due_soon } à faire sous 3 jours ; { $unassigned } sans référent.
# $page of $pages.
staff-caseload-caption-page = Allocataires et délai du premier rendez-vous (15 jours après l'orientation), page { $page } sur { $pages }
staff-caseload-search-legend = Chercher dans la file active
staff-caseload-search = Nom, numéro allocataire ou téléphone
staff-caseload-search-hint = Par exemple : Benali, 1000001 ou 06 12 34.
staff-caseload-filter = Afficher
staff-caseload-filter-all = Tout le monde
staff-caseload-filter-late = Premier rendez-vous en retard
staff-caseload-filter-due-soon = Premier rendez-vous à faire sous 3 jours
staff-caseload-filter-unassigned = Sans référent
staff-caseload-sort = Trier par
staff-caseload-sort-deadline = Délai du premier rendez-vous
staff-caseload-sort-name = Nom
staff-caseload-none = Aucune personne ne correspond à cette recherche.
staff-caseload-col-numero = Numéro
staff-caseload-pager = Pages de la file active
staff-caseload-prev = Page précédente
staff-caseload-next = Page suivante
staff-caseload-col-name = Nom
staff-caseload-col-counsellor = Qui suit la personne
staff-caseload-col-orientation = Orientation
staff-caseload-col-deadline = 1er RDV avant le
staff-caseload-col-flag = Suivi
staff-caseload-col-next = Prochain RDV

## An allocataire's file
staff-file-title = Dossier allocataire — Portail ALI
staff-file-pathway-link = Parcours et contrat
staff-file-numero = N° allocataire
staff-file-contact = Contact
staff-file-counsellor = Qui suit la personne
staff-file-orientation = Orientation
staff-file-first-meeting = Premier rendez-vous
# Followed (in the page) by a space and the deadline's status badge.
staff-file-first-meeting-deadline = avant le { $date } —
staff-file-appointments = Rendez-vous
staff-file-no-appointment = Aucun rendez-vous.
staff-file-cancel-reason = Motif d'annulation
staff-file-cancel-submit = Annuler ce rendez-vous
staff-file-book-heading = Prendre un rendez-vous pour cette personne
staff-file-book-submit = Réserver

## Messages sent
staff-messages-title = Messages envoyés — Portail ALI
staff-messages-heading = Messages envoyés
staff-messages-intro = Les SMS et e-mails partis de l'agence (100 derniers).
# After the subject: channel (SMS, e-mail), recipient, when and delivery status.
staff-messages-meta = { $channel } à { $recipient } · { $when } · { $status }
staff-file-series-legend = Rendez-vous réguliers (facultatif)
staff-file-series-hint = Pour un suivi fréquent : le même jour et à la même heure, toutes les N semaines, jusqu'à la date choisie. Laissez vide pour un seul rendez-vous.
staff-file-series-every = Toutes les combien de semaines (1 à 8)
staff-file-series-until = Jusqu'au
staff-next-step = Prochaine étape
staff-next-step-rebook = Reprendre rendez-vous pour cette personne
staff-next-step-relance = Envoyer une relance (SMS ou e-mail)
# $when: date and time.
staff-next-step-relance-sent = Relance envoyée le { $when }.
