//! The moderation queue and the satisfaction results. Plain forms and server-rendered
//! SVG: no WASM on these pages.

use crate::api::paths;
use crate::api::voice::{feedback_results, moderation_queue, panel_volunteers};
use crate::pages;
use crate::tr;
use crate::ui::components::{flash, page};
use crate::views::{ComparisonView, ModerationItemView, QuestionResults, ResultLine};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn hidden(item: &ModerationItemView, decision: &'static str) -> impl IntoView {
    view! {
        <input type="hidden" name="item_id" value=item.id.to_string() />
        <input type="hidden" name="revision" value=item.revision.to_string() />
        <input type="hidden" name="decision" value=decision />
    }
}

fn pending_item(item: ModerationItemView, reasons: Vec<(String, String)>) -> impl IntoView {
    // A refused « masquer » comes back with what the moderator typed, on its own item.
    let f = flash();
    let mine = f.value(paths::MODERATE, "item_id") == Some(item.id.to_string());
    let published = if mine {
        f.value(paths::MODERATE, "published").unwrap_or_default()
    } else {
        item.suggestion.clone()
    };
    let (text_id, reason_id) = (
        format!("published-{}", item.id),
        format!("reason-{}", item.id),
    );
    view! {
        <article class="card moderation-item">
            <p><strong>{item.source_label.clone()}</strong>" · "{item.when.clone()}</p>
            <p class="message">{item.original.clone()}</p>
            <p class="hint">{tr!("moderation-suggested", n = item.suggested)}</p>
            <form method="post" action=paths::MODERATE class="inline">
                {hidden(&item, "publier")}
                <button type="submit" class="btn">{tr!("moderation-approve")}</button>
            </form>
            <form method="post" action=paths::MODERATE class="form">
                {hidden(&item, "masquer")}
                <div class="field">
                    <label for=text_id.clone()>{tr!("moderation-masked-label")}</label>
                    <p class="hint" id=format!("hint-{text_id}")>{tr!("moderation-masked-hint")}</p>
                    <textarea id=text_id.clone() name="published" rows="4" maxlength="1000" aria-describedby=format!("hint-{text_id}")>{published}</textarea>
                </div>
                <button type="submit" class="btn btn-secondary">{tr!("moderation-redact")}</button>
            </form>
            <form method="post" action=paths::MODERATE class="form">
                {hidden(&item, "refuser")}
                <div class="field">
                    <label for=reason_id.clone()>{tr!("moderation-reason-label")}</label>
                    <select id=reason_id name="reason">
                        <option value="">{tr!("moderation-reason-choose")}</option>
                        {reasons.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn btn-secondary">{tr!("moderation-reject")}</button>
            </form>
        </article>
    }
}

/// `/pro/moderation`.
#[component]
pub fn Moderation() -> impl IntoView {
    page(moderation_queue, |v| {
        let f = flash();
        let error = f.form_error(paths::MODERATE);
        let fields: Vec<String> = f
            .field_errors(paths::MODERATE)
            .into_iter()
            .map(|e| e.message)
            .collect();
        let reasons = v.reasons.clone();
        view! {
            <Title text=tr!("moderation-title") />
            <h1>{tr!("moderation-heading")}</h1>
            <p>{tr!("moderation-intro")}</p>
            {(error.is_some() || !fields.is_empty()).then(|| view! {
                <div class="alert alert-error" role="alert" tabindex="-1" autofocus="">
                    <p>{error.clone()}</p>
                    {fields.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                </div>
            })}
            <h2>{tr!("moderation-pending-heading", n = v.pending.len())}</h2>
            {v.pending.is_empty().then(|| view! { <p>{tr!("moderation-pending-none")}</p> })}
            {v.pending.clone().into_iter().map(|item| pending_item(item, reasons.clone())).collect_view()}
            {(!v.decided.is_empty()).then(|| view! {
                <h2>{tr!("moderation-decided-heading")}</h2>
                <ul class="list">
                    {v.decided.iter().map(|i| view! {
                        <li class="item">
                            <p><span class=format!("badge badge-{}", i.status)>{i.status_label.clone()}</span>" · "{i.source_label.clone()}</p>
                            <p class="message">{i.original.clone()}</p>
                            {i.published.clone().map(|p| view! { <p class="hint">{tr!("moderation-published-as")}</p><p class="message">{p}</p> })}
                            {i.reason_label.clone().map(|r| view! { <p class="hint">{r}</p> })}
                            {i.decided.clone().map(|d| view! { <p class="hint">{d}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        }
    })
}

/// One question's figures: bars drawn on the server (decorative: each bar carries its
/// words and figure, and the table beside says the same to everyone).
pub(crate) fn chart(lines: &[ResultLine]) -> impl IntoView {
    const ROW: usize = 34;
    let height = ROW * lines.len();
    view! {
        <svg class="chart" viewBox=format!("0 0 320 {height}") role="presentation" aria-hidden="true" focusable="false">
            {lines.iter().enumerate().map(|(i, l)| {
                let y = i * ROW;
                let width = l.bar.map_or(0, |b| b * 2);
                view! {
                    <text x="0" y=(y + 13).to_string() class="chart-label">{format!("{} {}", l.pictogram, l.label)}</text>
                    <rect x="0" y=(y + 17).to_string() width=width.to_string() height="12" class="chart-bar" />
                    <text x=(width + 6).to_string() y=(y + 28).to_string() class="chart-value">{l.percent.clone()}</text>
                }
            }).collect_view()}
        </svg>
    }
}

/// One question's bars and, beside them, the same figures as a table (`question` names
/// the table for screen readers). Shared by the satisfaction and the survey results.
pub(crate) fn chart_and_table(question: &str, lines: Vec<ResultLine>) -> impl IntoView {
    let label = tr!("satisfaction-results-table", question = question);
    view! {
        <div class="results-pair">
            {chart(&lines)}
            <div class="table-wrap" tabindex="0" role="region" aria-label=label.clone()>
                <table>
                    <caption class="sr-only">{label.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{tr!("satisfaction-col-answer")}</th>
                        <th scope="col">{tr!("satisfaction-col-count")}</th>
                        <th scope="col">{tr!("satisfaction-col-share")}</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().map(|l| view! {
                            <tr><th scope="row">{l.label}</th><td>{l.count}</td><td>{l.percent}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

fn question_results(q: QuestionResults) -> impl IntoView {
    view! {
        <section class="card results" aria-labelledby=format!("q-{}", q.kind)>
            <h2 id=format!("q-{}", q.kind)>{q.question.clone()}</h2>
            <p>{tr!("satisfaction-respondents", total = &q.total)}</p>
            {chart_and_table(&q.question, q.lines)}
        </section>
    }
}

fn comparison(c: ComparisonView) -> impl IntoView {
    let label = tr!("satisfaction-comparison-table", question = &c.question);
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label.clone()>
            <table>
                <caption>{label.clone()}</caption>
                <thead><tr>
                    <th scope="col">{tr!("satisfaction-col-agency")}</th>
                    {c.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}
                    <th scope="col">{tr!("satisfaction-total")}</th>
                </tr></thead>
                <tbody>
                    {c.rows.into_iter().map(|(agency, cells, total)| view! {
                        <tr>
                            <th scope="row">{agency}</th>
                            {cells.into_iter().map(|x| view! { <td>{x}</td> }).collect_view()}
                            <td>{total}</td>
                        </tr>
                    }).collect_view()}
                    <tr>
                        <th scope="row">{tr!("satisfaction-scope-departement")}</th>
                        {c.totals.0.into_iter().map(|x| view! { <td>{x}</td> }).collect_view()}
                        <td>{c.totals.1}</td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

/// `/pro/avis`.
#[component]
pub fn FeedbackResults() -> impl IntoView {
    let periode = use_query_map().with_untracked(|q| q.get("periode"));
    page(
        move || feedback_results(periode.clone()),
        |v| {
            view! {
                <Title text=tr!("satisfaction-results-title") />
                <h1>{tr!("satisfaction-results-heading")}</h1>
                <p>{tr!("satisfaction-results-scope", scope = &v.scope, period = &v.period_label)}</p>
                <p class="hint">{tr!("satisfaction-results-rule")}</p>
                <form method="get" action=pages::FEEDBACK_RESULTS class="inline">
                    <div class="field">
                        <label for="periode">{tr!("satisfaction-period-label")}</label>
                        <select id="periode" name="periode">
                            {v.periods.iter().map(|(value, label)| view! {
                                <option value=value.clone() selected=*value == v.period>{label.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="btn btn-secondary">{tr!("satisfaction-period-submit")}</button>
                </form>
                <p><a href=v.csv.clone() download="">{tr!("satisfaction-csv-link")}</a></p>
                {v.questions.clone().into_iter().map(question_results).collect_view()}
                {(!v.comparison.is_empty()).then(|| view! {
                    <h2>{tr!("satisfaction-comparison-heading")}</h2>
                    {v.comparison.clone().into_iter().map(comparison).collect_view()}
                })}
                <h2>{tr!("satisfaction-comments-heading")}</h2>
                {if v.comments_withheld {
                    view! { <p>{tr!("satisfaction-comments-withheld")}</p> }.into_any()
                } else if v.comments.is_empty() {
                    view! { <p>{tr!("satisfaction-comments-none")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list">
                            {v.comments.iter().map(|c| view! {
                                <li class="item">
                                    <p class="hint">{c.question.clone()}" · "{c.when.clone()}</p>
                                    <p class="message">{c.text.clone()}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            }
        },
    )
}

/// `/pro/volontaires`: who volunteered for the panels and juries.
#[component]
pub fn Volunteers() -> impl IntoView {
    page(panel_volunteers, |v| {
        let label = tr!("panel-volunteers-table");
        view! {
            <Title text=tr!("panel-volunteers-title") />
            <h1>{tr!("panel-volunteers-heading")}</h1>
            <p>{tr!("panel-volunteers-intro", n = v.lines.len())}</p>
            {(!v.lines.is_empty()).then(|| view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label=label.clone()>
                    <table>
                        <caption class="sr-only">{label.clone()}</caption>
                        <thead><tr>
                            <th scope="col">{tr!("panel-col-name")}</th>
                            <th scope="col">{tr!("panel-col-numero")}</th>
                            <th scope="col">{tr!("panel-col-agency")}</th>
                            <th scope="col">{tr!("panel-col-since")}</th>
                            <th scope="col">{tr!("panel-col-version")}</th>
                        </tr></thead>
                        <tbody>
                            {v.lines.iter().map(|l| view! {
                                <tr>
                                    <td translate="no">{l.name.clone()}</td>
                                    <td>{l.numero.clone()}</td>
                                    <td>{l.agency.clone()}</td>
                                    <td>{l.since.clone()}</td>
                                    <td>{l.version.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        }
    })
}
