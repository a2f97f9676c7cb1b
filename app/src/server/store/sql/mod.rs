//! The store over sqlx's `Any` driver: the same runtime queries (`$1` placeholders) run on
//! SQLite and PostgreSQL. What differs per backend is kept here and named: migrations,
//! connection set-up (WAL + synchronous=FULL on SQLite), how a write transaction takes its
//! locks (`BEGIN IMMEDIATE` on SQLite, `SELECT … FOR UPDATE` on PostgreSQL) and which
//! constraint errors mean "conflict". One file per capability implements its trait.

mod agency;
mod appointments;
mod audit;
mod auth;
mod caseload;
mod contracts;
mod directory;
mod enrolment;
mod exports;
mod orientation;
mod outbox;
mod outreach;
mod pathways;
mod seed;
mod slots;
mod surveys;
mod team;
mod voice;
mod workshop_themes;
mod workshops;

use super::{Conflict, Database, NewMessage, StoreError, StoreResult};
use async_trait::async_trait;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Executor, Row, Transaction};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

#[derive(Clone)]
pub struct SqlStore {
    pool: AnyPool,
    backend: Backend,
}

type Tx = Transaction<'static, Any>;

/// The constraints that guard bookings: a unique index (one active appointment per slot,
/// one per idempotency key) or the counsellor's no-overlap rule (PostgreSQL exclusion
/// constraint 23P01, SQLite trigger `appointment_overlap`) mean "the slot was taken".
fn booking_error(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e {
        let code = db.code().unwrap_or_default();
        if db.is_unique_violation()
            || code == "23P01"
            || db.message().contains("appointment_overlap")
        {
            return StoreError::Conflict(Conflict::SlotTaken);
        }
    }
    StoreError::Database(e)
}

// Decoding rows into domain types. A value the domain does not know is a decode error
// (logged once where it is turned into the person's message), never a default.

fn id<T: From<i64>>(row: &AnyRow, column: &str) -> sqlx::Result<T> {
    Ok(T::from(row.try_get::<i64, _>(column)?))
}

fn opt_id<T: From<i64>>(row: &AnyRow, column: &str) -> sqlx::Result<Option<T>> {
    Ok(row.try_get::<Option<i64>, _>(column)?.map(T::from))
}

fn flag(row: &AnyRow, column: &str) -> sqlx::Result<bool> {
    match row.try_get::<i64, _>(column)? {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(unknown(column, &other.to_string())),
    }
}

fn parsed<T>(row: &AnyRow, column: &str, parse: impl Fn(&str) -> Option<T>) -> sqlx::Result<T> {
    let raw: String = row.try_get(column)?;
    parse(&raw).ok_or_else(|| unknown(column, &raw))
}

fn opt_parsed<T>(
    row: &AnyRow,
    column: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> sqlx::Result<Option<T>> {
    match row.try_get::<Option<String>, _>(column)? {
        None => Ok(None),
        Some(raw) => parse(&raw).map(Some).ok_or_else(|| unknown(column, &raw)),
    }
}

fn unknown(column: &str, value: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.into(),
        source: format!("unknown stored value {value:?}").into(),
    }
}

/// The columns of a file-active line (`CaseloadRow`) of person `p`: the file, its next
/// booked rendez-vous from `$1` (now) and how many were attended.
const CASELOAD_COLUMNS: &str = "p.id, p.agency_id, p.counsellor_id, p.numero, p.first_name, p.last_name, p.phone, p.email, p.orientation_date, p.disabled, p.session_epoch, \
       (SELECT MIN(a.starts_at) FROM appointments a WHERE a.allocataire_id = p.id AND a.status = 'booked' AND a.starts_at >= $1) AS next_appointment_at, \
       (SELECT COUNT(*) FROM appointments a WHERE a.allocataire_id = p.id AND a.status = 'attended') AS attended_count";

