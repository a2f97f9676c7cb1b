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

/// One input type's rules, as the check runs them.
#[derive(Clone, Copy)]
struct Rules {
    /// The field errors of a form post.
    validate: fn(&str) -> Vec<FieldError>,
    /// The type's fields, every one empty (`a=&b=`), to know its field names (on the
    /// server only: the WASM carries no serialiser).
    #[cfg(feature = "ssr")]
    blank: fn() -> String,
}

fn rules<T>() -> Rules
where
    T: for<'de> serde::Deserialize<'de> + serde::Serialize + Default + validator::Validate,
{
    fn run<T: for<'de> serde::Deserialize<'de> + validator::Validate>(s: &str) -> Vec<FieldError> {
        match parse_and_validate::<T>(s) {
            Err(AppError::Invalid { fields, .. }) => fields,
            _ => Vec::new(),
        }
    }
    Rules {
        validate: run::<T>,
        #[cfg(feature = "ssr")]
        blank: || serde_urlencoded::to_string(T::default()).unwrap_or_default(),
    }
}

/// The input types a form of this kind posts.
fn kind_rules(kind: &str) -> Vec<Rules> {
    use crate::domain::{contract, enrolment, pathway, team, workshop};
    match kind {
        "signin" => vec![rules::<SignInInput>()],
        "code" => vec![rules::<CodeInput>()],
        "staff" => vec![rules::<StaffSignInInput>()],
        "book" => vec![rules::<BookInput>()],
        "move" => vec![rules::<BookInput>(), rules::<ReasonInput>()],
        "reason" => vec![rules::<ReasonInput>()],
        "slot" => vec![rules::<SlotInput>()],
        "absence" => vec![rules::<AbsenceInput>()],
        "outcome" => vec![rules::<OutcomeInput>()],
        "book_series" => vec![rules::<BookInput>(), rules::<SeriesInput>()],
        "rules" => vec![rules::<BookingRulesInput>()],
        "closure" => vec![rules::<ClosureInput>()],
        "staff_member" => vec![rules::<team::StaffInput>()],
        "enrol" => vec![rules::<enrolment::AllocataireInput>()],
        "password" => vec![rules::<team::PasswordInput>()],
        "change_password" => vec![rules::<team::ChangePasswordInput>()],
        "workshop" => vec![rules::<workshop::WorkshopInput>(), rules::<SeriesInput>()],
        "workshop_edit" => vec![rules::<workshop::WorkshopInput>()],
        "invite" => vec![rules::<workshop::InviteInput>()],
        "theme" => vec![rules::<workshop::ThemeInput>()],
        "step" => vec![rules::<pathway::StepInput>()],
        "contract" => vec![rules::<contract::ContractInput>()],
        _ => Vec::new(),
    }
}

/// The field errors a form of this kind has, by the same rules as the server.
pub fn validate(kind: &str, urlencoded: &str) -> Vec<FieldError> {
    kind_rules(kind)
        .iter()
        .flat_map(|r| (r.validate)(urlencoded))
        .collect()
}

/// Every kind a form may name.
#[cfg(feature = "ssr")]
pub const KINDS: [&str; 22] = [
    "signin",
    "code",
    "staff",
    "book",
    "move",
    "reason",
    "slot",
    "absence",
    "outcome",
    "book_series",
    "rules",
    "closure",
    "staff_member",
    "enrol",
    "password",
    "change_password",
    "workshop",
    "workshop_edit",
    "invite",
    "theme",
    "step",
    "contract",
];

/// Messages of cross-field rules that only a coherent form reaches (the probes below
/// leave other fields empty, so they never get there).
#[cfg(feature = "ssr")]
fn cross_field_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "book_series" => &["form-series-incomplete"],
        "workshop" => &["form-series-incomplete", "form-workshop-place-required"],
        "workshop_edit" => &["form-workshop-place-required"],
        "enrol" => &["form-contact-required"],
        "password" | "change_password" => &["form-password-mismatch"],
        "step" => &["form-step-object-diagnostic", "form-step-end-before-start"],
        "contract" => &["form-contract-hours-range"],
        _ => &[],
    }
}

