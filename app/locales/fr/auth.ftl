# Sign-in: one-time codes, invitation links, staff passwords, sign-out.

# The same answer whether or not an account matched.
auth-code-sent = Si un compte correspond, nous venons d'envoyer un code à 6 chiffres par SMS ou par e-mail. Il est valable 10 minutes.
auth-identifier-unknown = Identifiant non reconnu.
auth-code-not-requested = Demandez d'abord un code de connexion.
auth-wrong-code = Ce code n'est pas le bon ou il a expiré. Vérifiez le dernier message reçu, ou demandez un nouveau code.
auth-invitation-expired = Ce lien n'est plus valable. Connectez-vous avec votre numéro allocataire, votre téléphone ou votre e-mail.
auth-wrong-password = Adresse e-mail ou mot de passe incorrect.
auth-signed-in = Connexion réussie.
auth-signed-out = Déconnexion réussie.
# The header's role label of a signed-in allocataire.
auth-role-allocataire = Allocataire
auth-role-referent = Conseil en insertion
auth-role-manager = Responsable d'agence
auth-role-admin = Administration du département
auth-agency-chosen = Les pages professionnelles portent maintenant sur l'agence choisie.
