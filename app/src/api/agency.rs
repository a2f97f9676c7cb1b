//! The agency's settings (booking rules, closure days) and its audit trail.

use crate::domain::error::AppError;
use crate::domain::inputs::{BookingRulesInput, ClosureInput};
#[cfg(feature = "ssr")]
use crate::server::{
    ctx,
    services::{agency as svc, audit},
};
#[cfg(feature = "ssr")]
use crate::views::AuditQuery;
use crate::views::{AgencySettingsView, AuditView, Done};
use leptos::prelude::*;

#[server(endpoint = "pro/reglages")]
pub async fn agency_settings() -> Result<AgencySettingsView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::settings(&st, &actor, ctx::now()).await
}

#[server(endpoint = "pro/reglages/regles")]
pub async fn save_rules(#[server(flatten)] input: BookingRulesInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::save_rules(&st, &actor, input, ctx::now()).await
}

#[server(endpoint = "pro/reglages/fermeture")]
pub async fn add_closure(#[server(flatten)] input: ClosureInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::add_closure(&st, &actor, input, ctx::now()).await
}

#[server(endpoint = "pro/reglages/fermeture/retirer")]
pub async fn remove_closure(date: String) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::remove_closure(&st, &actor, &date, ctx::now()).await
}

#[server(endpoint = "pro/journal")]
pub async fn audit_trail(
    #[server(default)] qui: Option<i64>,
    #[server(default)] dossier: Option<i64>,
    #[server(default)] quoi: Option<String>,
    #[server(default)] debut: Option<String>,
    #[server(default)] fin: Option<String>,
    #[server(default)] page: Option<u32>,
) -> Result<AuditView, AppError> {
    let (st, actor) = ctx::authed()?;
    let query = AuditQuery {
        staff: qui,
        file: dossier,
        kind: quoi.unwrap_or_default(),
        from: debut.unwrap_or_default(),
        to: fin.unwrap_or_default(),
        page: page.unwrap_or(0).min(10_000),
    };
    audit::trail(&st, &actor, query, ctx::now()).await
}
