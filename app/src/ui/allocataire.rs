//! The allocataire's pages: sign-in, "Mon espace", booking, moving, cancelling.

use super::components::{page, Choices, Field, Form};
use crate::api::appointments::{booking_choices, my_appointment, my_space};
use crate::api::paths;
use crate::domain::appointment::Modality;
use crate::views::{AppointmentView, ChoicesView, ReferentView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SignIn() -> impl IntoView {
    view! {
        <Title text="Me connecter — Portail ALI" />
        <h1>"Me connecter"</h1>
        <p>"Saisissez votre numéro allocataire, votre téléphone ou votre e-mail. Nous vous envoyons un code à 6 chiffres."</p>
        <Form action=paths::REQUEST_CODE check="signin" submit="Recevoir un code">
            <Field
                action=paths::REQUEST_CODE
                name="identifier"
                label="Numéro allocataire, téléphone ou e-mail"
                hint="Par exemple : 1234567, 06 12 34 56 78 ou nom@exemple.fr"
                autocomplete="username"
                required=true
            />
        </Form>
        <p class="small"><a href="/pro/connexion">"Vous travaillez dans une ALI ? Espace professionnel"</a></p>
    }
}

#[component]
pub fn CodePage() -> impl IntoView {
    view! {
        <Title text="Saisir mon code — Portail ALI" />
        <h1>"Saisir mon code"</h1>
        <p>"Si un compte correspond, un code à 6 chiffres vient de partir par SMS ou par e-mail. Il est valable 10 minutes."</p>
        <Form action=paths::VERIFY_CODE check="code" submit="Me connecter">
            <Field
                action=paths::VERIFY_CODE
                name="code"
                label="Code reçu (6 chiffres)"
                inputmode="numeric"
                autocomplete="one-time-code"
                required=true
            />
        </Form>
        <p class="small"><a href="/connexion">"Je n'ai rien reçu : demander un nouveau code"</a></p>
    }
}

#[component]
pub fn Invitation() -> impl IntoView {
    view! {
        <Title text="Bienvenue — Portail ALI" />
        <h1>"Bienvenue sur le Portail ALI"</h1>
        <p>"Votre agence locale d'insertion vous invite à voir votre référent·e et vos rendez-vous en ligne."</p>
        <p>"Appuyez sur « Continuer » : nous envoyons un code de connexion au téléphone ou à l'e-mail que l'agence connaît."</p>
        <Form action=paths::ACCEPT_INVITATION submit="Continuer">
            <span></span>
        </Form>
    }
}

#[component]
fn AppointmentCard(a: AppointmentView) -> impl IntoView {
    let remote = a.modality != "sur_place";
    view! {
        <dl class="card">
            <dt>"Quand"</dt>
            <dd>{a.when.clone()}" ("{a.duration_minutes}" min)"</dd>
            <dt>"Avec"</dt>
            <dd>{a.counsellor.clone()}</dd>
            <dt>"Comment"</dt>
            <dd>{a.modality_label.clone()}</dd>
            {(!remote).then(|| view! { <dt>"Où"</dt><dd>{a.location.clone()}</dd> })}
            <dt>"État"</dt>
            <dd>{a.status_label.clone()}</dd>
        </dl>
    }
}

#[component]
fn ReferentCard(r: ReferentView) -> impl IntoView {
    view! {
        <dl class="card">
            <dt>"Nom"</dt>
            <dd>{r.name}</dd>
            <dt>"Fonction"</dt>
            <dd>{r.title}</dd>
            <dt>"Agence"</dt>
            <dd>{r.agency}</dd>
            <dt>"Adresse"</dt>
            <dd>{r.address}</dd>
            <dt>"Téléphone"</dt>
            <dd><a href=format!("tel:{}", r.phone.replace(' ', ""))>{r.phone.clone()}</a></dd>
            <dt>"E-mail"</dt>
            <dd><a href=format!("mailto:{}", r.email)>{r.email.clone()}</a></dd>
            <dt>"Horaires d'accueil"</dt>
            <dd>{r.opening_hours}</dd>
        </dl>
    }
}

#[component]
pub fn Espace() -> impl IntoView {
    page(my_space, |s| {
        view! {
            <Title text="Mon espace — Portail ALI" />
            <h1>"Bonjour " {s.first_name.clone()}</h1>
            {s.first_meeting_due.clone().map(|due| {
                let class = if s.first_meeting_late { "alert alert-error" } else { "alert alert-info" };
                view! { <p class=class>"Votre premier rendez-vous doit avoir lieu au plus tard le " {due} "."</p> }
            })}
            <section aria-labelledby="h-next">
                <h2 id="h-next">"Mon prochain rendez-vous"</h2>
                {match s.next.clone() {
                    Some(a) => {
                        let href = format!("/rdv/{}", a.id);
                        view! {
                            <AppointmentCard a=a />
                            <p><a class="btn" href=href>"Voir, déplacer ou annuler"</a></p>
                        }
                        .into_any()
                    }
                    None => view! {
                        <p>"Vous n'avez pas de rendez-vous prévu."</p>
                        <p><a class="btn" href="/rdv/prendre">"Prendre rendez-vous"</a></p>
                    }
                    .into_any(),
                }}
            </section>
            <section aria-labelledby="h-referent">
                <h2 id="h-referent">"Mon référent·e"</h2>
                {match s.referent.clone() {
                    Some(r) => view! { <ReferentCard r=r /> }.into_any(),
                    None => view! { <p>"Votre référent·e n'est pas encore désigné·e. L'agence vous contactera."</p> }.into_any(),
                }}
            </section>
            {(!s.history.is_empty()).then(|| view! {
                <section aria-labelledby="h-history">
                    <h2 id="h-history">"Mes rendez-vous passés ou annulés"</h2>
                    <ul class="list">
                        {s.history.iter().map(|a| view! { <li>{a.when.clone()}" — "{a.status_label.clone()}</li> }).collect_view()}
                    </ul>
                </section>
            })}
        }
    })
}

/// The slot list and the modality choice, for booking, moving, or staff booking.
#[component]
pub fn SlotPicker(action: &'static str, choices: ChoicesView) -> impl IntoView {
    let flash = super::components::flash();
    let error = flash.field_error(action, "slot_id");
    let kept = flash.value(action, "slot_id").unwrap_or_default();
    let empty = choices.days.is_empty();
    view! {
        {choices.window_end.clone().map(|end| view! {
            <p class="alert alert-info">"Votre premier rendez-vous doit avoir lieu au plus tard le " {end} "."</p>
        })}
        <fieldset class="choices slots" aria-describedby="err-slot_id">
            <legend>"Choisissez un créneau"</legend>
            <p class="field-error" id="err-slot_id">{error}</p>
            {empty.then(|| view! { <p>"Aucun créneau libre pour le moment. Appelez votre agence : elle vous proposera un rendez-vous."</p> })}
            {choices.days.into_iter().map(|day| {
                let kept = kept.clone();
                view! {
                    <p class="day">{day.day}</p>
                    {day.slots.into_iter().map(|s| {
                        let id = format!("slot-{}", s.id);
                        let how = s.modalities.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join(", ");
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name="slot_id" value=s.id.to_string() checked=kept == s.id.to_string() />
                                <label for=id>
                                    <strong>{format!("{} – {}", s.time, s.end_time)}</strong>
                                    <span class="meta">{format!(" avec {} · {}", s.counsellor, how)}</span>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                }
            }).collect_view()}
        </fieldset>
        <Choices
            action=action
            name="modality"
            legend="Comment voulez-vous faire ce rendez-vous ?".to_string()
            options=Modality::ALL.iter().map(|m| (m.as_str().to_string(), m.label().to_string())).collect()
            selected="sur_place"
        />
        <input type="hidden" name="idempotency_key" value=choices.idempotency_key />
    }
}

#[component]
pub fn BookPage() -> impl IntoView {
    page(
        || booking_choices(None),
        |c| {
            view! {
                <Title text="Prendre rendez-vous — Portail ALI" />
                <h1>"Prendre rendez-vous"</h1>
                <Form action=paths::BOOK check="book" submit="Réserver ce rendez-vous">
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
                <Title text="Mon rendez-vous — Portail ALI" />
                <h1>"Mon rendez-vous"</h1>
                <AppointmentCard a=a />
                {booked.then(|| view! {
                    <p><a href=format!("/rdv/{id}/calendrier.ics") download="rendez-vous.ics">"Ajouter à mon agenda (fichier calendrier)"</a></p>
                })}
                {if can_change {
                    view! {
                        <p>"Vous pouvez déplacer ou annuler ce rendez-vous jusqu'au " {limit} "."</p>
                        <p><a class="btn" href=format!("/rdv/{id}/deplacer")>"Déplacer ce rendez-vous"</a></p>
                        <h2>"Annuler ce rendez-vous"</h2>
                        <Form action=paths::CANCEL check="reason" submit="Annuler le rendez-vous" secondary=true>
                            <input type="hidden" name="appointment_id" value=id.to_string() />
                            <Field action=paths::CANCEL name="reason" label="Pourquoi annulez-vous ?" hint="Quelques mots suffisent, par exemple : « je suis malade »." required=true />
                        </Form>
                    }
                    .into_any()
                } else if booked {
                    view! { <p class="alert alert-info">"Pour changer ce rendez-vous maintenant, appelez votre référent·e."</p> }.into_any()
                } else {
                    view! { <p><a class="btn" href="/rdv/prendre">"Prendre un nouveau rendez-vous"</a></p> }.into_any()
                }}
                <p><a href="/espace">"Retour à mon espace"</a></p>
            }
        },
    )
}

#[component]
pub fn MovePage() -> impl IntoView {
    let id = id_param();
    page(
        move || booking_choices(Some(id)),
        move |c| {
            let current = c.moving.clone();
            view! {
                <Title text="Déplacer mon rendez-vous — Portail ALI" />
                <h1>"Déplacer mon rendez-vous"</h1>
                {current.map(|a| view! { <p>"Rendez-vous actuel : " {a.when}</p> })}
                <Form action=paths::MOVE check="move" submit="Déplacer le rendez-vous">
                    <input type="hidden" name="appointment_id" value=id.to_string() />
                    <SlotPicker action=paths::MOVE choices=c />
                    <Field action=paths::MOVE name="reason" label="Pourquoi déplacez-vous ce rendez-vous ?" hint="Quelques mots suffisent." required=true />
                </Form>
            }
        },
    )
}
