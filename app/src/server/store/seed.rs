//! Bulk loading: demo data, test fixtures and benchmarks.

use super::{AgencyRow, AllocataireRow, StaffRow, StoreResult};
use crate::domain::{AgencyId, StaffId};
use async_trait::async_trait;

#[async_trait]
pub trait SeedStore: Send + Sync {
    async fn insert_agency(&self, a: &AgencyRow) -> StoreResult<AgencyId>;
    async fn insert_staff(&self, s: &StaffRow) -> StoreResult<StaffId>;
    async fn insert_allocataires(&self, rows: &[AllocataireRow], now: i64) -> StoreResult<()>;
}
