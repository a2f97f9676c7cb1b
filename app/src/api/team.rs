//! The agency's team (staff accounts) and passwords.

use crate::domain::error::AppError;
use crate::domain::team::{ChangePasswordInput, PasswordInput, StaffInput};
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::team as svc};
use crate::views::{Done, MemberView, TeamView};
use leptos::prelude::*;

#[server(endpoint = "pro/equipe")]
pub async fn team() -> Result<TeamView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::team(&st, &actor).await
}

#[server(endpoint = "pro/equipe/membre")]
pub async fn member(id: i64) -> Result<MemberView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::member(&st, &actor, id).await
}

#[server(endpoint = "pro/equipe/ajouter")]
pub async fn add_member(#[server(flatten)] input: StaffInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::create(&st, &actor, input, ctx::now()).await
}

#[server(endpoint = "pro/equipe/modifier")]
pub async fn edit_member(
    member_id: i64,
    #[server(flatten)] input: StaffInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::update(&st, &actor, member_id, input, ctx::now()).await
}

#[server(endpoint = "pro/equipe/desactiver")]
pub async fn disable_member(member_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::set_disabled(&st, &actor, member_id, true, ctx::now()).await
}

#[server(endpoint = "pro/equipe/reactiver")]
pub async fn enable_member(member_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::set_disabled(&st, &actor, member_id, false, ctx::now()).await
}

#[server(endpoint = "pro/equipe/lien")]
pub async fn send_password_link(member_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::send_reset(&st, &actor, member_id, ctx::now()).await
}

/// Chooses a password with the link received by e-mail (its token is in this browser's
/// session, put there by the link's GET).
#[server(endpoint = "mot-de-passe/nouveau")]
pub async fn choose_password(#[server(flatten)] input: PasswordInput) -> Result<Done, AppError> {
    let st = ctx::state()?;
    let token: Option<String> = ctx::session_get(ctx::RESET_KEY).await?;
    let done = svc::reset_with_link(&st, &ctx::client(), token, input, ctx::now()).await?;
    ctx::session_take::<String>(ctx::RESET_KEY).await?;
    Ok(done)
}

#[server(endpoint = "pro/mot-de-passe")]
pub async fn change_password(
    #[server(flatten)] input: ChangePasswordInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    let login_at = ctx::session_login_at().await?;
    let (done, session) =
        svc::change_own_password(&st, &actor, input, login_at, ctx::now()).await?;
    // This browser stays signed in with the account's new epoch; the others are out.
    ctx::sign_in(session).await?;
    Ok(done)
}
