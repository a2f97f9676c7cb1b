use super::{flag, id, opt_id, parsed, SqlStore};
use crate::domain::appointment::AppointmentStatus;
use crate::domain::inputs::parse_date;
use crate::domain::outreach::ContactChannel;
use crate::domain::{AgencyId, AllocataireId, StaffId};
use crate::server::store::outreach::*;
use crate::server::store::{NewAudit, NewMessage, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for OutreachRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        let last_past_at: Option<i64> = r.try_get("last_past_at")?;
        let last_past_status: Option<String> = r.try_get("last_past_status")?;
        let last_past = match (last_past_at, last_past_status) {
            (Some(at), Some(status)) => Some((
                at,
                AppointmentStatus::parse(&status)
                    .ok_or_else(|| super::unknown("last_past_status", &status))?,
            )),
            _ => None,
        };
        Ok(Self {
            id: id(r, "id")?,
            numero: r.try_get("numero")?,
            first_name: r.try_get("first_name")?,
            last_name: r.try_get("last_name")?,
            counsellor_id: opt_id(r, "counsellor_id")?,
            phone: r.try_get("phone")?,
            email: r.try_get("email")?,
            orientation_date: parsed(r, "orientation_date", parse_date)?,
            last_held_at: r.try_get("last_held_at")?,
            last_past,
            booked_ahead: flag(r, "booked_ahead")?,
            last_reached_at: r.try_get("last_reached_at")?,
            last_attempt_at: r.try_get("last_attempt_at")?,
        })
    }
}

impl FromRow<'_, AnyRow> for ContactRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            channel: parsed(r, "channel", ContactChannel::parse)?,
            reached: flag(r, "reached")?,
            note: r.try_get("note")?,
            created_by: opt_id(r, "created_by")?,
            created_at: r.try_get("created_at")?,
        })
    }
}

async fn insert_contact(tx: &mut super::Tx, c: &NewContact, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO contact_attempts (allocataire_id, channel, reached, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(c.allocataire_id.0)
    .bind(c.channel.as_str())
    .bind(i64::from(c.reached))
    .bind(&c.note)
    .bind(c.created_by.map(i64::from))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[async_trait]
impl OutreachStore for SqlStore {
    async fn outreach_files(
        &self,
        agency: AgencyId,
        counsellor: Option<StaffId>,
        now: i64,
    ) -> StoreResult<Vec<OutreachRow>> {
        const PAST: &str = "a.allocataire_id = p.id AND a.starts_at < $3 AND a.status IN ('attended', 'missed', 'excused')";
        Ok(sqlx::query_as(&format!(
            "SELECT p.id, p.numero, p.first_name, p.last_name, p.counsellor_id, p.phone, p.email, p.orientation_date, \
             (SELECT MAX(a.starts_at) FROM appointments a WHERE a.allocataire_id = p.id AND a.status = 'attended') AS last_held_at, \
             (SELECT MAX(a.starts_at) FROM appointments a WHERE {PAST}) AS last_past_at, \
             (SELECT a.status FROM appointments a WHERE {PAST} ORDER BY a.starts_at DESC, a.id DESC LIMIT 1) AS last_past_status, \
             CASE WHEN EXISTS (SELECT 1 FROM appointments a WHERE a.allocataire_id = p.id AND a.status = 'booked' AND a.starts_at >= $3) THEN 1 ELSE 0 END AS booked_ahead, \
             (SELECT MAX(c.created_at) FROM contact_attempts c WHERE c.allocataire_id = p.id AND c.reached = 1) AS last_reached_at, \
             (SELECT MAX(c.created_at) FROM contact_attempts c WHERE c.allocataire_id = p.id) AS last_attempt_at \
             FROM allocataires p LEFT JOIN pathways w ON w.allocataire_id = p.id \
             WHERE p.disabled = 0 AND p.agency_id = $1 AND ($2 IS NULL OR p.counsellor_id = $2) \
               AND (w.state IS NULL OR w.state NOT IN ('sorti', 'reoriente')) \
             ORDER BY p.last_name, p.first_name, p.id"
        ))
        .bind(agency.0)
        .bind(counsellor.map(i64::from))
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn contacts_of(&self, person: AllocataireId) -> StoreResult<Vec<ContactRow>> {
        Ok(sqlx::query_as(
            "SELECT channel, reached, note, created_by, created_at FROM contact_attempts WHERE allocataire_id = $1 ORDER BY created_at DESC, id DESC",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_contact(&self, c: &NewContact, audit: &NewAudit, now: i64) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        insert_contact(&mut tx, c, now).await?;
        Self::insert_audit(&mut tx, Some(audit), now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn send_group(
        &self,
        sends: &[(NewContact, Vec<NewMessage>)],
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        for (contact, messages) in sends {
            insert_contact(&mut tx, contact, now).await?;
            Self::insert_messages(&mut tx, messages, now).await?;
        }
        Self::insert_audit(&mut tx, Some(audit), now).await?;
        tx.commit().await?;
        Ok(())
    }
}
