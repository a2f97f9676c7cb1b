use super::{SqlStore, Tx};
use crate::server::store::{AuditStore, NewAudit, StoreResult};
use async_trait::async_trait;

impl SqlStore {
    /// Writes a change's audit entry in the change's transaction.
    pub(super) async fn insert_audit(
        tx: &mut Tx,
        audit: Option<&NewAudit>,
        at: i64,
    ) -> StoreResult<()> {
        if let Some(a) = audit {
            sqlx::query("INSERT INTO audit_log (at, actor, action, subject, outcome) VALUES ($1, $2, $3, $4, 'ok')")
                .bind(at)
                .bind(&a.actor)
                .bind(&a.action)
                .bind(&a.subject)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}

#[async_trait]
impl AuditStore for SqlStore {
    async fn audit(
        &self,
        at: i64,
        actor: &str,
        action: &str,
        subject: &str,
        outcome: &str,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO audit_log (at, actor, action, subject, outcome) VALUES ($1, $2, $3, $4, $5)")
            .bind(at)
            .bind(actor)
            .bind(action)
            .bind(subject)
            .bind(outcome)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
