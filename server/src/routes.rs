//! Routes outside the Leptos pages: the server-function endpoint wrapper, health check,
//! invitation links and calendar files.

use crate::middleware::{plain, request_lang, say};
use app::domain::error::AppError;
use app::flash::{Flash, SECRET_FIELDS};
use app::i18n::Lang;
use app::pages;
use app::server::ctx::{CurrentActor, FEEDBACK_KEY, FLASH_KEY, INVITATION_KEY, RESET_KEY};
use app::server::services::{appointments, exports, orientation, pathways, workshops, AppState};
use app::views::Done;
use axum::body::{to_bytes, Body};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use std::collections::HashMap;
use std::sync::LazyLock;
use tower_sessions::Session;

const MAX_RESPONSE: usize = 8 * 1024 * 1024;

fn header_str(req: &Request, name: header::HeaderName) -> &str {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The page a form came from (path and query only: never another site).
fn back_path(referer: &str) -> String {
    referer
        .parse::<axum::http::Uri>()
        .ok()
        .and_then(|u| u.path_and_query().map(|p| p.as_str().to_string()))
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".into())
}

/// The methods of each server function's path, as leptos_axum registered them.
static SERVER_FNS: LazyLock<HashMap<&'static str, Vec<Method>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<Method>> = HashMap::new();
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        map.entry(path).or_default().push(method);
    }
    // The one `/api/` route that is not a server function: a survey section's answers,
    // whose fields are the survey's questions (the same no-JS wrapper serves it).
    map.entry(app::api::paths::SURVEY_SECTION)
        .or_default()
        .push(Method::POST);
    map
});

/// What `/api/` answers before any server function runs, in French and without an error
/// log (these are mistakes of the caller, not of the server): an unknown function is 404,
/// a known one asked with another method 405 (with `Allow`), a body that is not a form 415.
fn api_precheck(req: &Request, lang: Lang) -> Option<Response> {
    let Some(methods) = SERVER_FNS.get(req.uri().path()) else {
        return Some(plain(
            StatusCode::NOT_FOUND,
            say(lang, "server-api-unknown"),
        ));
    };
    if !methods.contains(req.method()) {
        let mut refused = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            say(lang, "server-method-not-allowed"),
        );
        let allow: Vec<&str> = methods.iter().map(Method::as_str).collect();
        if let Ok(allow) = HeaderValue::from_str(&allow.join(", ")) {
            refused.headers_mut().insert(header::ALLOW, allow);
        }
        return Some(refused);
    }
    let form =
        header_str(req, header::CONTENT_TYPE).starts_with("application/x-www-form-urlencoded");
    (*req.method() == Method::POST && !form).then(|| {
        plain(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            say(lang, "server-not-a-form"),
        )
    })
}

