//! The staff pages: sign-in, agenda, slots, caseload, an allocataire's file, messages.

use super::allocataire::SlotPicker;
use super::components::{flash, page, Check, Field, Form};
use crate::api::agenda::{agenda, slots_page};
use crate::api::caseload::{allocataire_file, caseload};
use crate::api::outbox::sent_messages;
use crate::api::paths;
use crate::domain::appointment::AppointmentStatus;
use crate::views::{AppointmentView, Counsellor};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffSignIn() -> impl IntoView {
    view! {
        <Title text="Connexion professionnelle — Portail ALI" />
        <h1>"Connexion professionnelle"</h1>
        <Form action=paths::STAFF_SIGN_IN check="staff" submit="Me connecter">
            <Field action=paths::STAFF_SIGN_IN name="email" label="Adresse e-mail professionnelle" kind="email" autocomplete="username" required=true />
            <Field action=paths::STAFF_SIGN_IN name="password" label="Mot de passe" kind="password" autocomplete="current-password" required=true />
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
            <label for="f-conseiller">"Conseiller·ère"</label>
            <select id="f-conseiller" name="conseiller">
                {all.then(|| view! { <option value="" selected=selected.is_none()>"Toute l'agence"</option> })}
                {counsellors.into_iter().map(|c| {
                    let label = format!("{} ({} suivis)", c.name, c.caseload);
                    view! { <option value=c.id.to_string() selected=selected == Some(c.id)>{label}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="btn btn-secondary">"Afficher"</button>
        </form>
    }
}

/// One appointment on the agenda, with the outcome form while it is still "booked".
#[component]
fn AgendaItem(a: AppointmentView) -> impl IntoView {
    let id = a.id;
    let f = flash();
    let mine = f.value(paths::OUTCOME, "appointment_id") == Some(id.to_string());
    let error = mine.then(|| f.form_error(paths::OUTCOME)).flatten();
    let booked = a.status == "booked";
    let select_id = format!("outcome-{id}");
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
                <a href=format!("/pro/allocataires/{}", a.allocataire_id)>{a.allocataire.clone()}</a>
                " · "{a.modality_label.clone()}" · "{a.counsellor.clone()}
            </p>
            <p class=format!("badge badge-{}", a.status)>{a.status_label.clone()}</p>
            {booked.then(|| view! {
                <form method="post" action=paths::OUTCOME class="inline">
                    {error.map(|e| view! { <p class="alert alert-error" role="alert">{e}</p> })}
                    <input type="hidden" name="appointment_id" value=id.to_string() />
                    <label for=select_id.clone()>"Résultat"</label>
                    <select id=select_id name="outcome">
                        <option value="">"— Choisir —"</option>
                        {options.into_iter().map(|o| view! { <option value=o.as_str()>{o.label()}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="btn btn-secondary">"Enregistrer"</button>
                </form>
            })}
        </li>
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
                <Title text="Agenda — Portail ALI" />
                <h1>"Agenda : " {v.title.clone()}</h1>
                <nav class="pager" aria-label="Période">
                    <a href=format!("/pro/agenda?jour={}{wk}{sel}", v.prev)>"← Précédent"</a>
                    <a href=format!("/pro/agenda?jour={}{sel}", v.date)>"Jour"</a>
                    <a href=format!("/pro/agenda?jour={}&semaine=1{sel}", v.date)>"Semaine"</a>
                    <a href=format!("/pro/agenda?jour={}{wk}{sel}", v.next)>"Suivant →"</a>
                </nav>
                <CounsellorFilter path="/pro/agenda" counsellors=v.counsellors.clone() selected=v.selected all=true extra=extra />
                {v.days.into_iter().map(|d| {
                    let empty = d.appointments.is_empty() && d.free_slots.is_empty();
                    view! {
                        <section class="day-block">
                            <h2>{d.day}</h2>
                            {empty.then(|| view! { <p>"Rien de prévu."</p> })}
                            {(!d.appointments.is_empty()).then(|| view! {
                                <ul class="list">{d.appointments.into_iter().map(|a| view! { <AgendaItem a=a /> }).collect_view()}</ul>
                            })}
                            {(!d.free_slots.is_empty()).then(|| view! {
                                <p class="meta">"Créneaux libres : "
                                    {d.free_slots.iter().map(|s| format!("{} ({})", s.time, s.counsellor)).collect::<Vec<_>>().join(", ")}
                                </p>
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
                <Title text="Créneaux — Portail ALI" />
                <h1>"Créneaux de rendez-vous"</h1>
                {(v.counsellors.len() > 1).then(|| view! { <CounsellorFilter path="/pro/creneaux" counsellors=v.counsellors.clone() selected=Some(v.selected) /> })}
                <h2>"Ouvrir des créneaux"</h2>
                <Form action=paths::OPEN_SLOTS check="slot" submit="Ouvrir">
                    <input type="hidden" name="counsellor_id" value=selected.clone() />
                    <Field action=paths::OPEN_SLOTS name="date" label="Date" kind="date" required=true />
                    <Field action=paths::OPEN_SLOTS name="time" label="Heure de début" kind="time" required=true />
                    <Field action=paths::OPEN_SLOTS name="duration" label="Durée d'un rendez-vous (minutes)" kind="number" value="45" inputmode="numeric" required=true />
                    <Field action=paths::OPEN_SLOTS name="until" label="Heure de fin de la plage (facultatif)" kind="time" hint="Laissez vide pour un seul créneau. Sinon la plage est découpée en créneaux de la durée choisie." />
                    <Field action=paths::OPEN_SLOTS name="weeks" label="Répéter chaque semaine pendant (semaines)" kind="number" value="1" inputmode="numeric" hint="1 : une seule fois. Jusqu'à 12 semaines." />
                    <Field action=paths::OPEN_SLOTS name="location" label="Lieu (facultatif)" hint="Laissez vide : adresse de l'agence." />
                    <fieldset class="choices" aria-describedby="err-modalities">
                        <legend>"Modalités proposées"</legend>
                        <p class="field-error" id="err-modalities">{flash().field_error(paths::OPEN_SLOTS, "modalities")}</p>
                        <Check action=paths::OPEN_SLOTS name="sur_place" label="Sur place" checked=true />
                        <Check action=paths::OPEN_SLOTS name="telephone" label="Par téléphone" checked=true />
                        <Check action=paths::OPEN_SLOTS name="visio" label="En visio" />
                    </fieldset>
                </Form>
                <h2>"Déclarer une absence"</h2>
                <Form action=paths::ABSENCE check="absence" submit="Fermer les créneaux libres de cette période" secondary=true>
                    <input type="hidden" name="counsellor_id" value=selected_for_absence />
                    <Field action=paths::ABSENCE name="from" label="Du" kind="date" required=true />
                    <Field action=paths::ABSENCE name="to" label="Au (inclus)" kind="date" required=true />
                </Form>
                <h2>"Créneaux à venir"</h2>
                {(v.overlaps > 0).then(|| view! {
                    <p class="alert alert-error" role="alert">{format!("{} créneau(x) se chevauchent : vérifiez-les ci-dessous.", v.overlaps)}</p>
                })}
                {v.days.is_empty().then(|| view! { <p>"Aucun créneau ouvert."</p> })}
                {v.days.into_iter().map(|d| view! {
                    <h3>{d.day}</h3>
                    <ul class="list">
                        {d.slots.into_iter().map(|s| {
                            let how = s.modalities.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join(", ");
                            let label = format!("Fermer le créneau de {}", s.time);
                            view! {
                                <li class="item">
                                    <span>{format!("{} – {} · {}", s.time, s.end_time, how)}</span>
                                    {s.booked.then(|| view! { <span class="badge badge-booked">"Réservé"</span> })}
                                    {s.overlap.then(|| view! { <span class="badge badge-late">"Chevauchement"</span> })}
                                    {(!s.booked).then(|| view! {
                                        <form method="post" action=paths::CLOSE_SLOT class="inline">
                                            <input type="hidden" name="slot_id" value=s.id.to_string() />
                                            <button type="submit" class="btn btn-secondary" aria-label=label>"Fermer"</button>
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

#[component]
pub fn Caseload() -> impl IntoView {
    let who = query("conseiller").and_then(|c| c.parse::<i64>().ok());
    page(
        move || caseload(who),
        |v| {
            let total = v.lines.len();
            view! {
                <Title text="Allocataires suivis — Portail ALI" />
                <h1>"Allocataires suivis (file active)"</h1>
                <CounsellorFilter path="/pro/allocataires" counsellors=v.counsellors.clone() selected=v.selected all=true />
                <p>{format!("{total} personne(s). Premier rendez-vous : {} en retard, {} à faire sous 3 jours.", v.late, v.due_soon)}</p>
                <div class="table-wrap">
                    <table>
                        <caption>"Allocataires et délai du premier rendez-vous (15 jours après l'orientation)"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Nom"</th>
                                <th scope="col">"Référent·e"</th>
                                <th scope="col">"Orientation"</th>
                                <th scope="col">"1er RDV avant le"</th>
                                <th scope="col">"Suivi"</th>
                                <th scope="col">"Prochain RDV"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {v.lines.into_iter().map(|l| view! {
                                <tr>
                                    <th scope="row"><a href=format!("/pro/allocataires/{}", l.id)>{l.name}</a></th>
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
            }
        },
    )
}

#[component]
pub fn FilePage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    page(
        move || allocataire_file(id),
        move |v| {
            let f = flash();
            view! {
                <Title text="Dossier allocataire — Portail ALI" />
                <h1>{v.line.name.clone()}</h1>
                <dl class="card">
                    <dt>"N° allocataire"</dt><dd>{v.line.numero.clone()}</dd>
                    <dt>"Contact"</dt><dd>{v.contact.clone()}</dd>
                    <dt>"Référent·e"</dt><dd>{v.line.counsellor.clone()}</dd>
                    <dt>"Orientation"</dt><dd>{v.line.orientation.clone()}</dd>
                    <dt>"Premier rendez-vous"</dt>
                    <dd>{format!("avant le {} — ", v.line.deadline)}<span class=format!("badge badge-{}", v.line.flag)>{v.line.flag_label.clone()}</span></dd>
                </dl>
                <h2>"Rendez-vous"</h2>
                {v.appointments.is_empty().then(|| view! { <p>"Aucun rendez-vous."</p> })}
                <ul class="list">
                    {v.appointments.into_iter().map(|a| {
                        let booked = a.status == "booked";
                        let id = a.id;
                        let mine = f.value(paths::STAFF_CANCEL, "appointment_id") == Some(id.to_string());
                        let error = mine.then(|| f.field_error(paths::STAFF_CANCEL, "reason")).flatten();
                        let rid = format!("reason-{id}");
                        view! {
                            <li class="item">
                                <p><strong>{a.when.clone()}</strong>" · "{a.modality_label.clone()}" · "{a.counsellor.clone()}</p>
                                <p class=format!("badge badge-{}", a.status)>{a.status_label.clone()}</p>
                                {booked.then(|| view! {
                                    <form method="post" action=paths::STAFF_CANCEL class="inline">
                                        <input type="hidden" name="appointment_id" value=id.to_string() />
                                        <label for=rid.clone()>"Motif d'annulation"</label>
                                        {error.map(|e| view! { <p class="field-error">{e}</p> })}
                                        <input id=rid name="reason" type="text" />
                                        <button type="submit" class="btn btn-secondary">"Annuler ce rendez-vous"</button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <h2>"Prendre un rendez-vous pour cette personne"</h2>
                <Form action=paths::BOOK_FOR check="book" submit="Réserver">
                    <input type="hidden" name="allocataire_id" value=id.to_string() />
                    <SlotPicker action=paths::BOOK_FOR choices=v.choices />
                </Form>
            }
        },
    )
}

#[component]
pub fn Messages() -> impl IntoView {
    page(sent_messages, |list| {
        view! {
            <Title text="Messages envoyés — Portail ALI" />
            <h1>"Messages envoyés"</h1>
            <p>"Les SMS et e-mails partis de l'agence (100 derniers)."</p>
            <ul class="list">
                {list.into_iter().map(|m| view! {
                    <li class="item message">
                        <p><strong>{m.subject}</strong>" · "{m.channel}" à "{m.recipient}" · "{m.when}" · "{m.status}</p>
                        <p class="body">{m.body}</p>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}
