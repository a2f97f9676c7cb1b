//! Bulk loading: demo data, test fixtures and benchmarks.

use super::{AgencyRow, AllocataireRow, NewSlot, StaffRow, StoreResult};
use crate::domain::appointment::{AppointmentReason, AppointmentStatus, BookedBy, Modality};
use crate::domain::contract::{ContractStatus, ContractTerms, Signature};
use crate::domain::{AgencyId, AllocataireId, StaffId};
use async_trait::async_trait;

/// A rendez-vous of the demo history (or an upcoming one), with the slot it takes.
#[derive(Clone, Debug)]
pub struct SeedMeeting {
    pub slot: NewSlot,
    pub allocataire_id: AllocataireId,
    pub modality: Modality,
    pub reason: AppointmentReason,
    pub status: AppointmentStatus,
    pub booked_by: BookedBy,
    /// When it was booked (also its last change).
    pub booked_at: i64,
}

/// A contract of the demo history (version 1): proposed, signed or validated. A signed
/// one makes the parcours contractualisé, a validated one en cours, from its start.
#[derive(Clone, Debug)]
pub struct SeedContract {
    pub allocataire_id: AllocataireId,
    pub status: ContractStatus,
    pub terms: ContractTerms,
    pub created_by: StaffId,
    /// When it was drafted and proposed.
    pub proposed_at: i64,
    pub signed_at: Option<i64>,
    pub signature: Option<Signature>,
    pub validated_at: Option<i64>,
}

#[async_trait]
pub trait SeedStore: Send + Sync {
    async fn insert_agency(&self, a: &AgencyRow) -> StoreResult<AgencyId>;
    async fn insert_staff(&self, s: &StaffRow) -> StoreResult<StaffId>;
    /// Inserts the people in one transaction; returns their ids, in order.
    async fn insert_allocataires(
        &self,
        rows: &[AllocataireRow],
        now: i64,
    ) -> StoreResult<Vec<AllocataireId>>;
    /// Inserts each meeting with its own slot, in one transaction.
    async fn insert_meetings(&self, rows: &[SeedMeeting], now: i64) -> StoreResult<()>;
    /// Inserts the contracts and the parcours they set, in one transaction.
    async fn insert_contracts(&self, rows: &[SeedContract]) -> StoreResult<()>;
}
