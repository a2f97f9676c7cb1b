//! Appointments: the allocataire's space and bookings, and the staff actions on one
//! appointment (outcome, cancellation, booking for a person).

use crate::domain::error::AppError;
use crate::domain::inputs::{BookInput, OutcomeInput, ReasonInput, SeriesInput};
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::appointments as svc};
use crate::views::{AppointmentView, ChoicesView, Done, SlotPaging, SpaceView};
use leptos::prelude::*;

#[server(endpoint = "espace")]
pub async fn my_space() -> Result<SpaceView, AppError> {
    let (st, actor) = ctx::authed()?;
    let account = ctx::account();
    let known = account.as_ref().and_then(|a| a.allocataire());
    svc::my_space(&st, &actor, known, ctx::now()).await
}

/// The slots offered to book (or, with `moving`, to move that appointment to).
#[server(endpoint = "rdv/creneaux")]
pub async fn booking_choices(
    #[server(default)] moving: Option<i64>,
    #[server(flatten)] paging: SlotPaging,
) -> Result<ChoicesView, AppError> {
    let (st, actor) = ctx::authed()?;
    let account = ctx::account();
    let known = account.as_ref().and_then(|a| a.allocataire());
    svc::booking_choices(&st, &actor, known, moving, paging, ctx::now()).await
}

#[server(endpoint = "rdv/voir")]
pub async fn my_appointment(id: i64) -> Result<AppointmentView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::my_appointment(&st, &actor, id, ctx::now()).await
}

#[server(endpoint = "rdv/reserver")]
pub async fn book(#[server(flatten)] input: BookInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::book(&st, &actor, input, ctx::now()).await
}

#[server(endpoint = "rdv/deplacer")]
pub async fn move_appointment(
    appointment_id: i64,
    #[server(flatten)] input: BookInput,
    #[server(default)] reason: String,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::move_appointment(
        &st,
        &actor,
        appointment_id,
        input,
        ReasonInput { reason },
        ctx::now(),
    )
    .await
}

#[server(endpoint = "rdv/annuler")]
pub async fn cancel(
    appointment_id: i64,
    #[server(flatten)] input: ReasonInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::cancel(&st, &actor, appointment_id, input, false, ctx::now()).await
}

#[server(endpoint = "pro/rdv/resultat")]
pub async fn record_outcome(
    appointment_id: i64,
    #[server(flatten)] input: OutcomeInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::record_outcome(&st, &actor, appointment_id, input, ctx::now()).await
}

#[server(endpoint = "pro/rdv/annuler")]
pub async fn staff_cancel(
    appointment_id: i64,
    #[server(flatten)] input: ReasonInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::cancel(&st, &actor, appointment_id, input, true, ctx::now()).await
}

/// Staff send the « relance » of a missed rendez-vous (once).
#[server(endpoint = "pro/rdv/relance")]
pub async fn send_relance(appointment_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::send_relance(&st, &actor, appointment_id, ctx::now()).await
}

#[server(endpoint = "pro/allocataire/reserver")]
pub async fn book_for(
    allocataire_id: i64,
    #[server(flatten)] input: BookInput,
    #[server(flatten)] series: SeriesInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::book_for(&st, &actor, allocataire_id, input, series, ctx::now()).await
}
