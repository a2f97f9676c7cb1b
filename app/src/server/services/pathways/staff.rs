//! A parcours for staff: the timeline and its steps, the contract's versions from draft to
//! validation, renewal and exit; and the lists of files whose next deadline is late or
//! within a week.

use super::{
    clock_view, contract_view, ended, milestone_label, parcours, refused, request_view,
    step_period, timeline, wishes_view, Parcours,
};
use crate::domain::authz::{check, Action, Target};
use crate::domain::contract::{ContractInput, ContractStatus, Signature};
use crate::domain::error::AppError;
use crate::domain::pathway::{
    self, AnswerInput, ExitInput, ExitReason, Move, PathwayState, Referral, RequestStatus,
    StepInput, StepKind, StepObject, StepStatus, Urgency,
};
use crate::domain::{Actor, AllocataireId, ContractId, RequestId, StepId};
use crate::i18n::{t, Arg};
use crate::pages;
use crate::server::format;
use crate::server::services::notify::{self, Recipient};
use crate::server::services::scope::selection;
use crate::server::services::{
    allocataire_for, audit, change, internal, staff_and_names, AppState, Names,
};
use crate::server::store::{AllocataireRow, ContractStep, NewStep, PathwayChange};
use crate::views::{Done, DueLine, DueView, StaffPathwayView, StepLine};
use chrono::{DateTime, Utc};
use validator::Validate;

fn options<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|&v| (value(v).to_string(), t(key(v))))
        .collect()
}

