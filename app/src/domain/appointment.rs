//! Appointments (rendez-vous): modalities, the status machine and the change cut-off.

use super::error::AppError;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// No reminder within this many hours of the confirmation (or of the move's): a booking
/// made 30 hours ahead would otherwise get its « rappel » seconds after « confirmé ».
pub const REMINDER_QUIET_HOURS: i64 = 12;

/// The latest confirmation time (seconds) of an appointment that may be reminded at `now`.
pub fn reminder_confirmed_before(now: i64) -> i64 {
    now - REMINDER_QUIET_HOURS * 3600
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    SurPlace,
    Telephone,
    Visio,
}

impl Modality {
    pub const ALL: [Modality; 3] = [Modality::SurPlace, Modality::Telephone, Modality::Visio];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SurPlace => "sur_place",
            Self::Telephone => "telephone",
            Self::Visio => "visio",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
    /// The catalogue key of the modality's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::SurPlace => "rdv-modality-sur-place",
            Self::Telephone => "rdv-modality-telephone",
            Self::Visio => "rdv-modality-visio",
        }
    }
    /// Parses a slot's stored list ("sur_place,telephone") strictly: None if any item is
    /// unknown or the list is empty.
    pub fn parse_stored_list(s: &str) -> Option<Vec<Modality>> {
        let list = s
            .split(',')
            .map(|m| Self::parse(m.trim()))
            .collect::<Option<Vec<_>>>()?;
        (!list.is_empty()).then_some(list)
    }
    pub fn join(list: &[Modality]) -> String {
        list.iter()
            .map(|m| m.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Booked,
    Attended,
    Missed,
    Excused,
    CancelledByAgency,
    CancelledByAllocataire,
}

impl AppointmentStatus {
    pub const ALL: [AppointmentStatus; 6] = [
        Self::Booked,
        Self::Attended,
        Self::Missed,
        Self::Excused,
        Self::CancelledByAgency,
        Self::CancelledByAllocataire,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Attended => "attended",
            Self::Missed => "missed",
            Self::Excused => "excused",
            Self::CancelledByAgency => "cancelled_by_agency",
            Self::CancelledByAllocataire => "cancelled_by_allocataire",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
    /// The catalogue key of the status's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Booked => "rdv-status-booked",
            Self::Attended => "rdv-status-attended",
            Self::Missed => "rdv-status-missed",
            Self::Excused => "rdv-status-excused",
            Self::CancelledByAgency => "rdv-status-cancelled-by-agency",
            Self::CancelledByAllocataire => "rdv-status-cancelled-by-allocataire",
        }
    }
    pub fn is_active(self) -> bool {
        self == Self::Booked
    }
}

/// Why an appointment was booked: the first meeting (« premier accueil ») or a follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentReason {
    FirstMeeting,
    FollowUp,
}

impl AppointmentReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FirstMeeting => "premier_accueil",
            Self::FollowUp => "suivi",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::FirstMeeting, Self::FollowUp]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// Who booked an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookedBy {
    Allocataire,
    Staff,
}

impl BookedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allocataire => "allocataire",
            Self::Staff => "staff",
        }
    }
}

/// A slot is offered (open) or withdrawn (closed, e.g. during an absence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotStatus {
    Open,
    Closed,
}

impl SlotStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Closed]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// The outcomes a counsellor can record on a booked appointment.
pub fn can_record(
    status: AppointmentStatus,
    outcome: AppointmentStatus,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if status != AppointmentStatus::Booked {
        return Err(AppError::Conflict(crate::tr!(
            "rdv-outcome-already-recorded"
        )));
    }
    match outcome {
        AppointmentStatus::Booked => Err(AppError::field(
            "outcome",
            &crate::tr!("rdv-outcome-choose"),
        )),
        AppointmentStatus::Attended | AppointmentStatus::Missed if now < starts_at => Err(
            AppError::field("outcome", &crate::tr!("rdv-outcome-not-yet")),
        ),
        _ => Ok(()),
    }
}

/// Can the allocataire still move or cancel this appointment themself?
pub fn can_change(
    status: AppointmentStatus,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
    cutoff_hours: i64,
) -> Result<(), AppError> {
    if status != AppointmentStatus::Booked {
        return Err(AppError::Conflict(crate::tr!("rdv-not-changeable")));
    }
    if now + Duration::hours(cutoff_hours) > starts_at {
        return Err(AppError::Conflict(crate::tr!(
            "rdv-change-too-late",
            hours = cutoff_hours
        )));
    }
    Ok(())
}

/// Two half-open time ranges overlap.
pub fn overlaps(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, 0, 0)
            .single()
            .expect("valid date")
    }

    #[test]
    fn a_cancelled_appointment_cannot_be_attended() {
        let r = can_record(
            AppointmentStatus::CancelledByAllocataire,
            AppointmentStatus::Attended,
            at(9),
            at(12),
        );
        assert!(matches!(r, Err(AppError::Conflict(_))));
    }

    #[test]
    fn a_future_appointment_cannot_be_marked_attended_or_missed() {
        assert!(can_record(
            AppointmentStatus::Booked,
            AppointmentStatus::Missed,
            at(14),
            at(9)
        )
        .is_err());
        assert!(can_record(
            AppointmentStatus::Booked,
            AppointmentStatus::Excused,
            at(14),
            at(9)
        )
        .is_ok());
        assert!(can_record(
            AppointmentStatus::Booked,
            AppointmentStatus::Attended,
            at(9),
            at(10)
        )
        .is_ok());
    }

    #[test]
    fn an_allocataire_cannot_change_inside_the_cutoff() {
        let starts = at(14);
        assert!(can_change(
            AppointmentStatus::Booked,
            starts,
            starts - Duration::hours(25),
            24
        )
        .is_ok());
        assert!(can_change(
            AppointmentStatus::Booked,
            starts,
            starts - Duration::hours(23),
            24
        )
        .is_err());
        assert!(can_change(
            AppointmentStatus::Attended,
            starts,
            starts - Duration::hours(48),
            24
        )
        .is_err());
    }

    #[test]
    fn ranges_that_touch_do_not_overlap() {
        assert!(!overlaps((at(9), at(10)), (at(10), at(11))));
        assert!(overlaps((at(9), at(11)), (at(10), at(12))));
    }

    #[test]
    fn modalities_round_trip_through_their_stored_form() {
        let list = vec![Modality::SurPlace, Modality::Visio];
        assert_eq!(
            Modality::parse_stored_list(&Modality::join(&list)),
            Some(list)
        );
        assert_eq!(Modality::parse_stored_list("sur_place,fax"), None);
        for s in AppointmentStatus::ALL {
            assert_eq!(AppointmentStatus::parse(s.as_str()), Some(s));
        }
        for r in [AppointmentReason::FirstMeeting, AppointmentReason::FollowUp] {
            assert_eq!(AppointmentReason::parse(r.as_str()), Some(r));
        }
        assert_eq!(SlotStatus::parse("open"), Some(SlotStatus::Open));
        assert_eq!(
            AppointmentStatus::parse("réservé"),
            None,
            "an unknown stored value is no status"
        );
    }
}
