# Texts the server answers itself, outside the pages (plain-text errors), and the
# generic errors of a server-function call.

server-form-too-large = Le formulaire envoyé est trop volumineux.
server-error = Une erreur est survenue.
server-error-retry = Une erreur est survenue. Réessayez dans quelques minutes.
server-cross-origin = Demande refusée : elle ne vient pas d'une page du portail.
server-appointment-not-found = Ce rendez-vous n'existe pas ou vous n'y avez pas accès.
server-request-invalid = La demande est invalide. Rechargez la page et réessayez.
server-unreachable = Le serveur n'a pas pu être joint. Vérifiez votre connexion.
