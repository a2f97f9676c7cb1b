//! The file active at full scale (thousands of people per agency): one page of it,
//! searched, filtered and sorted by the database, with the counts its summary shows.

use super::{CaseloadRow, StoreResult};
use crate::domain::{AgencyId, AllocataireId, StaffId};
use async_trait::async_trait;
use chrono::NaiveDate;

/// Which files a page of the file active lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseloadFilter {
    #[default]
    All,
    /// No first meeting held and the 15-day deadline passed.
    Late,
    /// No first meeting held and the deadline within `deadline::DUE_SOON_DAYS`.
    DueSoon,
    /// No référent yet.
    Unassigned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseloadSort {
    /// Earliest deadline (orientation date) first.
    #[default]
    Deadline,
    Name,
}

#[derive(Debug, Clone)]
pub struct CaseloadQuery {
    pub agency: AgencyId,
    pub counsellor: Option<StaffId>,
    /// A name (or part of it), a numéro allocataire or phone digits.
    pub search: Option<String>,
    pub filter: CaseloadFilter,
    pub sort: CaseloadSort,
    /// Orientations before this day are late (today − 15 days).
    pub late_before: NaiveDate,
    /// Orientations from `late_before` to this day are due soon.
    pub due_until: NaiveDate,
    pub now: i64,
    pub limit: i64,
    pub offset: i64,
}

/// A page of the file active and the counts of the search it belongs to (whatever the
/// filter): everyone, late, due soon, without référent.
#[derive(Debug, Clone)]
pub struct CaseloadPage {
    pub rows: Vec<CaseloadRow>,
    pub total: i64,
    pub late: i64,
    pub due_soon: i64,
    pub unassigned: i64,
}

#[async_trait]
pub trait CaseloadStore: Send + Sync {
    async fn caseload_page(&self, q: &CaseloadQuery) -> StoreResult<CaseloadPage>;
    /// One person's line (the allocataire's file).
    async fn caseload_row(&self, id: AllocataireId, now: i64) -> StoreResult<Option<CaseloadRow>>;
    /// How many people each counsellor of the agency follows.
    async fn caseload_counts(&self, agency: AgencyId) -> StoreResult<Vec<(StaffId, i64)>>;
}
