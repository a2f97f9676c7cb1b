# The portal's error messages (AppError), shown on pages and returned by the API.
error-not-signed-in = Votre session a expiré, ou vous ne vous êtes pas encore connecté. Merci de vous connecter.
error-not-found = Cette page n'existe pas ou vous n'y avez pas accès.
error-forbidden = Vous n'avez pas le droit de faire cette action.
error-rate-limited = Trop de tentatives. Merci de réessayer dans { $seconds } secondes.
error-internal = Une erreur est survenue de notre côté. Merci de réessayer dans quelques minutes.
error-form-one = Le formulaire contient une erreur.
error-form-many = Le formulaire contient des erreurs.
error-title-not-found = Page introuvable
error-next-not-found = Vérifiez l'adresse de la page, ou repartez de l'accueil : vous y retrouverez votre espace.
error-title-forbidden = Accès refusé
error-next-forbidden = Si vous pensez que c'est une erreur, demandez à la personne responsable de votre agence.
error-title-signed-out = Connexion nécessaire
error-next-signed-out = Connectez-vous, puis revenez à cette page.
error-title-other = Un problème est survenu
error-next-other = Réessayez dans quelques minutes. Si le problème continue, contactez votre agence.
