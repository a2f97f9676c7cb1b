use super::{booking_error, id, in_list, parsed, SqlStore, Tx};
use crate::domain::appointment::{AppointmentReason, AppointmentStatus, Modality};
use crate::domain::{AllocataireId, AppointmentId, StaffId};
use crate::server::store::appointments::*;
use crate::server::store::{Conflict, NewAudit, NewMessage, StoreError, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for AppointmentRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            uid: r.try_get("uid")?,
            slot_id: id(r, "slot_id")?,
            allocataire_id: id(r, "allocataire_id")?,
            counsellor_id: id(r, "counsellor_id")?,
            agency_id: id(r, "agency_id")?,
            starts_at: r.try_get("starts_at")?,
            ends_at: r.try_get("ends_at")?,
            modality: parsed(r, "modality", Modality::parse)?,
            location: r.try_get("location")?,
            reason: parsed(r, "reason", AppointmentReason::parse)?,
            status: parsed(r, "status", AppointmentStatus::parse)?,
            cancel_reason: r.try_get("cancel_reason")?,
            sequence: r.try_get("sequence")?,
            move_reason: r.try_get("move_reason")?,
            outcome_note: r.try_get("outcome_note")?,
            relance_sent_at: r.try_get("relance_sent_at")?,
        })
    }
}

impl FromRow<'_, AnyRow> for AgendaRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            appointment: AppointmentRow::from_row(r)?,
            allocataire_name: r.try_get("allocataire_name")?,
            counsellor_name: r.try_get("counsellor_name")?,
        })
    }
}

pub(super) const APPOINTMENT_COLUMNS: &str = "a.id, a.uid, a.slot_id, a.allocataire_id, a.counsellor_id, a.agency_id, a.starts_at, a.ends_at, a.modality, a.location, a.reason, a.status, a.cancel_reason, a.sequence, a.move_reason, a.outcome_note, a.relance_sent_at";

