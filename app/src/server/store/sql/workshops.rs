use super::{id, opt_id, parsed, SqlStore, Tx};
use crate::domain::workshop::{
    offer_window, Attendance, Audience, RegistrationStatus, WorkshopStatus,
};
use crate::domain::AgencyId;
use crate::domain::{AllocataireId, RegistrationId, StaffId, WorkshopId};
use crate::server::store::workshops::*;
use crate::server::store::{NewAudit, StoreResult};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

impl FromRow<'_, AnyRow> for WorkshopRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            id: id(r, "id")?,
            agency_id: id(r, "agency_id")?,
            title: r.try_get("title")?,
            theme: r.try_get("theme")?,
            theme_label: r.try_get("theme_label")?,
            description: r.try_get("description")?,
            starts_at: r.try_get("starts_at")?,
            ends_at: r.try_get("ends_at")?,
            place: r.try_get("place")?,
            video_url: r.try_get("video_url")?,
            capacity: r.try_get("capacity")?,
            audience: parsed(r, "audience", Audience::parse)?,
            registration_deadline: r.try_get("registration_deadline")?,
            facilitator_id: opt_id(r, "facilitator_id")?,
            facilitators: r.try_get("facilitators")?,
            series_id: opt_id(r, "series_id")?,
            sequence: r.try_get("sequence")?,
            status: parsed(r, "status", WorkshopStatus::parse)?,
            seats_held: r.try_get("seats_held")?,
            waiting: r.try_get("waiting")?,
        })
    }
}

impl FromRow<'_, AnyRow> for RegistrationRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        let attendance: Option<String> = r.try_get("attendance")?;
        Ok(Self {
            id: id(r, "reg_id")?,
            workshop_id: id(r, "workshop_id")?,
            allocataire_id: id(r, "allocataire_id")?,
            numero: r.try_get("numero")?,
            first_name: r.try_get("first_name")?,
            last_name: r.try_get("last_name")?,
            status: parsed(r, "reg_status", RegistrationStatus::parse)?,
            offered_until: r.try_get("offered_until")?,
            attendance: match attendance {
                None => None,
                Some(a) => {
                    Some(Attendance::parse(&a).ok_or_else(|| super::unknown("attendance", &a))?)
                }
            },
            created_at: r.try_get("reg_created_at")?,
        })
    }
}

impl FromRow<'_, AnyRow> for PlaceChange {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            allocataire_id: id(r, "allocataire_id")?,
            first_name: r.try_get("first_name")?,
            phone: r.try_get("phone")?,
            email: r.try_get("email")?,
            status: parsed(r, "reg_status", RegistrationStatus::parse)?,
            offered_until: r.try_get("offered_until")?,
            notice: Notice::Place,
        })
    }
}

/// A session with its seat counts.
const WORKSHOP: &str = "SELECT w.id, w.agency_id, w.title, w.theme, (SELECT t.label FROM workshop_themes t WHERE t.key = w.theme) AS theme_label, w.description, w.starts_at, w.ends_at, w.place, w.video_url, w.capacity, w.audience, \
     w.registration_deadline, w.facilitator_id, w.facilitators, w.series_id, w.sequence, w.status, \
     (SELECT COUNT(*) FROM workshop_registrations r WHERE r.workshop_id = w.id AND r.status IN ('registered', 'offered')) AS seats_held, \
     (SELECT COUNT(*) FROM workshop_registrations r WHERE r.workshop_id = w.id AND r.status = 'waiting') AS waiting \
     FROM workshops w";

const REGISTRATION: &str = "SELECT r.id AS reg_id, r.workshop_id, r.allocataire_id, p.numero, p.first_name, p.last_name, r.status AS reg_status, r.offered_until, r.attendance, r.created_at AS reg_created_at \
     FROM workshop_registrations r JOIN allocataires p ON p.id = r.allocataire_id";

const PLACE: &str = "SELECT r.allocataire_id, p.first_name, p.phone, p.email, r.status AS reg_status, r.offered_until \
     FROM workshop_registrations r JOIN allocataires p ON p.id = r.allocataire_id";

impl FromRow<'_, AnyRow> for InvitationRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(Self {
            allocataire_id: id(r, "allocataire_id")?,
            numero: r.try_get("numero")?,
            first_name: r.try_get("first_name")?,
            last_name: r.try_get("last_name")?,
            created_at: r.try_get("created_at")?,
        })
    }
}

