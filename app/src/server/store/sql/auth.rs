use super::{id, SqlStore};
use crate::domain::AllocataireId;
use crate::server::crypto::constant_time_eq;
use crate::server::store::auth::{AuthStore, CodeCheck};
use crate::server::store::{NewMessage, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

struct LoginCodeRow {
    allocataire_id: AllocataireId,
    code_hash: String,
    expires_at: i64,
    attempts: i64,
    used_at: Option<i64>,
}

impl FromRow<'_, AnyRow> for LoginCodeRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            allocataire_id: id(r, "allocataire_id")?,
            code_hash: r.try_get("code_hash")?,
            expires_at: r.try_get("expires_at")?,
            attempts: r.try_get("attempts")?,
            used_at: r.try_get("used_at")?,
        })
    }
}

#[async_trait]
impl AuthStore for SqlStore {
    async fn create_login_code(
        &self,
        allocataire_id: AllocataireId,
        code_hash: &str,
        expires_at: i64,
        now: i64,
        message: NewMessage,
    ) -> StoreResult<i64> {
        let mut tx = self.write_tx().await?;
        // A new code replaces the previous ones.
        sqlx::query(
            "UPDATE login_codes SET used_at = $2 WHERE allocataire_id = $1 AND used_at IS NULL",
        )
        .bind(allocataire_id.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let (id,): (i64,) = sqlx::query_as("INSERT INTO login_codes (allocataire_id, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(allocataire_id.0)
            .bind(code_hash)
            .bind(expires_at)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        Self::insert_messages(&mut tx, &[message], now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn check_login_code(
        &self,
        id: i64,
        code_hash: &str,
        now: i64,
        max_attempts: i64,
    ) -> StoreResult<CodeCheck> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "login_codes", id).await?;
        let row: Option<LoginCodeRow> = sqlx::query_as(
            "SELECT allocataire_id, code_hash, expires_at, attempts, used_at FROM login_codes WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(CodeCheck::ExpiredOrUsed);
        };
        if row.used_at.is_some() || row.expires_at <= now || row.attempts >= max_attempts {
            return Ok(CodeCheck::ExpiredOrUsed);
        }
        let accepted = constant_time_eq(&row.code_hash, code_hash);
        sqlx::query("UPDATE login_codes SET attempts = attempts + 1, used_at = CASE WHEN $2 = 1 THEN $3 ELSE used_at END WHERE id = $1")
            .bind(id)
            .bind(i64::from(accepted))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(if accepted {
            CodeCheck::Accepted {
                allocataire_id: row.allocataire_id,
            }
        } else if row.attempts + 1 >= max_attempts {
            CodeCheck::ExpiredOrUsed
        } else {
            CodeCheck::Wrong {
                attempts_left: max_attempts - row.attempts - 1,
            }
        })
    }

    async fn create_invitation(
        &self,
        allocataire_id: AllocataireId,
        token_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO invitations (allocataire_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4)")
            .bind(allocataire_id.0)
            .bind(token_hash)
            .bind(expires_at)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn take_invitation(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<AllocataireId>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "UPDATE invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING allocataire_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| AllocataireId(r.0)))
    }
}
