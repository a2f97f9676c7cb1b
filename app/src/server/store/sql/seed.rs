use super::SqlStore;
use crate::domain::{AgencyId, StaffId};
use crate::server::store::{AgencyRow, AllocataireRow, SeedStore, StaffRow, StoreResult};
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

    async fn insert_allocataires(&self, rows: &[AllocataireRow], now: i64) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        for p in rows {
            Self::insert_allocataire(&mut tx, p, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
