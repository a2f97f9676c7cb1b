//! The survey builder: the list and a new survey, one survey's settings and questions,
//! the phone preview, the results. Plain forms and server-rendered SVG: no WASM.

use super::voice::chart_and_table;
use crate::api::paths;
use crate::api::surveys::{staff_survey, survey_preview, survey_results, surveys};
use crate::pages;
use crate::tr;
use crate::ui::allocataire::surveys::question_input;
use crate::ui::components::{flash, page, Choices, Field, Form, Select, TextArea};
use crate::views::{SurveyQuestionResult, SurveyQuestionView, SurveySectionView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn id_param() -> i64 {
    use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0))
}

/// A survey's settings (new, or a draft's), the same fields for both forms.
#[allow(clippy::too_many_arguments)]
fn settings_fields(
    action: &'static str,
    audiences: Vec<(String, String)>,
    title: String,
    intro: String,
    thanks: String,
    anonymity: String,
    audience: String,
    numeros: String,
    opens_on: String,
    closes_on: String,
) -> impl IntoView {
    view! {
        <Field action=action name="title" label=tr!("survey-field-title") value=title required=true />
        <TextArea action=action name="intro" label=tr!("survey-field-intro") hint=tr!("survey-field-intro-hint") value=intro maxlength=2000 />
        <TextArea action=action name="thanks" label=tr!("survey-field-thanks") value=thanks maxlength=1000 />
        <Choices action=action name="anonymity" legend=tr!("survey-field-anonymity") hint=tr!("survey-field-anonymity-hint")
            options=vec![("anonyme".to_string(), tr!("survey-anonymity-anonyme")), ("nominatif".to_string(), tr!("survey-anonymity-nominatif"))]
            selected=anonymity />
        <Select action=action name="audience" label=tr!("survey-field-audience") options=audiences selected=audience required=true />
        <TextArea action=action name="numeros" label=tr!("survey-field-numeros") hint=tr!("survey-field-numeros-hint") value=numeros />
        <Field action=action name="opens_on" kind="date" label=tr!("survey-field-opens") value=opens_on required=true />
        <Field action=action name="closes_on" kind="date" label=tr!("survey-field-closes") value=closes_on required=true />
    }
}

/// `/pro/questionnaires`.
#[component]
pub fn Surveys() -> impl IntoView {
    page(surveys, |v| {
        view! {
            <Title text=tr!("survey-list-title") />
            <h1>{tr!("survey-list-heading")}</h1>
            {v.items.is_empty().then(|| view! { <p>{tr!("survey-list-none")}</p> })}
            <ul class="list">
                {v.items.into_iter().map(|i| view! {
                    <li class="item">
                        <p><a href=pages::staff_survey(i.id)><strong>{i.title}</strong></a></p>
                        <p><span class=format!("badge badge-{}", i.status)>{i.status_label}</span></p>
                        <p class="hint">{i.audience_label}" · "{i.dates}" · "{i.counts}</p>
                    </li>
                }).collect_view()}
            </ul>
            <section class="card" aria-labelledby="h-new-survey">
                <h2 id="h-new-survey">{tr!("survey-new-heading")}</h2>
                <Form action=paths::CREATE_SURVEY submit=tr!("survey-create-submit")>
                    {settings_fields(paths::CREATE_SURVEY, v.audiences.clone(), String::new(), String::new(), String::new(), String::new(), "agence".into(), String::new(), v.opens_on.clone(), v.closes_on.clone())}
                </Form>
            </section>
        }
    })
}

