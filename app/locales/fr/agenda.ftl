# The staff agenda and the slots: opening hours, one-off slots, absences.

# $date: the Monday, formatted.
agenda-week-of = Semaine du { $date }

## Opening slots
agenda-invalid-date = Saisissez une date valide.
agenda-invalid-time = Saisissez une heure valide.
agenda-invalid-duration = La durée va de 10 à 240 minutes.
agenda-invalid-until = Saisissez une heure de fin valide (hh:mm).
agenda-until-too-early = L'heure de fin doit laisser la place d'au moins un créneau.
agenda-date-past = Cette date est passée : choisissez une date à venir.
# The week grid: $time the start, $name the person, $counsellor who holds a free slot.
agenda-grid-appointment = { $time } · { $name }
agenda-grid-free = { $time } libre · { $counsellor }
agenda-grid-caption = La semaine, une colonne par jour et une ligne par demi-heure
agenda-grid-time = Heure
agenda-grid-today = aujourd'hui
agenda-date-holiday = Ce jour est férié ou l'agence est fermée : aucun créneau n'est ouvert ce jour-là.
agenda-too-many-slots = Trop de créneaux d'un coup (500 au plus).
agenda-slots-opened-one = 1 créneau ouvert.
# $n: how many slots were opened (more than one).
agenda-slots-opened-many = { $n } créneaux ouverts.
# Follows agenda-slots-opened-*; $n: how many new slots overlap an existing one.
agenda-slots-overlap = Attention : { $n } chevauche(nt) un créneau existant.
agenda-slots-holidays-skipped = Jours fériés ou de fermeture sautés (aucun créneau ouvert) : { $n }.

## Closing a slot
agenda-slot-booked = Ce créneau est réservé : annulez d'abord le rendez-vous.
agenda-slot-closed = Créneau fermé.

## Absences
agenda-invalid-dates = Saisissez des dates valides.
agenda-end-before-start = La date de fin doit suivre la date de début.
# $n: how many free slots were closed.
agenda-absence-recorded = Absence enregistrée : { $n } créneau(x) libre(s) fermé(s).
# Follows agenda-absence-recorded; $n: how many booked appointments remain in the period.
agenda-absence-booked-remain = Attention : { $n } rendez-vous reste(nt) prévu(s) sur cette période, à annuler ou déplacer.
