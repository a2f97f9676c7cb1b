//! The browser-side check: an island that runs the shared `validator` rules when a form is
//! submitted, shows the errors next to their fields and keeps what was typed (nothing
//! is sent). Valid forms submit as plain posts, exactly as without JavaScript.
//!
//! The WASM carries no catalogue: the server hands the island the texts of the form
//! messages (`locales/<lang>/forms.ftl`) in the reader's language, as a prop, and the
//! island shows the text of each error's key.

use crate::domain::error::{AppError, FieldError};
use crate::domain::inputs::*;
use leptos::prelude::*;

/// The field errors a form of this kind has, by the same rules as the server.
pub fn validate(kind: &str, urlencoded: &str) -> Vec<FieldError> {
    fn run<T: for<'de> serde::Deserialize<'de> + validator::Validate>(s: &str) -> Vec<FieldError> {
        match parse_and_validate::<T>(s) {
            Err(AppError::Invalid { fields, .. }) => fields,
            _ => Vec::new(),
        }
    }
    match kind {
        "signin" => run::<SignInInput>(urlencoded),
        "code" => run::<CodeInput>(urlencoded),
        "staff" => run::<StaffSignInInput>(urlencoded),
        "book" => run::<BookInput>(urlencoded),
        "move" => {
            let mut e = run::<BookInput>(urlencoded);
            e.extend(run::<ReasonInput>(urlencoded));
            e
        }
        "reason" => run::<ReasonInput>(urlencoded),
        "slot" => run::<SlotInput>(urlencoded),
        "absence" => run::<AbsenceInput>(urlencoded),
        "outcome" => run::<OutcomeInput>(urlencoded),
        "book_series" => {
            let mut e = run::<BookInput>(urlencoded);
            e.extend(run::<SeriesInput>(urlencoded));
            e
        }
        "rules" => run::<BookingRulesInput>(urlencoded),
        "closure" => run::<ClosureInput>(urlencoded),
        "staff_member" => run::<crate::domain::team::StaffInput>(urlencoded),
        "enrol" => run::<crate::domain::enrolment::AllocataireInput>(urlencoded),
        "password" => run::<crate::domain::team::PasswordInput>(urlencoded),
        "change_password" => run::<crate::domain::team::ChangePasswordInput>(urlencoded),
        "workshop" => {
            let mut e = run::<crate::domain::workshop::WorkshopInput>(urlencoded);
            e.extend(run::<SeriesInput>(urlencoded));
            e
        }
        "workshop_edit" => run::<crate::domain::workshop::WorkshopInput>(urlencoded),
        "invite" => run::<crate::domain::workshop::InviteInput>(urlencoded),
        "theme" => run::<crate::domain::workshop::ThemeInput>(urlencoded),
        "step" => run::<crate::domain::pathway::StepInput>(urlencoded),
        "contract" => run::<crate::domain::contract::ContractInput>(urlencoded),
        "exit" => run::<crate::domain::pathway::ExitInput>(urlencoded),
        _ => Vec::new(),
    }
}

/// The keys of the form messages (the same in every language's `forms.ftl`).
fn form_message_keys() -> impl Iterator<Item = &'static str> {
    include_str!("../../locales/fr/forms.ftl")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
}

/// The form messages in the current language, for the island.
pub fn form_messages() -> Vec<(String, String)> {
    form_message_keys()
        .map(|k| (k.to_string(), crate::i18n::t(k)))
        .collect()
}

