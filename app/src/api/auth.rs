use crate::domain::error::AppError;
use crate::domain::inputs::{CodeInput, SignInInput, StaffSignInInput};
#[cfg(feature = "ssr")]
use crate::pages;
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::auth};
use crate::views::{Done, Me};
use leptos::prelude::*;

#[server(endpoint = "connexion/code")]
pub async fn request_code(#[server(flatten)] input: SignInInput) -> Result<Done, AppError> {
    let st = ctx::state()?;
    let pending = auth::request_code(&st, &ctx::client(), input, ctx::now()).await?;
    // Remember which code this browser asked for (0: nothing matched; same answer).
    ctx::session_set(ctx::PENDING_CODE_KEY, pending.unwrap_or(0)).await?;
    Ok(Done {
        notice: auth::code_sent(),
        redirect: pages::CODE.into(),
    })
}

#[server(endpoint = "connexion/verifier")]
pub async fn verify_code(#[server(flatten)] input: CodeInput) -> Result<Done, AppError> {
    let st = ctx::state()?;
    let pending: Option<i64> = ctx::session_get(ctx::PENDING_CODE_KEY).await?;
    let session = auth::verify_code(&st, &ctx::client(), pending, input, ctx::now()).await?;
    let next = ctx::sign_in(session).await?;
    Ok(Done {
        notice: crate::tr!("auth-signed-in"),
        redirect: next,
    })
}

#[server(endpoint = "invitation/continuer")]
pub async fn accept_invitation() -> Result<Done, AppError> {
    let st = ctx::state()?;
    let token: Option<String> = ctx::session_take(ctx::INVITATION_KEY).await?;
    let pending = auth::accept_invitation(&st, &ctx::client(), token, ctx::now()).await?;
    ctx::session_set(ctx::PENDING_CODE_KEY, pending).await?;
    Ok(Done {
        notice: auth::code_sent(),
        redirect: pages::CODE.into(),
    })
}

#[server(endpoint = "pro/connexion")]
pub async fn staff_sign_in(#[server(flatten)] input: StaffSignInInput) -> Result<Done, AppError> {
    let st = ctx::state()?;
    let session = auth::staff_sign_in(&st, &ctx::client(), input, ctx::now()).await?;
    let next = ctx::sign_in(session).await?;
    Ok(Done {
        notice: crate::tr!("auth-signed-in"),
        redirect: next,
    })
}

/// Signs out this browser; with `partout`, every session of the account.
#[server(endpoint = "deconnexion")]
pub async fn sign_out(#[server(default)] partout: Option<String>) -> Result<Done, AppError> {
    let st = ctx::state()?;
    let actor = ctx::optional_actor();
    if let (Some(actor), Some(_)) = (&actor, partout) {
        st.store
            .bump_session_epoch(crate::server::store::Principal::from(actor))
            .await?;
    }
    ctx::sign_out().await?;
    let redirect = pages::sign_in_for(actor.is_some_and(|a| a.is_staff()));
    Ok(Done {
        notice: crate::tr!("auth-signed-out"),
        redirect: redirect.into(),
    })
}

/// The département admin picks the agency the staff pages work on.
#[server(endpoint = "pro/agence")]
pub async fn choose_agency(agency_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    let agency =
        crate::server::services::scope::choose_agency(&st, &actor, agency_id, ctx::now()).await?;
    ctx::session_set(ctx::AGENCY_KEY, agency.0).await?;
    Ok(Done {
        notice: crate::tr!("auth-agency-chosen"),
        redirect: pages::AGENDA.into(),
    })
}

#[server(endpoint = "moi")]
pub async fn whoami() -> Result<Option<Me>, AppError> {
    let st = ctx::state()?;
    match ctx::optional_actor() {
        Some(actor) => auth::me(&st, &actor, ctx::account().as_ref())
            .await
            .map(Some),
        None => Ok(None),
    }
}
