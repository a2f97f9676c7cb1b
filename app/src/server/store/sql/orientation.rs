use super::{id, opt_id, SqlStore, Tx};
use crate::domain::inputs::parse_date;
use crate::domain::orientation::{Changed, Field, Known, Orientation, OrientationKind};
use crate::domain::{AgencyId, AllocataireId, StaffId};
use crate::server::store::orientation::*;
use crate::server::store::{AllocataireRow, Conflict, NewAudit, StoreError, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for CommuneRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            agency_id: id(r, "agency_id")?,
        })
    }
}

impl FromRow<'_, AnyRow> for ImportRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: r.try_get("id")?,
            agency_id: opt_id(r, "agency_id")?,
            file_name: r.try_get("file_name")?,
            encoding: r.try_get("encoding")?,
            content: r.try_get("content")?,
            by: r.try_get("by_actor")?,
            created_at: r.try_get("created_at")?,
            applied_at: r.try_get("applied_at")?,
            created_people: r.try_get("created_people")?,
            changed_people: r.try_get("changed_people")?,
        })
    }
}

impl FromRow<'_, AnyRow> for Known {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        let kind: Option<String> = r.try_get("kind")?;
        let state: Option<String> = r.try_get("state")?;
        Ok(Self {
            id: id(r, "id")?,
            orientation: Orientation {
                numero: r.try_get("numero")?,
                last_name: r.try_get("last_name")?,
                first_name: r.try_get("first_name")?,
                birth_date: super::opt_parsed(r, "birth_date", parse_date_any)?,
                address: r
                    .try_get::<Option<String>, _>("address")?
                    .unwrap_or_default(),
                phone: r.try_get("phone")?,
                email: r.try_get("email")?,
                orientation_date: super::parsed(r, "orientation_date", parse_date)?,
                // Enrolled by hand: followed by the agency.
                kind: match kind {
                    None => OrientationKind::Ali,
                    Some(k) => {
                        OrientationKind::parse(&k).ok_or_else(|| super::unknown("kind", &k))?
                    }
                },
                agency: id(r, "agency_id")?,
            },
            from_file: r.try_get::<Option<i64>, _>("created_by")?.is_some(),
            closed: super::flag(r, "disabled")?
                || matches!(state.as_deref(), Some("sorti" | "reoriente")),
        })
    }
}

