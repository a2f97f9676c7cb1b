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

/// What a page of the file active asks for (the words of its address: `recherche`,
/// `filtre` = retard | bientot | sans-referent, `tri` = nom, `page`), as applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadParams {
    pub search: String,
    pub filter: String,
    pub sort: String,
    pub page: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadView {
    pub counsellors: Vec<Counsellor>,
    pub selected: Option<i64>,
    /// This page's lines.
    pub lines: Vec<CaseloadLine>,
    /// People matching the search and filter, over all pages.
    pub total: i64,
    /// Of the search (whatever the filter): late, due soon, without référent.
    pub late: i64,
    pub due_soon: i64,
    pub unassigned: i64,
    pub query: CaseloadParams,
    pub pages: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub line: CaseloadLine,
    pub contact: String,
    /// Who followed them, newest first.
    pub referents: Vec<super::ReferentLine>,
    /// (staff id, name) of the agency's counsellors, to change the référent; empty when
    /// the reader may not.
    pub counsellors: Vec<(i64, String)>,
    pub counsellor_id: Option<i64>,
    /// The référent suggested to balance caseloads (« Suggestion : … »), for those who may
    /// assign one.
    pub suggestion: Option<String>,
    pub appointments: Vec<AppointmentView>,
    pub choices: ChoicesView,
}
