use super::appointments::APPOINTMENT_COLUMNS;
use super::{flag, opt_id, parsed, Backend, SqlStore};
use crate::domain::{AgencyId, AppointmentId};
use crate::server::store::outbox::*;
use crate::server::store::{AppointmentRow, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for OutboxRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: r.try_get("id")?,
            agency_id: opt_id(r, "agency_id")?,
            channel: parsed(r, "channel", Channel::parse)?,
            recipient: r.try_get("recipient")?,
            subject: r.try_get("subject")?,
            body: r.try_get("body")?,
            ics: r.try_get("ics")?,
            sensitive: flag(r, "sensitive")?,
            status: parsed(r, "status", DeliveryStatus::parse)?,
            attempts: r.try_get("attempts")?,
            created_at: r.try_get("created_at")?,
            sent_at: r.try_get("sent_at")?,
        })
    }
}

impl FromRow<'_, AnyRow> for ReminderRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            appointment: AppointmentRow::from_row(r)?,
            first_name: r.try_get("first_name")?,
            phone: r.try_get("phone")?,
            email: r.try_get("email")?,
        })
    }
}

const OUTBOX_COLUMNS: &str = "id, agency_id, channel, recipient, subject, body, ics, sensitive, status, attempts, created_at, sent_at";

#[async_trait]
impl OutboxStore for SqlStore {
    async fn due_reminders(
        &self,
        from: i64,
        to: i64,
        confirmed_before: i64,
    ) -> StoreResult<Vec<ReminderRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {APPOINTMENT_COLUMNS}, p.first_name, p.phone, p.email \
             FROM appointments a JOIN allocataires p ON p.id = a.allocataire_id \
             WHERE a.status = 'booked' AND a.reminder_sent_at IS NULL AND a.starts_at > $1 AND a.starts_at <= $2 \
             AND a.updated_at <= $3 ORDER BY a.starts_at LIMIT 500"
        ))
        .bind(from)
        .bind(to)
        .bind(confirmed_before)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn write_reminder(
        &self,
        appointment_id: AppointmentId,
        starts_at: i64,
        now: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("UPDATE appointments SET reminder_sent_at = $3 WHERE id = $1 AND starts_at = $2 AND status = 'booked' AND reminder_sent_at IS NULL")
            .bind(appointment_id.0)
            .bind(starts_at)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_messages(&mut tx, &messages, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn claim_messages(&self, now: i64, limit: i64) -> StoreResult<Vec<OutboxRow>> {
        // A claim is a lease: a message left in 'sending' by a crashed worker is due again
        // five minutes later (at-least-once delivery).
        let mut tx = self.write_tx().await?;
        let rows: Vec<OutboxRow> = sqlx::query_as(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1 ORDER BY id LIMIT $2{}",
            if self.backend == Backend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" }
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        for r in &rows {
            sqlx::query("UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = $2 WHERE id = $1")
                .bind(r.id)
                .bind(now + 300)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(rows)
    }

    async fn message_sent(&self, id: i64, now: i64, redact: bool) -> StoreResult<()> {
        sqlx::query(
            "UPDATE outbox SET status = 'sent', sent_at = $2, last_error = NULL, \
             body = CASE WHEN $3 = 1 AND sensitive = 1 THEN '[code masqué après envoi]' ELSE body END WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .bind(i64::from(redact))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn message_failed(&self, id: i64, error: &str, retry_at: Option<i64>) -> StoreResult<()> {
        let (status, next) = match retry_at {
            Some(at) => (DeliveryStatus::Pending, at),
            None => (DeliveryStatus::Failed, i64::MAX / 2),
        };
        sqlx::query(
            "UPDATE outbox SET status = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(status.as_str())
        .bind(error.chars().take(300).collect::<String>())
        .bind(next)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn messages(
        &self,
        agency_id: Option<AgencyId>,
        limit: i64,
    ) -> StoreResult<Vec<OutboxRow>> {
        Ok(sqlx::query_as(&format!("SELECT {OUTBOX_COLUMNS} FROM outbox WHERE ($1 IS NULL OR agency_id = $1) ORDER BY id DESC LIMIT $2"))
            .bind(agency_id.map(i64::from))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }
}
