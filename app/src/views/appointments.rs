//! What the allocataire's pages show: their space, their appointments, the slots offered.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferentView {
    pub name: String,
    pub title: String,
    pub agency: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub opening_hours: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentView {
    pub id: i64,
    pub when: String,
    pub time: String,
    pub duration_minutes: i64,
    pub modality: String,
    pub modality_label: String,
    pub location: String,
    pub counsellor: String,
    pub status: String,
    pub status_label: String,
    /// The allocataire may still move or cancel it online.
    pub can_change: bool,
    /// "jusqu'au lundi 23 novembre à 14 h 30"
    pub change_limit: String,
    pub allocataire: String,
    pub allocataire_id: i64,
    pub started: bool,
    /// For staff only: the person's reason for moving it, the note on its outcome.
    pub notes: Vec<String>,
    /// Missed or excused: staff offer the next step (book again, send a « relance »).
    pub next_step: bool,
    /// When the « relance » went, if it did.
    pub relance_sent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceView {
    pub first_name: String,
    pub referent: Option<ReferentView>,
    pub next: Option<AppointmentView>,
    /// While the first meeting has not happened: the date by which it must.
    pub first_meeting_due: Option<String>,
    pub first_meeting_late: bool,
    pub history: Vec<AppointmentView>,
    /// Satisfaction questions waiting for an answer (a card links to « Mes avis »).
    pub feedback_waiting: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    pub id: i64,
    pub time: String,
    pub end_time: String,
    pub counsellor: String,
    /// (value, label)
    pub modalities: Vec<(String, String)>,
    pub location: String,
    pub booked: bool,
    pub in_window: bool,
    /// Staff: overlaps another open slot of the same counsellor.
    pub overlap: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayGroup {
    pub day: String,
    pub slots: Vec<SlotView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoicesView {
    /// The days of this page (a few at a time, earliest first).
    pub days: Vec<DayGroup>,
    /// First meeting: the last day of the 15-day window.
    pub window_end: Option<String>,
    pub moving: Option<AppointmentView>,
    pub idempotency_key: String,
    pub paging: SlotPaging,
    /// Later days exist (« voir plus de créneaux »).
    pub has_more: bool,
    /// Only the référent's slots are shown, and the agency lets the person choose another
    /// counsellor (« voir aussi les autres conseillers »).
    pub can_see_all: bool,
    /// The référent's name when only their slots are shown (said once, not per slot).
    pub only_of: Option<String>,
    /// The modalities the slots of this page offer: (value, label).
    pub modalities: Vec<(String, String)>,
}

/// Which slots a booking page shows: its page of days, and whether every counsellor of
/// the agency is shown or the référent only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotPaging {
    #[serde(default, deserialize_with = "lenient::number")]
    pub page: u32,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub all: bool,
}

/// A form post carries every value as text, and a flattened server-function argument
/// reaches serde as text too: `page=2`, `all=1` are read as the number and the flag
/// (a JSON client may still send 2 and true).
mod lenient {
    use serde::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(u64),
        Flag(bool),
        Text(String),
    }

    pub fn number<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        match Raw::deserialize(d)? {
            Raw::Number(n) => u32::try_from(n).map_err(serde::de::Error::custom),
            Raw::Text(t) if t.trim().is_empty() => Ok(0),
            Raw::Text(t) => t.trim().parse().map_err(serde::de::Error::custom),
            Raw::Flag(_) => Err(serde::de::Error::custom("a page number")),
        }
    }

    pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        Ok(match Raw::deserialize(d)? {
            Raw::Flag(b) => b,
            Raw::Number(n) => n != 0,
            Raw::Text(t) => matches!(t.trim(), "1" | "true" | "on"),
        })
    }
}

impl SlotPaging {
    /// Days with free slots on one page.
    pub const DAYS_PER_PAGE: usize = 3;

    /// The query string of another page of the same list (`?page=2&tous=1`).
    pub fn query(self, page: u32, all: bool) -> String {
        match (page, all) {
            (0, false) => "?".into(),
            (p, false) => format!("?page={p}"),
            (0, true) => "?tous=1".into(),
            (p, true) => format!("?page={p}&tous=1"),
        }
    }
}
