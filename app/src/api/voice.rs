//! The voice of the people supported: the satisfaction question (Mon espace, and the
//! single-use link that needs no sign-in), the moderation queue, the results.

use crate::domain::error::AppError;
use crate::domain::moderation::DecisionInput;
use crate::domain::panel::VolunteerInput;
use crate::domain::satisfaction::AnswerInput;
#[cfg(feature = "ssr")]
use crate::server::{
    ctx,
    services::voice::{moderation, panels, results, satisfaction},
};
use crate::views::{
    Done, LinkQuestionView, ModerationView, MyFeedbackView, MyPanelView, MyQuestionView,
    ResultsView, VolunteersView,
};
use leptos::prelude::*;

/// The question a satisfaction link opens (its token kept in this browser's session).
#[server(endpoint = "avis")]
pub async fn link_question() -> Result<LinkQuestionView, AppError> {
    let st = ctx::state()?;
    let token: Option<String> = ctx::session_get(ctx::FEEDBACK_KEY).await?;
    satisfaction::link_question(&st, token, ctx::now()).await
}

/// The answer through the link: no sign-in, once.
#[server(endpoint = "avis/repondre")]
pub async fn answer_link(#[server(flatten)] input: AnswerInput) -> Result<Done, AppError> {
    let st = ctx::state()?;
    let token: Option<String> = ctx::session_get(ctx::FEEDBACK_KEY).await?;
    satisfaction::answer_link(&st, token, input, ctx::now()).await
}

#[server(endpoint = "espace/avis")]
pub async fn my_feedback() -> Result<MyFeedbackView, AppError> {
    let (st, actor) = ctx::authed()?;
    satisfaction::mine(&st, &actor, ctx::now()).await
}

#[server(endpoint = "espace/avis/question")]
pub async fn my_question(id: i64) -> Result<MyQuestionView, AppError> {
    let (st, actor) = ctx::authed()?;
    satisfaction::my_question(&st, &actor, id, ctx::now()).await
}

#[server(endpoint = "espace/avis/repondre")]
pub async fn answer_mine(
    request_id: i64,
    #[server(flatten)] input: AnswerInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    satisfaction::answer_mine(&st, &actor, request_id, input, ctx::now()).await
}

#[server(endpoint = "pro/moderation")]
pub async fn moderation_queue() -> Result<ModerationView, AppError> {
    let (st, actor) = ctx::authed()?;
    moderation::queue(&st, &actor, ctx::now()).await
}

#[server(endpoint = "pro/moderation/decider")]
pub async fn decide(
    item_id: i64,
    revision: i64,
    #[server(flatten)] input: DecisionInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    moderation::decide(&st, &actor, item_id, revision, input, ctx::now()).await
}

#[server(endpoint = "pro/avis")]
pub async fn feedback_results(
    #[server(default)] periode: Option<String>,
) -> Result<ResultsView, AppError> {
    let (st, actor) = ctx::authed()?;
    results::results(&st, &actor, periode, ctx::now()).await
}

#[server(endpoint = "espace/panel")]
pub async fn my_panel() -> Result<MyPanelView, AppError> {
    let (st, actor) = ctx::authed()?;
    panels::mine(&st, &actor).await
}

#[server(endpoint = "espace/panel/volontaire")]
pub async fn volunteer(#[server(flatten)] input: VolunteerInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    panels::volunteer(&st, &actor, input, ctx::now()).await
}

#[server(endpoint = "espace/panel/retrait")]
pub async fn withdraw_from_panels() -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    panels::withdraw(&st, &actor, ctx::now()).await
}

#[server(endpoint = "pro/volontaires")]
pub async fn panel_volunteers() -> Result<VolunteersView, AppError> {
    let (st, actor) = ctx::authed()?;
    panels::volunteers(&st, &actor, ctx::now()).await
}
