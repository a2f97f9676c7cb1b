//! A person's parcours and contract for staff, and the list of files whose next deadline
//! is late or within a week. Forms post as plain HTML; the browser checks them first when
//! JavaScript is there.

use super::super::allocataire::pathway::{clock, contract_text, requests, timeline};
use super::super::components::{flash, page, Choices, Field, Form, Select, TextArea};
use crate::api::paths;
use crate::api::pathways::{due_files, staff_pathway};
use crate::pages;
use crate::tr;
use crate::views::{ContractView, StaffPathwayView, StepLine};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn hidden(name: &'static str, value: impl ToString) -> impl IntoView {
    view! { <input type="hidden" name=name value=value.to_string() /> }
}

/// A one-button form about one contract version.
fn contract_button(
    action: &'static str,
    person: i64,
    c: &ContractView,
    text: String,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline">
            {hidden("allocataire_id", person)}
            {hidden("contract_id", c.id)}
            {hidden("version", c.version)}
            <button type="submit" class="btn btn-secondary">{text}</button>
        </form>
    }
}

/// The draft form: a new version (filled from `from`, the latest one, if any) or the
/// changes to the current draft.
fn contract_form(
    person: i64,
    draft: Option<ContractView>,
    from: Option<ContractView>,
) -> impl IntoView {
    let is_draft = draft.is_some();
    let draft_id = draft.as_ref().map_or(0, |d| d.id);
    let starts_on = draft
        .as_ref()
        .map(|c| c.starts_on.clone())
        .unwrap_or_default();
    let base = draft.or(from);
    let text = |f: fn(&ContractView) -> String| base.as_ref().map(f).unwrap_or_default();
    let (kind, objectives, person_c, agency_c, actions) = (
        base.as_ref()
            .map_or_else(|| "cer".into(), |c| c.kind.clone()),
        text(|c| c.objectives.clone()),
        text(|c| c.person_commitments.clone()),
        text(|c| c.agency_commitments.clone()),
        text(|c| c.planned_actions.clone()),
    );
    let months = base
        .as_ref()
        .map_or_else(|| "12".into(), |c| c.duration_months.to_string());
    let hours = base
        .as_ref()
        .and_then(|c| c.weekly_hours)
        .map(|h| h.to_string())
        .unwrap_or_default();
    let kinds = vec![
        ("cer".to_string(), tr!("contract-kind-cer")),
        ("ce".to_string(), tr!("contract-kind-ce")),
    ];
    let submit = if is_draft {
        tr!("contract-draft-save")
    } else {
        tr!("contract-draft-create")
    };
    view! {
        <Form action=paths::CONTRACT_DRAFT check="contract" submit=submit>
            {hidden("allocataire_id", person)}
            {hidden("contract_id", draft_id)}
            <Select action=paths::CONTRACT_DRAFT name="contract_kind" label=tr!("contract-field-kind") options=kinds selected=kind required=true />
            <TextArea action=paths::CONTRACT_DRAFT name="objectives" label=tr!("contract-objectives-heading") value=objectives />
            <TextArea action=paths::CONTRACT_DRAFT name="person_commitments" label=tr!("contract-person-heading") value=person_c />
            <TextArea action=paths::CONTRACT_DRAFT name="agency_commitments" label=tr!("contract-agency-heading") value=agency_c />
            <TextArea action=paths::CONTRACT_DRAFT name="planned_actions" label=tr!("contract-actions-heading") value=actions />
            <Field action=paths::CONTRACT_DRAFT name="duration_months" label=tr!("contract-field-months") hint=tr!("contract-field-months-hint") kind="number" inputmode="numeric" value=months required=true />
            <Field action=paths::CONTRACT_DRAFT name="contract_start" label=tr!("contract-field-start") kind="date" value=starts_on required=true />
            <Field action=paths::CONTRACT_DRAFT name="weekly_hours" label=tr!("contract-field-hours") hint=tr!("contract-field-hours-hint") kind="number" inputmode="numeric" value=hours />
        </Form>
    }
}

