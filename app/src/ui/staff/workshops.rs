//! The agency's collective workshops (staff): the sessions, a new session, and one
//! session's people (registrations, waiting list, attendance, capacity, cancellation).

use crate::api::paths;
use crate::api::workshops::{staff_workshops, workshop_detail, workshop_themes};
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
            {v.can_manage_themes.then(|| view! { <p><a href=pages::WORKSHOP_THEMES>{tr!("themes-link")}</a></p> })}
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
                                        {l.card.series.clone().map(|s| view! { " "<span class="badge">{s}</span> })}
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
                <Field action=paths::CREATE_WORKSHOP name="facilitators" label=tr!("workshops-field-facilitators") hint=tr!("workshops-field-facilitators-hint") />
                <fieldset>
                    <legend>{tr!("workshops-series-legend")}</legend>
                    <Field action=paths::CREATE_WORKSHOP name="every_weeks" label=tr!("workshops-field-every") hint=tr!("workshops-field-every-hint") kind="number" inputmode="numeric" />
                    <Field action=paths::CREATE_WORKSHOP name="until" label=tr!("workshops-field-until") hint=tr!("workshops-field-until-hint") kind="date" />
                </fieldset>
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
            let e = v.edit.clone();
            let editable = v.editable;
            let invited = v.invited.clone();
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
                    {(!c.facilitators.is_empty()).then(|| view! { <dt>{tr!("workshop-label-facilitators")}</dt><dd>{c.facilitators.clone()}</dd> })}
                </dl>
                {c.series.clone().map(|s| view! { <p><span class="badge">{s}</span></p> })}
                {(!c.description.is_empty()).then(|| view! { <div class="message rich" inner_html=c.description_html.clone()></div> })}
                <h2>{tr!("workshop-people-heading")}</h2>
                <p><a href=pages::workshop_list(id) download="">{tr!("workshop-export")}</a></p>
                <p><a href=pages::workshop_sheet(id) download="">{tr!("workshop-sheet-link")}</a></p>
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
                <h2>{tr!("workshop-invited-heading")}</h2>
                {invited.is_empty().then(|| view! { <p>{tr!("workshop-invited-none")}</p> })}
                {(!invited.is_empty()).then(|| view! {
                    <ul class="list">
                        {invited.into_iter().map(|i| view! {
                            <li class="item"><strong translate="no">{i.name}</strong>" · "{i.numero}" · "{tr!("workshop-invited-since", date = &i.since)}</li>
                        }).collect_view()}
                    </ul>
                })}
                {editable.then(|| view! {
                    <h2>{tr!("workshop-invite-heading")}</h2>
                    <p>{tr!("workshop-invite-intro")}</p>
                    <Form action=paths::INVITE_WORKSHOP check="invite" submit=tr!("workshop-invite-submit") secondary=true>
                        <input type="hidden" name="workshop_id" value=id.to_string() />
                        <TextArea action=paths::INVITE_WORKSHOP name="numeros" label=tr!("workshop-invite-label") hint=tr!("workshop-invite-hint") />
                    </Form>
                    <h2>{tr!("workshop-edit-heading")}</h2>
                    <p>{tr!("workshop-edit-intro")}</p>
                    <Form action=paths::EDIT_WORKSHOP check="workshop_edit" submit=tr!("workshop-edit-submit") secondary=true>
                        <input type="hidden" name="workshop_id" value=id.to_string() />
                        <Field action=paths::EDIT_WORKSHOP name="title" label=tr!("workshops-field-title") value=e.title.clone() required=true />
                        <Select action=paths::EDIT_WORKSHOP name="theme" label=tr!("workshops-field-theme") options=v.themes.clone() selected=e.theme.clone() required=true />
                        <TextArea action=paths::EDIT_WORKSHOP name="description" label=tr!("workshops-field-description") hint=tr!("workshops-field-description-hint") value=e.description.clone() />
                        <Field action=paths::EDIT_WORKSHOP name="date" label=tr!("workshops-field-date") kind="date" value=e.date.clone() required=true />
                        <Field action=paths::EDIT_WORKSHOP name="time" label=tr!("workshops-field-time") kind="time" value=e.time.clone() required=true />
                        <Field action=paths::EDIT_WORKSHOP name="duration_minutes" label=tr!("workshops-field-duration") kind="number" inputmode="numeric" value=e.duration_minutes.clone() required=true />
                        <Field action=paths::EDIT_WORKSHOP name="place" label=tr!("workshops-field-place") hint=tr!("workshops-field-place-hint") value=e.place.clone() />
                        <Field action=paths::EDIT_WORKSHOP name="video_url" label=tr!("workshops-field-video") hint=tr!("workshops-field-video-hint") kind="url" value=e.video_url.clone() />
                        <Field action=paths::EDIT_WORKSHOP name="capacity" label=tr!("workshops-field-capacity") hint=tr!("workshop-capacity-hint") kind="number" inputmode="numeric" value=e.capacity.clone() required=true />
                        <Choices action=paths::EDIT_WORKSHOP name="audience" legend=tr!("workshops-field-audience") options=v.audiences.clone() selected=e.audience.clone() />
                        <Field action=paths::EDIT_WORKSHOP name="deadline_hours" label=tr!("workshops-field-deadline") hint=tr!("workshops-field-deadline-hint") kind="number" inputmode="numeric" value=e.deadline_hours.clone() />
                        <Field action=paths::EDIT_WORKSHOP name="facilitators" label=tr!("workshops-field-facilitators") hint=tr!("workshops-field-facilitators-hint") value=e.facilitators.clone() />
                    </Form>
                })}
                {(!c.cancelled).then(|| view! {
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

/// The département's list of workshop themes (the admin): add one, archive one, bring
/// one back.
#[component]
pub fn WorkshopThemes() -> impl IntoView {
    page(workshop_themes, |v| {
        view! {
            <Title text=tr!("themes-title") />
            <h1>{tr!("themes-heading")}</h1>
            <p>{tr!("themes-intro")}</p>
            <p><a href=pages::STAFF_WORKSHOPS>{tr!("workshop-back")}</a></p>
            <ul class="list">
                {v.themes.into_iter().map(|th| view! {
                    <li class="item">
                        <p>
                            <strong>{th.label.clone()}</strong>
                            {th.archived.then(|| view! { " "<span class="badge">{tr!("themes-archived-badge")}</span> })}
                        </p>
                        <form method="post" action=paths::ARCHIVE_THEME class="inline">
                            <input type="hidden" name="key" value=th.key.clone() />
                            <input type="hidden" name="archive" value=if th.archived { "0" } else { "1" } />
                            <button type="submit" class="btn btn-secondary">
                                {if th.archived {
                                    tr!("themes-restore", label = &th.label)
                                } else {
                                    tr!("themes-archive", label = &th.label)
                                }}
                            </button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            <h2>{tr!("themes-new-heading")}</h2>
            <Form action=paths::ADD_THEME check="theme" submit=tr!("themes-new-submit")>
                <Field action=paths::ADD_THEME name="label" label=tr!("themes-field-label") hint=tr!("themes-field-label-hint") required=true />
            </Form>
        }
    })
}
