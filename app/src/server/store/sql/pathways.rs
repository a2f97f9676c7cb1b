use super::{id, opt_id, opt_parsed, parsed, SqlStore};
use crate::domain::inputs::parse_date;
use crate::domain::pathway::{
    ExitReason, PathwayState, Referral, RequestKind, RequestStatus, StepKind, StepObject,
    StepStatus,
};
use crate::domain::{AgencyId, AllocataireId, RequestId, StaffId, StepId};
use crate::server::store::pathways::*;
use crate::server::store::{NewAudit, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

/// The first attended rendez-vous of person `p`.
const FIRST_ATTENDED: &str = "(SELECT MIN(a.starts_at) FROM appointments a WHERE a.allocataire_id = p.id AND a.status = 'attended')";

impl FromRow<'_, AnyRow> for StepRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            allocataire_id: id(r, "allocataire_id")?,
            kind: parsed(r, "kind", StepKind::parse)?,
            object: parsed(r, "object", StepObject::parse)?,
            status: parsed(r, "status", StepStatus::parse)?,
            title: r.try_get("title")?,
            starts_on: parsed(r, "starts_on", parse_date)?,
            ends_on: opt_parsed(r, "ends_on", parse_date)?,
            outcome: r.try_get("outcome")?,
            feedback: r.try_get("feedback")?,
        })
    }
}

impl FromRow<'_, AnyRow> for DueRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            numero: r.try_get("numero")?,
            first_name: r.try_get("first_name")?,
            last_name: r.try_get("last_name")?,
            counsellor_id: opt_id(r, "counsellor_id")?,
            orientation_date: parsed(r, "orientation_date", parse_date)?,
            first_attended_at: r.try_get("first_attended_at")?,
            stored: opt_parsed(r, "state", PathwayState::parse)?,
            started_on: opt_parsed(r, "started_on", parse_date)?,
        })
    }
}

impl FromRow<'_, AnyRow> for RequestRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            allocataire_id: id(r, "allocataire_id")?,
            kind: parsed(r, "kind", RequestKind::parse)?,
            status: parsed(r, "status", RequestStatus::parse)?,
            reason: r.try_get("reason")?,
            answer: r.try_get("answer")?,
            answered_by: opt_id(r, "answered_by")?,
            answered_at: r.try_get("answered_at")?,
            created_at: r.try_get("created_at")?,
        })
    }
}

const STEP_COLUMNS: &str =
    "id, allocataire_id, kind, object, status, title, starts_on, ends_on, outcome, feedback";

