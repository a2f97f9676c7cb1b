//! Staff accounts kept in the portal: the team of an agency, creating and editing a
//! member, disabling (which ends every session at once), one-time links to choose a
//! password, and the last sign-in.

use super::{NewAudit, NewMessage, StaffRow, StoreResult};
use crate::domain::{AgencyId, StaffId, StaffRole};
use async_trait::async_trait;

/// What a manager may change on a member (the e-mail, their sign-in, stays).
#[derive(Debug, Clone)]
pub struct StaffEdit {
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub phone: String,
    pub role: StaffRole,
}

/// A one-time link to choose a password (its token hashed) and the e-mail carrying it.
#[derive(Debug, Clone)]
pub struct NewReset {
    pub token_hash: String,
    pub expires_at: i64,
    pub message: NewMessage,
}

#[async_trait]
pub trait TeamStore: Send + Sync {
    /// Everyone of the agency, disabled members included, by name.
    async fn team(&self, agency: AgencyId) -> StoreResult<Vec<StaffRow>>;
    /// Creates the account (without a usable password) and its first link, in one
    /// transaction. `Conflict::EmailTaken` if the e-mail already signs someone in.
    async fn create_staff(
        &self,
        member: &StaffRow,
        reset: NewReset,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<StaffId>;
    async fn update_staff(
        &self,
        id: StaffId,
        edit: &StaffEdit,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool>;
    /// Disables (every session ends: the epoch moves) or enables an account.
    async fn set_staff_disabled(
        &self,
        id: StaffId,
        disabled: bool,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool>;
    /// A new link for an existing member; earlier links stop working.
    async fn create_reset(
        &self,
        staff: StaffId,
        reset: NewReset,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<()>;
    /// Spends a live link and sets the password it was for (every session ends), in one
    /// transaction; None if the link is unknown, used or expired.
    async fn reset_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> StoreResult<Option<StaffId>>;
    /// Sets a member's own new password (their other sessions end).
    async fn change_password(
        &self,
        staff: StaffId,
        password_hash: &str,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<()>;
    async fn record_sign_in(&self, staff: StaffId, now: i64) -> StoreResult<()>;
}
