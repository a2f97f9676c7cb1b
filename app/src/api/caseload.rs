//! The file active and an allocataire's file, for staff.

use crate::domain::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::caseload as svc};
#[cfg(feature = "ssr")]
use crate::views::CaseloadParams;
use crate::views::{CaseloadView, FileView, SlotPaging};
use leptos::prelude::*;

#[server(endpoint = "pro/allocataires")]
pub async fn caseload(
    #[server(default)] conseiller: Option<i64>,
    #[server(default)] recherche: Option<String>,
    #[server(default)] filtre: Option<String>,
    #[server(default)] tri: Option<String>,
    #[server(default)] page: Option<u32>,
) -> Result<CaseloadView, AppError> {
    let (st, actor) = ctx::authed()?;
    let query = CaseloadParams {
        search: recherche.unwrap_or_default().chars().take(100).collect(),
        filter: filtre.unwrap_or_default(),
        sort: tri.unwrap_or_default(),
        page: page.unwrap_or(0).min(10_000),
    };
    svc::caseload(&st, &actor, conseiller, query, ctx::now()).await
}

#[server(endpoint = "pro/allocataire")]
pub async fn allocataire_file(
    id: i64,
    #[server(flatten)] paging: SlotPaging,
) -> Result<FileView, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::allocataire_file(&st, &actor, id, paging, ctx::now()).await
}
