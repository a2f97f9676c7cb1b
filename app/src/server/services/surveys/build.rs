//! Building a survey (managers for their agency, the admin for any or all): settings,
//! questions in sections with conditions, a phone preview, publishing (the invitations
//! go through the outbox) and closing. Once someone answered, a change to the questions
//! makes a new version; the answers keep theirs.

use super::{anonymity_note, dates, managed, scope_of, section_views};
use crate::domain::error::AppError;
use crate::domain::survey::{
    self, condition_holds, Audience, Kind, Question, QuestionInput, Status, SurveyInput,
    QUESTIONS_MAX,
};
use crate::domain::{Actor, AgencyId};
use crate::i18n::{t, Arg};
use crate::pages;
use crate::server::format;
use crate::server::services::notify::{notice_messages, Recipient};
use crate::server::services::{audit, AppState};
use crate::server::store::{NewAudit, Principal, QuestionChange, SurveyRow, SurveySettings};
use crate::tr;
use crate::views::{Done, StaffSurveyView, SurveyListItem, SurveyPreviewView, SurveysView};
use chrono::{DateTime, Duration, Utc};
use validator::Validate;

fn counts(s: &SurveyRow) -> String {
    tr!("survey-counts", invited = s.invited, sent = s.sent)
}

fn audiences(actor: &Actor) -> Vec<(String, String)> {
    Audience::ALL
        .iter()
        .filter(|a| **a != Audience::All || scope_of(actor).is_ok_and(|s| s.is_none()))
        .map(|a| (a.as_str().to_string(), t(a.label_key())))
        .collect()
}

/// A change's audit entry; a survey of every agency (`None`) belongs to none.
fn entry_for(actor: &Actor, agency: Option<AgencyId>, action: &str, subject: String) -> NewAudit {
    NewAudit {
        actor: Principal::from(actor).to_string(),
        agency,
        action: action.into(),
        subject,
    }
}

fn audit_entry(actor: &Actor, s: &SurveyRow, action: &str) -> NewAudit {
    entry_for(actor, s.agency_id, action, format!("survey:{}", s.id))
}