fn day(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

#[async_trait]
impl PathwayStore for SqlStore {
    async fn pathway(&self, person: AllocataireId) -> StoreResult<PathwayRow> {
        let row = sqlx::query(&format!(
            "SELECT {FIRST_ATTENDED} AS first_attended_at, w.state, w.started_on, w.renewed_on, w.ended_on, w.exit_reason, w.referral, w.recommendation \
             FROM allocataires p LEFT JOIN pathways w ON w.allocataire_id = p.id WHERE p.id = $1"
        ))
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(crate::server::store::StoreError::NotFound)?;
        let decode = |r: &AnyRow| -> sqlx::Result<PathwayRow> {
            Ok(PathwayRow {
                stored: opt_parsed(r, "state", PathwayState::parse)?,
                first_attended_at: r.try_get("first_attended_at")?,
                started_on: opt_parsed(r, "started_on", parse_date)?,
                renewed_on: opt_parsed(r, "renewed_on", parse_date)?,
                ended_on: opt_parsed(r, "ended_on", parse_date)?,
                exit_reason: opt_parsed(r, "exit_reason", ExitReason::parse)?,
                referral: opt_parsed(r, "referral", Referral::parse)?,
                recommendation: r.try_get("recommendation")?,
            })
        };
        Ok(decode(&row)?)
    }

    async fn steps(&self, person: AllocataireId) -> StoreResult<Vec<StepRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {STEP_COLUMNS} FROM pathway_steps WHERE allocataire_id = $1 ORDER BY starts_on, id"
        ))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_step(&self, s: &NewStep, audit: &NewAudit, now: i64) -> StoreResult<StepId> {
        let mut tx = self.write_tx().await?;
        let (new_id,): (i64,) = sqlx::query_as(
            "INSERT INTO pathway_steps (allocataire_id, kind, object, status, title, starts_on, ends_on, outcome, feedback, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(s.allocataire_id.0)
        .bind(s.kind.as_str())
        .bind(s.object.as_str())
        .bind(s.status.as_str())
        .bind(&s.title)
        .bind(s.starts_on.to_string())
        .bind(day(s.ends_on))
        .bind(&s.outcome)
        .bind(&s.feedback)
        .bind(s.created_by.map(i64::from))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        Self::insert_audit(&mut tx, Some(audit), now).await?;
        tx.commit().await?;
        Ok(StepId(new_id))
    }

    async fn update_step(
        &self,
        step: StepId,
        s: &NewStep,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE pathway_steps SET kind = $3, object = $4, status = $5, title = $6, starts_on = $7, ends_on = $8, outcome = $9, feedback = $10, updated_at = $11 \
             WHERE id = $1 AND allocataire_id = $2",
        )
        .bind(step.0)
        .bind(s.allocataire_id.0)
        .bind(s.kind.as_str())
        .bind(s.object.as_str())
        .bind(s.status.as_str())
        .bind(&s.title)
        .bind(s.starts_on.to_string())
        .bind(day(s.ends_on))
        .bind(&s.outcome)
        .bind(&s.feedback)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        Self::commit_if_one(tx, done, Some(audit), now).await
    }

    async fn move_pathway(
        &self,
        person: AllocataireId,
        from: Option<PathwayState>,
        c: &PathwayChange,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = match from {
            // No row yet: the insert is the guard (a concurrent one makes it a no-op).
            None => sqlx::query(
                "INSERT INTO pathways (allocataire_id, state, renewed_on, ended_on, exit_reason, referral, recommendation, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (allocataire_id) DO NOTHING",
            ),
            Some(_) => sqlx::query(
                "UPDATE pathways SET state = $2, renewed_on = COALESCE($3, renewed_on), ended_on = $4, exit_reason = $5, referral = $6, recommendation = $7, updated_at = $8 \
                 WHERE allocataire_id = $1 AND state = $9",
            ),
        }
        .bind(person.0)
        .bind(c.to.as_str())
        .bind(day(c.renewed_on))
        .bind(day(c.ended_on))
        .bind(c.exit_reason.map(ExitReason::as_str))
        .bind(c.referral.map(Referral::as_str))
        .bind(&c.recommendation)
        .bind(now);
        let done = match from {
            None => done,
            Some(s) => done.bind(s.as_str()),
        }
        .execute(&mut *tx)
        .await?
        .rows_affected();
        Self::commit_if_one(tx, done, Some(audit), now).await
    }

    async fn requests_of(&self, person: AllocataireId) -> StoreResult<Vec<RequestRow>> {
        Ok(sqlx::query_as(
            "SELECT id, allocataire_id, kind, status, reason, answer, answered_by, answered_at, created_at \
             FROM support_requests WHERE allocataire_id = $1 ORDER BY created_at DESC, id DESC",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn open_request(
        &self,
        person: AllocataireId,
        kind: RequestKind,
        reason: &str,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<Option<RequestId>> {
        let mut tx = self.write_tx().await?;
        let created: Result<(i64,), sqlx::Error> = sqlx::query_as(
            "INSERT INTO support_requests (allocataire_id, kind, reason, status, created_at) VALUES ($1, $2, $3, 'ouverte', $4) RETURNING id",
        )
        .bind(person.0)
        .bind(kind.as_str())
        .bind(reason)
        .bind(now)
        .fetch_one(&mut *tx)
        .await;
        let (new_id,) = match created {
            Ok(row) => row,
            Err(sqlx::Error::Database(db)) if db.is_unique_violation() => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Self::insert_audit(&mut tx, Some(audit), now).await?;
        tx.commit().await?;
        Ok(Some(RequestId(new_id)))
    }

    async fn answer_request(
        &self,
        request: RequestId,
        person: AllocataireId,
        decision: RequestStatus,
        answer: &str,
        by: Option<StaffId>,
        audit: &NewAudit,
        messages: &[crate::server::store::NewMessage],
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE support_requests SET status = $3, answer = $4, answered_by = $5, answered_at = $6 \
             WHERE id = $1 AND allocataire_id = $2 AND status = 'ouverte'",
        )
        .bind(request.0)
        .bind(person.0)
        .bind(decision.as_str())
        .bind(answer)
        .bind(by.map(i64::from))
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 1 {
            Self::insert_messages(&mut tx, messages, now).await?;
        }
        Self::commit_if_one(tx, done, Some(audit), now).await
    }

    async fn due_files(
        &self,
        agency: AgencyId,
        counsellor: Option<StaffId>,
    ) -> StoreResult<Vec<DueRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT p.id, p.numero, p.first_name, p.last_name, p.counsellor_id, p.orientation_date, {FIRST_ATTENDED} AS first_attended_at, w.state, w.started_on \
             FROM allocataires p LEFT JOIN pathways w ON w.allocataire_id = p.id \
             WHERE p.disabled = 0 AND p.agency_id = $1 AND ($2 IS NULL OR p.counsellor_id = $2) \
               AND (w.state IS NULL OR w.state NOT IN ('sorti', 'reoriente')) \
             ORDER BY p.last_name, p.first_name, p.id"
        ))
        .bind(agency.0)
        .bind(counsellor.map(i64::from))
        .fetch_all(&self.pool)
        .await?)
    }
}