/// Text typed by a person, as a LIKE pattern's literal part: `%` and `_` are plain
/// characters (escaped with `!`, the statements say `ESCAPE '!'`).
fn like_escaped(s: &str) -> String {
    s.replace('!', "!!").replace('%', "!%").replace('_', "!_")
}

/// `column IN (1, 2, 3)` for a list of ids (integers only, so nothing to escape).
fn in_list<T: Copy + Into<i64>>(column: &str, ids: &[T]) -> String {
    if ids.is_empty() {
        return "1 = 0".into();
    }
    let list: Vec<String> = ids.iter().map(|&i| i.into().to_string()).collect();
    format!("{column} IN ({})", list.join(", "))
}

impl SqlStore {
    /// Connects, configures and migrates. SQLite files are created if missing.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, String> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)
            .ok_or_else(|| "DATABASE_URL must start with sqlite: or postgres:".to_string())?;
        if backend == Backend::Sqlite {
            // Create the file (and its WAL) up front with the typed driver: the Any driver
            // does not expose create_if_missing.
            let opts = sqlx::sqlite::SqliteConnectOptions::from_str(url)
                .map_err(|e| e.to_string())?
                .create_if_missing(true)
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
            let conn = sqlx::ConnectOptions::connect(&opts)
                .await
                .map_err(|e| e.to_string())?;
            sqlx::Connection::close(conn)
                .await
                .map_err(|e| e.to_string())?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Acknowledged means durable: WAL with a full fsync at each commit.
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 15000; PRAGMA foreign_keys = ON;").await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(|e| e.to_string())?;
        let store = Self { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), String> {
        let result = match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("../server/migrations/sqlite")
                    .run(&self.pool)
                    .await
            }
            Backend::Postgres => {
                sqlx::migrate!("../server/migrations/postgres")
                    .run(&self.pool)
                    .await
            }
        };
        result.map_err(|e| format!("migration failed: {e}"))
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A write transaction. On SQLite, `BEGIN IMMEDIATE` takes the write lock up front so
    /// that a read-then-write inside cannot interleave with another writer.
    async fn write_tx(&self) -> StoreResult<Tx> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Row lock on PostgreSQL (SQLite already holds the database write lock).
    async fn lock(&self, tx: &mut Tx, table: &'static str, id: i64) -> StoreResult<()> {
        if self.backend == Backend::Postgres {
            sqlx::query(&format!("SELECT id FROM {table} WHERE id = $1 FOR UPDATE"))
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Ends a change that touched `affected` rows: exactly one, and its audit entry is
    /// written and everything committed (true); none, and nothing is (false).
    async fn commit_if_one(
        mut tx: Tx,
        affected: u64,
        audit: Option<&super::NewAudit>,
        now: i64,
    ) -> StoreResult<bool> {
        if affected != 1 {
            return Ok(false);
        }
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Writes messages into the outbox inside the caller's transaction.
    async fn insert_messages(tx: &mut Tx, messages: &[NewMessage], now: i64) -> StoreResult<()> {
        for m in messages {
            sqlx::query(
                "INSERT INTO outbox (agency_id, allocataire_id, channel, recipient, subject, body, ics, sensitive, dedupe_key, next_attempt_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
            )
            .bind(m.agency_id.map(i64::from))
            .bind(m.allocataire_id.map(i64::from))
            .bind(m.channel.as_str())
            .bind(&m.recipient)
            .bind(&m.subject)
            .bind(&m.body)
            .bind(&m.ics)
            .bind(i64::from(m.sensitive))
            .bind(&m.dedupe_key)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }
}

#[async_trait]
impl Database for SqlStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn count(&self, table: &str) -> StoreResult<i64> {
        const TABLES: [&str; 7] = [
            "agencies",
            "staff",
            "allocataires",
            "slots",
            "appointments",
            "outbox",
            "audit_log",
        ];
        if !TABLES.contains(&table) {
            return Err(StoreError::NotFound);
        }
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }
}
