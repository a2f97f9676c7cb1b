//! The file active and an allocataire's file, for staff.

use crate::domain::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::caseload as svc};
use crate::views::{CaseloadView, FileView, SlotPaging};
use leptos::prelude::*;

#[server(endpoint = "pro/allocataires")]
pub async fn caseload(
    #[server(default)] conseiller: Option<i64>,
) -> Result<CaseloadView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::caseload(&st, &actor, conseiller, ctx::now()).await
}

#[server(endpoint = "pro/allocataire")]
pub async fn allocataire_file(
    id: i64,
    #[server(flatten)] paging: SlotPaging,
) -> Result<FileView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::allocataire_file(&st, &actor, id, paging, ctx::now()).await
}
