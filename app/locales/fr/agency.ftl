# The agency's settings (app/src/ui/staff/agency.rs, services/agency.rs): booking rules
# and closure days; and its audit trail (services/audit.rs).

## Closed days
agency-closed = Agence fermée ce jour-là : aucun créneau n'est proposé.
# $label: why, as the manager wrote it.
agency-closed-because = Agence fermée ({ $label }) : aucun créneau n'est proposé.
agency-closure-exists = L'agence est déjà fermée ce jour-là.
agency-closure-past = Choisissez un jour à venir.
# $day: the day, $n: the free slots closed that day.
agency-closure-added = Fermeture du { $day } enregistrée. { $n ->
    [0] Aucun créneau libre n'était ouvert ce jour-là.
    [one] Un créneau libre a été fermé.
   *[other] { $n } créneaux libres ont été fermés.
}
# $n: rendez-vous still booked that day.
agency-closure-booked-remain = { $n ->
    [one] Un rendez-vous reste prévu ce jour-là : prévenez la personne et déplacez-le.
   *[other] { $n } rendez-vous restent prévus ce jour-là : prévenez les personnes et déplacez-les.
}
agency-closure-removed = Le { $day } n'est plus un jour de fermeture. Rouvrez des créneaux si besoin.
agency-rules-saved = Règles de prise de rendez-vous enregistrées.

## Settings page
agency-settings-title = Réglages de l'agence — Portail ALI
# $agency: the agency's name.
agency-settings-heading = Réglages de { $agency }
agency-rules-heading = Prise de rendez-vous en ligne
agency-rules-intro = Ces règles valent pour les allocataires qui réservent eux-mêmes. L'équipe peut toujours réserver pour une personne, plusieurs rendez-vous à l'avance si besoin.
agency-rules-booking-cutoff = Réservation en ligne au plus tard (heures avant le rendez-vous)
agency-rules-booking-cutoff-hint = Par exemple 12 : un rendez-vous du lendemain matin peut être pris la veille au soir.
agency-rules-change-cutoff = Déplacement ou annulation en ligne au plus tard (heures avant)
agency-rules-change-cutoff-hint = 0 : jusqu'à l'heure du rendez-vous. Passé ce délai, la personne appelle l'agence.
agency-rules-max-upcoming = Rendez-vous à venir qu'une personne peut réserver elle-même
agency-rules-submit = Enregistrer les règles
agency-closures-heading = Jours de fermeture
agency-closures-intro = Les jours fériés sont déjà exclus. Ajoutez ici les fermetures de l'agence (pont, formation, travaux) : aucun créneau n'est proposé ces jours-là.
agency-closures-none = Aucune fermeture prévue.
agency-closure-date = Jour de fermeture
agency-closure-label = Motif (facultatif)
agency-closure-label-hint = Visible par l'équipe, par exemple : pont de l'Ascension.
agency-closure-submit = Ajouter ce jour de fermeture
# $day: the day, on the button that removes it.
agency-closure-remove = Retirer la fermeture du { $day }
agency-closure-remove-short = Retirer