#[island]
pub fn FormCheck(
    kind: String,
    /// (catalogue key, text) of every form message, in the reader's language.
    messages: Vec<(String, String)>,
    children: Children,
) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(div) = root.get() {
            browser::attach(&div, &kind, messages.clone());
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (kind, messages);
    view! { <div node_ref=root class="form-check">{children()}</div> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::validate;
    use crate::domain::error::FieldError;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{Element, Event, FormData, HtmlElement, HtmlFormElement, UrlSearchParams};

    pub fn attach(root: &web_sys::HtmlDivElement, kind: &str, messages: Vec<(String, String)>) {
        let Some(form) = root.query_selector("form").ok().flatten() else {
            return;
        };
        let form: HtmlFormElement = form.unchecked_into();
        let target = form.clone();
        let kind = kind.to_string();
        let handler = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            let Ok(data) = FormData::new_with_form(&target) else {
                return;
            };
            let Ok(params) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
                return;
            };
            let encoded: String = params.to_string().into();
            let errors = validate(&kind, &encoded);
            show(&target, &errors, &messages);
            if !errors.is_empty() {
                ev.prevent_default();
            }
        });
        let _ = form.add_event_listener_with_callback("submit", handler.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        handler.forget();
    }

    fn all(form: &HtmlFormElement, selector: &str) -> Vec<Element> {
        let mut out = Vec::new();
        if let Ok(list) = form.query_selector_all(selector) {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    out.push(el);
                }
            }
        }
        out
    }

    fn word<'a>(messages: &'a [(String, String)], key: &'a str) -> &'a str {
        messages
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, text)| text.as_str())
            .unwrap_or(key)
    }

    fn show(form: &HtmlFormElement, errors: &[FieldError], messages: &[(String, String)]) {
        for el in all(form, ".field-error") {
            el.set_text_content(None);
        }
        for el in all(form, "[aria-invalid]") {
            let _ = el.remove_attribute("aria-invalid");
        }
        let summary = form.query_selector("[data-summary]").ok().flatten();
        for e in errors {
            if let Some(el) = form
                .query_selector(&format!("#err-{}", e.field))
                .ok()
                .flatten()
            {
                el.set_text_content(Some(word(messages, &e.code)));
            }
            for input in all(form, &format!("[name=\"{}\"]", e.field)) {
                let _ = input.set_attribute("aria-invalid", "true");
            }
        }
        let Some(s) = summary.and_then(|s| s.dyn_into::<HtmlElement>().ok()) else {
            return;
        };
        s.set_text_content(None);
        s.set_hidden(errors.is_empty());
        if errors.is_empty() {
            return;
        }
        // The summary says how many errors and links each to its field, then takes the
        // focus (as the server-rendered summary does without JavaScript).
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let add = |parent: &Element, tag: &str, text: Option<&str>| {
            let el = doc.create_element(tag).ok()?;
            el.set_text_content(text);
            parent.append_child(&el).ok()?;
            Some(el)
        };
        let heading = if errors.len() > 1 {
            "form-summary-many"
        } else {
            "form-summary-one"
        };
        let _ = add(&s, "p", Some(word(messages, heading)));
        if let Some(list) = add(&s, "ul", None) {
            for e in errors {
                if let Some(a) = add(&list, "li", None)
                    .and_then(|li| add(&li, "a", Some(word(messages, &e.code))))
                {
                    let _ = a.set_attribute("href", &format!("#f-{}", e.field));
                }
            }
        }
        let _ = s.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn the_browser_check_finds_the_same_errors_as_the_server() {
        let errors = validate(
            "move",
            "slot_id=&modality=sur_place&idempotency_key=abcdefgh12&reason=",
        );
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["slot_id", "reason"]);
        assert!(validate("signin", "identifier=0612345678").is_empty());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_island_gets_the_text_of_every_key_the_rules_can_give() {
        let messages = super::form_messages();
        let inputs = include_str!("../domain/inputs.rs");
        for (key, text) in &messages {
            assert_ne!(key, text, "{key} has no French text");
        }
        // Every key a rule names is sent to the island.
        for part in inputs.split('"').skip(1).step_by(2) {
            if part.starts_with("form-") {
                assert!(
                    messages.iter().any(|(k, _)| k == part),
                    "{part} is not in forms.ftl"
                );
            }
        }
        assert!(messages.iter().any(|(k, _)| k == "form-summary-one"));
    }
}