/// The messages a form of this kind can show: what its rules answer to every field
/// given, one at a time, each of a set of wrong values (and to all fields at once),
/// plus its cross-field messages and the summary's. Worked out once per kind.
#[cfg(feature = "ssr")]
pub fn message_keys(kind: &str) -> Vec<String> {
    use std::collections::{BTreeSet, HashMap};
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<String, Vec<String>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(keys) = cache.lock().ok().and_then(|c| c.get(kind).cloned()) {
        return keys;
    }
    let long = "a".repeat(5001);
    let wrong: [&str; 20] = [
        "",
        " ",
        "x",
        "ab",
        "0",
        "1",
        "-1",
        "13",
        "99",
        "100000",
        &long,
        "x\u{7}y",
        "2000-01-01",
        "2999-12-31",
        "31/02/2026",
        "25:61",
        "a@",
        "on",
        "06 12",
        "javascript:x",
    ];
    let rules = kind_rules(kind);
    let fields: BTreeSet<String> = rules
        .iter()
        .flat_map(|r| {
            serde_urlencoded::from_str::<Vec<(String, String)>>(&(r.blank)()).unwrap_or_default()
        })
        .map(|(name, _)| name)
        .collect();
    let mut keys: BTreeSet<String> = [
        "form-summary-one",
        "form-summary-many",
        "form-invalid-value",
    ]
    .iter()
    .chain(cross_field_keys(kind))
    .map(|k| k.to_string())
    .collect();
    let mut probe = |pairs: Vec<(&str, &str)>| {
        let form = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        keys.extend(validate(kind, &form).into_iter().map(|e| e.code));
    };
    for value in wrong {
        probe(fields.iter().map(|f| (f.as_str(), value)).collect());
        for field in &fields {
            probe(vec![(field.as_str(), value)]);
        }
    }
    let keys: Vec<String> = keys.into_iter().collect();
    if let Ok(mut c) = cache.lock() {
        c.insert(kind.to_string(), keys.clone());
    }
    keys
}

/// The keys of the form messages (the same in every language's `forms.ftl`).
#[cfg(feature = "ssr")]
fn form_message_keys() -> impl Iterator<Item = &'static str> {
    include_str!("../../locales/fr/forms.ftl")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
}

/// The messages a form of this kind can show, in the current language, for the island.
#[cfg(feature = "ssr")]
pub fn form_messages(kind: &str) -> Vec<(String, String)> {
    let keys = message_keys(kind);
    form_message_keys()
        .filter(|k| keys.iter().any(|m| m == k))
        .map(|k| (k.to_string(), crate::i18n::t(k)))
        .collect()
}

/// Outside the server the island receives its messages as props.
#[cfg(not(feature = "ssr"))]
pub fn form_messages(_kind: &str) -> Vec<(String, String)> {
    Vec::new()
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

    /// A message's text; one the form was not given reads as the generic message.
    fn word<'a>(messages: &'a [(String, String)], key: &'a str) -> &'a str {
        let find = |key: &str| {
            messages
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, text)| text.as_str())
        };
        find(key)
            .or_else(|| find("form-invalid-value"))
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
    fn each_form_gets_the_words_its_rules_can_give_and_no_others() {
        use super::{form_messages, message_keys, KINDS};
        let all: Vec<String> = KINDS.iter().flat_map(|k| message_keys(k)).collect();
        // Every rule's message (in any domain file) is given to some form.
        let sources = [
            include_str!("../domain/inputs.rs"),
            include_str!("../domain/team.rs"),
            include_str!("../domain/enrolment.rs"),
            include_str!("../domain/workshop.rs"),
            include_str!("../domain/pathway.rs"),
            include_str!("../domain/contract.rs"),
            include_str!("../domain/outreach.rs"),
        ];
        // Messages the server alone gives (a malformed post, an expired form), and those of
        // « Mon parcours », a page without WASM whose fields the browser itself checks
        // (`required`, `maxlength`).
        let server_only = [
            "form-bad-request",
            "form-expired",
            "form-weeks-range",
            "form-contract-comment-length",
            "form-contract-accept-required",
            "form-wishes-length",
            "form-request-kind-required",
            "form-request-reason-length",
            // Forms kept out of the island to hold the WASM under 100 KB (the answer to a
            // request, a contact attempt, a grouped message, the exit): the server's
            // rules alone, the browser's `required` for comfort.
            "form-answer-decision-required",
            "form-answer-length",
            "form-contact-channel-required",
            "form-contact-note-length",
            "form-outreach-template-required",
            "form-outreach-channel-required",
            "form-exit-reason-required",
            "form-exit-referral-required",
            "form-exit-recommendation-length",
        ];
        for src in sources {
            let test_part = src.find("#[cfg(test)]").unwrap_or(src.len());
            for part in src[..test_part].split('"').skip(1).step_by(2) {
                if part.starts_with("form-") && part.len() > 6 && !server_only.contains(&part) {
                    assert!(
                        all.iter().any(|k| k == part),
                        "{part} reaches no form's island"
                    );
                }
            }
        }
        for kind in KINDS {
            let messages = form_messages(kind);
            for (key, text) in &messages {
                assert_ne!(key, text, "{key} has no French text");
            }
            assert!(
                messages.iter().any(|(k, _)| k == "form-summary-one"),
                "{kind}"
            );
        }
        // A form gets its own words only: the booking form none of the workshop's.
        let book = message_keys("book");
        assert!(book.iter().any(|k| k == "form-slot-required"));
        assert!(
            !book.iter().any(|k| k.starts_with("form-workshop-")),
            "{book:?}"
        );
        let contract = message_keys("contract");
        assert!(contract.iter().any(|k| k == "form-contract-duration-range"));
        assert!(
            !contract.iter().any(|k| k == "form-slot-required"),
            "{contract:?}"
        );
    }
}
