//! The persistence port. All SQL lives below this module. One trait; `SqlStore` runs it on
//! SQLite (embedded default) or PostgreSQL, chosen by the `DATABASE_URL` scheme.

mod sql;

pub use sql::{Backend, SqlStore};

use crate::domain::{error::AppError, inputs::Identifier};
use async_trait::async_trait;

pub type StoreResult<T> = Result<T, AppError>;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AgencyRow {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub opening_hours: String,
    pub agency_booking: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub agency_id: Option<i64>,
    pub role: String,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub password_hash: String,
    pub disabled: i64,
    pub session_epoch: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AllocataireRow {
    pub id: i64,
    pub agency_id: i64,
    pub counsellor_id: Option<i64>,
    pub numero: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub orientation_date: String,
    pub disabled: i64,
    pub session_epoch: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SlotRow {
    pub id: i64,
    pub agency_id: i64,
    pub counsellor_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub modalities: String,
    pub location: String,
    pub status: String,
    /// 1 when an active appointment holds the slot.
    pub booked: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AppointmentRow {
    pub id: i64,
    pub uid: String,
    pub slot_id: i64,
    pub allocataire_id: i64,
    pub counsellor_id: i64,
    pub agency_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub modality: String,
    pub location: String,
    pub reason: String,
    pub status: String,
    pub cancel_reason: Option<String>,
    pub sequence: i64,
}

/// An appointment with the names staff need on an agenda.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AgendaRow {
    #[sqlx(flatten)]
    pub appointment: AppointmentRow,
    pub allocataire_name: String,
    pub counsellor_name: String,
}

/// One line of a caseload ("file active").
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseloadRow {
    pub id: i64,
    pub agency_id: i64,
    pub counsellor_id: Option<i64>,
    pub numero: String,
    pub first_name: String,
    pub last_name: String,
    pub orientation_date: String,
    pub next_appointment_at: Option<i64>,
    pub attended_count: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoginCodeRow {
    pub id: i64,
    pub allocataire_id: i64,
    pub code_hash: String,
    pub expires_at: i64,
    pub attempts: i64,
    pub used_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub agency_id: Option<i64>,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub ics: Option<String>,
    pub sensitive: i64,
    pub status: String,
    pub attempts: i64,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// A message to write into the outbox, in the same transaction as the change it announces.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    pub agency_id: Option<i64>,
    pub allocataire_id: Option<i64>,
    pub channel: &'static str,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub ics: Option<String>,
    /// Holds a secret (a sign-in code): the body is redacted once delivered.
    pub sensitive: bool,
    pub dedupe_key: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewSlot {
    pub agency_id: i64,
    pub counsellor_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub modalities: String,
    pub location: String,
}

#[derive(Debug, Clone)]
pub struct NewAppointment {
    pub uid: String,
    pub slot_id: i64,
    pub allocataire_id: i64,
    pub modality: String,
    pub reason: String,
    pub booked_by: &'static str,
    pub idempotency_key: Option<String>,
    /// At most this many upcoming active appointments for the allocataire (None: no limit).
    pub max_upcoming: Option<i64>,
}

#[derive(Debug, Clone)]
pub enum BookOutcome {
    Created(AppointmentRow),
    /// The same idempotency key was already used: nothing new was written.
    Replayed(AppointmentRow),
}

impl BookOutcome {
    pub fn appointment(&self) -> &AppointmentRow {
        match self {
            Self::Created(a) | Self::Replayed(a) => a,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    Accepted { allocataire_id: i64 },
    Wrong { attempts_left: i64 },
    ExpiredOrUsed,
}

/// Who a session belongs to, as stored: (kind, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    Allocataire(i64),
    Staff(i64),
}

/// Data for writing a reminder.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReminderRow {
    #[sqlx(flatten)]
    pub appointment: AppointmentRow,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub counsellor_name: String,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    fn backend(&self) -> Backend;
    async fn ping(&self) -> StoreResult<()>;

    // Directory
    async fn agencies(&self) -> StoreResult<Vec<AgencyRow>>;
    async fn agency(&self, id: i64) -> StoreResult<Option<AgencyRow>>;
    async fn staff(&self, id: i64) -> StoreResult<Option<StaffRow>>;
    async fn staff_by_email(&self, email: &str) -> StoreResult<Option<StaffRow>>;
    async fn staff_of_agency(&self, agency_id: i64) -> StoreResult<Vec<StaffRow>>;
    async fn allocataire(&self, id: i64) -> StoreResult<Option<AllocataireRow>>;
    async fn find_allocataire(
        &self,
        identifier: &Identifier<'_>,
    ) -> StoreResult<Option<AllocataireRow>>;
    /// Allocataires of an agency (or one counsellor), with the next active appointment.
    async fn caseload(
        &self,
        agency_id: Option<i64>,
        counsellor_id: Option<i64>,
        now: i64,
    ) -> StoreResult<Vec<CaseloadRow>>;
    async fn session_epoch(&self, who: Principal) -> StoreResult<Option<(i64, bool)>>;
    async fn bump_session_epoch(&self, who: Principal) -> StoreResult<()>;

    // Sign-in
    async fn create_login_code(
        &self,
        allocataire_id: i64,
        code_hash: &str,
        expires_at: i64,
        now: i64,
        message: NewMessage,
    ) -> StoreResult<i64>;
    /// Counts an attempt and, if the hash matches a live code, spends it — atomically.
    async fn check_login_code(
        &self,
        id: i64,
        code_hash: &str,
        now: i64,
        max_attempts: i64,
    ) -> StoreResult<CodeCheck>;
    async fn create_invitation(
        &self,
        allocataire_id: i64,
        token_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> StoreResult<()>;
    /// Spends a live invitation; returns its allocataire.
    async fn take_invitation(&self, token_hash: &str, now: i64) -> StoreResult<Option<i64>>;

    // Slots
    async fn create_slots(&self, slots: &[NewSlot], now: i64) -> StoreResult<usize>;
    async fn slot(&self, id: i64) -> StoreResult<Option<SlotRow>>;
    /// Open slots of these counsellors starting in [from, to), with their booked flag.
    async fn slots(&self, counsellors: &[i64], from: i64, to: i64) -> StoreResult<Vec<SlotRow>>;
    /// The first `limit` free open slots of these counsellors starting in [from, to).
    async fn free_slots(
        &self,
        counsellors: &[i64],
        from: i64,
        to: i64,
        limit: i64,
    ) -> StoreResult<Vec<SlotRow>>;
    /// Closes a slot no appointment holds. Returns false if it is booked or already closed.
    async fn close_slot(&self, id: i64) -> StoreResult<bool>;
    /// Closes the free open slots of a counsellor in [from, to); returns how many.
    async fn close_free_slots_between(
        &self,
        counsellor_id: i64,
        from: i64,
        to: i64,
    ) -> StoreResult<u64>;

    // Appointments
    async fn book(
        &self,
        booking: NewAppointment,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<BookOutcome>;
    async fn appointment(&self, id: i64) -> StoreResult<Option<AppointmentRow>>;
    async fn appointments_of(&self, allocataire_id: i64) -> StoreResult<Vec<AppointmentRow>>;
    async fn agenda(&self, counsellors: &[i64], from: i64, to: i64) -> StoreResult<Vec<AgendaRow>>;
    /// Moves a booked appointment to another free slot (same UID, sequence + 1).
    async fn move_appointment(
        &self,
        id: i64,
        slot_id: i64,
        modality: &str,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<AppointmentRow>;
    /// Sets a final status on a booked appointment. Returns None if it was no longer booked.
    async fn finish_appointment(
        &self,
        id: i64,
        status: &str,
        cancel_reason: Option<&str>,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<Option<AppointmentRow>>;

    // Reminders and outbox
    async fn due_reminders(&self, from: i64, to: i64) -> StoreResult<Vec<ReminderRow>>;
    /// Marks the reminder sent and writes its messages, once per appointment time.
    async fn write_reminder(
        &self,
        appointment_id: i64,
        starts_at: i64,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<bool>;
    async fn claim_messages(&self, now: i64, limit: i64) -> StoreResult<Vec<OutboxRow>>;
    async fn message_sent(&self, id: i64, now: i64, redact: bool) -> StoreResult<()>;
    async fn message_failed(&self, id: i64, error: &str, retry_at: Option<i64>) -> StoreResult<()>;
    async fn messages(&self, agency_id: Option<i64>, limit: i64) -> StoreResult<Vec<OutboxRow>>;

    // Audit
    async fn audit(
        &self,
        at: i64,
        actor: &str,
        action: &str,
        subject: &str,
        outcome: &str,
    ) -> StoreResult<()>;

    // Bulk loading (demo data, benchmarks)
    async fn insert_agency(&self, a: &AgencyRow) -> StoreResult<i64>;
    async fn insert_staff(&self, s: &StaffRow) -> StoreResult<i64>;
    async fn insert_allocataires(&self, rows: &[AllocataireRow], now: i64) -> StoreResult<()>;
    async fn count(&self, table: &str) -> StoreResult<i64>;
}
