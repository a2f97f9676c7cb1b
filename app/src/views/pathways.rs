//! The parcours and the contract, as the allocataire and staff read them.

use serde::{Deserialize, Serialize};

/// The next deadline, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockView {
    /// `premier_rdv`, `contrat`, `bilan` or `fin`.
    pub milestone: String,
    /// « Votre contrat doit être signé avant le 12 janvier 2027. »
    pub sentence: String,
    /// `late`, `due_soon` or `on_track`.
    pub urgency: String,
    pub urgency_label: String,
}

/// One line of the timeline: a meeting, a workshop, a placement or a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub when: String,
    pub kind_label: String,
    pub title: String,
    pub status_label: String,
    /// The outcome and the « retour d'expérience », when there are some.
    pub details: Vec<String>,
}

/// One version of the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractView {
    pub id: i64,
    pub version: i64,
    /// `cer` or `ce`.
    pub kind: String,
    pub kind_label: String,
    /// As the reader sees it (`expire` once past its end).
    pub status: String,
    pub status_label: String,
    pub objectives: String,
    pub person_commitments: String,
    pub agency_commitments: String,
    pub planned_actions: String,
    pub duration_months: u32,
    /// « du 1 décembre 2026 au 31 mai 2027 »
    pub period: String,
    pub weekly_hours: Option<u32>,
    pub change_request: Option<String>,
    /// Who signed, how and when; who validated, when.
    pub signed: Option<String>,
    pub validated: Option<String>,
    /// The form values of a draft (dates as YYYY-MM-DD).
    pub starts_on: String,
    /// The version as an accessible PDF, for this reader.
    pub pdf: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WishesView {
    pub goals: String,
    pub needs: String,
    /// The ticked constraints, by form field name.
    pub constraints: Vec<String>,
    pub other: String,
    pub updated: Option<String>,
}

/// A request to change référent or form of support, and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i64,
    pub kind_label: String,
    pub reason: String,
    /// `ouverte`, `acceptee` or `refusee`.
    pub status: String,
    pub status_label: String,
    /// « Demande du 2 décembre 2026 · réponse au plus tard le 2 janvier 2027 »
    pub asked: String,
    pub answer: Option<String>,
}

/// « Mon parcours »: the allocataire's own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPathwayView {
    pub state: String,
    pub state_label: String,
    pub clock: Option<ClockView>,
    /// How the parcours ended, when it did.
    pub ended: Option<String>,
    pub timeline: Vec<TimelineEntry>,
    /// The version to read now: proposed (to sign) or in force.
    pub current: Option<ContractView>,
    /// Earlier versions.
    pub history: Vec<ContractView>,
    pub wishes: WishesView,
    /// Their requests, newest first; a new one may be made when none is open.
    pub requests: Vec<RequestView>,
    pub may_request: bool,
}

/// A step staff may update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepLine {
    pub id: i64,
    pub kind: String,
    pub object: String,
    pub status: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub outcome: String,
    pub feedback: String,
    pub summary: String,
}

/// The parcours of one person, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPathwayView {
    pub allocataire_id: i64,
    pub name: String,
    pub numero: String,
    pub state: String,
    pub state_label: String,
    pub clock: Option<ClockView>,
    pub ended: Option<String>,
    pub closed: bool,
    pub may_renew: bool,
    /// A new draft may be started (first meeting held, nothing open, parcours open).
    pub may_draft: bool,
    /// The signed version awaits the département and the reader may validate it.
    pub may_validate: bool,
    pub timeline: Vec<TimelineEntry>,
    pub steps: Vec<StepLine>,
    /// Every version, newest first.
    pub contracts: Vec<ContractView>,
    pub wishes: WishesView,
    pub requests: Vec<RequestView>,
    /// The attempts to reach the person (« aller vers »), newest first.
    pub contacts: Vec<super::ContactView>,
    /// (value, label) lists for the forms.
    pub objects: Vec<(String, String)>,
    pub statuses: Vec<(String, String)>,
    pub exit_reasons: Vec<(String, String)>,
    pub referrals: Vec<(String, String)>,
}

/// A file whose next deadline is late or within a week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueLine {
    pub id: i64,
    pub name: String,
    pub numero: String,
    pub counsellor: String,
    pub milestone_label: String,
    pub date: String,
    pub urgency: String,
    pub urgency_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueView {
    pub late: usize,
    pub soon: usize,
    pub lines: Vec<DueLine>,
    pub counsellors: Vec<(i64, String)>,
    pub selected: Option<i64>,
}
