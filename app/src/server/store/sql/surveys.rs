use super::directory::ALLOCATAIRE_COLUMNS;
use super::{flag, id, opt_id, parsed, SqlStore, Tx};
use crate::domain::inputs::parse_date;
use crate::domain::survey::{Audience, Kind, Question, Status};
use crate::domain::{AgencyId, AllocataireId};
use crate::server::store::surveys::*;
use crate::server::store::{AllocataireRow, NewAudit, NewMessage, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for SurveyRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: r.try_get("id")?,
            agency_id: opt_id(r, "agency_id")?,
            title: r.try_get("title")?,
            intro: r.try_get("intro")?,
            thanks: r.try_get("thanks")?,
            anonymous: flag(r, "anonymous")?,
            audience: parsed(r, "audience", Audience::parse)?,
            numeros: r.try_get("numeros")?,
            opens_on: parsed(r, "opens_on", parse_date)?,
            closes_on: parsed(r, "closes_on", parse_date)?,
            status: parsed(r, "status", Status::parse)?,
            version: r.try_get("version")?,
            published_at: r.try_get("published_at")?,
            invited: r.try_get("invited")?,
            sent: r.try_get("sent_count")?,
        })
    }
}

impl FromRow<'_, AnyRow> for Question {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        let options: String = r.try_get("options")?;
        let show_if = match (
            r.try_get::<Option<i64>, _>("show_if_key")?,
            r.try_get::<Option<String>, _>("show_if_value")?,
        ) {
            (Some(k), Some(v)) => Some((k, v)),
            _ => None,
        };
        Ok(Self {
            key: r.try_get("question_key")?,
            section: r.try_get("section")?,
            position: r.try_get("position")?,
            kind: parsed(r, "kind", Kind::parse)?,
            label: r.try_get("label")?,
            required: flag(r, "required")?,
            options: options
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            show_if,
        })
    }
}

impl FromRow<'_, AnyRow> for ParticipantRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            survey_id: r.try_get("survey_id")?,
            allocataire_id: id(r, "allocataire_id")?,
            agency_id: id(r, "agency_id")?,
            version: r.try_get("p_version")?,
            draft: r.try_get("draft")?,
            sent: flag(r, "sent")?,
        })
    }
}

const SURVEY: &str = "SELECT s.id, s.agency_id, s.title, s.intro, s.thanks, s.anonymous, s.audience, s.numeros, s.opens_on, s.closes_on, s.status, s.version, s.published_at, \
     (SELECT COUNT(*) FROM survey_participants p WHERE p.survey_id = s.id) AS invited, \
     (SELECT COUNT(*) FROM survey_participants p WHERE p.survey_id = s.id AND p.sent = 1) AS sent_count \
     FROM surveys s";

const QUESTION: &str = "SELECT question_key, section, position, kind, label, required, options, show_if_key, show_if_value FROM survey_questions";

const LIVE: &str =
    "survey_id = $1 AND since_version <= $2 AND (until_version IS NULL OR until_version > $2)";

const PARTICIPANT: &str =
    "SELECT survey_id, allocataire_id, agency_id, version AS p_version, draft, sent FROM survey_participants";

