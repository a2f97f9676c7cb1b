//! « Mes questionnaires »: the surveys a person was invited to, answered one section per
//! page (saved as they go: they may leave and come back), a summary, then sending once.
//! An anonymous response is written without the person, without a time, under a random
//! id, and its sending is not audited: only the mark « sent » stays with them.

use super::{anonymity_note, section_views};
use crate::domain::authz::{check, Action, Target};
use crate::domain::error::AppError;
use crate::domain::survey::{self, Answers, Question};
use crate::domain::{Actor, AllocataireId};
use crate::i18n::t;
use crate::pages;
use crate::server::format;
use crate::server::services::{change, AppState};
use crate::server::store::{ParticipantRow, Submission, SubmitOutcome, SurveyRow};
use crate::tr;
use crate::views::{Done, MySurveyItem, MySurveyView, MySurveysView};
use chrono::{DateTime, Utc};

/// The signed-in person, allowed to answer surveys.
fn person(actor: &Actor) -> Result<AllocataireId, AppError> {
    match actor {
        Actor::Allocataire { id, agency, .. } => {
            check(
                actor,
                Action::AnswerSurveys,
                Target::allocataire(*agency, *id),
            )?;
            Ok(*id)
        }
        _ => Err(AppError::Forbidden),
    }
}

