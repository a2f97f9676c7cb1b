//! The append-only audit trail: who read or changed which file, when, in which agency.

use super::StoreResult;
use crate::domain::AgencyId;
use async_trait::async_trait;

/// An audit entry written by a change, in the change's own transaction: the trail holds
/// exactly the changes that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAudit {
    pub actor: String,
    /// The agency whose record it is (None: no agency, such as a failed sign-in).
    pub agency: Option<AgencyId>,
    pub action: String,
    pub subject: String,
}

/// One entry of the trail as a manager reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub outcome: String,
}

/// What a manager looks for in the trail; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Entries of this actor (`staff:12`, `allocataire:40`).
    pub actor: Option<String>,
    /// Entries about this record (`allocataire:40`, `appointment:7`): a word of the subject.
    pub subject: Option<String>,
    /// Entries whose action starts with this (`allocataire.`, `appointment.cancel`).
    pub action: Option<String>,
    /// Between these times (seconds, from inclusive, to exclusive).
    pub from: Option<i64>,
    pub to: Option<i64>,
}

#[async_trait]
pub trait AuditStore: Send + Sync {
    async fn audit(&self, at: i64, entry: &NewAudit, outcome: &str) -> StoreResult<()>;
    /// The agency's entries matching `filter`, newest first, `limit` from `offset`.
    async fn audit_trail(
        &self,
        agency: AgencyId,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<AuditRow>>;
}