## Audit trail
audit-title = Journal des accès — Portail ALI
# $agency: the agency's name.
audit-heading = Journal des accès : { $agency }
audit-intro = Qui a consulté ou modifié quel dossier, et quand. Le journal ne peut être ni modifié ni effacé.
audit-filter-legend = Filtrer le journal
audit-filter-staff = Membre de l'équipe
audit-filter-everyone = Tout le monde
audit-filter-file = Numéro de dossier
audit-filter-kind = Type d'action
audit-filter-all-kinds = Toutes les actions
audit-filter-from = Du
audit-filter-to = Au
audit-filter-submit = Filtrer
audit-caption = Entrées du journal, les plus récentes d'abord
audit-col-when = Quand
audit-col-who = Qui
audit-col-what = Action
audit-col-subject = Sur quoi
audit-none = Aucune entrée ne correspond à ce filtre.
audit-refused = refusé
audit-open-file = Dossier { $id }
audit-newer = Entrées plus récentes
audit-older = Entrées plus anciennes
audit-pager = Pages du journal
# Who acted, when no name is known.
audit-actor-staff = Membre de l'équipe n° { $id }
audit-actor-allocataire = Allocataire (dossier { $id })
audit-actor-anonymous = Personne non connectée
audit-kind-file-read = Consultation d'un dossier
audit-kind-caseload-read = Consultation de la file active
audit-kind-appointment = Rendez-vous
audit-kind-slots = Créneaux et absences
audit-kind-agency = Réglages de l'agence
audit-kind-outbox = Messages envoyés
audit-kind-signin = Connexions
audit-kind-staff = Comptes de l'équipe
audit-kind-workshop = Ateliers collectifs
audit-action-relance = Relance envoyée après un rendez-vous manqué
audit-action-enrol = Personne inscrite à la main
audit-action-referent = Référent changé
audit-action-staff-create = Compte créé
audit-action-staff-update = Compte modifié
audit-action-staff-disable = Compte désactivé
audit-action-staff-enable = Compte réactivé
audit-action-staff-link = Lien de mot de passe envoyé
audit-action-moderation-read = File de modération consultée
audit-action-moderation-decide = Texte modéré
audit-action-satisfaction-results = Résultats des avis consultés
audit-action-panel-volunteer = Volontaire pour les panels
audit-action-panel-withdraw = Retrait des panels
audit-action-panel-volunteers-read = Liste des volontaires consultée
audit-action-survey-create = Questionnaire créé
audit-action-survey-settings = Réglages du questionnaire modifiés
audit-action-survey-read = Questionnaire consulté
audit-action-survey-question-add = Question ajoutée à un questionnaire
audit-action-survey-question-edit = Question de questionnaire modifiée
audit-action-survey-question-remove = Question de questionnaire retirée
audit-action-survey-publish = Questionnaire publié
audit-action-survey-close = Questionnaire clos
audit-action-survey-results = Résultats d'un questionnaire consultés
audit-action-survey-send = Réponses à un questionnaire nominatif envoyées
audit-action-staff-password-reset = Mot de passe choisi avec un lien
audit-action-staff-password-change = Mot de passe changé
audit-action-file-read = Dossier consulté
audit-action-caseload-read = File active consultée
audit-action-book = Rendez-vous pris en ligne
audit-action-book-for = Rendez-vous pris par l'équipe
audit-action-move = Rendez-vous déplacé
audit-action-cancel = Rendez-vous annulé
audit-action-outcome = Résultat du rendez-vous enregistré
audit-action-slots-open = Créneaux ouverts
audit-action-slot-close = Créneau fermé
audit-action-absence = Absence enregistrée
audit-action-rules = Règles de rendez-vous modifiées
audit-action-closure-add = Jour de fermeture ajouté
audit-action-closure-remove = Jour de fermeture retiré
audit-action-workshop-create = Atelier créé
audit-action-workshop-view = Liste d'un atelier consultée
audit-action-workshop-export = Liste d'un atelier téléchargée
audit-action-workshop-capacity = Places d'un atelier modifiées
audit-action-workshop-cancel = Atelier annulé
audit-action-workshop-attendance = Présence à un atelier notée
audit-action-workshop-register = Inscription à un atelier
audit-action-workshop-leave = Désinscription d'un atelier
audit-action-workshop-confirm = Place d'atelier confirmée
audit-action-workshop-edit = Atelier modifié
audit-action-workshop-invite = Personnes invitées à un atelier
audit-action-workshop-sheet = Feuille d'émargement d'un atelier imprimée
audit-action-workshop-theme = Liste des thèmes d'ateliers modifiée
audit-action-agency-choose = Agence choisie
audit-action-outbox-read = Messages envoyés consultés
audit-action-audit-read = Journal consulté
audit-action-signin = Connexion
audit-action-code-sent = Code de connexion envoyé
audit-action-signin-failure = Connexion refusée

agency-webrsa-heading = Export pour WebRSA
agency-webrsa-intro = Les rendez-vous et les contrats de l'agence, en fichiers CSV pour le système d'information du Département (colonnes décrites dans docs/webrsa.md).
agency-webrsa-rdv-legend = Rendez-vous d'une période
agency-webrsa-from = Du
agency-webrsa-to = Au
agency-webrsa-period-hint = Laissés vides : le mois dernier et ce mois-ci. Une année au plus.
agency-webrsa-rdv-submit = Télécharger les rendez-vous (CSV)
agency-webrsa-cer-link = Télécharger les contrats (CSV)
