//! Wiring: store, state, sessions, router, jobs. `Application::build` binds the listener
//! (port 0 in tests) and `run` serves until the shutdown signal, then stops the jobs.

use crate::config::Config;
use crate::middleware::{self, HeaderConfig};
use crate::routes;
use crate::sessions::Sessions;
use crate::{jobs, seed, transport};
use app::server::services::{auth::Limits, AppState};
use app::server::store::{Database, SqlStore};
use app::server::Settings;
use app::ui::{shell, App};
use axum::extract::FromRef;
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use secrecy::ExposeSecret;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

#[derive(Clone)]
pub struct ServerState {
    pub leptos: LeptosOptions,
    pub app: AppState,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(s: &ServerState) -> Self {
        s.leptos.clone()
    }
}

impl FromRef<ServerState> for AppState {
    fn from_ref(s: &ServerState) -> Self {
        s.app.clone()
    }
}

pub struct Application {
    listener: tokio::net::TcpListener,
    router: Router,
    pub state: AppState,
    pub port: u16,
    config: Config,
    sessions: Sessions,
}

pub fn settings(config: &Config) -> Settings {
    let secret = config.auth.secret.expose_secret().to_string();
    let secret = if secret.is_empty() {
        tracing::warn!("auth.secret is empty: using a random key (codes do not survive a restart)");
        app::server::crypto::new_token()
    } else {
        secret
    };
    Settings {
        public_url: config.http.public_url.trim_end_matches('/').to_string(),
        reminder_hours: config.booking.reminder_hours,
        code_ttl_minutes: config.auth.code_ttl_minutes,
        code_max_attempts: config.auth.code_max_attempts,
        invitation_ttl_days: 30,
        session_absolute_hours: config.session.absolute_hours,
        booking_horizon_days: config.booking.horizon_days,
        workshop_offer_hours: config.booking.workshop_offer_hours,
        demo: config.demo,
        secret,
    }
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        if let Some(path) = config
            .database_url
            .strip_prefix("sqlite://")
            .or_else(|| config.database_url.strip_prefix("sqlite:"))
        {
            let file = path.split('?').next().unwrap_or(path);
            if let Some(dir) = std::path::Path::new(file)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)?;
            }
        }
        let store = SqlStore::connect(&config.database_url, config.database_max_connections)
            .await
            .map_err(anyhow::Error::msg)?;
        if config.demo {
            if store
                .count("agencies")
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                == 0
            {
                for line in seed::seed(&store, seed::Scale::Demo, chrono::Utc::now()).await? {
                    println!("{line}");
                }
            }
            println!("Demo accounts (staff password {}):", seed::DEMO_PASSWORD);
            for line in seed::demo_accounts() {
                println!("  {line}");
            }
        }
        let state = AppState::new(
            Arc::new(store),
            settings(&config),
            Limits::new(
                config.auth.rate_per_minute,
                config.auth.account_attempts_per_minute,
            ),
        );
        let sessions = Sessions::connect(&config.database_url).await?;
        let leptos = LeptosOptions::builder()
            .output_name("portail")
            .site_root(config.http.site_root.as_str())
            .site_pkg_dir("pkg")
            .build();
        let router = build_router(&config, state.clone(), sessions.clone(), leptos);
        let listener = tokio::net::TcpListener::bind(&config.http.addr).await?;
        let port = listener.local_addr()?.port();
        Ok(Self {
            listener,
            router,
            state,
            port,
            config,
            sessions,
        })
    }

    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let email = transport::email_transport(&self.config.smtp).map_err(anyhow::Error::msg)?;
        let sms = transport::sms_transport(&self.config.sms);
        let worker = jobs::spawn_outbox_worker(
            self.state.clone(),
            email,
            sms,
            Duration::from_secs(self.config.jobs.outbox_interval_secs),
            stop_rx.clone(),
        );
        let reminders = jobs::spawn_reminders(
            self.state.clone(),
            Duration::from_secs(self.config.jobs.reminder_interval_secs),
            stop_rx,
        );
        let cleanup = self.sessions.spawn_cleanup();
        tracing::info!(port = self.port, "listening");
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        let _ = stop_tx.send(true);
        let _ = worker.await;
        let _ = reminders.await;
        cleanup.abort();
        tracing::info!("stopped");
        Ok(())
    }
}