pub async fn list(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<SurveysView, AppError> {
    let only = scope_of(actor)?;
    let rows = st.store.surveys(only).await?;
    let today = format::today(now);
    Ok(SurveysView {
        items: rows
            .iter()
            .map(|s| SurveyListItem {
                id: s.id,
                title: s.title.clone(),
                status: s.status.as_str().into(),
                status_label: t(s.status.label_key()),
                audience_label: t(s.audience.label_key()),
                dates: dates(s),
                counts: counts(s),
            })
            .collect(),
        audiences: audiences(actor),
        opens_on: today.to_string(),
        closes_on: (today + Duration::days(30)).to_string(),
    })
}

/// The settings typed, checked: who the survey is for decides its agency.
fn settings(actor: &Actor, input: &SurveyInput) -> Result<SurveySettings, AppError> {
    scope_of(actor)?;
    input.validate()?;
    let audience = input
        .audience()
        .ok_or_else(|| AppError::field("audience", &t("form-survey-audience-invalid")))?;
    let only = scope_of(actor)?;
    let agency_id = match (audience, only, actor) {
        (Audience::All, None, _) => None,
        (Audience::All, Some(_), _) => {
            return Err(AppError::field("audience", &t("form-survey-audience-all")))
        }
        (_, Some(a), _) => Some(a),
        (_, None, Actor::Staff { agency, .. }) => {
            Some(agency.ok_or_else(|| AppError::field("audience", &t("form-survey-pick-agency")))?)
        }
        _ => return Err(AppError::Forbidden),
    };
    let (Some(opens_on), Some(closes_on)) = (input.opens(), input.closes()) else {
        return Err(AppError::field("opens_on", &t("form-survey-date-invalid")));
    };
    Ok(SurveySettings {
        agency_id,
        title: input.title.trim().into(),
        intro: input.intro.trim().into(),
        thanks: input.thanks.trim().into(),
        anonymous: input.anonymous(),
        audience,
        numeros: if audience == Audience::List {
            input.list().join("\n")
        } else {
            String::new()
        },
        opens_on,
        closes_on,
        by: actor.staff_id(),
    })
}

pub async fn create(
    st: &AppState,
    actor: &Actor,
    input: SurveyInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let s = settings(actor, &input)?;
    let entry = entry_for(actor, s.agency_id, "survey.create", String::new());
    let id = st.store.create_survey(&s, &entry, now.timestamp()).await?;
    Ok(Done {
        notice: t("survey-created"),
        redirect: pages::staff_survey(id),
    })
}

pub async fn update(
    st: &AppState,
    actor: &Actor,
    id: i64,
    input: SurveyInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let row = managed(st, actor, id).await?;
    let s = settings(actor, &input)?;
    if s.agency_id != row.agency_id {
        return Err(AppError::field(
            "audience",
            &t("form-survey-audience-scope"),
        ));
    }
    let entry = audit_entry(actor, &row, "survey.settings");
    if !st
        .store
        .update_survey(id, &s, &entry, now.timestamp())
        .await?
    {
        return Err(AppError::Conflict(t("survey-not-draft")));
    }
    Ok(Done {
        notice: t("survey-saved"),
        redirect: pages::staff_survey(id),
    })
}

pub async fn view(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<StaffSurveyView, AppError> {
    let s = managed(st, actor, id).await?;
    let questions = st.store.survey_questions(id, s.version).await?;
    audit(
        st,
        actor,
        s.agency_id,
        "survey.read",
        &format!("survey:{id}"),
        now,
    )
    .await;
    let none = survey::Answers::new();
    let conditions = questions
        .iter()
        .filter_map(|q| q.values().map(|v| (q, v)))
        .flat_map(|(q, values)| {
            values.into_iter().map(move |v| {
                (
                    format!("{}:{v}", q.key),
                    tr!(
                        "survey-condition",
                        question = q.label.clone(),
                        answer = super::value_label(q, &v)
                    ),
                )
            })
        })
        .collect();
    Ok(StaffSurveyView {
        id,
        title: s.title.clone(),
        intro: s.intro.clone(),
        thanks: s.thanks.clone(),
        anonymity: if s.anonymous { "anonyme" } else { "nominatif" }.into(),
        anonymity_note: anonymity_note(s.anonymous),
        audience: s.audience.as_str().into(),
        audience_label: t(s.audience.label_key()),
        numeros: s.numeros.clone(),
        opens_on: s.opens_on.to_string(),
        closes_on: s.closes_on.to_string(),
        dates: dates(&s),
        status: s.status.as_str().into(),
        status_label: t(s.status.label_key()),
        version_note: (s.version > 1).then(|| tr!("survey-version-note", version = s.version)),
        counts: counts(&s),
        draft: s.status == Status::Draft,
        may_edit_questions: s.status != Status::Closed,
        may_close: s.status == Status::Published,
        next_section: survey::sections(&questions).last().copied().unwrap_or(1),
        sections: section_views(&questions, &none, false),
        kinds: Kind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), t(k.label_key())))
            .collect(),
        conditions,
        audiences: audiences(actor),
    })
}

pub async fn preview(st: &AppState, actor: &Actor, id: i64) -> Result<SurveyPreviewView, AppError> {
    let s = managed(st, actor, id).await?;
    let questions = st.store.survey_questions(id, s.version).await?;
    Ok(SurveyPreviewView {
        id,
        title: s.title.clone(),
        intro: s.intro.clone(),
        anonymity_note: anonymity_note(s.anonymous),
        thanks: s.thanks.clone(),
        sections: section_views(&questions, &survey::Answers::new(), false),
    })
}

/// Refuses the questions as they would be: too many, or a condition that no longer holds.
fn check_questions(questions: &[Question]) -> Result<(), String> {
    if questions.len() > QUESTIONS_MAX {
        return Err(t("form-survey-too-many"));
    }
    if questions.iter().any(|q| !condition_holds(questions, q)) {
        return Err(t("form-survey-condition-broken"));
    }
    Ok(())
}

