use super::{opt_id, SqlStore, Tx};
use crate::domain::{AllocataireId, StaffId};
use crate::server::store::enrolment::*;
use crate::server::store::{AllocataireRow, Conflict, NewAudit, StoreError, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for ReferentChange {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            counsellor_id: opt_id(r, "counsellor_id")?,
            at: r.try_get("at")?,
            by: r.try_get("by_actor")?,
        })
    }
}

impl SqlStore {
    /// Writes one allocataire's file (its id returned) inside the caller's transaction.
    pub(super) async fn insert_allocataire(
        tx: &mut Tx,
        p: &AllocataireRow,
        now: i64,
    ) -> StoreResult<AllocataireId> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO allocataires (agency_id, counsellor_id, numero, first_name, last_name, phone, email, orientation_date, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(p.agency_id.0)
        .bind(p.counsellor_id.map(i64::from))
        .bind(&p.numero)
        .bind(&p.first_name)
        .bind(&p.last_name)
        .bind(&p.phone)
        .bind(&p.email)
        .bind(p.orientation_date.to_string())
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        Ok(AllocataireId(id))
    }

    pub(super) async fn insert_referent_change(
        tx: &mut Tx,
        person: AllocataireId,
        counsellor: Option<StaffId>,
        by: &str,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO referent_history (allocataire_id, counsellor_id, at, by_actor) VALUES ($1, $2, $3, $4)",
        )
        .bind(person.0)
        .bind(counsellor.map(i64::from))
        .bind(now)
        .bind(by)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

#[async_trait]
impl EnrolmentStore for SqlStore {
    async fn enrol(
        &self,
        p: &AllocataireRow,
        by: &str,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<AllocataireId> {
        let mut tx = self.write_tx().await?;
        let id = Self::insert_allocataire(&mut tx, p, now)
            .await
            .map_err(|e| match e {
                StoreError::Database(sqlx::Error::Database(db)) if db.is_unique_violation() => {
                    StoreError::Conflict(Conflict::NumeroTaken)
                }
                other => other,
            })?;
        Self::insert_referent_change(&mut tx, id, p.counsellor_id, by, now).await?;
        // The entry names the file, known only now.
        let entry = audit.map(|a| NewAudit {
            subject: format!("allocataire:{id}"),
            ..a.clone()
        });
        Self::insert_audit(&mut tx, entry.as_ref(), now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn assign_referent(
        &self,
        person: AllocataireId,
        counsellor: Option<StaffId>,
        by: &str,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("UPDATE allocataires SET counsellor_id = $2 WHERE id = $1")
            .bind(person.0)
            .bind(counsellor.map(i64::from))
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_referent_change(&mut tx, person, counsellor, by, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn referent_history(&self, person: AllocataireId) -> StoreResult<Vec<ReferentChange>> {
        Ok(sqlx::query_as(
            "SELECT counsellor_id, at, by_actor FROM referent_history WHERE allocataire_id = $1 ORDER BY at DESC, id DESC",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?)
    }
}
