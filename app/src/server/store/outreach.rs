//! « Aller vers »: what the worklist reads of each open file, and the contact attempts.

use super::{NewAudit, NewMessage, StoreResult};
use crate::domain::appointment::AppointmentStatus;
use crate::domain::outreach::ContactChannel;
use crate::domain::{AgencyId, AllocataireId, StaffId};
use async_trait::async_trait;
use chrono::NaiveDate;

/// One open file with what the worklist's rule needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutreachRow {
    pub id: AllocataireId,
    pub numero: String,
    pub first_name: String,
    pub last_name: String,
    pub counsellor_id: Option<StaffId>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub orientation_date: NaiveDate,
    pub last_held_at: Option<i64>,
    /// The last past rendez-vous held, missed or excused, and its status.
    pub last_past: Option<(i64, AppointmentStatus)>,
    pub booked_ahead: bool,
    pub last_reached_at: Option<i64>,
    pub last_attempt_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub channel: ContactChannel,
    pub reached: bool,
    pub note: String,
    pub created_by: Option<StaffId>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub allocataire_id: AllocataireId,
    pub channel: ContactChannel,
    pub reached: bool,
    pub note: String,
    pub created_by: Option<StaffId>,
}

#[async_trait]
pub trait OutreachStore: Send + Sync {
    /// Every open file of the agency (of one counsellor, if set), by name.
    async fn outreach_files(
        &self,
        agency: AgencyId,
        counsellor: Option<StaffId>,
        now: i64,
    ) -> StoreResult<Vec<OutreachRow>>;
    /// A person's contact attempts, newest first.
    async fn contacts_of(&self, person: AllocataireId) -> StoreResult<Vec<ContactRow>>;
    async fn add_contact(&self, c: &NewContact, audit: &NewAudit, now: i64) -> StoreResult<()>;
    /// A grouped message: for each person, their message(s) and the attempt logged on
    /// their file, all in one transaction.
    async fn send_group(
        &self,
        sends: &[(NewContact, Vec<NewMessage>)],
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<()>;
}
