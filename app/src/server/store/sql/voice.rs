use super::{id, opt_id, opt_parsed, parsed, SqlStore};
use crate::domain::moderation::Status;
use crate::domain::satisfaction::{EventKind, Rating};
use crate::domain::{AgencyId, AllocataireId};
use crate::server::store::voice::*;
use crate::server::store::{NewAudit, NewMessage, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

fn rating(r: &AnyRow, column: &str) -> sqlx::Result<Option<Rating>> {
    match r.try_get::<Option<i64>, _>(column)? {
        None => Ok(None),
        Some(v) => Rating::from_value(v)
            .map(Some)
            .ok_or_else(|| super::unknown(column, &v.to_string())),
    }
}

impl FromRow<'_, AnyRow> for QuestionRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        let comment = match opt_parsed(r, "m_status", Status::parse)? {
            Some(status) => Some(CommentRow {
                original: r.try_get("m_original")?,
                published: r.try_get("m_published")?,
                status,
                reason: r.try_get("m_reason")?,
            }),
            None => None,
        };
        Ok(Self {
            id: r.try_get("id")?,
            allocataire_id: id(r, "allocataire_id")?,
            agency_id: id(r, "agency_id")?,
            kind: parsed(r, "event_kind", EventKind::parse)?,
            event_at: r.try_get("event_at")?,
            asked_at: r.try_get("asked_at")?,
            reminded: r.try_get::<Option<i64>, _>("reminded_at")?.is_some(),
            link_used: r.try_get::<Option<i64>, _>("link_used_at")?.is_some(),
            rating: rating(r, "rating")?,
            answered_at: r.try_get("answered_at")?,
            comment,
        })
    }
}

impl FromRow<'_, AnyRow> for ItemRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: r.try_get("id")?,
            agency_id: id(r, "agency_id")?,
            source: r.try_get("source")?,
            source_id: r.try_get("source_id")?,
            author_id: opt_id(r, "author_id")?,
            original: r.try_get("original")?,
            published: r.try_get("published")?,
            status: parsed(r, "status", Status::parse)?,
            reason: r.try_get("reason")?,
            revision: r.try_get("revision")?,
            decided_by: opt_id(r, "decided_by")?,
            decided_at: r.try_get("decided_at")?,
            updated_at: r.try_get("updated_at")?,
        })
    }
}

const REQUEST: &str = "SELECT q.id, q.allocataire_id, q.agency_id, q.event_kind, q.event_at, q.asked_at, q.reminded_at, q.link_used_at, q.rating, q.answered_at, \
     m.status AS m_status, m.original AS m_original, m.published AS m_published, m.reason AS m_reason \
     FROM satisfaction_requests q LEFT JOIN moderation_items m ON m.source = 'satisfaction' AND m.source_id = q.id";

const ITEM: &str = "SELECT id, agency_id, source, source_id, author_id, original, published, status, reason, revision, decided_by, decided_at, updated_at FROM moderation_items";

