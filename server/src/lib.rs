//! The Portail ALI server: configuration, wiring, middleware, jobs, transports and the
//! command line. Everything the pages and use cases need lives in the `app` crate.

pub mod config;
pub mod jobs;
pub mod middleware;
pub mod routes;
pub mod seed;
pub mod sessions;
pub mod startup;
pub mod transport;

/// Structured logs; `RUST_LOG` filters, `PORTAIL_LOG_FORMAT=json` for JSON lines.
pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if std::env::var("PORTAIL_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
