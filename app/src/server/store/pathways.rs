//! The parcours: its stored state, its steps, and the files whose next deadline is near.

use super::{NewAudit, StoreResult};
use crate::domain::pathway::{
    ExitReason, PathwayState, Referral, RequestKind, RequestStatus, StepKind, StepObject,
    StepStatus,
};
use crate::domain::{AgencyId, AllocataireId, RequestId, StaffId, StepId};
use async_trait::async_trait;
use chrono::NaiveDate;

/// A person's parcours as stored, with what the agenda says of the first meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathwayRow {
    /// None until a contract or an exit stores a state.
    pub stored: Option<PathwayState>,
    /// The start of the first attended rendez-vous (the first meeting).
    pub first_attended_at: Option<i64>,
    pub started_on: Option<NaiveDate>,
    pub renewed_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub exit_reason: Option<ExitReason>,
    pub referral: Option<Referral>,
    pub recommendation: Option<String>,
}

/// A change of the stored state (renewal, exit). The signature and the validation of a
/// contract move the parcours in the contract's own transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathwayChange {
    pub to: PathwayState,
    pub renewed_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub exit_reason: Option<ExitReason>,
    pub referral: Option<Referral>,
    pub recommendation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRow {
    pub id: StepId,
    pub allocataire_id: AllocataireId,
    pub kind: StepKind,
    pub object: StepObject,
    pub status: StepStatus,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub outcome: String,
    pub feedback: String,
}

/// A step to record, or the new values of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    pub allocataire_id: AllocataireId,
    pub kind: StepKind,
    pub object: StepObject,
    pub status: StepStatus,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub outcome: String,
    pub feedback: String,
    pub created_by: Option<StaffId>,
}

/// What the deadline lists need of one open file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRow {
    pub id: AllocataireId,
    pub numero: String,
    pub first_name: String,
    pub last_name: String,
    pub counsellor_id: Option<StaffId>,
    pub orientation_date: NaiveDate,
    pub first_attended_at: Option<i64>,
    pub stored: Option<PathwayState>,
    pub started_on: Option<NaiveDate>,
}

/// A person's request to change référent or form of support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    pub id: RequestId,
    pub allocataire_id: AllocataireId,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub reason: String,
    pub answer: Option<String>,
    pub answered_by: Option<StaffId>,
    pub answered_at: Option<i64>,
    pub created_at: i64,
}

#[async_trait]
pub trait PathwayStore: Send + Sync {
    async fn pathway(&self, person: AllocataireId) -> StoreResult<PathwayRow>;
    /// The person's steps, oldest first.
    async fn steps(&self, person: AllocataireId) -> StoreResult<Vec<StepRow>>;
    async fn add_step(&self, step: &NewStep, audit: &NewAudit, now: i64) -> StoreResult<StepId>;
    /// Updates a step of this person (false: no such step of theirs).
    async fn update_step(
        &self,
        id: StepId,
        step: &NewStep,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool>;
    /// Moves the parcours if its stored state is still `from` (None: no row yet).
    /// False when it changed meanwhile.
    async fn move_pathway(
        &self,
        person: AllocataireId,
        from: Option<PathwayState>,
        change: &PathwayChange,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool>;
    /// The person's requests, newest first.
    async fn requests_of(&self, person: AllocataireId) -> StoreResult<Vec<RequestRow>>;
    /// Records a request; None when one is already open (`support_requests_one_open`).
    async fn open_request(
        &self,
        person: AllocataireId,
        kind: RequestKind,
        reason: &str,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<Option<RequestId>>;
    /// Answers the person's open request `id` (false: not open, or not theirs), with the
    /// message that tells them, in one transaction.
    #[allow(clippy::too_many_arguments)]
    async fn answer_request(
        &self,
        id: RequestId,
        person: AllocataireId,
        decision: RequestStatus,
        answer: &str,
        by: Option<StaffId>,
        audit: &NewAudit,
        messages: &[super::NewMessage],
        now: i64,
    ) -> StoreResult<bool>;
    /// Every open file of the agency (of one counsellor, if set), for the deadline lists.
    async fn due_files(
        &self,
        agency: AgencyId,
        counsellor: Option<StaffId>,
    ) -> StoreResult<Vec<DueRow>>;
}
