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
