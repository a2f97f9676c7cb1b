//! Dates and times shown to people: formatted here, once, on the server, in
//! Europe/Paris, with the words and patterns of the reader's language
//! (`locales/<lang>/format.ftl`). `*_in` take the language; the others use the current
//! request's.

use crate::i18n::{text, Lang};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Paris;

const WEEKDAYS: [&str; 7] = [
    "format-weekday-1",
    "format-weekday-2",
    "format-weekday-3",
    "format-weekday-4",
    "format-weekday-5",
    "format-weekday-6",
    "format-weekday-7",
];
const WEEKDAYS_SHORT: [&str; 7] = [
    "format-weekday-short-1",
    "format-weekday-short-2",
    "format-weekday-short-3",
    "format-weekday-short-4",
    "format-weekday-short-5",
    "format-weekday-short-6",
    "format-weekday-short-7",
];
const MONTHS: [&str; 12] = [
    "format-month-1",
    "format-month-2",
    "format-month-3",
    "format-month-4",
    "format-month-5",
    "format-month-6",
    "format-month-7",
    "format-month-8",
    "format-month-9",
    "format-month-10",
    "format-month-11",
    "format-month-12",
];

pub fn ts(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
}

pub fn paris(secs: i64) -> DateTime<chrono_tz::Tz> {
    ts(secs).with_timezone(&Paris)
}

/// "mardi 24 novembre 2026"
pub fn date_in(lang: Lang, d: NaiveDate) -> String {
    text(
        lang,
        "format-date",
        &[
            (
                "weekday",
                text(
                    lang,
                    WEEKDAYS[d.weekday().num_days_from_monday() as usize],
                    &[],
                )
                .into(),
            ),
            ("day", d.day().into()),
            ("month", text(lang, MONTHS[d.month0() as usize], &[]).into()),
            ("year", d.year().into()),
        ],
    )
}

pub fn date(d: NaiveDate) -> String {
    date_in(Lang::current(), d)
}

/// "27/09/2026", for staff tables.
pub fn short_date(d: NaiveDate) -> String {
    text(
        Lang::current(),
        "format-date-short",
        &[
            ("day", format!("{:02}", d.day()).into()),
            ("month", format!("{:02}", d.month()).into()),
            ("year", d.year().into()),
        ],
    )
}

/// "lun. 30/11", a column of the week agenda.
pub fn weekday_short(d: NaiveDate) -> String {
    let lang = Lang::current();
    text(
        lang,
        "format-day-short",
        &[
            (
                "weekday",
                text(
                    lang,
                    WEEKDAYS_SHORT[d.weekday().num_days_from_monday() as usize],
                    &[],
                )
                .into(),
            ),
            ("day", format!("{:02}", d.day()).into()),
            ("month", format!("{:02}", d.month()).into()),
        ],
    )
}

/// Minutes since midnight, Paris time.
pub fn minute_of_day(secs: i64) -> u32 {
    let t = paris(secs);
    t.hour() * 60 + t.minute()
}

/// "14 h 30", "9 h"
pub fn time_in(lang: Lang, secs: i64) -> String {
    let t = paris(secs);
    if t.minute() == 0 {
        text(lang, "format-time-hour", &[("hour", t.hour().into())])
    } else {
        text(
            lang,
            "format-time",
            &[
                ("hour", t.hour().into()),
                ("minute", format!("{:02}", t.minute()).into()),
            ],
        )
    }
}

pub fn time(secs: i64) -> String {
    time_in(Lang::current(), secs)
}

/// "mardi 24 novembre 2026 à 14 h 30"
pub fn date_time_in(lang: Lang, secs: i64) -> String {
    text(
        lang,
        "format-date-time",
        &[
            ("date", date_in(lang, paris(secs).date_naive()).into()),
            ("time", time_in(lang, secs).into()),
        ],
    )
}

pub fn date_time(secs: i64) -> String {
    date_time_in(Lang::current(), secs)
}

pub fn day_of(secs: i64) -> NaiveDate {
    paris(secs).date_naive()
}

pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Paris).date_naive()
}

/// A period as its reader names it: « 12 derniers mois », « novembre 2026 »,
/// « 4e trimestre 2026 », « année 2026 ».
pub fn period(p: crate::domain::period::Period) -> String {
    use crate::domain::period::Period;
    let lang = Lang::current();
    match p {
        Period::Last12 => text(lang, "format-period-last12", &[]),
        Period::Month { year, month } => {
            let name = MONTHS
                .get(month.saturating_sub(1) as usize)
                .map(|k| text(lang, k, &[]))
                .unwrap_or_default();
            format!("{name} {year}")
        }
        Period::Quarter { year, quarter } => text(
            lang,
            "format-period-quarter",
            &[("quarter", quarter.into()), ("year", year.into())],
        ),
        Period::Year(year) => text(lang, "format-period-year", &[("year", year.into())]),
    }
}

/// Start of a Paris calendar day, as UTC seconds.
pub fn day_start(d: NaiveDate) -> i64 {
    local(d, chrono::NaiveTime::MIN).unwrap_or_default()
}

/// A Paris wall-clock time as UTC seconds (None when it does not exist: DST gap).
pub fn local(d: NaiveDate, t: chrono::NaiveTime) -> Option<i64> {
    Paris
        .from_local_datetime(&d.and_time(t))
        .earliest()
        .map(|dt| dt.timestamp())
}

/// "06 •• •• •• 78" / "c•••@exemple.fr": enough for a person to recognise their own.
pub fn mask_phone(phone: &str) -> String {
    let d: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    if d.len() < 4 {
        return "••".into();
    }
    format!(
        "{}{} •• •• •• {}{}",
        d[0],
        d[1],
        d[d.len() - 2],
        d[d.len() - 1]
    )
}

pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((user, domain)) => format!("{}•••@{}", user.chars().next().unwrap_or('•'), domain),
        None => "•••".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_the_readers_words_and_in_paris_time() {
        // 2026-11-24 13:30 UTC is 14:30 in Paris (winter time).
        let secs = Utc
            .with_ymd_and_hms(2026, 11, 24, 13, 30, 0)
            .single()
            .map(|d| d.timestamp())
            .unwrap_or_default();
        assert_eq!(date_time(secs), "mardi 24 novembre 2026 à 14 h 30");
        let summer = Utc
            .with_ymd_and_hms(2026, 7, 1, 7, 0, 0)
            .single()
            .map(|d| d.timestamp())
            .unwrap_or_default();
        assert_eq!(time(summer), "9 h");
        assert_eq!(
            date_time_in(Lang::Pseudo, summer),
            "[[[meercreedii] 1 [juuiilleet] 2026] àà [9 h]]"
        );
    }

    #[test]
    fn contact_details_are_masked() {
        assert_eq!(mask_phone("0612345678"), "06 •• •• •• 78");
        assert_eq!(mask_email("camille@exemple.fr"), "c•••@exemple.fr");
    }
}
