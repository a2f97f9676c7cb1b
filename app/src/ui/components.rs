//! The small component set: form, field with error, choice groups, alerts. Accessible by
//! construction: every control has a label, errors are tied with aria-describedby, the
//! form-level message is a live region.

use crate::domain::error::AppError;
use crate::flash::Flash;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page of slots the address asks for (`?page=2&tous=1`).
pub fn slot_paging() -> crate::views::SlotPaging {
    leptos_router::hooks::use_query_map().with_untracked(|q| crate::views::SlotPaging {
        page: q
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
            .min(100),
        all: q.get("tous").is_some_and(|v| v == "1"),
    })
}

/// A page's address with its query (`?a=1&b=x`), values encoded, empty ones left out.
pub fn href_with(path: &str, params: &[(&str, String)]) -> String {
    let kept: Vec<(&str, &str)> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    match serde_urlencoded::to_string(&kept) {
        Ok(q) if !q.is_empty() => format!("{path}?{q}"),
        _ => path.to_string(),
    }
}

pub fn flash() -> Flash {
    use_context::<Flash>().unwrap_or_default()
}

/// The value to show in a field: what was typed before a failed post, else `default`.
pub fn kept(action: &str, field: &str, default: impl Into<String>) -> String {
    flash()
        .value(action, field)
        .unwrap_or_else(|| default.into())
}

/// The notice left by the previous action (already in the reader's language).
#[component]
pub fn Notice() -> impl IntoView {
    flash()
        .notice
        .map(|n| view! { <div class="alert alert-ok" role="status">{n}</div> })
}

/// A form posting to a server function. Works as a plain HTML form; the `check` island
/// validates in the browser first when JavaScript is there. A form without `check` keeps
/// the browser's own checks (`required`, `maxlength`) for pages that load no WASM.
#[component]
pub fn Form(
    action: &'static str,
    /// Which shared validation rules the browser runs ("" for none).
    #[prop(optional)]
    check: &'static str,
    #[prop(into)] submit: String,
    #[prop(optional)] secondary: bool,
    #[prop(optional, into)] class: String,
    /// `multipart/form-data` for a file upload.
    #[prop(optional)]
    enctype: &'static str,
    children: Children,
) -> impl IntoView {
    let f = flash();
    let error = f.form_error(action);
    let fields = f.field_errors(action);
    let has_error = error.is_some();
    // The summary lists each field's error as a link to the field (`f-<name>`), and takes
    // the focus when the page opens (the island does the same in the browser).
    let form = view! {
        <form method="post" action=action enctype=(!enctype.is_empty()).then_some(enctype) novalidate=(!check.is_empty()).then_some("") class=format!("form {class}")>
            <div class="alert alert-error" role="alert" data-summary="" tabindex="-1" autofocus=has_error hidden=!has_error>
                <p>{error}</p>
                {(!fields.is_empty()).then(|| view! {
                    <ul>
                        {fields.into_iter().map(|e| view! {
                            <li><a href=format!("#f-{}", e.field)>{e.message}</a></li>
                        }).collect_view()}
                    </ul>
                })}
            </div>
            {children()}
            <button type="submit" class=if secondary { "btn btn-secondary" } else { "btn" }>{submit}</button>
        </form>
    };
    if check.is_empty() {
        form.into_any()
    } else {
        view! {
            <super::check::FormCheck kind=check.to_string() messages=super::check::form_messages(check)>
                {form}
            </super::check::FormCheck>
        }
        .into_any()
    }
}

/// A labelled input with its hint and error.
#[component]
pub fn Field(
    action: &'static str,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error = flash().field_error(action, name);
    let invalid = error.is_some();
    let value = if kind == "password" {
        String::new()
    } else {
        kept(action, name, value)
    };
    let id = format!("f-{name}");
    let described = if hint.is_empty() {
        format!("err-{name}")
    } else {
        format!("hint-{name} err-{name}")
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=format!("hint-{name}")>{hint}</p> })}
            <p class="field-error" id=format!("err-{name}")>{error}</p>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                aria-describedby=described
                aria-invalid=invalid.then_some("true")
                required=required
            />
        </div>
    }
}

