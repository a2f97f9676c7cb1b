//! The allocataire's side of workshops: the offer, registering, leaving, taking a seat.

use super::*;

/// The filter of the offer page, as typed.
#[derive(Debug, Clone, Default)]
pub struct OfferFilter {
    pub theme: String,
    pub from: String,
    pub place: String,
}

pub async fn offer(
    st: &AppState,
    actor: &Actor,
    filter: OfferFilter,
    now: DateTime<Utc>,
) -> Result<WorkshopOfferView, AppError> {
    let (person, agency) = me(actor)?;
    let ts = now.timestamp();
    let open = st.store.open_workshops(agency, person, ts).await?;
    let mine = st.store.my_registrations(person).await?;
    let themes = themes(st, "").await?;
    let theme = Some(filter.theme.trim()).filter(|k| themes.iter().any(|(key, _)| key == k));
    let from = crate::domain::inputs::parse_date(&filter.from);
    let place: String = filter
        .place
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_lowercase();
    let mut sessions = Vec::new();
    for w in &open {
        let matches = theme.is_none_or(|t| w.theme == t)
            && from.is_none_or(|d| format::day_of(w.starts_at) >= d)
            && (place.is_empty() || w.place.to_lowercase().contains(&place));
        let my = mine
            .iter()
            .find(|(mw, r)| mw.id == w.id && r.status.is_active());
        // A session I hold a place on is always listed, whatever the filter.
        if matches || my.is_some() {
            let mine = match my {
                Some((_, r)) => Some(my_place(st, w, r).await?),
                None => None,
            };
            sessions.push(WorkshopOfferLine {
                card: card(w, ts),
                mine,
            });
        }
    }
    let mut history = Vec::new();
    for (w, r) in &mine {
        let upcoming_active =
            r.status.is_active() && w.starts_at > ts && w.status == WorkshopStatus::Scheduled;
        if !upcoming_active && (w.starts_at <= ts || r.status == RegistrationStatus::Cancelled) {
            history.push(WorkshopOfferLine {
                card: card(w, ts),
                mine: Some(my_place(st, w, r).await?),
            });
        }
    }
    history.reverse();
    Ok(WorkshopOfferView {
        sessions,
        history,
        theme: theme.map(str::to_string).unwrap_or_default(),
        themes,
        from: from.map(|d| d.to_string()).unwrap_or_default(),
        place: filter.place.trim().to_string(),
        key: uuid::Uuid::new_v4().to_string(),
    })
}

async fn my_place(
    st: &AppState,
    w: &WorkshopRow,
    r: &RegistrationRow,
) -> Result<MyPlace, AppError> {
    let position = if r.status == RegistrationStatus::Waiting {
        let list = st.store.registrations(w.id).await?;
        list.iter()
            .filter(|x| x.status == RegistrationStatus::Waiting)
            .position(|x| x.id == r.id)
            .map(|p| p as i64 + 1)
    } else {
        None
    };
    Ok(MyPlace {
        status: r.status.as_str().into(),
        status_label: t(r.status.label_key()),
        offered_until: r.offered_until.map(format::date_time),
        position,
        attendance: r.attendance.map(|a| t(a.label_key())),
        calendar: (r.status == RegistrationStatus::Registered
            && w.status == WorkshopStatus::Scheduled)
            .then(|| pages::workshop_calendar(w.id.0)),
    })
}

/// The calendar file of a place I hold (registered), to add the session to my phone's
/// calendar again; anyone else's session: not found.
pub async fn calendar_file(st: &AppState, actor: &Actor, id: i64) -> Result<String, AppError> {
    let (person, agency) = me(actor)?;
    let w = visible_workshop(st, person, agency, id).await?;
    if st.store.place_status(w.id, person).await? != Some(RegistrationStatus::Registered) {
        return Err(AppError::NotFound);
    }
    Ok(session_calendar(st, &w))
}

pub async fn join(
    st: &AppState,
    actor: &Actor,
    id: i64,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (person, agency) = me(actor)?;
    let w = visible_workshop(st, person, agency, id).await?;
    let key = key.trim();
    if !crate::domain::inputs::is_idempotency_key(key) {
        return Err(AppError::BadRequest(tr!("form-expired")));
    }
    let entry = change(
        actor,
        w.agency_id,
        "workshop.register",
        format!("workshop:{}", w.id),
    );
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    let outcome = st
        .store
        .register(w.id, person, key, &notices, Some(&entry), now.timestamp())
        .await?;
    st.outbox_signal.notify_one();
    let notice = match outcome {
        RegisterOutcome::Created(RegistrationStatus::Registered)
        | RegisterOutcome::Replayed(RegistrationStatus::Registered) => {
            tr!("workshop-registered", title = &w.title)
        }
        RegisterOutcome::Created(_)
        | RegisterOutcome::Replayed(RegistrationStatus::Waiting | RegistrationStatus::Offered) => {
            tr!("workshop-waiting", title = &w.title)
        }
        // The same post again after leaving (or after the session was cancelled).
        RegisterOutcome::Replayed(_) => tr!("workshop-not-in"),
        RegisterOutcome::AlreadyIn(_) => tr!("workshop-already-in"),
        RegisterOutcome::Closed => return Err(AppError::Conflict(tr!("workshop-closed"))),
    };
    Ok(Done {
        notice,
        redirect: pages::MY_WORKSHOPS.into(),
    })
}

pub async fn leave(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (person, agency) = me(actor)?;
    let w = visible_workshop(st, person, agency, id).await?;
    if w.starts_at <= now.timestamp() {
        return Err(AppError::Conflict(tr!("workshop-started")));
    }
    let entry = change(
        actor,
        w.agency_id,
        "workshop.leave",
        format!("workshop:{}", w.id),
    );
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    let left = st
        .store
        .leave(
            w.id,
            person,
            window(st),
            &notices,
            Some(&entry),
            now.timestamp(),
        )
        .await?;
    st.outbox_signal.notify_one();
    Ok(Done {
        // Leaving twice (a retried post) reads the same.
        notice: if left {
            tr!("workshop-left", title = &w.title)
        } else {
            tr!("workshop-not-in")
        },
        redirect: pages::MY_WORKSHOPS.into(),
    })
}

pub async fn confirm(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (person, agency) = me(actor)?;
    let w = visible_workshop(st, person, agency, id).await?;
    let entry = change(
        actor,
        w.agency_id,
        "workshop.confirm",
        format!("workshop:{}", w.id),
    );
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    if !st
        .store
        .confirm_offer(w.id, person, &notices, Some(&entry), now.timestamp())
        .await?
    {
        return Err(AppError::Conflict(tr!("workshop-offer-gone")));
    }
    st.outbox_signal.notify_one();
    Ok(Done {
        notice: tr!("workshop-registered", title = &w.title),
        redirect: pages::MY_WORKSHOPS.into(),
    })
}