/// Wraps the server functions (`/api/…`, registered by leptos_axum). JSON clients get the
/// result with a meaningful status (422, 404, 409, 429…). A plain HTML form post (no
/// JavaScript) gets a 303 redirect: on success to the next page with a notice, on failure
/// back to the form with the error and what was typed (kept for one page view in the
/// session).
pub async fn server_fn_forms(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let lang = request_lang(&req);
    if let Some(refused) = api_precheck(&req, lang) {
        return refused;
    }
    let form_post = header_str(&req, header::ACCEPT).contains("text/html")
        && header_str(&req, header::CONTENT_TYPE).starts_with("application/x-www-form-urlencoded");
    let path = req.uri().path().to_string();
    let back = back_path(header_str(&req, header::REFERER));
    let session = req.extensions().get::<Session>().cloned();
    let (req, values) = if form_post {
        let (mut parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, usize::MAX).await else {
            return plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                say(lang, "server-form-too-large"),
            );
        };
        let values: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        // Let Leptos answer as to a JSON client; the redirect is ours.
        parts
            .headers
            .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        (Request::from_parts(parts, Body::from(bytes)), values)
    } else {
        (req, Vec::new())
    };
    let res = next.run(req).await;
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_RESPONSE).await else {
        tracing::error!(http.path = %path, "server function answer too large to read");
        return plain(StatusCode::INTERNAL_SERVER_ERROR, say(lang, "server-error"));
    };
    let error = (!parts.status.is_success()).then(|| {
        serde_json::from_slice::<AppError>(&bytes).unwrap_or_else(|e| {
            if parts.status.is_client_error() {
                // Leptos refused the request itself (arguments it could not read).
                tracing::warn!(http.path = %path, status = %parts.status, "server function request refused");
                AppError::BadRequest(say(lang, "server-request-invalid"))
            } else {
                tracing::error!(http.path = %path, error = %e, "unreadable server function error");
                AppError::Internal
            }
        })
    });
    if !form_post {
        if let Some(e) = &error {
            parts.status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            if let AppError::RateLimited { retry_after } = e {
                parts
                    .headers
                    .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            }
        }
        return Response::from_parts(parts, Body::from(bytes));
    }
    let Some(session) = session else {
        return plain(StatusCode::INTERNAL_SERVER_ERROR, say(lang, "server-error"));
    };
    let (flash, to) = match error {
        Some(AppError::NotSignedIn) => {
            let to = pages::sign_in_for(path.starts_with("/api/pro/"));
            return Redirect::to(to).into_response();
        }
        Some(e) => {
            let values = values
                .into_iter()
                .filter(|(k, _)| !SECRET_FIELDS.contains(&k.as_str()))
                .collect();
            (
                Flash {
                    action: path,
                    values,
                    error: Some(e),
                    notice: None,
                },
                back,
            )
        }
        None => {
            let done: Option<Done> = serde_json::from_slice(&bytes).ok();
            let to = done
                .as_ref()
                .map(|d| d.redirect.clone())
                .filter(|r| r.starts_with('/'))
                .unwrap_or(back);
            (
                Flash {
                    notice: done.map(|d| d.notice),
                    ..Flash::default()
                },
                to,
            )
        }
    };
    flash_and_go(&session, flash, &to, lang).await
}

/// Keeps the flash for the next page view and sends the browser there (303).
async fn flash_and_go(session: &Session, flash: Flash, to: &str, lang: Lang) -> Response {
    if session.insert(FLASH_KEY, flash).await.is_err() {
        return plain(StatusCode::INTERNAL_SERVER_ERROR, say(lang, "server-error"));
    }
    Redirect::to(to).into_response()
}

/// `POST /pro/orientation/fichier`: the monthly orientation file (multipart, field
/// `file`), kept for its preview. A form post gets the preview page (or the form again
/// with the reason); a JSON client gets the `Done` or the error with its status.
pub async fn orientation_upload(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    session: Session,
    headers: axum::http::HeaderMap,
    mut multipart: axum::extract::Multipart,
) -> Response {
    let html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    let result = match actor.0 {
        None => Err(AppError::NotSignedIn),
        Some(actor) => {
            let mut file: Option<(String, Vec<u8>)> = None;
            let mut unreadable = false;
            loop {
                match multipart.next_field().await {
                    Ok(Some(field)) if field.name() == Some("file") => {
                        let name = field.file_name().unwrap_or("").to_string();
                        match field.bytes().await {
                            Ok(bytes) => file = Some((name, bytes.to_vec())),
                            Err(_) => unreadable = true,
                        }
                    }
                    Ok(Some(_)) => {}
                    Ok(None) => break,
                    Err(_) => {
                        unreadable = true;
                        break;
                    }
                }
            }
            match (unreadable, file) {
                (true, _) => Err(AppError::field(
                    "file",
                    &say(lang, "orientation-file-too-large"),
                )),
                (false, None) => Err(AppError::field(
                    "file",
                    &say(lang, "orientation-file-missing"),
                )),
                (false, Some((name, bytes))) => {
                    orientation::upload(&st, &actor, &name, &bytes, chrono::Utc::now()).await
                }
            }
        }
    };
    if !html {
        return match result {
            Ok(done) => axum::Json(done).into_response(),
            Err(e) => (
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                axum::Json(e),
            )
                .into_response(),
        };
    }
    let flash = match result {
        Err(AppError::NotSignedIn) => return Redirect::to(pages::STAFF_SIGN_IN).into_response(),
        Err(e) => Flash {
            action: pages::ORIENTATION_UPLOAD.into(),
            values: Vec::new(),
            error: Some(e),
            notice: None,
        },
        Ok(done) => {
            let to = done.redirect.clone();
            return flash_and_go(
                &session,
                Flash {
                    notice: Some(done.notice),
                    ..Flash::default()
                },
                &to,
                lang,
            )
            .await;
        }
    };
    flash_and_go(&session, flash, pages::ORIENTATION, lang).await
}

