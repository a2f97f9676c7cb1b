//! Use cases: plain async functions taking (state, actor, input, now). Each one checks the
//! authorisation matrix itself, so they are safe whoever calls them (server functions,
//! REST routes, jobs, tests). One module per capability; `present` builds the views.

pub mod agency;
pub mod agenda;
pub mod appointments;
pub mod audit;
pub mod auth;
pub mod caseload;
pub mod enrolment;
pub mod exports;
pub mod notify;
pub mod orientation;
pub mod outbox;
pub mod outreach;
pub mod pathways;
pub mod present;
pub mod scope;
pub mod surveys;
pub mod team;
pub mod voice;
pub mod workshops;

use super::store::{AllocataireRow, Conflict, Principal, StaffRow, Store, StoreError};
use super::Settings;
use crate::domain::authz::{check, Action, Target};
use crate::domain::error::AppError;
use crate::domain::{Actor, AgencyId, AllocataireId, StaffId};
use crate::tr;
use std::collections::HashMap;
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

/// An internal failure: its cause is logged here, once; the person reads a generic message.
pub fn internal(cause: &str) -> AppError {
    tracing::error!(cause, "internal error");
    AppError::Internal
}

/// The default words for a store failure. A use case that means something more precise
/// matches the `StoreError` itself before falling back on this.
impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(c) => AppError::Conflict(match c {
                Conflict::SlotTaken => tr!("rdv-slot-taken"),
                Conflict::SlotGone => tr!("rdv-slot-gone"),
                Conflict::SlotNotOffered => tr!("rdv-slot-not-offered"),
                Conflict::UpcomingLimit => tr!("rdv-upcoming-limit"),
                Conflict::NotBooked => tr!("rdv-not-changeable"),
                Conflict::ClosureExists => tr!("agency-closure-exists"),
                Conflict::EmailTaken => tr!("team-email-taken"),
                Conflict::NumeroTaken => tr!("enrol-numero-taken"),
                Conflict::ContractOpen => tr!("contract-open-exists"),
            }),
            StoreError::Database(e) => {
                tracing::error!(error = %e, "database error");
                AppError::Internal
            }
        }
    }
}

/// Appends to the audit trail. It must not block the person: a failure is logged and the
/// action goes on. `agency`: the agency whose record it is (None: none, e.g. an unknown
/// account).
pub async fn audit_as(
    st: &AppState,
    who: &str,
    agency: Option<AgencyId>,
    action: &str,
    subject: &str,
    outcome: &str,
    now: chrono::DateTime<chrono::Utc>,
) {
    let entry = crate::server::store::NewAudit {
        actor: who.into(),
        agency,
        action: action.into(),
        subject: subject.into(),
    };
    if let Err(e) = st.store.audit(now.timestamp(), &entry, outcome).await {
        tracing::error!(error = %e, audit.action = action, "audit write failed");
    }
}

/// The audit entry of a change to a record of `agency`, written by the store in the
/// change's transaction (a change that rolls back leaves no entry; an entry that cannot be
/// written rolls the change back).
pub fn change(
    actor: &Actor,
    agency: AgencyId,
    action: &str,
    subject: String,
) -> crate::server::store::NewAudit {
    crate::server::store::NewAudit {
        actor: Principal::from(actor).to_string(),
        agency: Some(agency),
        action: action.into(),
        subject,
    }
}

/// Audits a read or a sign-in event of a signed-in actor on a record of `agency`
/// (changes use [`change`]).
pub async fn audit(
    st: &AppState,
    actor: &Actor,
    agency: Option<AgencyId>,
    action: &str,
    subject: &str,
    now: chrono::DateTime<chrono::Utc>,
) {
    audit_as(
        st,
        &Principal::from(actor).to_string(),
        agency,
        action,
        subject,
        "ok",
        now,
    )
    .await;
}

/// Loads an allocataire's file and checks the actor may do `action` on it. Someone else's
/// file answers 404, like a file that does not exist.
pub async fn allocataire_for(
    st: &AppState,
    actor: &Actor,
    id: AllocataireId,
    action: Action,
) -> Result<AllocataireRow, AppError> {
    let p = st.store.allocataire(id).await?.ok_or(AppError::NotFound)?;
    checked(actor, action, p)
}

/// The file, if the actor may take `action` on it.
fn checked(actor: &Actor, action: Action, p: AllocataireRow) -> Result<AllocataireRow, AppError> {
    check(actor, action, Target::allocataire(p.agency_id, p.id))?;
    Ok(p)
}

/// The signed-in allocataire's own file, checked for `action`; `known` is the row the
/// request already read to resolve the session (`auth::Account`), reused when it is theirs.
pub async fn own_file(
    st: &AppState,
    actor: &Actor,
    known: Option<&AllocataireRow>,
    action: Action,
) -> Result<AllocataireRow, AppError> {
    let Actor::Allocataire { id, .. } = actor else {
        return Err(AppError::Forbidden);
    };
    if let Some(p) = known.filter(|p| p.id == *id) {
        return checked(actor, action, p.clone());
    }
    allocataire_for(st, actor, *id, action)
        .await
        .map_err(|e| match e {
            AppError::NotFound => AppError::NotSignedIn,
            other => other,
        })
}

/// Names of an agency's staff, built once per page.
#[derive(Debug, Default)]
pub struct Names(HashMap<StaffId, String>);

impl Names {
    pub fn of(&self, id: StaffId) -> &str {
        self.0.get(&id).map(String::as_str).unwrap_or("")
    }
    pub fn get(&self, id: StaffId) -> Option<&str> {
        self.0.get(&id).map(String::as_str)
    }
}

impl<'a> FromIterator<&'a StaffRow> for Names {
    fn from_iter<I: IntoIterator<Item = &'a StaffRow>>(iter: I) -> Self {
        Self(iter.into_iter().map(|s| (s.id, s.full_name())).collect())
    }
}

pub async fn staff_names(st: &AppState, agency: AgencyId) -> Result<Names, AppError> {
    Ok(st.store.staff_of_agency(agency).await?.iter().collect())
}

/// An agency's staff rows and their names, for pages that need both (one read).
pub async fn staff_and_names(
    st: &AppState,
    agency: AgencyId,
) -> Result<(Vec<StaffRow>, Names), AppError> {
    let staff = st.store.staff_of_agency(agency).await?;
    let names = staff.iter().collect();
    Ok((staff, names))
}
