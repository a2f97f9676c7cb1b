//! The agency's settings (booking rules, closure days) and its audit trail: managers and
//! the département admin.

use super::query;
use crate::api::agency::{agency_settings, audit_trail};
use crate::api::paths;
use crate::pages;
use crate::tr;
use crate::ui::components::{href_with, page, Field, Form};
use crate::views::AuditQuery;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AgencySettings() -> impl IntoView {
    page(agency_settings, |v| {
        view! {
            <Title text=tr!("agency-settings-title") />
            <h1>{tr!("agency-settings-heading", agency = &v.agency)}</h1>
            <h2>{tr!("agency-rules-heading")}</h2>
            <p>{tr!("agency-rules-intro")}</p>
            <Form action=paths::SAVE_RULES check="rules" submit=tr!("agency-rules-submit")>
                <Field action=paths::SAVE_RULES name="booking_cutoff_hours" label=tr!("agency-rules-booking-cutoff") hint=tr!("agency-rules-booking-cutoff-hint") kind="number" inputmode="numeric" value=v.booking_cutoff_hours.to_string() required=true />
                <Field action=paths::SAVE_RULES name="change_cutoff_hours" label=tr!("agency-rules-change-cutoff") hint=tr!("agency-rules-change-cutoff-hint") kind="number" inputmode="numeric" value=v.change_cutoff_hours.to_string() required=true />
                <Field action=paths::SAVE_RULES name="max_upcoming_online" label=tr!("agency-rules-max-upcoming") kind="number" inputmode="numeric" value=v.max_upcoming_online.to_string() required=true />
            </Form>
            <h2>{tr!("agency-webrsa-heading")}</h2>
            <p>{tr!("agency-webrsa-intro")}</p>
            <form method="get" action=crate::pages::WEBRSA_APPOINTMENTS class="filter">
                <fieldset>
                    <legend>{tr!("agency-webrsa-rdv-legend")}</legend>
                    <label for="f-webrsa-debut">{tr!("agency-webrsa-from")}</label>
                    <input id="f-webrsa-debut" name="debut" type="date" aria-describedby="hint-webrsa" />
                    <label for="f-webrsa-fin">{tr!("agency-webrsa-to")}</label>
                    <input id="f-webrsa-fin" name="fin" type="date" aria-describedby="hint-webrsa" />
                    <p class="hint" id="hint-webrsa">{tr!("agency-webrsa-period-hint")}</p>
                    <button type="submit" class="btn btn-secondary">{tr!("agency-webrsa-rdv-submit")}</button>
                </fieldset>
            </form>
            <p><a class="btn btn-secondary" href=crate::pages::WEBRSA_CONTRACTS download="">{tr!("agency-webrsa-cer-link")}</a></p>
            <h2>{tr!("agency-closures-heading")}</h2>
            <p>{tr!("agency-closures-intro")}</p>
            {v.closures.is_empty().then(|| view! { <p>{tr!("agency-closures-none")}</p> })}
            <ul class="list">
                {v.closures.into_iter().map(|c| {
                    let label = tr!("agency-closure-remove", day = &c.day);
                    view! {
                        <li class="item">
                            <span><strong>{c.day}</strong>{(!c.label.is_empty()).then(|| format!(" · {}", c.label))}</span>
                            <form method="post" action=paths::REMOVE_CLOSURE class="inline">
                                <input type="hidden" name="date" value=c.date />
                                <button type="submit" class="btn btn-secondary" aria-label=label>{tr!("agency-closure-remove-short")}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Form action=paths::ADD_CLOSURE check="closure" submit=tr!("agency-closure-submit") secondary=true>
                <Field action=paths::ADD_CLOSURE name="date" label=tr!("agency-closure-date") kind="date" required=true />
                <Field action=paths::ADD_CLOSURE name="label" label=tr!("agency-closure-label") hint=tr!("agency-closure-label-hint") />
            </Form>
        }
    })
}

/// The address of a page of the trail with the same filter.
fn trail_href(q: &AuditQuery, page: u32) -> String {
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    href_with(
        pages::AUDIT,
        &[
            ("qui", number(q.staff)),
            ("dossier", number(q.file)),
            ("quoi", q.kind.clone()),
            ("debut", q.from.clone()),
            ("fin", q.to.clone()),
            ("page", page.to_string()),
        ],
    )
}

#[component]
pub fn AuditTrail() -> impl IntoView {
    let number = |k: &str| query(k).and_then(|v| v.trim().parse::<i64>().ok());
    let (staff, file) = (number("qui"), number("dossier"));
    let (kind, from, to) = (query("quoi"), query("debut"), query("fin"));
    let page_no = query("page").and_then(|p| p.parse::<u32>().ok());
    page(
        move || audit_trail(staff, file, kind.clone(), from.clone(), to.clone(), page_no),
        |v| {
            let q = v.query.clone();
            let (newer, older) = (
                (q.page > 0).then(|| trail_href(&q, q.page - 1)),
                v.has_more.then(|| trail_href(&q, q.page + 1)),
            );
            view! {
                <Title text=tr!("audit-title") />
                <h1>{tr!("audit-heading", agency = &v.agency)}</h1>
                <p>{tr!("audit-intro")}</p>
                <form method="get" action=pages::AUDIT class="filter">
                    <fieldset>
                        <legend>{tr!("audit-filter-legend")}</legend>
                        <label for="f-qui">{tr!("audit-filter-staff")}</label>
                        <select id="f-qui" name="qui">
                            <option value="" selected=q.staff.is_none()>{tr!("audit-filter-everyone")}</option>
                            {v.staff.iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=q.staff == Some(*id)>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                        <label for="f-dossier">{tr!("audit-filter-file")}</label>
                        <input id="f-dossier" name="dossier" type="text" inputmode="numeric" value=q.file.map(|f| f.to_string()).unwrap_or_default() />
                        <label for="f-quoi">{tr!("audit-filter-kind")}</label>
                        <select id="f-quoi" name="quoi">
                            <option value="" selected=q.kind.is_empty()>{tr!("audit-filter-all-kinds")}</option>
                            {v.kinds.iter().map(|(value, label)| view! {
                                <option value=value.clone() selected=q.kind == *value>{label.clone()}</option>
                            }).collect_view()}
                        </select>
                        <label for="f-debut">{tr!("audit-filter-from")}</label>
                        <input id="f-debut" name="debut" type="date" value=q.from.clone() />
                        <label for="f-fin">{tr!("audit-filter-to")}</label>
                        <input id="f-fin" name="fin" type="date" value=q.to.clone() />
                        <button type="submit" class="btn btn-secondary">{tr!("audit-filter-submit")}</button>
                    </fieldset>
                </form>
                {v.lines.is_empty().then(|| view! { <p>{tr!("audit-none")}</p> })}
                {(!v.lines.is_empty()).then(|| view! {
                    // Focusable: the table may scroll sideways and holds no link to tab to.
                    <div class="table-wrap" tabindex="0" role="region" aria-label=tr!("audit-caption")>
                        <table>
                            <caption>{tr!("audit-caption")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{tr!("audit-col-when")}</th>
                                    <th scope="col">{tr!("audit-col-who")}</th>
                                    <th scope="col">{tr!("audit-col-what")}</th>
                                    <th scope="col">{tr!("audit-col-subject")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {v.lines.into_iter().map(|l| view! {
                                    <tr>
                                        <td>{l.when}</td>
                                        <td translate="no">{l.actor}</td>
                                        <td>{l.action}{l.refused.then(|| view! { " "<span class="badge badge-late">{tr!("audit-refused")}</span> })}</td>
                                        <td>{match l.file {
                                            Some(id) => view! { <a href=pages::file(id)>{tr!("audit-open-file", id = id)}</a> }.into_any(),
                                            None => view! { <span>{l.subject}</span> }.into_any(),
                                        }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
                <nav class="pager" aria-label=tr!("audit-pager")>
                    {newer.map(|h| view! { <a href=h>{tr!("audit-newer")}</a> })}
                    {older.map(|h| view! { <a href=h>{tr!("audit-older")}</a> })}
                </nav>
            }
        },
    )
}
