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
    pub days: Vec<DayGroup>,
    /// First meeting: the last day of the 15-day window.
    pub window_end: Option<String>,
    pub moving: Option<AppointmentView>,
    pub idempotency_key: String,
}
