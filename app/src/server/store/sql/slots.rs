use super::{flag, id, in_list, parsed, SqlStore, Tx};
use crate::domain::appointment::{Modality, SlotStatus};
use crate::domain::{SlotId, StaffId};
use crate::server::store::slots::*;
use crate::server::store::{Conflict, NewAudit, StoreError, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for SlotRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            agency_id: id(r, "agency_id")?,
            counsellor_id: id(r, "counsellor_id")?,
            starts_at: r.try_get("starts_at")?,
            ends_at: r.try_get("ends_at")?,
            modalities: parsed(r, "modalities", Modality::parse_stored_list)?,
            location: r.try_get("location")?,
            status: parsed(r, "status", SlotStatus::parse)?,
            booked: flag(r, "booked")?,
        })
    }
}

pub(super) const SLOT_COLUMNS: &str = "s.id, s.agency_id, s.counsellor_id, s.starts_at, s.ends_at, s.modalities, s.location, s.status, \
     CASE WHEN EXISTS (SELECT 1 FROM appointments b WHERE b.slot_id = s.id AND b.status = 'booked') THEN 1 ELSE 0 END AS booked";

impl SqlStore {
    /// The slot a booking or a move takes, read inside the transaction: it must exist, be
    /// open, in the future and free.
    pub(super) async fn bookable_slot_in(
        tx: &mut Tx,
        id: SlotId,
        now: i64,
    ) -> StoreResult<SlotRow> {
        let slot: Option<SlotRow> = sqlx::query_as(&format!(
            "SELECT {SLOT_COLUMNS} FROM slots s WHERE s.id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
        let slot = slot.ok_or(StoreError::Conflict(Conflict::SlotGone))?;
        if slot.status != SlotStatus::Open || slot.starts_at <= now {
            return Err(StoreError::Conflict(Conflict::SlotNotOffered));
        }
        if slot.booked {
            return Err(StoreError::Conflict(Conflict::SlotTaken));
        }
        Ok(slot)
    }
}

#[async_trait]
impl SlotStore for SqlStore {
    async fn create_slots(
        &self,
        slots: &[NewSlot],
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<usize> {
        let mut tx = self.write_tx().await?;
        for s in slots {
            sqlx::query("INSERT INTO slots (agency_id, counsellor_id, starts_at, ends_at, modalities, location, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(s.agency_id.0)
                .bind(s.counsellor_id.0)
                .bind(s.starts_at)
                .bind(s.ends_at)
                .bind(Modality::join(&s.modalities))
                .bind(&s.location)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(slots.len())
    }

    async fn slot(&self, id: SlotId) -> StoreResult<Option<SlotRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {SLOT_COLUMNS} FROM slots s WHERE s.id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn slots(
        &self,
        counsellors: &[StaffId],
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<SlotRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {SLOT_COLUMNS} FROM slots s WHERE {} AND s.status = 'open' AND s.starts_at >= $1 AND s.starts_at < $2 ORDER BY s.starts_at, s.counsellor_id",
            in_list("s.counsellor_id", counsellors)
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn free_slots(
        &self,
        counsellors: &[StaffId],
        from: i64,
        to: i64,
        limit: i64,
    ) -> StoreResult<Vec<SlotRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT s.id, s.agency_id, s.counsellor_id, s.starts_at, s.ends_at, s.modalities, s.location, s.status, 0 AS booked \
             FROM slots s WHERE {} AND s.status = 'open' AND s.starts_at >= $1 AND s.starts_at < $2 \
             AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.slot_id = s.id AND b.status = 'booked') \
             ORDER BY s.starts_at, s.counsellor_id LIMIT $3",
            in_list("s.counsellor_id", counsellors)
        ))
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn close_slot(
        &self,
        id: SlotId,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE slots SET status = 'closed' WHERE id = $1 AND status = 'open' \
             AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.slot_id = slots.id AND b.status = 'booked')",
        )
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn close_free_slots_between(
        &self,
        counsellor_id: StaffId,
        from: i64,
        to: i64,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<u64> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE slots SET status = 'closed' WHERE counsellor_id = $1 AND status = 'open' AND starts_at < $3 AND ends_at > $2 \
             AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.slot_id = slots.id AND b.status = 'booked')",
        )
        .bind(counsellor_id.0)
        .bind(from)
        .bind(to)
        .execute(&mut *tx)
        .await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }
}
