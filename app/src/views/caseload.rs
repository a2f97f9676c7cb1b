//! What the file active (caseload) and an allocataire's file show to staff.

use super::agenda::Counsellor;
use super::appointments::{AppointmentView, ChoicesView};
use serde::{Deserialize, Serialize};

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
