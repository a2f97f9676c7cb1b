//! What server functions return to pages: plain data, already formatted in French
//! (dates in Europe/Paris), with no secret and nothing the reader may not see.

use serde::{Deserialize, Serialize};

/// The result of every state-changing server function: a message for the person and the
/// page to show next (plain form posts are redirected there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub notice: String,
    pub redirect: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub is_staff: bool,
    pub role_label: String,
    pub can_see_messages: bool,
}

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaDay {
    pub day: String,
    pub appointments: Vec<AppointmentView>,
    pub free_slots: Vec<SlotView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counsellor {
    pub id: i64,
    pub name: String,
    pub caseload: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaView {
    pub title: String,
    pub week: bool,
    pub date: String,
    pub prev: String,
    pub next: String,
    pub counsellors: Vec<Counsellor>,
    pub selected: Option<i64>,
    pub days: Vec<AgendaDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotsView {
    pub counsellors: Vec<Counsellor>,
    pub selected: i64,
    pub days: Vec<DayGroup>,
    pub overlaps: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadLine {
    pub id: i64,
    pub name: String,
    pub numero: String,
    pub counsellor: String,
    pub orientation: String,
    pub deadline: String,
    /// "late", "due_soon", "on_track", "met"
    pub flag: String,
    pub flag_label: String,
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadView {
    pub counsellors: Vec<Counsellor>,
    pub selected: Option<i64>,
    pub lines: Vec<CaseloadLine>,
    pub late: usize,
    pub due_soon: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub line: CaseloadLine,
    pub contact: String,
    pub appointments: Vec<AppointmentView>,
    pub choices: ChoicesView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub when: String,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
}
