//! Request middleware: security headers (CSP with a per-request nonce), the Origin check
//! on every state-changing request, and turning the session into an actor.

use app::flash::Flash;
use app::i18n::Lang;
use app::pages::{self, Audience};
use app::server::ctx::{
    ClientAddr, CspNonce, CurrentAccount, CurrentActor, AGENCY_KEY, AUTH_KEY, FLASH_KEY, RETURN_KEY,
};
use app::server::services::{auth, scope, AppState};
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

/// A plain-text answer (`message`: already in the request's language).
pub fn plain(status: StatusCode, message: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// The language of a request, for the texts these layers answer themselves (outside the
/// pages): the one already chosen for it, else the one its `Accept-Language` asks for.
pub fn request_lang(req: &Request) -> Lang {
    req.extensions().get::<Lang>().copied().unwrap_or_else(|| {
        Lang::negotiate(
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    })
}

/// A text of the catalogue in `lang` (no arguments).
pub fn say(lang: Lang, key: &str) -> String {
    app::i18n::text(lang, key, &[])
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
    // The request's language, negotiated once: pages, server functions and the layers
    // below read it from the request extensions.
    let lang = request_lang(&req);
    req.extensions_mut().insert(lang);
    let mut res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        res = plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            say(lang, "server-form-too-large"),
        );
    }
    let h = res.headers_mut();
    if !static_file {
        h.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.tag()),
        );
        h.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    }
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

/// The origin (scheme, host, port) of the portal's configured public URL.
#[derive(Clone)]
pub struct PublicOrigin(pub String);

impl PublicOrigin {
    pub fn of(public_url: &str) -> Self {
        let origin = public_url
            .parse::<axum::http::Uri>()
            .ok()
            .and_then(|u| Some(format!("{}://{}", u.scheme_str()?, u.authority()?)))
            .unwrap_or_else(|| public_url.trim_end_matches('/').to_string());
        Self(origin.to_ascii_lowercase())
    }
}

/// Every non-GET request must come from a page of the portal itself (CSRF): its `Origin`
/// is the configured public URL's (scheme included: a page served over plain HTTP cannot
/// post to the HTTPS portal, and a forged `Host` changes nothing), or, without `Origin`,
/// `Sec-Fetch-Site` says same-origin.
pub async fn origin_check(
    State(public): State<PublicOrigin>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
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
    let same_origin = origin.is_some_and(|o| o.eq_ignore_ascii_case(&public.0));
    let allowed = same_origin || fetch_site == Some("same-origin");
    if !allowed {
        tracing::warn!(http.path = %req.uri().path(), "cross-origin state change refused");
        return plain(
            StatusCode::FORBIDDEN,
            say(request_lang(&req), "server-cross-origin"),
        );
    }
    next.run(req).await
}

const SEEN_KEY: &str = "seen_at";

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
    let resolved = match stored {
        Some(a) => match auth::resolve(&st, &a, now).await {
            Ok(Some(resolved)) => Some(resolved),
            Ok(None) => {
                // Expired, signed out everywhere, or disabled: the session ends here.
                let _ = session.flush().await;
                None
            }
            Err(_) => {
                return plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    say(request_lang(&req), "server-error-retry"),
                )
            }
        },
        None => None,
    };
    // The département admin works on the agency they picked (kept in the session).
    let (actor, account) = match resolved {
        Some((a, account)) => {
            let chosen: Option<i64> = session.get(AGENCY_KEY).await.ok().flatten();
            (Some(scope::chosen_agency(a, chosen)), Some(account))
        }
        None => (None, None),
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
        let wrong_door = match (pages::audience(&path), &actor) {
            (Audience::Allocataire, None) => Some(pages::SIGN_IN),
            (Audience::Allocataire, Some(a)) if a.is_staff() => Some(pages::AGENDA),
            (Audience::Staff, None) => Some(pages::STAFF_SIGN_IN),
            (Audience::Staff, Some(a)) if !a.is_staff() => Some(pages::ESPACE),
            _ => None,
        };
        if let Some(to) = wrong_door {
            if actor.is_none() && *req.method() == Method::GET {
                // Signed out (never in, or the session expired): say why, and come back
                // here after signing in.
                let asked = req
                    .uri()
                    .path_and_query()
                    .map_or(path.clone(), |p| p.as_str().to_string());
                let _ = session.insert(RETURN_KEY, asked).await;
                let notice = Flash {
                    notice: Some(say(request_lang(&req), "server-sign-in-first")),
                    ..Flash::default()
                };
                let _ = session.insert(FLASH_KEY, notice).await;
            }
            return Redirect::to(to).into_response();
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
    req.extensions_mut().insert(CurrentAccount(account));
    next.run(req).await
}
