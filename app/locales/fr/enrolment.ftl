# Enrolling a person by hand and their référent (app/src/ui/staff/enrolment.rs,
# services/enrolment.rs, the allocataire's file).

enrol-title = Inscrire une personne — Portail ALI
enrol-heading = Inscrire une personne orientée vers l'agence
enrol-intro = Pour une personne qui n'est pas encore dans le fichier mensuel d'orientation. Elle pourra se connecter avec son numéro allocataire : le code part sur son téléphone ou son e-mail.
enrol-submit = Inscrire
enrol-numero = Numéro allocataire (CAF)
enrol-phone = Téléphone portable
enrol-contact-hint = Un téléphone ou un e-mail au moins : c'est là qu'elle reçoit ses codes et ses rappels.
enrol-email = E-mail
enrol-orientation = Date d'orientation
enrol-referent = Référent
enrol-referent-later = Choisir plus tard
enrol-link = Inscrire une personne
# $name: the person enrolled.
enrol-done = { $name } est inscrite dans la file active.
enrol-numero-taken = Ce numéro allocataire a déjà un dossier : cherchez-le dans la file active.
enrol-orientation-future = La date d'orientation ne peut pas être dans le futur.
enrol-referent-unknown = Choisissez un conseiller de l'agence.
enrol-referent-same = C'est déjà son référent : rien n'a changé.
enrol-referent-changed = Référent de { $name } enregistré.
enrol-referent-heading = Référent
enrol-referent-change = Changer de référent
enrol-referent-submit = Enregistrer le référent
enrol-history-heading = Référents successifs
# $counsellor: who (or « sans référent »), $since: the day.
enrol-history-line = { $counsellor }, depuis le { $since }
enrol-referent-suggestion = Suggestion pour équilibrer les files actives : { $name } (personnes suivies : { $n }, objectif { $target }).
