//! The agency's team (managers, the admin), one member's page, and passwords: changing
//! one's own, choosing one with a link received by e-mail.

use crate::api::paths;
use crate::api::team::{member, team};
use crate::pages;
use crate::tr;
use crate::ui::components::{flash, page, Field, Form};
use crate::views::MemberView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The role picker of a member form.
#[component]
fn RoleChoice(
    action: &'static str,
    roles: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
) -> impl IntoView {
    let f = flash();
    let error = f.field_error(action, "role");
    let selected = f.value(action, "role").unwrap_or(selected);
    view! {
        <div class="field">
            <label for="f-role">{tr!("team-role")}</label>
            <p class="field-error" id="err-role">{error.clone()}</p>
            <select id="f-role" name="role" aria-describedby="err-role" aria-invalid=error.is_some().then_some("true")>
                {roles.into_iter().map(|(value, label)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn Team() -> impl IntoView {
    page(team, |v| {
        let roles = v.roles.clone();
        view! {
            <Title text=tr!("team-title") />
            <h1>{tr!("team-heading", agency = &v.agency)}</h1>
            <div class="table-wrap" tabindex="0" role="region" aria-label=tr!("team-caption")>
                <table>
                    <caption>{tr!("team-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr!("team-col-name")}</th>
                            <th scope="col">{tr!("team-col-role")}</th>
                            <th scope="col">{tr!("team-col-contact")}</th>
                            <th scope="col">{tr!("team-col-last-sign-in")}</th>
                            <th scope="col">{tr!("team-col-state")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {v.members.into_iter().map(|m| view! {
                            <tr>
                                <th scope="row">
                                    {if m.manageable {
                                        view! { <a href=pages::member(m.id) translate="no">{m.name.clone()}</a> }.into_any()
                                    } else {
                                        view! { <span translate="no">{m.name.clone()}</span> }.into_any()
                                    }}
                                </th>
                                <td>{m.role_label.clone()}" · "{m.title.clone()}</td>
                                <td>{m.email.clone()}{(!m.phone.is_empty()).then(|| format!(" · {}", m.phone))}</td>
                                <td>{m.last_sign_in.clone().unwrap_or_else(|| tr!("team-never-signed-in"))}</td>
                                <td>{if m.disabled { tr!("team-state-disabled") } else { tr!("team-state-active") }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h2>{tr!("team-add-heading")}</h2>
            <p>{tr!("team-add-intro")}</p>
            <Form action=paths::ADD_MEMBER check="staff_member" submit=tr!("team-add-submit")>
                <Field action=paths::ADD_MEMBER name="first_name" label=tr!("team-first-name") autocomplete="off" required=true />
                <Field action=paths::ADD_MEMBER name="last_name" label=tr!("team-last-name") autocomplete="off" required=true />
                <Field action=paths::ADD_MEMBER name="email" label=tr!("team-email") kind="email" autocomplete="off" required=true />
                <Field action=paths::ADD_MEMBER name="title" label=tr!("team-job-title") hint=tr!("team-job-title-hint") required=true />
                <Field action=paths::ADD_MEMBER name="phone" label=tr!("team-phone") kind="tel" />
                <RoleChoice action=paths::ADD_MEMBER roles=roles />
            </Form>
        }
    })
}

#[component]
pub fn MemberPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    page(
        move || member(id),
        |m: MemberView| {
            let roles = m.roles.clone();
            let (toggle, toggle_label) = if m.disabled {
                (paths::ENABLE_MEMBER, tr!("team-enable"))
            } else {
                (paths::DISABLE_MEMBER, tr!("team-disable"))
            };
            let (id_edit, id_link, id_toggle) =
                (m.id.to_string(), m.id.to_string(), m.id.to_string());
            view! {
                <Title text=tr!("team-member-title") />
                <h1 translate="no">{m.name.clone()}</h1>
                <p>{tr!("team-member-sign-in", email = &m.email)}</p>
                <p>{m.last_sign_in.clone().map(|w| tr!("team-member-last-sign-in", when = w)).unwrap_or_else(|| tr!("team-never-signed-in"))}</p>
                <h2>{tr!("team-edit-heading")}</h2>
                <Form action=paths::EDIT_MEMBER check="staff_member" submit=tr!("team-edit-submit")>
                    <input type="hidden" name="member_id" value=id_edit />
                    <input type="hidden" name="email" value=m.email.clone() />
                    <Field action=paths::EDIT_MEMBER name="first_name" label=tr!("team-first-name") value=m.first_name.clone() required=true />
                    <Field action=paths::EDIT_MEMBER name="last_name" label=tr!("team-last-name") value=m.last_name.clone() required=true />
                    <Field action=paths::EDIT_MEMBER name="title" label=tr!("team-job-title") value=m.title.clone() required=true />
                    <Field action=paths::EDIT_MEMBER name="phone" label=tr!("team-phone") kind="tel" value=m.phone.clone() />
                    <RoleChoice action=paths::EDIT_MEMBER roles=roles selected=m.role.clone() />
                </Form>
                <h2>{tr!("team-access-heading")}</h2>
                <p>{tr!("team-access-intro")}</p>
                {(!m.disabled).then(|| view! {
                    <form method="post" action=paths::SEND_PASSWORD_LINK class="inline">
                        <input type="hidden" name="member_id" value=id_link />
                        <button type="submit" class="btn btn-secondary">{tr!("team-send-link")}</button>
                    </form>
                })}
                <form method="post" action=toggle class="inline">
                    <input type="hidden" name="member_id" value=id_toggle />
                    <button type="submit" class="btn btn-secondary">{toggle_label}</button>
                </form>
                <p><a href=pages::TEAM>{tr!("team-back")}</a></p>
            }
        },
    )
}

#[component]
pub fn ChangePassword() -> impl IntoView {
    view! {
        <Title text=tr!("team-password-title") />
        <h1>{tr!("team-password-heading")}</h1>
        <p>{tr!("team-password-rule")}</p>
        <Form action=paths::CHANGE_PASSWORD check="change_password" submit=tr!("team-password-submit")>
            <Field action=paths::CHANGE_PASSWORD name="current" label=tr!("team-password-current") kind="password" autocomplete="current-password" required=true />
            <Field action=paths::CHANGE_PASSWORD name="password" label=tr!("team-password-new") kind="password" autocomplete="new-password" required=true />
            <Field action=paths::CHANGE_PASSWORD name="confirm" label=tr!("team-password-confirm") kind="password" autocomplete="new-password" required=true />
        </Form>
    }
}

#[component]
pub fn ChoosePassword() -> impl IntoView {
    view! {
        <Title text=tr!("team-choose-title") />
        <h1>{tr!("team-choose-heading")}</h1>
        <p>{tr!("team-password-rule")}</p>
        <Form action=paths::CHOOSE_PASSWORD check="password" submit=tr!("team-choose-submit")>
            <Field action=paths::CHOOSE_PASSWORD name="password" label=tr!("team-password-new") kind="password" autocomplete="new-password" required=true />
            <Field action=paths::CHOOSE_PASSWORD name="confirm" label=tr!("team-password-confirm") kind="password" autocomplete="new-password" required=true />
        </Form>
        <p><a href=pages::STAFF_SIGN_IN>{tr!("team-choose-sign-in")}</a></p>
    }
}
