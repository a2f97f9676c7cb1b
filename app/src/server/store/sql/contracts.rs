use super::{id, opt_id, opt_parsed, parsed, Conflict, SqlStore, StoreError};
use crate::domain::contract::{ContractKind, ContractStatus, ContractTerms, Signature};
use crate::domain::inputs::parse_date;
use crate::domain::{AllocataireId, ContractId, StaffId};
use crate::server::store::contracts::*;
use crate::server::store::{NewAudit, NewMessage, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

fn months(r: &AnyRow, column: &str) -> sqlx::Result<Option<u32>> {
    Ok(r.try_get::<Option<i64>, _>(column)?
        .and_then(|v| u32::try_from(v).ok()))
}

impl FromRow<'_, AnyRow> for ContractRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            allocataire_id: id(r, "allocataire_id")?,
            version: r.try_get("version")?,
            kind: parsed(r, "kind", ContractKind::parse)?,
            status: parsed(r, "status", ContractStatus::parse)?,
            objectives: r.try_get("objectives")?,
            person_commitments: r.try_get("person_commitments")?,
            agency_commitments: r.try_get("agency_commitments")?,
            planned_actions: r.try_get("planned_actions")?,
            duration_months: months(r, "duration_months")?.unwrap_or_default(),
            starts_on: parsed(r, "starts_on", parse_date)?,
            ends_on: parsed(r, "ends_on", parse_date)?,
            weekly_hours: months(r, "weekly_hours")?,
            change_request: r.try_get("change_request")?,
            created_by: opt_id(r, "created_by")?,
            proposed_at: r.try_get("proposed_at")?,
            signed_at: r.try_get("signed_at")?,
            signature: opt_parsed(r, "signature", Signature::parse)?,
            signature_recorded_by: opt_id(r, "signature_recorded_by")?,
            validated_at: r.try_get("validated_at")?,
            validated_by: opt_id(r, "validated_by")?,
        })
    }
}

const COLUMNS: &str = "id, allocataire_id, version, kind, status, objectives, person_commitments, agency_commitments, planned_actions, duration_months, starts_on, ends_on, weekly_hours, change_request, created_by, proposed_at, signed_at, signature, signature_recorded_by, validated_at, validated_by";

/// `contracts_one_open`, `UNIQUE (allocataire_id, version)`: someone else opened a
/// version meanwhile.
fn open_conflict(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(Conflict::ContractOpen)
        }
        _ => StoreError::Database(e),
    }
}

