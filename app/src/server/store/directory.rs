//! Agencies, staff and allocataires: who is who, caseloads, and the session epochs that
//! let "sign out everywhere" and disabling an account end every session.

use super::StoreResult;
use crate::domain::inputs::Identifier;
use crate::domain::{Actor, AgencyId, AllocataireId, StaffId, StaffRole};
use async_trait::async_trait;
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct AgencyRow {
    pub id: AgencyId,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub opening_hours: String,
    /// Allocataires may book any counsellor of the agency, not only their référent.
    pub agency_booking: bool,
    /// Its online booking rules (cut-offs, upcoming limit).
    pub rules: crate::domain::agency::BookingRules,
}

#[derive(Debug, Clone)]
pub struct StaffRow {
    pub id: StaffId,
    pub agency_id: Option<AgencyId>,
    pub role: StaffRole,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub password_hash: String,
    pub disabled: bool,
    pub session_epoch: i64,
    /// When they last signed in (managers see it).
    pub last_sign_in_at: Option<i64>,
}

impl StaffRow {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

#[derive(Debug, Clone)]
pub struct AllocataireRow {
    pub id: AllocataireId,
    pub agency_id: AgencyId,
    pub counsellor_id: Option<StaffId>,
    pub numero: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub orientation_date: NaiveDate,
    pub disabled: bool,
    pub session_epoch: i64,
}

impl AllocataireRow {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// One line of a caseload ("file active"): the person and where they stand.
#[derive(Debug, Clone)]
pub struct CaseloadRow {
    pub person: AllocataireRow,
    pub next_appointment_at: Option<i64>,
    pub attended_count: i64,
}

/// Who a session or an audit line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    Allocataire(AllocataireId),
    Staff(StaffId),
}

impl From<&Actor> for Principal {
    fn from(actor: &Actor) -> Self {
        match actor {
            Actor::Allocataire { id, .. } => Self::Allocataire(*id),
            Actor::Staff { id, .. } => Self::Staff(*id),
        }
    }
}

/// How the audit trail names a principal ("allocataire:12", "staff:3").
impl std::fmt::Display for Principal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Allocataire(id) => write!(f, "allocataire:{id}"),
            Self::Staff(id) => write!(f, "staff:{id}"),
        }
    }
}

#[async_trait]
pub trait DirectoryStore: Send + Sync {
    async fn agencies(&self) -> StoreResult<Vec<AgencyRow>>;
    async fn agency(&self, id: AgencyId) -> StoreResult<Option<AgencyRow>>;
    async fn staff(&self, id: StaffId) -> StoreResult<Option<StaffRow>>;
    async fn staff_by_email(&self, email: &str) -> StoreResult<Option<StaffRow>>;
    /// Active staff of an agency, by name.
    async fn staff_of_agency(&self, agency_id: AgencyId) -> StoreResult<Vec<StaffRow>>;
    async fn allocataire(&self, id: AllocataireId) -> StoreResult<Option<AllocataireRow>>;
    /// The one active allocataire matching (none if several share a phone).
    async fn find_allocataire(
        &self,
        identifier: &Identifier<'_>,
    ) -> StoreResult<Option<AllocataireRow>>;
    /// Allocataires of an agency (or one counsellor), with the next active appointment.
    async fn caseload(
        &self,
        agency_id: Option<AgencyId>,
        counsellor_id: Option<StaffId>,
        now: i64,
    ) -> StoreResult<Vec<CaseloadRow>>;
    /// (epoch, disabled) of an account.
    async fn session_epoch(&self, who: Principal) -> StoreResult<Option<(i64, bool)>>;
    async fn bump_session_epoch(&self, who: Principal) -> StoreResult<()>;
}
