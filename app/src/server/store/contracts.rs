//! Contract versions (CER or contrat d'engagement) and « ce que je souhaite ». Each
//! workflow step is one conditional change: it happens only from the status the reader
//! saw, so two hands never sign or propose the same version twice.

use super::{NewAudit, NewMessage, StoreResult};
use crate::domain::contract::{ContractKind, ContractStatus, ContractTerms, Signature};
use crate::domain::{AllocataireId, ContractId, StaffId};
use async_trait::async_trait;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRow {
    pub id: ContractId,
    pub allocataire_id: AllocataireId,
    pub version: i64,
    pub kind: ContractKind,
    /// As stored (expiré is read from the end date).
    pub status: ContractStatus,
    pub objectives: String,
    pub person_commitments: String,
    pub agency_commitments: String,
    pub planned_actions: String,
    pub duration_months: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub weekly_hours: Option<u32>,
    pub change_request: Option<String>,
    pub created_by: Option<StaffId>,
    pub proposed_at: Option<i64>,
    pub signed_at: Option<i64>,
    pub signature: Option<Signature>,
    pub signature_recorded_by: Option<StaffId>,
    pub validated_at: Option<i64>,
    pub validated_by: Option<StaffId>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WishesRow {
    pub goals: String,
    pub needs: String,
    /// Ticked constraints, comma-separated (`childcare,transport`).
    pub constraints: String,
    pub other: String,
    pub updated_at: i64,
}

/// A workflow step that needs no more than a status change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'a> {
    /// brouillon → proposé (the person is told).
    Propose,
    /// proposé → brouillon, with the person's comment.
    RequestChange(&'a str),
}

#[async_trait]
pub trait ContractStore: Send + Sync {
    /// Every version of the person's contract, newest first.
    async fn contracts_of(&self, person: AllocataireId) -> StoreResult<Vec<ContractRow>>;
    async fn contract(&self, id: ContractId) -> StoreResult<Option<ContractRow>>;
    /// Writes a draft: a new version (`draft` None), or changes to the person's draft
    /// `draft` (None returned: it is no longer a draft). `Conflict::ContractOpen` when
    /// a draft or a proposal already exists.
    async fn save_draft(
        &self,
        person: AllocataireId,
        draft: Option<ContractId>,
        terms: &ContractTerms,
        by: Option<StaffId>,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<Option<ContractId>>;
    /// Proposes a draft or sends a proposal back to draft (false: not in that status).
    async fn contract_step(
        &self,
        id: ContractId,
        person: AllocataireId,
        step: Step<'_>,
        audit: &NewAudit,
        messages: &[NewMessage],
        now: i64,
    ) -> StoreResult<bool>;
    /// Signs version `version` if it is still the one proposed; the previous version in
    /// force is marked replaced and the first signature makes the parcours
    /// contractualisé (from the contract's start), all in one transaction.
    #[allow(clippy::too_many_arguments)]
    async fn sign_contract(
        &self,
        id: ContractId,
        person: AllocataireId,
        version: i64,
        signature: Signature,
        recorded_by: Option<StaffId>,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool>;
    /// Validates a signed contract; a contractualisé parcours becomes en cours.
    async fn validate_contract(
        &self,
        id: ContractId,
        person: AllocataireId,
        by: StaffId,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool>;
    async fn wishes(&self, person: AllocataireId) -> StoreResult<Option<WishesRow>>;
    async fn save_wishes(
        &self,
        person: AllocataireId,
        wishes: &WishesRow,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<()>;
}
