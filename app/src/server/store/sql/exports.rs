use super::{parsed, SqlStore};
use crate::domain::appointment::{AppointmentReason, AppointmentStatus, Modality};
use crate::domain::AgencyId;
use crate::server::store::exports::*;
use crate::server::store::{ContractRow, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for AppointmentExportRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            numero: r.try_get("numero")?,
            last_name: r.try_get("last_name")?,
            first_name: r.try_get("first_name")?,
            starts_at: r.try_get("starts_at")?,
            reason: parsed(r, "reason", AppointmentReason::parse)?,
            status: parsed(r, "status", AppointmentStatus::parse)?,
            modality: parsed(r, "modality", Modality::parse)?,
            counsellor: r.try_get("counsellor")?,
        })
    }
}

#[async_trait]
impl ExportStore for SqlStore {
    async fn appointments_for_export(
        &self,
        agency: AgencyId,
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<AppointmentExportRow>> {
        Ok(sqlx::query_as(
            "SELECT p.numero, p.last_name, p.first_name, a.starts_at, a.reason, a.status, a.modality, \
             s.first_name || ' ' || s.last_name AS counsellor \
             FROM appointments a JOIN allocataires p ON p.id = a.allocataire_id JOIN staff s ON s.id = a.counsellor_id \
             WHERE a.agency_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 ORDER BY a.starts_at, a.id",
        )
        .bind(agency.0)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn contracts_for_export(&self, agency: AgencyId) -> StoreResult<Vec<ContractExportRow>> {
        let rows = sqlx::query(
            "SELECT c.id, c.allocataire_id, c.version, c.kind, c.status, c.objectives, c.person_commitments, c.agency_commitments, \
             c.planned_actions, c.duration_months, c.starts_on, c.ends_on, c.weekly_hours, c.change_request, c.created_by, \
             c.proposed_at, c.signed_at, c.signature, c.signature_recorded_by, c.validated_at, c.validated_by, \
             p.numero, p.last_name, p.first_name, s.first_name || ' ' || s.last_name AS counsellor \
             FROM contracts c JOIN allocataires p ON p.id = c.allocataire_id LEFT JOIN staff s ON s.id = p.counsellor_id \
             WHERE p.agency_id = $1 AND c.status <> 'brouillon' ORDER BY p.numero, c.version",
        )
        .bind(agency.0)
        .fetch_all(&self.pool)
        .await?;
        let decode = |r: &AnyRow| -> sqlx::Result<ContractExportRow> {
            Ok(ContractExportRow {
                numero: r.try_get("numero")?,
                last_name: r.try_get("last_name")?,
                first_name: r.try_get("first_name")?,
                contract: ContractRow::from_row(r)?,
                counsellor: r.try_get("counsellor")?,
            })
        };
        Ok(rows.iter().map(decode).collect::<sqlx::Result<_>>()?)
    }
}