/// `/pro/orientation/{id}/courriers.pdf`: the invitation letters of a file's new people
/// who have neither phone nor e-mail.
pub async fn orientation_letters(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::STAFF_SIGN_IN).into_response();
    };
    let file = orientation::letters_pdf(&st, &actor, id, chrono::Utc::now()).await;
    download("application/pdf", file, lang)
}

/// `/healthz`: 200 when the database answers.
pub async fn healthz(State(st): State<AppState>) -> Response {
    match st.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response(),
    }
}

/// `/i/{token}`: an invitation link from an SMS or a letter. The GET changes nothing (mail
/// scanners open links): it keeps the token in this browser's session and takes it out of
/// the URL at once; the "Continuer" page spends it with a POST.
pub async fn invitation_link(
    session: Session,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
) -> Response {
    if token.len() > 128 || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Redirect::to(pages::SIGN_IN).into_response();
    }
    if session.insert(INVITATION_KEY, token).await.is_err() {
        return plain(StatusCode::INTERNAL_SERVER_ERROR, say(lang, "server-error"));
    }
    Redirect::to(pages::INVITATION).into_response()
}

/// `/a/{token}`: a satisfaction link from an SMS or an e-mail. Like an invitation, the GET
/// changes nothing: the token goes into this browser's session and out of the address at
/// once; the question's page answers with a POST, once.
pub async fn feedback_link(
    session: Session,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
) -> Response {
    if token.len() > 128 || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Redirect::to(pages::FEEDBACK).into_response();
    }
    if session.insert(FEEDBACK_KEY, token).await.is_err() {
        return plain(StatusCode::INTERNAL_SERVER_ERROR, say(lang, "server-error"));
    }
    Redirect::to(pages::FEEDBACK).into_response()
}

/// `/pro/avis/resultats.csv?periode=…`: the satisfaction results, suppressed as on the page.
pub async fn feedback_csv(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    Query(q): Query<PeriodQuery>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::STAFF_SIGN_IN).into_response();
    };
    let file = app::server::services::voice::results::results_csv(
        &st,
        &actor,
        q.periode,
        chrono::Utc::now(),
    )
    .await;
    download("text/csv; charset=utf-8", file, lang)
}

/// `POST /api/espace/questionnaires/partie`: one section of a survey (`survey`, `partie`,
/// then `q<key>` = value, repeated for a multiple choice). Answers like a server function:
/// `Done` or the error as JSON, which [`server_fn_forms`] turns into a redirect for a
/// plain form.
pub async fn survey_section(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    axum::Form(posted): axum::Form<Vec<(String, String)>>,
) -> Response {
    let result = match actor.0 {
        None => Err(AppError::NotSignedIn),
        Some(actor) => {
            app::server::services::surveys::answer::save_section(
                &st,
                &actor,
                posted,
                chrono::Utc::now(),
            )
            .await
        }
    };
    match result {
        Ok(done) => axum::Json(done).into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            axum::Json(e),
        )
            .into_response(),
    }
}

/// `/pro/questionnaires/{id}/resultats.csv`: a survey's results (`?version=`).
pub async fn survey_csv(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
    Query(q): Query<VersionQuery>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::STAFF_SIGN_IN).into_response();
    };
    let file = app::server::services::surveys::results::results_csv(
        &st,
        &actor,
        id,
        q.version,
        chrono::Utc::now(),
    )
    .await;
    download("text/csv; charset=utf-8", file, lang)
}

#[derive(serde::Deserialize)]
pub struct VersionQuery {
    version: Option<i64>,
}

#[derive(serde::Deserialize)]
pub struct PeriodQuery {
    periode: Option<String>,
}

/// `/r/{token}`: the link e-mailed to a staff member to choose a password. Like an
/// invitation, the GET changes nothing: the token goes into this browser's session and
/// out of the address at once; the form's POST spends it.
pub async fn password_link(
    session: Session,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
) -> Response {
    if token.len() > 128 || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Redirect::to(pages::STAFF_SIGN_IN).into_response();
    }
    if session.insert(RESET_KEY, token).await.is_err() {
        return plain(StatusCode::INTERNAL_SERVER_ERROR, say(lang, "server-error"));
    }
    Redirect::to(pages::NEW_PASSWORD).into_response()
}