/// Applies a change to a survey's questions: rights first, then the survey's state, then
/// the input (`make`), so that a refusal never depends on what was typed.
async fn apply(
    st: &AppState,
    actor: &Actor,
    id: i64,
    make: impl FnOnce() -> Result<QuestionChange, AppError>,
    action: &str,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let s = managed(st, actor, id).await?;
    if s.status == Status::Closed {
        return Err(AppError::Conflict(t("survey-closed-staff")));
    }
    let change_to = make()?;
    let entry = audit_entry(actor, &s, action);
    match st
        .store
        .change_questions(id, &change_to, &check_questions, &entry, now.timestamp())
        .await?
    {
        Ok(version) => Ok(Done {
            notice: if version > s.version {
                tr!("survey-new-version", version = version)
            } else {
                t("survey-questions-saved")
            },
            redirect: pages::staff_survey(id),
        }),
        Err(why) if why.is_empty() => Err(AppError::NotFound),
        Err(why) => Err(AppError::field("show_if", &why)),
    }
}

fn question_of(input: &QuestionInput, key: i64) -> Result<Question, AppError> {
    input.validate()?;
    input
        .question(key, 0)
        .ok_or_else(|| AppError::field("kind", &t("form-survey-kind-invalid")))
}

pub async fn add_question(
    st: &AppState,
    actor: &Actor,
    id: i64,
    input: QuestionInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let make = || question_of(&input, 0).map(QuestionChange::Add);
    apply(st, actor, id, make, "survey.question.add", now).await
}

pub async fn edit_question(
    st: &AppState,
    actor: &Actor,
    id: i64,
    key: i64,
    input: QuestionInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let make = || question_of(&input, key).map(QuestionChange::Edit);
    apply(st, actor, id, make, "survey.question.edit", now).await
}

pub async fn remove_question(
    st: &AppState,
    actor: &Actor,
    id: i64,
    key: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let make = || Ok(QuestionChange::Remove(key));
    apply(st, actor, id, make, "survey.question.remove", now).await
}

fn invitation_link(st: &AppState, id: i64) -> String {
    format!(
        "{}{}",
        st.settings.public_url.trim_end_matches('/'),
        pages::my_survey(id)
    )
}

pub async fn publish(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let s = managed(st, actor, id).await?;
    if s.status != Status::Draft {
        return Err(AppError::Conflict(t("survey-not-draft")));
    }
    if st.store.survey_questions(id, s.version).await?.is_empty() {
        return Err(AppError::Conflict(t("survey-no-questions")));
    }
    if s.closes_on < format::today(now) {
        return Err(AppError::Conflict(t("survey-closes-past")));
    }
    let numeros: Vec<String> = s.numeros.lines().map(str::to_string).collect();
    let people = st
        .store
        .survey_audience(s.agency_id, s.audience, &numeros)
        .await?;
    if s.audience == Audience::List {
        let unknown: Vec<&str> = numeros
            .iter()
            .filter(|n| !people.iter().any(|p| &p.numero == *n))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(AppError::Conflict(tr!(
                "survey-unknown-numeros",
                numeros = unknown.join(", ")
            )));
        }
    }
    if people.is_empty() {
        return Err(AppError::Conflict(t("survey-nobody")));
    }
    let link = invitation_link(st, id);
    let messages: Vec<_> = people
        .iter()
        .flat_map(|p| {
            notice_messages(
                &Recipient::from(p),
                "survey-invite",
                &[
                    ("title", Arg::from(&s.title)),
                    ("link", Arg::from(&link)),
                    ("closes", Arg::from(&format::date(s.closes_on))),
                ],
            )
        })
        .collect();
    let invited: Vec<_> = people.iter().map(|p| (p.id, p.agency_id)).collect();
    let entry = audit_entry(actor, &s, "survey.publish");
    if !st
        .store
        .publish_survey(id, &invited, &messages, &entry, now.timestamp())
        .await?
    {
        return Err(AppError::Conflict(t("survey-not-draft")));
    }
    Ok(Done {
        notice: tr!("survey-published", count = invited.len()),
        redirect: pages::staff_survey(id),
    })
}

pub async fn close(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let s = managed(st, actor, id).await?;
    let entry = audit_entry(actor, &s, "survey.close");
    if !st.store.close_survey(id, &entry, now.timestamp()).await? {
        return Err(AppError::Conflict(t("survey-not-published")));
    }
    Ok(Done {
        notice: t("survey-closed-done"),
        redirect: pages::staff_survey(id),
    })
}
