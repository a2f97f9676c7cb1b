//! Appointments: booking, moving, finishing — each one transaction with its messages.

use super::{NewAudit, NewMessage, StoreResult};
use crate::domain::appointment::{AppointmentReason, AppointmentStatus, BookedBy, Modality};
use crate::domain::{AgencyId, AllocataireId, AppointmentId, SlotId, StaffId};
use async_trait::async_trait;

#[derive(Debug, Clone)]
pub struct AppointmentRow {
    pub id: AppointmentId,
    pub uid: String,
    pub slot_id: SlotId,
    pub allocataire_id: AllocataireId,
    pub counsellor_id: StaffId,
    pub agency_id: AgencyId,
    pub starts_at: i64,
    pub ends_at: i64,
    pub modality: Modality,
    pub location: String,
    pub reason: AppointmentReason,
    pub status: AppointmentStatus,
    pub cancel_reason: Option<String>,
    pub sequence: i64,
    /// What the person wrote when they moved it (staff read it).
    pub move_reason: Option<String>,
    /// Staff's note on the outcome.
    pub outcome_note: Option<String>,
    /// When staff sent the « relance » of a missed rendez-vous.
    pub relance_sent_at: Option<i64>,
}

/// An appointment with the names staff need on an agenda.
#[derive(Debug, Clone)]
pub struct AgendaRow {
    pub appointment: AppointmentRow,
    pub allocataire_name: String,
    pub counsellor_name: String,
}

#[derive(Debug, Clone)]
pub struct NewAppointment {
    pub uid: String,
    pub slot_id: SlotId,
    pub allocataire_id: AllocataireId,
    pub modality: Modality,
    pub reason: AppointmentReason,
    pub booked_by: BookedBy,
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

/// Where a move takes an appointment, and the person's reason (kept for staff).
#[derive(Debug, Clone, Copy)]
pub struct MoveTo<'a> {
    pub slot_id: SlotId,
    pub modality: Modality,
    pub reason: &'a str,
}

/// How an appointment ends: its final status, the cancellation reason or the outcome note.
#[derive(Debug, Clone, Copy)]
pub struct Finish<'a> {
    pub status: AppointmentStatus,
    pub cancel_reason: Option<&'a str>,
    pub outcome_note: Option<&'a str>,
}

#[async_trait]
pub trait AppointmentStore: Send + Sync {
    /// Books a free, open, future slot (or replays an earlier booking with the same key).
    async fn book(
        &self,
        booking: NewAppointment,
        now: i64,
        messages: Vec<NewMessage>,
        audit: Option<&NewAudit>,
    ) -> StoreResult<BookOutcome>;
    async fn appointment(&self, id: AppointmentId) -> StoreResult<Option<AppointmentRow>>;
    async fn appointments_of(
        &self,
        allocataire_id: AllocataireId,
    ) -> StoreResult<Vec<AppointmentRow>>;
    async fn agenda(
        &self,
        counsellors: &[StaffId],
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<AgendaRow>>;
    /// Moves a booked appointment to another free slot of its agency (same UID, sequence + 1).
    async fn move_appointment(
        &self,
        id: AppointmentId,
        to: MoveTo<'_>,
        now: i64,
        messages: Vec<NewMessage>,
        audit: Option<&NewAudit>,
    ) -> StoreResult<AppointmentRow>;
    /// Sets a final status on a booked appointment. Returns None if it was no longer booked.
    async fn finish_appointment(
        &self,
        id: AppointmentId,
        end: Finish<'_>,
        now: i64,
        messages: Vec<NewMessage>,
        audit: Option<&NewAudit>,
    ) -> StoreResult<Option<AppointmentRow>>;
    /// Writes the « relance » of a missed (or excused) rendez-vous with its messages, once
    /// (false: not such a rendez-vous, or already sent).
    async fn send_relance(
        &self,
        id: AppointmentId,
        now: i64,
        messages: Vec<NewMessage>,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool>;
}
