//! Collective workshops: staff create and run sessions (capacity, attendance,
//! cancellation); allocataires browse the sessions open to them, register, join the
//! waiting list, leave, and take a seat offered to them when one frees. The seats move
//! inside the store's transactions; this module checks who asks and chooses the words.

use super::notify;
use super::scope::working_agency;
use super::{change, internal, AppState};
use crate::domain::authz::{check, check_action, Action, Target};
use crate::domain::error::AppError;
use crate::domain::sms;
use crate::domain::workshop::{
    seats_left, Attendance, Audience, CapacityInput, RegistrationStatus, Theme, WorkshopInput,
    WorkshopStatus,
};
use crate::domain::{Actor, AgencyId, AllocataireId, RegistrationId, WorkshopId};
use crate::i18n::{Arg, Lang};
use crate::pages;
use crate::server::format;
use crate::server::store::{
    CapacityOutcome, Channel, NewMessage, NewWorkshop, PlaceChange, RegisterOutcome,
    RegistrationRow, WorkshopRow,
};
use crate::tr;
use crate::views::{
    Done, MyPlace, RegistrationLine, StaffWorkshopLine, StaffWorkshopsView, WorkshopCard,
    WorkshopDetailView, WorkshopOfferLine, WorkshopOfferView,
};
use chrono::{DateTime, Utc};
use validator::Validate;

fn t(key: &str) -> String {
    crate::i18n::t(key)
}

fn options<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|x| (value(*x).to_string(), t(key(*x))))
        .collect()
}

fn themes() -> Vec<(String, String)> {
    options(Theme::ALL, Theme::as_str, Theme::label_key)
}

/// « mardi 12 janvier 2027, 14 h – 16 h »
fn when(w: &WorkshopRow) -> String {
    tr!(
        "workshop-when",
        date = format::date(format::day_of(w.starts_at)),
        start = format::time(w.starts_at),
        end = format::time(w.ends_at)
    )
}

fn card(w: &WorkshopRow, now: i64) -> WorkshopCard {
    let left = seats_left(w.capacity, w.seats_held);
    let full = left == 0 || w.waiting > 0;
    WorkshopCard {
        id: w.id.0,
        title: w.title.clone(),
        theme: w.theme.as_str().into(),
        theme_label: t(w.theme.label_key()),
        description: w.description.clone(),
        when: when(w),
        day: format::day_of(w.starts_at).to_string(),
        place: if w.place.is_empty() {
            t("workshop-place-video")
        } else {
            w.place.clone()
        },
        video: w.video_url.is_some(),
        seats: if full {
            t("workshop-full")
        } else {
            tr!("workshop-seats-left", n = left)
        },
        full,
        cancelled: w.status == WorkshopStatus::Cancelled,
        open: crate::domain::workshop::registration_open(
            now,
            w.registration_deadline,
            w.starts_at,
            w.status,
        ),
        deadline: tr!(
            "workshop-deadline",
            when = format::date_time(w.registration_deadline)
        ),
    }
}

fn window(st: &AppState) -> i64 {
    st.settings.workshop_offer_hours.clamp(1, 168) * 3600
}

