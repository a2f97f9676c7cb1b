//! The benchmarks' baseline (`scripts/bench.sh`): the least an axum server does for a
//! page here — one handler that reads one row from the same database through a typed
//! sqlx pool and answers a small HTML page. The portal's pages are measured against it,
//! so the ratio shows the portal's own overhead (sessions, actor, authorisation, several
//! reads, rendering), not the machine's.
//!
//! `DATABASE_URL=sqlite://…|postgres://… BARE_ADDR=127.0.0.1:PORT cargo run --release --example bare`

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use sqlx::{PgPool, SqlitePool};

#[derive(Clone)]
enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

const QUERY_SQLITE: &str = "SELECT first_name FROM allocataires WHERE numero = ?";
const QUERY_POSTGRES: &str = "SELECT first_name FROM allocataires WHERE numero = $1";

async fn page(State(db): State<Db>) -> Result<Html<String>, StatusCode> {
    let row: Result<(String,), sqlx::Error> = match &db {
        Db::Sqlite(p) => {
            sqlx::query_as(QUERY_SQLITE)
                .bind("1000001")
                .fetch_one(p)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_as(QUERY_POSTGRES)
                .bind("1000001")
                .fetch_one(p)
                .await
        }
    };
    let (name,) = row.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Html(format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Portail ALI</title></head><body><h1>{name}</h1></body></html>"
    )))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = std::env::var("DATABASE_URL")?;
    let addr = std::env::var("BARE_ADDR")?;
    let db = if url.starts_with("postgres") {
        Db::Postgres(PgPool::connect(&url).await?)
    } else {
        Db::Sqlite(SqlitePool::connect(&url).await?)
    };
    let app = Router::new().route("/", get(page)).with_state(db);
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
