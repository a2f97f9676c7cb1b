//! The one place that reads the request context: state, current actor, session, client
//! address. The server's middleware puts the actor and the flash into the request
//! extensions; leptos_axum hands the request parts to server functions and pages.

use super::services::{
    auth::{Account, SessionAuth},
    internal, AppState,
};
use crate::domain::{error::AppError, Actor};
use crate::flash::Flash;
use chrono::{DateTime, Utc};
use http::request::Parts;
use leptos::prelude::use_context;
use tower_sessions::Session;

/// The actor resolved from the session for this request (None: anonymous).
#[derive(Debug, Clone)]
pub struct CurrentActor(pub Option<Actor>);

/// The row read to resolve the session (see `auth::Account`), for reuse in the request.
#[derive(Debug, Clone)]
pub struct CurrentAccount(pub Option<Account>);

/// The client's address, for rate limits.
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

pub const AUTH_KEY: &str = "auth";
pub const PENDING_CODE_KEY: &str = "pending_code";
pub const INVITATION_KEY: &str = "invitation";
/// The satisfaction link's token, kept in the session so that it leaves the address bar.
pub const FEEDBACK_KEY: &str = "feedback_link";
pub const FLASH_KEY: &str = "flash";
/// The agency the département admin picked for the staff pages.
pub const AGENCY_KEY: &str = "agency";
/// The page a signed-out visitor asked for, to return to after signing in.
pub const RETURN_KEY: &str = "return_to";
/// The token of a link to choose a staff password, taken out of its address.
pub const RESET_KEY: &str = "password_link";

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| internal("request parts missing from context"))
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| internal("app state missing from context"))
}

pub fn actor() -> Result<Actor, AppError> {
    parts()?
        .extensions
        .get::<CurrentActor>()
        .and_then(|a| a.0.clone())
        .ok_or(AppError::NotSignedIn)
}

pub fn optional_actor() -> Option<Actor> {
    actor().ok()
}

/// The signed-in person's row, as read when the session was resolved.
pub fn account() -> Option<Account> {
    parts().ok().and_then(|p| {
        p.extensions
            .get::<CurrentAccount>()
            .and_then(|a| a.0.clone())
    })
}

/// State and the signed-in actor, or `NotSignedIn`.
pub fn authed() -> Result<(AppState, Actor), AppError> {
    Ok((state()?, actor()?))
}

pub fn session() -> Result<Session, AppError> {
    parts()?
        .extensions
        .get::<Session>()
        .cloned()
        .ok_or_else(|| internal("session layer missing"))
}

pub fn client() -> String {
    parts()
        .ok()
        .and_then(|p| p.extensions.get::<ClientAddr>().map(|c| c.0.clone()))
        .unwrap_or_default()
}

pub fn flash() -> Option<Flash> {
    parts()
        .ok()
        .and_then(|p| p.extensions.get::<Flash>().cloned())
}

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

fn session_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store error");
    AppError::Internal
}

pub async fn session_get<T: serde::de::DeserializeOwned>(key: &str) -> Result<Option<T>, AppError> {
    session()?.get::<T>(key).await.map_err(session_error)
}

pub async fn session_set<T: serde::Serialize + Send + Sync>(
    key: &str,
    value: T,
) -> Result<(), AppError> {
    session()?.insert(key, value).await.map_err(session_error)
}

pub async fn session_take<T: serde::de::DeserializeOwned>(
    key: &str,
) -> Result<Option<T>, AppError> {
    session()?.remove::<T>(key).await.map_err(session_error)
}

/// Signs in: a new session id (no fixation), then the auth record.
/// Signs the session in (a new session id). Returns where to go next: the page asked for
/// before signing in, else the audience's home.
pub async fn sign_in(auth: SessionAuth) -> Result<String, AppError> {
    let s = session()?;
    s.cycle_id().await.map_err(session_error)?;
    let _ = s.remove_value(PENDING_CODE_KEY).await;
    let asked: Option<String> = s.remove(RETURN_KEY).await.ok().flatten();
    let next = crate::pages::after_sign_in(asked.as_deref(), auth.staff);
    s.insert(AUTH_KEY, auth).await.map_err(session_error)?;
    Ok(next)
}

/// When this session signed in (its absolute timeout runs from there).
pub async fn session_login_at() -> Result<i64, AppError> {
    let auth: Option<SessionAuth> = session_get(AUTH_KEY).await?;
    auth.map(|a| a.login_at).ok_or(AppError::NotSignedIn)
}

pub async fn sign_out() -> Result<(), AppError> {
    session()?.flush().await.map_err(session_error)
}

/// The CSP nonce of this response (scripts the page may run).
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);
