//! Collective workshops: staff create and run sessions (`staff`: capacity, attendance,
//! cancellation, the list as CSV); allocataires browse the sessions open to them,
//! register, join the waiting list, leave, and take a seat offered to them when one frees
//! (`allocataire`); the jobs expire offers and send reminders (`jobs`). The seats move
//! inside the store's transactions; these modules check who asks and choose the words.
//! This file holds what they share: cards, messages, and who may see a session.

mod allocataire;
mod files;
mod jobs;
mod staff;
mod themes;

pub use allocataire::calendar_file;
pub use allocataire::{confirm, join, leave, offer, OfferFilter};
pub use files::{attendance_sheet, export_csv};
pub use jobs::{expire_offers, remind};
pub use staff::{attendance, cancel, create, detail, edit, invite, set_capacity, staff_list};
pub use themes::{add_theme, archive_theme, themes_page};

use super::notify;
use super::scope::working_agency;
use super::{change, internal, AppState};
use crate::domain::authz::{check, check_action, Action, Target};
use crate::domain::error::AppError;
use crate::domain::sms;
use crate::domain::workshop::{
    attendance_open, seats_left, Attendance, Audience, CapacityInput, RegistrationStatus,
    WorkshopInput, WorkshopStatus,
};
use crate::domain::{Actor, AgencyId, AllocataireId, RegistrationId, WorkshopId};
use crate::i18n::{Arg, Lang};
use crate::pages;
use crate::server::format;
use crate::server::store::{
    CapacityOutcome, Channel, EditOutcome, NewMessage, NewWorkshop, Notice, PlaceChange,
    RegisterOutcome, RegistrationRow, WorkshopRow,
};
use crate::tr;
use crate::views::{
    Done, InvitedLine, MyPlace, RegistrationLine, StaffWorkshopLine, StaffWorkshopsView,
    WorkshopCard, WorkshopDetailView, WorkshopOfferLine, WorkshopOfferView,
};
use chrono::{DateTime, Utc};
use validator::Validate;

pub(super) fn t(key: &str) -> String {
    crate::i18n::t(key)
}

pub(super) fn options<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|x| (value(*x).to_string(), t(key(*x))))
        .collect()
}

/// A theme's label: its own, or the catalogue's for the usual themes.
pub(super) fn theme_label(key: &str, own: Option<&str>) -> String {
    match own {
        Some(label) => label.to_string(),
        None => t(&format!("workshop-theme-{key}")),
    }
}

/// (key, label) of the themes on the list, archived ones left out except `keep` (the
/// theme a session already has).
pub(super) async fn themes(st: &AppState, keep: &str) -> Result<Vec<(String, String)>, AppError> {
    Ok(st
        .store
        .themes()
        .await?
        .into_iter()
        .filter(|th| !th.archived || th.key == keep)
        .map(|th| {
            let label = theme_label(&th.key, th.label.as_deref());
            (th.key, label)
        })
        .collect())
}

/// The theme typed, checked against the list: on it, and not archived unless the session
/// already had it.
pub(super) async fn listed_theme(st: &AppState, key: &str, keep: &str) -> Result<(), AppError> {
    if themes(st, keep).await?.iter().any(|(k, _)| k == key) {
        Ok(())
    } else {
        Err(AppError::field(
            "theme",
            &tr!("form-workshop-theme-required"),
        ))
    }
}

/// « mardi 12 janvier 2027, 14 h – 16 h »
pub(super) fn when(w: &WorkshopRow) -> String {
    tr!(
        "workshop-when",
        date = format::date(format::day_of(w.starts_at)),
        start = format::time(w.starts_at),
        end = format::time(w.ends_at)
    )
}

pub(super) fn card(w: &WorkshopRow, now: i64) -> WorkshopCard {
    let left = seats_left(w.capacity, w.seats_held);
    let full = left == 0 || w.waiting > 0;
    WorkshopCard {
        id: w.id.0,
        title: w.title.clone(),
        theme: w.theme.clone(),
        theme_label: theme_label(&w.theme, w.theme_label.as_deref()),
        description: w.description.clone(),
        description_html: crate::server::richtext::to_html(&w.description),
        facilitators: w.facilitators.clone(),
        series: w.series_id.map(|_| t("workshop-series-badge")),
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

pub(super) fn window(st: &AppState) -> i64 {
    st.settings.workshop_offer_hours.clamp(1, 168) * 3600
}

/// The messages of one place change, in the person's language: an SMS and an e-mail
/// where the file has them. Offers carry the link to take the seat.
pub(super) fn place_messages(st: &AppState, w: &WorkshopRow, p: &PlaceChange) -> Vec<NewMessage> {
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
        (WorkshopStatus::Scheduled, _) if p.notice == Notice::Invited => "notify-workshop-invited",
        (WorkshopStatus::Scheduled, RegistrationStatus::Registered)
            if p.notice == Notice::Reminder =>
        {
            "notify-workshop-reminder"
        }
        (WorkshopStatus::Scheduled, _) if p.notice == Notice::Changed => "notify-workshop-changed",
        (WorkshopStatus::Cancelled, _) => "notify-workshop-cancelled",
        (_, RegistrationStatus::Registered) => "notify-workshop-registered",
        (_, RegistrationStatus::Waiting) => "notify-workshop-waiting",
        (_, RegistrationStatus::Offered) => "notify-workshop-offered",
        (_, RegistrationStatus::Expired) => "notify-workshop-expired",
        _ => return Vec::new(),
    };
    let place = if w.place.is_empty() {
        say("workshop-place-video", &[])
    } else {
        w.place.clone()
    };
    let args = [
        ("title", Arg::from(&w.title)),
        ("when", Arg::from(&when_text)),
        ("until", Arg::from(&until)),
        ("link", Arg::from(&link)),
        ("place", Arg::from(&place)),
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
        // A calendar file with the confirmation, a change of time or place, and the
        // cancellation (the same UID, a higher SEQUENCE each time).
        let cancelled = w.status == WorkshopStatus::Cancelled;
        let ics = (cancelled
            || (p.status == RegistrationStatus::Registered
                && matches!(p.notice, Notice::Place | Notice::Changed)))
        .then(|| session_calendar(st, w));
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

/// The calendar file of a session (PUBLISH while scheduled, CANCEL once cancelled).
pub(super) fn session_calendar(st: &AppState, w: &WorkshopRow) -> String {
    let lang = Lang::default();
    let say = |key: &str, args: &[(&'static str, Arg)]| crate::i18n::text(lang, key, args);
    let link = format!("{}{}", st.settings.public_url, pages::MY_WORKSHOPS);
    notify::calendar_file(&notify::CalendarEntry {
        uid: &format!("atelier-{}@portail-ali", w.id),
        sequence: w.sequence,
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
        cancelled: w.status == WorkshopStatus::Cancelled,
    })
}

/// A staff member's session, checked against their agency (another agency's: 404).
pub(super) async fn staff_workshop(
    st: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<WorkshopRow, AppError> {
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
pub(super) fn me(actor: &Actor) -> Result<(AllocataireId, AgencyId), AppError> {
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

/// A session the allocataire may see: open to their agency (or to all), one they are
/// invited to, or one they have (or had) a place on (its audience may have changed since).
pub(super) async fn visible_workshop(
    st: &AppState,
    person: AllocataireId,
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
        Audience::Agency => w.agency_id == agency,
        Audience::Invitation => false,
    } || st.store.is_invited(w.id, person).await?
        || st.store.place_status(w.id, person).await?.is_some();
    if visible {
        Ok(w)
    } else {
        Err(AppError::NotFound)
    }
}
