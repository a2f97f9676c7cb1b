# Form validation messages: the same rules run in the browser and on the server.
# Every key here is also sent to the browser-side check (see ui/check.rs).
form-email-invalid = Saisissez une adresse e-mail valide, par exemple nom@agence.fr.
form-identifier-invalid = Saisissez votre numéro allocataire (5 à 12 chiffres), votre numéro de téléphone ou votre adresse e-mail.
form-identifier-required = Saisissez votre numéro allocataire, votre téléphone ou votre e-mail.
form-code-invalid = Le code contient 6 chiffres. Vérifiez le message reçu.
form-code-too-long = Le code contient 6 chiffres.
form-email-too-long = Adresse trop longue.
form-password-required = Saisissez votre mot de passe.
form-modality-required = Choisissez comment le rendez-vous se passera.
form-expired = Le formulaire a expiré : rechargez la page.
form-slot-required = Choisissez un créneau.
form-reason-length = Expliquez en quelques mots (3 à 300 caractères).
form-date-invalid = Saisissez une date valide entre 2000 et 2100 (jj/mm/aaaa).
form-note-too-long = La note ne doit pas dépasser 500 caractères.
form-control-character = Ce texte contient un caractère invisible qui n'est pas accepté : retapez-le au clavier.
form-time-invalid = Saisissez une heure valide (hh:mm).
form-duration-range = La durée va de 10 à 240 minutes.
form-modalities-required = Cochez au moins une modalité.
form-location-too-long = Le lieu fait au plus 200 caractères.
form-weeks-range = Répétez de 1 à 12 semaines.
form-outcome-required = Choisissez un résultat.
form-bad-request = La demande est invalide. Rechargez la page.
form-invalid-value = Cette valeur n'est pas valide.
form-summary-one = Le formulaire contient une erreur : corrigez le champ indiqué.
form-summary-many = Le formulaire contient des erreurs : corrigez les champs indiqués.
