//! Satisfaction results per question, agency and period: counts and shares with every
//! figure from fewer than 11 people suppressed, complementary suppression included
//! (`domain::disclosure`); the admin also sees the agencies side by side. The page, the
//! CSV export and the server function's JSON all come from [`results`], so they agree.

use super::{question, scope_of};
use crate::domain::authz::Action;
use crate::domain::disclosure::{self, Shown, THRESHOLD};
use crate::domain::error::AppError;
use crate::domain::period::Period;
use crate::domain::satisfaction::{EventKind, Rating};
use crate::domain::{Actor, AgencyId};
use crate::i18n::t;
use crate::pages;
use crate::server::format;
use crate::server::services::{audit, AppState};
use crate::views::{
    ComparisonView, PublishedCommentView, QuestionResults, ResultLine, ResultsView,
};
use chrono::{DateTime, Utc};

/// The most comments listed.
const COMMENTS: i64 = 100;

fn figure(v: Option<u64>) -> String {
    v.map_or_else(|| t("satisfaction-suppressed"), |n| n.to_string())
}

fn share(v: Option<u64>) -> String {
    v.map_or_else(|| t("satisfaction-suppressed"), |n| format!("{n} %"))
}

fn lines(cells: &[Option<u64>], total: Option<u64>) -> Vec<ResultLine> {
    Rating::ALL
        .iter()
        .zip(cells)
        .map(|(r, c)| {
            let pct = disclosure::percent(*c, total);
            ResultLine {
                label: t(r.label_key()),
                pictogram: r.pictogram().into(),
                count: figure(*c),
                percent: share(pct),
                bar: pct,
            }
        })
        .collect()
}

pub async fn results(
    st: &AppState,
    actor: &Actor,
    period: Option<String>,
    now: DateTime<Utc>,
) -> Result<ResultsView, AppError> {
    let only = scope_of(actor, Action::ViewFeedbackResults)?;
    let today = format::today(now);
    let chosen = period
        .as_deref()
        .and_then(Period::parse)
        .unwrap_or(Period::Last12);
    let (from, to) = chosen.range(today);
    let (from, to) = (format::day_start(from), format::day_start(to));
    let counts = st.store.rating_counts(only, from, to).await?;
    // Rows: the reader's agency, or every agency (the admin).
    let agencies: Vec<(AgencyId, String)> = match only {
        Some(a) => vec![(
            a,
            st.store
                .agency(a)
                .await?
                .map(|x| x.name)
                .unwrap_or_default(),
        )],
        None => st
            .store
            .agencies()
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect(),
    };
    let mut questions = Vec::new();
    let mut comparison = Vec::new();
    let mut respondents: u64 = 0;
    for kind in EventKind::ALL {
        let matrix: Vec<Vec<u64>> = agencies
            .iter()
            .map(|(a, _)| {
                Rating::ALL
                    .iter()
                    .map(|r| {
                        counts
                            .iter()
                            .filter(|c| c.agency_id == *a && c.kind == kind && c.rating == *r)
                            .map(|c| u64::try_from(c.count).unwrap_or(0))
                            .sum()
                    })
                    .collect()
            })
            .collect();
        respondents += matrix.iter().flatten().sum::<u64>();
        let shown: Shown = disclosure::suppress(&matrix);
        let (cells, total) = if agencies.len() == 1 {
            (shown.cells[0].clone(), shown.total)
        } else {
            (shown.column_totals.clone(), shown.total)
        };
        questions.push(QuestionResults {
            kind: kind.as_str().into(),
            question: question(kind),
            total: figure(total),
            lines: lines(&cells, total),
        });
        if agencies.len() > 1 {
            comparison.push(ComparisonView {
                question: question(kind),
                headers: Rating::ALL.iter().map(|r| t(r.label_key())).collect(),
                rows: agencies
                    .iter()
                    .zip(&shown.cells)
                    .zip(&shown.row_totals)
                    .map(|(((_, name), cells), total)| {
                        (
                            name.clone(),
                            cells.iter().map(|c| figure(*c)).collect(),
                            figure(*total),
                        )
                    })
                    .collect(),
                totals: (
                    shown.column_totals.iter().map(|c| figure(*c)).collect(),
                    figure(shown.total),
                ),
            });
        }
    }
    // Comments are shown only where enough people answered that none stands out.
    let comments_withheld = respondents < THRESHOLD;
    let comments = if comments_withheld {
        Vec::new()
    } else {
        st.store
            .published_comments(only, from, to, COMMENTS)
            .await?
            .into_iter()
            .map(|c| PublishedCommentView {
                question: question(c.kind),
                when: format::period(Period::Month {
                    year: chrono::Datelike::year(&format::day_of(c.event_at)),
                    month: chrono::Datelike::month(&format::day_of(c.event_at)),
                }),
                text: c.text,
            })
            .collect()
    };
    audit(
        st,
        actor,
        only,
        "satisfaction.results",
        &format!(
            "{} {}",
            only.map_or_else(|| "all".into(), |a| format!("agency:{a}")),
            chosen.as_string()
        ),
        now,
    )
    .await;
    Ok(ResultsView {
        scope: match only {
            Some(_) => agencies.first().map(|(_, n)| n.clone()).unwrap_or_default(),
            None => t("satisfaction-scope-departement"),
        },
        periods: Period::choices(today)
            .into_iter()
            .map(|p| (p.as_string(), format::period(p)))
            .collect(),
        period: chosen.as_string(),
        period_label: format::period(chosen),
        questions,
        comparison,
        comments,
        comments_withheld,
        csv: format!("{}?periode={}", pages::FEEDBACK_CSV, chosen.as_string()),
    })
}

/// The results as CSV (UTF-8 with BOM, `;`, as a French spreadsheet opens it): the same
/// suppressed figures as the page.
pub async fn results_csv(
    st: &AppState,
    actor: &Actor,
    period: Option<String>,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    let v = results(st, actor, period, now).await?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let header = [
        t("satisfaction-csv-scope"),
        t("satisfaction-csv-question"),
        t("satisfaction-csv-answer"),
        t("satisfaction-csv-count"),
        t("satisfaction-csv-share"),
    ];
    let fail = |_| crate::server::services::internal("csv write failed");
    w.write_record(&header).map_err(fail)?;
    for q in &v.questions {
        for l in &q.lines {
            w.write_record([&v.scope, &q.question, &l.label, &l.count, &l.percent])
                .map_err(fail)?;
        }
        w.write_record([
            &v.scope,
            &q.question,
            &t("satisfaction-total"),
            &q.total,
            &String::new(),
        ])
        .map_err(fail)?;
    }
    for c in &v.comparison {
        for (agency, cells, total) in &c.rows {
            for (label, cell) in c.headers.iter().zip(cells) {
                w.write_record([agency, &c.question, label, cell, &String::new()])
                    .map_err(fail)?;
            }
            w.write_record([
                agency,
                &c.question,
                &t("satisfaction-total"),
                total,
                &String::new(),
            ])
            .map_err(fail)?;
        }
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(
        w.into_inner()
            .map_err(|_| crate::server::services::internal("csv flush failed"))?,
    );
    Ok((format!("avis-{}.csv", v.period), bytes))
}
