//! The parcours and the contract: the allocataire's page and actions, the staff's.

use crate::domain::contract::{ChangeRequestInput, ContractInput, SignInput, WishesInput};
use crate::domain::error::AppError;
use crate::domain::pathway::{AnswerInput, ExitInput, RequestInput, StepInput};
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::pathways as svc};
use crate::views::{Done, DueView, MyPathwayView, StaffPathwayView};
use leptos::prelude::*;

#[server(endpoint = "espace/parcours")]
pub async fn my_pathway() -> Result<MyPathwayView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::allocataire::my_pathway(&st, &actor, ctx::now()).await
}

#[server(endpoint = "espace/parcours/souhaits")]
pub async fn save_wishes(#[server(flatten)] input: WishesInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::allocataire::save_wishes(&st, &actor, input, ctx::now()).await
}

#[server(endpoint = "espace/contrat/signer")]
pub async fn sign_contract(
    contract_id: i64,
    version: i64,
    #[server(flatten)] input: SignInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::allocataire::sign(&st, &actor, contract_id, version, input, ctx::now()).await
}

#[server(endpoint = "espace/contrat/modification")]
pub async fn request_contract_change(
    contract_id: i64,
    #[server(flatten)] input: ChangeRequestInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::allocataire::request_change(&st, &actor, contract_id, input, ctx::now()).await
}

#[server(endpoint = "pro/parcours")]
pub async fn staff_pathway(id: i64) -> Result<StaffPathwayView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::staff_pathway(&st, &actor, id, ctx::now()).await
}

/// `step_id`: 0 (or absent) records a new step.
#[server(endpoint = "pro/parcours/etape")]
pub async fn save_step(
    allocataire_id: i64,
    #[server(default)] step_id: i64,
    #[server(flatten)] input: StepInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::save_step(&st, &actor, allocataire_id, step_id, input, ctx::now()).await
}

/// `contract_id`: 0 (or absent) starts a new version.
#[server(endpoint = "pro/contrat/brouillon")]
pub async fn save_contract_draft(
    allocataire_id: i64,
    #[server(default)] contract_id: i64,
    #[server(flatten)] input: ContractInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::save_draft(&st, &actor, allocataire_id, contract_id, input, ctx::now()).await
}

#[server(endpoint = "pro/contrat/proposer")]
pub async fn propose_contract(allocataire_id: i64, contract_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::propose(&st, &actor, allocataire_id, contract_id, ctx::now()).await
}

#[server(endpoint = "pro/contrat/signature-papier")]
pub async fn record_paper_signature(
    allocataire_id: i64,
    contract_id: i64,
    version: i64,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::record_paper_signature(
        &st,
        &actor,
        allocataire_id,
        contract_id,
        version,
        ctx::now(),
    )
    .await
}

#[server(endpoint = "pro/contrat/valider")]
pub async fn validate_contract(allocataire_id: i64, contract_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::validate(&st, &actor, allocataire_id, contract_id, ctx::now()).await
}

#[server(endpoint = "pro/parcours/renouveler")]
pub async fn renew_pathway(allocataire_id: i64) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::renew(&st, &actor, allocataire_id, ctx::now()).await
}

#[server(endpoint = "pro/parcours/sortie")]
pub async fn close_pathway(
    allocataire_id: i64,
    #[server(flatten)] input: ExitInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::exit(&st, &actor, allocataire_id, input, ctx::now()).await
}

#[server(endpoint = "pro/echeances")]
pub async fn due_files(#[server(default)] conseiller: Option<i64>) -> Result<DueView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::due_files(&st, &actor, conseiller, ctx::now()).await
}

#[server(endpoint = "espace/parcours/demande")]
pub async fn ask_change(#[server(flatten)] input: RequestInput) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::allocataire::ask_change(&st, &actor, input, ctx::now()).await
}

#[server(endpoint = "pro/parcours/reponse")]
pub async fn answer_request(
    allocataire_id: i64,
    request_id: i64,
    #[server(flatten)] input: AnswerInput,
) -> Result<Done, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::staff::answer_request(&st, &actor, allocataire_id, request_id, input, ctx::now()).await
}
