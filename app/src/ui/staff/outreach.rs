//! « Aller vers »: the people to go and find (never seen since their orientation, missed
//! their last rendez-vous, no contact for N weeks), and one message to several of them.

use super::super::components::{page, Form, TextArea};
use crate::api::outreach::outreach;
use crate::api::paths;
use crate::pages;
use crate::tr;
use crate::views::ContactView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A file's contact attempts and the form to log one (the parcours page).
pub fn contacts(person: i64, list: Vec<ContactView>) -> impl IntoView {
    let channels: Vec<(String, String)> = crate::domain::outreach::ContactChannel::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), crate::i18n::t(c.label_key())))
        .collect();
    view! {
        <h2 id="contacts">{tr!("outreach-contacts-heading")}</h2>
        {list.is_empty().then(|| view! { <p>{tr!("outreach-contacts-none")}</p> })}
        <ul class="list">
            {list.into_iter().map(|c| view! {
                <li class="item">
                    <p><strong>{c.when}</strong>" · "{c.channel_label}" · "{if c.reached { tr!("outreach-reached") } else { tr!("outreach-not-reached") }}</p>
                    {(!c.by.is_empty()).then(|| view! { <p class="hint">{c.by}</p> })}
                    {(!c.note.is_empty()).then(|| view! { <p class="message">{c.note}</p> })}
                </li>
            }).collect_view()}
        </ul>
        <Form action=paths::LOG_CONTACT submit=tr!("outreach-contact-submit") secondary=true>
            <input type="hidden" name="allocataire_id" value=person.to_string() />
            <super::super::components::Select action=paths::LOG_CONTACT name="channel" label=tr!("outreach-contact-channel") options=channels placeholder=tr!("pathway-choose") required=true />
            <super::super::components::Check action=paths::LOG_CONTACT name="reached" label=tr!("outreach-contact-reached") />
            <TextArea action=paths::LOG_CONTACT name="note" label=tr!("outreach-contact-note") maxlength=500 />
        </Form>
    }
}

#[component]
pub fn Outreach() -> impl IntoView {
    let (who, weeks) = use_query_map().with_untracked(|q| {
        (
            q.get("conseiller").and_then(|c| c.parse::<i64>().ok()),
            q.get("semaines").and_then(|w| w.parse::<u32>().ok()),
        )
    });
    page(
        move || outreach(who, weeks),
        |v| {
            let selected = v.selected.map(|c| c.to_string()).unwrap_or_default();
            let channels = vec![
                ("sms".to_string(), tr!("outreach-channel-sms")),
                ("email".to_string(), tr!("outreach-channel-email")),
            ];
            view! {
                <Title text=tr!("outreach-title") />
                <h1>{tr!("outreach-heading")}</h1>
                <p>{tr!("outreach-intro")}</p>
                <form method="get" action=pages::OUTREACH class="filter">
                    <fieldset>
                        <legend>{tr!("pathway-due-legend")}</legend>
                        <label for="f-conseiller">{tr!("staff-filter-counsellor")}</label>
                        <select id="f-conseiller" name="conseiller">
                            <option value="" selected=v.selected.is_none()>{tr!("staff-filter-all")}</option>
                            {v.counsellors.iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=selected == id.to_string()>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                        <label for="f-semaines">{tr!("outreach-weeks")}</label>
                        <input id="f-semaines" name="semaines" type="number" inputmode="numeric" min="1" max="52" value=v.weeks.to_string() />
                        <button type="submit" class="btn btn-secondary">{tr!("staff-filter-submit")}</button>
                    </fieldset>
                </form>
                <p role="status">{tr!("outreach-summary", n = v.lines.len(), weeks = v.weeks)}</p>
                {v.lines.is_empty().then(|| view! { <p>{tr!("outreach-none")}</p> })}
                {(!v.lines.is_empty()).then(|| view! {
                    <div class="table-wrap">
                        <table>
                            <caption>{tr!("outreach-caption")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{tr!("staff-caseload-col-name")}</th>
                                    <th scope="col">{tr!("staff-caseload-col-numero")}</th>
                                    <th scope="col">{tr!("staff-caseload-col-counsellor")}</th>
                                    <th scope="col">{tr!("outreach-col-reason")}</th>
                                    <th scope="col">{tr!("outreach-col-last")}</th>
                                    <th scope="col">{tr!("outreach-col-channels")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {v.lines.clone().into_iter().map(|l| view! {
                                    <tr>
                                        <th scope="row"><a href=format!("{}#contacts", pages::pathway(l.id)) translate="no">{l.name}</a></th>
                                        <td>{l.numero}</td>
                                        <td>{l.counsellor}</td>
                                        <td><span class=format!("badge badge-{}", l.reason)>{l.reason_label}</span></td>
                                        <td>{l.last}</td>
                                        <td>{l.channels}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
                <h2>{tr!("outreach-group-heading")}</h2>
                <p>{tr!("outreach-group-intro")}</p>
                <Form action=paths::GROUP_MESSAGE submit=tr!("outreach-group-submit")>
                    <super::super::components::Select action=paths::GROUP_MESSAGE name="template" label=tr!("outreach-group-template") options=v.templates.clone() placeholder=tr!("pathway-choose") required=true />
                    <super::super::components::Choices action=paths::GROUP_MESSAGE name="message_channel" legend=tr!("outreach-group-channel") options=channels selected="sms" />
                    <TextArea action=paths::GROUP_MESSAGE name="numeros" label=tr!("outreach-group-numeros") hint=tr!("outreach-group-numeros-hint") value=v.numeros.clone() required=true />
                </Form>
            }
        },
    )
}
