//! Dates shown to people: formatted once, on the server, in Europe/Paris, in French.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Paris;

const DAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

pub fn ts(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
}

pub fn paris(secs: i64) -> DateTime<chrono_tz::Tz> {
    ts(secs).with_timezone(&Paris)
}

/// "mardi 24 novembre 2026"
pub fn date(d: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        DAYS[d.weekday().num_days_from_monday() as usize],
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

/// "14 h 30"
pub fn time(secs: i64) -> String {
    let t = paris(secs);
    if t.minute() == 0 {
        format!("{} h", t.hour())
    } else {
        format!("{} h {:02}", t.hour(), t.minute())
    }
}

/// "mardi 24 novembre 2026 à 14 h 30"
pub fn date_time(secs: i64) -> String {
    format!("{} à {}", date(paris(secs).date_naive()), time(secs))
}

pub fn day_of(secs: i64) -> NaiveDate {
    paris(secs).date_naive()
}

pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Paris).date_naive()
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
    fn dates_read_in_french_and_in_paris_time() {
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
    }

    #[test]
    fn contact_details_are_masked() {
        assert_eq!(mask_phone("0612345678"), "06 •• •• •• 78");
        assert_eq!(mask_email("camille@exemple.fr"), "c•••@exemple.fr");
    }
}
