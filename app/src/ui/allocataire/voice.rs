//! « Votre avis »: the satisfaction question, from its link (no sign-in) or from « Mes
//! avis » in Mon espace. Plain forms: everything works without JavaScript, and the pages
//! load no WASM.

use crate::api::paths;
use crate::api::voice::{link_question, my_feedback, my_panel, my_question};
use crate::pages;
use crate::tr;
use crate::ui::components::{flash, page, Check, Form, TextArea};
use crate::views::{QuestionView, RatingOption};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The five answers: words first, a pictogram beside them (decorative), never colour.
fn rating_choices(
    action: &'static str,
    legend: String,
    options: Vec<RatingOption>,
    selected: Option<String>,
) -> impl IntoView {
    let f = flash();
    let error = f.field_error(action, "rating");
    let selected = if f.for_action(action) {
        f.value(action, "rating").unwrap_or_default()
    } else {
        selected.unwrap_or_default()
    };
    view! {
        <fieldset class="choices rating" id="f-rating" tabindex="-1" aria-describedby="err-rating">
            <legend>{legend}</legend>
            <p class="field-error" id="err-rating">{error}</p>
            {options.into_iter().map(|o| {
                let id = format!("rating-{}", o.value);
                let checked = o.value == selected;
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name="rating" value=o.value checked=checked />
                        <label for=id><span class="pictogram" aria-hidden="true">{o.pictogram}</span>" "{o.label}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

fn comment_field(action: &'static str, value: String) -> impl IntoView {
    view! {
        <TextArea action=action name="comment" label=tr!("satisfaction-comment-label") hint=tr!("satisfaction-comment-hint") value=value maxlength=1000 />
    }
}

/// `/avis`: what a satisfaction link opens.
#[component]
pub fn FeedbackLink() -> impl IntoView {
    page(link_question, |v| {
        let open = v.state == "ouvert";
        view! {
            <Title text=tr!("satisfaction-link-title") />
            <h1>{tr!("satisfaction-link-heading")}</h1>
            {if open {
                view! {
                    <p>{v.message.clone()}</p>
                    <Form action=paths::ANSWER_LINK submit=tr!("satisfaction-submit")>
                        {rating_choices(paths::ANSWER_LINK, v.question.clone(), v.options.clone(), None)}
                        {comment_field(paths::ANSWER_LINK, String::new())}
                    </Form>
                }
                .into_any()
            } else {
                view! {
                    <p class="card">{v.message.clone()}</p>
                    <p><a href=pages::MY_FEEDBACK>{tr!("satisfaction-go-espace")}</a></p>
                }
                .into_any()
            }}
        }
    })
}

fn status_of(q: &QuestionView) -> impl IntoView {
    q.comment_status.clone().map(|c| {
        view! {
            <p><span class=format!("badge badge-{}", c.status)>{c.label}</span></p>
            {c.published.map(|p| view! { <p class="hint">{tr!("satisfaction-published-as")}</p><p class="message">{p}</p> })}
            {c.reason.map(|r| view! { <p class="hint">{tr!("satisfaction-rejected-because", reason = r)}</p> })}
        }
    })
}

/// `/espace/avis`: « Mes avis ».
#[component]
pub fn MyFeedback() -> impl IntoView {
    page(my_feedback, |v| {
        view! {
            <Title text=tr!("satisfaction-mine-title") />
            <h1>{tr!("satisfaction-mine-heading")}</h1>
            <p>{tr!("satisfaction-mine-intro")}</p>
            <h2>{tr!("satisfaction-waiting-heading")}</h2>
            {v.waiting.is_empty().then(|| view! { <p>{tr!("satisfaction-waiting-none")}</p> })}
            <ul class="list">
                {v.waiting.iter().map(|q| view! {
                    <li class="item">
                        <p><strong>{q.about.clone()}</strong></p>
                        <p>{q.question.clone()}</p>
                        <p class="hint">{q.note.clone()}</p>
                        <p><a class="btn" href=pages::my_feedback_question(q.id)>{tr!("satisfaction-answer-link")}</a></p>
                    </li>
                }).collect_view()}
            </ul>
            {(!v.answered.is_empty()).then(|| view! {
                <h2>{tr!("satisfaction-answered-heading")}</h2>
                <ul class="list">
                    {v.answered.iter().map(|q| view! {
                        <li class="item">
                            <p><strong>{q.about.clone()}</strong></p>
                            <p>{tr!("satisfaction-your-answer", answer = q.rating_label.clone().unwrap_or_default())}</p>
                            {(!q.comment.is_empty()).then(|| view! { <p class="message">{q.comment.clone()}</p> })}
                            {status_of(q)}
                            <p class="hint">{q.note.clone()}</p>
                            {q.may_answer.then(|| view! {
                                <p><a href=pages::my_feedback_question(q.id)>{tr!("satisfaction-change-link")}</a></p>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        }
    })
}

/// `/espace/avis/{id}`: one question, to answer or change.
#[component]
pub fn MyFeedbackQuestion() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    page(
        move || my_question(id),
        |v| {
            let q = v.question.clone();
            let status = status_of(&q);
            view! {
                <Title text=tr!("satisfaction-question-title") />
                <h1>{q.about.clone()}</h1>
                {if q.may_answer {
                    view! {
                        <p class="hint">{q.note.clone()}</p>
                        <Form action=paths::ANSWER_MINE submit=tr!("satisfaction-submit")>
                            <input type="hidden" name="request_id" value=q.id.to_string() />
                            {rating_choices(paths::ANSWER_MINE, q.question.clone(), v.options.clone(), q.rating.clone())}
                            {comment_field(paths::ANSWER_MINE, q.comment.clone())}
                        </Form>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="card">{q.note.clone()}</p>
                    }
                    .into_any()
                }}
                {status}
                <p><a href=pages::MY_FEEDBACK>{tr!("satisfaction-back")}</a></p>
            }
        },
    )
}

/// `/espace/panel`: what the panels and juries are, volunteering and withdrawing.
#[component]
pub fn MyPanel() -> impl IntoView {
    page(my_panel, |v| {
        view! {
            <Title text=tr!("panel-title") />
            <h1>{tr!("panel-heading")}</h1>
            <section class="card" aria-labelledby="h-panel-what">
                <h2 id="h-panel-what">{tr!("panel-what-heading")}</h2>
                <p>{tr!("panel-consent-what")}</p>
                <p>{tr!("panel-consent-how-often")}</p>
                <p>{tr!("panel-consent-data")}</p>
                <p>{tr!("panel-consent-withdraw")}</p>
            </section>
            {match v.since.clone() {
                Some(since) => view! {
                    <p class="card"><strong>{since}</strong></p>
                    <Form action=paths::WITHDRAW_PANELS submit=tr!("panel-withdraw-submit") secondary=true>
                        <p>{tr!("panel-withdraw-intro")}</p>
                    </Form>
                }
                .into_any(),
                None => view! {
                    <Form action=paths::VOLUNTEER submit=tr!("panel-volunteer-submit")>
                        <input type="hidden" name="version" value=v.version.clone() />
                        <Check action=paths::VOLUNTEER name="accept" label=tr!("panel-accept") required=true />
                    </Form>
                }
                .into_any(),
            }}
            <p><a href=pages::ESPACE>{tr!("panel-back")}</a></p>
        }
    })
}
