use super::SqlStore;
use crate::server::store::workshop_themes::{ThemeRow, ThemeStore};
use crate::server::store::{NewAudit, StoreResult};
use async_trait::async_trait;

#[async_trait]
impl ThemeStore for SqlStore {
    async fn themes(&self) -> StoreResult<Vec<ThemeRow>> {
        let rows: Vec<(String, Option<String>, i64)> =
            sqlx::query_as("SELECT key, label, archived FROM workshop_themes ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(key, label, archived)| ThemeRow {
                key,
                label,
                archived: archived != 0,
            })
            .collect())
    }

    async fn add_theme(
        &self,
        label: &str,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<Option<String>> {
        let mut tx = self.write_tx().await?;
        // One writer at a time (SQLite's write lock; PostgreSQL: the table's own lock),
        // so two additions never pick the same key.
        if self.backend == super::Backend::Postgres {
            sqlx::query("LOCK TABLE workshop_themes IN EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
        }
        let same: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM workshop_themes WHERE LOWER(label) = LOWER($1)")
                .bind(label)
                .fetch_optional(&mut *tx)
                .await?;
        if same.is_some() {
            return Ok(None);
        }
        let (last,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM workshop_themes")
            .fetch_one(&mut *tx)
            .await?;
        let key = format!("theme-{}", last + 1);
        sqlx::query("INSERT INTO workshop_themes (key, label, created_at) VALUES ($1, $2, $3)")
            .bind(&key)
            .bind(label)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(Some(key))
    }

    async fn set_theme_archived(
        &self,
        key: &str,
        archived: bool,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("UPDATE workshop_themes SET archived = $2 WHERE key = $1")
            .bind(key)
            .bind(i64::from(archived))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        Self::commit_if_one(tx, done, audit, now).await
    }
}
