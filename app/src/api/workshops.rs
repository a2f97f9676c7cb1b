//! Collective workshops: the allocataire's offer and places, the staff's sessions.

use crate::domain::error::AppError;
use crate::domain::inputs::SeriesInput;
use crate::domain::workshop::{CapacityInput, InviteInput, ThemeInput, WorkshopInput};
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::workshops as svc};
use crate::views::{Done, StaffWorkshopsView, ThemesView, WorkshopDetailView, WorkshopOfferView};
use leptos::prelude::*;

#[server(endpoint = "espace/ateliers")]
pub async fn workshop_offer(
    #[server(default)] theme: Option<String>,
    #[server(default)] debut: Option<String>,
    #[server(default)] lieu: Option<String>,
) -> Result<WorkshopOfferView, AppError> {
    let (st, actor) = ctx::authed()?;
    let filter = svc::OfferFilter {
        theme: theme.unwrap_or_default(),
        from: debut.unwrap_or_default(),
        place: lieu.unwrap_or_default(),
    };
    svc::offer(&st, &actor, filter, ctx::now()).await
}

#[server(endpoint = "espace/ateliers/inscrire")]
pub async fn join_workshop(workshop_id: i64, idempotency_key: String) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::join(&st, &actor, workshop_id, &idempotency_key, ctx::now()).await
}

#[server(endpoint = "espace/ateliers/quitter")]
pub async fn leave_workshop(workshop_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::leave(&st, &actor, workshop_id, ctx::now()).await
}

#[server(endpoint = "espace/ateliers/confirmer")]
pub async fn confirm_workshop(workshop_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::confirm(&st, &actor, workshop_id, ctx::now()).await
}

#[server(endpoint = "pro/ateliers")]
pub async fn staff_workshops() -> Result<StaffWorkshopsView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff_list(&st, &actor, ctx::now()).await
}

#[server(endpoint = "pro/ateliers/creer")]
pub async fn create_workshop(
    #[server(flatten)] input: WorkshopInput,
    #[server(flatten)] series: SeriesInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::create(&st, &actor, input, series, ctx::now()).await
}

#[server(endpoint = "pro/ateliers/modifier")]
pub async fn edit_workshop(
    workshop_id: i64,
    #[server(flatten)] input: WorkshopInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::edit(&st, &actor, workshop_id, input, ctx::now()).await
}

#[server(endpoint = "pro/ateliers/inviter")]
pub async fn invite_to_workshop(
    workshop_id: i64,
    #[server(flatten)] input: InviteInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::invite(&st, &actor, workshop_id, input, ctx::now()).await
}

#[server(endpoint = "pro/ateliers/voir")]
pub async fn workshop_detail(id: i64) -> Result<WorkshopDetailView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::detail(&st, &actor, id, ctx::now()).await
}

#[server(endpoint = "pro/ateliers/capacite")]
pub async fn set_workshop_capacity(
    workshop_id: i64,
    #[server(flatten)] input: CapacityInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::set_capacity(&st, &actor, workshop_id, input, ctx::now()).await
}

#[server(endpoint = "pro/ateliers/annuler")]
pub async fn cancel_workshop(workshop_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::cancel(&st, &actor, workshop_id, ctx::now()).await
}

#[server(endpoint = "pro/ateliers/presence")]
pub async fn sign_attendance(
    workshop_id: i64,
    registration_id: i64,
    #[server(default)] presence: String,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::attendance(
        &st,
        &actor,
        workshop_id,
        registration_id,
        &presence,
        ctx::now(),
    )
    .await
}

#[server(endpoint = "pro/themes")]
pub async fn workshop_themes() -> Result<ThemesView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::themes_page(&st, &actor).await
}

#[server(endpoint = "pro/themes/ajouter")]
pub async fn add_workshop_theme(#[server(flatten)] input: ThemeInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::add_theme(&st, &actor, input, ctx::now()).await
}

/// `archive`: "1" to archive, anything else to bring the theme back.
#[server(endpoint = "pro/themes/archiver")]
pub async fn archive_workshop_theme(
    key: String,
    #[server(default)] archive: String,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::archive_theme(&st, &actor, &key, archive == "1", ctx::now()).await
}
