# What we send to people: SMS, e-mails and calendar files, in the recipient's language.
# SMS are short: keep them under 160 characters once the arguments are filled in.

## Sign-in code
notify-code-subject = Votre code de connexion
# $code: the 6-digit code; $minutes: how long it is valid (a number).
notify-code-body = Portail ALI : votre code de connexion est { $code }. Il est valable { $minutes } minutes. Ne le donnez à personne, même à un conseiller.

## How the meeting takes place ($how in the messages below)
# $location: the agency's address.
notify-how-on-site = à l'agence, { $location }
notify-how-telephone = par téléphone : la personne qui vous suit vous appellera
notify-how-visio = en visio : le lien vous sera envoyé

## Subjects, SMS and e-mail intros
# In the SMS: $when the date and time, $who the counsellor, $how (notify-how-*), $link the portal's address.
# SMS texts are sent in the GSM-7 alphabet (domain/sms.rs): no « · », and at most two segments
# with the longest names and addresses (notify.rs tests count them).
notify-booked-subject = Votre rendez-vous est confirmé
notify-booked-sms = ALI : RDV confirmé le { $when } avec { $who }, { $how }. Modifier : { $link }
notify-booked-intro = Votre rendez-vous est confirmé.
notify-moved-subject = Votre rendez-vous a été déplacé
notify-moved-sms = ALI : votre RDV est déplacé au { $when } avec { $who }, { $how }. { $link }
notify-moved-intro = Votre rendez-vous a été déplacé.
notify-cancelled-subject = Votre rendez-vous est annulé
notify-cancelled-sms = ALI : votre RDV du { $when } avec { $who } est annulé. Reprendre RDV : { $link }
notify-cancelled-intro = Votre rendez-vous est annulé.
notify-reminder-subject = Rappel : votre rendez-vous approche
notify-reminder-sms = ALI rappel : RDV le { $when } avec { $who }, { $how }. Un empêchement ? { $link }
notify-reminder-intro = Nous vous rappelons votre rendez-vous.
# A missed rendez-vous: $phone the agency's phone.
notify-missed-subject = Vous n'avez pas pu venir à votre rendez-vous
notify-missed-sms = ALI : vous n'avez pas pu venir au RDV du { $when } avec { $who }. Reprenez RDV : { $link } ou appelez le { $phone }.
notify-missed-intro = Vous n'avez pas pu venir à votre rendez-vous. Ce n'est pas grave : prenez-en un autre, ou appelez l'agence.

## The e-mail's lines (the code joins them; the agency's address is a line of its own)
# $name: the allocataire's first name.
notify-email-greeting = Bonjour { $name },
notify-email-when = Quand : { $when }
notify-email-who = Avec : { $who }
notify-email-how = Comment : { $how }
notify-email-agency = Agence : { $agency }
notify-email-phone = Téléphone : { $phone }
notify-email-change = Pour déplacer ou annuler votre rendez-vous : { $link }
notify-email-rebook = Pour prendre un nouveau rendez-vous : { $link }
notify-email-signature = L'équipe de l'agence locale d'insertion (ALI)

## Calendar file (never the reason of the meeting)
notify-ics-title = Rendez-vous ALI
# $counsellor: the counsellor's name; $agency, $phone: the agency's name and phone.
notify-ics-description = Avec { $counsellor } — { $agency }. Téléphone de l'agence : { $phone }
# The location of a meeting by phone or video.
notify-ics-remote = À distance
