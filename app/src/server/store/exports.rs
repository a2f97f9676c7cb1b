//! What the WebRSA export reads: an agency's rendez-vous over a period and its contract
//! versions (drafts aside), with the names the file carries.

use super::{ContractRow, StoreResult};
use crate::domain::appointment::{AppointmentReason, AppointmentStatus, Modality};
use crate::domain::AgencyId;
use async_trait::async_trait;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentExportRow {
    pub numero: String,
    pub last_name: String,
    pub first_name: String,
    pub starts_at: i64,
    pub reason: AppointmentReason,
    pub status: AppointmentStatus,
    pub modality: Modality,
    pub counsellor: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractExportRow {
    pub numero: String,
    pub last_name: String,
    pub first_name: String,
    pub contract: ContractRow,
    /// The person's référent today.
    pub counsellor: Option<String>,
}

#[async_trait]
pub trait ExportStore: Send + Sync {
    /// The agency's rendez-vous starting in `[from, to)`, in time order.
    async fn appointments_for_export(
        &self,
        agency: AgencyId,
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<AppointmentExportRow>>;
    /// Every contract version of the agency's people but drafts, by person and version.
    async fn contracts_for_export(&self, agency: AgencyId) -> StoreResult<Vec<ContractExportRow>>;
}