pub fn build_router(
    config: &Config,
    state: AppState,
    sessions: Sessions,
    leptos: LeptosOptions,
) -> Router {
    let routes = generate_route_list(App);
    let site_root = leptos.site_root.to_string();
    let server_state = ServerState {
        leptos: leptos.clone(),
        app: state.clone(),
    };
    let ctx_state = state.clone();
    let cookie = if config.http.secure_cookies {
        "__Host-portail"
    } else {
        "portail"
    };
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name(cookie)
        .with_secure(config.http.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::minutes(config.session.inactivity_minutes),
        ));
    // The orientation file is the one body larger than a form: its own limit.
    let upload = Router::new()
        .route(
            app::pages::ORIENTATION_UPLOAD,
            axum::routing::post(routes::orientation_upload),
        )
        .layer(axum::extract::DefaultBodyLimit::max(
            app::server::services::orientation::MAX_FILE_BYTES + 64 * 1024,
        ))
        .with_state(server_state.clone());
    let pages = Router::new()
        .route("/healthz", get(routes::healthz))
        .route("/i/{token}", get(routes::invitation_link))
        .route("/r/{token}", get(routes::password_link))
        .route("/a/{token}", get(routes::feedback_link))
        .route(app::pages::FEEDBACK_CSV, get(routes::feedback_csv))
        .route(
            "/pro/questionnaires/{id}/resultats.csv",
            get(routes::survey_csv),
        )
        .route(
            app::api::paths::SURVEY_SECTION,
            axum::routing::post(routes::survey_section),
        )
        .route("/rdv/{id}/calendrier.ics", get(routes::calendar_file))
        .route("/pro/ateliers/{id}/liste.csv", get(routes::workshop_list))
        .route(
            "/pro/ateliers/{id}/emargement.pdf",
            get(routes::workshop_sheet),
        )
        .route(
            "/espace/ateliers/{id}/agenda.ics",
            get(routes::workshop_calendar),
        )
        .route(
            "/espace/contrats/{id}/contrat.pdf",
            get(routes::my_contract_pdf),
        )
        .route(
            "/pro/contrats/{id}/contrat.pdf",
            get(routes::staff_contract_pdf),
        )
        .route(
            app::pages::WEBRSA_APPOINTMENTS,
            get(routes::webrsa_appointments),
        )
        .route(app::pages::WEBRSA_CONTRACTS, get(routes::webrsa_contracts))
        .route(
            "/pro/orientation/{id}/courriers.pdf",
            get(routes::orientation_letters),
        )
        .leptos_routes_with_context(
            &server_state,
            routes,
            move || provide_context(ctx_state.clone()),
            {
                let leptos = leptos.clone();
                move || shell(leptos.clone())
            },
        )
        .fallback(leptos_axum::render_app_async_with_context(
            {
                let s = state.clone();
                move || provide_context(s.clone())
            },
            {
                let leptos = leptos.clone();
                move || shell(leptos.clone())
            },
        ))
        .with_state(server_state)
        .layer(axum::middleware::from_fn(routes::server_fn_forms))
        .layer(RequestBodyLimitLayer::new(config.http.max_body_bytes))
        .merge(upload)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::resolve_actor,
        ))
        .layer(session_layer)
        .layer(axum::middleware::from_fn_with_state(
            middleware::PublicOrigin::of(&config.http.public_url),
            middleware::origin_check,
        ));
    let assets = ServeDir::new(&site_root)
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(format!("{site_root}/pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .route_service("/favicon.svg", assets.clone())
        .route_service("/favicon.ico", assets)
        .merge(pages)
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(tower_http::CompressionLevel::Default),
        )
        .layer(axum::middleware::from_fn_with_state(
            HeaderConfig {
                hsts: config.http.secure_cookies,
            },
            middleware::security_headers,
        ))
        .layer(TraceLayer::new_for_http())
}