pub async fn staff_pathway(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<StaffPathwayView, AppError> {
    let p = allocataire_for(st, actor, AllocataireId(id), Action::ViewAllocataire).await?;
    let today = format::today(now);
    let parcours = parcours(st, &p).await?;
    let steps = st.store.steps(p.id).await?;
    let (_, names) = staff_and_names(st, p.agency_id).await?;
    let contracts = st.store.contracts_of(p.id).await?;
    let who = p.full_name();
    let open = contracts
        .iter()
        .any(|c| matches!(c.status, ContractStatus::Draft | ContractStatus::Proposed));
    let may_manage = check(
        actor,
        Action::ManagePathway,
        Target::allocataire(p.agency_id, p.id),
    )
    .is_ok();
    let may_validate = contracts.iter().any(|c| c.status == ContractStatus::Signed)
        && check(
            actor,
            Action::ValidateContract,
            Target::allocataire(p.agency_id, p.id),
        )
        .is_ok();
    audit(
        st,
        actor,
        Some(p.agency_id),
        "pathway.read",
        &format!("allocataire:{id}"),
        now,
    )
    .await;
    Ok(StaffPathwayView {
        allocataire_id: p.id.0,
        name: who.clone(),
        numero: p.numero.clone(),
        state: parcours.state.as_str().into(),
        state_label: t(parcours.state.label_key()),
        clock: clock_view(&parcours, today, true),
        ended: ended(&parcours),
        closed: parcours.state.is_closed(),
        may_renew: may_manage && pathway::after(parcours.state, Move::Renew).is_ok(),
        may_draft: may_manage && parcours.state.may_contract() && !open,
        may_validate,
        timeline: timeline(st, &p, &steps).await?,
        steps: steps
            .iter()
            .map(|s| StepLine {
                id: s.id.0,
                kind: s.kind.as_str().into(),
                object: s.object.as_str().into(),
                status: s.status.as_str().into(),
                title: s.title.clone(),
                starts_on: s.starts_on.to_string(),
                ends_on: s.ends_on.map(|d| d.to_string()).unwrap_or_default(),
                outcome: s.outcome.clone(),
                feedback: s.feedback.clone(),
                summary: format!("{} · {}", step_period(s), s.title),
            })
            .collect(),
        contracts: contracts
            .iter()
            .map(|c| contract_view(c, &who, &names, today, pages::staff_contract_pdf))
            .collect(),
        wishes: wishes_view(st.store.wishes(p.id).await?),
        requests: st
            .store
            .requests_of(p.id)
            .await?
            .iter()
            .map(|r| request_view(r, &names))
            .collect(),
        contacts: crate::server::services::outreach::contacts(st, &p, &names).await?,
        objects: options(&StepObject::ALL, StepObject::as_str, StepObject::label_key),
        statuses: options(&StepStatus::ALL, StepStatus::as_str, StepStatus::label_key),
        exit_reasons: options(&ExitReason::ALL, ExitReason::as_str, ExitReason::label_key),
        referrals: options(&Referral::ALL, Referral::as_str, Referral::label_key),
    })
}

/// The file and its parcours, if the actor may follow it.
async fn managed(
    st: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<(AllocataireRow, Parcours), AppError> {
    let p = allocataire_for(st, actor, AllocataireId(id), Action::ManagePathway).await?;
    let parcours = parcours(st, &p).await?;
    Ok((p, parcours))
}

fn done(id: i64, notice: String) -> Done {
    Done {
        notice,
        redirect: pages::pathway(id),
    }
}

fn new_step(p: &AllocataireRow, input: &StepInput, actor: &Actor) -> Result<NewStep, AppError> {
    let parsed = (
        StepKind::parse(&input.kind),
        StepObject::parse(&input.object),
        StepStatus::parse(&input.status),
        crate::domain::inputs::parse_date(&input.starts_on),
    );
    let (Some(kind), Some(object), Some(status), Some(starts_on)) = parsed else {
        return Err(internal("a validated step did not parse"));
    };
    Ok(NewStep {
        allocataire_id: p.id,
        kind,
        object,
        status,
        title: input.title.trim().into(),
        starts_on,
        ends_on: crate::domain::inputs::parse_date(&input.ends_on),
        outcome: input.outcome.trim().into(),
        feedback: input.feedback.trim().into(),
        created_by: actor.staff_id(),
    })
}

/// Records a placement or a diagnostic (`step_id` 0), or updates one.
pub async fn save_step(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    step_id: i64,
    input: StepInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (p, parcours) = managed(st, actor, allocataire_id).await?;
    input.validate()?;
    if parcours.state.is_closed() {
        return Err(refused(pathway::IllegalMove::Closed));
    }
    let step = new_step(&p, &input, actor)?;
    let entry = change(
        actor,
        p.agency_id,
        "pathway.step",
        format!("allocataire:{}", p.id),
    );
    if step_id == 0 {
        st.store.add_step(&step, &entry, now.timestamp()).await?;
        return Ok(done(allocataire_id, t("pathway-step-added")));
    }
    if !st
        .store
        .update_step(StepId(step_id), &step, &entry, now.timestamp())
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(done(allocataire_id, t("pathway-step-saved")))
}

/// Writes a new draft (`contract_id` 0) or changes the current one.
pub async fn save_draft(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    contract_id: i64,
    input: ContractInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (p, parcours) = managed(st, actor, allocataire_id).await?;
    input.validate()?;
    let terms = input
        .terms()
        .ok_or_else(|| internal("validated contract terms did not parse"))?;
    if !parcours.state.may_contract() {
        return Err(refused(if parcours.state.is_closed() {
            pathway::IllegalMove::Closed
        } else {
            pathway::IllegalMove::NoFirstMeeting
        }));
    }
    let entry = change(
        actor,
        p.agency_id,
        "contract.draft",
        format!("allocataire:{}", p.id),
    );
    let draft = (contract_id != 0).then_some(ContractId(contract_id));
    let saved = st
        .store
        .save_draft(
            p.id,
            draft,
            &terms,
            actor.staff_id(),
            &entry,
            now.timestamp(),
        )
        .await?;
    if saved.is_none() {
        return Err(AppError::Conflict(t("contract-not-draft")));
    }
    Ok(done(allocataire_id, t("contract-draft-saved")))
}

/// Sends the draft to the person, who is told by SMS and e-mail.
pub async fn propose(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    contract_id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (p, parcours) = managed(st, actor, allocataire_id).await?;
    if !parcours.state.may_contract() {
        return Err(refused(pathway::IllegalMove::NoFirstMeeting));
    }
    let link = format!("{}{}", st.settings.public_url, pages::MY_PATHWAY);
    let messages = notify::notice_messages(
        &Recipient::from(&p),
        "notify-contract-proposed",
        &[("link", Arg::from(&link))],
    );
    let entry = change(
        actor,
        p.agency_id,
        "contract.propose",
        format!("contract:{contract_id}"),
    );
    let sent = st
        .store
        .contract_step(
            ContractId(contract_id),
            p.id,
            ContractStep::Propose,
            &entry,
            &messages,
            now.timestamp(),
        )
        .await?;
    if !sent {
        return Err(AppError::Conflict(t("contract-not-draft")));
    }
    st.outbox_signal.notify_one();
    Ok(done(allocataire_id, t("contract-proposed-notice")))
}

/// Records that the person signed the proposed version on paper.
pub async fn record_paper_signature(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    contract_id: i64,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (p, parcours) = managed(st, actor, allocataire_id).await?;
    pathway::after(parcours.state, Move::SignContract).map_err(refused)?;
    let entry = change(
        actor,
        p.agency_id,
        "contract.sign_paper",
        format!("contract:{contract_id} version:{version}"),
    );
    let signed = st
        .store
        .sign_contract(
            ContractId(contract_id),
            p.id,
            version,
            Signature::Paper,
            actor.staff_id(),
            &entry,
            now.timestamp(),
        )
        .await?;
    if !signed {
        return Err(AppError::Conflict(t("contract-not-proposed")));
    }
    Ok(done(allocataire_id, t("contract-paper-recorded")))
}

/// The département validates a signed contract.
pub async fn validate(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    contract_id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = allocataire_for(
        st,
        actor,
        AllocataireId(allocataire_id),
        Action::ValidateContract,
    )
    .await?;
    let by = actor.staff_id().ok_or(AppError::Forbidden)?;
    let entry = change(
        actor,
        p.agency_id,
        "contract.validate",
        format!("contract:{contract_id}"),
    );
    if !st
        .store
        .validate_contract(ContractId(contract_id), p.id, by, &entry, now.timestamp())
        .await?
    {
        return Err(AppError::Conflict(t("contract-not-signed")));
    }
    Ok(done(allocataire_id, t("contract-validated-notice")))
}

/// The bilan decides a second (last) year.
pub async fn renew(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (p, parcours) = managed(st, actor, allocataire_id).await?;
    let to = pathway::after(parcours.state, Move::Renew).map_err(refused)?;
    let entry = change(
        actor,
        p.agency_id,
        "pathway.renew",
        format!("allocataire:{}", p.id),
    );
    let moved = st
        .store
        .move_pathway(
            p.id,
            parcours.row.stored,
            &PathwayChange {
                to,
                renewed_on: Some(format::today(now)),
                ended_on: None,
                exit_reason: None,
                referral: None,
                recommendation: None,
            },
            &entry,
            now.timestamp(),
        )
        .await?;
    if !moved {
        return Err(AppError::Conflict(t("pathway-changed-meanwhile")));
    }
    Ok(done(allocataire_id, t("pathway-renewed-notice")))
}

/// Closes the parcours: an exit with its reason, or a réorientation.
pub async fn exit(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    input: ExitInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (p, parcours) = managed(st, actor, allocataire_id).await?;
    input.validate()?;
    let reason = ExitReason::parse(&input.reason)
        .ok_or_else(|| internal("a validated exit reason did not parse"))?;
    let to = pathway::after(parcours.state, Move::Exit(reason)).map_err(refused)?;
    let reoriented = to == PathwayState::Reoriented;
    let entry = change(
        actor,
        p.agency_id,
        "pathway.exit",
        format!("allocataire:{} reason:{}", p.id, reason.as_str()),
    );
    let moved = st
        .store
        .move_pathway(
            p.id,
            parcours.row.stored,
            &PathwayChange {
                to,
                renewed_on: None,
                ended_on: Some(format::today(now)),
                exit_reason: Some(reason),
                referral: reoriented
                    .then(|| Referral::parse(&input.referral))
                    .flatten(),
                recommendation: reoriented.then(|| input.recommendation.trim().to_string()),
            },
            &entry,
            now.timestamp(),
        )
        .await?;
    if !moved {
        return Err(AppError::Conflict(t("pathway-changed-meanwhile")));
    }
    Ok(done(allocataire_id, t("pathway-exit-notice")))
}

/// Answers the person's open request; they are told by SMS/e-mail. Accepting a change of
/// référent does not reassign the file: the référent form on the file does.
pub async fn answer_request(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    request_id: i64,
    input: AnswerInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (p, _) = managed(st, actor, allocataire_id).await?;
    input.validate()?;
    let decision = RequestStatus::parse(&input.decision)
        .ok_or_else(|| internal("a validated decision did not parse"))?;
    let link = format!("{}{}", st.settings.public_url, pages::MY_PATHWAY);
    let messages = notify::notice_messages(
        &Recipient::from(&p),
        "notify-request-answered",
        &[("link", Arg::from(&link))],
    );
    let entry = change(
        actor,
        p.agency_id,
        "pathway.request_answer",
        format!("request:{request_id} {}", decision.as_str()),
    );
    let answered = st
        .store
        .answer_request(
            RequestId(request_id),
            p.id,
            decision,
            input.answer.trim(),
            actor.staff_id(),
            &entry,
            &messages,
            now.timestamp(),
        )
        .await?;
    if !answered {
        return Err(AppError::Conflict(t("pathway-request-not-open")));
    }
    st.outbox_signal.notify_one();
    Ok(done(allocataire_id, t("pathway-request-answered")))
}

/// Files whose next deadline is late or within `DUE_WITHIN_DAYS`, soonest first.
pub async fn due_files(
    st: &AppState,
    actor: &Actor,
    counsellor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<DueView, AppError> {
    let sel = selection(st, actor, Action::ViewAllocataire, counsellor).await?;
    let names: Names = sel.staff.iter().collect();
    let today = format::today(now);
    let rows = st.store.due_files(sel.agency, sel.selected).await?;
    let mut lines: Vec<(chrono::NaiveDate, DueLine)> = Vec::new();
    for r in rows {
        let first_meeting = r.first_attended_at.map(format::day_of);
        let state = pathway::current(r.stored, first_meeting);
        let facts = pathway::Facts {
            orientation: r.orientation_date,
            first_meeting,
            started: r.started_on,
        };
        let Some((m, due)) = pathway::next_due(state, &facts) else {
            continue;
        };
        let u = pathway::urgency(due, today);
        if u == Urgency::OnTrack {
            continue;
        }
        lines.push((
            due,
            DueLine {
                id: r.id.0,
                name: format!("{} {}", r.last_name.to_uppercase(), r.first_name),
                numero: r.numero,
                counsellor: r
                    .counsellor_id
                    .and_then(|c| names.get(c))
                    .map_or_else(|| t("caseload-unassigned"), str::to_string),
                milestone_label: milestone_label(m),
                date: format::short_date(due),
                urgency: u.as_str().into(),
                urgency_label: t(match u {
                    Urgency::Late => "pathway-urgency-late",
                    _ => "pathway-urgency-due-soon",
                }),
            },
        ));
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let late = lines.iter().filter(|(_, l)| l.urgency == "late").count();
    audit(
        st,
        actor,
        Some(sel.agency),
        "pathway.due",
        &format!("agency:{}", sel.agency),
        now,
    )
    .await;
    Ok(DueView {
        late,
        soon: lines.len() - late,
        lines: lines.into_iter().map(|(_, l)| l).collect(),
        counsellors: sel.staff.iter().map(|s| (s.id.0, s.full_name())).collect(),
        selected: sel.selected.map(|s| s.0),
    })
}
