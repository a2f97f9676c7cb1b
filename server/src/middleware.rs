//! Request middleware: security headers (CSP with a per-request nonce), the Origin check
//! on every state-changing request, and turning the session into an actor.

use app::flash::Flash;
use app::server::ctx::{ClientAddr, CspNonce, CurrentActor, AUTH_KEY, FLASH_KEY};
use app::server::services::{auth, AppState};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use rand::Rng;
use std::net::SocketAddr;
use tower_sessions::Session;

#[derive(Clone, Copy)]
pub struct HeaderConfig {
    pub hsts: bool,
}

pub fn plain(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

pub async fn security_headers(
    State(cfg): State<HeaderConfig>,
    mut req: Request,
    next: Next,
) -> Response {
    let bytes: [u8; 18] = rand::rng().random();
    let nonce = base64::engine::general_purpose::STANDARD.encode(bytes);
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let static_file =
        req.uri().path().starts_with("/pkg/") || req.uri().path().starts_with("/favicon");
    let mut res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        res = plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Le formulaire envoyé est trop volumineux.",
        );
    }
    let h = res.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Same-origin only: links and record ids never leak to other sites, while the portal's
    // own form posts keep their Origin and Referer (CSRF check, back to the form).
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if cfg.hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    if static_file {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        );
    } else {
        // Personal pages and API answers are never stored by browsers or proxies.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Every non-GET request must come from a page of the portal itself (CSRF): its `Origin`
/// names this host, or, without `Origin`, `Sec-Fetch-Site` says same-origin.
pub async fn origin_check(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|h| h.to_str().ok());
    let fetch_site = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|h| h.to_str().ok());
    // Sec-Fetch-Site is set by the browser itself (pages cannot forge it); some browsers
    // send `Origin: null` on same-origin form posts.
    let same_origin = origin.is_some_and(|o| {
        o.split_once("://")
            .is_some_and(|(_, authority)| !host.is_empty() && authority == host)
    });
    let allowed = same_origin || fetch_site == Some("same-origin");
    if !allowed {
        tracing::warn!(http.path = %req.uri().path(), "cross-origin state change refused");
        return plain(
            StatusCode::FORBIDDEN,
            "Demande refusée : elle ne vient pas d'une page du portail.",
        );
    }
    next.run(req).await
}

const SEEN_KEY: &str = "seen_at";

fn is_allocataire_page(path: &str) -> bool {
    path == "/espace" || path.starts_with("/rdv/")
}

fn is_staff_page(path: &str) -> bool {
    path.starts_with("/pro/") && path != "/pro/connexion"
}

/// Resolves the session's actor (checking revocation and lifetimes), guards pages by
/// audience, and hands the flash of a previous form post to the page.
pub async fn resolve_actor(
    State(st): State<AppState>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let now = chrono::Utc::now();
    let stored: Option<auth::SessionAuth> = session.get(AUTH_KEY).await.ok().flatten();
    let actor = match stored {
        Some(a) => match auth::resolve(&st, &a, now).await {
            Ok(Some(actor)) => Some(actor),
            Ok(None) => {
                // Expired, signed out everywhere, or disabled: the session ends here.
                let _ = session.flush().await;
                None
            }
            Err(_) => {
                return plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Une erreur est survenue. Réessayez dans quelques minutes.",
                )
            }
        },
        None => None,
    };
    if actor.is_some() {
        // Pages only read the session: refresh its inactivity deadline in the store at
        // most every five minutes rather than writing it at every request.
        let seen: i64 = session.get(SEEN_KEY).await.ok().flatten().unwrap_or(0);
        if now.timestamp() - seen > 300 {
            let _ = session.insert(SEEN_KEY, now.timestamp()).await;
        }
    }
    let path = req.uri().path().to_string();
    if req.method() == Method::GET {
        if is_allocataire_page(&path) {
            match &actor {
                None => return Redirect::to("/connexion").into_response(),
                Some(a) if a.is_staff() => return Redirect::to("/pro/agenda").into_response(),
                _ => {}
            }
        }
        if is_staff_page(&path) {
            match &actor {
                None => return Redirect::to("/pro/connexion").into_response(),
                Some(a) if !a.is_staff() => return Redirect::to("/espace").into_response(),
                _ => {}
            }
        }
        if !path.starts_with("/api/") && !path.starts_with("/pkg/") {
            // Read first: removing marks the session modified, and a modified session is
            // written back (with an fsync) at the end of the request.
            if let Ok(Some(flash)) = session.get::<Flash>(FLASH_KEY).await {
                let _ = session.remove_value(FLASH_KEY).await;
                req.extensions_mut().insert(flash);
            }
        }
    }
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    req.extensions_mut().insert(ClientAddr(client));
    req.extensions_mut().insert(CurrentActor(actor));
    next.run(req).await
}
