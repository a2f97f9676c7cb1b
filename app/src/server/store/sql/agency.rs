use super::SqlStore;
use crate::domain::agency::BookingRules;
use crate::domain::inputs::parse_date;
use crate::domain::AgencyId;
use crate::server::store::agency::{AgencyStore, ClosureRow};
use crate::server::store::{Conflict, NewAudit, StoreError, StoreResult};
use async_trait::async_trait;
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for ClosureRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            day: super::parsed(r, "day", parse_date)?,
            label: r.try_get("label")?,
        })
    }
}

/// The booking rules stored with an agency, refused when outside their ranges.
pub(super) fn booking_rules(r: &AnyRow) -> sqlx::Result<BookingRules> {
    let rules = BookingRules {
        booking_cutoff_hours: r.try_get("booking_cutoff_hours")?,
        change_cutoff_hours: r.try_get("change_cutoff_hours")?,
        max_upcoming_online: r.try_get("max_upcoming_online")?,
    };
    if rules.is_valid() {
        Ok(rules)
    } else {
        Err(super::unknown("booking rules", &format!("{rules:?}")))
    }
}

#[async_trait]
impl AgencyStore for SqlStore {
    async fn save_booking_rules(
        &self,
        agency: AgencyId,
        rules: BookingRules,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE agencies SET booking_cutoff_hours = $2, change_cutoff_hours = $3, max_upcoming_online = $4 WHERE id = $1",
        )
        .bind(agency.0)
        .bind(rules.booking_cutoff_hours)
        .bind(rules.change_cutoff_hours)
        .bind(rules.max_upcoming_online)
        .execute(&mut *tx)
        .await?;
        Self::commit_if_one(tx, done.rows_affected(), audit, now).await
    }

    async fn closures(
        &self,
        agency: AgencyId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<ClosureRow>> {
        // ISO dates sort as text.
        Ok(sqlx::query_as(
            "SELECT day, label FROM agency_closures WHERE agency_id = $1 AND day >= $2 AND day <= $3 ORDER BY day",
        )
        .bind(agency.0)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_closure(
        &self,
        agency: AgencyId,
        closure: &ClosureRow,
        (from, to): (i64, i64),
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<u64> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO agency_closures (agency_id, day, label, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(agency.0)
        .bind(closure.day.to_string())
        .bind(&closure.label)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(Conflict::ClosureExists)
            }
            _ => StoreError::Database(e),
        })?;
        let closed = sqlx::query(
            "UPDATE slots SET status = 'closed' WHERE agency_id = $1 AND status = 'open' AND starts_at >= $2 AND starts_at < $3 \
             AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = slots.id AND a.status = 'booked')",
        )
        .bind(agency.0)
        .bind(from)
        .bind(to)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(closed)
    }

    async fn agency_appointments_between(
        &self,
        agency: AgencyId,
        from: i64,
        to: i64,
    ) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM appointments WHERE agency_id = $1 AND status = 'booked' AND starts_at >= $2 AND starts_at < $3",
        )
        .bind(agency.0)
        .bind(from)
        .bind(to)
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    async fn remove_closure(
        &self,
        agency: AgencyId,
        day: NaiveDate,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("DELETE FROM agency_closures WHERE agency_id = $1 AND day = $2")
            .bind(agency.0)
            .bind(day.to_string())
            .execute(&mut *tx)
            .await?;
        Self::commit_if_one(tx, done.rows_affected(), audit, now).await
    }
}
