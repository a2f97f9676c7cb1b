//! The managed list of workshop themes, shared by every agency.

use super::{NewAudit, StoreResult};
use async_trait::async_trait;

/// A theme of the managed list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeRow {
    pub key: String,
    /// None: one of the usual themes (its label is in the catalogue).
    pub label: Option<String>,
    pub archived: bool,
}

#[async_trait]
pub trait ThemeStore: Send + Sync {
    /// The managed list of themes, in the order they were added.
    async fn themes(&self) -> StoreResult<Vec<ThemeRow>>;
    /// Adds a theme; its key is made here. None: a theme with that label (any case)
    /// exists.
    async fn add_theme(
        &self,
        label: &str,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<Option<String>>;
    /// Archives a theme (no new session can use it) or brings it back. False: no such
    /// theme.
    async fn set_theme_archived(
        &self,
        key: &str,
        archived: bool,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool>;
}
