//! « Mon parcours »: where the person is and what comes next (in plain words), their
//! contract to read and sign (or to question), earlier versions, what they wish for the
//! next meeting, and the timeline. Plain forms: everything works without JavaScript, and
//! the page loads no WASM (the browser's own checks guard the required fields).

use crate::api::paths;
use crate::api::pathways::my_pathway;
use crate::tr;
use crate::ui::components::{flash, page, Check, Choices, Form, TextArea};
use crate::views::{ClockView, ContractView, RequestView, TimelineEntry};
use leptos::prelude::*;
use leptos_meta::Title;

pub fn clock(c: Option<ClockView>) -> impl IntoView {
    c.map(|c| {
        view! {
            <div class=format!("card clock clock-{}", c.urgency)>
                <p><strong>{c.sentence}</strong></p>
                <p><span class=format!("badge badge-{}", c.urgency)>{c.urgency_label}</span></p>
            </div>
        }
    })
}

pub fn timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    view! {
        <h2>{tr!("pathway-timeline-heading")}</h2>
        {entries.is_empty().then(|| view! { <p>{tr!("pathway-timeline-none")}</p> })}
        <ol class="list timeline">
            {entries.into_iter().map(|e| view! {
                <li class="item">
                    <p><strong>{e.when}</strong>" · "{e.kind_label}</p>
                    <p>{e.title}</p>
                    <p class="badge">{e.status_label}</p>
                    {e.details.into_iter().map(|d| view! { <p class="hint">{d}</p> }).collect_view()}
                </li>
            }).collect_view()}
        </ol>
    }
}