/// A labelled drop-down list with its error, keeping the choice made before an error.
#[component]
pub fn Select(
    action: &'static str,
    name: &'static str,
    #[prop(into)] label: String,
    /// (value, label); an empty first option when nothing is chosen yet.
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(optional, into)] placeholder: String,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error = flash().field_error(action, name);
    let invalid = error.is_some();
    let selected = kept(action, name, selected);
    let id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            <p class="field-error" id=format!("err-{name}")>{error}</p>
            <select id=id name=name required=required aria-describedby=format!("err-{name}") aria-invalid=invalid.then_some("true")>
                {(!placeholder.is_empty()).then(|| view! { <option value="" selected=selected.is_empty()>{placeholder.clone()}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let on = value == selected;
                    view! { <option value=value selected=on>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A labelled multi-line text with its hint and error.
#[component]
pub fn TextArea(
    action: &'static str,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: String,
    #[prop(optional, into)] value: String,
    /// The browser's own checks (pages without the check island).
    #[prop(optional)]
    required: bool,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let error = flash().field_error(action, name);
    let invalid = error.is_some();
    let value = kept(action, name, value);
    let id = format!("f-{name}");
    let described = if hint.is_empty() {
        format!("err-{name}")
    } else {
        format!("hint-{name} err-{name}")
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=format!("hint-{name}")>{hint}</p> })}
            <p class="field-error" id=format!("err-{name}")>{error}</p>
            <textarea id=id name=name rows="4" required=required maxlength=maxlength.map(|m| m.to_string()) aria-describedby=described aria-invalid=invalid.then_some("true")>{value}</textarea>
        </div>
    }
}

/// A group of radio buttons or checkboxes in a fieldset with a legend.
#[component]
pub fn Choices(
    action: &'static str,
    name: &'static str,
    #[prop(into)] legend: String,
    /// (value, label)
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(optional, into)] hint: String,
) -> impl IntoView {
    let error = flash().field_error(action, name);
    let selected = kept(action, name, selected);
    view! {
        <fieldset class="choices" id=format!("f-{name}") tabindex="-1" aria-describedby=format!("err-{name}")>
            <legend>{legend}</legend>
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <p class="field-error" id=format!("err-{name}")>{error}</p>
            {options
                .into_iter()
                .map(|(value, label)| {
                    let id = format!("{name}-{value}");
                    let checked = value == selected;
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name=name value=value checked=checked />
                            <label for=id>{label}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A checkbox (value "on" when ticked).
#[component]
pub fn Check(
    action: &'static str,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] checked: bool,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let f = flash();
    let checked = if f.for_action(action) {
        f.value(action, name).is_some()
    } else {
        checked
    };
    let id = format!("f-{name}");
    view! {
        <div class="choice">
            <input type="checkbox" id=id.clone() name=name checked=checked required=required />
            <label for=id>{label}</label>
        </div>
    }
}

/// A page-level error (page not found, not allowed…). Sets the HTTP status on the server.
pub fn error_view(e: AppError) -> AnyView {
    #[cfg(feature = "ssr")]
    {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                http::StatusCode::from_u16(e.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
        if e == AppError::NotSignedIn {
            leptos_axum::redirect(crate::pages::SIGN_IN);
        }
    }
    // One wording for « does not exist » and « not yours » (no leak), with what to do next.
    let (title, next) = match e {
        AppError::NotFound => (tr!("error-title-not-found"), tr!("error-next-not-found")),
        AppError::Forbidden => (tr!("error-title-forbidden"), tr!("error-next-forbidden")),
        AppError::NotSignedIn => (tr!("error-title-signed-out"), tr!("error-next-signed-out")),
        _ => (tr!("error-title-other"), tr!("error-next-other")),
    };
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <div class="alert alert-error" role="alert">
            <p>{e.to_string()}</p>
        </div>
        <p>{next}</p>
        <p><a class="btn" href=crate::pages::HOME>{tr!("common-back-home")}</a></p>
    }
    .into_any()
}

/// Loads page data through a server function and renders it (or the error).
pub fn page<T, Fut, V>(
    load: impl Fn() -> Fut + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView
where
    T: Send + Sync + Clone + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let data = Resource::new_blocking(|| (), move |_| load());
    view! {
        <Suspense fallback=|| view! { <p>{tr!("common-loading")}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => render(d).into_any(),
                        Err(e) => error_view(e),
                    }
                })
            }}
        </Suspense>
    }
}
