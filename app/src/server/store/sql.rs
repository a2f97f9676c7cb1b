//! `Store` over sqlx's `Any` driver: the same runtime queries (`$1` placeholders) run on
//! SQLite and PostgreSQL. What differs per backend is kept here and named: migrations,
//! connection set-up (WAL + synchronous=FULL on SQLite), how a booking transaction takes
//! its locks (`BEGIN IMMEDIATE` on SQLite, `SELECT … FOR UPDATE` on PostgreSQL) and which
//! constraint errors mean "conflict".

use super::*;
use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyPool, Executor, Transaction};
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

/// Logs a database failure once, here, and hides it from the user.
fn internal(e: sqlx::Error) -> AppError {
    tracing::error!(error = %e, "database error");
    AppError::Internal
}

const TAKEN: &str = "Ce créneau vient d'être pris. Choisissez-en un autre.";

/// Maps the constraints that guard bookings to a conflict; anything else is internal.
fn booking_error(e: sqlx::Error) -> AppError {
    if let sqlx::Error::Database(db) = &e {
        let code = db.code().unwrap_or_default();
        if db.is_unique_violation()
            || code == "23P01"
            || db.message().contains("appointment_overlap")
        {
            return AppError::Conflict(TAKEN.into());
        }
    }
    internal(e)
}

const APPOINTMENT_COLUMNS: &str = "a.id, a.uid, a.slot_id, a.allocataire_id, a.counsellor_id, a.agency_id, a.starts_at, a.ends_at, a.modality, a.location, a.reason, a.status, a.cancel_reason, a.sequence";
const SLOT_COLUMNS: &str = "s.id, s.agency_id, s.counsellor_id, s.starts_at, s.ends_at, s.modalities, s.location, s.status, \
     CASE WHEN EXISTS (SELECT 1 FROM appointments b WHERE b.slot_id = s.id AND b.status = 'booked') THEN 1 ELSE 0 END AS booked";
