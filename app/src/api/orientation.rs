//! The monthly orientation file (its upload is a multipart server route, not a server
//! function) and the commune → agency table.

use crate::domain::error::AppError;
use crate::domain::orientation::CommuneInput;
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::orientation as svc};
use crate::views::{CommunesView, Done, OrientationView, PreviewView};
use leptos::prelude::*;

#[server(endpoint = "pro/orientation")]
pub async fn orientation_page() -> Result<OrientationView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::page(&st, &actor).await
}

#[server(endpoint = "pro/orientation/apercu")]
pub async fn orientation_preview(id: i64) -> Result<PreviewView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::preview(&st, &actor, id, ctx::now()).await
}

/// Confirms a previewed file: applies it in one transaction.
#[server(endpoint = "pro/orientation/appliquer")]
pub async fn apply_orientation(import_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::apply(&st, &actor, import_id, ctx::now()).await
}

#[server(endpoint = "pro/communes")]
pub async fn communes() -> Result<CommunesView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::communes(&st, &actor).await
}

#[server(endpoint = "pro/communes/rattacher")]
pub async fn set_commune(#[server(flatten)] input: CommuneInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::set_commune(&st, &actor, input, ctx::now()).await
}