/// The messages of one place change, in the person's language: an SMS and an e-mail
/// where the file has them. Offers carry the link to take the seat.
fn place_messages(st: &AppState, w: &WorkshopRow, p: &PlaceChange) -> Vec<NewMessage> {
    let lang = Lang::default();
    let say = |key: &str, args: &[(&'static str, Arg)]| crate::i18n::text(lang, key, args);
    let when_text = say(
        "workshop-when",
        &[
            (
                "date",
                format::date_in(lang, format::day_of(w.starts_at)).into(),
            ),
            ("start", format::time_in(lang, w.starts_at).into()),
            ("end", format::time_in(lang, w.ends_at).into()),
        ],
    );
    let link = format!("{}{}", st.settings.public_url, pages::MY_WORKSHOPS);
    let until = p
        .offered_until
        .map(|u| format::date_time_in(lang, u))
        .unwrap_or_default();
    let key = match (w.status, p.status) {
        (WorkshopStatus::Scheduled, RegistrationStatus::Registered) if p.reminder => {
            "notify-workshop-reminder"
        }
        (WorkshopStatus::Cancelled, _) => "notify-workshop-cancelled",
        (_, RegistrationStatus::Registered) => "notify-workshop-registered",
        (_, RegistrationStatus::Waiting) => "notify-workshop-waiting",
        (_, RegistrationStatus::Offered) => "notify-workshop-offered",
        (_, RegistrationStatus::Expired) => "notify-workshop-expired",
        _ => return Vec::new(),
    };
    let args = [
        ("title", Arg::from(&w.title)),
        ("when", Arg::from(&when_text)),
        ("until", Arg::from(&until)),
        ("link", Arg::from(&link)),
    ];
    let text = say(key, &args);
    let subject = say(&format!("{key}-subject"), &[]);
    let mut out = Vec::new();
    if let Some(phone) = p.phone.clone().filter(|s| !s.is_empty()) {
        out.push(NewMessage {
            agency_id: Some(w.agency_id),
            allocataire_id: Some(p.allocataire_id),
            channel: Channel::Sms,
            recipient: phone,
            subject: subject.clone(),
            body: sms::to_gsm7(&text),
            ics: None,
            sensitive: false,
            // Once per place: the store marks the place in the same transaction.
            dedupe_key: None,
        });
    }
    if let Some(email) = p.email.clone().filter(|s| !s.is_empty()) {
        let body = [
            say(
                "notify-email-greeting",
                &[("name", Arg::from(&p.first_name))],
            ),
            String::new(),
            text,
            String::new(),
            say("notify-email-signature", &[]),
        ]
        .join("\n");
        // A calendar file with the confirmation, and its cancellation (same UID).
        let cancelled = w.status == WorkshopStatus::Cancelled;
        let ics =
            (cancelled || (p.status == RegistrationStatus::Registered && !p.reminder)).then(|| {
                notify::calendar_file(&notify::CalendarEntry {
                    uid: &format!("atelier-{}@portail-ali", w.id),
                    sequence: i64::from(cancelled),
                    summary: w.title.clone(),
                    description: say(
                        "notify-workshop-ics-description",
                        &[("link", Arg::from(&link))],
                    ),
                    location: if w.place.is_empty() {
                        say("workshop-place-video", &[])
                    } else {
                        w.place.clone()
                    },
                    starts_at: w.starts_at,
                    ends_at: w.ends_at,
                    cancelled,
                })
            });
        out.push(NewMessage {
            agency_id: Some(w.agency_id),
            allocataire_id: Some(p.allocataire_id),
            channel: Channel::Email,
            recipient: email,
            subject,
            body,
            ics,
            sensitive: false,
            dedupe_key: None,
        });
    }
    out
}

/// A staff member's session, checked against their agency (another agency's: 404).
async fn staff_workshop(st: &AppState, actor: &Actor, id: i64) -> Result<WorkshopRow, AppError> {
    check_action(actor, Action::ManageWorkshops)?;
    let w = st
        .store
        .workshop(WorkshopId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    check(actor, Action::ManageWorkshops, Target::agency(w.agency_id))?;
    Ok(w)
}

/// The signed-in allocataire, checked for the workshop actions.
fn me(actor: &Actor) -> Result<(AllocataireId, AgencyId), AppError> {
    match actor {
        Actor::Allocataire { id, agency } => {
            check(
                actor,
                Action::JoinWorkshops,
                Target::allocataire(*agency, *id),
            )?;
            Ok((*id, *agency))
        }
        Actor::Staff { .. } => Err(AppError::Forbidden),
    }
}

/// A session the allocataire may see: open to their agency (or to all).
async fn visible_workshop(
    st: &AppState,
    agency: AgencyId,
    id: i64,
) -> Result<WorkshopRow, AppError> {
    let w = st
        .store
        .workshop(WorkshopId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let visible = match w.audience {
        Audience::AllAgencies => true,
        Audience::Agency | Audience::Invitation => w.agency_id == agency,
    };
    if visible {
        Ok(w)
    } else {
        Err(AppError::NotFound)
    }
}

// ---- Staff -------------------------------------------------------------------------

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
    let (me, _) = super::scope::staff_parts(actor)?;
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
    super::audit(
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
        attendance_open: now.timestamp() >= w.starts_at - 3600
            && w.status == WorkshopStatus::Scheduled,
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
    if now.timestamp() < w.starts_at - 3600 {
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

// ---- Allocataires ------------------------------------------------------------------

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
    let open = st.store.open_workshops(agency, ts).await?;
    let mine = st.store.my_registrations(person).await?;
    let theme = Theme::parse(filter.theme.trim());
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
        themes: themes(),
        theme: theme.map(|t| t.as_str().to_string()).unwrap_or_default(),
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
    })
}

pub async fn join(
    st: &AppState,
    actor: &Actor,
    id: i64,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let (person, agency) = me(actor)?;
    let w = visible_workshop(st, agency, id).await?;
    if w.audience == Audience::Invitation {
        return Err(AppError::NotFound);
    }
    let key = key.trim();
    if !(8..=64).contains(&key.len()) || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
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
    let w = visible_workshop(st, agency, id).await?;
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
    let w = visible_workshop(st, agency, id).await?;
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

/// The job: offers past their time expire; the next people waiting are offered the seat.
pub async fn expire_offers(st: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    let n = st
        .store
        .expire_offers(window(st), &notices, now.timestamp())
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "workshop offers: expiry failed");
            internal("workshop offers expiry")
        })?;
    if n > 0 {
        st.outbox_signal.notify_one();
    }
    Ok(n)
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
    super::audit(
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

/// The job: the « rappel » of a workshop, `reminder_hours` before it (48 by default),
/// once per place, and not right after registering (as for rendez-vous).
pub async fn remind(st: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    let ts = now.timestamp();
    let n = st
        .store
        .remind_workshops(
            ts,
            ts + st.settings.reminder_hours * 3600,
            crate::domain::appointment::reminder_confirmed_before(ts),
            &notices,
            ts,
        )
        .await?;
    if n > 0 {
        st.outbox_signal.notify_one();
    }
    Ok(n)
}
