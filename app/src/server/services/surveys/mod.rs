//! Surveys: staff build them (`build`), the people invited answer them one section at a
//! time (`answer`), staff read the results with small cells suppressed (`results`).

pub mod answer;
pub mod build;
pub mod results;

use crate::domain::authz::{check_action, Action, Scope};
use crate::domain::error::AppError;
use crate::domain::survey::{Answers, Kind, Question};
use crate::domain::{Actor, AgencyId};
use crate::i18n::t;
use crate::server::format;
use crate::server::services::AppState;
use crate::server::store::SurveyRow;
use crate::tr;
use crate::views::{SurveyQuestionView, SurveySectionView};

/// The agency whose surveys a staff member manages (`None`: every agency, the admin).
fn scope_of(actor: &Actor) -> Result<Option<AgencyId>, AppError> {
    match (check_action(actor, Action::ManageSurveys)?, actor) {
        (Scope::All, _) => Ok(None),
        (
            _,
            Actor::Staff {
                agency: Some(a), ..
            },
        ) => Ok(Some(*a)),
        _ => Err(AppError::Forbidden),
    }
}

/// A survey the staff member may manage (another agency's answers 404).
async fn managed(st: &AppState, actor: &Actor, id: i64) -> Result<SurveyRow, AppError> {
    let only = scope_of(actor)?;
    st.store
        .survey(id)
        .await?
        .filter(|s| only.is_none() || s.agency_id == only)
        .ok_or(AppError::NotFound)
}

fn anonymity_note(anonymous: bool) -> String {
    if anonymous {
        t("survey-anonymous-note")
    } else {
        t("survey-named-note")
    }
}

fn dates(s: &SurveyRow) -> String {
    tr!(
        "survey-dates",
        opens = format::date(s.opens_on),
        closes = format::date(s.closes_on)
    )
}

/// The words of one value of a question.
fn value_label(q: &Question, value: &str) -> String {
    match q.kind {
        Kind::Single | Kind::Multiple => value
            .parse::<usize>()
            .ok()
            .and_then(|i| q.options.get(i.wrapping_sub(1)))
            .cloned()
            .unwrap_or_default(),
        Kind::YesNo => t(if value == "oui" {
            "survey-yes"
        } else {
            "survey-no"
        }),
        Kind::Scale => tr!("survey-scale-value", value = value),
        Kind::Short | Kind::Long => value.to_string(),
    }
}

fn question_view(q: &Question, all: &[Question], answers: &Answers) -> SurveyQuestionView {
    let answer = answers.get(&q.key).cloned().unwrap_or_default();
    let answer_label = if answer.is_empty() {
        t("survey-no-answer")
    } else {
        answer
            .iter()
            .map(|v| value_label(q, v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    SurveyQuestionView {
        key: q.key,
        field: q.field(),
        section: q.section,
        kind: q.kind.as_str().into(),
        kind_label: t(q.kind.label_key()),
        label: q.label.clone(),
        required: q.required,
        options: q
            .values()
            .unwrap_or_default()
            .into_iter()
            .map(|v| {
                let l = value_label(q, &v);
                (v, l)
            })
            .collect(),
        options_text: q.options.join("\n"),
        condition: q.show_if.as_ref().map(|(key, value)| {
            let on = all.iter().find(|c| c.key == *key);
            tr!(
                "survey-condition",
                question = on.map(|c| c.label.clone()).unwrap_or_default(),
                answer = on.map(|c| value_label(c, value)).unwrap_or_default()
            )
        }),
        show_if: q
            .show_if
            .as_ref()
            .map(|(k, v)| format!("{k}:{v}"))
            .unwrap_or_default(),
        answer,
        answer_label,
    }
}

/// The sections of a version, each with its questions (`shown`: only those a condition
/// shows, given `answers`).
fn section_views(questions: &[Question], answers: &Answers, shown: bool) -> Vec<SurveySectionView> {
    crate::domain::survey::sections(questions)
        .into_iter()
        .map(|n| SurveySectionView {
            number: n,
            heading: tr!("survey-section-heading", number = n),
            questions: questions
                .iter()
                .filter(|q| q.section == n)
                .filter(|q| !shown || crate::domain::survey::visible(q, answers))
                .map(|q| question_view(q, questions, answers))
                .collect(),
        })
        .filter(|s| !s.questions.is_empty())
        .collect()
}