fn contracts(v: &StaffPathwayView) -> impl IntoView {
    let person = v.allocataire_id;
    let draft = v.contracts.iter().find(|c| c.status == "brouillon");
    view! {
        <h2 id="contrat">{tr!("contract-heading")}</h2>
        {v.contracts.is_empty().then(|| view! { <p>{tr!("contract-staff-none")}</p> })}
        {v.contracts.iter().map(|c| {
            let actions = match c.status.as_str() {
                "brouillon" => view! {
                    {c.change_request.clone().map(|r| view! {
                        <div class="alert alert-info" role="status"><p>{tr!("contract-change-request", text = r)}</p></div>
                    })}
                    {contract_button(paths::PROPOSE_CONTRACT, person, c, tr!("contract-propose-submit"))}
                }.into_any(),
                "propose" => view! {
                    <p class="hint">{tr!("contract-awaiting-signature")}</p>
                    {contract_button(paths::PAPER_SIGNATURE, person, c, tr!("contract-paper-submit"))}
                }.into_any(),
                "signe" if v.may_validate => contract_button(paths::VALIDATE_CONTRACT, person, c, tr!("contract-validate-submit")).into_any(),
                _ => ().into_any(),
            };
            view! {
                <article class="card contract">
                    {contract_text(c)}
                    {actions}
                </article>
            }
        }).collect_view()}
        {draft.map(|d| view! {
            <h3>{tr!("contract-draft-edit-heading", version = d.version)}</h3>
            {contract_form(person, Some(d.clone()), None)}
        })}
        {v.may_draft.then(|| view! {
            <h3>{tr!("contract-draft-new-heading")}</h3>
            {contract_form(person, None, v.contracts.first().cloned())}
        })}
    }
}

fn step_form(v: &StaffPathwayView, editing: Option<StepLine>) -> impl IntoView {
    let kinds = vec![
        (
            "positionnement".to_string(),
            tr!("pathway-kind-positionnement"),
        ),
        ("diagnostic".to_string(), tr!("pathway-kind-diagnostic")),
    ];
    let value = |f: fn(&StepLine) -> String| editing.as_ref().map(f).unwrap_or_default();
    let (kind, object, title, starts_on, ends_on, outcome, feedback) = (
        value(|s| s.kind.clone()),
        value(|s| s.object.clone()),
        value(|s| s.title.clone()),
        value(|s| s.starts_on.clone()),
        value(|s| s.ends_on.clone()),
        value(|s| s.outcome.clone()),
        value(|s| s.feedback.clone()),
    );
    let status = editing
        .as_ref()
        .map_or_else(|| "prevu".into(), |s| s.status.clone());
    let (person, objects, statuses) = (v.allocataire_id, v.objects.clone(), v.statuses.clone());
    let step_id = editing.as_ref().map_or(0, |s| s.id);
    let submit = if editing.is_some() {
        tr!("pathway-step-save")
    } else {
        tr!("pathway-step-add")
    };
    view! {
        <Form action=paths::SAVE_STEP check="step" submit=submit>
            {hidden("allocataire_id", person)}
            {hidden("step_id", step_id)}
            <Select action=paths::SAVE_STEP name="kind" label=tr!("pathway-step-kind") options=kinds selected=kind placeholder=tr!("pathway-choose") required=true />
            <Select action=paths::SAVE_STEP name="object" label=tr!("pathway-step-object") options=objects selected=object placeholder=tr!("pathway-choose") required=true />
            <Field action=paths::SAVE_STEP name="title" label=tr!("pathway-step-title") hint=tr!("pathway-step-title-hint") value=title required=true />
            <Select action=paths::SAVE_STEP name="status" label=tr!("pathway-step-status") options=statuses selected=status required=true />
            <Field action=paths::SAVE_STEP name="starts_on" label=tr!("pathway-step-start") kind="date" value=starts_on required=true />
            <Field action=paths::SAVE_STEP name="ends_on" label=tr!("pathway-step-end") kind="date" value=ends_on />
            <Field action=paths::SAVE_STEP name="outcome" label=tr!("pathway-step-outcome-label") value=outcome />
            <TextArea action=paths::SAVE_STEP name="feedback" label=tr!("pathway-step-feedback-label") hint=tr!("pathway-step-feedback-hint") value=feedback />
        </Form>
    }
}

