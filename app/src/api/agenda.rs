//! The staff agenda and slots.

use crate::domain::error::AppError;
use crate::domain::inputs::{AbsenceInput, SlotInput};
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::agenda as svc};
use crate::views::{AgendaView, Done, SlotsView};
use leptos::prelude::*;

#[server(endpoint = "pro/agenda")]
pub async fn agenda(
    #[server(default)] jour: Option<String>,
    #[server(default)] semaine: Option<String>,
    #[server(default)] conseiller: Option<i64>,
) -> Result<AgendaView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::agenda(&st, &actor, jour, semaine.is_some(), conseiller, ctx::now()).await
}

#[server(endpoint = "pro/creneaux")]
pub async fn slots_page(#[server(default)] conseiller: Option<i64>) -> Result<SlotsView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::slots_page(&st, &actor, conseiller, ctx::now()).await
}

#[server(endpoint = "pro/creneaux/ouvrir")]
pub async fn open_slots(#[server(flatten)] input: SlotInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::open_slots(&st, &actor, input, ctx::now()).await
}

#[server(endpoint = "pro/creneaux/fermer")]
pub async fn close_slot(slot_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::close_slot(&st, &actor, slot_id, ctx::now()).await
}

#[server(endpoint = "pro/absence")]
pub async fn add_absence(#[server(flatten)] input: AbsenceInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::add_absence(&st, &actor, input, ctx::now()).await
}
