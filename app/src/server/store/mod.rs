//! The persistence port: the only place with SQL is below this module. One trait per
//! capability, each with its typed rows (decoded into domain types at this boundary: an
//! unknown stored value is an error, never a default); `Store` is their sum. `SqlStore`
//! implements them all on SQLite (embedded default) or PostgreSQL, chosen by the
//! `DATABASE_URL` scheme. One store method is one atomic use case: the race guarantees
//! rest on it.

pub mod agency;
pub mod appointments;
pub mod audit;
pub mod auth;
pub mod caseload;
pub mod contracts;
pub mod directory;
pub mod enrolment;
pub mod exports;
pub mod orientation;
pub mod outbox;
pub mod outreach;
pub mod pathways;
pub mod seed;
pub mod slots;
mod sql;
pub mod surveys;
pub mod team;
pub mod voice;
pub mod workshop_themes;
pub mod workshops;

pub use agency::{AgencyStore, ClosureRow};
pub use appointments::{
    AgendaRow, AppointmentRow, AppointmentStore, BookOutcome, Finish, MoveTo, NewAppointment,
};
pub use audit::{AuditFilter, AuditRow, AuditStore, NewAudit};
pub use auth::{AuthStore, CodeCheck};
pub use caseload::{CaseloadFilter, CaseloadPage, CaseloadQuery, CaseloadSort, CaseloadStore};
pub use contracts::{ContractRow, ContractStore, Step as ContractStep, WishesRow};
pub use directory::{AgencyRow, AllocataireRow, CaseloadRow, DirectoryStore, Principal, StaffRow};
pub use enrolment::{EnrolmentStore, ReferentChange};
pub use exports::{AppointmentExportRow, ContractExportRow, ExportStore};
pub use orientation::{CommuneRow, ImportRow, NewPerson, OrientationStore};
pub use outbox::{Channel, DeliveryStatus, NewMessage, OutboxRow, OutboxStore, ReminderRow};
pub use outreach::{ContactRow, NewContact, OutreachRow, OutreachStore};
pub use pathways::{DueRow, NewStep, PathwayChange, PathwayRow, PathwayStore, RequestRow, StepRow};
pub use seed::{SeedContract, SeedMeeting, SeedStore};
pub use slots::{NewSlot, SlotRow, SlotStore};
pub use sql::{Backend, SqlStore};
pub use surveys::{
    ChoiceCount, ParticipantRow, QuestionChange, Submission, SubmitOutcome, SurveyRow,
    SurveySettings, SurveyStore,
};
pub use team::TeamStore;
pub use voice::{
    Answer, AnswerOutcome, CommentRow, DueEvent, ItemRow, ModerationDecision, NewQuestion,
    PublishedComment, QuestionRow, RatingCount, VoiceStore,
};
pub use workshop_themes::{ThemeRow, ThemeStore};
pub use workshops::{
    CapacityOutcome, EditOutcome, InvitationRow, InviteOutcome, NewWorkshop, Notice, Notices,
    PlaceChange, RegisterOutcome, RegistrationRow, WorkshopRow, WorkshopStore,
};

use async_trait::async_trait;

/// What a store call can fail with. Services choose the words the person reads.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record the change needs does not exist.
    #[error("not found")]
    NotFound,
    /// The change lost against a rule the database guards.
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    /// Anything else (connection, SQL, a stored value that does not decode).
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// The named conflicts a store method reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// Another active appointment holds the slot or overlaps the counsellor's time
    /// (`appointments_one_active_per_slot`, `appointment_overlap`).
    SlotTaken,
    /// The slot no longer exists.
    SlotGone,
    /// The slot is closed or already started.
    SlotNotOffered,
    /// The person already holds as many upcoming appointments as allowed.
    UpcomingLimit,
    /// The appointment is no longer booked (finished, cancelled, moved meanwhile).
    NotBooked,
    /// The agency is already closed that day (`agency_closures` unique per day).
    ClosureExists,
    /// The e-mail already signs a staff member in (`staff.email` unique).
    EmailTaken,
    /// The numéro allocataire already has a file (`allocataires.numero` unique).
    NumeroTaken,
    /// The person already has a contract draft or proposal (`contracts_one_open`).
    ContractOpen,
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The database itself: which backend, is it up, how big.
#[async_trait]
pub trait Database: Send + Sync + 'static {
    fn backend(&self) -> Backend;
    async fn ping(&self) -> StoreResult<()>;
    /// Rows in one of the portal's tables (tests, seed reports).
    async fn count(&self, table: &str) -> StoreResult<i64>;
}

/// Every capability's store.
pub trait Store:
    Database
    + DirectoryStore
    + AuthStore
    + SlotStore
    + AppointmentStore
    + OutboxStore
    + AuditStore
    + AgencyStore
    + CaseloadStore
    + TeamStore
    + EnrolmentStore
    + SeedStore
    + WorkshopStore
    + ThemeStore
    + PathwayStore
    + ContractStore
    + ExportStore
    + OutreachStore
    + OrientationStore
    + VoiceStore
    + SurveyStore
{
}

impl<T> Store for T where
    T: Database
        + DirectoryStore
        + AuthStore
        + SlotStore
        + AppointmentStore
        + OutboxStore
        + AuditStore
        + AgencyStore
        + CaseloadStore
        + TeamStore
        + EnrolmentStore
        + SeedStore
        + WorkshopStore
        + ThemeStore
        + PathwayStore
        + ContractStore
        + ExportStore
        + OutreachStore
        + OrientationStore
        + VoiceStore
        + SurveyStore
{
}
