//! Enrolling a person by hand (before the monthly orientation file).

use crate::api::enrolment::enrol_form;
use crate::api::paths;
use crate::tr;
use crate::ui::components::{flash, page, Field, Form};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn EnrolPage() -> impl IntoView {
    page(enrol_form, |v| {
        let f = flash();
        let kept = f.value(paths::ENROL, "counsellor_id").unwrap_or_default();
        let error = f.field_error(paths::ENROL, "counsellor_id");
        view! {
            <Title text=tr!("enrol-title") />
            <h1>{tr!("enrol-heading")}</h1>
            <p>{tr!("enrol-intro")}</p>
            <Form action=paths::ENROL check="enrol" submit=tr!("enrol-submit")>
                <Field action=paths::ENROL name="numero" label=tr!("enrol-numero") inputmode="numeric" autocomplete="off" required=true />
                <Field action=paths::ENROL name="first_name" label=tr!("team-first-name") autocomplete="off" required=true />
                <Field action=paths::ENROL name="last_name" label=tr!("team-last-name") autocomplete="off" required=true />
                <Field action=paths::ENROL name="phone" label=tr!("enrol-phone") hint=tr!("enrol-contact-hint") kind="tel" autocomplete="off" />
                <Field action=paths::ENROL name="email" label=tr!("enrol-email") kind="email" autocomplete="off" />
                <Field action=paths::ENROL name="orientation_date" label=tr!("enrol-orientation") kind="date" required=true />
                <div class="field">
                    <label for="f-counsellor_id">{tr!("enrol-referent")}</label>
                    <p class="field-error" id="err-counsellor_id">{error.clone()}</p>
                    <select id="f-counsellor_id" name="counsellor_id" aria-describedby="err-counsellor_id" aria-invalid=error.is_some().then_some("true")>
                        <option value="">{tr!("enrol-referent-later")}</option>
                        {v.counsellors.into_iter().map(|(id, name)| {
                            let chosen = kept == id.to_string();
                            view! { <option value=id.to_string() selected=chosen>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </Form>
        }
    })
}