#[component]
pub fn StaffPathwayPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    // `?etape=ID` opens that step's form (one step form per page).
    let editing =
        use_query_map().with_untracked(|q| q.get("etape").and_then(|v| v.parse::<i64>().ok()));
    page(
        move || staff_pathway(id),
        move |v| {
            let f = flash();
            let errors: Vec<String> = [
                paths::PROPOSE_CONTRACT,
                paths::PAPER_SIGNATURE,
                paths::VALIDATE_CONTRACT,
                paths::RENEW_PATHWAY,
            ]
            .iter()
            .filter_map(|a| f.form_error(a))
            .collect();
            let person = v.allocataire_id;
            let editing_step = editing
                .and_then(|e| v.steps.iter().find(|s| s.id == e))
                .cloned();
            let w = v.wishes.clone();
            view! {
                <Title text=tr!("pathway-staff-title") />
                <h1><span translate="no">{v.name.clone()}</span>" · "{tr!("pathway-staff-heading")}</h1>
                <p><a href=pages::file(person)>{tr!("pathway-back-to-file", numero = &v.numero)}</a></p>
                {errors.into_iter().map(|e| view! { <div class="alert alert-error" role="alert" tabindex="-1" autofocus="">{e}</div> }).collect_view()}
                <p>{tr!("pathway-staff-state-line", state = &v.state_label)}</p>
                {clock(v.clock.clone())}
                {v.ended.clone().map(|e| view! { <p class="card">{e}</p> })}
                {v.may_renew.then(|| view! {
                    <form method="post" action=paths::RENEW_PATHWAY class="inline">
                        {hidden("allocataire_id", person)}
                        <button type="submit" class="btn btn-secondary">{tr!("pathway-renew-submit")}</button>
                    </form>
                })}
                {contracts(&v)}
                <h2>{tr!("contract-wishes-staff-heading")}</h2>
                {w.updated.is_none().then(|| view! { <p>{tr!("contract-wishes-none")}</p> })}
                {w.updated.clone().map(|u| view! {
                    <dl class="card">
                        <dt>{tr!("contract-wishes-goals")}</dt><dd class="message">{w.goals.clone()}</dd>
                        <dt>{tr!("contract-wishes-needs")}</dt><dd class="message">{w.needs.clone()}</dd>
                        <dt>{tr!("contract-wishes-constraints")}</dt>
                        <dd>{w.constraints.iter().map(|c| crate::i18n::t(&format!("contract-constraint-{c}"))).collect::<Vec<_>>().join(", ")}</dd>
                        <dt>{tr!("contract-wishes-other")}</dt><dd class="message">{w.other.clone()}</dd>
                        <dt>{tr!("contract-wishes-updated-label")}</dt><dd>{u}</dd>
                    </dl>
                })}
                {super::outreach::contacts(person, v.contacts.clone())}
                <h2 id="demandes">{tr!("pathway-requests-staff-heading")}</h2>
                {v.requests.is_empty().then(|| view! { <p>{tr!("pathway-requests-none")}</p> })}
                {requests(&v.requests)}
                {v.requests.iter().find(|r| r.status == "ouverte").map(|r| r.id).map(|request_id| {
                    let decisions = vec![
                        ("acceptee".to_string(), tr!("pathway-request-accept")),
                        ("refusee".to_string(), tr!("pathway-request-refuse")),
                    ];
                    view! {
                        <Form action=paths::ANSWER_REQUEST submit=tr!("pathway-request-answer-submit")>
                            {hidden("allocataire_id", person)}
                            {hidden("request_id", request_id)}
                            <Choices action=paths::ANSWER_REQUEST name="decision" legend=tr!("pathway-request-decision") options=decisions />
                            <TextArea action=paths::ANSWER_REQUEST name="answer" label=tr!("pathway-request-answer-label") hint=tr!("pathway-request-answer-hint") required=true maxlength=1000 />
                        </Form>
                    }
                })}
                <h2 id="etapes">{tr!("pathway-steps-heading")}</h2>
                {v.steps.is_empty().then(|| view! { <p>{tr!("pathway-steps-none")}</p> })}
                <ul class="list">
                    {v.steps.iter().map(|s| view! {
                        <li class="item">
                            <p>{s.summary.clone()}</p>
                            <p><a href=format!("{}?etape={}#etape", pages::pathway(person), s.id)>{tr!("pathway-step-edit-link")}</a></p>
                        </li>
                    }).collect_view()}
                </ul>
                {(!v.closed).then(|| view! {
                    <h3 id="etape">{if editing_step.is_some() { tr!("pathway-step-edit-heading") } else { tr!("pathway-step-new-heading") }}</h3>
                    {step_form(&v, editing_step.clone())}
                })}
                {(!v.closed).then(|| view! {
                    <h2 id="sortie">{tr!("pathway-exit-heading")}</h2>
                    <p class="hint">{tr!("pathway-exit-intro")}</p>
                    <Form action=paths::CLOSE_PATHWAY submit=tr!("pathway-exit-submit") secondary=true>
                        {hidden("allocataire_id", person)}
                        <Select action=paths::CLOSE_PATHWAY name="reason" label=tr!("pathway-exit-reason") options=v.exit_reasons.clone() placeholder=tr!("pathway-choose") required=true />
                        <Select action=paths::CLOSE_PATHWAY name="referral" label=tr!("pathway-exit-referral") options=v.referrals.clone() placeholder=tr!("pathway-exit-referral-none") />
                        <TextArea action=paths::CLOSE_PATHWAY name="recommendation" label=tr!("pathway-exit-recommendation") hint=tr!("pathway-exit-recommendation-hint") />
                    </Form>
                })}
                {timeline(v.timeline.clone())}
            }
        },
    )
}