/// Requests to change référent or form of support, with their answers.
pub fn requests(list: &[RequestView]) -> impl IntoView {
    view! {
        <ul class="list">
            {list.iter().map(|r| view! {
                <li class="item">
                    <p><strong>{r.kind_label.clone()}</strong>" · "<span class=format!("badge badge-{}", r.status)>{r.status_label.clone()}</span></p>
                    <p class="hint">{r.asked.clone()}</p>
                    <p class="message">{r.reason.clone()}</p>
                    {r.answer.clone().map(|a| view! { <p class="message">{a}</p> })}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A contract version in plain French, section by section.
pub fn contract_text(c: &ContractView) -> impl IntoView {
    let engagement = c.kind == "ce";
    view! {
        <p class=format!("badge badge-{}", c.status)>{c.status_label.clone()}</p>
        <p>{tr!("contract-version-line", kind = &c.kind_label, version = c.version)}</p>
        <h3>{tr!("contract-objectives-heading")}</h3>
        <p class="message">{c.objectives.clone()}</p>
        <h3>{tr!("contract-person-heading")}</h3>
        <p class="message">{c.person_commitments.clone()}</p>
        <h3>{tr!("contract-agency-heading")}</h3>
        <p class="message">{c.agency_commitments.clone()}</p>
        {(!c.planned_actions.is_empty()).then(|| view! {
            <h3>{tr!("contract-actions-heading")}</h3>
            <p class="message">{c.planned_actions.clone()}</p>
        })}
        <h3>{tr!("contract-duration-heading")}</h3>
        <p>{tr!("contract-duration-line", months = c.duration_months, period = &c.period)}</p>
        {(engagement && c.weekly_hours.is_some()).then(|| view! {
            <p>{tr!("contract-hours-line", hours = c.weekly_hours.unwrap_or_default())}</p>
        })}
        {c.signed.clone().map(|s| view! { <p>{s}</p> })}
        {c.validated.clone().map(|s| view! { <p>{s}</p> })}
        <p><a href=c.pdf.clone() download="">{tr!("contract-pdf-link")}</a></p>
    }
}

#[component]
pub fn MyPathway() -> impl IntoView {
    page(my_pathway, |v| {
        let f = flash();
        let errors: Vec<String> = [paths::SIGN_CONTRACT, paths::CONTRACT_CHANGE]
            .iter()
            .filter_map(|a| f.form_error(a))
            .collect();
        let w = v.wishes.clone();
        let ticked = |name: &str| w.constraints.iter().any(|c| c == name);
        let ticks = crate::domain::contract::CONSTRAINTS.map(ticked);
        view! {
            <Title text=tr!("pathway-title") />
            <h1>{tr!("pathway-heading")}</h1>
            <p>{tr!("pathway-state-line", state = &v.state_label)}</p>
            {clock(v.clock.clone())}
            {v.ended.clone().map(|e| view! { <p class="card">{e}</p> })}
            {errors.into_iter().map(|e| view! { <div class="alert alert-error" role="alert" tabindex="-1" autofocus="">{e}</div> }).collect_view()}
            <h2 id="contrat">{tr!("contract-heading")}</h2>
            {match v.current.clone() {
                None => view! { <p>{tr!("contract-none")}</p> }.into_any(),
                Some(c) => {
                    let proposed = c.status == "propose";
                    let (id, version) = (c.id.to_string(), c.version.to_string());
                    let id2 = id.clone();
                    view! {
                        <article class="card contract">
                            {contract_text(&c)}
                        </article>
                        {proposed.then(|| view! {
                            <p>{tr!("contract-sign-intro")}</p>
                            <Form action=paths::SIGN_CONTRACT submit=tr!("contract-sign-submit")>
                                <input type="hidden" name="contract_id" value=id.clone() />
                                <input type="hidden" name="version" value=version.clone() />
                                <Check action=paths::SIGN_CONTRACT name="accept" label=tr!("contract-sign-accept") required=true />
                            </Form>
                            <Form action=paths::CONTRACT_CHANGE submit=tr!("contract-change-submit") secondary=true>
                                <input type="hidden" name="contract_id" value=id2.clone() />
                                <TextArea action=paths::CONTRACT_CHANGE name="comment" label=tr!("contract-change-label") hint=tr!("contract-change-hint") required=true maxlength=1000 />
                            </Form>
                        })}
                    }
                    .into_any()
                }
            }}
            {(!v.history.is_empty()).then(|| view! {
                <h2>{tr!("contract-history-heading")}</h2>
                {v.history.iter().map(|c| view! {
                    <details class="card">
                        <summary>{tr!("contract-version-summary", version = c.version, status = &c.status_label)}</summary>
                        {contract_text(c)}
                    </details>
                }).collect_view()}
            })}
            <h2 id="souhaits">{tr!("contract-wishes-heading")}</h2>
            <p>{tr!("contract-wishes-intro")}</p>
            {w.updated.clone().map(|u| view! { <p class="hint">{tr!("contract-wishes-updated", when = u)}</p> })}
            <Form action=paths::SAVE_WISHES submit=tr!("contract-wishes-submit") secondary=true>
                <TextArea action=paths::SAVE_WISHES name="goals" label=tr!("contract-wishes-goals") value=w.goals.clone() maxlength=1000 />
                <TextArea action=paths::SAVE_WISHES name="needs" label=tr!("contract-wishes-needs") value=w.needs.clone() maxlength=1000 />
                <fieldset class="choices">
                    <legend>{tr!("contract-wishes-constraints")}</legend>
                    <Check action=paths::SAVE_WISHES name="childcare" label=tr!("contract-constraint-childcare") checked=ticks[0] />
                    <Check action=paths::SAVE_WISHES name="transport" label=tr!("contract-constraint-transport") checked=ticks[1] />
                    <Check action=paths::SAVE_WISHES name="health" label=tr!("contract-constraint-health") checked=ticks[2] />
                    <Check action=paths::SAVE_WISHES name="language" label=tr!("contract-constraint-language") checked=ticks[3] />
                </fieldset>
                <TextArea action=paths::SAVE_WISHES name="other" label=tr!("contract-wishes-other") value=w.other.clone() maxlength=1000 />
            </Form>
            <h2 id="demande">{tr!("pathway-request-heading")}</h2>
            <p>{tr!("pathway-request-intro")}</p>
            {requests(&v.requests)}
            {v.may_request.then(|| {
                let kinds = vec![
                    ("referent".to_string(), tr!("pathway-request-kind-referent")),
                    ("accompagnement".to_string(), tr!("pathway-request-kind-support")),
                ];
                view! {
                    <Form action=paths::ASK_CHANGE submit=tr!("pathway-request-submit") secondary=true>
                        <Choices action=paths::ASK_CHANGE name="request_kind" legend=tr!("pathway-request-kind-legend") options=kinds />
                        <TextArea action=paths::ASK_CHANGE name="reason" label=tr!("pathway-request-reason") hint=tr!("pathway-request-reason-hint") required=true maxlength=1000 />
                    </Form>
                }
            })}
            {timeline(v.timeline.clone())}
        }
    })
}
