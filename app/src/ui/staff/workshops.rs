//! The agency's collective workshops (staff): the sessions, a new session, and one
//! session's people (registrations, waiting list, attendance, capacity, cancellation).

use crate::api::paths;
use crate::api::workshops::{staff_workshops, workshop_detail};
use crate::pages;
use crate::tr;
use crate::ui::components::{flash, page, Choices, Field, Form, Select, TextArea};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffWorkshops() -> impl IntoView {
    page(staff_workshops, |v| {
        view! {
            <Title text=tr!("workshops-staff-title") />
            <h1>{tr!("workshops-staff-heading", agency = &v.agency)}</h1>
            {v.sessions.is_empty().then(|| view! { <p>{tr!("workshops-staff-none")}</p> })}
            {(!v.sessions.is_empty()).then(|| view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label=tr!("workshops-staff-caption")>
                    <table>
                        <caption>{tr!("workshops-staff-caption")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr!("workshops-col-title")}</th>
                                <th scope="col">{tr!("workshops-col-when")}</th>
                                <th scope="col">{tr!("workshops-col-seats")}</th>
                                <th scope="col">{tr!("workshops-col-waiting")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {v.sessions.into_iter().map(|l| view! {
                                <tr>
                                    <th scope="row">
                                        <a href=pages::staff_workshop(l.card.id)>{l.card.title.clone()}</a>
                                        {l.card.cancelled.then(|| view! { " "<span class="badge badge-late">{tr!("workshop-status-cancelled")}</span> })}
                                    </th>
                                    <td>{l.card.when.clone()}</td>
                                    <td>{l.filled}</td>
                                    <td>{l.waiting}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <h2 id="nouvel-atelier">{tr!("workshops-new-heading")}</h2>
            <Form action=paths::CREATE_WORKSHOP check="workshop" submit=tr!("workshops-new-submit")>
                <Field action=paths::CREATE_WORKSHOP name="title" label=tr!("workshops-field-title") required=true />
                <Select action=paths::CREATE_WORKSHOP name="theme" label=tr!("workshops-field-theme") options=v.themes placeholder=tr!("workshops-field-theme-choose") required=true />
                <TextArea action=paths::CREATE_WORKSHOP name="description" label=tr!("workshops-field-description") hint=tr!("workshops-field-description-hint") />
                <Field action=paths::CREATE_WORKSHOP name="date" label=tr!("workshops-field-date") kind="date" required=true />
                <Field action=paths::CREATE_WORKSHOP name="time" label=tr!("workshops-field-time") kind="time" required=true />
                <Field action=paths::CREATE_WORKSHOP name="duration_minutes" label=tr!("workshops-field-duration") kind="number" inputmode="numeric" value="120" required=true />
                <Field action=paths::CREATE_WORKSHOP name="place" label=tr!("workshops-field-place") hint=tr!("workshops-field-place-hint") />
                <Field action=paths::CREATE_WORKSHOP name="video_url" label=tr!("workshops-field-video") hint=tr!("workshops-field-video-hint") kind="url" />
                <Field action=paths::CREATE_WORKSHOP name="capacity" label=tr!("workshops-field-capacity") kind="number" inputmode="numeric" value="12" required=true />
                <Choices action=paths::CREATE_WORKSHOP name="audience" legend=tr!("workshops-field-audience") options=v.audiences selected="agence" />
                <Field action=paths::CREATE_WORKSHOP name="deadline_hours" label=tr!("workshops-field-deadline") hint=tr!("workshops-field-deadline-hint") kind="number" inputmode="numeric" value="24" />
            </Form>
        }
    })
}

#[component]
pub fn StaffWorkshopPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or_default();
    page(
        move || workshop_detail(id),
        move |v| {
            let c = v.card.clone();
            let attendance_error = flash().form_error(paths::ATTENDANCE);
            let choices = v.attendance_choices.clone();
            view! {
                <Title text=tr!("workshop-detail-title", title = &c.title) />
                <h1>{c.title.clone()}</h1>
                <p><a href=pages::STAFF_WORKSHOPS>{tr!("workshop-back")}</a></p>
                {c.cancelled.then(|| view! { <p class="alert alert-error">{tr!("workshop-is-cancelled")}</p> })}
                <dl class="card">
                    <dt>{tr!("workshop-label-when")}</dt><dd>{c.when.clone()}</dd>
                    <dt>{tr!("workshop-label-place")}</dt><dd>{c.place.clone()}</dd>
                    <dt>{tr!("workshop-label-theme")}</dt><dd>{c.theme_label.clone()}</dd>
                    <dt>{tr!("workshop-label-audience")}</dt><dd>{v.audience_label.clone()}</dd>
                    <dt>{tr!("workshop-label-seats")}</dt><dd>{v.filled.clone()}</dd>
                    <dt>{tr!("workshop-label-deadline")}</dt><dd>{c.deadline.clone()}</dd>
                </dl>
                {(!c.description.is_empty()).then(|| view! { <p class="message"><span class="body">{c.description.clone()}</span></p> })}
                <h2>{tr!("workshop-people-heading")}</h2>
            <p><a href=pages::workshop_list(id) download="">{tr!("workshop-export")}</a></p>
                {attendance_error.map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
                {v.people.is_empty().then(|| view! { <p>{tr!("workshop-people-none")}</p> })}
                <ul class="list">
                    {v.people.into_iter().map(|p| {
                        let select_id = format!("presence-{}", p.id);
                        let label = tr!("workshop-attendance-for", name = &p.name);
                        let can_sign = v.attendance_open && p.status == "registered";
                        let current = p.attendance.clone().unwrap_or_default();
                        let choices = choices.clone();
                        view! {
                            <li class="item">
                                <p><strong translate="no">{p.name.clone()}</strong>" · "<span class=format!("badge badge-{}", p.status)>{p.status_label.clone()}</span>" · "{tr!("workshop-since", date = &p.since)}</p>
                                {can_sign.then(|| view! {
                                    <form method="post" action=paths::ATTENDANCE class="inline">
                                        <input type="hidden" name="workshop_id" value=id.to_string() />
                                        <input type="hidden" name="registration_id" value=p.id.to_string() />
                                        <label for=select_id.clone()>{label}</label>
                                        <select id=select_id name="presence">
                                            <option value="" selected=current.is_empty()>{tr!("workshop-attendance-choose")}</option>
                                            {choices.into_iter().map(|(value, text)| {
                                                let on = value == current;
                                                view! { <option value=value selected=on>{text}</option> }
                                            }).collect_view()}
                                        </select>
                                        <button type="submit" class="btn btn-secondary">{tr!("workshop-attendance-submit")}</button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(!c.cancelled).then(|| view! {
                    <h2>{tr!("workshop-capacity-heading")}</h2>
                    <Form action=paths::WORKSHOP_CAPACITY submit=tr!("workshop-capacity-submit") secondary=true>
                        <input type="hidden" name="workshop_id" value=id.to_string() />
                        <Field action=paths::WORKSHOP_CAPACITY name="capacity" label=tr!("workshop-capacity-label") hint=tr!("workshop-capacity-hint") kind="number" inputmode="numeric" value=v.capacity.to_string() required=true />
                    </Form>
                    <h2>{tr!("workshop-cancel-heading")}</h2>
                    <p>{tr!("workshop-cancel-intro")}</p>
                    <Form action=paths::CANCEL_WORKSHOP submit=tr!("workshop-cancel-submit") secondary=true>
                        <input type="hidden" name="workshop_id" value=id.to_string() />
                    </Form>
                })}
            }
        },
    )
}
