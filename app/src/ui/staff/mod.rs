//! The staff pages: sign-in, agenda, slots, caseload, an allocataire's file, messages;
//! the agency's settings and audit trail in `agency`.

pub mod agency;
pub mod enrolment;
pub mod orientation;
pub mod outreach;
pub mod pathway;
pub mod surveys;
pub mod team;
pub mod voice;
pub mod workshops;

use super::allocataire::SlotPicker;
use super::components::{flash, page, Check, Field, Form};
use crate::api::agenda::{agenda, slots_page};
use crate::api::caseload::{allocataire_file, caseload};
use crate::api::outbox::sent_messages;
use crate::api::paths;
use crate::domain::appointment::{AppointmentStatus, Modality};
use crate::pages;
use crate::tr;
use crate::views::{AppointmentView, Counsellor};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffSignIn() -> impl IntoView {
    view! {
        <Title text=tr!("staff-sign-in-title") />
        <h1>{tr!("staff-sign-in-heading")}</h1>
        <Form action=paths::STAFF_SIGN_IN check="staff" submit=tr!("staff-sign-in-submit")>
            <Field action=paths::STAFF_SIGN_IN name="email" label=tr!("staff-sign-in-email") kind="email" autocomplete="username" required=true />
            <Field action=paths::STAFF_SIGN_IN name="password" label=tr!("staff-sign-in-password") kind="password" autocomplete="current-password" required=true />
        </Form>
    }
}

fn query(name: &str) -> Option<String> {
    use_query_map()
        .with_untracked(|q| q.get(name))
        .filter(|v| !v.is_empty())
}

/// A GET form to pick one counsellor (or all).
#[component]
fn CounsellorFilter(
    path: &'static str,
    counsellors: Vec<Counsellor>,
    selected: Option<i64>,
    #[prop(optional)] all: bool,
    #[prop(optional)] extra: Vec<(&'static str, String)>,
) -> impl IntoView {
    view! {
        <form method="get" action=path class="filter">
            {extra.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v /> }).collect_view()}
            <label for="f-conseiller">{tr!("staff-filter-counsellor")}</label>
            <select id="f-conseiller" name="conseiller">
                {all.then(|| view! { <option value="" selected=selected.is_none()>{tr!("staff-filter-all")}</option> })}
                {counsellors.into_iter().map(|c| {
                    let label = tr!("staff-filter-counsellor-option", name = &c.name, n = c.caseload);
                    view! { <option value=c.id.to_string() selected=selected == Some(c.id)>{label}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="btn btn-secondary">{tr!("staff-filter-submit")}</button>
        </form>
    }
}

/// What staff read under an appointment: the person's reason for moving it, the notes.
#[component]
fn StaffNotes(notes: Vec<String>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <ul class="notes">
                {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        }
    })
}

/// After a missed (or excused) rendez-vous: book again for the person, or send them a
/// « relance » (once).
#[component]
fn NextStep(a: AppointmentView) -> impl IntoView {
    a.next_step.then(|| {
        let id = a.id.to_string();
        view! {
            <div class="next-step">
                <p><strong>{tr!("staff-next-step")}</strong></p>
                <p><a href=format!("{}#reserver", pages::file(a.allocataire_id))>{tr!("staff-next-step-rebook")}</a></p>
                {match a.relance_sent.clone() {
                    Some(when) => view! { <p>{tr!("staff-next-step-relance-sent", when = when)}</p> }.into_any(),
                    None => view! {
                        <form method="post" action=paths::RELANCE class="inline">
                            <input type="hidden" name="appointment_id" value=id />
                            <button type="submit" class="btn btn-secondary">{tr!("staff-next-step-relance")}</button>
                        </form>
                    }.into_any(),
                }}
            </div>
        }
    })
}

