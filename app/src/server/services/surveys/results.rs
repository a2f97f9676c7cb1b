//! A survey's results, per version: for each question, counts and shares of the
//! responses, every figure from fewer than 11 people suppressed with its complement (the
//! « sans réponse » line, or the « did not choose » side of a multiple choice), so that
//! no difference gives it back; free texts only once moderated, and only when at least 11
//! responded. The page, the CSV and the server function's JSON come from [`results`].

use super::{managed, value_label};
use crate::domain::disclosure::{self, THRESHOLD};
use crate::domain::error::AppError;
use crate::domain::survey::Kind;
use crate::domain::Actor;
use crate::i18n::t;
use crate::pages;
use crate::server::services::{audit, internal, AppState};
use crate::views::{ResultLine, SurveyQuestionResult, SurveyResultsView};
use chrono::{DateTime, Utc};

const TEXTS: i64 = 300;

fn figure(v: Option<u64>) -> String {
    v.map_or_else(|| t("satisfaction-suppressed"), |n| n.to_string())
}

fn line(label: String, count: Option<u64>, total: Option<u64>) -> ResultLine {
    let pct = disclosure::percent(count, total);
    ResultLine {
        label,
        pictogram: String::new(),
        count: figure(count),
        percent: pct.map_or_else(|| t("satisfaction-suppressed"), |n| format!("{n} %")),
        bar: pct,
    }
}

pub async fn results(
    st: &AppState,
    actor: &Actor,
    id: i64,
    version: Option<i64>,
    now: DateTime<Utc>,
) -> Result<SurveyResultsView, AppError> {
    let s = managed(st, actor, id).await?;
    let version = version
        .filter(|v| (1..=s.version).contains(v))
        .unwrap_or(s.version);
    let questions = st.store.survey_questions(id, version).await?;
    let respondents = u64::try_from(st.store.respondents(id, version).await?).unwrap_or(0);
    let counts = st.store.choice_counts(id, version).await?;
    let enough = respondents >= THRESHOLD;
    let texts = if enough {
        st.store.published_texts(id, version, TEXTS).await?
    } else {
        Vec::new()
    };
    let count_of = |key: i64, value: &str| -> u64 {
        counts
            .iter()
            .filter(|c| c.key == key && c.value == value)
            .map(|c| u64::try_from(c.count).unwrap_or(0))
            .sum()
    };
    let mut out = Vec::new();
    for q in &questions {
        let values = q.values().unwrap_or_default();
        let lines = match q.kind {
            Kind::Short | Kind::Long => Vec::new(),
            Kind::Multiple => values
                .iter()
                .map(|v| {
                    let chose = count_of(q.key, v).min(respondents);
                    let shown = disclosure::suppress(&[vec![chose, respondents - chose]]);
                    line(value_label(q, v), shown.cells[0][0], shown.row_totals[0])
                })
                .collect(),
            _ => {
                let mut row: Vec<u64> = values.iter().map(|v| count_of(q.key, v)).collect();
                let answered: u64 = row.iter().sum();
                row.push(respondents.saturating_sub(answered));
                let shown = disclosure::suppress(&[row]);
                let total = shown.row_totals[0];
                let mut lines: Vec<ResultLine> = values
                    .iter()
                    .zip(&shown.cells[0])
                    .map(|(v, c)| line(value_label(q, v), *c, total))
                    .collect();
                lines.push(line(
                    t("survey-no-answer"),
                    shown.cells[0][values.len()],
                    total,
                ));
                lines
            }
        };
        out.push(SurveyQuestionResult {
            label: q.label.clone(),
            kind_label: t(q.kind.label_key()),
            lines,
            texts: texts
                .iter()
                .filter(|(k, _)| *k == q.key)
                .map(|(_, text)| text.clone())
                .collect(),
            is_text: q.kind.is_text(),
        });
    }
    audit(
        st,
        actor,
        s.agency_id,
        "survey.results",
        &format!("survey:{id} version:{version}"),
        now,
    )
    .await;
    Ok(SurveyResultsView {
        id,
        title: s.title.clone(),
        version,
        versions: (1..=s.version)
            .rev()
            .map(|v| (v.to_string(), crate::tr!("survey-version", version = v)))
            .collect(),
        respondents: if enough {
            crate::tr!("survey-respondents", count = respondents)
        } else {
            t("satisfaction-suppressed")
        },
        questions: out,
        csv_href: format!("{}?version={version}", pages::survey_csv(id)),
    })
}

/// The results as CSV (UTF-8 with BOM, `;`): the same suppressed figures as the page.
pub async fn results_csv(
    st: &AppState,
    actor: &Actor,
    id: i64,
    version: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    let v = results(st, actor, id, version, now).await?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let fail = |_| internal("csv write failed");
    w.write_record([
        t("satisfaction-csv-question"),
        t("satisfaction-csv-answer"),
        t("satisfaction-csv-count"),
        t("satisfaction-csv-share"),
    ])
    .map_err(fail)?;
    w.write_record([
        t("survey-csv-respondents"),
        String::new(),
        v.respondents.clone(),
        String::new(),
    ])
    .map_err(fail)?;
    for q in &v.questions {
        for l in &q.lines {
            w.write_record([&q.label, &l.label, &l.count, &l.percent])
                .map_err(fail)?;
        }
        for text in &q.texts {
            w.write_record([&q.label, text, &String::new(), &String::new()])
                .map_err(fail)?;
        }
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(w.into_inner().map_err(|_| internal("csv flush failed"))?);
    Ok((format!("questionnaire-{id}-v{}.csv", v.version), bytes))
}