impl SqlStore {
    async fn insert_workshop(
        tx: &mut Tx,
        w: &NewWorkshop,
        series: Option<i64>,
        now: i64,
    ) -> StoreResult<i64> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO workshops (agency_id, title, theme, description, starts_at, ends_at, place, video_url, capacity, audience, registration_deadline, facilitator_id, facilitators, series_id, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
        )
        .bind(w.agency_id.0)
        .bind(&w.title)
        .bind(&w.theme)
        .bind(&w.description)
        .bind(w.starts_at)
        .bind(w.ends_at)
        .bind(&w.place)
        .bind(&w.video_url)
        .bind(w.capacity)
        .bind(w.audience.as_str())
        .bind(w.registration_deadline)
        .bind(w.facilitator_id.map(i64::from))
        .bind(&w.facilitators)
        .bind(series)
        .bind(w.created_by.map(i64::from))
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Tells everyone on a session (holding a place or waiting) with `notice`.
    async fn tell_all(
        tx: &mut Tx,
        w: &WorkshopRow,
        notice: Notice,
        notices: Notices<'_>,
        now: i64,
    ) -> StoreResult<usize> {
        let people: Vec<PlaceChange> = sqlx::query_as(&format!(
            "{PLACE} WHERE r.workshop_id = $1 AND r.status IN ('registered', 'waiting', 'offered') ORDER BY r.id"
        ))
        .bind(w.id.0)
        .fetch_all(&mut **tx)
        .await?;
        for mut p in people.iter().cloned() {
            p.notice = notice;
            Self::insert_messages(tx, &notices(w, &p), now).await?;
        }
        Ok(people.len())
    }

    async fn workshop_in(tx: &mut Tx, id: WorkshopId) -> StoreResult<Option<WorkshopRow>> {
        Ok(sqlx::query_as(&format!("{WORKSHOP} WHERE w.id = $1"))
            .bind(id.0)
            .fetch_optional(&mut **tx)
            .await?)
    }

    async fn place_of(tx: &mut Tx, registration: i64) -> StoreResult<PlaceChange> {
        Ok(sqlx::query_as(&format!("{PLACE} WHERE r.id = $1"))
            .bind(registration)
            .fetch_one(&mut **tx)
            .await?)
    }

    async fn tell(
        tx: &mut Tx,
        w: &WorkshopRow,
        registration: i64,
        notices: Notices<'_>,
        now: i64,
    ) -> StoreResult<()> {
        let place = Self::place_of(tx, registration).await?;
        Self::insert_messages(tx, &notices(w, &place), now).await
    }

    /// Offers free seats to the people waiting longest, one seat each, and tells them.
    /// Returns how many were offered.
    async fn offer_free_seats(
        tx: &mut Tx,
        workshop: WorkshopId,
        window: i64,
        notices: Notices<'_>,
        now: i64,
    ) -> StoreResult<usize> {
        let Some(w) = Self::workshop_in(tx, workshop).await? else {
            return Ok(0);
        };
        if w.status != WorkshopStatus::Scheduled || now >= w.starts_at {
            return Ok(0);
        }
        let free = (w.capacity - w.seats_held).max(0);
        if free == 0 {
            return Ok(0);
        }
        let next: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM workshop_registrations WHERE workshop_id = $1 AND status = 'waiting' ORDER BY id LIMIT $2",
        )
        .bind(workshop.0)
        .bind(free)
        .fetch_all(&mut **tx)
        .await?;
        let until = now + offer_window(now, w.starts_at, window);
        for (reg,) in &next {
            sqlx::query("UPDATE workshop_registrations SET status = 'offered', offered_until = $2, updated_at = $3 WHERE id = $1 AND status = 'waiting'")
                .bind(reg)
                .bind(until)
                .bind(now)
                .execute(&mut **tx)
                .await?;
            Self::tell(tx, &w, *reg, notices, now).await?;
        }
        Ok(next.len())
    }

    async fn active_registration(
        tx: &mut Tx,
        workshop: WorkshopId,
        person: AllocataireId,
    ) -> StoreResult<Option<(i64, RegistrationStatus)>> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, status FROM workshop_registrations WHERE workshop_id = $1 AND allocataire_id = $2 AND status IN ('registered', 'waiting', 'offered')",
        )
        .bind(workshop.0)
        .bind(person.0)
        .fetch_optional(&mut **tx)
        .await?;
        Ok(row.and_then(|(id, s)| RegistrationStatus::parse(&s).map(|s| (id, s))))
    }
}

