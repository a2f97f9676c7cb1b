//! Enrolling a person by hand, and their référent.

use crate::domain::enrolment::AllocataireInput;
use crate::domain::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::enrolment as svc};
use crate::views::{Done, EnrolView};
use leptos::prelude::*;

#[server(endpoint = "pro/inscrire")]
pub async fn enrol_form() -> Result<EnrolView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::form(&st, &actor).await
}

#[server(endpoint = "pro/inscrire/valider")]
pub async fn enrol(#[server(flatten)] input: AllocataireInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::enrol(&st, &actor, input, ctx::now()).await
}

/// Chooses or changes a person's référent (`counsellor_id` empty: nobody).
#[server(endpoint = "pro/allocataire/referent")]
pub async fn assign_referent(
    allocataire_id: i64,
    #[server(default)] counsellor_id: String,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    let counsellor = counsellor_id.trim().parse().ok();
    svc::assign(&st, &actor, allocataire_id, counsellor, ctx::now()).await
}
