//! People enrolled by hand and their référents over time.

use super::{AllocataireRow, NewAudit, StoreResult};
use crate::domain::{AllocataireId, StaffId};
use async_trait::async_trait;

/// One référent of a person: who (None: nobody), from when, set by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferentChange {
    pub counsellor_id: Option<StaffId>,
    pub at: i64,
    pub by: String,
}

#[async_trait]
pub trait EnrolmentStore: Send + Sync {
    /// Creates the file and its first référent line, in one transaction.
    /// `Conflict::NumeroTaken` if the numéro allocataire already has a file. The audit
    /// entry's subject is set to the new file.
    async fn enrol(
        &self,
        person: &AllocataireRow,
        by: &str,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<AllocataireId>;
    /// Changes the référent and records it, in one transaction (false: no such file).
    async fn assign_referent(
        &self,
        person: AllocataireId,
        counsellor: Option<StaffId>,
        by: &str,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool>;
    /// The référents of a person, newest first.
    async fn referent_history(&self, person: AllocataireId) -> StoreResult<Vec<ReferentChange>>;
}
