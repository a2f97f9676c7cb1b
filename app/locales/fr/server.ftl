# Texts the server answers itself, outside the pages (plain-text errors), and the
# generic errors of a server-function call.

server-form-too-large = Le formulaire envoyé est trop volumineux.
server-error = Une erreur est survenue.
server-error-retry = Une erreur est survenue. Réessayez dans quelques minutes.
server-cross-origin = Demande refusée : elle ne vient pas d'une page du portail.
server-appointment-not-found = Ce rendez-vous n'existe pas ou vous n'y avez pas accès.
server-request-invalid = La demande est invalide. Rechargez la page et réessayez.
server-unreachable = Le serveur n'a pas pu être joint. Vérifiez votre connexion.
server-api-unknown = Cette adresse n'existe pas. Revenez à la page d'accueil du portail.
server-method-not-allowed = Cette adresse ne s'utilise pas de cette façon : passez par les formulaires du portail.
server-not-a-form = La demande doit être envoyée par un formulaire du portail.
server-sign-in-first = Connectez-vous pour ouvrir cette page. Vous y reviendrez juste après.