/// Birth dates go back before the years other dates accept.
fn parse_date_any(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

const IMPORT_COLUMNS: &str = "id, agency_id, file_name, encoding, content, by_actor, created_at, applied_at, created_people, changed_people";

impl SqlStore {
    async fn upsert_details(
        tx: &mut Tx,
        person: AllocataireId,
        o: &Orientation,
        created_by: Option<i64>,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO orientation_details (allocataire_id, birth_date, address, kind, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (allocataire_id) DO UPDATE SET birth_date = excluded.birth_date, address = excluded.address, kind = excluded.kind, updated_at = excluded.updated_at",
        )
        .bind(person.0)
        .bind(o.birth_date.map(|d| d.to_string()))
        .bind(&o.address)
        .bind(o.kind.as_str())
        .bind(created_by)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

#[async_trait]
impl OrientationStore for SqlStore {
    async fn communes(&self) -> StoreResult<Vec<CommuneRow>> {
        Ok(
            sqlx::query_as("SELECT id, name, agency_id FROM communes ORDER BY key")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    async fn set_commune(
        &self,
        name: &str,
        key: &str,
        agency: AgencyId,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO communes (name, key, agency_id) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET agency_id = excluded.agency_id",
        )
        .bind(name)
        .bind(key)
        .bind(agency.0)
        .execute(&mut *tx)
        .await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_import(
        &self,
        f: &ImportRow,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.write_tx().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO orientation_imports (agency_id, file_name, encoding, content, by_actor, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(f.agency_id.map(i64::from))
        .bind(&f.file_name)
        .bind(&f.encoding)
        .bind(&f.content)
        .bind(&f.by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let entry = audit.map(|a| NewAudit {
            subject: format!("orientation_import:{id}"),
            ..a.clone()
        });
        Self::insert_audit(&mut tx, entry.as_ref(), now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn import(&self, id: i64) -> StoreResult<Option<ImportRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {IMPORT_COLUMNS} FROM orientation_imports WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn imports(&self, agency: Option<AgencyId>, limit: i64) -> StoreResult<Vec<ImportRow>> {
        let columns = IMPORT_COLUMNS.replace("content", "'' AS content");
        let whose = match agency {
            Some(a) => format!("agency_id = {}", a.0),
            None => "agency_id IS NULL".into(),
        };
        Ok(sqlx::query_as(&format!(
            "SELECT {columns} FROM orientation_imports WHERE {whose} ORDER BY id DESC LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn known_people(&self) -> StoreResult<Vec<Known>> {
        Ok(sqlx::query_as(
            "SELECT a.id, a.agency_id, a.numero, a.first_name, a.last_name, a.phone, a.email, a.orientation_date, a.disabled, \
                    d.birth_date, d.address, d.kind, d.created_by, w.state \
             FROM allocataires a \
             LEFT JOIN orientation_details d ON d.allocataire_id = a.id \
             LEFT JOIN pathways w ON w.allocataire_id = a.id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn apply_import(
        &self,
        import: i64,
        new: &[NewPerson],
        changed: &[Changed],
        by: &str,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let marked = sqlx::query(
            "UPDATE orientation_imports SET applied_at = $2, created_people = $3, changed_people = $4 WHERE id = $1 AND applied_at IS NULL",
        )
        .bind(import)
        .bind(now)
        .bind(new.len() as i64)
        .bind(changed.len() as i64)
        .execute(&mut *tx)
        .await?;
        if marked.rows_affected() != 1 {
            return Ok(false);
        }
        for p in new {
            let o = &p.orientation;
            let row = AllocataireRow {
                id: AllocataireId(0),
                agency_id: o.agency,
                counsellor_id: None,
                numero: o.numero.clone(),
                first_name: o.first_name.clone(),
                last_name: o.last_name.clone(),
                phone: o.phone.clone(),
                email: o.email.clone(),
                orientation_date: o.orientation_date,
                disabled: false,
                session_epoch: 0,
            };
            let person =
                Self::insert_allocataire(&mut tx, &row, now)
                    .await
                    .map_err(|e| match e {
                        StoreError::Database(sqlx::Error::Database(db))
                            if db.is_unique_violation() =>
                        {
                            StoreError::Conflict(Conflict::NumeroTaken)
                        }
                        other => other,
                    })?;
            Self::insert_referent_change(&mut tx, person, None, by, now).await?;
            Self::upsert_details(&mut tx, person, o, Some(import), now).await?;
            if let Some((hash, expires)) = &p.invitation {
                sqlx::query("INSERT INTO invitations (allocataire_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(person.0)
                    .bind(hash)
                    .bind(expires)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            let messages: Vec<_> = p
                .messages
                .iter()
                .map(|m| crate::server::store::NewMessage {
                    allocataire_id: Some(person),
                    ..m.clone()
                })
                .collect();
            Self::insert_messages(&mut tx, &messages, now).await?;
        }
        for c in changed {
            let o = &c.after;
            let moved = c.fields.contains(&Field::Agency);
            sqlx::query(
                "UPDATE allocataires SET first_name = $2, last_name = $3, phone = $4, email = $5, orientation_date = $6, agency_id = $7, \
                 counsellor_id = CASE WHEN $8 = 1 THEN NULL ELSE counsellor_id END WHERE id = $1",
            )
            .bind(c.id.0)
            .bind(&o.first_name)
            .bind(&o.last_name)
            .bind(&o.phone)
            .bind(&o.email)
            .bind(o.orientation_date.to_string())
            .bind(o.agency.0)
            .bind(i64::from(moved))
            .execute(&mut *tx)
            .await?;
            if moved {
                Self::insert_referent_change(&mut tx, c.id, None::<StaffId>, by, now).await?;
            }
            Self::upsert_details(&mut tx, c.id, o, None, now).await?;
        }
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn letters(&self, import: i64) -> StoreResult<Vec<(AllocataireRow, String)>> {
        let rows: Vec<AnyRow> = sqlx::query(
            "SELECT a.id, a.agency_id, a.counsellor_id, a.numero, a.first_name, a.last_name, a.phone, a.email, a.orientation_date, a.disabled, a.session_epoch, d.address \
             FROM allocataires a JOIN orientation_details d ON d.allocataire_id = a.id \
             WHERE d.created_by = $1 AND a.phone IS NULL AND a.email IS NULL ORDER BY a.last_name, a.first_name, a.id",
        )
        .bind(import)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((AllocataireRow::from_row(r)?, r.try_get("address")?)))
            .collect()
    }
}