#[component]
pub fn DueFiles() -> impl IntoView {
    let who =
        use_query_map().with_untracked(|q| q.get("conseiller").and_then(|c| c.parse::<i64>().ok()));
    page(
        move || due_files(who),
        |v| {
            let selected = v.selected.map(|c| c.to_string()).unwrap_or_default();
            view! {
                <Title text=tr!("pathway-due-title") />
                <h1>{tr!("pathway-due-heading")}</h1>
                <p>{tr!("pathway-due-intro")}</p>
                <form method="get" action=pages::DUE_FILES class="filter">
                    <fieldset>
                        <legend>{tr!("pathway-due-legend")}</legend>
                        <label for="f-conseiller">{tr!("staff-filter-counsellor")}</label>
                        <select id="f-conseiller" name="conseiller">
                            <option value="" selected=v.selected.is_none()>{tr!("staff-filter-all")}</option>
                            {v.counsellors.iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=selected == id.to_string()>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                        <button type="submit" class="btn btn-secondary">{tr!("staff-filter-submit")}</button>
                    </fieldset>
                </form>
                <p role="status">{tr!("pathway-due-summary", late = v.late, soon = v.soon)}</p>
                {v.lines.is_empty().then(|| view! { <p>{tr!("pathway-due-none")}</p> })}
                {(!v.lines.is_empty()).then(|| view! {
                    <div class="table-wrap">
                        <table>
                            <caption>{tr!("pathway-due-caption")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{tr!("staff-caseload-col-name")}</th>
                                    <th scope="col">{tr!("staff-caseload-col-numero")}</th>
                                    <th scope="col">{tr!("staff-caseload-col-counsellor")}</th>
                                    <th scope="col">{tr!("pathway-due-col-milestone")}</th>
                                    <th scope="col">{tr!("pathway-due-col-date")}</th>
                                    <th scope="col">{tr!("pathway-due-col-urgency")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {v.lines.clone().into_iter().map(|l| view! {
                                    <tr>
                                        <th scope="row"><a href=pages::pathway(l.id) translate="no">{l.name}</a></th>
                                        <td>{l.numero}</td>
                                        <td>{l.counsellor}</td>
                                        <td>{l.milestone_label}</td>
                                        <td>{l.date}</td>
                                        <td><span class=format!("badge badge-{}", l.urgency)>{l.urgency_label}</span></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
            }
        },
    )
}
