//! Deadlines from the département's specification.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// First meeting within 15 days of the orientation date.
pub const FIRST_MEETING_DAYS: i64 = 15;
/// A file is "due soon" when the deadline is this many days away or fewer.
pub const DUE_SOON_DAYS: i64 = 3;

pub fn first_meeting_deadline(orientation: NaiveDate) -> NaiveDate {
    orientation + Duration::days(FIRST_MEETING_DAYS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineFlag {
    /// The first meeting has taken place.
    Met,
    /// The deadline has passed without a first meeting.
    Late,
    /// The deadline is within `DUE_SOON_DAYS`.
    DueSoon,
    /// Time remains.
    OnTrack,
}

impl DeadlineFlag {
    pub const ALL: [DeadlineFlag; 4] = [Self::Met, Self::Late, Self::DueSoon, Self::OnTrack];
    /// The catalogue key of the flag's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Met => "caseload-flag-met",
            Self::Late => "caseload-flag-late",
            Self::DueSoon => "caseload-flag-due-soon",
            Self::OnTrack => "caseload-flag-on-track",
        }
    }
}

/// The flag a file shows today. `first_meeting_done`: an attended appointment exists.
pub fn first_meeting_flag(
    orientation: NaiveDate,
    first_meeting_done: bool,
    today: NaiveDate,
) -> DeadlineFlag {
    if first_meeting_done {
        return DeadlineFlag::Met;
    }
    let deadline = first_meeting_deadline(orientation);
    if today > deadline {
        DeadlineFlag::Late
    } else if (deadline - today).num_days() <= DUE_SOON_DAYS {
        DeadlineFlag::DueSoon
    } else {
        DeadlineFlag::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid date")
    }

    #[test]
    fn the_first_meeting_is_due_fifteen_days_after_orientation() {
        assert_eq!(first_meeting_deadline(d("2026-11-20")), d("2026-12-05"));
    }

    #[test]
    fn a_file_is_late_the_day_after_the_deadline_and_due_soon_three_days_before() {
        let o = d("2026-11-01");
        assert_eq!(
            first_meeting_flag(o, false, d("2026-11-16")),
            DeadlineFlag::DueSoon
        );
        assert_eq!(
            first_meeting_flag(o, false, d("2026-11-13")),
            DeadlineFlag::DueSoon
        );
        assert_eq!(
            first_meeting_flag(o, false, d("2026-11-12")),
            DeadlineFlag::OnTrack
        );
        assert_eq!(
            first_meeting_flag(o, false, d("2026-11-17")),
            DeadlineFlag::Late
        );
        assert_eq!(
            first_meeting_flag(o, true, d("2026-12-30")),
            DeadlineFlag::Met
        );
    }
}
