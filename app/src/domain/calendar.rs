//! Working days: French public holidays (fixed and Easter-based) and weekends. Slots are
//! never opened on a public holiday; the first-meeting clock counts working days.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The French public holidays (jours fériés, metropolitan France).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYear,
    EasterMonday,
    LabourDay,
    VictoryInEurope,
    Ascension,
    WhitMonday,
    BastilleDay,
    Assumption,
    AllSaints,
    Armistice,
    Christmas,
}

impl Holiday {
    /// The catalogue key of the holiday's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::NewYear => "calendar-new-year",
            Self::EasterMonday => "calendar-easter-monday",
            Self::LabourDay => "calendar-labour-day",
            Self::VictoryInEurope => "calendar-victory",
            Self::Ascension => "calendar-ascension",
            Self::WhitMonday => "calendar-whit-monday",
            Self::BastilleDay => "calendar-bastille-day",
            Self::Assumption => "calendar-assumption",
            Self::AllSaints => "calendar-all-saints",
            Self::Armistice => "calendar-armistice",
            Self::Christmas => "calendar-christmas",
        }
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher"
/// computus). `None` outside chrono's range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The public holiday falling on `date`, if any.
pub fn public_holiday(date: NaiveDate) -> Option<Holiday> {
    let fixed = match (date.month(), date.day()) {
        (1, 1) => Some(Holiday::NewYear),
        (5, 1) => Some(Holiday::LabourDay),
        (5, 8) => Some(Holiday::VictoryInEurope),
        (7, 14) => Some(Holiday::BastilleDay),
        (8, 15) => Some(Holiday::Assumption),
        (11, 1) => Some(Holiday::AllSaints),
        (11, 11) => Some(Holiday::Armistice),
        (12, 25) => Some(Holiday::Christmas),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    let easter = easter_sunday(date.year())?;
    match (date - easter).num_days() {
        1 => Some(Holiday::EasterMonday),
        39 => Some(Holiday::Ascension),
        50 => Some(Holiday::WhitMonday),
        _ => None,
    }
}

/// Monday to Friday and not a public holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && public_holiday(date).is_none()
}

/// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut n = 0;
    let mut d = from;
    while d < to {
        d += Duration::days(1);
        n += i64::from(is_working_day(d));
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid date")
    }

    #[test]
    fn easter_falls_on_the_published_sundays() {
        for (year, date) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2000, "2000-04-23"),
        ] {
            assert_eq!(easter_sunday(year), Some(d(date)), "{year}");
        }
    }

    #[test]
    fn the_eleven_french_public_holidays_of_2026_are_known() {
        let days = [
            ("2026-01-01", Holiday::NewYear),
            ("2026-04-06", Holiday::EasterMonday),
            ("2026-05-01", Holiday::LabourDay),
            ("2026-05-08", Holiday::VictoryInEurope),
            ("2026-05-14", Holiday::Ascension),
            ("2026-05-25", Holiday::WhitMonday),
            ("2026-07-14", Holiday::BastilleDay),
            ("2026-08-15", Holiday::Assumption),
            ("2026-11-01", Holiday::AllSaints),
            ("2026-11-11", Holiday::Armistice),
            ("2026-12-25", Holiday::Christmas),
        ];
        for (date, holiday) in days {
            assert_eq!(public_holiday(d(date)), Some(holiday), "{date}");
        }
        let mut count = 0;
        let mut day = d("2026-01-01");
        while day.year() == 2026 {
            count += usize::from(public_holiday(day).is_some());
            day += Duration::days(1);
        }
        assert_eq!(count, 11);
        assert_eq!(
            public_holiday(d("2026-04-05")),
            None,
            "Easter Sunday itself"
        );
        assert_eq!(public_holiday(d("2026-12-24")), None);
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        assert!(is_working_day(d("2026-12-24")), "a Thursday");
        assert!(!is_working_day(d("2026-12-25")), "Christmas, a Friday");
        assert!(!is_working_day(d("2026-12-26")), "a Saturday");
        assert!(!is_working_day(d("2026-12-27")), "a Sunday");
        assert!(is_working_day(d("2026-12-28")));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // Mon 21 Dec → Mon 4 Jan 2027: 22,23,24,28,29,30,31 Dec and 4 Jan (25 Dec, 1 Jan
        // and two weekends excluded).
        assert_eq!(working_days_between(d("2026-12-21"), d("2027-01-04")), 8);
        assert_eq!(working_days_between(d("2026-12-21"), d("2026-12-21")), 0);
        assert_eq!(working_days_between(d("2026-12-22"), d("2026-12-21")), 0);
    }
}
