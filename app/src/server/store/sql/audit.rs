use super::{like_escaped, SqlStore, Tx};
use crate::domain::AgencyId;
use crate::server::store::{AuditFilter, AuditRow, AuditStore, NewAudit, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for AuditRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            at: r.try_get("at")?,
            actor: r.try_get("actor")?,
            action: r.try_get("action")?,
            subject: r.try_get("subject")?,
            outcome: r.try_get("outcome")?,
        })
    }
}

const INSERT: &str = "INSERT INTO audit_log (at, actor, agency_id, action, subject, outcome) VALUES ($1, $2, $3, $4, $5, $6)";

impl SqlStore {
    /// Writes a change's audit entry in the change's transaction.
    pub(super) async fn insert_audit(
        tx: &mut Tx,
        audit: Option<&NewAudit>,
        at: i64,
    ) -> StoreResult<()> {
        if let Some(a) = audit {
            sqlx::query(INSERT)
                .bind(at)
                .bind(&a.actor)
                .bind(a.agency.map(i64::from))
                .bind(&a.action)
                .bind(&a.subject)
                .bind("ok")
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}

#[async_trait]
impl AuditStore for SqlStore {
    async fn audit(&self, at: i64, entry: &NewAudit, outcome: &str) -> StoreResult<()> {
        sqlx::query(INSERT)
            .bind(at)
            .bind(&entry.actor)
            .bind(entry.agency.map(i64::from))
            .bind(&entry.action)
            .bind(&entry.subject)
            .bind(outcome)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn audit_trail(
        &self,
        agency: AgencyId,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<AuditRow>> {
        // Every part of the filter is bound; an absent part matches everything.
        let subject = filter.subject.as_deref().map(|s| {
            let s = like_escaped(s);
            (
                s.clone(),
                format!("{s} %"),
                format!("% {s}"),
                format!("% {s} %"),
            )
        });
        let q = sqlx::query_as(
            "SELECT at, actor, action, subject, outcome FROM audit_log WHERE agency_id = $1 \
             AND ($2 IS NULL OR actor = $2) \
             AND ($3 IS NULL OR action LIKE $3 ESCAPE '!') \
             AND ($4 IS NULL OR subject = $4 OR subject LIKE $5 ESCAPE '!' OR subject LIKE $6 ESCAPE '!' OR subject LIKE $7 ESCAPE '!') \
             AND ($8 IS NULL OR at >= $8) AND ($9 IS NULL OR at < $9) \
             ORDER BY at DESC, id DESC LIMIT $10 OFFSET $11",
        )
        .bind(agency.0)
        .bind(filter.actor.clone())
        .bind(filter.action.as_deref().map(|a| format!("{}%", like_escaped(a))))
        .bind(subject.as_ref().map(|s| s.0.clone()))
        .bind(subject.as_ref().map(|s| s.1.clone()))
        .bind(subject.as_ref().map(|s| s.2.clone()))
        .bind(subject.as_ref().map(|s| s.3.clone()))
        .bind(filter.from)
        .bind(filter.to)
        .bind(limit)
        .bind(offset);
        Ok(q.fetch_all(&self.pool).await?)
    }
}
