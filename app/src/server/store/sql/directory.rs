use super::{flag, id, opt_id, parsed, SqlStore};
use crate::domain::inputs::{parse_date, Identifier};
use crate::domain::{AgencyId, AllocataireId, StaffId, StaffRole};
use crate::server::store::directory::*;
use crate::server::store::StoreResult;
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for AgencyRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            name: r.try_get("name")?,
            address: r.try_get("address")?,
            phone: r.try_get("phone")?,
            email: r.try_get("email")?,
            opening_hours: r.try_get("opening_hours")?,
            agency_booking: flag(r, "agency_booking")?,
            rules: super::agency::booking_rules(r)?,
        })
    }
}

impl FromRow<'_, AnyRow> for StaffRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            agency_id: opt_id(r, "agency_id")?,
            role: parsed(r, "role", StaffRole::parse)?,
            first_name: r.try_get("first_name")?,
            last_name: r.try_get("last_name")?,
            title: r.try_get("title")?,
            email: r.try_get("email")?,
            phone: r.try_get("phone")?,
            password_hash: r.try_get("password_hash")?,
            disabled: flag(r, "disabled")?,
            session_epoch: r.try_get("session_epoch")?,
            last_sign_in_at: r.try_get("last_sign_in_at")?,
        })
    }
}

impl FromRow<'_, AnyRow> for AllocataireRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            agency_id: id(r, "agency_id")?,
            counsellor_id: opt_id(r, "counsellor_id")?,
            numero: r.try_get("numero")?,
            first_name: r.try_get("first_name")?,
            last_name: r.try_get("last_name")?,
            phone: r.try_get("phone")?,
            email: r.try_get("email")?,
            orientation_date: parsed(r, "orientation_date", parse_date)?,
            disabled: flag(r, "disabled")?,
            session_epoch: r.try_get("session_epoch")?,
        })
    }
}

impl FromRow<'_, AnyRow> for CaseloadRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            person: AllocataireRow::from_row(r)?,
            next_appointment_at: r.try_get("next_appointment_at")?,
            attended_count: r.try_get("attended_count")?,
        })
    }
}

pub(super) const ALLOCATAIRE_COLUMNS: &str = "id, agency_id, counsellor_id, numero, first_name, last_name, phone, email, orientation_date, disabled, session_epoch";

fn account(who: Principal) -> (&'static str, i64) {
    match who {
        Principal::Allocataire(id) => ("allocataires", id.0),
        Principal::Staff(id) => ("staff", id.0),
    }
}

#[async_trait]
impl DirectoryStore for SqlStore {
    async fn agencies(&self) -> StoreResult<Vec<AgencyRow>> {
        Ok(sqlx::query_as("SELECT * FROM agencies ORDER BY name")
            .fetch_all(&self.pool)
            .await?)
    }

    async fn agency(&self, id: AgencyId) -> StoreResult<Option<AgencyRow>> {
        Ok(sqlx::query_as("SELECT * FROM agencies WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn staff(&self, id: StaffId) -> StoreResult<Option<StaffRow>> {
        Ok(sqlx::query_as("SELECT * FROM staff WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn staff_by_email(&self, email: &str) -> StoreResult<Option<StaffRow>> {
        Ok(
            sqlx::query_as("SELECT * FROM staff WHERE lower(email) = lower($1)")
                .bind(email.trim())
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn staff_of_agency(&self, agency_id: AgencyId) -> StoreResult<Vec<StaffRow>> {
        Ok(sqlx::query_as(
            "SELECT * FROM staff WHERE agency_id = $1 AND disabled = 0 ORDER BY last_name, first_name",
        )
        .bind(agency_id.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn allocataire(&self, id: AllocataireId) -> StoreResult<Option<AllocataireRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {ALLOCATAIRE_COLUMNS} FROM allocataires WHERE id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn find_allocataire(
        &self,
        identifier: &Identifier<'_>,
    ) -> StoreResult<Option<AllocataireRow>> {
        let (column, value) = match identifier {
            Identifier::Numero(n) => ("numero", n.to_string()),
            Identifier::Phone(p) => ("phone", p.clone()),
            Identifier::Email(e) => ("lower(email)", e.to_lowercase()),
        };
        // Several files may share a phone (families share phones): only a unique match signs in.
        let rows: Vec<AllocataireRow> = sqlx::query_as(&format!(
            "SELECT {ALLOCATAIRE_COLUMNS} FROM allocataires WHERE {column} = $1 AND disabled = 0 LIMIT 2"
        ))
        .bind(value)
        .fetch_all(&self.pool)
        .await?;
        Ok(if rows.len() == 1 {
            rows.into_iter().next()
        } else {
            None
        })
    }

    async fn caseload(
        &self,
        agency_id: Option<AgencyId>,
        counsellor_id: Option<StaffId>,
        now: i64,
    ) -> StoreResult<Vec<CaseloadRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {} FROM allocataires p \
             WHERE ($2 IS NULL OR p.agency_id = $2) AND ($3 IS NULL OR p.counsellor_id = $3) AND p.disabled = 0 \
             ORDER BY p.orientation_date, p.last_name",
            super::CASELOAD_COLUMNS
        ))
        .bind(now)
        .bind(agency_id.map(i64::from))
        .bind(counsellor_id.map(i64::from))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn session_epoch(&self, who: Principal) -> StoreResult<Option<(i64, bool)>> {
        let (table, id) = account(who);
        let row: Option<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT session_epoch, disabled FROM {table} WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(epoch, disabled)| (epoch, disabled != 0)))
    }

    async fn bump_session_epoch(&self, who: Principal) -> StoreResult<()> {
        let (table, id) = account(who);
        sqlx::query(&format!(
            "UPDATE {table} SET session_epoch = session_epoch + 1 WHERE id = $1"
        ))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