/// `/rdv/{id}/calendrier.ics`: the calendar file of one's own appointment.
pub async fn calendar_file(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::SIGN_IN).into_response();
    };
    match appointments::calendar_file(&st, &actor, id, lang).await {
        Ok(ics) => attachment("text/calendar; charset=utf-8", "rendez-vous.ics", ics),
        Err(e) => plain(
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND),
            say(lang, "server-appointment-not-found"),
        ),
    }
}

/// `/pro/ateliers/{id}/liste.csv`: a workshop session's list, for a spreadsheet (staff of
/// the session's agency).
pub async fn workshop_list(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::STAFF_SIGN_IN).into_response();
    };
    let file = workshops::export_csv(&st, &actor, id, chrono::Utc::now()).await;
    download("text/csv; charset=utf-8", file, lang)
}

/// `/pro/ateliers/{id}/emargement.pdf`: a session's attendance sheet, to print (staff of
/// the session's agency).
pub async fn workshop_sheet(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::STAFF_SIGN_IN).into_response();
    };
    let file = workshops::attendance_sheet(&st, &actor, id, chrono::Utc::now()).await;
    download("application/pdf", file, lang)
}

/// `/espace/contrats/{id}/contrat.pdf`: a version of one's contract (not a draft), as an
/// accessible PDF.
pub async fn my_contract_pdf(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::SIGN_IN).into_response();
    };
    let file = pathways::files::contract_pdf(&st, &actor, id, chrono::Utc::now()).await;
    download("application/pdf", file, lang)
}

/// `/pro/contrats/{id}/contrat.pdf`: a contract version of a person of one's agency.
pub async fn staff_contract_pdf(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::STAFF_SIGN_IN).into_response();
    };
    let file = pathways::files::contract_pdf(&st, &actor, id, chrono::Utc::now()).await;
    download("application/pdf", file, lang)
}

/// The period of the WebRSA rendez-vous file (`?debut=…&fin=…`, both optional).
#[derive(Debug, Default, serde::Deserialize)]
pub struct Period {
    #[serde(default)]
    debut: String,
    #[serde(default)]
    fin: String,
}

/// `/pro/export/webrsa-rdv.csv`: the agency's rendez-vous for WebRSA (managers, the admin).
pub async fn webrsa_appointments(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    axum::extract::Query(period): axum::extract::Query<Period>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::STAFF_SIGN_IN).into_response();
    };
    let file =
        exports::appointments_file(&st, &actor, &period.debut, &period.fin, chrono::Utc::now())
            .await;
    download("text/csv; charset=utf-8", file, lang)
}

/// `/pro/export/webrsa-cer.csv`: the agency's contract versions for WebRSA.
pub async fn webrsa_contracts(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::STAFF_SIGN_IN).into_response();
    };
    let file = exports::contracts_file(&st, &actor, chrono::Utc::now()).await;
    download("text/csv; charset=utf-8", file, lang)
}

/// `/espace/ateliers/{id}/agenda.ics`: the calendar file of a session one is registered
/// on.
pub async fn workshop_calendar(
    State(st): State<AppState>,
    Extension(actor): Extension<CurrentActor>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
) -> Response {
    let Some(actor) = actor.0 else {
        return Redirect::to(pages::SIGN_IN).into_response();
    };
    let file = workshops::calendar_file(&st, &actor, id)
        .await
        .map(|ics| ("atelier.ics".to_string(), ics));
    download("text/calendar; charset=utf-8", file, lang)
}

/// A file a service made, to download; its refusal as a plain French page with its status.
fn download<B: Into<axum::body::Body>>(
    content_type: &'static str,
    file: Result<(String, B), AppError>,
    lang: Lang,
) -> Response {
    match file {
        Ok((name, body)) => attachment(content_type, &name, body),
        Err(e) => plain(
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND),
            say(lang, "error-not-found"),
        ),
    }
}

/// A file to download (`Content-Disposition: attachment`).
fn attachment(
    content_type: &'static str,
    file_name: &str,
    body: impl Into<axum::body::Body>,
) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body.into(),
    )
        .into_response()
}