#[async_trait]
impl VoiceStore for SqlStore {
    async fn due_events(&self, since: i64, now: i64) -> StoreResult<Vec<DueEvent>> {
        let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT 'rdv' AS kind, a.id, a.starts_at, a.allocataire_id, a.agency_id FROM appointments a \
             WHERE a.status = 'attended' AND a.starts_at >= $1 - 2592000 AND a.starts_at <= $2 AND a.updated_at >= $1 AND a.updated_at >= a.starts_at \
               AND NOT EXISTS (SELECT 1 FROM satisfaction_requests q WHERE q.event_kind = 'rdv' AND q.event_id = a.id AND q.allocataire_id = a.allocataire_id) \
             UNION ALL \
             SELECT 'atelier' AS kind, w.id, w.starts_at, r.allocataire_id, w.agency_id FROM workshop_registrations r JOIN workshops w ON w.id = r.workshop_id \
             WHERE r.attendance = 'present' AND w.starts_at >= $1 - 2592000 AND w.ends_at <= $2 AND r.updated_at >= $1 AND r.updated_at >= w.starts_at - 3600 \
               AND NOT EXISTS (SELECT 1 FROM satisfaction_requests q WHERE q.event_kind = 'atelier' AND q.event_id = w.id AND q.allocataire_id = r.allocataire_id) \
             ORDER BY 3, 2",
        )
        .bind(since)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(kind, event_id, event_at, person, agency)| {
                Ok(DueEvent {
                    kind: EventKind::parse(&kind).ok_or_else(|| super::unknown("kind", &kind))?,
                    event_id,
                    event_at,
                    allocataire_id: AllocataireId(person),
                    agency_id: AgencyId(agency),
                })
            })
            .collect::<sqlx::Result<_>>()
            .map_err(Into::into)
    }

    async fn ask(&self, r: &NewQuestion, messages: &[NewMessage], now: i64) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "INSERT INTO satisfaction_requests (allocataire_id, agency_id, event_kind, event_id, event_at, token_hash, asked_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (event_kind, event_id, allocataire_id) DO NOTHING",
        )
        .bind(r.event.allocataire_id.0)
        .bind(r.event.agency_id.0)
        .bind(r.event.kind.as_str())
        .bind(r.event.event_id)
        .bind(r.event.event_at)
        .bind(&r.token_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_messages(&mut tx, messages, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn questions_of(&self, person: AllocataireId) -> StoreResult<Vec<QuestionRow>> {
        Ok(sqlx::query_as(&format!(
            "{REQUEST} WHERE q.allocataire_id = $1 ORDER BY q.event_at DESC, q.id DESC LIMIT 50"
        ))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn waiting_count(&self, person: AllocataireId, open_since: i64) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM satisfaction_requests WHERE allocataire_id = $1 AND answered_at IS NULL AND asked_at > $2",
        )
        .bind(person.0)
        .bind(open_since)
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    async fn question(&self, id: i64) -> StoreResult<Option<QuestionRow>> {
        Ok(sqlx::query_as(&format!("{REQUEST} WHERE q.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn question_by_token(&self, token_hash: &str) -> StoreResult<Option<QuestionRow>> {
        Ok(
            sqlx::query_as(&format!("{REQUEST} WHERE q.token_hash = $1"))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn answer(&self, a: &Answer, audit: &NewAudit, now: i64) -> StoreResult<AnswerOutcome> {
        let mut tx = self.write_tx().await?;
        if let Some(link) = &a.link {
            let spent = sqlx::query(
                "UPDATE satisfaction_requests SET link_used_at = $1 \
                 WHERE id = $2 AND token_hash = $3 AND link_used_at IS NULL AND answered_at IS NULL AND asked_at > $4",
            )
            .bind(now)
            .bind(a.request_id)
            .bind(link)
            .bind(a.open_since)
            .execute(&mut *tx)
            .await?;
            if spent.rows_affected() != 1 {
                return Ok(AnswerOutcome::LinkSpent);
            }
        }
        let saved = sqlx::query(
            "UPDATE satisfaction_requests SET rating = $1, answered_at = COALESCE(answered_at, $2), updated_at = $2 \
             WHERE id = $3 AND allocataire_id = $4 \
               AND ((answered_at IS NULL AND asked_at > $5) OR answered_at > $6)",
        )
        .bind(a.rating.value())
        .bind(now)
        .bind(a.request_id)
        .bind(a.allocataire_id.0)
        .bind(a.open_since)
        .bind(a.changeable_since)
        .execute(&mut *tx)
        .await?;
        if saved.rows_affected() != 1 {
            return Ok(AnswerOutcome::Closed);
        }
        let existing: Option<(String,)> = sqlx::query_as(
            "SELECT original FROM moderation_items WHERE source = 'satisfaction' AND source_id = $1",
        )
        .bind(a.request_id)
        .fetch_optional(&mut *tx)
        .await?;
        match (existing, a.comment.is_empty()) {
            (None, true) => {}
            (Some(_), true) => {
                sqlx::query(
                    "DELETE FROM moderation_items WHERE source = 'satisfaction' AND source_id = $1",
                )
                .bind(a.request_id)
                .execute(&mut *tx)
                .await?;
            }
            (Some((original,)), false) if original == a.comment => {}
            (Some(_), false) => {
                sqlx::query(
                    "UPDATE moderation_items SET original = $1, published = NULL, status = 'en_attente', reason = NULL, \
                     revision = revision + 1, decided_by = NULL, decided_at = NULL, updated_at = $2 \
                     WHERE source = 'satisfaction' AND source_id = $3",
                )
                .bind(&a.comment)
                .bind(now)
                .bind(a.request_id)
                .execute(&mut *tx)
                .await?;
            }
            (None, false) => {
                sqlx::query(
                    "INSERT INTO moderation_items (agency_id, source, source_id, author_id, original, status, created_at, updated_at) \
                     SELECT agency_id, 'satisfaction', id, allocataire_id, $1, 'en_attente', $2, $2 FROM satisfaction_requests WHERE id = $3",
                )
                .bind(&a.comment)
                .bind(now)
                .bind(a.request_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        Self::insert_audit(&mut tx, Some(audit), now).await?;
        tx.commit().await?;
        Ok(AnswerOutcome::Saved)
    }

    async fn reminders_due(
        &self,
        asked_before: i64,
        open_since: i64,
    ) -> StoreResult<Vec<QuestionRow>> {
        Ok(sqlx::query_as(&format!(
            "{REQUEST} WHERE q.answered_at IS NULL AND q.reminded_at IS NULL AND q.asked_at <= $1 AND q.asked_at > $2 ORDER BY q.asked_at, q.id LIMIT 500"
        ))
        .bind(asked_before)
        .bind(open_since)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn remind(
        &self,
        id: i64,
        token_hash: &str,
        messages: &[NewMessage],
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE satisfaction_requests SET reminded_at = $1, token_hash = $2, link_used_at = NULL, updated_at = $1 \
             WHERE id = $3 AND reminded_at IS NULL AND answered_at IS NULL",
        )
        .bind(now)
        .bind(token_hash)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_messages(&mut tx, messages, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn moderation_queue(
        &self,
        agency: Option<AgencyId>,
        limit: i64,
    ) -> StoreResult<Vec<ItemRow>> {
        Ok(sqlx::query_as(&format!(
            "{ITEM} WHERE ($1 IS NULL OR agency_id = $1) \
             ORDER BY CASE WHEN status = 'en_attente' THEN 0 ELSE 1 END, \
                      CASE WHEN status = 'en_attente' THEN updated_at ELSE -updated_at END, id LIMIT $2"
        ))
        .bind(agency.map(|a| a.0))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn moderation_item(&self, id: i64) -> StoreResult<Option<ItemRow>> {
        Ok(sqlx::query_as(&format!("{ITEM} WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn decide(
        &self,
        d: &ModerationDecision,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE moderation_items SET status = $1, published = $2, reason = $3, decided_by = $4, decided_at = $5 \
             WHERE id = $6 AND revision = $7 AND status = 'en_attente'",
        )
        .bind(d.status.as_str())
        .bind(&d.published)
        .bind(&d.reason)
        .bind(d.by.map(i64::from))
        .bind(now)
        .bind(d.item_id)
        .bind(d.revision)
        .execute(&mut *tx)
        .await?;
        Self::commit_if_one(tx, done.rows_affected(), Some(audit), now).await
    }

    async fn rating_counts(
        &self,
        agency: Option<AgencyId>,
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<RatingCount>> {
        let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
            "SELECT agency_id, event_kind, rating, COUNT(*) FROM satisfaction_requests \
             WHERE rating IS NOT NULL AND event_at >= $1 AND event_at < $2 AND ($3 IS NULL OR agency_id = $3) \
             GROUP BY agency_id, event_kind, rating",
        )
        .bind(from)
        .bind(to)
        .bind(agency.map(|a| a.0))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(agency, kind, rating, count)| {
                Ok(RatingCount {
                    agency_id: AgencyId(agency),
                    kind: EventKind::parse(&kind)
                        .ok_or_else(|| super::unknown("event_kind", &kind))?,
                    rating: Rating::from_value(rating)
                        .ok_or_else(|| super::unknown("rating", &rating.to_string()))?,
                    count,
                })
            })
            .collect::<sqlx::Result<_>>()
            .map_err(Into::into)
    }

    async fn published_comments(
        &self,
        agency: Option<AgencyId>,
        from: i64,
        to: i64,
        limit: i64,
    ) -> StoreResult<Vec<PublishedComment>> {
        let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "SELECT q.agency_id, q.event_kind, m.published, q.event_at FROM moderation_items m \
             JOIN satisfaction_requests q ON m.source = 'satisfaction' AND q.id = m.source_id \
             WHERE m.status IN ('publie', 'masque') AND m.published IS NOT NULL \
               AND q.event_at >= $1 AND q.event_at < $2 AND ($3 IS NULL OR q.agency_id = $3) \
             ORDER BY q.event_at DESC, m.id DESC LIMIT $4",
        )
        .bind(from)
        .bind(to)
        .bind(agency.map(|a| a.0))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(agency, kind, text, event_at)| {
                Ok(PublishedComment {
                    agency_id: AgencyId(agency),
                    kind: EventKind::parse(&kind)
                        .ok_or_else(|| super::unknown("event_kind", &kind))?,
                    text,
                    event_at,
                })
            })
            .collect::<sqlx::Result<_>>()
            .map_err(Into::into)
    }

    async fn consent_of(&self, person: AllocataireId) -> StoreResult<Option<ConsentRow>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT version, given_at FROM panel_consents WHERE allocataire_id = $1 AND withdrawn_at IS NULL",
        )
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(version, given_at)| ConsentRow { version, given_at }))
    }

    async fn volunteer(
        &self,
        person: AllocataireId,
        agency: AgencyId,
        version: &str,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "INSERT INTO panel_consents (allocataire_id, agency_id, version, given_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(person.0)
        .bind(agency.0)
        .bind(version)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Self::commit_if_one(tx, done.rows_affected(), Some(audit), now).await
    }

    async fn withdraw(
        &self,
        person: AllocataireId,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE panel_consents SET withdrawn_at = $1 WHERE allocataire_id = $2 AND withdrawn_at IS NULL",
        )
        .bind(now)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        Self::commit_if_one(tx, done.rows_affected(), Some(audit), now).await
    }

    async fn volunteers(&self, agency: Option<AgencyId>) -> StoreResult<Vec<VolunteerRow>> {
        let rows: Vec<(i64, i64, String, String, String, String, i64)> = sqlx::query_as(
            "SELECT p.id, c.agency_id, p.numero, p.first_name, p.last_name, c.version, c.given_at \
             FROM panel_consents c JOIN allocataires p ON p.id = c.allocataire_id \
             WHERE c.withdrawn_at IS NULL AND p.disabled = 0 AND ($1 IS NULL OR c.agency_id = $1) \
             ORDER BY p.last_name, p.first_name, p.id",
        )
        .bind(agency.map(|a| a.0))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, agency, numero, first_name, last_name, version, given_at)| VolunteerRow {
                    allocataire_id: AllocataireId(id),
                    agency_id: AgencyId(agency),
                    numero,
                    first_name,
                    last_name,
                    version,
                    given_at,
                },
            )
            .collect())
    }
}
