//! The append-only audit trail.

use super::StoreResult;
use async_trait::async_trait;

/// An audit entry written by a change, in the change's own transaction: the trail holds
/// exactly the changes that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAudit {
    pub actor: String,
    pub action: String,
    pub subject: String,
}

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
