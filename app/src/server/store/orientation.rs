//! The monthly orientation file: the commune → agency table, the uploaded files between
//! their preview and their confirmation, and applying one in a single transaction.

use super::{AllocataireRow, NewAudit, NewMessage, StoreResult};
use crate::domain::orientation::{Changed, Known, Orientation};
use crate::domain::AgencyId;
use async_trait::async_trait;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneRow {
    pub id: i64,
    pub name: String,
    pub agency_id: AgencyId,
}

/// An uploaded file (`content` is empty in lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub id: i64,
    /// None: the département's file (every agency).
    pub agency_id: Option<AgencyId>,
    pub file_name: String,
    pub encoding: String,
    pub content: String,
    pub by: String,
    pub created_at: i64,
    pub applied_at: Option<i64>,
    pub created_people: i64,
    pub changed_people: i64,
}

/// A person the file creates, with their invitation link (its hash and expiry) and the
/// messages that carry it (their `allocataire_id` is set once the file exists).
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub orientation: Orientation,
    pub invitation: Option<(String, i64)>,
    pub messages: Vec<NewMessage>,
}

#[async_trait]
pub trait OrientationStore: Send + Sync {
    /// The table, by name.
    async fn communes(&self) -> StoreResult<Vec<CommuneRow>>;
    /// Adds a commune or changes its agency (`key`: its name as files are matched).
    async fn set_commune(
        &self,
        name: &str,
        key: &str,
        agency: AgencyId,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<()>;
    /// Keeps an uploaded file until it is confirmed; returns its id.
    async fn create_import(
        &self,
        file: &ImportRow,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<i64>;
    async fn import(&self, id: i64) -> StoreResult<Option<ImportRow>>;
    /// The latest files of an agency (None: the département's), newest first, without
    /// their content.
    async fn imports(&self, agency: Option<AgencyId>, limit: i64) -> StoreResult<Vec<ImportRow>>;
    /// Everybody on file, as the import compares them.
    async fn known_people(&self) -> StoreResult<Vec<Known>>;
    /// Applies a file in one transaction: creates the new people (référent line, details,
    /// invitation, messages), updates the changed ones (a move to another agency leaves
    /// them without référent), marks the file applied. False: it was applied already
    /// (nothing is written). A numéro taken meanwhile fails the whole transaction.
    async fn apply_import(
        &self,
        id: i64,
        new: &[NewPerson],
        changed: &[Changed],
        by: &str,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool>;
    /// The people a file created who have neither phone nor e-mail, with their address:
    /// they get a letter.
    async fn letters(&self, import: i64) -> StoreResult<Vec<(AllocataireRow, String)>>;
}
