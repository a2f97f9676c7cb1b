# The agency's team and passwords (app/src/ui/staff/team.rs, services/team.rs).

## Team page
team-title = Équipe de l'agence — Portail ALI
# $agency: the agency's name.
team-heading = Équipe : { $agency }
team-caption = Les comptes de l'équipe, actifs d'abord
team-col-name = Nom
team-col-role = Rôle et fonction
team-col-contact = Contact
team-col-last-sign-in = Dernière connexion
team-col-state = Compte
team-never-signed-in = Jamais connecté
team-state-active = Actif
team-state-disabled = Désactivé
team-add-heading = Ajouter une personne à l'équipe
team-add-intro = Elle reçoit par e-mail un lien pour choisir son mot de passe, valable 24 heures.
team-add-submit = Créer le compte
team-first-name = Prénom
team-last-name = Nom
team-email = E-mail professionnel (pour se connecter)
team-job-title = Fonction
team-job-title-hint = Par exemple : conseillère en insertion professionnelle.
team-phone = Téléphone professionnel (facultatif)
team-role = Rôle dans le portail

## One member
team-member-title = Compte d'un membre de l'équipe — Portail ALI
# $email: the address they sign in with.
team-member-sign-in = Se connecte avec : { $email }
# $when: date and time.
team-member-last-sign-in = Dernière connexion : { $when }
team-edit-heading = Modifier
team-edit-submit = Enregistrer
team-access-heading = Accès au portail
team-access-intro = Un nouveau lien remplace les précédents. Désactiver un compte le déconnecte aussitôt, sur tous ses appareils.
team-send-link = Envoyer un lien pour choisir un mot de passe
team-disable = Désactiver le compte
team-enable = Réactiver le compte
team-back = Retour à l'équipe

## Notices and errors
# $name: the person, $email: where the link goes.
team-created = Compte créé pour { $name } : un lien pour choisir son mot de passe part à { $email }.
team-updated = Compte de { $name } enregistré.
team-disabled = Le compte de { $name } est désactivé : ses sessions sont fermées.
team-enabled = Le compte de { $name } est réactivé. Envoyez-lui un lien s'il a oublié son mot de passe.
team-reset-sent = Un lien pour choisir un mot de passe part à { $email } ({ $name }).
team-reset-disabled = Ce compte est désactivé : réactivez-le d'abord.
team-email-taken = Cette adresse e-mail a déjà un compte.
team-role-not-yours = Vous ne pouvez pas donner ce rôle.
team-link-expired = Ce lien ne fonctionne plus (déjà utilisé ou expiré). Demandez un nouveau lien à la responsable de votre agence.
team-password-common = Ce mot de passe est trop courant : choisissez une phrase à vous, par exemple trois ou quatre mots.
team-password-set = Votre mot de passe est enregistré. Connectez-vous.
team-password-changed = Votre mot de passe est changé. Vos autres sessions sont fermées.

## Passwords
team-password-title = Changer mon mot de passe — Portail ALI
team-password-heading = Changer mon mot de passe
team-password-rule = Au moins 12 caractères. Une phrase facile à retenir suffit ; évitez les mots de passe courants.
team-password-current = Mot de passe actuel
team-password-new = Nouveau mot de passe
team-password-confirm = Nouveau mot de passe, encore une fois
team-password-submit = Changer le mot de passe
team-choose-title = Choisir mon mot de passe — Portail ALI
team-choose-heading = Choisir mon mot de passe
team-choose-submit = Enregistrer le mot de passe
team-choose-sign-in = Retour à la connexion professionnelle

## E-mails
team-mail-welcome-subject = Votre compte sur le Portail ALI
# $name: first name, $link: the one-time link, $hours: how long it works.
team-mail-welcome-body = Bonjour { $name },

    Un compte a été créé pour vous sur le Portail ALI. Pour choisir votre mot de passe, ouvrez ce lien (valable { $hours } heures, une seule fois) :
    { $link }

    Si vous n'attendiez pas ce message, ignorez-le.
team-mail-reset-subject = Choisir un nouveau mot de passe — Portail ALI
team-mail-reset-body = Bonjour { $name },

    Pour choisir un nouveau mot de passe sur le Portail ALI, ouvrez ce lien (valable { $hours } heures, une seule fois) :
    { $link }

    Si vous n'avez rien demandé, prévenez la responsable de votre agence.
