//! An agency's own rules: how close to a rendez-vous a person may still book, move or
//! cancel it online, how many upcoming rendez-vous they may hold booked online, and the
//! days the agency is closed (on top of public holidays).

use super::calendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

/// Online booking: at least this many hours ahead (1 hour to one week).
pub const BOOKING_CUTOFF_HOURS: RangeInclusive<i64> = 1..=168;
/// Online move or cancel: until this many hours before (0: until it starts).
pub const CHANGE_CUTOFF_HOURS: RangeInclusive<i64> = 0..=168;
/// Upcoming rendez-vous a person may hold booked online (staff plan as many as needed).
pub const MAX_UPCOMING_ONLINE: RangeInclusive<i64> = 1..=10;

/// The agency's booking rules. Staff booking for a person are bound by none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRules {
    pub booking_cutoff_hours: i64,
    pub change_cutoff_hours: i64,
    pub max_upcoming_online: i64,
}

impl Default for BookingRules {
    /// A day's notice both ways and one upcoming rendez-vous: the rules before agencies
    /// could set their own.
    fn default() -> Self {
        Self {
            booking_cutoff_hours: 24,
            change_cutoff_hours: 24,
            max_upcoming_online: 1,
        }
    }
}

impl BookingRules {
    /// Within the ranges above (a stored row outside them is refused when decoded).
    pub fn is_valid(&self) -> bool {
        BOOKING_CUTOFF_HOURS.contains(&self.booking_cutoff_hours)
            && CHANGE_CUTOFF_HOURS.contains(&self.change_cutoff_hours)
            && MAX_UPCOMING_ONLINE.contains(&self.max_upcoming_online)
    }
}

/// Why nobody can be received on a day, if so: a public holiday or one of the agency's
/// closure days. Weekends are not closed by rule (an agency may open a Saturday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    Holiday(calendar::Holiday),
    Agency,
}

pub fn closed_on(day: NaiveDate, closures: &[NaiveDate]) -> Option<Closed> {
    if let Some(h) = calendar::public_holiday(day) {
        return Some(Closed::Holiday(h));
    }
    closures.contains(&day).then_some(Closed::Agency)
}

/// Working days left before a deadline (today excluded, the deadline included), public
/// holidays and the agency's closure days skipped; 0 once it has passed.
pub fn working_days_left(today: NaiveDate, deadline: NaiveDate, closures: &[NaiveDate]) -> i64 {
    let closed_days = closures
        .iter()
        .filter(|d| **d > today && **d <= deadline && calendar::is_working_day(**d))
        .count();
    calendar::working_days_between(today, deadline) - i64::try_from(closed_days).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid date")
    }

    #[test]
    fn holidays_and_closure_days_are_closed_other_days_are_not() {
        let closures = [d("2026-12-24"), d("2026-12-31")];
        assert_eq!(
            closed_on(d("2026-12-25"), &closures),
            Some(Closed::Holiday(calendar::Holiday::Christmas))
        );
        assert_eq!(closed_on(d("2026-12-24"), &closures), Some(Closed::Agency));
        assert_eq!(closed_on(d("2026-12-23"), &closures), None);
        assert_eq!(closed_on(d("2026-12-24"), &[]), None);
    }

    #[test]
    fn working_days_left_skip_weekends_holidays_and_closures() {
        // From Mon 21 Dec to Mon 4 Jan 2027: 8 working days (see calendar), minus the
        // closures of 24 and 31 December; a closure on a Saturday changes nothing.
        let closures = [d("2026-12-24"), d("2026-12-31"), d("2026-12-26")];
        assert_eq!(
            working_days_left(d("2026-12-21"), d("2027-01-04"), &closures),
            6
        );
        assert_eq!(working_days_left(d("2026-12-21"), d("2027-01-04"), &[]), 8);
        assert_eq!(
            working_days_left(d("2027-01-05"), d("2027-01-04"), &closures),
            0
        );
    }

    #[test]
    fn rules_outside_their_ranges_are_not_valid() {
        assert!(BookingRules::default().is_valid());
        let next_day = BookingRules {
            booking_cutoff_hours: 12,
            change_cutoff_hours: 48,
            max_upcoming_online: 3,
        };
        assert!(next_day.is_valid());
        for bad in [
            BookingRules {
                booking_cutoff_hours: 0,
                ..next_day
            },
            BookingRules {
                change_cutoff_hours: -1,
                ..next_day
            },
            BookingRules {
                max_upcoming_online: 0,
                ..next_day
            },
            BookingRules {
                max_upcoming_online: 11,
                ..next_day
            },
        ] {
            assert!(!bad.is_valid(), "{bad:?}");
        }
    }
}
