//! What the staff agenda and slot pages show.

use super::appointments::{AppointmentView, DayGroup, SlotView};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaDay {
    pub day: String,
    pub today: bool,
    /// « Jour férié : Noël… » when the day is a public holiday.
    pub holiday: Option<String>,
    pub appointments: Vec<AppointmentView>,
    pub free_slots: Vec<SlotView>,
}

/// One thing in a cell of the week grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridItem {
    /// "appointment" or "slot" (a free slot).
    pub kind: String,
    /// « 9 h 45 · MARTIN Camille » or « 9 h 45 libre · Nadia Benali ».
    pub text: String,
    /// An appointment's status ("booked", "attended"…), for its badge colour.
    pub status: String,
    /// The person's file, for an appointment.
    pub file: Option<i64>,
}

/// The week as a grid for desk screens: a column per day, a row per half hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaGrid {
    /// Each column: its label (« lun. 30/11 »), the day (2026-11-30) and whether it is
    /// today.
    pub days: Vec<(String, String, bool)>,
    /// Each row's time (« 9 h ») and its cells, one per day.
    pub rows: Vec<(String, Vec<Vec<GridItem>>)>,
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
    /// The week view's grid (None for a day).
    pub grid: Option<AgendaGrid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotsView {
    pub counsellors: Vec<Counsellor>,
    pub selected: i64,
    pub days: Vec<DayGroup>,
    pub overlaps: usize,
}
