//! The allocataire's workshops: the sessions open to them (filtered by theme, date and
//! place), their own places (registered, waiting, a seat offered), and past sessions.
//! Plain forms: everything works without JavaScript, and the page loads no WASM.

use crate::api::paths;
use crate::api::workshops::workshop_offer;
use crate::pages;
use crate::tr;
use crate::ui::components::{flash, page};
use crate::views::{WorkshopCard, WorkshopOfferLine};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn query(name: &str) -> Option<String> {
    use_query_map()
        .with_untracked(|q| q.get(name))
        .filter(|v| !v.is_empty())
}

/// A one-button form posting the session's id (and the page's idempotency key).
fn button(
    action: &'static str,
    id: i64,
    key: Option<String>,
    text: String,
    secondary: bool,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline">
            <input type="hidden" name="workshop_id" value=id.to_string() />
            {key.map(|k| view! { <input type="hidden" name="idempotency_key" value=k /> })}
            <button type="submit" class=if secondary { "btn btn-secondary" } else { "btn" }>{text}</button>
        </form>
    }
}

fn card_body(c: &WorkshopCard) -> impl IntoView {
    view! {
        <h3>{c.title.clone()}</h3>
        <p>{c.when.clone()}</p>
        <p>{tr!("workshop-card-place", place = &c.place)}" · "{c.theme_label.clone()}</p>
        {(!c.facilitators.is_empty()).then(|| view! { <p>{tr!("workshop-card-facilitators", names = &c.facilitators)}</p> })}
        {(!c.description.is_empty()).then(|| view! { <div class="message rich" inner_html=c.description_html.clone()></div> })}
    }
}

fn session(line: WorkshopOfferLine, key: String) -> impl IntoView {
    let c = line.card;
    let id = c.id;
    let actions = match line.mine {
        Some(m) => {
            let status = match m.status.as_str() {
                "offered" => tr!(
                    "workshop-mine-offered",
                    until = m.offered_until.clone().unwrap_or_default()
                ),
                "waiting" => tr!("workshop-mine-waiting", position = m.position.unwrap_or(1)),
                _ => tr!("workshop-mine-registered"),
            };
            let offered = m.status == "offered";
            view! {
                <p class="badge badge-booked">{m.status_label.clone()}</p>
                <p>{status}</p>
                {m.calendar.clone().map(|href| view! { <p><a href=href download="">{tr!("workshop-calendar-link")}</a></p> })}
                {offered.then(|| button(paths::CONFIRM_WORKSHOP, id, None, tr!("workshop-confirm-submit"), false))}
                {button(paths::LEAVE_WORKSHOP, id, None, if m.status == "waiting" { tr!("workshop-leave-waiting") } else { tr!("workshop-leave-submit") }, true)}
            }
            .into_any()
        }
        None if c.open => view! {
            <p><strong>{c.seats.clone()}</strong></p>
            <p class="hint">{c.deadline.clone()}</p>
            {button(
                paths::JOIN_WORKSHOP,
                id,
                Some(key),
                if c.full { tr!("workshop-join-waiting") } else { tr!("workshop-join-submit") },
                false,
            )}
        }
        .into_any(),
        None => view! { <p>{tr!("workshop-registration-closed")}</p> }.into_any(),
    };
    view! {
        <li class="card">
            {card_body(&c)}
            {actions}
        </li>
    }
}

#[component]
pub fn MyWorkshops() -> impl IntoView {
    let (theme, from, place) = (query("theme"), query("debut"), query("lieu"));
    page(
        move || workshop_offer(theme.clone(), from.clone(), place.clone()),
        |v| {
            let f = flash();
            let errors: Vec<String> = [
                paths::JOIN_WORKSHOP,
                paths::LEAVE_WORKSHOP,
                paths::CONFIRM_WORKSHOP,
            ]
            .iter()
            .filter_map(|a| f.form_error(a))
            .collect();
            let (mine, others): (Vec<_>, Vec<_>) =
                v.sessions.into_iter().partition(|l| l.mine.is_some());
            let key = v.key.clone();
            view! {
                <Title text=tr!("workshops-title") />
                <h1>{tr!("workshops-heading")}</h1>
                <p>{tr!("workshops-intro")}</p>
                {errors.into_iter().map(|e| view! { <div class="alert alert-error" role="alert" tabindex="-1" autofocus="">{e}</div> }).collect_view()}
                <h2>{tr!("workshops-mine-heading")}</h2>
                {mine.is_empty().then(|| view! { <p>{tr!("workshops-mine-none")}</p> })}
                <ul class="list">{mine.into_iter().map(|l| session(l, key.clone())).collect_view()}</ul>
                <h2>{tr!("workshops-upcoming-heading")}</h2>
                <form method="get" action=pages::MY_WORKSHOPS class="filter">
                    <fieldset>
                        <legend>{tr!("workshops-filter-legend")}</legend>
                        <label for="f-theme">{tr!("workshops-filter-theme")}</label>
                        <select id="f-theme" name="theme">
                            <option value="" selected=v.theme.is_empty()>{tr!("workshops-filter-all-themes")}</option>
                            {v.themes.iter().map(|(value, label)| view! {
                                <option value=value.clone() selected=v.theme == *value>{label.clone()}</option>
                            }).collect_view()}
                        </select>
                        <label for="f-debut">{tr!("workshops-filter-from")}</label>
                        <input id="f-debut" name="debut" type="date" value=v.from.clone() />
                        <label for="f-lieu">{tr!("workshops-filter-place")}</label>
                        <input id="f-lieu" name="lieu" type="text" value=v.place.clone() />
                        <button type="submit" class="btn btn-secondary">{tr!("workshops-filter-submit")}</button>
                    </fieldset>
                </form>
                {others.is_empty().then(|| view! { <p>{tr!("workshops-upcoming-none")}</p> })}
                <ul class="list">{others.into_iter().map(|l| session(l, key.clone())).collect_view()}</ul>
                {(!v.history.is_empty()).then(|| view! {
                    <h2>{tr!("workshops-history-heading")}</h2>
                    <ul class="list">
                        {v.history.into_iter().map(|l| {
                            let m = l.mine.clone();
                            view! {
                                <li class="card">
                                    {card_body(&l.card)}
                                    {m.map(|m| view! { <p>{m.attendance.unwrap_or(m.status_label)}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            }
        },
    )
}
