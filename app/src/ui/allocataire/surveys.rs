//! « Mes questionnaires »: the surveys a person was invited to, answered one section per
//! page with plain forms (no WASM), a summary before sending, the thanks.

use crate::api::paths;
use crate::api::surveys::{my_survey, my_surveys};
use crate::pages;
use crate::tr;
use crate::ui::components::{flash, page, Form};
use crate::views::{MySurveyItem, SurveyQuestionView, SurveySectionView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What to show in a question's inputs: what was typed before a refused post, else the
/// answer saved.
fn values_of(q: &SurveyQuestionView) -> Vec<String> {
    let f = flash();
    if f.for_action(paths::SURVEY_SECTION) {
        f.values
            .iter()
            .filter(|(k, _)| *k == q.field)
            .map(|(_, v)| v.clone())
            .collect()
    } else {
        q.answer.clone()
    }
}

fn required_mark(required: bool) -> impl IntoView {
    required.then(|| {
        view! { <span class="req">" "{tr!("survey-required-mark")}</span> }
    })
}

/// One question as a form control (or a disabled one, for the staff preview).
pub(crate) fn question_input(q: SurveyQuestionView, disabled: bool) -> AnyView {
    let error = (!disabled)
        .then(|| flash().field_error(paths::SURVEY_SECTION, &q.field))
        .flatten();
    let invalid = error.is_some().then_some("true");
    let values = if disabled { Vec::new() } else { values_of(&q) };
    let id = format!("f-{}", q.field);
    let err_id = format!("err-{}", q.field);
    match q.kind.as_str() {
        "texte_court" | "texte_long" => {
            let value = values.first().cloned().unwrap_or_default();
            let long = q.kind == "texte_long";
            view! {
                <div class="field">
                    <label for=id.clone()>{q.label.clone()}{required_mark(q.required)}</label>
                    <p class="field-error" id=err_id.clone()>{error}</p>
                    {if long {
                        view! { <textarea id=id name=q.field.clone() rows="5" maxlength="2000" disabled=disabled aria-describedby=err_id aria-invalid=invalid>{value}</textarea> }.into_any()
                    } else {
                        view! { <input id=id name=q.field.clone() type="text" maxlength="200" value=value disabled=disabled aria-describedby=err_id aria-invalid=invalid /> }.into_any()
                    }}
                </div>
            }
            .into_any()
        }
        kind => {
            let multiple = kind == "choix_multiple";
            let input_type = if multiple { "checkbox" } else { "radio" };
            let described = err_id.clone();
            view! {
                <fieldset class=if kind == "echelle" { "choices scale" } else { "choices" } id=id tabindex="-1" aria-describedby=described>
                    <legend>{q.label.clone()}{required_mark(q.required)}</legend>
                    {multiple.then(|| view! { <p class="hint">{tr!("survey-several-hint")}</p> })}
                    {(kind == "echelle").then(|| view! { <p class="hint">{tr!("survey-scale-hint")}</p> })}
                    <p class="field-error" id=err_id>{error}</p>
                    {q.options.iter().map(|(value, label)| {
                        let oid = format!("{}-{}", q.field, value);
                        let checked = values.contains(value);
                        view! {
                            <div class="choice">
                                <input type=input_type id=oid.clone() name=q.field.clone() value=value.clone() checked=checked disabled=disabled />
                                <label for=oid>{label.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
    }
}

fn item(i: MySurveyItem) -> impl IntoView {
    view! {
        <li class="item">
            <p><a href=pages::my_survey(i.id)><strong>{i.title}</strong></a></p>
            <p><span class=format!("badge badge-{}", i.state)>{i.state_label}</span></p>
            <p class="hint">{i.note}</p>
        </li>
    }
}

/// `/espace/questionnaires`.
#[component]
pub fn MySurveys() -> impl IntoView {
    page(my_surveys, |v| {
        view! {
            <Title text=tr!("survey-mine-title") />
            <h1>{tr!("survey-mine-heading")}</h1>
            <p>{tr!("survey-mine-intro")}</p>
            <h2>{tr!("survey-mine-open")}</h2>
            {v.open.is_empty().then(|| view! { <p>{tr!("survey-mine-none")}</p> })}
            <ul class="list">{v.open.into_iter().map(item).collect_view()}</ul>
            {(!v.past.is_empty()).then(|| view! {
                <h2>{tr!("survey-mine-past")}</h2>
                <ul class="list">{v.past.into_iter().map(item).collect_view()}</ul>
            })}
            <p><a href=pages::ESPACE>{tr!("survey-back-espace")}</a></p>
        }
    })
}

fn section_form(id: i64, section: SurveySectionView) -> impl IntoView {
    view! {
        <Form action=paths::SURVEY_SECTION submit=tr!("survey-continue")>
            <input type="hidden" name="survey" value=id.to_string() />
            <input type="hidden" name="partie" value=section.number.to_string() />
            <p class="hint">{tr!("survey-required-hint")}</p>
            {section.questions.into_iter().map(|q| question_input(q, false)).collect_view()}
        </Form>
    }
}

/// `/espace/questionnaires/{id}` (`?partie=2`, `?partie=resume`).
#[component]
pub fn MySurveyPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let part = use_query_map().with_untracked(|q| q.get("partie"));
    page(
        move || my_survey(id, part.clone()),
        move |v| {
            let body = match v.step.as_str() {
                "partie" => {
                    let section = v.section.clone();
                    view! {
                        <p class="progress">{v.progress.clone()}</p>
                        {section.map(|s| view! {
                            <h2>{s.heading.clone()}</h2>
                            {section_form(v.id, s)}
                        })}
                        {v.back_href.clone().map(|h| view! { <p><a href=h>{tr!("survey-previous")}</a></p> })}
                    }
                    .into_any()
                }
                "resume" => view! {
                    <h2>{tr!("survey-summary-heading")}</h2>
                    <p>{v.message.clone()}</p>
                    {v.summary.clone().into_iter().map(|s| {
                        let href = pages::my_survey_part(v.id, s.number);
                        view! {
                            <section class="card" aria-labelledby=format!("s-{}", s.number)>
                                <h3 id=format!("s-{}", s.number)>{s.heading.clone()}</h3>
                                <dl class="summary">
                                    {s.questions.into_iter().map(|q| view! {
                                        <dt>{q.label}</dt>
                                        <dd>{q.answer_label}</dd>
                                    }).collect_view()}
                                </dl>
                                <p><a href=href>{tr!("survey-change-section", number = s.number)}</a></p>
                            </section>
                        }
                    }).collect_view()}
                    <Form action=paths::SEND_SURVEY submit=tr!("survey-send")>
                        <input type="hidden" name="survey_id" value=v.id.to_string() />
                        <p>{v.anonymity_note.clone()}</p>
                    </Form>
                }
                .into_any(),
                "envoye" => view! {
                    <p class="card">{v.thanks.clone()}</p>
                    <p><a href=pages::MY_SURVEYS>{tr!("survey-back-list")}</a></p>
                }
                .into_any(),
                "ferme" => view! {
                    <p class="card">{v.message.clone()}</p>
                    <p><a href=pages::MY_SURVEYS>{tr!("survey-back-list")}</a></p>
                }
                .into_any(),
                _ => view! {
                    {(!v.intro.is_empty()).then(|| view! { <p class="message">{v.intro.clone()}</p> })}
                    <section class="card" aria-labelledby="h-anonymity">
                        <h2 id="h-anonymity">{tr!("survey-anonymity-heading")}</h2>
                        <p>{v.anonymity_note.clone()}</p>
                        <p>{tr!("survey-saved-as-you-go")}</p>
                    </section>
                    <p><a class="btn" href=v.start_href.clone()>{v.start_label.clone()}</a></p>
                    <p><a href=pages::MY_SURVEYS>{tr!("survey-back-list")}</a></p>
                }
                .into_any(),
            };
            view! {
                <Title text=tr!("survey-page-title", title = v.title.clone()) />
                <h1>{v.title.clone()}</h1>
                {body}
            }
        },
    )
}
