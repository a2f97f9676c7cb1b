# Dates and times: words and patterns (server/format.rs assembles them).
format-weekday-1 = lundi
format-weekday-2 = mardi
format-weekday-3 = mercredi
format-weekday-4 = jeudi
format-weekday-5 = vendredi
format-weekday-6 = samedi
format-weekday-7 = dimanche
format-month-1 = janvier
format-month-2 = février
format-month-3 = mars
format-month-4 = avril
format-month-5 = mai
format-month-6 = juin
format-month-7 = juillet
format-month-8 = août
format-month-9 = septembre
format-month-10 = octobre
format-month-11 = novembre
format-month-12 = décembre
format-date = { $weekday } { $day } { $month } { $year }
format-weekday-short-1 = lun.
format-weekday-short-2 = mar.
format-weekday-short-3 = mer.
format-weekday-short-4 = jeu.
format-weekday-short-5 = ven.
format-weekday-short-6 = sam.
format-weekday-short-7 = dim.
# $day and $month have two digits.
format-date-short = { $day }/{ $month }/{ $year }
format-day-short = { $weekday } { $day }/{ $month }
format-time-hour = { $hour } h
format-time = { $hour } h { $minute }
format-date-time = { $date } à { $time }
format-period-last12 = 12 derniers mois
format-period-quarter = { $quarter ->
    [1] 1er
   *[other] { $quarter }e
} trimestre { $year }
format-period-year = année { $year }
