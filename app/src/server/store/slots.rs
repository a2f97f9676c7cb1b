//! Counsellors' slots: the times offered for appointments.

use super::{NewAudit, StoreResult};
use crate::domain::appointment::{Modality, SlotStatus};
use crate::domain::{AgencyId, SlotId, StaffId};
use async_trait::async_trait;

#[derive(Debug, Clone)]
pub struct SlotRow {
    pub id: SlotId,
    pub agency_id: AgencyId,
    pub counsellor_id: StaffId,
    pub starts_at: i64,
    pub ends_at: i64,
    pub modalities: Vec<Modality>,
    pub location: String,
    pub status: SlotStatus,
    /// An active appointment holds the slot.
    pub booked: bool,
}

#[derive(Debug, Clone)]
pub struct NewSlot {
    pub agency_id: AgencyId,
    pub counsellor_id: StaffId,
    pub starts_at: i64,
    pub ends_at: i64,
    pub modalities: Vec<Modality>,
    pub location: String,
}

#[async_trait]
pub trait SlotStore: Send + Sync {
    async fn create_slots(
        &self,
        slots: &[NewSlot],
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<usize>;
    async fn slot(&self, id: SlotId) -> StoreResult<Option<SlotRow>>;
    /// Open slots of these counsellors starting in [from, to), with their booked flag.
    async fn slots(&self, counsellors: &[StaffId], from: i64, to: i64)
        -> StoreResult<Vec<SlotRow>>;
    /// The first `limit` free open slots of these counsellors starting in [from, to).
    async fn free_slots(
        &self,
        counsellors: &[StaffId],
        from: i64,
        to: i64,
        limit: i64,
    ) -> StoreResult<Vec<SlotRow>>;
    /// Closes a slot no appointment holds. Returns false if it is booked or already closed.
    async fn close_slot(&self, id: SlotId, now: i64, audit: Option<&NewAudit>)
        -> StoreResult<bool>;
    /// Closes the free open slots of a counsellor in [from, to); returns how many.
    async fn close_free_slots_between(
        &self,
        counsellor_id: StaffId,
        from: i64,
        to: i64,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<u64>;
}
