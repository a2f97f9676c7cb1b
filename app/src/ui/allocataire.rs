//! The allocataire's pages: sign-in, "Mon espace", booking, moving, cancelling.

pub mod pathway;
pub mod surveys;
pub mod voice;
pub mod workshops;

use super::components::{flash, page, slot_paging, Choices, Field, Form};
use crate::api::appointments::{booking_choices, my_appointment, my_space};
use crate::api::paths;
use crate::pages;
use crate::tr;
use crate::views::{AppointmentView, ChoicesView, ReferentView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SignIn() -> impl IntoView {
    view! {
        <Title text=tr!("alloc-signin-title") />
        <h1>{tr!("alloc-signin-heading")}</h1>
        <p>{tr!("alloc-signin-intro")}</p>
        <Form action=paths::REQUEST_CODE check="signin" submit=tr!("alloc-signin-submit")>
            <Field
                action=paths::REQUEST_CODE
                name="identifier"
                label=tr!("alloc-signin-identifier-label")
                hint=tr!("alloc-signin-identifier-hint")
                autocomplete="username"
                required=true
            />
        </Form>
        <p class="small"><a href=pages::STAFF_SIGN_IN>{tr!("alloc-signin-staff-link")}</a></p>
    }
}

#[component]
pub fn CodePage() -> impl IntoView {
    view! {
        <Title text=tr!("alloc-code-title") />
        <h1>{tr!("alloc-code-heading")}</h1>
        <p>{tr!("alloc-code-intro")}</p>
        <Form action=paths::VERIFY_CODE check="code" submit=tr!("alloc-code-submit")>
            <Field
                action=paths::VERIFY_CODE
                name="code"
                label=tr!("alloc-code-label")
                inputmode="numeric"
                autocomplete="one-time-code"
                required=true
            />
        </Form>
        <p class="small"><a href=pages::SIGN_IN>{tr!("alloc-code-resend-link")}</a></p>
    }
}

#[component]
pub fn Invitation() -> impl IntoView {
    // A link that has expired or was used: say so and offer the way that works, instead
    // of a « Continuer » that would repeat the error.
    let failed = flash().form_error(paths::ACCEPT_INVITATION);
    view! {
        <Title text=tr!("alloc-invitation-title") />
        <h1>{tr!("alloc-invitation-heading")}</h1>
        {match failed {
            Some(e) => view! {
                <div class="alert alert-error" role="alert"><p>{e}</p></div>
                <p>{tr!("alloc-invitation-failed-next")}</p>
                <p><a class="btn" href=pages::SIGN_IN>{tr!("alloc-invitation-sign-in")}</a></p>
            }
            .into_any(),
            None => view! {
                <p>{tr!("alloc-invitation-intro")}</p>
                <p>{tr!("alloc-invitation-explain")}</p>
                <Form action=paths::ACCEPT_INVITATION submit=tr!("alloc-invitation-submit")>
                    <span></span>
                </Form>
            }
            .into_any(),
        }}
    }
}

#[component]
fn AppointmentCard(a: AppointmentView) -> impl IntoView {
    let remote = a.modality != "sur_place";
    view! {
        <dl class="card">
            <dt>{tr!("alloc-card-when")}</dt>
            <dd>{tr!("alloc-card-when-value", when = a.when.clone(), minutes = a.duration_minutes)}</dd>
            <dt>{tr!("alloc-card-with")}</dt>
            <dd>{a.counsellor.clone()}</dd>
            <dt>{tr!("alloc-card-how")}</dt>
            <dd>{a.modality_label.clone()}</dd>
            {(!remote).then(|| view! { <dt>{tr!("alloc-card-where")}</dt><dd>{a.location.clone()}</dd> })}
            <dt>{tr!("alloc-card-status")}</dt>
            <dd>{a.status_label.clone()}</dd>
        </dl>
    }
}

#[component]
fn ReferentCard(r: ReferentView) -> impl IntoView {
    view! {
        <dl class="card">
            <dt>{tr!("alloc-referent-name")}</dt>
            <dd>{r.name}</dd>
            <dt>{tr!("alloc-referent-function")}</dt>
            <dd>{r.title}</dd>
            <dt>{tr!("alloc-referent-agency")}</dt>
            <dd>{r.agency}</dd>
            <dt>{tr!("alloc-referent-address")}</dt>
            <dd>{r.address}</dd>
            <dt>{tr!("alloc-referent-phone")}</dt>
            <dd><a href=format!("tel:{}", r.phone.replace(' ', ""))>{r.phone.clone()}</a></dd>
            <dt>{tr!("alloc-referent-email")}</dt>
            <dd><a href=format!("mailto:{}", r.email)>{r.email.clone()}</a></dd>
            <dt>{tr!("alloc-referent-opening-hours")}</dt>
            <dd>{r.opening_hours}</dd>
        </dl>
    }
}

#[component]
pub fn Espace() -> impl IntoView {
    page(my_space, |s| {
        view! {
            <Title text=tr!("alloc-espace-title") />
            <h1>{tr!("alloc-espace-hello", name = s.first_name.clone())}</h1>
            // The 15-day deadline is the agency's duty: the person reads what to do, never
            // a red date in the past as if it were their fault. Nothing once it is booked.
            {s.next.is_none().then(|| s.first_meeting_due.clone()).flatten().map(|due| {
                let text = if s.first_meeting_late {
                    tr!("alloc-first-meeting-overdue")
                } else {
                    tr!("alloc-first-meeting-due", date = due)
                };
                view! { <p class="alert alert-info">{text}</p> }
            })}
            {(s.feedback_waiting > 0).then(|| view! {
                <p class="card"><a href=pages::MY_FEEDBACK>{tr!("satisfaction-espace-waiting", n = s.feedback_waiting)}</a></p>
            })}
            <section aria-labelledby="h-next">
                <h2 id="h-next">{tr!("alloc-espace-next-heading")}</h2>
                {match s.next.clone() {
                    Some(a) => {
                        let href = pages::appointment(a.id);
                        view! {
                            <AppointmentCard a=a />
                            <p><a class="btn" href=href>{tr!("alloc-espace-next-manage")}</a></p>
                        }
                        .into_any()
                    }
                    None => view! {
                        <p>{tr!("alloc-espace-no-appointment")}</p>
                        <p><a class="btn" href=pages::BOOK>{tr!("alloc-espace-book")}</a></p>
                    }
                    .into_any(),
                }}
            </section>
            <section aria-labelledby="h-referent">
                <h2 id="h-referent">{tr!("alloc-espace-referent-heading")}</h2>
                {match s.referent.clone() {
                    Some(r) => view! { <ReferentCard r=r /> }.into_any(),
                    None => view! { <p>{tr!("alloc-espace-no-referent")}</p> }.into_any(),
                }}
            </section>
            {(!s.history.is_empty()).then(|| view! {
                <section aria-labelledby="h-history">
                    <h2 id="h-history">{tr!("alloc-espace-history-heading")}</h2>
                    <ul class="list">
                        {s.history.iter().map(|a| view! { <li>{tr!("alloc-espace-history-item", when = a.when.clone(), status = a.status_label.clone())}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            <p><a href=pages::MY_FEEDBACK>{tr!("satisfaction-espace-link")}</a></p>
            <p><a href=pages::MY_PANEL>{tr!("panel-espace-link")}</a></p>
            <p><a href=pages::MY_SURVEYS>{tr!("survey-espace-link")}</a></p>
        }
    })
}

/// The slot list and the modality choice, for booking, moving, or staff booking: a few
/// days per page, one group per day (its legend and each choice's name say the day), the
/// référent's slots first.
#[component]
pub fn SlotPicker(action: &'static str, choices: ChoicesView) -> impl IntoView {
    let flash = super::components::flash();
    let error = flash.field_error(action, "slot_id");
    let kept = flash.value(action, "slot_id").unwrap_or_default();
    let empty = choices.days.is_empty();
    let paging = choices.paging;
    let per_slot_counsellor = choices.only_of.is_none();
    let kept_modality = flash
        .value(action, "modality")
        .or_else(|| choices.modalities.first().map(|(v, _)| v.clone()))
        .unwrap_or_default();
    let pager = (paging.page > 0 || choices.has_more || choices.can_see_all).then(|| {
        view! {
            <p class="pager">
                {(paging.page > 0).then(|| view! {
                    <a href=paging.query(paging.page - 1, paging.all)>{tr!("alloc-slots-earlier")}</a>
                })}
                {choices.has_more.then(|| view! {
                    <a href=paging.query(paging.page + 1, paging.all)>{tr!("alloc-slots-more")}</a>
                })}
                {choices.can_see_all.then(|| view! {
                    <a href=paging.query(0, true)>{tr!("alloc-slots-everyone")}</a>
                })}
            </p>
        }
    });
    view! {
        {choices.window_end.clone().map(|end| view! {
            <p class="alert alert-info">{tr!("alloc-first-meeting-due", date = end)}</p>
        })}
        <fieldset class="choices slots" id="f-slot_id" tabindex="-1" aria-describedby="err-slot_id">
            <legend>{match choices.only_of.clone() {
                Some(name) => tr!("alloc-slots-legend-of", counsellor = name),
                None => tr!("alloc-slots-legend"),
            }}</legend>
            <p class="field-error" id="err-slot_id">{error}</p>
            {empty.then(|| view! { <p>{tr!("alloc-slots-none")}</p> })}
            {choices.days.into_iter().map(|day| {
                let kept = kept.clone();
                let day_name = day.day.clone();
                view! {
                    <fieldset class="day">
                        <legend>{day.day}</legend>
                        {day.slots.into_iter().map(|s| {
                            let id = format!("s{}", s.id);
                            let how = s.modalities.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join(", ");
                            let meta = if per_slot_counsellor {
                                tr!("alloc-slot-meta", counsellor = s.counsellor.clone(), modalities = how)
                            } else {
                                how
                            };
                            view! {
                                <div class="choice">
                                    <input type="radio" id=id.clone() name="slot_id" value=s.id.to_string() checked=kept == s.id.to_string() />
                                    <label for=id>
                                        <span class="sr-only">{day_name.clone()}", "</span>
                                        <strong>{tr!("alloc-slot-time", start = s.time, end = s.end_time)}</strong>
                                        " "<span class="meta">{meta}</span>
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
            {pager}
        </fieldset>
        <Choices
            action=action
            name="modality"
            legend=tr!("alloc-slots-modality-legend")
            hint=tr!("alloc-slots-modality-hint")
            options=choices.modalities
            selected=kept_modality
        />
        <input type="hidden" name="idempotency_key" value=choices.idempotency_key />
    }
}

#[component]
pub fn BookPage() -> impl IntoView {
    let paging = slot_paging();
    page(
        move || booking_choices(None, paging),
        |c| {
            view! {
                <Title text=tr!("alloc-book-title") />
                <h1>{tr!("alloc-book-heading")}</h1>
                <Form action=paths::BOOK check="book" submit=tr!("alloc-book-submit")>
                    <SlotPicker action=paths::BOOK choices=c />
                </Form>
            }
        },
    )
}

fn id_param() -> i64 {
    use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0))
}

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let id = id_param();
    page(
        move || my_appointment(id),
        |a| {
            let id = a.id;
            let can_change = a.can_change;
            let booked = a.status == "booked";
            let limit = a.change_limit.clone();
            view! {
                <Title text=tr!("alloc-appointment-title") />
                <h1>{tr!("alloc-appointment-heading")}</h1>
                <AppointmentCard a=a />
                {booked.then(|| view! {
                    <p><a href=pages::calendar(id) download=tr!("alloc-appointment-calendar-filename")>{tr!("alloc-appointment-calendar-link")}</a></p>
                })}
                {if can_change {
                    view! {
                        <p>{tr!("alloc-appointment-change-until", limit = limit)}</p>
                        <p><a class="btn" href=pages::move_appointment(id)>{tr!("alloc-appointment-move-link")}</a></p>
                        <h2>{tr!("alloc-appointment-cancel-heading")}</h2>
                        <Form action=paths::CANCEL check="reason" submit=tr!("alloc-appointment-cancel-submit") secondary=true>
                            <input type="hidden" name="appointment_id" value=id.to_string() />
                            <Field action=paths::CANCEL name="reason" label=tr!("alloc-appointment-cancel-reason-label") hint=tr!("alloc-appointment-cancel-reason-hint") required=true />
                        </Form>
                    }
                    .into_any()
                } else if booked {
                    view! { <p class="alert alert-info">{tr!("alloc-appointment-call-referent")}</p> }.into_any()
                } else {
                    view! { <p><a class="btn" href=pages::BOOK>{tr!("alloc-appointment-book-new")}</a></p> }.into_any()
                }}
                <p><a href=pages::ESPACE>{tr!("alloc-appointment-back")}</a></p>
            }
        },
    )
}

#[component]
pub fn MovePage() -> impl IntoView {
    let id = id_param();
    let paging = slot_paging();
    page(
        move || booking_choices(Some(id), paging),
        move |c| {
            let current = c.moving.clone();
            view! {
                <Title text=tr!("alloc-move-title") />
                <h1>{tr!("alloc-move-heading")}</h1>
                {current.map(|a| view! { <p>{tr!("alloc-move-current", when = a.when)}</p> })}
                <Form action=paths::MOVE check="move" submit=tr!("alloc-move-submit")>
                    <input type="hidden" name="appointment_id" value=id.to_string() />
                    <SlotPicker action=paths::MOVE choices=c />
                    <Field action=paths::MOVE name="reason" label=tr!("alloc-move-reason-label") hint=tr!("alloc-move-reason-hint") required=true />
                </Form>
            }
        },
    )
}

/// « Mon compte »: where the sign-in codes go, and signing out of every device.
#[component]
pub fn AccountPage() -> impl IntoView {
    page(crate::api::auth::whoami, |me| {
        let contacts = me.map(|m| m.contacts).unwrap_or_default();
        view! {
            <Title text=tr!("alloc-account-title") />
            <h1>{tr!("alloc-account-heading")}</h1>
            <h2>{tr!("alloc-account-contacts-heading")}</h2>
            {if contacts.is_empty() {
                view! { <p>{tr!("alloc-account-no-contact")}</p> }.into_any()
            } else {
                view! {
                    <p>{tr!("alloc-account-contacts-intro")}</p>
                    <ul>{contacts.into_iter().map(|c| view! { <li translate="no">{c}</li> }).collect_view()}</ul>
                }.into_any()
            }}
            <p>{tr!("alloc-account-contacts-change")}</p>
            <h2>{tr!("alloc-account-devices-heading")}</h2>
            <p>{tr!("alloc-account-devices-intro")}</p>
            <form method="post" action=crate::api::paths::SIGN_OUT>
                <input type="hidden" name="partout" value="1" />
                <button type="submit" class="btn btn-secondary">{tr!("common-sign-out-everywhere")}</button>
            </form>
        }
    })
}
