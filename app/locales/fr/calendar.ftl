# Public holidays (domain/calendar.rs), shown on the staff agenda.
calendar-new-year = Jour de l'an
calendar-easter-monday = Lundi de Pâques
calendar-labour-day = Fête du Travail
calendar-victory = Victoire 1945
calendar-ascension = Ascension
calendar-whit-monday = Lundi de Pentecôte
calendar-bastille-day = Fête nationale
calendar-assumption = Assomption
calendar-all-saints = Toussaint
calendar-armistice = Armistice 1918
calendar-christmas = Noël
calendar-holiday = Jour férié : { $name }. Aucun créneau n'est proposé ce jour-là.
