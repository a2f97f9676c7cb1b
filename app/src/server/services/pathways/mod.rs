//! The parcours and the contract: the allocataire's page (read, say what they wish, sign
//! or ask for a change), the staff's (steps, drafts, proposals, paper signatures,
//! validation by the département, renewal, exit) and the deadline lists. The rules are
//! in `domain::pathway` and `domain::contract`; this module reads, checks and presents.

pub mod allocataire;
pub mod files;
pub mod staff;

use super::{AppState, Names};
use crate::domain::appointment::AppointmentStatus;
use crate::domain::contract::{self, Signature};
use crate::domain::error::AppError;
use crate::domain::pathway::{self, Facts, Milestone, PathwayState, Urgency};
use crate::domain::workshop::{Attendance, RegistrationStatus};
use crate::i18n::t;
use crate::server::format;
use crate::server::store::RequestRow;
use crate::server::store::{AllocataireRow, ContractRow, PathwayRow, StepRow, WishesRow};
use crate::tr;
use crate::views::{ClockView, ContractView, RequestView, TimelineEntry, WishesView};
use chrono::NaiveDate;

/// A person's parcours: what is stored, the state it reads as, and the clock's facts.
pub(crate) struct Parcours {
    pub row: PathwayRow,
    pub state: PathwayState,
    pub facts: Facts,
}

pub(crate) async fn parcours(st: &AppState, p: &AllocataireRow) -> Result<Parcours, AppError> {
    let row = st.store.pathway(p.id).await?;
    let first_meeting = row.first_attended_at.map(format::day_of);
    Ok(Parcours {
        state: pathway::current(row.stored, first_meeting),
        facts: Facts {
            orientation: p.orientation_date,
            first_meeting,
            started: row.started_on,
        },
        row,
    })
}

/// A refused move, in words.
pub(crate) fn refused(e: pathway::IllegalMove) -> AppError {
    AppError::Conflict(t(e.key()))
}

fn urgency_label(u: Urgency) -> String {
    t(match u {
        Urgency::Late => "pathway-urgency-late",
        Urgency::DueSoon => "pathway-urgency-due-soon",
        Urgency::OnTrack => "pathway-urgency-on-track",
    })
}

/// The milestone's name in staff lists.
pub(crate) fn milestone_label(m: Milestone) -> String {
    t(match m {
        Milestone::FirstMeeting => "pathway-milestone-first-meeting",
        Milestone::Contract => "pathway-milestone-contract",
        Milestone::Review => "pathway-milestone-review",
        Milestone::End => "pathway-milestone-end",
    })
}

/// The next deadline in plain words (`for_staff`: about the person, not to them).
pub(crate) fn clock_view(p: &Parcours, today: NaiveDate, for_staff: bool) -> Option<ClockView> {
    let (m, due) = pathway::next_due(p.state, &p.facts)?;
    let u = pathway::urgency(due, today);
    let date = format::date(due);
    let sentence = match (m, for_staff) {
        (Milestone::FirstMeeting, false) => tr!("pathway-clock-first-meeting", date = &date),
        (Milestone::Contract, false) => tr!("pathway-clock-contract", date = &date),
        (Milestone::Review, false) => tr!("pathway-clock-review", date = &date),
        (Milestone::End, false) => tr!("pathway-clock-end", date = &date),
        (m, true) => tr!(
            "pathway-staff-clock",
            milestone = milestone_label(m),
            date = &date
        ),
    };
    Some(ClockView {
        milestone: m.as_str().into(),
        sentence,
        urgency: u.as_str().into(),
        urgency_label: urgency_label(u),
    })
}

/// How a closed parcours ended.
pub(crate) fn ended(p: &Parcours) -> Option<String> {
    if !p.state.is_closed() {
        return None;
    }
    let r = &p.row;
    let reason = r.exit_reason.map(|e| t(e.label_key())).unwrap_or_default();
    let date = r.ended_on.map(format::date).unwrap_or_default();
    let mut text = tr!("pathway-ended", date = &date, reason = &reason);
    if let Some(referral) = r.referral {
        text.push(' ');
        text.push_str(&tr!(
            "pathway-ended-referral",
            referral = t(referral.label_key())
        ));
    }
    Some(text)
}

