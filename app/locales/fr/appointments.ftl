# Appointments (rendez-vous): modalities, statuses, booking, moving, cancelling, outcomes.

## Modalities (Modality::label_key)
rdv-modality-sur-place = Sur place
rdv-modality-telephone = Par téléphone
rdv-modality-visio = En visio

## Statuses (AppointmentStatus::label_key)
rdv-status-booked = Prévu
rdv-status-attended = Honoré
rdv-status-missed = Absence
rdv-status-excused = Absence excusée
rdv-status-cancelled-by-agency = Annulé par l'agence
rdv-status-cancelled-by-allocataire = Annulé par l'allocataire

## Rules (domain): outcomes and the change cut-off
rdv-outcome-already-recorded = Le résultat de ce rendez-vous a déjà été enregistré.
rdv-outcome-choose = Choisissez un résultat.
rdv-outcome-not-yet = Ce rendez-vous n'a pas encore eu lieu : vous pouvez l'annuler ou le marquer excusé.
rdv-not-changeable = Ce rendez-vous n'est plus modifiable.
# $hours: the cut-off, in hours (a number).
rdv-change-too-late = Ce rendez-vous a lieu dans moins de { $hours } heures : appelez la personne qui vous suit pour le modifier.

## Conflicts with the stored state
rdv-slot-taken = Ce créneau vient d'être pris. Choisissez-en un autre.
rdv-slot-gone = Ce créneau n'existe plus. Choisissez-en un autre.
rdv-slot-not-offered = Ce créneau n'est plus proposé. Choisissez-en un autre.
# $max: how many upcoming rendez-vous the agency lets a person hold booked online.
rdv-upcoming-limit = { $max ->
    [one] Vous avez déjà un rendez-vous prévu. Vous pouvez le déplacer depuis « Mon espace ».
   *[other] Vous avez déjà { $max } rendez-vous prévus. Vous pouvez en déplacer un depuis « Mon espace », ou appeler votre agence.
}

## Booking a slot
rdv-no-such-slot = Ce créneau n'existe pas. Choisissez-en un dans la liste.
rdv-slot-past = Ce créneau est passé. Choisissez-en un autre.
rdv-slot-too-close = Ce créneau est trop proche pour être réservé en ligne : appelez votre agence.
rdv-modality-not-offered = Ce créneau n'est pas proposé avec cette modalité. Choisissez-en une autre.
rdv-form-has-error = Le formulaire contient une erreur.

## Notices after a change
rdv-booked = Votre rendez-vous est confirmé. Vous allez recevoir un message de confirmation.
rdv-moved-same-slot = Votre rendez-vous est déplacé.
rdv-moved = Votre rendez-vous est déplacé. Vous allez recevoir un message de confirmation.
rdv-cancelled-by-staff = Le rendez-vous est annulé et la personne est prévenue.
rdv-cancelled = Votre rendez-vous est annulé. Le créneau est libéré.
# $name: the allocataire's full name.
rdv-booked-for = Rendez-vous réservé pour { $name }. Un message de confirmation part.
# A series booked by staff: $n rendez-vous for $name.
rdv-series-booked = { $n ->
    [one] Un rendez-vous réservé pour { $name }.
   *[other] { $n } rendez-vous réservés pour { $name }, un message de confirmation part pour chacun.
}
# $days: the days without a free slot at that time, comma-separated.
rdv-series-skipped = Aucun créneau libre à cette heure-là le : { $days }. Proposez un autre moment pour ces semaines-là.
rdv-relance-not-missed = Une relance suit un rendez-vous manqué : celui-ci ne l'est pas.
rdv-relance-already = La relance de ce rendez-vous est déjà partie.
rdv-relance-no-contact = Cette personne n'a ni téléphone ni e-mail : appelez-la ou écrivez-lui.
# $name: the person.
rdv-relance-sent = Relance envoyée à { $name } : elle peut reprendre rendez-vous en ligne ou appeler l'agence.
rdv-series-until-range = La date de fin doit suivre le premier rendez-vous, au plus tard un an après.
# $outcome: the status label (rdv-status-*).
rdv-outcome-recorded = Résultat enregistré : { $outcome }.
rdv-note-move-reason = Motif du déplacement : « { $reason } »
rdv-note-cancel-reason = Motif d'annulation : « { $reason } »
rdv-note-outcome = Note : { $note }
