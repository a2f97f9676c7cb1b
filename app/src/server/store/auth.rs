//! Sign-in secrets: one-time codes and invitation links (stored hashed).

use super::{NewMessage, StoreResult};
use crate::domain::AllocataireId;
use async_trait::async_trait;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    Accepted { allocataire_id: AllocataireId },
    Wrong { attempts_left: i64 },
    ExpiredOrUsed,
}

#[async_trait]
pub trait AuthStore: Send + Sync {
    /// Replaces the person's live codes with a new one and writes its message, atomically.
    async fn create_login_code(
        &self,
        allocataire_id: AllocataireId,
        code_hash: &str,
        expires_at: i64,
        now: i64,
        message: NewMessage,
    ) -> StoreResult<i64>;
    /// Counts an attempt and, if the hash matches a live code, spends it — atomically.
    async fn check_login_code(
        &self,
        id: i64,
        code_hash: &str,
        now: i64,
        max_attempts: i64,
    ) -> StoreResult<CodeCheck>;
    async fn create_invitation(
        &self,
        allocataire_id: AllocataireId,
        token_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> StoreResult<()>;
    /// Spends a live invitation; returns its allocataire.
    async fn take_invitation(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<AllocataireId>>;
}