impl SqlStore {
    async fn appointment_in(tx: &mut Tx, id: AppointmentId) -> StoreResult<AppointmentRow> {
        let row: Option<AppointmentRow> = sqlx::query_as(&format!(
            "SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
        row.ok_or(StoreError::NotFound)
    }
}

#[async_trait]
impl AppointmentStore for SqlStore {
    async fn book(
        &self,
        b: NewAppointment,
        now: i64,
        messages: Vec<NewMessage>,
        audit: Option<&NewAudit>,
    ) -> StoreResult<BookOutcome> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "allocataires", b.allocataire_id.0)
            .await?;
        if let Some(key) = &b.idempotency_key {
            let existing: Option<AppointmentRow> = sqlx::query_as(&format!(
                "SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.allocataire_id = $1 AND a.idempotency_key = $2"
            ))
            .bind(b.allocataire_id.0)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(existing) = existing {
                return Ok(BookOutcome::Replayed(existing));
            }
        }
        self.lock(&mut tx, "slots", b.slot_id.0).await?;
        let slot = Self::bookable_slot_in(&mut tx, b.slot_id, now).await?;
        if let Some(max) = b.max_upcoming {
            let (upcoming,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM appointments WHERE allocataire_id = $1 AND status = 'booked' AND starts_at > $2")
                .bind(b.allocataire_id.0)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            if upcoming >= max {
                return Err(StoreError::Conflict(Conflict::UpcomingLimit));
            }
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO appointments (uid, slot_id, allocataire_id, counsellor_id, agency_id, starts_at, ends_at, modality, location, reason, status, booked_by, idempotency_key, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'booked', $11, $12, $13, $13) RETURNING id",
        )
        .bind(&b.uid)
        .bind(slot.id.0)
        .bind(b.allocataire_id.0)
        .bind(slot.counsellor_id.0)
        .bind(slot.agency_id.0)
        .bind(slot.starts_at)
        .bind(slot.ends_at)
        .bind(b.modality.as_str())
        .bind(&slot.location)
        .bind(b.reason.as_str())
        .bind(b.booked_by.as_str())
        .bind(&b.idempotency_key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(booking_error)?;
        Self::insert_messages(&mut tx, &messages, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        let row = Self::appointment_in(&mut tx, AppointmentId(id)).await?;
        tx.commit().await.map_err(booking_error)?;
        Ok(BookOutcome::Created(row))
    }

    async fn appointment(&self, id: AppointmentId) -> StoreResult<Option<AppointmentRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn appointments_of(
        &self,
        allocataire_id: AllocataireId,
    ) -> StoreResult<Vec<AppointmentRow>> {
        Ok(sqlx::query_as(&format!("SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.allocataire_id = $1 ORDER BY a.starts_at DESC"))
            .bind(allocataire_id.0)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn agenda(
        &self,
        counsellors: &[StaffId],
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<AgendaRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {APPOINTMENT_COLUMNS}, p.first_name || ' ' || p.last_name AS allocataire_name, st.first_name || ' ' || st.last_name AS counsellor_name \
             FROM appointments a JOIN allocataires p ON p.id = a.allocataire_id JOIN staff st ON st.id = a.counsellor_id \
             WHERE {} AND a.starts_at >= $1 AND a.starts_at < $2 ORDER BY a.starts_at",
            in_list("a.counsellor_id", counsellors)
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn move_appointment(
        &self,
        id: AppointmentId,
        to: MoveTo<'_>,
        now: i64,
        messages: Vec<NewMessage>,
        audit: Option<&NewAudit>,
    ) -> StoreResult<AppointmentRow> {
        let MoveTo {
            slot_id,
            modality,
            reason,
        } = to;
        let mut tx = self.write_tx().await?;
        let current = Self::appointment_in(&mut tx, id).await?;
        self.lock(&mut tx, "allocataires", current.allocataire_id.0)
            .await?;
        if current.slot_id == slot_id && current.status == AppointmentStatus::Booked {
            // A retried move: already there.
            return Ok(current);
        }
        self.lock(&mut tx, "slots", slot_id.0).await?;
        let slot = Self::bookable_slot_in(&mut tx, slot_id, now).await?;
        if slot.agency_id != current.agency_id {
            return Err(StoreError::NotFound);
        }
        let done = sqlx::query(
            "UPDATE appointments SET slot_id = $2, counsellor_id = $3, starts_at = $4, ends_at = $5, location = $6, modality = $7, \
             sequence = sequence + 1, reminder_sent_at = NULL, updated_at = $8, move_reason = $9 WHERE id = $1 AND status = 'booked'",
        )
        .bind(id.0)
        .bind(slot.id.0)
        .bind(slot.counsellor_id.0)
        .bind(slot.starts_at)
        .bind(slot.ends_at)
        .bind(&slot.location)
        .bind(modality.as_str())
        .bind(now)
        .bind(reason)
        .execute(&mut *tx)
        .await
        .map_err(booking_error)?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict(Conflict::NotBooked));
        }
        Self::insert_messages(&mut tx, &messages, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        let row = Self::appointment_in(&mut tx, id).await?;
        tx.commit().await.map_err(booking_error)?;
        Ok(row)
    }

    async fn finish_appointment(
        &self,
        id: AppointmentId,
        end: Finish<'_>,
        now: i64,
        messages: Vec<NewMessage>,
        audit: Option<&NewAudit>,
    ) -> StoreResult<Option<AppointmentRow>> {
        let Finish {
            status,
            cancel_reason,
            outcome_note,
        } = end;
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE appointments SET status = $2, cancel_reason = $3, sequence = sequence + 1, updated_at = $4, outcome_note = $5 \
             WHERE id = $1 AND status = 'booked'",
        )
        .bind(id.0)
        .bind(status.as_str())
        .bind(cancel_reason)
        .bind(now)
        .bind(outcome_note)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(None);
        }
        Self::insert_messages(&mut tx, &messages, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        let row = Self::appointment_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(Some(row))
    }

    async fn send_relance(
        &self,
        id: AppointmentId,
        now: i64,
        messages: Vec<NewMessage>,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE appointments SET relance_sent_at = $2 WHERE id = $1 AND relance_sent_at IS NULL AND status IN ('missed', 'excused')",
        )
        .bind(id.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_messages(&mut tx, &messages, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    }
}