/// The timeline: rendez-vous (not the cancelled ones), workshops the person was on, and
/// the steps staff recorded, oldest first.
pub(crate) async fn timeline(
    st: &AppState,
    p: &AllocataireRow,
    steps: &[StepRow],
) -> Result<Vec<TimelineEntry>, AppError> {
    let mut out: Vec<(NaiveDate, TimelineEntry)> = Vec::new();
    for a in st.store.appointments_of(p.id).await? {
        if matches!(
            a.status,
            AppointmentStatus::CancelledByAgency | AppointmentStatus::CancelledByAllocataire
        ) {
            continue;
        }
        out.push((
            format::day_of(a.starts_at),
            TimelineEntry {
                when: format::date_time(a.starts_at),
                kind_label: t("pathway-timeline-meeting"),
                title: t(match a.reason {
                    crate::domain::appointment::AppointmentReason::FirstMeeting => {
                        "pathway-timeline-first-meeting"
                    }
                    crate::domain::appointment::AppointmentReason::FollowUp => {
                        "pathway-timeline-follow-up"
                    }
                }),
                status_label: t(a.status.label_key()),
                details: Vec::new(),
            },
        ));
    }
    for (w, r) in st.store.my_registrations(p.id).await? {
        if r.status != RegistrationStatus::Registered {
            continue;
        }
        out.push((
            format::day_of(w.starts_at),
            TimelineEntry {
                when: format::date_time(w.starts_at),
                kind_label: t("pathway-timeline-workshop"),
                title: w.title.clone(),
                status_label: t(match r.attendance {
                    Some(Attendance::Present) => "pathway-workshop-present",
                    Some(_) => "pathway-workshop-absent",
                    None => "pathway-workshop-registered",
                }),
                details: Vec::new(),
            },
        ));
    }
    for s in steps {
        out.push((
            s.starts_on,
            TimelineEntry {
                when: step_period(s),
                kind_label: tr!(
                    "pathway-timeline-step",
                    kind = t(s.kind.label_key()),
                    object = t(s.object.label_key())
                ),
                title: s.title.clone(),
                status_label: t(s.status.label_key()),
                details: step_details(s),
            },
        ));
    }
    out.sort_by_key(|(d, _)| *d);
    Ok(out.into_iter().map(|(_, e)| e).collect())
}

pub(crate) fn step_period(s: &StepRow) -> String {
    match s.ends_on {
        Some(end) if end != s.starts_on => tr!(
            "pathway-period",
            from = format::date(s.starts_on),
            to = format::date(end)
        ),
        _ => format::date(s.starts_on),
    }
}

fn step_details(s: &StepRow) -> Vec<String> {
    let mut d = Vec::new();
    if !s.outcome.is_empty() {
        d.push(tr!("pathway-step-outcome", text = &s.outcome));
    }
    if !s.feedback.is_empty() {
        d.push(tr!("pathway-step-feedback", text = &s.feedback));
    }
    d
}

/// One version as its readers see it. `person`: the allocataire's name (their
/// electronic signature); `names`: the agency's staff (who recorded a paper one); `pdf`:
/// the reader's address of its PDF.
pub(crate) fn contract_view(
    c: &ContractRow,
    person: &str,
    names: &Names,
    today: NaiveDate,
    pdf: fn(i64) -> String,
) -> ContractView {
    let status = contract::shown(c.status, c.ends_on, today);
    let signed = match (c.signature, c.signed_at) {
        (Some(Signature::Electronic), Some(at)) => Some(tr!(
            "contract-signed-electronic",
            name = person,
            when = format::date_time(at)
        )),
        (Some(Signature::Paper), Some(at)) => Some(tr!(
            "contract-signed-paper",
            when = format::date_time(at),
            by = c
                .signature_recorded_by
                .map(|s| names.of(s).to_string())
                .unwrap_or_default()
        )),
        _ => None,
    };
    ContractView {
        id: c.id.0,
        version: c.version,
        kind: c.kind.as_str().into(),
        kind_label: t(c.kind.label_key()),
        status: status.as_str().into(),
        status_label: t(status.label_key()),
        objectives: c.objectives.clone(),
        person_commitments: c.person_commitments.clone(),
        agency_commitments: c.agency_commitments.clone(),
        planned_actions: c.planned_actions.clone(),
        duration_months: c.duration_months,
        period: tr!(
            "pathway-period",
            from = format::date(c.starts_on),
            to = format::date(c.ends_on)
        ),
        weekly_hours: c.weekly_hours,
        change_request: c.change_request.clone(),
        signed,
        validated: c
            .validated_at
            .map(|at| tr!("contract-validated", when = format::date_time(at))),
        starts_on: c.starts_on.to_string(),
        pdf: pdf(c.id.0),
    }
}

pub(crate) fn wishes_view(w: Option<WishesRow>) -> WishesView {
    let Some(w) = w else {
        return WishesView::default();
    };
    WishesView {
        constraints: w
            .constraints
            .split(',')
            .filter(|c| contract::CONSTRAINTS.contains(c))
            .map(str::to_string)
            .collect(),
        goals: w.goals,
        needs: w.needs,
        other: w.other,
        updated: Some(format::date_time(w.updated_at)),
    }
}

/// A request as both sides read it. `names`: the agency's staff (who answered).
pub(crate) fn request_view(r: &RequestRow, names: &Names) -> RequestView {
    let asked = format::day_of(r.created_at);
    RequestView {
        id: r.id.0,
        kind_label: t(r.kind.label_key()),
        reason: r.reason.clone(),
        status: r.status.as_str().into(),
        status_label: t(r.status.label_key()),
        asked: tr!(
            "pathway-request-asked",
            asked = format::date(asked),
            due = format::date(pathway::answer_due(asked))
        ),
        answer: match (&r.answer, r.answered_at) {
            (Some(text), Some(at)) => Some(tr!(
                "pathway-request-answer",
                when = format::date_time(at),
                by = r
                    .answered_by
                    .map(|s| names.of(s).to_string())
                    .unwrap_or_default(),
                text = text
            )),
            _ => None,
        },
    }
}
