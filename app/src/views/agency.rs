//! What the agency's settings page and its audit trail show.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureView {
    /// 2026-12-24 (the value the remove form posts).
    pub date: String,
    /// « jeudi 24 décembre 2026 »
    pub day: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencySettingsView {
    pub agency: String,
    pub booking_cutoff_hours: i64,
    pub change_cutoff_hours: i64,
    pub max_upcoming_online: i64,
    /// Closure days from today on, earliest first.
    pub closures: Vec<ClosureView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub when: String,
    /// The staff member's name, or who else acted (« un allocataire », « personne connectée »).
    pub actor: String,
    pub action: String,
    pub subject: String,
    /// The file the entry concerns, if any (a link for staff).
    pub file: Option<i64>,
    pub refused: bool,
}

/// The filter as the page echoes it back in its form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub staff: Option<i64>,
    pub file: Option<i64>,
    pub kind: String,
    pub from: String,
    pub to: String,
    pub page: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub agency: String,
    pub lines: Vec<AuditLine>,
    /// (staff id, name) for the « qui » filter.
    pub staff: Vec<(i64, String)>,
    /// (value, label) for the « quoi » filter.
    pub kinds: Vec<(String, String)>,
    pub query: AuditQuery,
    pub has_more: bool,
}
