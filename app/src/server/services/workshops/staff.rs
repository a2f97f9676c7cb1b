//! The staff side of workshops: the agency's sessions, a new one, one session's list
//! (and its CSV), capacity, cancellation and attendance.

use super::*;

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
        themes: themes(),
        audiences: options(
            &[Audience::Agency, Audience::AllAgencies],
            Audience::as_str,
            Audience::label_key,
        ),
    })
}

pub async fn create(
    st: &AppState,
    actor: &Actor,
    input: WorkshopInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let agency = working_agency(st, actor, Action::ManageWorkshops).await?;
    input.validate()?;
    let plan = input
        .plan()
        .ok_or_else(|| AppError::BadRequest(tr!("server-request-invalid")))?;
    if plan.audience == Audience::Invitation {
        return Err(AppError::field(
            "audience",
            &tr!("form-workshop-audience-required"),
        ));
    }
    let starts_at = format::local(plan.date, plan.time)
        .ok_or_else(|| AppError::field("time", &tr!("form-time-invalid")))?;
    if starts_at <= now.timestamp() {
        return Err(AppError::field("date", &tr!("workshop-in-the-past")));
    }
    let deadline = starts_at - plan.deadline_hours * 3600;
    if deadline <= now.timestamp() {
        return Err(AppError::field(
            "deadline_hours",
            &tr!("workshop-deadline-passed"),
        ));
    }
    let (me, _) = crate::server::services::scope::staff_parts(actor)?;
    let entry = change(actor, agency, "workshop.create", String::new());
    let id = st
        .store
        .create_workshop(
            &NewWorkshop {
                agency_id: agency,
                title: plan.title,
                theme: plan.theme,
                description: plan.description,
                starts_at,
                ends_at: starts_at + plan.duration_minutes * 60,
                place: plan.place,
                video_url: plan.video_url,
                capacity: plan.capacity,
                audience: plan.audience,
                registration_deadline: deadline,
                facilitator_id: Some(me),
                created_by: Some(me),
            },
            Some(&entry),
            now.timestamp(),
        )
        .await?;
    Ok(Done {
        notice: tr!("workshop-created"),
        redirect: pages::staff_workshop(id.0),
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
    Ok(Done {
        notice: tr!("workshop-attendance-saved", value = t(value.label_key())),
        redirect: pages::staff_workshop(w.id.0),
    })
}

/// The session's list as CSV (staff): one line per person, in the list's order, for a
/// spreadsheet. Returns (file name, contents). Cells that a spreadsheet would read as a
/// formula are quoted with a leading apostrophe.
pub async fn export_csv(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(String, String), AppError> {
    let w = staff_workshop(st, actor, id).await?;
    let people = st.store.registrations(w.id).await?;
    crate::server::services::audit(
        st,
        actor,
        Some(w.agency_id),
        "workshop.export",
        &format!("workshop:{}", w.id),
        now,
    )
    .await;
    let safe = |v: &str| {
        if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{v}")
        } else {
            v.to_string()
        }
    };
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let header = [
        "workshop-csv-last-name",
        "workshop-csv-first-name",
        "workshop-csv-numero",
        "workshop-csv-status",
        "workshop-csv-since",
        "workshop-csv-attendance",
    ]
    .map(t);
    let fail = |e: csv::Error| internal(&format!("csv: {e}"));
    out.write_record(&header).map_err(fail)?;
    for r in &people {
        out.write_record([
            safe(&r.last_name),
            safe(&r.first_name),
            safe(&r.numero),
            t(r.status.label_key()),
            format::short_date(format::day_of(r.created_at)),
            r.attendance.map(|a| t(a.label_key())).unwrap_or_default(),
        ])
        .map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| internal(&format!("csv: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| internal("csv: not UTF-8"))?;
    let day = format::day_of(w.starts_at);
    // A byte-order mark: spreadsheets then read the accents as UTF-8.
    Ok((
        format!("atelier-{}-{day}.csv", w.id.0),
        format!("\u{feff}{text}"),
    ))
}
