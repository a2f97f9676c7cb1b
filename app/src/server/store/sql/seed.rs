use super::SqlStore;
use crate::domain::appointment::Modality;
use crate::domain::contract::{ContractStatus, Signature};
use crate::domain::{AgencyId, AllocataireId, StaffId};
use crate::server::store::{
    AgencyRow, AllocataireRow, SeedContract, SeedMeeting, SeedStore, StaffRow, StoreResult,
};
use async_trait::async_trait;

#[async_trait]
impl SeedStore for SqlStore {
    async fn insert_agency(&self, a: &AgencyRow) -> StoreResult<AgencyId> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO agencies (name, address, phone, email, opening_hours, agency_booking, booking_cutoff_hours, change_cutoff_hours, max_upcoming_online) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(&a.name)
        .bind(&a.address)
        .bind(&a.phone)
        .bind(&a.email)
        .bind(&a.opening_hours)
        .bind(i64::from(a.agency_booking))
        .bind(a.rules.booking_cutoff_hours)
        .bind(a.rules.change_cutoff_hours)
        .bind(a.rules.max_upcoming_online)
        .fetch_one(&self.pool)
        .await?;
        Ok(AgencyId(id))
    }

    async fn insert_staff(&self, s: &StaffRow) -> StoreResult<StaffId> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO staff (agency_id, role, first_name, last_name, title, email, phone, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(s.agency_id.map(i64::from))
        .bind(s.role.as_str())
        .bind(&s.first_name)
        .bind(&s.last_name)
        .bind(&s.title)
        .bind(&s.email)
        .bind(&s.phone)
        .bind(&s.password_hash)
        .fetch_one(&self.pool)
        .await?;
        Ok(StaffId(id))
    }

    async fn insert_allocataires(
        &self,
        rows: &[AllocataireRow],
        now: i64,
    ) -> StoreResult<Vec<AllocataireId>> {
        let mut tx = self.write_tx().await?;
        let mut ids = Vec::with_capacity(rows.len());
        for p in rows {
            ids.push(Self::insert_allocataire(&mut tx, p, now).await?);
        }
        tx.commit().await?;
        Ok(ids)
    }

    async fn insert_meetings(&self, rows: &[SeedMeeting], now: i64) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        for m in rows {
            let s = &m.slot;
            let (slot,): (i64,) = sqlx::query_as(
                "INSERT INTO slots (agency_id, counsellor_id, starts_at, ends_at, modalities, location, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(s.agency_id.0)
            .bind(s.counsellor_id.0)
            .bind(s.starts_at)
            .bind(s.ends_at)
            .bind(Modality::join(&s.modalities))
            .bind(&s.location)
            .bind(m.booked_at.min(now))
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO appointments (uid, slot_id, allocataire_id, counsellor_id, agency_id, starts_at, ends_at, modality, location, reason, status, booked_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
            )
            .bind(format!("seed-{slot}@portail-ali"))
            .bind(slot)
            .bind(m.allocataire_id.0)
            .bind(s.counsellor_id.0)
            .bind(s.agency_id.0)
            .bind(s.starts_at)
            .bind(s.ends_at)
            .bind(m.modality.as_str())
            .bind(&s.location)
            .bind(m.reason.as_str())
            .bind(m.status.as_str())
            .bind(m.booked_by.as_str())
            .bind(m.booked_at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn insert_contracts(&self, rows: &[SeedContract]) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        for c in rows {
            let t = &c.terms;
            sqlx::query(
                "INSERT INTO contracts (allocataire_id, version, kind, status, objectives, person_commitments, agency_commitments, planned_actions, \
                 duration_months, starts_on, ends_on, weekly_hours, created_by, created_at, updated_at, proposed_at, signed_at, signature, validated_at, signature_recorded_by) \
                 VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $15, $16, $17, $18)",
            )
            .bind(c.allocataire_id.0)
            .bind(t.kind.as_str())
            .bind(c.status.as_str())
            .bind(&t.objectives)
            .bind(&t.person_commitments)
            .bind(&t.agency_commitments)
            .bind(&t.planned_actions)
            .bind(i64::from(t.duration_months))
            .bind(t.starts_on.to_string())
            .bind(t.ends_on.to_string())
            .bind(t.weekly_hours.map(i64::from))
            .bind(c.created_by.0)
            .bind(c.proposed_at)
            .bind(c.validated_at.or(c.signed_at).unwrap_or(c.proposed_at))
            .bind(c.signed_at)
            .bind(c.signature.map(|s| s.as_str()))
            .bind(c.validated_at)
            // A paper signature is recorded by the counsellor who drafted it.
            .bind((c.signature == Some(Signature::Paper)).then_some(c.created_by.0))
            .execute(&mut *tx)
            .await?;
            let state = match c.status {
                ContractStatus::Validated => "en_cours",
                ContractStatus::Signed => "contractualise",
                _ => continue,
            };
            sqlx::query(
                "INSERT INTO pathways (allocataire_id, state, started_on, updated_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(c.allocataire_id.0)
            .bind(state)
            .bind(t.starts_on.to_string())
            .bind(c.validated_at.or(c.signed_at).unwrap_or(c.proposed_at))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