impl SqlStore {
    async fn insert_question(
        tx: &mut Tx,
        survey: i64,
        version: i64,
        q: &Question,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO survey_questions (survey_id, question_key, since_version, section, position, kind, label, required, options, show_if_key, show_if_value) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(survey)
        .bind(q.key)
        .bind(version)
        .bind(q.section)
        .bind(q.position)
        .bind(q.kind.as_str())
        .bind(&q.label)
        .bind(i64::from(q.required))
        .bind(q.options.join("\n"))
        .bind(q.show_if.as_ref().map(|(k, _)| *k))
        .bind(q.show_if.as_ref().map(|(_, v)| v.clone()))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

#[async_trait]
impl SurveyStore for SqlStore {
    async fn create_survey(
        &self,
        s: &SurveySettings,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.write_tx().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO surveys (agency_id, title, intro, thanks, anonymous, audience, numeros, opens_on, closes_on, status, version, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'brouillon', 1, $10, $11, $11) RETURNING id",
        )
        .bind(s.agency_id.map(i64::from))
        .bind(&s.title)
        .bind(&s.intro)
        .bind(&s.thanks)
        .bind(i64::from(s.anonymous))
        .bind(s.audience.as_str())
        .bind(&s.numeros)
        .bind(s.opens_on.to_string())
        .bind(s.closes_on.to_string())
        .bind(s.by.map(i64::from))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let audit = NewAudit {
            subject: format!("{} survey:{id}", audit.subject),
            ..audit.clone()
        };
        Self::insert_audit(&mut tx, Some(&audit), now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn update_survey(
        &self,
        id: i64,
        s: &SurveySettings,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE surveys SET title = $1, intro = $2, thanks = $3, anonymous = $4, audience = $5, numeros = $6, opens_on = $7, closes_on = $8, updated_at = $9 \
             WHERE id = $10 AND status = 'brouillon'",
        )
        .bind(&s.title)
        .bind(&s.intro)
        .bind(&s.thanks)
        .bind(i64::from(s.anonymous))
        .bind(s.audience.as_str())
        .bind(&s.numeros)
        .bind(s.opens_on.to_string())
        .bind(s.closes_on.to_string())
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        Self::commit_if_one(tx, done.rows_affected(), Some(audit), now).await
    }

    async fn survey(&self, id: i64) -> StoreResult<Option<SurveyRow>> {
        Ok(sqlx::query_as(&format!("{SURVEY} WHERE s.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn surveys(&self, agency: Option<AgencyId>) -> StoreResult<Vec<SurveyRow>> {
        Ok(sqlx::query_as(&format!(
            "{SURVEY} WHERE ($1 IS NULL OR s.agency_id = $1) ORDER BY s.id DESC LIMIT 200"
        ))
        .bind(agency.map(i64::from))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn survey_questions(&self, survey: i64, version: i64) -> StoreResult<Vec<Question>> {
        Ok(sqlx::query_as(&format!(
            "{QUESTION} WHERE {LIVE} ORDER BY section, position, question_key"
        ))
        .bind(survey)
        .bind(version)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn change_questions(
        &self,
        survey: i64,
        change: &QuestionChange,
        check: &(dyn for<'q> Fn(&'q [Question]) -> Result<(), String> + Send + Sync),
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<Result<i64, String>> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "surveys", survey).await?;
        let (version,): (i64,) = sqlx::query_as("SELECT version FROM surveys WHERE id = $1")
            .bind(survey)
            .fetch_one(&mut *tx)
            .await?;
        let (answered,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1 AND version = $2) \
                  + (SELECT COUNT(*) FROM survey_participants WHERE survey_id = $1 AND version = $2)",
        )
        .bind(survey)
        .bind(version)
        .fetch_one(&mut *tx)
        .await?;
        // Answers keep their version: once anyone answered, changes make the next one.
        let target = if answered > 0 { version + 1 } else { version };
        let live: Vec<Question> = sqlx::query_as(&format!(
            "{QUESTION} WHERE {LIVE} ORDER BY section, position, question_key"
        ))
        .bind(survey)
        .bind(version)
        .fetch_all(&mut *tx)
        .await?;
        let since: Vec<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT question_key, since_version FROM survey_questions WHERE {LIVE}"
        ))
        .bind(survey)
        .bind(version)
        .fetch_all(&mut *tx)
        .await?;
        let since_of = |key: i64| since.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let mut next = live.clone();
        let (key, written): (i64, Option<Question>) = match change {
            QuestionChange::Add(q) => {
                let (max_key,): (Option<i64>,) = sqlx::query_as(
                    "SELECT MAX(question_key) FROM survey_questions WHERE survey_id = $1",
                )
                .bind(survey)
                .fetch_one(&mut *tx)
                .await?;
                let position = live
                    .iter()
                    .filter(|l| l.section == q.section)
                    .map(|l| l.position)
                    .max()
                    .unwrap_or(0)
                    + 1;
                let q = Question {
                    key: max_key.unwrap_or(0) + 1,
                    position,
                    ..q.clone()
                };
                next.push(q.clone());
                (q.key, Some(q))
            }
            QuestionChange::Edit(q) => {
                let Some(old) = live.iter().find(|l| l.key == q.key) else {
                    return Ok(Err(String::new()));
                };
                let position = if old.section == q.section {
                    old.position
                } else {
                    live.iter()
                        .filter(|l| l.section == q.section)
                        .map(|l| l.position)
                        .max()
                        .unwrap_or(0)
                        + 1
                };
                let q = Question {
                    position,
                    ..q.clone()
                };
                next.retain(|l| l.key != q.key);
                next.push(q.clone());
                (q.key, Some(q))
            }
            QuestionChange::Remove(key) => {
                if !live.iter().any(|l| l.key == *key) {
                    return Ok(Err(String::new()));
                }
                next.retain(|l| l.key != *key);
                (*key, None)
            }
        };
        next.sort_by_key(|q| (q.section, q.position, q.key));
        if let Err(why) = check(&next) {
            return Ok(Err(why));
        }
        if target != version {
            sqlx::query("UPDATE surveys SET version = $1, updated_at = $2 WHERE id = $3")
                .bind(target)
                .bind(now)
                .bind(survey)
                .execute(&mut *tx)
                .await?;
        }
        // The question's live row: changed in place if it was written for the version
        // being changed (nobody answered it), else closed at `target` and replaced.
        match since_of(key) {
            Some(s) if s == target => {
                sqlx::query(&format!(
                    "DELETE FROM survey_questions WHERE {LIVE} AND question_key = $3"
                ))
                .bind(survey)
                .bind(version)
                .bind(key)
                .execute(&mut *tx)
                .await?;
            }
            Some(_) => {
                sqlx::query(&format!(
                    "UPDATE survey_questions SET until_version = $3 WHERE {LIVE} AND question_key = $4"
                ))
                .bind(survey)
                .bind(version)
                .bind(target)
                .bind(key)
                .execute(&mut *tx)
                .await?;
            }
            None => {}
        }
        if let Some(q) = &written {
            Self::insert_question(&mut tx, survey, target, q).await?;
        }
        sqlx::query("UPDATE surveys SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(survey)
            .execute(&mut *tx)
            .await?;
        Self::insert_audit(&mut tx, Some(audit), now).await?;
        tx.commit().await?;
        Ok(Ok(target))
    }

    async fn survey_audience(
        &self,
        agency: Option<AgencyId>,
        audience: Audience,
        numeros: &[String],
    ) -> StoreResult<Vec<AllocataireRow>> {
        let agency = agency.map(i64::from);
        let people: Vec<AllocataireRow> = match audience {
            Audience::Agency | Audience::All => {
                sqlx::query_as(&format!(
                    "SELECT {ALLOCATAIRE_COLUMNS} FROM allocataires WHERE disabled = 0 AND ($1 IS NULL OR agency_id = $1) ORDER BY id"
                ))
                .bind(agency)
                .fetch_all(&self.pool)
                .await?
            }
            Audience::Volunteers => {
                sqlx::query_as(&format!(
                    "SELECT {ALLOCATAIRE_COLUMNS} FROM allocataires WHERE disabled = 0 AND ($1 IS NULL OR agency_id = $1) \
                     AND id IN (SELECT allocataire_id FROM panel_consents WHERE withdrawn_at IS NULL) ORDER BY id"
                ))
                .bind(agency)
                .fetch_all(&self.pool)
                .await?
            }
            Audience::List => {
                let mut out = Vec::new();
                for n in numeros {
                    let p: Option<AllocataireRow> = sqlx::query_as(&format!(
                        "SELECT {ALLOCATAIRE_COLUMNS} FROM allocataires WHERE disabled = 0 AND numero = $1 AND ($2 IS NULL OR agency_id = $2)"
                    ))
                    .bind(n)
                    .bind(agency)
                    .fetch_optional(&self.pool)
                    .await?;
                    out.extend(p);
                }
                out
            }
        };
        Ok(people)
    }

    async fn publish_survey(
        &self,
        id: i64,
        people: &[(AllocataireId, AgencyId)],
        messages: &[NewMessage],
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE surveys SET status = 'publie', published_at = $1, updated_at = $1 WHERE id = $2 AND status = 'brouillon'",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        for (person, agency) in people {
            sqlx::query(
                "INSERT INTO survey_participants (survey_id, allocataire_id, agency_id, invited_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (survey_id, allocataire_id) DO NOTHING",
            )
            .bind(id)
            .bind(person.0)
            .bind(agency.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        Self::insert_messages(&mut tx, messages, now).await?;
        Self::insert_audit(&mut tx, Some(audit), now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn close_survey(&self, id: i64, audit: &NewAudit, now: i64) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE surveys SET status = 'clos', updated_at = $1 WHERE id = $2 AND status = 'publie'",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        Self::commit_if_one(tx, done.rows_affected(), Some(audit), now).await
    }

    async fn participant(
        &self,
        survey: i64,
        person: AllocataireId,
    ) -> StoreResult<Option<ParticipantRow>> {
        Ok(sqlx::query_as(&format!(
            "{PARTICIPANT} WHERE survey_id = $1 AND allocataire_id = $2"
        ))
        .bind(survey)
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn surveys_of(
        &self,
        person: AllocataireId,
    ) -> StoreResult<Vec<(SurveyRow, ParticipantRow)>> {
        let mine: Vec<ParticipantRow> = sqlx::query_as(&format!(
            "{PARTICIPANT} WHERE allocataire_id = $1 ORDER BY survey_id DESC LIMIT 50"
        ))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(mine.len());
        for p in mine {
            if let Some(s) = self.survey(p.survey_id).await? {
                out.push((s, p));
            }
        }
        Ok(out)
    }

    async fn save_survey_draft(
        &self,
        survey: i64,
        person: AllocataireId,
        version: i64,
        draft: &str,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE survey_participants SET draft = $1, version = $2 \
             WHERE survey_id = $3 AND allocataire_id = $4 AND sent = 0 AND (version IS NULL OR version = $2)",
        )
        .bind(draft)
        .bind(version)
        .bind(survey)
        .bind(person.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn submit(&self, s: &Submission) -> StoreResult<SubmitOutcome> {
        let mut tx = self.write_tx().await?;
        let today = s.today.to_string();
        let marked = sqlx::query(
            "UPDATE survey_participants SET sent = 1, draft = NULL \
             WHERE survey_id = $1 AND allocataire_id = $2 AND sent = 0 AND (version IS NULL OR version = $3) \
               AND EXISTS (SELECT 1 FROM surveys s WHERE s.id = $1 AND s.status = 'publie' AND s.opens_on <= $4 AND s.closes_on >= $4)",
        )
        .bind(s.survey_id)
        .bind(s.person.0)
        .bind(s.version)
        .bind(&today)
        .execute(&mut *tx)
        .await?;
        if marked.rows_affected() != 1 {
            let sent: Option<(i64,)> = sqlx::query_as(
                "SELECT sent FROM survey_participants WHERE survey_id = $1 AND allocataire_id = $2",
            )
            .bind(s.survey_id)
            .bind(s.person.0)
            .fetch_optional(&mut *tx)
            .await?;
            return Ok(if sent.is_some_and(|(v,)| v == 1) {
                SubmitOutcome::AlreadySent
            } else {
                SubmitOutcome::Closed
            });
        }
        sqlx::query(
            "INSERT INTO survey_responses (id, survey_id, version, agency_id, allocataire_id, sent_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&s.response_id)
        .bind(s.survey_id)
        .bind(s.version)
        .bind(s.agency_id.0)
        .bind((!s.anonymous).then_some(s.person.0))
        .bind((!s.anonymous).then_some(s.now))
        .execute(&mut *tx)
        .await?;
        for (key, value) in &s.choices {
            sqlx::query(
                "INSERT INTO survey_answers (response_id, question_key, value) VALUES ($1, $2, $3)",
            )
            .bind(&s.response_id)
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
        }
        for (text_id, key, text) in &s.texts {
            sqlx::query(
                "INSERT INTO survey_texts (id, response_id, question_key) VALUES ($1, $2, $3)",
            )
            .bind(text_id)
            .bind(&s.response_id)
            .bind(key)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO moderation_items (agency_id, source, source_id, author_id, original, status, created_at, updated_at) \
                 VALUES ($1, 'questionnaire', $2, $3, $4, 'en_attente', $5, $5)",
            )
            .bind(s.agency_id.0)
            .bind(text_id)
            .bind((!s.anonymous).then_some(s.person.0))
            .bind(text)
            .bind(s.queued_at)
            .execute(&mut *tx)
            .await?;
        }
        Self::insert_audit(&mut tx, s.audit.as_ref(), s.now).await?;
        tx.commit().await?;
        Ok(SubmitOutcome::Sent)
    }

    async fn respondents(&self, survey: i64, version: i64) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1 AND version = $2",
        )
        .bind(survey)
        .bind(version)
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    async fn choice_counts(&self, survey: i64, version: i64) -> StoreResult<Vec<ChoiceCount>> {
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT a.question_key, a.value, COUNT(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id \
             WHERE r.survey_id = $1 AND r.version = $2 GROUP BY a.question_key, a.value",
        )
        .bind(survey)
        .bind(version)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(key, value, count)| ChoiceCount { key, value, count })
            .collect())
    }

    async fn published_texts(
        &self,
        survey: i64,
        version: i64,
        limit: i64,
    ) -> StoreResult<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT t.question_key, m.published FROM survey_texts t \
             JOIN survey_responses r ON r.id = t.response_id \
             JOIN moderation_items m ON m.source = 'questionnaire' AND m.source_id = t.id \
             WHERE r.survey_id = $1 AND r.version = $2 AND m.status IN ('publie', 'masque') AND m.published IS NOT NULL \
             ORDER BY t.question_key, m.id LIMIT $3",
        )
        .bind(survey)
        .bind(version)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
