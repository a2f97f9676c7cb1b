//! Use cases: plain async functions taking (state, actor, input, now). Each one checks the
//! authorisation matrix itself, so they are safe whoever calls them (server functions,
//! REST routes, jobs, tests).

pub mod appointments;
pub mod auth;
pub mod notify;
pub mod outbox;
pub mod security;
pub mod staff;

use super::store::Store;
use super::Settings;
use crate::domain::Actor;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub settings: Arc<Settings>,
    pub limits: Arc<auth::Limits>,
    /// Wakes the outbox worker when a message is written.
    pub outbox_signal: Arc<tokio::sync::Notify>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, settings: Settings, limits: auth::Limits) -> Self {
        Self {
            store,
            settings: Arc::new(settings),
            limits: Arc::new(limits),
            outbox_signal: Arc::new(tokio::sync::Notify::new()),
        }
    }
}

/// How the audit trail names an actor ("allocataire:12", "staff:3").
pub fn principal_name(actor: &Actor) -> String {
    match actor {
        Actor::Allocataire { id, .. } => format!("allocataire:{id}"),
        Actor::Staff { id, .. } => format!("staff:{id}"),
    }
}

/// Appends to the audit trail. It must not block the person: a failure is logged (by the
/// store) and the action goes on.
pub async fn audit(
    st: &AppState,
    who: &str,
    action: &str,
    subject: &str,
    outcome: &str,
    now: chrono::DateTime<chrono::Utc>,
) {
    let _ = st
        .store
        .audit(now.timestamp(), who, action, subject, outcome)
        .await;
}
