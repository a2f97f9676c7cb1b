//! The staff side of workshops: the agency's sessions, a new one (or a series), one
//! session's list (its CSV and its attendance sheet), edits, invitations, capacity,
//! cancellation and attendance.

use super::*;
use crate::domain::inputs::SeriesInput;
use crate::domain::workshop::{series_days, InviteInput, WorkshopPlan};
use crate::server::store::InviteOutcome;

pub async fn staff_list(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<StaffWorkshopsView, AppError> {
    let agency = working_agency(st, actor, Action::ManageWorkshops).await?;
    let a = st.store.agency(agency).await?.ok_or(AppError::NotFound)?;
    let from = now.timestamp() - 7 * 86_400;
    let sessions = st
        .store
        .agency_workshops(agency, from)
        .await?
        .iter()
        .map(|w| StaffWorkshopLine {
            card: card(w, now.timestamp()),
            filled: tr!(
                "workshop-filled",
                held = w.seats_held,
                capacity = w.capacity
            ),
            waiting: w.waiting,
        })
        .collect();
    Ok(StaffWorkshopsView {
        agency: a.name,
        sessions,
        themes: themes(st, "").await?,
        audiences: audiences(),
        can_manage_themes: check_action(actor, Action::ManageThemes).is_ok(),
    })
}

fn audiences() -> Vec<(String, String)> {
    options(Audience::ALL, Audience::as_str, Audience::label_key)
}

/// A plan put on a day: the session's times.
fn session_on(
    plan: &WorkshopPlan,
    day: chrono::NaiveDate,
    agency: AgencyId,
    me: crate::domain::StaffId,
) -> Result<NewWorkshop, AppError> {
    let starts_at = format::local(day, plan.time)
        .ok_or_else(|| AppError::field("time", &tr!("form-time-invalid")))?;
    Ok(NewWorkshop {
        agency_id: agency,
        title: plan.title.clone(),
        theme: plan.theme.clone(),
        description: plan.description.clone(),
        starts_at,
        ends_at: starts_at + plan.duration_minutes * 60,
        place: plan.place.clone(),
        video_url: plan.video_url.clone(),
        capacity: plan.capacity,
        audience: plan.audience,
        registration_deadline: starts_at - plan.deadline_hours * 3600,
        facilitator_id: Some(me),
        facilitators: plan.facilitators.clone(),
        created_by: Some(me),
    })
}

/// The domain's schedule rule, said next to its field.
fn check_ahead(w: &NewWorkshop, kept_deadline: Option<i64>, now: i64) -> Result<(), AppError> {
    use crate::domain::workshop::{schedule_check, ScheduleError};
    schedule_check(w.starts_at, w.registration_deadline, kept_deadline, now).map_err(|e| match e {
        ScheduleError::InThePast => AppError::field("date", &tr!("workshop-in-the-past")),
        ScheduleError::DeadlinePassed => {
            AppError::field("deadline_hours", &tr!("workshop-deadline-passed"))
        }
    })
}

fn typed(input: &WorkshopInput) -> Result<WorkshopPlan, AppError> {
    input.validate()?;
    input
        .plan()
        .ok_or_else(|| AppError::BadRequest(tr!("server-request-invalid")))
}

/// One session, or a series: the same time every `every_weeks` weeks until a day (public
/// holidays and the agency's closure days skipped, and named), in one transaction.
pub async fn create(
    st: &AppState,
    actor: &Actor,
    input: WorkshopInput,
    series: SeriesInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let agency = working_agency(st, actor, Action::ManageWorkshops).await?;
    let errors = [
        input.validate().err().map(AppError::from),
        series.validate().err().map(AppError::from),
    ];
    if let Some(e) = crate::server::services::appointments::merge(errors) {
        return Err(e);
    }
    let plan = typed(&input)?;
    listed_theme(st, &plan.theme, "").await?;
    let (me, _) = crate::server::services::scope::staff_parts(actor)?;
    let first = session_on(&plan, plan.date, agency, me)?;
    check_ahead(&first, None, now.timestamp())?;
    let Some((every, until)) = series.repeat() else {
        let entry = change(actor, agency, "workshop.create", String::new());
        let ids = st
            .store
            .create_workshops(&[first], Some(&entry), now.timestamp())
            .await?;
        return Ok(Done {
            notice: tr!("workshop-created"),
            redirect: pages::staff_workshop(ids[0].0),
        });
    };
    if until <= plan.date
        || until
            > plan.date
                + chrono::Duration::days(crate::server::services::appointments::SERIES_MAX_DAYS)
    {
        return Err(AppError::field("until", &tr!("rdv-series-until-range")));
    }
    let closures: Vec<chrono::NaiveDate> = st
        .store
        .closures(agency, plan.date, until)
        .await?
        .into_iter()
        .map(|c| c.day)
        .collect();
    let (mut sessions, mut skipped) = (vec![first], Vec::new());
    for day in series_days(plan.date, every, until).into_iter().skip(1) {
        if crate::domain::agency::closed_on(day, &closures).is_some() {
            skipped.push(format::date(day));
        } else {
            sessions.push(session_on(&plan, day, agency, me)?);
        }
    }
    let entry = change(
        actor,
        agency,
        "workshop.create",
        format!("series:{}", sessions.len()),
    );
    let ids = st
        .store
        .create_workshops(&sessions, Some(&entry), now.timestamp())
        .await?;
    let mut notice = tr!("workshop-series-created", n = ids.len());
    if !skipped.is_empty() {
        let warning = tr!("workshop-series-skipped", days = skipped.join(", "));
        notice = format!("{notice} {warning}");
    }
    Ok(Done {
        notice,
        redirect: pages::STAFF_WORKSHOPS.into(),
    })
}

/// Edits a session that has not started. A new time or place is told to everyone on it
/// (with an updated calendar file); a capacity below the seats held is refused.
pub async fn edit(
    st: &AppState,
    actor: &Actor,
    id: i64,
    input: WorkshopInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let w = staff_workshop(st, actor, id).await?;
    let plan = typed(&input)?;
    listed_theme(st, &plan.theme, &w.theme).await?;
    if w.status == WorkshopStatus::Cancelled {
        return Err(AppError::Conflict(tr!("workshop-is-cancelled")));
    }
    if w.starts_at <= now.timestamp() {
        return Err(AppError::Conflict(tr!("workshop-started-no-edit")));
    }
    let (me, _) = crate::server::services::scope::staff_parts(actor)?;
    let updated = session_on(&plan, plan.date, w.agency_id, me)?;
    check_ahead(&updated, Some(w.registration_deadline), now.timestamp())?;
    let entry = change(
        actor,
        w.agency_id,
        "workshop.edit",
        format!("workshop:{}", w.id),
    );
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    let outcome = st
        .store
        .update_workshop(
            w.id,
            &updated,
            window(st),
            &notices,
            Some(&entry),
            now.timestamp(),
        )
        .await?;
    st.outbox_signal.notify_one();
    match outcome {
        EditOutcome::BelowHeld(n) => Err(AppError::field(
            "capacity",
            &tr!("workshop-capacity-below", n = n),
        )),
        EditOutcome::NotScheduled => Err(AppError::Conflict(tr!("workshop-is-cancelled"))),
        EditOutcome::Saved { told, offered } => {
            let mut notice = if told > 0 {
                tr!("workshop-edited-told", n = told)
            } else {
                tr!("workshop-edited")
            };
            if offered > 0 {
                let more = tr!("workshop-capacity-saved-offered", n = offered);
                notice = format!("{notice} {more}");
            }
            Ok(Done {
                notice,
                redirect: pages::staff_workshop(w.id.0),
            })
        }
    }
}

/// Invites people of the session's agency by numéro; each new one is told (SMS/e-mail
/// with the link). Numéros with no file in the agency are named back.
pub async fn invite(
    st: &AppState,
    actor: &Actor,
    id: i64,
    input: InviteInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let w = staff_workshop(st, actor, id).await?;
    input.validate()?;
    if !crate::domain::workshop::registration_open(
        now.timestamp(),
        w.registration_deadline,
        w.starts_at,
        w.status,
    ) {
        return Err(AppError::Conflict(tr!("workshop-closed")));
    }
    let (me, _) = crate::server::services::scope::staff_parts(actor)?;
    let list = input.list();
    let entry = change(
        actor,
        w.agency_id,
        "workshop.invite",
        format!("workshop:{} people:{}", w.id, list.len()),
    );
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    let InviteOutcome {
        invited,
        already,
        unknown,
    } = st
        .store
        .invite(
            w.id,
            &list,
            Some(me),
            &notices,
            Some(&entry),
            now.timestamp(),
        )
        .await?;
    st.outbox_signal.notify_one();
    if invited == 0 && already == 0 {
        return Err(AppError::field(
            "numeros",
            &tr!("workshop-invite-unknown", numeros = unknown.join(", ")),
        ));
    }
    let mut parts = vec![tr!("workshop-invited", n = invited)];
    if already > 0 {
        parts.push(tr!("workshop-invited-already", n = already));
    }
    if !unknown.is_empty() {
        parts.push(tr!("workshop-invite-unknown", numeros = unknown.join(", ")));
    }
    Ok(Done {
        notice: parts.join(" "),
        redirect: pages::staff_workshop(w.id.0),
    })
}

fn registration_line(r: &RegistrationRow) -> RegistrationLine {
    RegistrationLine {
        id: r.id.0,
        allocataire_id: r.allocataire_id.0,
        name: format!("{} {}", r.last_name.to_uppercase(), r.first_name),
        status: r.status.as_str().into(),
        status_label: t(r.status.label_key()),
        since: format::short_date(format::day_of(r.created_at)),
        attendance: r.attendance.map(|a| a.as_str().to_string()),
    }
}

pub async fn detail(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<WorkshopDetailView, AppError> {
    let w = staff_workshop(st, actor, id).await?;
    let people = st.store.registrations(w.id).await?;
    let invited = st.store.invitations(w.id).await?;
    crate::server::services::audit(
        st,
        actor,
        Some(w.agency_id),
        "workshop.view",
        &format!("workshop:{}", w.id),
        now,
    )
    .await;
    Ok(WorkshopDetailView {
        card: card(&w, now.timestamp()),
        capacity: w.capacity,
        filled: tr!(
            "workshop-filled",
            held = w.seats_held,
            capacity = w.capacity
        ),
        audience_label: t(w.audience.label_key()),
        people: people.iter().map(registration_line).collect(),
        // From an hour before the start: a facilitator signs it during the session.
        attendance_open: attendance_open(now.timestamp(), w.starts_at, w.status),
        attendance_choices: options(Attendance::ALL, Attendance::as_str, Attendance::label_key),
        edit: WorkshopInput {
            title: w.title.clone(),
            theme: w.theme.clone(),
            description: w.description.clone(),
            date: format::day_of(w.starts_at).to_string(),
            time: format::paris(w.starts_at).format("%H:%M").to_string(),
            duration_minutes: ((w.ends_at - w.starts_at) / 60).to_string(),
            place: w.place.clone(),
            video_url: w.video_url.clone().unwrap_or_default(),
            capacity: w.capacity.to_string(),
            audience: w.audience.as_str().into(),
            deadline_hours: ((w.starts_at - w.registration_deadline) / 3600).to_string(),
            facilitators: w.facilitators.clone(),
        },
        themes: themes(st, &w.theme).await?,
        audiences: audiences(),
        invited: invited
            .iter()
            .map(|i| InvitedLine {
                name: format!("{} {}", i.last_name.to_uppercase(), i.first_name),
                numero: i.numero.clone(),
                since: format::short_date(format::day_of(i.created_at)),
            })
            .collect(),
        editable: w.status == WorkshopStatus::Scheduled && w.starts_at > now.timestamp(),
    })
}

pub async fn set_capacity(
    st: &AppState,
    actor: &Actor,
    id: i64,
    input: CapacityInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let w = staff_workshop(st, actor, id).await?;
    input.validate()?;
    let capacity = input.value();
    let entry = change(
        actor,
        w.agency_id,
        "workshop.capacity",
        format!("workshop:{} capacity:{capacity}", w.id),
    );
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    let outcome = st
        .store
        .set_capacity(
            w.id,
            capacity,
            window(st),
            &notices,
            Some(&entry),
            now.timestamp(),
        )
        .await?;
    st.outbox_signal.notify_one();
    match outcome {
        CapacityOutcome::BelowHeld(n) => Err(AppError::field(
            "capacity",
            &tr!("workshop-capacity-below", n = n),
        )),
        CapacityOutcome::Saved { offered } => Ok(Done {
            notice: if offered > 0 {
                tr!("workshop-capacity-saved-offered", n = offered)
            } else {
                tr!("workshop-capacity-saved")
            },
            redirect: pages::staff_workshop(w.id.0),
        }),
    }
}

pub async fn cancel(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let w = staff_workshop(st, actor, id).await?;
    let entry = change(
        actor,
        w.agency_id,
        "workshop.cancel",
        format!("workshop:{}", w.id),
    );
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    st.store
        .cancel_workshop(w.id, &notices, Some(&entry), now.timestamp())
        .await?;
    st.outbox_signal.notify_one();
    Ok(Done {
        notice: tr!("workshop-cancelled-notice"),
        redirect: pages::staff_workshop(w.id.0),
    })
}

pub async fn attendance(
    st: &AppState,
    actor: &Actor,
    id: i64,
    registration: i64,
    value: &str,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let w = staff_workshop(st, actor, id).await?;
    let field = format!("presence-{registration}");
    let Some(value) = Attendance::parse(value) else {
        return Err(AppError::field(
            &field,
            &tr!("workshop-attendance-required"),
        ));
    };
    if w.status == WorkshopStatus::Cancelled {
        return Err(AppError::Conflict(tr!("workshop-is-cancelled")));
    }
    if !attendance_open(now.timestamp(), w.starts_at, w.status) {
        return Err(AppError::Conflict(tr!("workshop-attendance-too-early")));
    }
    let entry = change(
        actor,
        w.agency_id,
        "workshop.attendance",
        format!(
            "workshop:{} registration:{registration} {}",
            w.id,
            value.as_str()
        ),
    );
    if !st
        .store
        .record_attendance(
            w.id,
            RegistrationId(registration),
            value,
            Some(&entry),
            now.timestamp(),
        )
        .await?
    {
        return Err(AppError::NotFound);
    }
    if value == Attendance::Present {
        crate::server::services::voice::satisfaction::ask_now(st, now).await;
    }
    Ok(Done {
        notice: tr!("workshop-attendance-saved", value = t(value.label_key())),
        redirect: pages::staff_workshop(w.id.0),
    })
}