/// One appointment on the agenda, with the outcome form while it is still "booked".
#[component]
fn AgendaItem(a: AppointmentView) -> impl IntoView {
    let id = a.id;
    let f = flash();
    let mine = f.value(paths::OUTCOME, "appointment_id") == Some(id.to_string());
    let outcome_error = mine
        .then(|| f.field_error(paths::OUTCOME, "outcome"))
        .flatten();
    let note_error = mine
        .then(|| f.field_error(paths::OUTCOME, "note"))
        .flatten();
    // A form-level error that no field carries (a conflict…) is shown above the form.
    let error = (outcome_error.is_none() && note_error.is_none())
        .then(|| mine.then(|| f.form_error(paths::OUTCOME)).flatten())
        .flatten();
    let kept_note = mine
        .then(|| f.value(paths::OUTCOME, "note"))
        .flatten()
        .unwrap_or_default();
    let booked = a.status == "booked";
    let select_id = format!("outcome-{id}");
    let note_id = format!("note-{id}");
    let (outcome_err_id, note_err_id) = (format!("err-outcome-{id}"), format!("err-note-{id}"));
    let (outcome_invalid, note_invalid) = (outcome_error.is_some(), note_error.is_some());
    let notes = a.notes.clone();
    let options: Vec<AppointmentStatus> = if a.started {
        vec![
            AppointmentStatus::Attended,
            AppointmentStatus::Missed,
            AppointmentStatus::Excused,
            AppointmentStatus::CancelledByAgency,
        ]
    } else {
        vec![
            AppointmentStatus::Excused,
            AppointmentStatus::CancelledByAgency,
        ]
    };
    view! {
        <li class="item">
            <p>
                <strong>{a.time.clone()}</strong>" · "
                <a href=pages::file(a.allocataire_id)>{a.allocataire.clone()}</a>
                " · "{a.modality_label.clone()}" · "{a.counsellor.clone()}
            </p>
            <p class=format!("badge badge-{}", a.status)>{a.status_label.clone()}</p>
            <StaffNotes notes=notes />
            <NextStep a=a.clone() />
            {booked.then(|| view! {
                <form method="post" action=paths::OUTCOME class="inline">
                    {error.map(|e| view! { <p class="alert alert-error" role="alert">{e}</p> })}
                    <input type="hidden" name="appointment_id" value=id.to_string() />
                    <label for=select_id.clone()>{tr!("staff-agenda-outcome")}</label>
                    <p class="field-error" id=outcome_err_id.clone()>{outcome_error}</p>
                    <select id=select_id name="outcome" required=true aria-describedby=outcome_err_id aria-invalid=outcome_invalid.then_some("true")>
                        <option value="">{tr!("staff-agenda-outcome-choose")}</option>
                        {options.into_iter().map(|o| view! { <option value=o.as_str()>{crate::i18n::t(o.label_key())}</option> }).collect_view()}
                    </select>
                    <label for=note_id.clone()>{tr!("staff-agenda-outcome-note")}</label>
                    <p class="field-error" id=note_err_id.clone()>{note_error}</p>
                    <input id=note_id name="note" type="text" maxlength="500" value=kept_note aria-describedby=note_err_id aria-invalid=note_invalid.then_some("true") />
                    <button type="submit" class="btn btn-secondary">{tr!("staff-agenda-outcome-submit")}</button>
                </form>
            })}
        </li>
    }
}