#[async_trait]
impl WorkshopStore for SqlStore {
    async fn create_workshops(
        &self,
        sessions: &[NewWorkshop],
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<Vec<WorkshopId>> {
        let mut tx = self.write_tx().await?;
        let mut ids = Vec::with_capacity(sessions.len());
        for w in sessions {
            let series = (sessions.len() > 1).then(|| ids.first().copied()).flatten();
            ids.push(Self::insert_workshop(&mut tx, w, series, now).await?);
        }
        if sessions.len() > 1 {
            // The first session is the series' own id too.
            sqlx::query("UPDATE workshops SET series_id = id WHERE id = $1")
                .bind(ids[0])
                .execute(&mut *tx)
                .await?;
        }
        let audit = audit.zip(ids.first()).map(|(a, first)| NewAudit {
            subject: format!("workshop:{first}"),
            ..a.clone()
        });
        Self::insert_audit(&mut tx, audit.as_ref(), now).await?;
        tx.commit().await?;
        Ok(ids.into_iter().map(WorkshopId).collect())
    }

    async fn update_workshop(
        &self,
        workshop: WorkshopId,
        e: &NewWorkshop,
        window: i64,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<EditOutcome> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "workshops", workshop.0).await?;
        let Some(w) = Self::workshop_in(&mut tx, workshop).await? else {
            return Ok(EditOutcome::NotScheduled);
        };
        if w.status != WorkshopStatus::Scheduled {
            return Ok(EditOutcome::NotScheduled);
        }
        if let Err(err) = crate::domain::workshop::capacity_change(e.capacity, w.seats_held) {
            return Ok(EditOutcome::BelowHeld(match err {
                crate::domain::workshop::CapacityError::BelowRegistered(n) => n,
                crate::domain::workshop::CapacityError::OutOfRange => w.seats_held,
            }));
        }
        use crate::domain::workshop::Spot;
        let news = crate::domain::workshop::worth_telling(
            &Spot {
                starts_at: w.starts_at,
                ends_at: w.ends_at,
                place: &w.place,
                video_url: w.video_url.as_deref(),
            },
            &Spot {
                starts_at: e.starts_at,
                ends_at: e.ends_at,
                place: &e.place,
                video_url: e.video_url.as_deref(),
            },
        );
        sqlx::query(
            "UPDATE workshops SET title = $2, theme = $3, description = $4, starts_at = $5, ends_at = $6, place = $7, video_url = $8, \
             capacity = $9, audience = $10, registration_deadline = $11, facilitators = $12, sequence = sequence + $13, updated_at = $14 WHERE id = $1",
        )
        .bind(workshop.0)
        .bind(&e.title)
        .bind(&e.theme)
        .bind(&e.description)
        .bind(e.starts_at)
        .bind(e.ends_at)
        .bind(&e.place)
        .bind(&e.video_url)
        .bind(e.capacity)
        .bind(e.audience.as_str())
        .bind(e.registration_deadline)
        .bind(&e.facilitators)
        .bind(i64::from(news))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let mut told = 0;
        if news {
            if let Some(after) = Self::workshop_in(&mut tx, workshop).await? {
                // A reminder already sent named the old time: the next one may go again.
                sqlx::query("UPDATE workshop_registrations SET reminder_sent_at = NULL WHERE workshop_id = $1")
                    .bind(workshop.0)
                    .execute(&mut *tx)
                    .await?;
                told = Self::tell_all(&mut tx, &after, Notice::Changed, notices, now).await?;
            }
        }
        let offered = Self::offer_free_seats(&mut tx, workshop, window, notices, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(EditOutcome::Saved { told, offered })
    }

    async fn invite(
        &self,
        workshop: WorkshopId,
        numeros: &[String],
        by: Option<StaffId>,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<InviteOutcome> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "workshops", workshop.0).await?;
        let Some(w) = Self::workshop_in(&mut tx, workshop).await? else {
            return Ok(InviteOutcome::default());
        };
        let mut out = InviteOutcome::default();
        for numero in numeros {
            let person: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM allocataires WHERE numero = $1 AND agency_id = $2 AND disabled = 0",
            )
            .bind(numero)
            .bind(w.agency_id.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((person,)) = person else {
                out.unknown.push(numero.clone());
                continue;
            };
            let added = sqlx::query(
                "INSERT INTO workshop_invitations (workshop_id, allocataire_id, invited_by, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (workshop_id, allocataire_id) DO NOTHING",
            )
            .bind(workshop.0)
            .bind(person)
            .bind(by.map(i64::from))
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if added == 0 {
                out.already += 1;
                continue;
            }
            let mut p: PlaceChange = sqlx::query_as(
                "SELECT p.id AS allocataire_id, p.first_name, p.phone, p.email, 'waiting' AS reg_status, CAST(NULL AS BIGINT) AS offered_until \
                 FROM allocataires p WHERE p.id = $1",
            )
            .bind(person)
            .fetch_one(&mut *tx)
            .await?;
            p.notice = Notice::Invited;
            Self::insert_messages(&mut tx, &notices(&w, &p), now).await?;
            out.invited += 1;
        }
        if out.invited > 0 {
            Self::insert_audit(&mut tx, audit, now).await?;
        }
        tx.commit().await?;
        Ok(out)
    }

