use super::views::{AgendaView, CaseloadView, Done, FileView, MessageView, SlotsView};
use crate::domain::error::AppError;
use crate::domain::inputs::{AbsenceInput, BookInput, OutcomeInput, ReasonInput, SlotInput};
#[cfg(feature = "ssr")]
use crate::server::{
    ctx,
    services::{appointments, staff as svc},
};
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

#[server(endpoint = "pro/rdv/resultat")]
pub async fn record_outcome(
    appointment_id: i64,
    #[server(flatten)] input: OutcomeInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    appointments::record_outcome(&st, &actor, appointment_id, &input.outcome, ctx::now()).await
}

#[server(endpoint = "pro/rdv/annuler")]
pub async fn staff_cancel(
    appointment_id: i64,
    #[server(flatten)] input: ReasonInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    appointments::cancel(&st, &actor, appointment_id, input, true, ctx::now()).await
}

#[server(endpoint = "pro/allocataires")]
pub async fn caseload(
    #[server(default)] conseiller: Option<i64>,
) -> Result<CaseloadView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::caseload(&st, &actor, conseiller, ctx::now()).await
}

#[server(endpoint = "pro/allocataire")]
pub async fn allocataire_file(id: i64) -> Result<FileView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::allocataire_file(&st, &actor, id, ctx::now()).await
}

#[server(endpoint = "pro/allocataire/reserver")]
pub async fn book_for(
    allocataire_id: i64,
    #[server(flatten)] input: BookInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    appointments::book_for(&st, &actor, allocataire_id, input, ctx::now()).await
}

#[server(endpoint = "pro/messages")]
pub async fn sent_messages() -> Result<Vec<MessageView>, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::messages(&st, &actor, ctx::now()).await
}
