//! « Aller vers »: the worklist, a contact attempt, a grouped message.

use crate::domain::error::AppError;
use crate::domain::outreach::{ContactInput, GroupMessageInput};
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::outreach as svc};
use crate::views::{Done, OutreachView};
use leptos::prelude::*;

#[server(endpoint = "pro/aller-vers")]
pub async fn outreach(
    #[server(default)] conseiller: Option<i64>,
    #[server(default)] semaines: Option<u32>,
) -> Result<OutreachView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::worklist(&st, &actor, conseiller, semaines, ctx::now()).await
}

#[server(endpoint = "pro/aller-vers/contact")]
pub async fn log_contact(
    allocataire_id: i64,
    #[server(flatten)] input: ContactInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::log_contact(&st, &actor, allocataire_id, input, ctx::now()).await
}

#[server(endpoint = "pro/aller-vers/message")]
pub async fn group_message(#[server(flatten)] input: GroupMessageInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::send_group(&st, &actor, input, ctx::now()).await
}