    async fn place_status(
        &self,
        workshop: WorkshopId,
        person: AllocataireId,
    ) -> StoreResult<Option<RegistrationStatus>> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT status FROM workshop_registrations WHERE workshop_id = $1 AND allocataire_id = $2 ORDER BY id DESC LIMIT 1",
        )
        .bind(workshop.0)
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(s,)| {
            RegistrationStatus::parse(&s)
                .ok_or_else(|| super::unknown("workshop_registrations.status", &s).into())
        })
        .transpose()
    }

    async fn invitations(&self, workshop: WorkshopId) -> StoreResult<Vec<InvitationRow>> {
        Ok(sqlx::query_as(
            "SELECT i.allocataire_id, p.numero, p.first_name, p.last_name, i.created_at FROM workshop_invitations i \
             JOIN allocataires p ON p.id = i.allocataire_id WHERE i.workshop_id = $1 ORDER BY i.id",
        )
        .bind(workshop.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn is_invited(&self, workshop: WorkshopId, person: AllocataireId) -> StoreResult<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM workshop_invitations WHERE workshop_id = $1 AND allocataire_id = $2",
        )
        .bind(workshop.0)
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    async fn workshop(&self, id: WorkshopId) -> StoreResult<Option<WorkshopRow>> {
        Ok(sqlx::query_as(&format!("{WORKSHOP} WHERE w.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn open_workshops(
        &self,
        agency: AgencyId,
        person: AllocataireId,
        now: i64,
    ) -> StoreResult<Vec<WorkshopRow>> {
        Ok(sqlx::query_as(&format!(
            "{WORKSHOP} WHERE w.status = 'scheduled' AND w.starts_at > $2 \
             AND ((w.agency_id = $1 AND w.audience = 'agence') OR w.audience = 'toutes' \
             OR EXISTS (SELECT 1 FROM workshop_invitations i WHERE i.workshop_id = w.id AND i.allocataire_id = $3)) \
             ORDER BY w.starts_at, w.id LIMIT 200"
        ))
        .bind(agency.0)
        .bind(now)
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn agency_workshops(&self, agency: AgencyId, from: i64) -> StoreResult<Vec<WorkshopRow>> {
        Ok(sqlx::query_as(&format!(
            "{WORKSHOP} WHERE w.agency_id = $1 AND w.ends_at >= $2 ORDER BY w.starts_at, w.id LIMIT 500"
        ))
        .bind(agency.0)
        .bind(from)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn registrations(&self, workshop: WorkshopId) -> StoreResult<Vec<RegistrationRow>> {
        Ok(sqlx::query_as(&format!(
            "{REGISTRATION} WHERE r.workshop_id = $1 ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'offered' THEN 1 WHEN 'waiting' THEN 2 ELSE 3 END, r.id"
        ))
        .bind(workshop.0)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn my_registrations(
        &self,
        person: AllocataireId,
    ) -> StoreResult<Vec<(WorkshopRow, RegistrationRow)>> {
        let regs: Vec<RegistrationRow> = sqlx::query_as(&format!(
            "{REGISTRATION} WHERE r.allocataire_id = $1 ORDER BY r.id DESC LIMIT 200"
        ))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(regs.len());
        for r in regs {
            if let Some(w) = self.workshop(r.workshop_id).await? {
                out.push((w, r));
            }
        }
        out.sort_by_key(|(w, r)| (w.starts_at, r.id.0));
        Ok(out)
    }

    async fn register(
        &self,
        workshop: WorkshopId,
        person: AllocataireId,
        key: &str,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<RegisterOutcome> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "workshops", workshop.0).await?;
        let replay: Option<(String,)> = sqlx::query_as(
            "SELECT status FROM workshop_registrations WHERE allocataire_id = $1 AND idempotency_key = $2",
        )
        .bind(person.0)
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(status) = replay.and_then(|(s,)| RegistrationStatus::parse(&s)) {
            return Ok(RegisterOutcome::Replayed(status));
        }
        let Some(w) = Self::workshop_in(&mut tx, workshop).await? else {
            return Ok(RegisterOutcome::Closed);
        };
        if !crate::domain::workshop::registration_open(
            now,
            w.registration_deadline,
            w.starts_at,
            w.status,
        ) {
            return Ok(RegisterOutcome::Closed);
        }
        if let Some((_, status)) = Self::active_registration(&mut tx, workshop, person).await? {
            return Ok(RegisterOutcome::AlreadyIn(status));
        }
        let status = crate::domain::workshop::place_for(w.capacity, w.seats_held, w.waiting);
        let (reg,): (i64,) = sqlx::query_as(
            "INSERT INTO workshop_registrations (workshop_id, allocataire_id, status, idempotency_key, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(workshop.0)
        .bind(person.0)
        .bind(status.as_str())
        .bind(key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        Self::tell(&mut tx, &w, reg, notices, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(RegisterOutcome::Created(status))
    }

    async fn leave(
        &self,
        workshop: WorkshopId,
        person: AllocataireId,
        window: i64,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "workshops", workshop.0).await?;
        let Some((reg, _)) = Self::active_registration(&mut tx, workshop, person).await? else {
            return Ok(false);
        };
        sqlx::query("UPDATE workshop_registrations SET status = 'left', offered_until = NULL, updated_at = $2 WHERE id = $1")
            .bind(reg)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        Self::offer_free_seats(&mut tx, workshop, window, notices, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn confirm_offer(
        &self,
        workshop: WorkshopId,
        person: AllocataireId,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "workshops", workshop.0).await?;
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM workshop_registrations WHERE workshop_id = $1 AND allocataire_id = $2 AND status = 'offered' AND offered_until > $3",
        )
        .bind(workshop.0)
        .bind(person.0)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((reg,)) = row else {
            return Ok(false);
        };
        sqlx::query("UPDATE workshop_registrations SET status = 'registered', offered_until = NULL, updated_at = $2 WHERE id = $1")
            .bind(reg)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if let Some(w) = Self::workshop_in(&mut tx, workshop).await? {
            Self::tell(&mut tx, &w, reg, notices, now).await?;
        }
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn expire_offers(
        &self,
        window: i64,
        notices: Notices<'_>,
        now: i64,
    ) -> StoreResult<usize> {
        let due: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT id, workshop_id FROM workshop_registrations WHERE status = 'offered' AND offered_until <= $1 ORDER BY id LIMIT 500",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        let mut expired = 0;
        for (reg, workshop) in due {
            // One transaction per offer: the expiry and the next offer go together.
            let mut tx = self.write_tx().await?;
            self.lock(&mut tx, "workshops", workshop).await?;
            let done = sqlx::query("UPDATE workshop_registrations SET status = 'expired', updated_at = $2 WHERE id = $1 AND status = 'offered' AND offered_until <= $2")
                .bind(reg)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done == 1 {
                if let Some(w) = Self::workshop_in(&mut tx, WorkshopId(workshop)).await? {
                    Self::tell(&mut tx, &w, reg, notices, now).await?;
                }
                Self::offer_free_seats(&mut tx, WorkshopId(workshop), window, notices, now).await?;
                expired += 1;
            }
            tx.commit().await?;
        }
        Ok(expired)
    }

    async fn set_capacity(
        &self,
        workshop: WorkshopId,
        capacity: i64,
        window: i64,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<CapacityOutcome> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "workshops", workshop.0).await?;
        let Some(w) = Self::workshop_in(&mut tx, workshop).await? else {
            return Ok(CapacityOutcome::BelowHeld(0));
        };
        if let Err(e) = crate::domain::workshop::capacity_change(capacity, w.seats_held) {
            return Ok(match e {
                crate::domain::workshop::CapacityError::BelowRegistered(n) => {
                    CapacityOutcome::BelowHeld(n)
                }
                crate::domain::workshop::CapacityError::OutOfRange => {
                    CapacityOutcome::BelowHeld(w.seats_held)
                }
            });
        }
        sqlx::query("UPDATE workshops SET capacity = $2, updated_at = $3 WHERE id = $1")
            .bind(workshop.0)
            .bind(capacity)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let offered = Self::offer_free_seats(&mut tx, workshop, window, notices, now).await?;
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(CapacityOutcome::Saved { offered })
    }

    async fn cancel_workshop(
        &self,
        workshop: WorkshopId,
        notices: Notices<'_>,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        self.lock(&mut tx, "workshops", workshop.0).await?;
        let done = sqlx::query("UPDATE workshops SET status = 'cancelled', sequence = sequence + 1, updated_at = $2 WHERE id = $1 AND status = 'scheduled'")
            .bind(workshop.0)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done != 1 {
            return Ok(false);
        }
        let active: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM workshop_registrations WHERE workshop_id = $1 AND status IN ('registered', 'waiting', 'offered') ORDER BY id",
        )
        .bind(workshop.0)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query("UPDATE workshop_registrations SET status = 'cancelled', offered_until = NULL, updated_at = $2 WHERE workshop_id = $1 AND status IN ('registered', 'waiting', 'offered')")
            .bind(workshop.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if let Some(w) = Self::workshop_in(&mut tx, workshop).await? {
            for (reg,) in active {
                Self::tell(&mut tx, &w, reg, notices, now).await?;
            }
        }
        Self::insert_audit(&mut tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn remind_workshops(
        &self,
        from: i64,
        to: i64,
        confirmed_before: i64,
        notices: Notices<'_>,
        now: i64,
    ) -> StoreResult<usize> {
        let due: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT r.id, r.workshop_id FROM workshop_registrations r JOIN workshops w ON w.id = r.workshop_id \
             WHERE r.status = 'registered' AND r.reminder_sent_at IS NULL AND w.status = 'scheduled' \
             AND w.starts_at > $1 AND w.starts_at <= $2 AND r.updated_at <= $3 ORDER BY w.starts_at, r.id LIMIT 500",
        )
        .bind(from)
        .bind(to)
        .bind(confirmed_before)
        .fetch_all(&self.pool)
        .await?;
        let mut written = 0;
        for (reg, workshop) in due {
            let mut tx = self.write_tx().await?;
            let done = sqlx::query("UPDATE workshop_registrations SET reminder_sent_at = $2 WHERE id = $1 AND status = 'registered' AND reminder_sent_at IS NULL")
                .bind(reg)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done == 1 {
                if let Some(w) = Self::workshop_in(&mut tx, WorkshopId(workshop)).await? {
                    let mut place = Self::place_of(&mut tx, reg).await?;
                    place.notice = Notice::Reminder;
                    Self::insert_messages(&mut tx, &notices(&w, &place), now).await?;
                    written += 1;
                }
            }
            tx.commit().await?;
        }
        Ok(written)
    }

    async fn record_attendance(
        &self,
        workshop: WorkshopId,
        registration: RegistrationId,
        attendance: Attendance,
        audit: Option<&NewAudit>,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("UPDATE workshop_registrations SET attendance = $3, updated_at = $4 WHERE id = $1 AND workshop_id = $2 AND status = 'registered'")
            .bind(registration.0)
            .bind(workshop.0)
            .bind(attendance.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        Self::commit_if_one(tx, done, audit, now).await
    }
}