/// The fields of a question (new or changed); `prefix` keeps ids unique on the page.
fn question_fields(
    prefix: String,
    kinds: Vec<(String, String)>,
    conditions: Vec<(String, String)>,
    q: Option<&SurveyQuestionView>,
    section: i64,
) -> impl IntoView {
    let f = flash();
    let action = if q.is_some() {
        paths::EDIT_QUESTION
    } else {
        paths::ADD_QUESTION
    };
    // Values typed before a refused post come back to the form they were typed in.
    let mine = f.for_action(action)
        && f.value(action, "key").and_then(|k| k.parse::<i64>().ok()) == q.map(|q| q.key);
    let kept = |name: &str, default: String| {
        if mine {
            f.value(action, name).unwrap_or_default()
        } else {
            default
        }
    };
    let error = |name: &str| mine.then(|| f.field_error(action, name)).flatten();
    let section = kept("section", q.map_or(section, |q| q.section).to_string());
    let kind = kept("kind", q.map(|q| q.kind.clone()).unwrap_or_default());
    let label = kept("label", q.map(|q| q.label.clone()).unwrap_or_default());
    let required = if mine {
        f.value(action, "required").is_some()
    } else {
        q.is_some_and(|q| q.required)
    };
    let options = kept(
        "options",
        q.map(|q| q.options_text.clone()).unwrap_or_default(),
    );
    let show_if = kept("show_if", q.map(|q| q.show_if.clone()).unwrap_or_default());
    let id = |name: &str| format!("{prefix}-{name}");
    let err = |name: &str| format!("{prefix}-err-{name}");
    view! {
        <div class="field">
            <label for=id("section")>{tr!("survey-field-section")}</label>
            <p class="field-error" id=err("section")>{error("section")}</p>
            <input id=id("section") name="section" type="number" min="1" max="20" inputmode="numeric" value=section aria-describedby=err("section") required=true />
        </div>
        <div class="field">
            <label for=id("kind")>{tr!("survey-field-kind")}</label>
            <p class="field-error" id=err("kind")>{error("kind")}</p>
            <select id=id("kind") name="kind" aria-describedby=err("kind") required=true>
                {kinds.into_iter().map(|(v, l)| {
                    let on = v == kind;
                    view! { <option value=v selected=on>{l}</option> }
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=id("label")>{tr!("survey-field-label")}</label>
            <p class="field-error" id=err("label")>{error("label")}</p>
            <input id=id("label") name="label" type="text" maxlength="300" value=label aria-describedby=err("label") required=true />
        </div>
        <div class="choice">
            <input type="checkbox" id=id("required") name="required" checked=required />
            <label for=id("required")>{tr!("survey-field-required")}</label>
        </div>
        <div class="field">
            <label for=id("options")>{tr!("survey-field-options")}</label>
            <p class="hint" id=format!("{prefix}-hint-options")>{tr!("survey-field-options-hint")}</p>
            <p class="field-error" id=err("options")>{error("options")}</p>
            <textarea id=id("options") name="options" rows="4" maxlength="2000" aria-describedby=format!("{prefix}-hint-options {}", err("options"))>{options}</textarea>
        </div>
        <div class="field">
            <label for=id("show_if")>{tr!("survey-field-condition")}</label>
            <p class="hint" id=format!("{prefix}-hint-show_if")>{tr!("survey-field-condition-hint")}</p>
            <p class="field-error" id=err("show_if")>{error("show_if")}</p>
            <select id=id("show_if") name="show_if" aria-describedby=format!("{prefix}-hint-show_if {}", err("show_if"))>
                <option value="" selected=show_if.is_empty()>{tr!("survey-condition-none")}</option>
                {conditions.into_iter().map(|(v, l)| {
                    let on = v == show_if;
                    view! { <option value=v selected=on>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

fn question_card(
    survey: i64,
    q: SurveyQuestionView,
    editable: bool,
    kinds: Vec<(String, String)>,
    conditions: Vec<(String, String)>,
) -> impl IntoView {
    let f = flash();
    let open = f.for_action(paths::EDIT_QUESTION)
        && f.value(paths::EDIT_QUESTION, "key") == Some(q.key.to_string());
    let error = open.then(|| f.form_error(paths::EDIT_QUESTION)).flatten();
    let conditions: Vec<_> = conditions
        .into_iter()
        .filter(|(v, _)| !v.starts_with(&format!("{}:", q.key)))
        .collect();
    view! {
        <li class="item">
            <p><strong>{q.label.clone()}</strong>{q.required.then(|| view! { " "<span class="badge">{tr!("survey-required-badge")}</span> })}</p>
            <p class="hint">{q.kind_label.clone()}</p>
            {(!q.options.is_empty() && q.kind.starts_with("choix")).then(|| view! {
                <ul>{q.options.iter().map(|(_, l)| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
            })}
            {q.condition.clone().map(|c| view! { <p class="hint">{c}</p> })}
            {editable.then(|| view! {
                <details open=open>
                    <summary>{tr!("survey-edit-question")}</summary>
                    <form method="post" action=paths::EDIT_QUESTION class="form">
                        <div class="alert alert-error" role="alert" hidden=error.is_none()><p>{error.clone()}</p></div>
                        <input type="hidden" name="survey_id" value=survey.to_string() />
                        <input type="hidden" name="key" value=q.key.to_string() />
                        {question_fields(format!("e{}", q.key), kinds, conditions, Some(&q), q.section)}
                        <button type="submit" class="btn">{tr!("survey-save-question")}</button>
                    </form>
                </details>
                <form method="post" action=paths::REMOVE_QUESTION class="inline">
                    <input type="hidden" name="survey_id" value=survey.to_string() />
                    <input type="hidden" name="key" value=q.key.to_string() />
                    <button type="submit" class="btn btn-secondary">{tr!("survey-remove-question", label = q.label.clone())}</button>
                </form>
            })}
        </li>
    }
}

/// `/pro/questionnaires/{id}`.
#[component]
pub fn StaffSurveyPage() -> impl IntoView {
    let id = id_param();
    page(
        move || staff_survey(id),
        |v| {
            let id = v.id;
            let add_error = flash()
                .form_error(paths::ADD_QUESTION)
                .filter(|_| flash().value(paths::ADD_QUESTION, "key").is_none());
            let sections = v.sections.clone();
            let (kinds, conditions) = (v.kinds.clone(), v.conditions.clone());
            let editable = v.may_edit_questions;
            view! {
                <Title text=tr!("survey-page-title", title = v.title.clone()) />
                <h1>{v.title.clone()}</h1>
                <p><span class=format!("badge badge-{}", v.status)>{v.status_label.clone()}</span>" "{v.dates.clone()}</p>
                <p>{v.audience_label.clone()}" · "{v.counts.clone()}</p>
                <p class="hint">{v.anonymity_note.clone()}</p>
                {v.version_note.clone().map(|n| view! { <p class="card">{n}</p> })}
                <ul class="links">
                    <li><a href=pages::survey_preview(id)>{tr!("survey-preview-link")}</a></li>
                    <li><a href=pages::survey_results(id)>{tr!("survey-results-link")}</a></li>
                    <li><a href=pages::SURVEYS>{tr!("survey-back-surveys")}</a></li>
                </ul>
                {v.draft.then(|| view! {
                    <Form action=paths::PUBLISH_SURVEY submit=tr!("survey-publish-submit")>
                        <input type="hidden" name="survey_id" value=id.to_string() />
                        <p>{tr!("survey-publish-intro")}</p>
                    </Form>
                })}
                {v.may_close.then(|| view! {
                    <Form action=paths::CLOSE_SURVEY submit=tr!("survey-close-submit") secondary=true>
                        <input type="hidden" name="survey_id" value=id.to_string() />
                    </Form>
                })}
                <h2>{tr!("survey-questions-heading")}</h2>
                {sections.is_empty().then(|| view! { <p>{tr!("survey-questions-none")}</p> })}
                {sections.into_iter().map(|s: SurveySectionView| {
                    let (kinds, conditions) = (kinds.clone(), conditions.clone());
                    view! {
                        <h3>{s.heading.clone()}</h3>
                        <ol class="list">
                            {s.questions.into_iter().map(|q| question_card(id, q, editable, kinds.clone(), conditions.clone())).collect_view()}
                        </ol>
                    }
                }).collect_view()}
                {editable.then(|| view! {
                    <section class="card" aria-labelledby="h-add-question">
                        <h2 id="h-add-question">{tr!("survey-add-heading")}</h2>
                        <form method="post" action=paths::ADD_QUESTION class="form">
                            <div class="alert alert-error" role="alert" hidden=add_error.is_none()><p>{add_error.clone()}</p></div>
                            <input type="hidden" name="survey_id" value=id.to_string() />
                            {question_fields("n".into(), kinds.clone(), conditions.clone(), None, v.next_section)}
                            <button type="submit" class="btn">{tr!("survey-add-submit")}</button>
                        </form>
                    </section>
                })}
                {v.draft.then(|| view! {
                    <section class="card" aria-labelledby="h-settings">
                        <h2 id="h-settings">{tr!("survey-settings-heading")}</h2>
                        <Form action=paths::EDIT_SURVEY submit=tr!("survey-settings-submit")>
                            <input type="hidden" name="survey_id" value=id.to_string() />
                            {settings_fields(paths::EDIT_SURVEY, v.audiences.clone(), v.title.clone(), v.intro.clone(), v.thanks.clone(), v.anonymity.clone(), v.audience.clone(), v.numeros.clone(), v.opens_on.clone(), v.closes_on.clone())}
                        </Form>
                    </section>
                })}
            }
        },
    )
}

/// `/pro/questionnaires/{id}/apercu`: every section as a 360 px phone shows it.
#[component]
pub fn SurveyPreview() -> impl IntoView {
    let id = id_param();
    page(
        move || survey_preview(id),
        |v| {
            view! {
                <Title text=tr!("survey-preview-title", title = v.title.clone()) />
                <h1>{tr!("survey-preview-heading")}</h1>
                <p>{tr!("survey-preview-intro")}</p>
                <p><a href=pages::staff_survey(v.id)>{tr!("survey-back-builder")}</a></p>
                <div class="phone" role="region" aria-label=tr!("survey-preview-phone") tabindex="0">
                    <h2>{v.title.clone()}</h2>
                    {(!v.intro.is_empty()).then(|| view! { <p class="message">{v.intro.clone()}</p> })}
                    <p class="card">{v.anonymity_note.clone()}</p>
                    {v.sections.into_iter().map(|s| view! {
                        <h3>{s.heading.clone()}</h3>
                        {s.questions.into_iter().map(|q| {
                            let c = q.condition.clone();
                            view! {
                                {c.map(|c| view! { <p class="hint">{c}</p> })}
                                {question_input(q, true)}
                            }
                        }).collect_view()}
                    }).collect_view()}
                    {(!v.thanks.is_empty()).then(|| view! { <p class="card">{v.thanks.clone()}</p> })}
                </div>
            }
        },
    )
}

fn result_card(i: usize, q: SurveyQuestionResult) -> impl IntoView {
    let heading = format!("r-{i}");
    let labelled = heading.clone();
    let lines = (!q.lines.is_empty()).then(|| chart_and_table(&q.label, q.lines.clone()));
    view! {
        <section class="card results" aria-labelledby=labelled>
            <h2 id=heading>{q.label.clone()}</h2>
            <p class="hint">{q.kind_label.clone()}</p>
            {lines}
            {q.is_text.then(|| if q.texts.is_empty() {
                view! { <p>{tr!("survey-texts-none")}</p> }.into_any()
            } else {
                view! { <ul class="list">{q.texts.iter().map(|t| view! { <li class="message">{t.clone()}</li> }).collect_view()}</ul> }.into_any()
            })}
        </section>
    }
}

/// `/pro/questionnaires/{id}/resultats` (`?version=1`).
#[component]
pub fn SurveyResults() -> impl IntoView {
    let id = id_param();
    let version =
        use_query_map().with_untracked(|q| q.get("version").and_then(|v| v.parse::<i64>().ok()));
    page(
        move || survey_results(id, version),
        |v| {
            let current = v.version.to_string();
            view! {
                <Title text=tr!("survey-results-title", title = v.title.clone()) />
                <h1>{tr!("survey-results-heading", title = v.title.clone())}</h1>
                <p>{tr!("survey-results-respondents", count = v.respondents.clone())}</p>
                <p class="hint">{tr!("survey-results-rule")}</p>
                {(v.versions.len() > 1).then(|| view! {
                    <form method="get" action=pages::survey_results(v.id) class="inline">
                        <label for="f-version">{tr!("survey-results-version")}</label>
                        <select id="f-version" name="version">
                            {v.versions.iter().map(|(value, label)| {
                                let on = *value == current;
                                view! { <option value=value.clone() selected=on>{label.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <button type="submit" class="btn btn-secondary">{tr!("survey-results-show")}</button>
                    </form>
                })}
                <ul class="links">
                    <li><a href=v.csv_href.clone() download="">{tr!("survey-results-csv")}</a></li>
                    <li><a href=pages::staff_survey(v.id)>{tr!("survey-back-builder")}</a></li>
                </ul>
                {v.questions.into_iter().enumerate().map(|(i, q)| result_card(i, q)).collect_view()}
            }
        },
    )
}