/// The week on a desk screen: a column per day (its header opens the day, with the
/// outcome forms), a row per half hour, rendez-vous and free slots at once, today marked.
/// Phones get the day list below instead (CSS hides the grid under 60 rem).
#[component]
fn WeekGrid(grid: crate::views::AgendaGrid, selected: String) -> impl IntoView {
    view! {
        <div class="week-grid table-wrap" tabindex="0" role="region" aria-label=tr!("agenda-grid-caption")>
            <table class="grid">
                <caption class="sr-only">{tr!("agenda-grid-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!("agenda-grid-time")}</th>
                        {grid.days.iter().map(|(label, day, today)| view! {
                            <th scope="col" class:today=*today aria-current=today.then_some("date")>
                                <a href=format!("{}?jour={day}{selected}", pages::AGENDA)>{label.clone()}</a>
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {grid.rows.into_iter().map(|(time, cells)| view! {
                        <tr>
                            <th scope="row">{time}</th>
                            {cells.into_iter().zip(grid.days.iter().map(|d| d.2)).map(|(items, today)| view! {
                                <td class:today=today>
                                    {items.into_iter().map(|i| match i.file {
                                        Some(id) => view! { <a class=format!("cell cell-{} badge-{}", i.kind, i.status) href=pages::file(id) translate="no">{i.text}</a> }.into_any(),
                                        None => view! { <span class=format!("cell cell-{}", i.kind)>{i.text}</span> }.into_any(),
                                    }).collect_view()}
                                </td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn Agenda() -> impl IntoView {
    let (day, week, who) = (
        query("jour"),
        query("semaine"),
        query("conseiller").and_then(|c| c.parse::<i64>().ok()),
    );
    page(
        move || agenda(day.clone(), week.clone(), who),
        |v| {
            let sel = v
                .selected
                .map(|c| format!("&conseiller={c}"))
                .unwrap_or_default();
            let wk = if v.week { "&semaine=1" } else { "" };
            let mut extra = vec![("jour", v.date.clone())];
            if v.week {
                extra.push(("semaine", "1".to_string()));
            }
            view! {
                <Title text=tr!("staff-agenda-title") />
                <h1>{tr!("staff-agenda-heading", period = v.title.clone())}</h1>
                <nav class="pager" aria-label=tr!("staff-agenda-pager")>
                    <a href=format!("{}?jour={}{wk}{sel}", pages::AGENDA, v.prev)>{tr!("staff-agenda-prev")}</a>
                    <a href=format!("{}?jour={}{sel}", pages::AGENDA, v.date)>{tr!("staff-agenda-day")}</a>
                    <a href=format!("{}?jour={}&semaine=1{sel}", pages::AGENDA, v.date)>{tr!("staff-agenda-week")}</a>
                    <a href=format!("{}?jour={}{wk}{sel}", pages::AGENDA, v.next)>{tr!("staff-agenda-next")}</a>
                </nav>
                <CounsellorFilter path=pages::AGENDA counsellors=v.counsellors.clone() selected=v.selected all=true extra=extra />
                {v.grid.clone().map(|g| view! { <WeekGrid grid=g selected=sel.clone() /> })}
                {v.days.into_iter().map(|d| {
                    let empty = d.appointments.is_empty() && d.free_slots.is_empty();
                    view! {
                        <section class="day-block">
                            <h2 class:today=d.today aria-current=d.today.then_some("date")>{d.day}{d.today.then(|| format!(" · {}", tr!("agenda-grid-today")))}</h2>
                            {d.holiday.map(|h| view! { <p class="notice">{h}</p> })}
                            {empty.then(|| view! { <p>{tr!("staff-agenda-nothing")}</p> })}
                            {(!d.appointments.is_empty()).then(|| view! {
                                <ul class="list">{d.appointments.into_iter().map(|a| view! { <AgendaItem a=a /> }).collect_view()}</ul>
                            })}
                            {(!d.free_slots.is_empty()).then(|| view! {
                                <p class="meta">{tr!(
                                    "staff-agenda-free-slots",
                                    slots = d.free_slots.iter().map(|s| tr!("staff-agenda-free-slot", time = &s.time, counsellor = &s.counsellor)).collect::<Vec<_>>().join(", "),
                                )}</p>
                            })}
                        </section>
                    }
                }).collect_view()}
            }
        },
    )
}

#[component]
pub fn Slots() -> impl IntoView {
    let who = query("conseiller").and_then(|c| c.parse::<i64>().ok());
    page(
        move || slots_page(who),
        |v| {
            let selected = v.selected.to_string();
            let selected_for_absence = selected.clone();
            view! {
                <Title text=tr!("staff-slots-title") />
                <h1>{tr!("staff-slots-heading")}</h1>
                {(v.counsellors.len() > 1).then(|| view! { <CounsellorFilter path=pages::SLOTS counsellors=v.counsellors.clone() selected=Some(v.selected) /> })}
                <h2>{tr!("staff-slots-open-heading")}</h2>
                <Form action=paths::OPEN_SLOTS check="slot" submit=tr!("staff-slots-open-submit")>
                    <input type="hidden" name="counsellor_id" value=selected.clone() />
                    <Field action=paths::OPEN_SLOTS name="date" label=tr!("staff-slots-date") kind="date" required=true />
                    <Field action=paths::OPEN_SLOTS name="time" label=tr!("staff-slots-time") kind="time" required=true />
                    <Field action=paths::OPEN_SLOTS name="duration" label=tr!("staff-slots-duration") kind="number" value="45" inputmode="numeric" required=true />
                    <Field action=paths::OPEN_SLOTS name="until" label=tr!("staff-slots-until") kind="time" hint=tr!("staff-slots-until-hint") />
                    <Field action=paths::OPEN_SLOTS name="weeks" label=tr!("staff-slots-weeks") kind="number" value="1" inputmode="numeric" hint=tr!("staff-slots-weeks-hint") />
                    <Field action=paths::OPEN_SLOTS name="location" label=tr!("staff-slots-location") hint=tr!("staff-slots-location-hint") />
                    <fieldset class="choices" id="f-modalities" tabindex="-1" aria-describedby="err-modalities">
                        <legend>{tr!("staff-slots-modalities")}</legend>
                        <p class="field-error" id="err-modalities">{flash().field_error(paths::OPEN_SLOTS, "modalities")}</p>
                        <Check action=paths::OPEN_SLOTS name="sur_place" label=crate::i18n::t(Modality::SurPlace.label_key()) checked=true />
                        <Check action=paths::OPEN_SLOTS name="telephone" label=crate::i18n::t(Modality::Telephone.label_key()) checked=true />
                        <Check action=paths::OPEN_SLOTS name="visio" label=crate::i18n::t(Modality::Visio.label_key()) />
                    </fieldset>
                </Form>
                <h2>{tr!("staff-slots-absence-heading")}</h2>
                <Form action=paths::ABSENCE check="absence" submit=tr!("staff-slots-absence-submit") secondary=true>
                    <input type="hidden" name="counsellor_id" value=selected_for_absence />
                    <Field action=paths::ABSENCE name="from" label=tr!("staff-slots-absence-from") kind="date" required=true />
                    <Field action=paths::ABSENCE name="to" label=tr!("staff-slots-absence-to") kind="date" required=true />
                </Form>
                <h2>{tr!("staff-slots-upcoming-heading")}</h2>
                {(v.overlaps > 0).then(|| view! {
                    <p class="alert alert-error" role="alert">{tr!("staff-slots-overlaps", n = v.overlaps)}</p>
                })}
                {v.days.is_empty().then(|| view! { <p>{tr!("staff-slots-none")}</p> })}
                {v.days.into_iter().map(|d| view! {
                    <h3>{d.day}</h3>
                    <ul class="list">
                        {d.slots.into_iter().map(|s| {
                            let how = s.modalities.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join(", ");
                            let label = tr!("staff-slots-close-label", time = &s.time);
                            let text = tr!("staff-slots-slot", start = &s.time, end = &s.end_time, modalities = how);
                            view! {
                                <li class="item">
                                    <span>{text}</span>
                                    {s.booked.then(|| view! { <span class="badge badge-booked">{tr!("staff-slots-booked")}</span> })}
                                    {s.overlap.then(|| view! { <span class="badge badge-late">{tr!("staff-slots-overlap")}</span> })}
                                    {(!s.booked).then(|| view! {
                                        <form method="post" action=paths::CLOSE_SLOT class="inline">
                                            <input type="hidden" name="slot_id" value=s.id.to_string() />
                                            <button type="submit" class="btn btn-secondary" aria-label=label>{tr!("staff-slots-close")}</button>
                                        </form>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }).collect_view()}
            }
        },
    )
}

/// The address of a page of the file active with the same search, filter and sort.
fn caseload_href(v: &crate::views::CaseloadView, page: u32) -> String {
    let q = &v.query;
    super::components::href_with(
        pages::CASELOAD,
        &[
            (
                "conseiller",
                v.selected.map(|c| c.to_string()).unwrap_or_default(),
            ),
            ("recherche", q.search.clone()),
            ("filtre", q.filter.clone()),
            ("tri", q.sort.clone()),
            ("page", page.to_string()),
        ],
    )
}

#[component]
pub fn Caseload() -> impl IntoView {
    let who = query("conseiller").and_then(|c| c.parse::<i64>().ok());
    let (search, filter, sort) = (query("recherche"), query("filtre"), query("tri"));
    let page_no = query("page").and_then(|p| p.parse::<u32>().ok());
    page(
        move || caseload(who, search.clone(), filter.clone(), sort.clone(), page_no),
        |v| {
            let q = v.query.clone();
            let (prev, next) = (
                (q.page > 0).then(|| caseload_href(&v, q.page - 1)),
                (q.page + 1 < v.pages).then(|| caseload_href(&v, q.page + 1)),
            );
            let filters = [
                ("", tr!("staff-caseload-filter-all")),
                ("retard", tr!("staff-caseload-filter-late")),
                ("bientot", tr!("staff-caseload-filter-due-soon")),
                ("sans-referent", tr!("staff-caseload-filter-unassigned")),
            ];
            let sorts = [
                ("", tr!("staff-caseload-sort-deadline")),
                ("nom", tr!("staff-caseload-sort-name")),
            ];
            let selected = v.selected.map(|c| c.to_string()).unwrap_or_default();
            view! {
                <Title text=tr!("staff-caseload-title") />
                <h1>{tr!("staff-caseload-heading")}</h1>
                <p><a class="btn btn-secondary" href=pages::ENROL>{tr!("enrol-link")}</a></p>
                <form method="get" action=pages::CASELOAD class="filter">
                    <fieldset>
                        <legend>{tr!("staff-caseload-search-legend")}</legend>
                        <label for="f-recherche">{tr!("staff-caseload-search")}</label>
                        <input id="f-recherche" name="recherche" type="search" value=q.search.clone() aria-describedby="hint-recherche" />
                        <p class="hint" id="hint-recherche">{tr!("staff-caseload-search-hint")}</p>
                        <label for="f-conseiller">{tr!("staff-filter-counsellor")}</label>
                        <select id="f-conseiller" name="conseiller">
                            <option value="" selected=v.selected.is_none()>{tr!("staff-filter-all")}</option>
                            {v.counsellors.iter().map(|c| {
                                let label = tr!("staff-filter-counsellor-option", name = &c.name, n = c.caseload);
                                view! { <option value=c.id.to_string() selected=selected == c.id.to_string()>{label}</option> }
                            }).collect_view()}
                        </select>
                        <label for="f-filtre">{tr!("staff-caseload-filter")}</label>
                        <select id="f-filtre" name="filtre">
                            {filters.into_iter().map(|(value, label)| view! {
                                <option value=value selected=q.filter == value>{label}</option>
                            }).collect_view()}
                        </select>
                        <label for="f-tri">{tr!("staff-caseload-sort")}</label>
                        <select id="f-tri" name="tri">
                            {sorts.into_iter().map(|(value, label)| view! {
                                <option value=value selected=q.sort == value>{label}</option>
                            }).collect_view()}
                        </select>
                        <button type="submit" class="btn btn-secondary">{tr!("staff-filter-submit")}</button>
                    </fieldset>
                </form>
                <p role="status">{tr!("staff-caseload-summary-page", total = v.total, late = v.late, due_soon = v.due_soon, unassigned = v.unassigned)}</p>
                {v.lines.is_empty().then(|| view! { <p>{tr!("staff-caseload-none")}</p> })}
                {(!v.lines.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table>
                        <caption>{tr!("staff-caseload-caption-page", page = q.page + 1, pages = v.pages)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr!("staff-caseload-col-name")}</th>
                                <th scope="col">{tr!("staff-caseload-col-numero")}</th>
                                <th scope="col">{tr!("staff-caseload-col-counsellor")}</th>
                                <th scope="col">{tr!("staff-caseload-col-orientation")}</th>
                                <th scope="col">{tr!("staff-caseload-col-deadline")}</th>
                                <th scope="col">{tr!("staff-caseload-col-flag")}</th>
                                <th scope="col">{tr!("staff-caseload-col-next")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {v.lines.clone().into_iter().map(|l| view! {
                                <tr>
                                    <th scope="row"><a href=pages::file(l.id) translate="no">{l.name}</a></th>
                                    <td>{l.numero}</td>
                                    <td>{l.counsellor}</td>
                                    <td>{l.orientation}</td>
                                    <td>{l.deadline}</td>
                                    <td><span class=format!("badge badge-{}", l.flag)>{l.flag_label}</span></td>
                                    <td>{l.next.unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                })}
                <nav class="pager" aria-label=tr!("staff-caseload-pager")>
                    {prev.map(|h| view! { <a href=h>{tr!("staff-caseload-prev")}</a> })}
                    {next.map(|h| view! { <a href=h>{tr!("staff-caseload-next")}</a> })}
                </nav>
            }
        },
    )
}

#[component]
pub fn FilePage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let paging = super::components::slot_paging();
    page(
        move || allocataire_file(id, paging),
        move |v| {
            let f = flash();
            view! {
                <Title text=tr!("staff-file-title") />
                <h1 translate="no">{v.line.name.clone()}</h1>
                <p><a class="btn btn-secondary" href=pages::pathway(id)>{tr!("staff-file-pathway-link")}</a></p>
                <dl class="card">
                    <dt>{tr!("staff-file-numero")}</dt><dd>{v.line.numero.clone()}</dd>
                    <dt>{tr!("staff-file-contact")}</dt><dd>{v.contact.clone()}</dd>
                    <dt>{tr!("staff-file-counsellor")}</dt><dd>{v.line.counsellor.clone()}</dd>
                    <dt>{tr!("staff-file-orientation")}</dt><dd>{v.line.orientation.clone()}</dd>
                    <dt>{tr!("staff-file-first-meeting")}</dt>
                    <dd>{tr!("staff-file-first-meeting-deadline", date = &v.line.deadline)}" "<span class=format!("badge badge-{}", v.line.flag)>{v.line.flag_label.clone()}</span></dd>
                </dl>
                <h2>{tr!("enrol-referent-heading")}</h2>
                {(!v.counsellors.is_empty()).then(|| {
                    let current = v.counsellor_id.map(|c| c.to_string()).unwrap_or_default();
                    view! {
                        <form method="post" action=paths::ASSIGN_REFERENT class="inline">
                            <input type="hidden" name="allocataire_id" value=id.to_string() />
                            <label for="f-referent">{tr!("enrol-referent-change")}</label>
                            <select id="f-referent" name="counsellor_id">
                                <option value="" selected=current.is_empty()>{tr!("caseload-unassigned")}</option>
                                {v.counsellors.iter().map(|(cid, name)| {
                                    let chosen = current == cid.to_string();
                                    view! { <option value=cid.to_string() selected=chosen>{name.clone()}</option> }
                                }).collect_view()}
                            </select>
                            <button type="submit" class="btn btn-secondary">{tr!("enrol-referent-submit")}</button>
                        </form>
                        {v.suggestion.clone().map(|s| view! { <p class="hint">{s}</p> })}
                    }
                })}
                {(!v.referents.is_empty()).then(|| view! {
                    <h3>{tr!("enrol-history-heading")}</h3>
                    <ul class="list">
                        {v.referents.iter().map(|r| view! { <li class="item">{tr!("enrol-history-line", counsellor = &r.counsellor, since = &r.since)}</li> }).collect_view()}
                    </ul>
                })}
                <h2>{tr!("staff-file-appointments")}</h2>
                {v.appointments.is_empty().then(|| view! { <p>{tr!("staff-file-no-appointment")}</p> })}
                <ul class="list">
                    {v.appointments.into_iter().map(|a| {
                        let booked = a.status == "booked";
                        let id = a.id;
                        let mine = f.value(paths::STAFF_CANCEL, "appointment_id") == Some(id.to_string());
                        let error = mine.then(|| f.field_error(paths::STAFF_CANCEL, "reason")).flatten();
                        let invalid = error.is_some();
                        let kept = mine.then(|| f.value(paths::STAFF_CANCEL, "reason")).flatten().unwrap_or_default();
                        let rid = format!("reason-{id}");
                        let err_id = format!("err-reason-{id}");
                        let notes = a.notes.clone();
                        view! {
                            <li class="item">
                                <p><strong>{a.when.clone()}</strong>" · "{a.modality_label.clone()}" · "{a.counsellor.clone()}</p>
                                <p class=format!("badge badge-{}", a.status)>{a.status_label.clone()}</p>
                                <StaffNotes notes=notes />
                                <NextStep a=a.clone() />
                                {booked.then(|| view! {
                                    <form method="post" action=paths::STAFF_CANCEL class="inline">
                                        <input type="hidden" name="appointment_id" value=id.to_string() />
                                        <label for=rid.clone()>{tr!("staff-file-cancel-reason")}</label>
                                        <p class="field-error" id=err_id.clone()>{error}</p>
                                        <input id=rid name="reason" type="text" required=true minlength="3" maxlength="300" value=kept aria-describedby=err_id aria-invalid=invalid.then_some("true") />
                                        <button type="submit" class="btn btn-secondary">{tr!("staff-file-cancel-submit")}</button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <h2 id="reserver">{tr!("staff-file-book-heading")}</h2>
                <Form action=paths::BOOK_FOR check="book_series" submit=tr!("staff-file-book-submit")>
                    <input type="hidden" name="allocataire_id" value=id.to_string() />
                    <SlotPicker action=paths::BOOK_FOR choices=v.choices />
                    <fieldset class="choices">
                        <legend>{tr!("staff-file-series-legend")}</legend>
                        <p class="hint">{tr!("staff-file-series-hint")}</p>
                        <Field action=paths::BOOK_FOR name="every_weeks" label=tr!("staff-file-series-every") kind="number" inputmode="numeric" />
                        <Field action=paths::BOOK_FOR name="until" label=tr!("staff-file-series-until") kind="date" />
                    </fieldset>
                </Form>
            }
        },
    )
}

#[component]
pub fn Messages() -> impl IntoView {
    page(sent_messages, |list| {
        view! {
            <Title text=tr!("staff-messages-title") />
            <h1>{tr!("staff-messages-heading")}</h1>
            <p>{tr!("staff-messages-intro")}</p>
            <ul class="list">
                {list.into_iter().map(|m| view! {
                    <li class="item message">
                        <p><strong>{m.subject}</strong>" · "{tr!("staff-messages-meta", channel = m.channel, recipient = m.recipient, when = m.when, status = m.status)}</p>
                        <p class="body">{m.body}</p>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}
