//! Surveys: the builder (staff), « Mes questionnaires » and sending (the allocataire),
//! the results. A section's answers are posted to a server route (their fields depend on
//! the survey's questions): [`paths::SURVEY_SECTION`].

use crate::domain::error::AppError;
use crate::domain::survey::{QuestionInput, SurveyInput};
#[cfg(feature = "ssr")]
use crate::server::{
    ctx,
    services::surveys::{answer, build, results},
};
use crate::views::{
    Done, MySurveyView, MySurveysView, StaffSurveyView, SurveyPreviewView, SurveyResultsView,
    SurveysView,
};
use leptos::prelude::*;

#[server(endpoint = "pro/questionnaires")]
pub async fn surveys() -> Result<SurveysView, AppError> {
    let (st, actor) = ctx::authed()?;
    build::list(&st, &actor, ctx::now()).await
}

#[server(endpoint = "pro/questionnaires/creer")]
pub async fn create_survey(#[server(flatten)] input: SurveyInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    build::create(&st, &actor, input, ctx::now()).await
}

#[server(endpoint = "pro/questionnaires/reglages")]
pub async fn edit_survey(
    survey_id: i64,
    #[server(flatten)] input: SurveyInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    build::update(&st, &actor, survey_id, input, ctx::now()).await
}

#[server(endpoint = "pro/questionnaires/voir")]
pub async fn staff_survey(id: i64) -> Result<StaffSurveyView, AppError> {
    let (st, actor) = ctx::authed()?;
    build::view(&st, &actor, id, ctx::now()).await
}

#[server(endpoint = "pro/questionnaires/apercu")]
pub async fn survey_preview(id: i64) -> Result<SurveyPreviewView, AppError> {
    let (st, actor) = ctx::authed()?;
    build::preview(&st, &actor, id).await
}

#[server(endpoint = "pro/questionnaires/question")]
pub async fn add_survey_question(
    survey_id: i64,
    #[server(flatten)] input: QuestionInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    build::add_question(&st, &actor, survey_id, input, ctx::now()).await
}

#[server(endpoint = "pro/questionnaires/question/modifier")]
pub async fn edit_survey_question(
    survey_id: i64,
    key: i64,
    #[server(flatten)] input: QuestionInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    build::edit_question(&st, &actor, survey_id, key, input, ctx::now()).await
}

#[server(endpoint = "pro/questionnaires/question/retirer")]
pub async fn remove_survey_question(survey_id: i64, key: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    build::remove_question(&st, &actor, survey_id, key, ctx::now()).await
}

#[server(endpoint = "pro/questionnaires/publier")]
pub async fn publish_survey(survey_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    build::publish(&st, &actor, survey_id, ctx::now()).await
}

#[server(endpoint = "pro/questionnaires/clore")]
pub async fn close_survey(survey_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    build::close(&st, &actor, survey_id, ctx::now()).await
}

#[server(endpoint = "pro/questionnaires/resultats")]
pub async fn survey_results(
    id: i64,
    #[server(default)] version: Option<i64>,
) -> Result<SurveyResultsView, AppError> {
    let (st, actor) = ctx::authed()?;
    results::results(&st, &actor, id, version, ctx::now()).await
}

#[server(endpoint = "espace/questionnaires")]
pub async fn my_surveys() -> Result<MySurveysView, AppError> {
    let (st, actor) = ctx::authed()?;
    answer::mine(&st, &actor, ctx::now()).await
}

#[server(endpoint = "espace/questionnaires/voir")]
pub async fn my_survey(
    id: i64,
    #[server(default)] partie: Option<String>,
) -> Result<MySurveyView, AppError> {
    let (st, actor) = ctx::authed()?;
    answer::my_survey(&st, &actor, id, partie, ctx::now()).await
}

#[server(endpoint = "espace/questionnaires/envoyer")]
pub async fn send_survey(survey_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    answer::send(&st, &actor, survey_id, ctx::now()).await
}
