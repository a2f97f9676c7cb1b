//! The moderation queue: the texts of the agency's people (every agency's for the admin),
//! waiting ones first, each with the passages to mask suggested (the author's and the
//! staff's names, phone numbers, e-mails, addresses); a moderator approves, masks or
//! rejects with a reason, and every decision is audited.

use super::scope_of;
use crate::domain::authz::{check, Action, Target};
use crate::domain::error::AppError;
use crate::domain::moderation::{self, Decision, DecisionInput, Status};
use crate::domain::{Actor, AgencyId};
use crate::i18n::t;
use crate::pages;
use crate::server::format;
use crate::server::services::{audit, change, AppState, Names};
use crate::server::store::{ItemRow, ModerationDecision, StaffRow};
use crate::tr;
use crate::views::{Done, ModerationItemView, ModerationView};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use validator::Validate;

/// The most texts the page lists.
const SHOWN: i64 = 200;

/// What the text answers: a satisfaction comment, or a survey's free-text answer.
fn source_label(source: &str) -> String {
    t(if source == "questionnaire" {
        "moderation-source-questionnaire"
    } else {
        "moderation-source-satisfaction"
    })
}

fn item_view(item: &ItemRow, names: &[String], staff: &Names) -> ModerationItemView {
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let spans = moderation::suggest(&item.original, &refs);
    ModerationItemView {
        id: item.id,
        revision: item.revision,
        source_label: source_label(&item.source),
        when: format::date_time(item.updated_at),
        original: item.original.clone(),
        suggestion: moderation::mask(&item.original, &spans),
        suggested: spans.len(),
        status: item.status.as_str().into(),
        status_label: t(item.status.label_key()),
        published: item
            .published
            .clone()
            .filter(|_| item.status == Status::Redacted),
        reason_label: item
            .reason
            .as_deref()
            .and_then(moderation::RejectReason::parse)
            .map(|r| t(r.label_key())),
        decided: match (item.decided_at, item.decided_by) {
            (Some(at), Some(by)) => Some(tr!(
                "moderation-decided",
                when = format::date_time(at),
                by = staff.of(by)
            )),
            _ => None,
        },
    }
}

pub async fn queue(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ModerationView, AppError> {
    let only = scope_of(actor, Action::ModerateTexts)?;
    let items = st.store.moderation_queue(only, SHOWN).await?;
    // Names to suggest masking: each agency's staff, and each author's own.
    let mut staff: HashMap<AgencyId, Vec<StaffRow>> = HashMap::new();
    let (mut pending, mut decided) = (Vec::new(), Vec::new());
    for item in &items {
        if let std::collections::hash_map::Entry::Vacant(e) = staff.entry(item.agency_id) {
            e.insert(st.store.staff_of_agency(item.agency_id).await?);
        }
        let agency_staff = staff.get(&item.agency_id).map(Vec::as_slice).unwrap_or(&[]);
        let mut names: Vec<String> = agency_staff
            .iter()
            .flat_map(|s| [s.first_name.clone(), s.last_name.clone()])
            .collect();
        if let Some(author) = item.author_id {
            if let Some(p) = st.store.allocataire(author).await? {
                names.push(p.first_name);
                names.push(p.last_name);
            }
        }
        let view = item_view(item, &names, &agency_staff.iter().collect());
        if item.status == Status::Pending {
            pending.push(view);
        } else {
            decided.push(view);
        }
    }
    audit(
        st,
        actor,
        only,
        "moderation.read",
        &only.map_or_else(|| "all".into(), |a| format!("agency:{a}")),
        now,
    )
    .await;
    Ok(ModerationView {
        pending,
        decided,
        reasons: moderation::RejectReason::ALL
            .iter()
            .map(|r| (r.as_str().to_string(), t(r.label_key())))
            .collect(),
    })
}

pub async fn decide(
    st: &AppState,
    actor: &Actor,
    item_id: i64,
    revision: i64,
    input: DecisionInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let only = scope_of(actor, Action::ModerateTexts)?;
    let item = st
        .store
        .moderation_item(item_id)
        .await?
        .filter(|i| only.is_none_or(|a| a == i.agency_id))
        .ok_or(AppError::NotFound)?;
    check(actor, Action::ModerateTexts, Target::agency(item.agency_id))?;
    input.validate()?;
    let decision = input
        .decision()
        .map_err(|(field, key)| AppError::field(field, &t(key)))?;
    let (status, published, reason) = match decision {
        Decision::Approve => (Status::Approved, Some(item.original.clone()), None),
        Decision::Redact => (
            Status::Redacted,
            Some(input.published.trim().to_string()),
            None,
        ),
        Decision::Reject(r) => (Status::Rejected, None, Some(r.as_str().to_string())),
    };
    let d = ModerationDecision {
        item_id: item.id,
        revision,
        status,
        published,
        reason,
        by: actor.staff_id(),
    };
    let entry = change(
        actor,
        item.agency_id,
        "moderation.decide",
        format!("moderation:{} {}", item.id, status.as_str()),
    );
    if !st.store.decide(&d, &entry, now.timestamp()).await? {
        return Err(AppError::Conflict(t("moderation-changed")));
    }
    Ok(Done {
        notice: tr!("moderation-done", status = t(status.label_key())),
        redirect: pages::MODERATION.into(),
    })
}
