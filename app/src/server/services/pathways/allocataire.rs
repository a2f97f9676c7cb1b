//! « Mon parcours »: the allocataire reads where they are and what comes next, the
//! contract proposed to them (and the earlier versions), says what they wish before the
//! meeting, signs the version they read or asks for a change.

use super::{
    clock_view, contract_view, ended, parcours, refused, request_view, timeline, wishes_view,
};
use crate::domain::authz::Action;
use crate::domain::contract::{
    ChangeRequestInput, ContractStatus, SignInput, Signature, WishesInput,
};
use crate::domain::error::AppError;
use crate::domain::pathway::{self, Move, RequestInput, RequestKind, RequestStatus};
use crate::domain::{Actor, ContractId};
use crate::i18n::t;
use crate::pages;
use crate::server::format;
use crate::server::services::{change, own_file, staff_names, AppState};
use crate::server::store::{ContractStep, WishesRow};
use crate::views::{Done, MyPathwayView};
use chrono::{DateTime, Utc};
use validator::Validate;

pub async fn my_pathway(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<MyPathwayView, AppError> {
    let p = own_file(st, actor, None, Action::ViewOwnFile).await?;
    let today = format::today(now);
    let parcours = parcours(st, &p).await?;
    let steps = st.store.steps(p.id).await?;
    let names = staff_names(st, p.agency_id).await?;
    let who = p.full_name();
    let requests = st.store.requests_of(p.id).await?;
    // Drafts are the counsellor's work in progress: the person reads a version once it
    // is proposed to them.
    let mut versions: Vec<_> = st
        .store
        .contracts_of(p.id)
        .await?
        .into_iter()
        .filter(|c| c.status != ContractStatus::Draft)
        .collect();
    let current = versions
        .iter()
        .position(|c| c.status == ContractStatus::Proposed)
        .or_else(|| versions.iter().position(|c| c.status.is_in_force()))
        .map(|i| versions.remove(i));
    Ok(MyPathwayView {
        state: parcours.state.as_str().into(),
        state_label: t(parcours.state.label_key()),
        clock: clock_view(&parcours, today, false),
        ended: ended(&parcours),
        timeline: timeline(st, &p, &steps).await?,
        current: current.map(|c| contract_view(&c, &who, &names, today, pages::my_contract_pdf)),
        history: versions
            .iter()
            .map(|c| contract_view(c, &who, &names, today, pages::my_contract_pdf))
            .collect(),
        wishes: wishes_view(st.store.wishes(p.id).await?),
        may_request: !requests.iter().any(|r| r.status == RequestStatus::Open)
            && !parcours.state.is_closed(),
        requests: requests.iter().map(|r| request_view(r, &names)).collect(),
    })
}

/// The person asks to change référent or form of support; the agency answers within a
/// month.
pub async fn ask_change(
    st: &AppState,
    actor: &Actor,
    input: RequestInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = own_file(st, actor, None, Action::ManageOwnContract).await?;
    input.validate()?;
    let kind = RequestKind::parse(&input.request_kind).ok_or_else(|| {
        crate::server::services::internal("a validated request kind did not parse")
    })?;
    if parcours(st, &p).await?.state.is_closed() {
        return Err(refused(pathway::IllegalMove::Closed));
    }
    let entry = change(
        actor,
        p.agency_id,
        "pathway.request",
        format!("allocataire:{} {}", p.id, kind.as_str()),
    );
    let made = st
        .store
        .open_request(p.id, kind, input.reason.trim(), &entry, now.timestamp())
        .await?;
    if made.is_none() {
        return Err(AppError::Conflict(t("pathway-request-already-open")));
    }
    Ok(done(t("pathway-request-sent")))
}

fn done(notice: String) -> Done {
    Done {
        notice,
        redirect: pages::MY_PATHWAY.into(),
    }
}

pub async fn save_wishes(
    st: &AppState,
    actor: &Actor,
    input: WishesInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = own_file(st, actor, None, Action::ManageOwnContract).await?;
    input.validate()?;
    let wishes = WishesRow {
        goals: input.goals.trim().into(),
        needs: input.needs.trim().into(),
        constraints: input.constraints(),
        other: input.other.trim().into(),
        updated_at: now.timestamp(),
    };
    let entry = change(
        actor,
        p.agency_id,
        "contract.wishes",
        format!("allocataire:{}", p.id),
    );
    st.store
        .save_wishes(p.id, &wishes, &entry, now.timestamp())
        .await?;
    Ok(done(t("contract-wishes-saved")))
}

/// Signs the version the person read (`version`: the one their page showed).
pub async fn sign(
    st: &AppState,
    actor: &Actor,
    contract_id: i64,
    version: i64,
    input: SignInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = own_file(st, actor, None, Action::ManageOwnContract).await?;
    input.validate()?;
    let state = parcours(st, &p).await?.state;
    pathway::after(state, Move::SignContract).map_err(refused)?;
    let entry = change(
        actor,
        p.agency_id,
        "contract.sign",
        format!("contract:{contract_id} version:{version}"),
    );
    let signed = st
        .store
        .sign_contract(
            ContractId(contract_id),
            p.id,
            version,
            Signature::Electronic,
            None,
            &entry,
            now.timestamp(),
        )
        .await?;
    if !signed {
        return Err(AppError::Conflict(t("contract-not-proposed")));
    }
    Ok(done(t("contract-signed-notice")))
}

pub async fn request_change(
    st: &AppState,
    actor: &Actor,
    contract_id: i64,
    input: ChangeRequestInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = own_file(st, actor, None, Action::ManageOwnContract).await?;
    input.validate()?;
    let entry = change(
        actor,
        p.agency_id,
        "contract.change_request",
        format!("contract:{contract_id}"),
    );
    let sent = st
        .store
        .contract_step(
            ContractId(contract_id),
            p.id,
            ContractStep::RequestChange(input.comment.trim()),
            &entry,
            &[],
            now.timestamp(),
        )
        .await?;
    if !sent {
        return Err(AppError::Conflict(t("contract-not-proposed")));
    }
    Ok(done(t("contract-change-requested")))
}
