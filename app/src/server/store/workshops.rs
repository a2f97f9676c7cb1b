//! Collective workshops: sessions, registrations and the waiting list. Every change that
//! moves a seat is one store method, one transaction: the seats are counted and given
//! under the database's write lock, and the messages to the people whose place changed
//! are written into the outbox in the same transaction (the change and its messages
//! commit together or not at all).

use super::{NewAudit, NewMessage, StoreResult};
use crate::domain::workshop::{Attendance, Audience, RegistrationStatus, WorkshopStatus};
use crate::domain::{AgencyId, AllocataireId, RegistrationId, StaffId, WorkshopId};
use async_trait::async_trait;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopRow {
    pub id: WorkshopId,
    pub agency_id: AgencyId,
    pub title: String,
    /// The theme's key, and its own label when it is not one of the usual themes.
    pub theme: String,
    pub theme_label: Option<String>,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub video_url: Option<String>,
    pub capacity: i64,
    pub audience: Audience,
    pub registration_deadline: i64,
    pub facilitator_id: Option<StaffId>,
    /// Who runs it, as staff wrote it.
    pub facilitators: String,
    /// The first session of its series (None: a single session).
    pub series_id: Option<WorkshopId>,
    /// The calendar SEQUENCE (raised by each change people are told of).
    pub sequence: i64,
    pub status: WorkshopStatus,
    /// Registered or offered: the seats taken.
    pub seats_held: i64,
    pub waiting: i64,
}

#[derive(Debug, Clone)]
pub struct NewWorkshop {
    pub agency_id: AgencyId,
    pub title: String,
    pub theme: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub video_url: Option<String>,
    pub capacity: i64,
    pub audience: Audience,
    pub registration_deadline: i64,
    pub facilitator_id: Option<StaffId>,
    pub facilitators: String,
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
    /// Why they are told.
    pub notice: Notice,
}

/// Why a person is told: their place moved, or news of a session they are on (or
/// invited to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Registered, put on the waiting list, offered a seat, expired, cancelled.
    Place,
    /// The « rappel » before the session.
    Reminder,
    /// The session's time or place changed.
    Changed,
    /// Invited to the session.
    Invited,
}

/// A person invited to a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRow {
    pub allocataire_id: AllocataireId,
    pub numero: String,
    pub first_name: String,
    pub last_name: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InviteOutcome {
    /// Newly invited (and told).
    pub invited: usize,
    /// Already invited before: not told again.
    pub already: usize,
    /// Numéros with no file in the session's agency.
    pub unknown: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    /// Saved: `told` people were told of the new time or place, `offered` seats went to
    /// the waiting list.
    Saved { told: usize, offered: usize },
    /// Refused: this many seats are held (above the new capacity).
    BelowHeld(i64),
    /// Cancelled (or gone): nothing to edit.
    NotScheduled,
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
    /// Creates one session, or a series (every session after the first points to it), in
    /// one transaction. Returns the ids in order.
    async fn create_workshops(
        &self,
        sessions: &[NewWorkshop],
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<Vec<WorkshopId>>;
    /// Edits a scheduled session (its agency and author stay). A new time or place raises
    /// the calendar sequence and tells everyone holding a place or waiting; a capacity
    /// below the seats held is refused; new seats go to the waiting list.
    async fn update_workshop(
        &self,
        workshop: WorkshopId,
        w: &NewWorkshop,
        window: i64,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<EditOutcome>;
    /// Invites people of the session's agency by numéro, and tells each new one.
    async fn invite(
        &self,
        workshop: WorkshopId,
        numeros: &[String],
        by: Option<StaffId>,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<InviteOutcome>;
    /// The people invited to a session, in the order they were invited.
    async fn invitations(&self, workshop: WorkshopId) -> StoreResult<Vec<InvitationRow>>;
    async fn workshop(&self, id: WorkshopId) -> StoreResult<Option<WorkshopRow>>;
    /// Sessions a person may join: their agency's own, those open to all agencies, and
    /// those they are invited to; scheduled, not started, soonest first.
    async fn open_workshops(
        &self,
        agency: AgencyId,
        person: AllocataireId,
        now: i64,
    ) -> StoreResult<Vec<WorkshopRow>>;
    async fn is_invited(&self, workshop: WorkshopId, person: AllocataireId) -> StoreResult<bool>;
    /// The status of a person's latest place on a session (None: never had one).
    async fn place_status(
        &self,
        workshop: WorkshopId,
        person: AllocataireId,
    ) -> StoreResult<Option<RegistrationStatus>>;
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
