use super::{SqlStore, Tx};
use crate::domain::{AgencyId, StaffId};
use crate::server::store::team::*;
use crate::server::store::{Conflict, NewAudit, StaffRow, StoreError, StoreResult};
use async_trait::async_trait;

impl SqlStore {
    async fn insert_reset(
        tx: &mut Tx,
        staff: StaffId,
        reset: &NewReset,
        now: i64,
    ) -> StoreResult<()> {
        // One live link at a time: a new one voids the others.
        sqlx::query(
            "UPDATE password_resets SET used_at = $2 WHERE staff_id = $1 AND used_at IS NULL",
        )
        .bind(staff.0)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO password_resets (staff_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(staff.0)
        .bind(&reset.token_hash)
        .bind(reset.expires_at)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Self::insert_messages(tx, std::slice::from_ref(&reset.message), now).await
    }
}

#[async_trait]
impl TeamStore for SqlStore {
    async fn team(&self, agency: AgencyId) -> StoreResult<Vec<StaffRow>> {
        Ok(sqlx::query_as(
            "SELECT * FROM staff WHERE agency_id = $1 ORDER BY disabled, last_name, first_name",
        )
        .bind(agency.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn create_staff(
        &self,
        m: &StaffRow,
        reset: NewReset,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<StaffId> {
        let mut tx = self.write_tx().await?;
        let taken: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM staff WHERE lower(email) = lower($1)")
                .bind(&m.email)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(Conflict::EmailTaken));
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO staff (agency_id, role, first_name, last_name, title, email, phone, password_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(m.agency_id.map(i64::from))
        .bind(m.role.as_str())
        .bind(&m.first_name)
        .bind(&m.last_name)
        .bind(&m.title)
        .bind(&m.email)
        .bind(&m.phone)
        .bind(&m.password_hash)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(Conflict::EmailTaken)
            }
            _ => StoreError::Database(e),
        })?;
        Self::insert_reset(&mut tx, StaffId(id), &reset, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(StaffId(id))
    }

    async fn update_staff(
        &self,
        id: StaffId,
        e: &StaffEdit,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE staff SET first_name = $2, last_name = $3, title = $4, phone = $5, role = $6 WHERE id = $1",
        )
        .bind(id.0)
        .bind(&e.first_name)
        .bind(&e.last_name)
        .bind(&e.title)
        .bind(&e.phone)
        .bind(e.role.as_str())
        .execute(&mut *tx)
        .await?;
        Self::commit_if_one(tx, done.rows_affected(), audit, now).await
    }

    async fn set_staff_disabled(
        &self,
        id: StaffId,
        disabled: bool,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        // Disabling moves the epoch (every session ends); enabling leaves it.
        let done = sqlx::query(
            "UPDATE staff SET disabled = $2, session_epoch = session_epoch + $2 WHERE id = $1",
        )
        .bind(id.0)
        .bind(i64::from(disabled))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        if disabled {
            // Nobody can book a disabled counsellor's free slots any more.
            sqlx::query(
                "UPDATE slots SET status = 'closed' WHERE counsellor_id = $1 AND status = 'open' AND starts_at > $2 \
                 AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.slot_id = slots.id AND b.status = 'booked')",
            )
            .bind(id.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            // A disabled account's links stop working too.
            sqlx::query(
                "UPDATE password_resets SET used_at = $2 WHERE staff_id = $1 AND used_at IS NULL",
            )
            .bind(id.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn create_reset(
        &self,
        staff: StaffId,
        reset: NewReset,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        Self::insert_reset(&mut tx, staff, &reset, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn reset_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> StoreResult<Option<StaffId>> {
        let mut tx = self.write_tx().await?;
        let row: Option<(i64,)> = sqlx::query_as(
            "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
             AND staff_id IN (SELECT id FROM staff WHERE disabled = 0) RETURNING staff_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((id,)) = row else {
            return Ok(None);
        };
        sqlx::query(
            "UPDATE staff SET password_hash = $2, session_epoch = session_epoch + 1 WHERE id = $1",
        )
        .bind(id)
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
        let entry = NewAudit {
            actor: format!("staff:{id}"),
            agency: sqlx::query_as::<_, (Option<i64>,)>(
                "SELECT agency_id FROM staff WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?
            .0
            .map(AgencyId),
            action: "staff.password_reset".into(),
            subject: format!("staff:{id}"),
        };
        Self::insert_audit(&mut tx, Some(&entry), now).await?;
        tx.commit().await?;
        Ok(Some(StaffId(id)))
    }

    async fn change_password(
        &self,
        staff: StaffId,
        password_hash: &str,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "UPDATE staff SET password_hash = $2, session_epoch = session_epoch + 1 WHERE id = $1",
        )
        .bind(staff.0)
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_sign_in(&self, staff: StaffId, now: i64) -> StoreResult<()> {
        sqlx::query("UPDATE staff SET last_sign_in_at = $2 WHERE id = $1")
            .bind(staff.0)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
