//! The append-only audit trail.

use super::StoreResult;
use async_trait::async_trait;

#[async_trait]
pub trait AuditStore: Send + Sync {
    async fn audit(
        &self,
        at: i64,
        actor: &str,
        action: &str,
        subject: &str,
        outcome: &str,
    ) -> StoreResult<()>;
}
