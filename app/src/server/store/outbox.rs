//! The outbox: messages written with the change they announce, delivered by a worker;
//! reminders flagged and written once.

use super::{AppointmentRow, StoreResult};
use crate::domain::{AgencyId, AllocataireId, AppointmentId};
use async_trait::async_trait;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Email => "email",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Sms, Self::Email]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    /// Claimed by a worker (a lease: due again five minutes later if it crashed).
    Sending,
    Sent,
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Sending, Self::Sent, Self::Failed]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: i64,
    pub agency_id: Option<AgencyId>,
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub ics: Option<String>,
    pub sensitive: bool,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// A message to write into the outbox, in the same transaction as the change it announces.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    pub agency_id: Option<AgencyId>,
    pub allocataire_id: Option<AllocataireId>,
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub ics: Option<String>,
    /// Holds a secret (a sign-in code): the body is redacted once delivered.
    pub sensitive: bool,
    pub dedupe_key: Option<String>,
}

/// An appointment whose reminder is due, with what the message needs of its person.
#[derive(Debug, Clone)]
pub struct ReminderRow {
    pub appointment: AppointmentRow,
    pub first_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Booked appointments starting in (`from`, `to`], not yet reminded, whose last
    /// confirmation (booking or move) is at or before `confirmed_before`.
    async fn due_reminders(
        &self,
        from: i64,
        to: i64,
        confirmed_before: i64,
    ) -> StoreResult<Vec<ReminderRow>>;
    /// Marks the reminder sent and writes its messages, once per appointment time.
    async fn write_reminder(
        &self,
        appointment_id: AppointmentId,
        starts_at: i64,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<bool>;
    /// Leases up to `limit` due messages to this worker.
    async fn claim_messages(&self, now: i64, limit: i64) -> StoreResult<Vec<OutboxRow>>;
    async fn message_sent(&self, id: i64, now: i64, redact: bool) -> StoreResult<()>;
    async fn message_failed(&self, id: i64, error: &str, retry_at: Option<i64>) -> StoreResult<()>;
    async fn messages(
        &self,
        agency_id: Option<AgencyId>,
        limit: i64,
    ) -> StoreResult<Vec<OutboxRow>>;
}
