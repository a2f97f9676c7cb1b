//! What the staff agenda and slot pages show.

use super::appointments::{AppointmentView, DayGroup, SlotView};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaDay {
    pub day: String,
    /// « Jour férié : Noël… » when the day is a public holiday.
    pub holiday: Option<String>,
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
