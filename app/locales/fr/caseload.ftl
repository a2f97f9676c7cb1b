# The file active (caseload) and an allocataire's file, for staff.

## First-meeting deadline flags (DeadlineFlag::label_key)
caseload-flag-met = Premier rendez-vous fait
caseload-flag-late = En retard
caseload-flag-due-soon = À faire sous 3 jours
caseload-flag-on-track = Dans les délais

# A file with no counsellor yet.
caseload-unassigned = Non attribué
# $flag: the flag above; $n: working days left before the deadline (weekends and holidays excluded).
caseload-flag-working-days = { $flag } : { $n } j. ouvrés