#[async_trait]
impl ContractStore for SqlStore {
    async fn contracts_of(&self, person: AllocataireId) -> StoreResult<Vec<ContractRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM contracts WHERE allocataire_id = $1 ORDER BY version DESC"
        ))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn contract(&self, id: ContractId) -> StoreResult<Option<ContractRow>> {
        Ok(
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM contracts WHERE id = $1"))
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn save_draft(
        &self,
        person: AllocataireId,
        draft: Option<ContractId>,
        t: &ContractTerms,
        by: Option<StaffId>,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<Option<ContractId>> {
        let mut tx = self.write_tx().await?;
        let saved = match draft {
            Some(d) => sqlx::query(
                "UPDATE contracts SET kind = $3, objectives = $4, person_commitments = $5, agency_commitments = $6, planned_actions = $7, \
                 duration_months = $8, starts_on = $9, ends_on = $10, weekly_hours = $11, updated_at = $12 \
                 WHERE id = $1 AND allocataire_id = $2 AND status = 'brouillon'",
            )
            .bind(d.0)
            .bind(person.0)
            .bind(t.kind.as_str())
            .bind(&t.objectives)
            .bind(&t.person_commitments)
            .bind(&t.agency_commitments)
            .bind(&t.planned_actions)
            .bind(i64::from(t.duration_months))
            .bind(t.starts_on.to_string())
            .bind(t.ends_on.to_string())
            .bind(t.weekly_hours.map(i64::from))
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            .eq(&1)
            .then_some(d),
            None => {
                let (next,): (i64,) = sqlx::query_as(
                    "SELECT COALESCE(MAX(version), 0) + 1 FROM contracts WHERE allocataire_id = $1",
                )
                .bind(person.0)
                .fetch_one(&mut *tx)
                .await?;
                let (new_id,): (i64,) = sqlx::query_as(
                    "INSERT INTO contracts (allocataire_id, version, kind, status, objectives, person_commitments, agency_commitments, planned_actions, \
                     duration_months, starts_on, ends_on, weekly_hours, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, 'brouillon', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
                )
                .bind(person.0)
                .bind(next)
                .bind(t.kind.as_str())
                .bind(&t.objectives)
                .bind(&t.person_commitments)
                .bind(&t.agency_commitments)
                .bind(&t.planned_actions)
                .bind(i64::from(t.duration_months))
                .bind(t.starts_on.to_string())
                .bind(t.ends_on.to_string())
                .bind(t.weekly_hours.map(i64::from))
                .bind(by.map(i64::from))
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(open_conflict)?;
                Some(ContractId(new_id))
            }
        };
        if saved.is_some() {
            Self::insert_audit(&mut tx, Some(audit), now).await?;
            tx.commit().await?;
        }
        Ok(saved)
    }

    async fn contract_step(
        &self,
        id: ContractId,
        person: AllocataireId,
        step: Step<'_>,
        audit: &NewAudit,
        messages: &[NewMessage],
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let q = match step {
            Step::Propose => sqlx::query(
                "UPDATE contracts SET status = 'propose', proposed_at = $3, change_request = NULL, updated_at = $3 \
                 WHERE id = $1 AND allocataire_id = $2 AND status = 'brouillon'",
            ),
            Step::RequestChange(_) => sqlx::query(
                "UPDATE contracts SET status = 'brouillon', change_request = $4, updated_at = $3 \
                 WHERE id = $1 AND allocataire_id = $2 AND status = 'propose'",
            ),
        }
        .bind(id.0)
        .bind(person.0)
        .bind(now);
        let q = match step {
            Step::Propose => q,
            Step::RequestChange(comment) => q.bind(comment),
        };
        let done = q.execute(&mut *tx).await?.rows_affected();
        if done == 1 {
            Self::insert_messages(&mut tx, messages, now).await?;
        }
        Self::commit_if_one(tx, done, Some(audit), now).await
    }

    #[allow(clippy::too_many_arguments)]
    async fn sign_contract(
        &self,
        id: ContractId,
        person: AllocataireId,
        version: i64,
        signature: Signature,
        recorded_by: Option<StaffId>,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let signed: Option<(String,)> = sqlx::query_as(
            "UPDATE contracts SET status = 'signe', signed_at = $4, signature = $5, signature_recorded_by = $6, updated_at = $4 \
             WHERE id = $1 AND allocataire_id = $2 AND version = $3 AND status = 'propose' RETURNING starts_on",
        )
        .bind(id.0)
        .bind(person.0)
        .bind(version)
        .bind(now)
        .bind(signature.as_str())
        .bind(recorded_by.map(i64::from))
        .fetch_optional(&mut *tx)
        .await?;
        let Some((starts_on,)) = signed else {
            return Ok(false);
        };
        sqlx::query(
            "UPDATE contracts SET status = 'remplace', updated_at = $3 \
             WHERE allocataire_id = $1 AND id <> $2 AND status IN ('signe', 'valide')",
        )
        .bind(person.0)
        .bind(id.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // The first signature: the person is contractualisé, the support starts with the
        // contract. A parcours already further keeps its state and its start.
        sqlx::query(
            "INSERT INTO pathways (allocataire_id, state, started_on, updated_at) VALUES ($1, 'contractualise', $2, $3) \
             ON CONFLICT (allocataire_id) DO UPDATE SET state = 'contractualise', started_on = $2, updated_at = $3 \
             WHERE pathways.state IN ('oriente', 'accueilli')",
        )
        .bind(person.0)
        .bind(&starts_on)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Self::insert_audit(&mut tx, Some(audit), now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn validate_contract(
        &self,
        id: ContractId,
        person: AllocataireId,
        by: StaffId,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE contracts SET status = 'valide', validated_at = $3, validated_by = $4, updated_at = $3 \
             WHERE id = $1 AND allocataire_id = $2 AND status = 'signe'",
        )
        .bind(id.0)
        .bind(person.0)
        .bind(now)
        .bind(by.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 1 {
            sqlx::query(
                "UPDATE pathways SET state = 'en_cours', updated_at = $2 WHERE allocataire_id = $1 AND state = 'contractualise'",
            )
            .bind(person.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        Self::commit_if_one(tx, done, Some(audit), now).await
    }

    async fn wishes(&self, person: AllocataireId) -> StoreResult<Option<WishesRow>> {
        let row: Option<(String, String, String, String, i64)> = sqlx::query_as(
            "SELECT goals, needs, constraints, other, updated_at FROM contract_wishes WHERE allocataire_id = $1",
        )
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(
            row.map(|(goals, needs, constraints, other, updated_at)| WishesRow {
                goals,
                needs,
                constraints,
                other,
                updated_at,
            }),
        )
    }

    async fn save_wishes(
        &self,
        person: AllocataireId,
        w: &WishesRow,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO contract_wishes (allocataire_id, goals, needs, constraints, other, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (allocataire_id) DO UPDATE SET goals = $2, needs = $3, constraints = $4, other = $5, updated_at = $6",
        )
        .bind(person.0)
        .bind(&w.goals)
        .bind(&w.needs)
        .bind(&w.constraints)
        .bind(&w.other)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Self::insert_audit(&mut tx, Some(audit), now).await?;
        tx.commit().await?;
        Ok(())
    }
}
