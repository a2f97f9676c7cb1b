# The portal's error messages (AppError), shown on pages and returned by the API.
error-not-signed-in = Votre session a expiré ou vous n'êtes pas connecté·e. Merci de vous connecter.
error-not-found = Cette page n'existe pas ou vous n'y avez pas accès.
error-forbidden = Vous n'avez pas le droit de faire cette action.
error-rate-limited = Trop de tentatives. Merci de réessayer dans { $seconds } secondes.
error-internal = Une erreur est survenue de notre côté. Merci de réessayer dans quelques minutes.
error-form-one = Le formulaire contient une erreur.
error-form-many = Le formulaire contient des erreurs.
