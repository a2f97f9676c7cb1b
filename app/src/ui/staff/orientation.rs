//! The monthly orientation file: upload, preview, confirmation, letters; and the commune
//! → agency table (the admin).

use super::super::components::{flash, page, Form, Select};
use crate::api::orientation::{communes, orientation_page, orientation_preview};
use crate::api::paths;
use crate::pages;
use crate::tr;
use crate::views::{ChangeLine, PersonLine, RejectLine};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OrientationPage() -> impl IntoView {
    page(orientation_page, |v| {
        let f = flash();
        let error = f.field_error(pages::ORIENTATION_UPLOAD, "file");
        let columns = v.columns.join(" ; ");
        view! {
            <Title text=tr!("orientation-title") />
            <h1>{tr!("orientation-heading")}</h1>
            <p>{tr!("orientation-intro", scope = v.scope.as_str())}</p>
            <h2>{tr!("orientation-format-heading")}</h2>
            <p>{tr!("orientation-format")}</p>
            <p><code>{columns}</code></p>
            <ul>
                <li>{tr!("orientation-format-dates")}</li>
                <li>{tr!("orientation-format-kind")}</li>
                <li>{tr!("orientation-format-agency")}</li>
                <li>{tr!("orientation-format-empty")}</li>
            </ul>
            {v.communes_link.then(|| view! { <p><a href=pages::COMMUNES>{tr!("orientation-communes-link")}</a></p> })}
            <h2>{tr!("orientation-upload-heading")}</h2>
            <Form action=pages::ORIENTATION_UPLOAD submit=tr!("orientation-upload-submit") enctype="multipart/form-data">
                <div class="field">
                    <label for="f-file">{tr!("orientation-upload-label")}</label>
                    <p class="hint" id="hint-file">{tr!("orientation-upload-hint")}</p>
                    <p class="field-error" id="err-file">{error.clone()}</p>
                    <input id="f-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="hint-file err-file" aria-invalid=error.is_some().then_some("true") />
                </div>
            </Form>
            <h2>{tr!("orientation-latest-heading")}</h2>
            {v.imports.is_empty().then(|| view! { <p>{tr!("orientation-latest-none")}</p> })}
            <ul class="list">
                {v.imports.into_iter().map(|i| view! {
                    <li class="item">
                        <p><a href=pages::orientation_import(i.id)>{i.file_name}</a></p>
                        <p class="hint">{i.uploaded}" · "{i.status}</p>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

fn people(list: Vec<PersonLine>, label: String) -> impl IntoView {
    let caption = label.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table>
                <caption class="sr-only">{caption}</caption>
                <thead><tr>
                    <th scope="col">{tr!("orientation-col-numero")}</th>
                    <th scope="col">{tr!("orientation-col-name")}</th>
                    <th scope="col">{tr!("orientation-col-agency")}</th>
                    <th scope="col">{tr!("orientation-col-date")}</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|p| view! {
                        <tr>
                            <td>{p.numero}</td>
                            <td>{match p.file {
                                Some(href) => view! { <a href=href>{p.name}</a> }.into_any(),
                                None => p.name.into_any(),
                            }}</td>
                            <td>{p.agency}</td>
                            <td>{p.orientation_date}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn changes(list: Vec<ChangeLine>) -> impl IntoView {
    view! {
        <ul class="list">
            {list.into_iter().map(|c| view! {
                <li class="item">
                    <p><strong>{c.person.name}</strong>" · "{c.person.numero}</p>
                    <ul>{c.changes.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </li>
            }).collect_view()}
        </ul>
    }
}

fn rejected(list: Vec<RejectLine>, label: String) -> impl IntoView {
    let caption = label.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table>
                <caption class="sr-only">{caption}</caption>
                <thead><tr>
                    <th scope="col">{tr!("orientation-col-line")}</th>
                    <th scope="col">{tr!("orientation-col-numero")}</th>
                    <th scope="col">{tr!("orientation-col-reasons")}</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.line}</td>
                            <td>{r.numero}</td>
                            <td>{r.reasons.join(" ; ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A section of the preview: its heading with its count, its first lines.
fn section(heading: String, count: usize, shown: usize, body: AnyView) -> impl IntoView {
    view! {
        <h2>{heading}</h2>
        {(count == 0).then(|| view! { <p>{tr!("orientation-section-none")}</p> })}
        {(count > 0).then_some(body)}
        {(count > shown).then(|| view! { <p class="hint">{tr!("orientation-section-more", n = count - shown)}</p> })}
    }
}

#[component]
pub fn OrientationImportPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    page(
        move || orientation_preview(id),
        |v| {
            let shown = v.shown;
            view! {
                <Title text=tr!("orientation-preview-title") />
                <h1>{tr!("orientation-preview-heading", file = v.file_name.as_str())}</h1>
                <p class="hint">{tr!("orientation-preview-meta", when = v.uploaded.as_str(), rows = v.rows, encoding = v.encoding.as_str())}</p>
                <p><a href=pages::ORIENTATION>{tr!("orientation-back")}</a></p>
                {match v.applied {
                    Some(summary) => view! {
                        <p role="status">{summary}</p>
                        {(v.letters > 0).then(|| view! {
                            <p><a href=pages::orientation_letters(v.id) download="">{tr!("orientation-letters-link", n = v.letters)}</a></p>
                        })}
                    }.into_any(),
                    None => view! {
                        <p role="status">{tr!("orientation-preview-summary", new = v.new_count, changed = v.changed_count, unchanged = v.unchanged_count, gone = v.gone_count, rejected = v.rejected_count)}</p>
                        <Form action=paths::APPLY_ORIENTATION submit=tr!("orientation-apply-submit")>
                            <input type="hidden" name="import_id" value=v.id.to_string() />
                            <p>{tr!("orientation-apply-explain")}</p>
                        </Form>
                        {section(tr!("orientation-new-heading", n = v.new_count), v.new_count, shown, people(v.new, tr!("orientation-new-caption")).into_any())}
                        {section(tr!("orientation-changed-heading", n = v.changed_count), v.changed_count, shown, changes(v.changed).into_any())}
                        {section(tr!("orientation-gone-heading", n = v.gone_count), v.gone_count, shown, view! {
                            <p>{tr!("orientation-gone-explain")}</p>
                            {people(v.gone, tr!("orientation-gone-caption"))}
                        }.into_any())}
                        {section(tr!("orientation-rejected-heading", n = v.rejected_count), v.rejected_count, shown, rejected(v.rejected, tr!("orientation-rejected-caption")).into_any())}
                    }.into_any(),
                }}
            }
        },
    )
}

#[component]
pub fn Communes() -> impl IntoView {
    page(communes, |v| {
        let agencies: Vec<(String, String)> = v
            .agencies
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone()))
            .collect();
        view! {
            <Title text=tr!("communes-title") />
            <h1>{tr!("communes-heading")}</h1>
            <p>{tr!("communes-intro")}</p>
            <p><a href=pages::ORIENTATION>{tr!("orientation-back")}</a></p>
            <h2>{tr!("communes-set-heading")}</h2>
            <Form action=paths::SET_COMMUNE submit=tr!("communes-submit")>
                <super::super::components::Field action=paths::SET_COMMUNE name="commune" label=tr!("communes-field-commune") hint=tr!("communes-field-commune-hint") autocomplete="off" required=true />
                <Select action=paths::SET_COMMUNE name="agency_id" label=tr!("communes-field-agency") options=agencies placeholder=tr!("pathway-choose") required=true />
            </Form>
            <div class="table-wrap">
                <table>
                    <caption>{tr!("communes-caption", n = v.communes.len())}</caption>
                    <thead><tr>
                        <th scope="col">{tr!("communes-col-commune")}</th>
                        <th scope="col">{tr!("communes-col-agency")}</th>
                    </tr></thead>
                    <tbody>
                        {v.communes.into_iter().map(|c| view! {
                            <tr><td>{c.name}</td><td>{c.agency}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}