/// The survey and the person's place in it; a survey they were not invited to is 404.
async fn invited(
    st: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<(SurveyRow, ParticipantRow), AppError> {
    let me = person(actor)?;
    let p = st
        .store
        .participant(id, me)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = st.store.survey(id).await?.ok_or(AppError::NotFound)?;
    Ok((s, p))
}

fn draft_of(p: &ParticipantRow) -> Answers {
    p.draft
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default()
}

fn is_open(s: &SurveyRow, now: DateTime<Utc>) -> bool {
    survey::is_open(s.status, s.opens_on, s.closes_on, format::today(now))
}

/// Why a survey takes no answers today.
fn closed_message(s: &SurveyRow, now: DateTime<Utc>) -> String {
    if s.opens_on > format::today(now) && s.status != survey::Status::Closed {
        tr!("survey-opens-later", date = format::date(s.opens_on))
    } else {
        t("survey-closed")
    }
}

pub async fn mine(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<MySurveysView, AppError> {
    let me = person(actor)?;
    let rows = st.store.surveys_of(me).await?;
    let (mut open, mut past) = (Vec::new(), Vec::new());
    for (s, p) in rows {
        let (state, note) = if p.sent {
            ("envoye", t("survey-state-sent-note"))
        } else if is_open(&s, now) {
            let state = if p.draft.is_some() {
                "en_cours"
            } else {
                "a_faire"
            };
            (state, tr!("survey-until", date = format::date(s.closes_on)))
        } else {
            ("ferme", closed_message(&s, now))
        };
        let item = MySurveyItem {
            id: s.id,
            title: s.title.clone(),
            state: state.into(),
            state_label: t(&format!("survey-state-{state}")),
            note,
        };
        if matches!(state, "a_faire" | "en_cours") {
            open.push(item);
        } else {
            past.push(item);
        }
    }
    Ok(MySurveysView { open, past })
}

/// The first section still to answer (a required answer missing), else the summary.
fn resume_href(id: i64, questions: &[Question], answers: &Answers, started: bool) -> String {
    match (started, survey::incomplete(questions, answers)) {
        (false, _) => survey::next_section(questions, answers, None).map_or_else(
            || pages::my_survey_summary(id),
            |n| pages::my_survey_part(id, n),
        ),
        (true, Some(n)) => pages::my_survey_part(id, n),
        (true, None) => pages::my_survey_summary(id),
    }
}

pub async fn my_survey(
    st: &AppState,
    actor: &Actor,
    id: i64,
    part: Option<String>,
    now: DateTime<Utc>,
) -> Result<MySurveyView, AppError> {
    let (s, p) = invited(st, actor, id).await?;
    let version = p.version.unwrap_or(s.version);
    let questions = st.store.survey_questions(id, version).await?;
    let answers = draft_of(&p);
    let shown = section_views(&questions, &answers, true);
    let mut v = MySurveyView {
        id,
        title: s.title.clone(),
        step: "intro".into(),
        message: String::new(),
        intro: s.intro.clone(),
        anonymity_note: anonymity_note(s.anonymous),
        thanks: String::new(),
        progress: String::new(),
        section: None,
        start_href: resume_href(id, &questions, &answers, p.draft.is_some()),
        start_label: t(if p.draft.is_some() {
            "survey-resume"
        } else {
            "survey-start"
        }),
        back_href: None,
        summary: Vec::new(),
    };
    if p.sent {
        v.step = "envoye".into();
        v.thanks = if s.thanks.is_empty() {
            t("survey-thanks-default")
        } else {
            s.thanks.clone()
        };
        return Ok(v);
    }
    if !is_open(&s, now) {
        v.step = "ferme".into();
        v.message = closed_message(&s, now);
        return Ok(v);
    }
    match part.as_deref() {
        None | Some("") => {}
        Some("resume") => {
            v.step = "resume".into();
            v.message = match survey::incomplete(&questions, &answers) {
                Some(n) => tr!("survey-incomplete", number = n),
                None => t("survey-summary-intro"),
            };
            v.back_href = shown.last().map(|l| pages::my_survey_part(id, l.number));
            v.summary = shown;
        }
        Some(n) => {
            let n: i64 = n.parse().map_err(|_| AppError::NotFound)?;
            let index = shown
                .iter()
                .position(|sec| sec.number == n)
                .ok_or(AppError::NotFound)?;
            v.step = "partie".into();
            v.progress = tr!("survey-progress", current = index + 1, total = shown.len());
            v.back_href = Some(if index == 0 {
                pages::my_survey(id)
            } else {
                pages::my_survey_part(id, shown[index - 1].number)
            });
            v.section = shown.into_iter().nth(index);
        }
    }
    Ok(v)
}

/// Saves one section's answers (checked against this survey's questions) and goes on to
/// the next section shown, or to the summary.
pub async fn save_section(
    st: &AppState,
    actor: &Actor,
    posted: Vec<(String, String)>,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let field = |name: &str| {
        posted
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.trim().parse::<i64>().ok())
    };
    let (Some(id), Some(section)) = (field("survey"), field("partie")) else {
        return Err(AppError::BadRequest(t("survey-forged")));
    };
    let (s, p) = invited(st, actor, id).await?;
    if p.sent {
        return Err(AppError::Conflict(t("survey-already-sent")));
    }
    if !is_open(&s, now) {
        return Err(AppError::Conflict(closed_message(&s, now)));
    }
    let version = p.version.unwrap_or(s.version);
    let questions = st.store.survey_questions(id, version).await?;
    let before = draft_of(&p);
    let shown = questions
        .iter()
        .any(|q| q.section == section && survey::visible(q, &before));
    if !shown {
        return Err(AppError::BadRequest(t("survey-forged")));
    }
    let answers = match survey::check_section(&questions, section, &before, &posted) {
        Ok(a) => a,
        Err(refused) if refused.is_empty() => return Err(AppError::BadRequest(t("survey-forged"))),
        Err(refused) => {
            return Err(AppError::fields(
                refused.into_iter().map(|(f, key)| (f, t(key))).collect(),
            ))
        }
    };
    let draft = serde_json::to_string(&answers).map_err(|_| AppError::Internal)?;
    if !st
        .store
        .save_survey_draft(id, p.allocataire_id, version, &draft)
        .await?
    {
        return Err(AppError::Conflict(t("survey-already-sent")));
    }
    let next = survey::next_section(&questions, &answers, Some(section));
    Ok(Done {
        notice: t("survey-section-saved"),
        redirect: next.map_or_else(
            || pages::my_survey_summary(id),
            |n| pages::my_survey_part(id, n),
        ),
    })
}

pub async fn send(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (s, p) = invited(st, actor, id).await?;
    if p.sent {
        return Err(AppError::Conflict(t("survey-already-sent")));
    }
    if !is_open(&s, now) {
        return Err(AppError::Conflict(closed_message(&s, now)));
    }
    let Some(version) = p.version else {
        return Err(AppError::Conflict(tr!("survey-incomplete", number = 1)));
    };
    let questions = st.store.survey_questions(id, version).await?;
    let answers = draft_of(&p);
    if let Some(n) = survey::incomplete(&questions, &answers) {
        return Err(AppError::Conflict(tr!("survey-incomplete", number = n)));
    }
    let kept = survey::kept_answers(&questions, &answers);
    let (mut choices, mut texts) = (Vec::new(), Vec::new());
    for q in &questions {
        let Some(values) = kept.get(&q.key) else {
            continue;
        };
        if q.kind.is_text() {
            // A random id: the order of the texts says nothing of who sent when.
            let text_id = (rand::random::<u64>() >> 12) as i64 + 1;
            texts.push((text_id, q.key, values.join("\n")));
        } else {
            choices.extend(values.iter().map(|v| (q.key, v.clone())));
        }
    }
    let today = format::today(now);
    let sub = Submission {
        survey_id: id,
        person: p.allocataire_id,
        agency_id: p.agency_id,
        version,
        anonymous: s.anonymous,
        response_id: crate::server::crypto::new_token(),
        choices,
        texts,
        today,
        queued_at: if s.anonymous {
            format::day_start(today)
        } else {
            now.timestamp()
        },
        now: now.timestamp(),
        audit: (!s.anonymous).then(|| {
            change(
                actor,
                p.agency_id,
                "survey.send",
                format!("survey:{id} person:{}", p.allocataire_id),
            )
        }),
    };
    match st.store.submit(&sub).await? {
        SubmitOutcome::Sent => Ok(Done {
            notice: t("survey-sent"),
            redirect: pages::my_survey(id),
        }),
        SubmitOutcome::AlreadySent => Err(AppError::Conflict(t("survey-already-sent"))),
        SubmitOutcome::Closed => Err(AppError::Conflict(t("survey-closed"))),
    }
}