const OUTBOX_COLUMNS: &str = "id, agency_id, channel, recipient, subject, body, ics, sensitive, status, attempts, created_at, sent_at";

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
    async fn write_tx(&self) -> StoreResult<Transaction<'static, Any>> {
        match self.backend {
            Backend::Sqlite => self
                .pool
                .begin_with("BEGIN IMMEDIATE")
                .await
                .map_err(internal),
            Backend::Postgres => self.pool.begin().await.map_err(internal),
        }
    }

    /// Row lock on PostgreSQL (SQLite already holds the database write lock).
    async fn lock(
        &self,
        tx: &mut Transaction<'static, Any>,
        table: &'static str,
        id: i64,
    ) -> StoreResult<()> {
        if self.backend == Backend::Postgres {
            sqlx::query(&format!("SELECT id FROM {table} WHERE id = $1 FOR UPDATE"))
                .bind(id)
                .execute(&mut **tx)
                .await
                .map_err(internal)?;
        }
        Ok(())
    }

    async fn insert_messages(
        tx: &mut Transaction<'static, Any>,
        messages: &[NewMessage],
        now: i64,
    ) -> StoreResult<()> {
        for m in messages {
            sqlx::query(
                "INSERT INTO outbox (agency_id, allocataire_id, channel, recipient, subject, body, ics, sensitive, dedupe_key, next_attempt_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
            )
            .bind(m.agency_id)
            .bind(m.allocataire_id)
            .bind(m.channel)
            .bind(&m.recipient)
            .bind(&m.subject)
            .bind(&m.body)
            .bind(&m.ics)
            .bind(i64::from(m.sensitive))
            .bind(&m.dedupe_key)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(internal)?;
        }
        Ok(())
    }

    async fn appointment_in(
        tx: &mut Transaction<'static, Any>,
        id: i64,
    ) -> StoreResult<Option<AppointmentRow>> {
        sqlx::query_as::<_, AppointmentRow>(&format!(
            "SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.id = $1"
        ))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(internal)
    }

    async fn slot_in(tx: &mut Transaction<'static, Any>, id: i64) -> StoreResult<Option<SlotRow>> {
        sqlx::query_as::<_, SlotRow>(&format!(
            "SELECT {SLOT_COLUMNS} FROM slots s WHERE s.id = $1"
        ))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(internal)
    }

    /// The slot must be open, in the future and free.
    fn check_slot(slot: Option<SlotRow>, now: i64) -> StoreResult<SlotRow> {
        let slot = slot.ok_or_else(|| {
            AppError::Conflict("Ce créneau n'existe plus. Choisissez-en un autre.".into())
        })?;
        if slot.status != "open" || slot.starts_at <= now {
            return Err(AppError::Conflict(
                "Ce créneau n'est plus proposé. Choisissez-en un autre.".into(),
            ));
        }
        if slot.booked != 0 {
            return Err(AppError::Conflict(TAKEN.into()));
        }
        Ok(slot)
    }

    fn in_list(column: &str, ids: &[i64]) -> String {
        if ids.is_empty() {
            return "1 = 0".into();
        }
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        format!("{column} IN ({})", list.join(", "))
    }
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(internal)
    }

    async fn agencies(&self) -> StoreResult<Vec<AgencyRow>> {
        sqlx::query_as("SELECT * FROM agencies ORDER BY name")
            .fetch_all(&self.pool)
            .await
            .map_err(internal)
    }

    async fn agency(&self, id: i64) -> StoreResult<Option<AgencyRow>> {
        sqlx::query_as("SELECT * FROM agencies WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(internal)
    }

    async fn staff(&self, id: i64) -> StoreResult<Option<StaffRow>> {
        sqlx::query_as("SELECT * FROM staff WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(internal)
    }

    async fn staff_by_email(&self, email: &str) -> StoreResult<Option<StaffRow>> {
        sqlx::query_as("SELECT * FROM staff WHERE lower(email) = lower($1)")
            .bind(email.trim())
            .fetch_optional(&self.pool)
            .await
            .map_err(internal)
    }

    async fn staff_of_agency(&self, agency_id: i64) -> StoreResult<Vec<StaffRow>> {
        sqlx::query_as("SELECT * FROM staff WHERE agency_id = $1 AND disabled = 0 ORDER BY last_name, first_name")
            .bind(agency_id)
            .fetch_all(&self.pool)
            .await
            .map_err(internal)
    }

    async fn allocataire(&self, id: i64) -> StoreResult<Option<AllocataireRow>> {
        sqlx::query_as("SELECT id, agency_id, counsellor_id, numero, first_name, last_name, phone, email, orientation_date, disabled, session_epoch FROM allocataires WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(internal)
    }

    async fn find_allocataire(
        &self,
        identifier: &Identifier<'_>,
    ) -> StoreResult<Option<AllocataireRow>> {
        let (column, value) = match identifier {
            Identifier::Numero(n) => ("numero", n.to_string()),
            Identifier::Phone(p) => ("phone", p.clone()),
            Identifier::Email(e) => ("lower(email)", e.to_lowercase()),
        };
        // Several files may share a phone (families share phones): only a unique match signs in.
        let rows: Vec<AllocataireRow> = sqlx::query_as(&format!(
            "SELECT id, agency_id, counsellor_id, numero, first_name, last_name, phone, email, orientation_date, disabled, session_epoch \
             FROM allocataires WHERE {column} = $1 AND disabled = 0 LIMIT 2"
        ))
        .bind(value)
        .fetch_all(&self.pool)
        .await
        .map_err(internal)?;
        Ok(if rows.len() == 1 {
            rows.into_iter().next()
        } else {
            None
        })
    }

    async fn caseload(
        &self,
        agency_id: Option<i64>,
        counsellor_id: Option<i64>,
        now: i64,
    ) -> StoreResult<Vec<CaseloadRow>> {
        sqlx::query_as(
            "SELECT p.id, p.agency_id, p.counsellor_id, p.numero, p.first_name, p.last_name, p.orientation_date, \
               (SELECT MIN(a.starts_at) FROM appointments a WHERE a.allocataire_id = p.id AND a.status = 'booked' AND a.starts_at >= $3) AS next_appointment_at, \
               (SELECT COUNT(*) FROM appointments a WHERE a.allocataire_id = p.id AND a.status = 'attended') AS attended_count \
             FROM allocataires p \
             WHERE ($1 IS NULL OR p.agency_id = $1) AND ($2 IS NULL OR p.counsellor_id = $2) AND p.disabled = 0 \
             ORDER BY p.orientation_date, p.last_name",
        )
        .bind(agency_id)
        .bind(counsellor_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(internal)
    }

    async fn session_epoch(&self, who: Principal) -> StoreResult<Option<(i64, bool)>> {
        let (table, id) = match who {
            Principal::Allocataire(id) => ("allocataires", id),
            Principal::Staff(id) => ("staff", id),
        };
        let row: Option<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT session_epoch, disabled FROM {table} WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(internal)?;
        Ok(row.map(|(epoch, disabled)| (epoch, disabled != 0)))
    }

    async fn bump_session_epoch(&self, who: Principal) -> StoreResult<()> {
        let (table, id) = match who {
            Principal::Allocataire(id) => ("allocataires", id),
            Principal::Staff(id) => ("staff", id),
        };
        sqlx::query(&format!(
            "UPDATE {table} SET session_epoch = session_epoch + 1 WHERE id = $1"
        ))
        .bind(id)
        .execute(&self.pool)
        .await
        .map(|_| ())
        .map_err(internal)
    }

    async fn create_login_code(
        &self,
        allocataire_id: i64,
        code_hash: &str,
        expires_at: i64,
        now: i64,
        message: NewMessage,
    ) -> StoreResult<i64> {
        let mut tx = self.write_tx().await?;
        // A new code replaces the previous ones.
        sqlx::query(
            "UPDATE login_codes SET used_at = $2 WHERE allocataire_id = $1 AND used_at IS NULL",
        )
        .bind(allocataire_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
        let (id,): (i64,) = sqlx::query_as("INSERT INTO login_codes (allocataire_id, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(allocataire_id)
            .bind(code_hash)
            .bind(expires_at)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(internal)?;
        Self::insert_messages(&mut tx, &[message], now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(id)
    }

    async fn check_login_code(
        &self,
        id: i64,
        code_hash: &str,
        now: i64,
        max_attempts: i64,
    ) -> StoreResult<CodeCheck> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "login_codes", id).await?;
        let row: Option<LoginCodeRow> = sqlx::query_as("SELECT id, allocataire_id, code_hash, expires_at, attempts, used_at FROM login_codes WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(internal)?;
        let Some(row) = row else {
            return Ok(CodeCheck::ExpiredOrUsed);
        };
        if row.used_at.is_some() || row.expires_at <= now || row.attempts >= max_attempts {
            return Ok(CodeCheck::ExpiredOrUsed);
        }
        let accepted =
            crate::server::services::security::constant_time_eq(&row.code_hash, code_hash);
        sqlx::query("UPDATE login_codes SET attempts = attempts + 1, used_at = CASE WHEN $2 = 1 THEN $3 ELSE used_at END WHERE id = $1")
            .bind(id)
            .bind(i64::from(accepted))
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
        tx.commit().await.map_err(internal)?;
        Ok(if accepted {
            CodeCheck::Accepted {
                allocataire_id: row.allocataire_id,
            }
        } else if row.attempts + 1 >= max_attempts {
            CodeCheck::ExpiredOrUsed
        } else {
            CodeCheck::Wrong {
                attempts_left: max_attempts - row.attempts - 1,
            }
        })
    }

    async fn create_invitation(
        &self,
        allocataire_id: i64,
        token_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO invitations (allocataire_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4)")
            .bind(allocataire_id)
            .bind(token_hash)
            .bind(expires_at)
            .bind(now)
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(internal)
    }

    async fn take_invitation(&self, token_hash: &str, now: i64) -> StoreResult<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "UPDATE invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING allocataire_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(internal)?;
        Ok(row.map(|r| r.0))
    }

    async fn create_slots(&self, slots: &[NewSlot], now: i64) -> StoreResult<usize> {
        let mut tx = self.write_tx().await?;
        for s in slots {
            sqlx::query("INSERT INTO slots (agency_id, counsellor_id, starts_at, ends_at, modalities, location, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(s.agency_id)
                .bind(s.counsellor_id)
                .bind(s.starts_at)
                .bind(s.ends_at)
                .bind(&s.modalities)
                .bind(&s.location)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(internal)?;
        }
        tx.commit().await.map_err(internal)?;
        Ok(slots.len())
    }

    async fn slot(&self, id: i64) -> StoreResult<Option<SlotRow>> {
        sqlx::query_as(&format!(
            "SELECT {SLOT_COLUMNS} FROM slots s WHERE s.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(internal)
    }

    async fn slots(&self, counsellors: &[i64], from: i64, to: i64) -> StoreResult<Vec<SlotRow>> {
        sqlx::query_as(&format!(
            "SELECT {SLOT_COLUMNS} FROM slots s WHERE {} AND s.status = 'open' AND s.starts_at >= $1 AND s.starts_at < $2 ORDER BY s.starts_at, s.counsellor_id",
            Self::in_list("s.counsellor_id", counsellors)
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(internal)
    }

    async fn free_slots(
        &self,
        counsellors: &[i64],
        from: i64,
        to: i64,
        limit: i64,
    ) -> StoreResult<Vec<SlotRow>> {
        sqlx::query_as(&format!(
            "SELECT s.id, s.agency_id, s.counsellor_id, s.starts_at, s.ends_at, s.modalities, s.location, s.status, 0 AS booked \
             FROM slots s WHERE {} AND s.status = 'open' AND s.starts_at >= $1 AND s.starts_at < $2 \
             AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.slot_id = s.id AND b.status = 'booked') \
             ORDER BY s.starts_at, s.counsellor_id LIMIT $3",
            Self::in_list("s.counsellor_id", counsellors)
        ))
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(internal)
    }

    async fn close_slot(&self, id: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE slots SET status = 'closed' WHERE id = $1 AND status = 'open' \
             AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.slot_id = slots.id AND b.status = 'booked')",
        )
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(internal)?;
        Ok(done.rows_affected() == 1)
    }

    async fn close_free_slots_between(
        &self,
        counsellor_id: i64,
        from: i64,
        to: i64,
    ) -> StoreResult<u64> {
        let done = sqlx::query(
            "UPDATE slots SET status = 'closed' WHERE counsellor_id = $1 AND status = 'open' AND starts_at < $3 AND ends_at > $2 \
             AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.slot_id = slots.id AND b.status = 'booked')",
        )
        .bind(counsellor_id)
        .bind(from)
        .bind(to)
        .execute(&self.pool)
        .await
        .map_err(internal)?;
        Ok(done.rows_affected())
    }

    async fn book(
        &self,
        b: NewAppointment,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<BookOutcome> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "allocataires", b.allocataire_id).await?;
        if let Some(key) = &b.idempotency_key {
            let existing: Option<AppointmentRow> = sqlx::query_as(&format!(
                "SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.allocataire_id = $1 AND a.idempotency_key = $2"
            ))
            .bind(b.allocataire_id)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await
            .map_err(internal)?;
            if let Some(existing) = existing {
                return Ok(BookOutcome::Replayed(existing));
            }
        }
        self.lock(&mut tx, "slots", b.slot_id).await?;
        let slot = Self::check_slot(Self::slot_in(&mut tx, b.slot_id).await?, now)?;
        if let Some(max) = b.max_upcoming {
            let (upcoming,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM appointments WHERE allocataire_id = $1 AND status = 'booked' AND starts_at > $2")
                .bind(b.allocataire_id)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(internal)?;
            if upcoming >= max {
                return Err(AppError::Conflict(
                    "Vous avez déjà un rendez-vous prévu. Vous pouvez le déplacer depuis « Mon espace ».".into(),
                ));
            }
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO appointments (uid, slot_id, allocataire_id, counsellor_id, agency_id, starts_at, ends_at, modality, location, reason, status, booked_by, idempotency_key, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'booked', $11, $12, $13, $13) RETURNING id",
        )
        .bind(&b.uid)
        .bind(slot.id)
        .bind(b.allocataire_id)
        .bind(slot.counsellor_id)
        .bind(slot.agency_id)
        .bind(slot.starts_at)
        .bind(slot.ends_at)
        .bind(&b.modality)
        .bind(&slot.location)
        .bind(&b.reason)
        .bind(b.booked_by)
        .bind(&b.idempotency_key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(booking_error)?;
        Self::insert_messages(&mut tx, &messages, now).await?;
        let row = Self::appointment_in(&mut tx, id)
            .await?
            .ok_or(AppError::Internal)?;
        tx.commit().await.map_err(booking_error)?;
        Ok(BookOutcome::Created(row))
    }

    async fn appointment(&self, id: i64) -> StoreResult<Option<AppointmentRow>> {
        sqlx::query_as(&format!(
            "SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(internal)
    }

    async fn appointments_of(&self, allocataire_id: i64) -> StoreResult<Vec<AppointmentRow>> {
        sqlx::query_as(&format!("SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.allocataire_id = $1 ORDER BY a.starts_at DESC"))
            .bind(allocataire_id)
            .fetch_all(&self.pool)
            .await
            .map_err(internal)
    }

    async fn agenda(&self, counsellors: &[i64], from: i64, to: i64) -> StoreResult<Vec<AgendaRow>> {
        sqlx::query_as(&format!(
            "SELECT {APPOINTMENT_COLUMNS}, p.first_name || ' ' || p.last_name AS allocataire_name, st.first_name || ' ' || st.last_name AS counsellor_name \
             FROM appointments a JOIN allocataires p ON p.id = a.allocataire_id JOIN staff st ON st.id = a.counsellor_id \
             WHERE {} AND a.starts_at >= $1 AND a.starts_at < $2 ORDER BY a.starts_at",
            Self::in_list("a.counsellor_id", counsellors)
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(internal)
    }

    async fn move_appointment(
        &self,
        id: i64,
        slot_id: i64,
        modality: &str,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<AppointmentRow> {
        let mut tx = self.write_tx().await?;
        let current = Self::appointment_in(&mut tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.lock(&mut tx, "allocataires", current.allocataire_id)
            .await?;
        if current.slot_id == slot_id && current.status == "booked" {
            // A retried move: already there.
            return Ok(current);
        }
        self.lock(&mut tx, "slots", slot_id).await?;
        let slot = Self::check_slot(Self::slot_in(&mut tx, slot_id).await?, now)?;
        if slot.agency_id != current.agency_id {
            return Err(AppError::NotFound);
        }
        let done = sqlx::query(
            "UPDATE appointments SET slot_id = $2, counsellor_id = $3, starts_at = $4, ends_at = $5, location = $6, modality = $7, \
             sequence = sequence + 1, reminder_sent_at = NULL, updated_at = $8 WHERE id = $1 AND status = 'booked'",
        )
        .bind(id)
        .bind(slot.id)
        .bind(slot.counsellor_id)
        .bind(slot.starts_at)
        .bind(slot.ends_at)
        .bind(&slot.location)
        .bind(modality)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(booking_error)?;
        if done.rows_affected() != 1 {
            return Err(AppError::Conflict(
                "Ce rendez-vous n'est plus modifiable.".into(),
            ));
        }
        Self::insert_messages(&mut tx, &messages, now).await?;
        let row = Self::appointment_in(&mut tx, id)
            .await?
            .ok_or(AppError::Internal)?;
        tx.commit().await.map_err(booking_error)?;
        Ok(row)
    }

    async fn finish_appointment(
        &self,
        id: i64,
        status: &str,
        cancel_reason: Option<&str>,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<Option<AppointmentRow>> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE appointments SET status = $2, cancel_reason = $3, sequence = sequence + 1, updated_at = $4 WHERE id = $1 AND status = 'booked'",
        )
        .bind(id)
        .bind(status)
        .bind(cancel_reason)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
        if done.rows_affected() != 1 {
            return Ok(None);
        }
        Self::insert_messages(&mut tx, &messages, now).await?;
        let row = Self::appointment_in(&mut tx, id).await?;
        tx.commit().await.map_err(internal)?;
        Ok(row)
    }

    async fn due_reminders(&self, from: i64, to: i64) -> StoreResult<Vec<ReminderRow>> {
        sqlx::query_as(&format!(
            "SELECT {APPOINTMENT_COLUMNS}, p.phone, p.email, st.first_name || ' ' || st.last_name AS counsellor_name \
             FROM appointments a JOIN allocataires p ON p.id = a.allocataire_id JOIN staff st ON st.id = a.counsellor_id \
             WHERE a.status = 'booked' AND a.reminder_sent_at IS NULL AND a.starts_at > $1 AND a.starts_at <= $2 ORDER BY a.starts_at LIMIT 500"
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(internal)
    }

    async fn write_reminder(
        &self,
        appointment_id: i64,
        starts_at: i64,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("UPDATE appointments SET reminder_sent_at = $3 WHERE id = $1 AND starts_at = $2 AND status = 'booked' AND reminder_sent_at IS NULL")
            .bind(appointment_id)
            .bind(starts_at)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_messages(&mut tx, &messages, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(true)
    }

    async fn claim_messages(&self, now: i64, limit: i64) -> StoreResult<Vec<OutboxRow>> {
        // A claim is a lease: a message left in 'sending' by a crashed worker is due again
        // five minutes later (at-least-once delivery).
        let mut tx = self.write_tx().await?;
        let rows: Vec<OutboxRow> = sqlx::query_as(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1 ORDER BY id LIMIT $2{}",
            if self.backend == Backend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" }
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await
        .map_err(internal)?;
        for r in &rows {
            sqlx::query("UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = $2 WHERE id = $1")
                .bind(r.id)
                .bind(now + 300)
                .execute(&mut *tx)
                .await
                .map_err(internal)?;
        }
        tx.commit().await.map_err(internal)?;
        Ok(rows)
    }

    async fn message_sent(&self, id: i64, now: i64, redact: bool) -> StoreResult<()> {
        sqlx::query(
            "UPDATE outbox SET status = 'sent', sent_at = $2, last_error = NULL, \
             body = CASE WHEN $3 = 1 AND sensitive = 1 THEN '[code masqué après envoi]' ELSE body END WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .bind(i64::from(redact))
        .execute(&self.pool)
        .await
        .map(|_| ())
        .map_err(internal)
    }

    async fn message_failed(&self, id: i64, error: &str, retry_at: Option<i64>) -> StoreResult<()> {
        let (status, next) = match retry_at {
            Some(at) => ("pending", at),
            None => ("failed", i64::MAX / 2),
        };
        sqlx::query(
            "UPDATE outbox SET status = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(status)
        .bind(error.chars().take(300).collect::<String>())
        .bind(next)
        .execute(&self.pool)
        .await
        .map(|_| ())
        .map_err(internal)
    }

    async fn messages(&self, agency_id: Option<i64>, limit: i64) -> StoreResult<Vec<OutboxRow>> {
        sqlx::query_as(&format!("SELECT {OUTBOX_COLUMNS} FROM outbox WHERE ($1 IS NULL OR agency_id = $1) ORDER BY id DESC LIMIT $2"))
            .bind(agency_id)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(internal)
    }

    async fn audit(
        &self,
        at: i64,
        actor: &str,
        action: &str,
        subject: &str,
        outcome: &str,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO audit_log (at, actor, action, subject, outcome) VALUES ($1, $2, $3, $4, $5)")
            .bind(at)
            .bind(actor)
            .bind(action)
            .bind(subject)
            .bind(outcome)
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(internal)
    }

    async fn insert_agency(&self, a: &AgencyRow) -> StoreResult<i64> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO agencies (name, address, phone, email, opening_hours, agency_booking) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&a.name)
        .bind(&a.address)
        .bind(&a.phone)
        .bind(&a.email)
        .bind(&a.opening_hours)
        .bind(a.agency_booking)
        .fetch_one(&self.pool)
        .await
        .map_err(internal)?;
        Ok(id)
    }

    async fn insert_staff(&self, s: &StaffRow) -> StoreResult<i64> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO staff (agency_id, role, first_name, last_name, title, email, phone, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(s.agency_id)
        .bind(&s.role)
        .bind(&s.first_name)
        .bind(&s.last_name)
        .bind(&s.title)
        .bind(&s.email)
        .bind(&s.phone)
        .bind(&s.password_hash)
        .fetch_one(&self.pool)
        .await
        .map_err(internal)?;
        Ok(id)
    }

    async fn insert_allocataires(&self, rows: &[AllocataireRow], now: i64) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        for p in rows {
            sqlx::query(
                "INSERT INTO allocataires (agency_id, counsellor_id, numero, first_name, last_name, phone, email, orientation_date, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(p.agency_id)
            .bind(p.counsellor_id)
            .bind(&p.numero)
            .bind(&p.first_name)
            .bind(&p.last_name)
            .bind(&p.phone)
            .bind(&p.email)
            .bind(&p.orientation_date)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
        }
        tx.commit().await.map_err(internal)
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
            return Err(AppError::Internal);
        }
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.pool)
            .await
            .map_err(internal)?;
        Ok(n)
    }
}
