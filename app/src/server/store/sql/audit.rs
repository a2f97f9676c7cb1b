use super::SqlStore;
use crate::server::store::{AuditStore, StoreResult};
use async_trait::async_trait;

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
