//! Collective workshops: sessions, registrations and the waiting list. Every change that
//! moves a seat is one store method, one transaction: the seats are counted and given
//! under the database's write lock, and the messages to the people whose place changed
//! are written into the outbox in the same transaction (the change and its messages
//! commit together or not at all).

use super::{NewAudit, NewMessage, StoreResult};
use crate::domain::workshop::{Attendance, Audience, RegistrationStatus, Theme, WorkshopStatus};
use crate::domain::{AgencyId, AllocataireId, RegistrationId, StaffId, WorkshopId};
use async_trait::async_trait;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopRow {
    pub id: WorkshopId,
    pub agency_id: AgencyId,
    pub title: String,
    pub theme: Theme,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub video_url: Option<String>,
    pub capacity: i64,
    pub audience: Audience,
    pub registration_deadline: i64,
    pub facilitator_id: Option<StaffId>,
    pub status: WorkshopStatus,
    /// Registered or offered: the seats taken.
    pub seats_held: i64,
    pub waiting: i64,
}

#[derive(Debug, Clone)]
pub struct NewWorkshop {
    pub agency_id: AgencyId,
    pub title: String,
    pub theme: Theme,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub video_url: Option<String>,
    pub capacity: i64,
    pub audience: Audience,
    pub registration_deadline: i64,
    pub facilitator_id: Option<StaffId>,
    pub created_by: Option<StaffId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationRow {
    pub id: RegistrationId,
    pub workshop_id: WorkshopId,
    pub allocataire_id: AllocataireId,
    pub numero: String,
    pub first_name: String,
    pub last_name: String,
    pub status: RegistrationStatus,
    pub offered_until: Option<i64>,
    pub attendance: Option<Attendance>,
    pub created_at: i64,
}

/// A person whose place a change moved (registered, put on the waiting list, offered a
/// freed seat, told of a cancellation), with what their messages need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceChange {
    pub allocataire_id: AllocataireId,
    pub first_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: RegistrationStatus,
    pub offered_until: Option<i64>,
    /// The « rappel » before the session (not a change of place).
    pub reminder: bool,
}

/// Builds the messages of one place change (services own the words).
pub type Notices<'a> = &'a (dyn Fn(&WorkshopRow, &PlaceChange) -> Vec<NewMessage> + Send + Sync);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterOutcome {
    /// Registered or on the waiting list.
    Created(RegistrationStatus),
    /// The same key again: what the first try gave, nothing new.
    Replayed(RegistrationStatus),
    /// The person already holds an active place.
    AlreadyIn(RegistrationStatus),
    /// Past the deadline, cancelled or started.
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityOutcome {
    /// Saved; this many people of the waiting list were offered a seat.
    Saved { offered: usize },
    /// Refused: this many seats are held.
    BelowHeld(i64),
}

#[async_trait]
pub trait WorkshopStore: Send + Sync {
    async fn create_workshop(
        &self,
        w: &NewWorkshop,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<WorkshopId>;
    async fn workshop(&self, id: WorkshopId) -> StoreResult<Option<WorkshopRow>>;
    /// Sessions an agency's allocataires may join (the agency's own, and those open to
    /// all agencies), scheduled, not started, soonest first.
    async fn open_workshops(&self, agency: AgencyId, now: i64) -> StoreResult<Vec<WorkshopRow>>;
    /// The agency's sessions from `from` on (cancelled ones included), soonest first.
    async fn agency_workshops(&self, agency: AgencyId, from: i64) -> StoreResult<Vec<WorkshopRow>>;
    /// Everyone on a session: the registered and offered first, then the waiting list in
    /// arrival order, then those who left.
    async fn registrations(&self, workshop: WorkshopId) -> StoreResult<Vec<RegistrationRow>>;
    /// A person's registrations (any status), with their sessions, soonest first.
    async fn my_registrations(
        &self,
        person: AllocataireId,
    ) -> StoreResult<Vec<(WorkshopRow, RegistrationRow)>>;
    /// Registers, or puts on the waiting list when full.
    #[allow(clippy::too_many_arguments)]
    async fn register(
        &self,
        workshop: WorkshopId,
        person: AllocataireId,
        key: &str,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<RegisterOutcome>;
    /// The person leaves (a place or the waiting list); a freed seat is offered to the
    /// first person waiting for `window` seconds at most. False: nothing to leave.
    async fn leave(
        &self,
        workshop: WorkshopId,
        person: AllocataireId,
        window: i64,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool>;
    /// The person takes the seat offered to them (before it expires). False: no offer.
    async fn confirm_offer(
        &self,
        workshop: WorkshopId,
        person: AllocataireId,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool>;
    /// Offers past their time expire and their seats go to the next people waiting.
    /// Returns the number of offers that expired.
    async fn expire_offers(
        &self,
        window: i64,
        notices: Notices<'_>,
        now: i64,
    ) -> StoreResult<usize>;
    async fn set_capacity(
        &self,
        workshop: WorkshopId,
        capacity: i64,
        window: i64,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<CapacityOutcome>;
    /// Cancels a scheduled session; every active place is cancelled and told. False:
    /// already cancelled.
    async fn cancel_workshop(
        &self,
        workshop: WorkshopId,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool>;
    /// Writes the reminder of every registered place whose session starts in `(from, to]`
    /// and that was confirmed before `confirmed_before`, once per place (each in its own
    /// transaction with its messages). Returns the number written.
    async fn remind_workshops(
        &self,
        from: i64,
        to: i64,
        confirmed_before: i64,
        notices: Notices<'_>,
        now: i64,
    ) -> StoreResult<usize>;
    /// Marks a registered person present, absent or excused. False: not registered there.
    async fn record_attendance(
        &self,
        workshop: WorkshopId,
        registration: RegistrationId,
        attendance: Attendance,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool>;
}
