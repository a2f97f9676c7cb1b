//! What the allocataire reads: their space, the slots offered, one appointment, its
//! calendar file.

use super::{appointment_for, first_meeting_done};
use crate::domain::appointment::AppointmentStatus;
use crate::domain::authz::Action;
use crate::domain::deadline;
use crate::domain::error::AppError;
use crate::domain::{Actor, AppointmentId, StaffRole};
use crate::i18n::Lang;
use crate::server::format;
use crate::server::services::present::{appointment_view, group_by_day, slot_view};
use crate::server::services::{internal, notify, own_file, staff_and_names, staff_names, AppState};
use crate::server::store::{AllocataireRow, SlotRow};
use crate::views::{AppointmentView, ChoicesView, ReferentView, SpaceView};
use chrono::{DateTime, Duration, Utc};

/// « Mon espace ». `known`: the allocataire's row, read when the session was resolved.
pub async fn my_space(
    st: &AppState,
    actor: &Actor,
    known: Option<&AllocataireRow>,
    now: DateTime<Utc>,
) -> Result<SpaceView, AppError> {
    let p = own_file(st, actor, known, Action::ViewOwnFile).await?;
    let agency = st
        .store
        .agency(p.agency_id)
        .await?
        .ok_or_else(|| internal("allocataire's agency missing"))?;
    let (staff, names) = staff_and_names(st, p.agency_id).await?;
    let referent = match p.counsellor_id {
        // The référent works in the person's agency: already read with its staff.
        Some(c) => match staff.into_iter().find(|s| s.id == c) {
            Some(s) => Some(s),
            None => st.store.staff(c).await?,
        },
        None => None,
    }
    .map(|c| ReferentView {
        name: c.full_name(),
        title: c.title.clone(),
        agency: agency.name.clone(),
        address: agency.address.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        opening_hours: agency.opening_hours.clone(),
    });
    let history = st.store.appointments_of(p.id).await?;
    let me = p.full_name();
    let upcoming = |a: &&crate::server::store::AppointmentRow| {
        a.status == AppointmentStatus::Booked && a.ends_at > now.timestamp()
    };
    let next = history
        .iter()
        .filter(upcoming)
        .min_by_key(|a| a.starts_at)
        .map(|a| appointment_view(a, names.of(a.counsellor_id), &me, st, now));
    let (due, late) = if first_meeting_done(&history) {
        (None, false)
    } else {
        let o = p.orientation_date;
        let flag = deadline::first_meeting_flag(o, false, format::today(now));
        (
            Some(format::date(deadline::first_meeting_deadline(o))),
            flag == deadline::DeadlineFlag::Late,
        )
    };
    Ok(SpaceView {
        first_name: p.first_name.clone(),
        referent,
        next,
        first_meeting_due: due,
        first_meeting_late: late,
        history: history
            .iter()
            .filter(|a| !upcoming(a))
            .take(10)
            .map(|a| appointment_view(a, names.of(a.counsellor_id), &me, st, now))
            .collect(),
    })
}

/// The free slots an allocataire may take: their référent's, plus the agency's when the
/// agency allows it. For a first meeting, slots inside the 15-day window come first; if
/// there are none, later ones are offered (and the page says so).
pub async fn choices_for(
    st: &AppState,
    p: &AllocataireRow,
    moving: Option<AppointmentView>,
    by_staff: bool,
    now: DateTime<Utc>,
) -> Result<ChoicesView, AppError> {
    let agency = st
        .store
        .agency(p.agency_id)
        .await?
        .ok_or_else(|| internal("allocataire's agency missing"))?;
    let staff = st.store.staff_of_agency(p.agency_id).await?;
    let names: crate::server::services::Names = staff.iter().collect();
    let counsellors: Vec<_> = match p.counsellor_id {
        Some(c) if !agency.agency_booking => vec![c],
        _ => staff
            .iter()
            .filter(|s| s.role != StaffRole::Admin)
            .map(|s| s.id)
            .collect(),
    };
    let history = st.store.appointments_of(p.id).await?;
    let window_end = if first_meeting_done(&history) {
        None
    } else {
        let end = format::day_start(
            deadline::first_meeting_deadline(p.orientation_date) + Duration::days(1),
        );
        (end > now.timestamp()).then_some(end)
    };
    // Online, only slots beyond the cut-off: what a person books must stay movable.
    // Staff booking over the phone may take any slot from the next hour.
    let from = now.timestamp()
        + if by_staff {
            3600
        } else {
            st.settings.cancel_cutoff_hours * 3600
        };
    let to = now.timestamp() + st.settings.booking_horizon_days * 86_400;
    // Sorted by time: slots inside the first-meeting window come first.
    let mut slots: Vec<SlotRow> = st.store.free_slots(&counsellors, from, to, 60).await?;
    if let Some(end) = window_end {
        if slots.iter().any(|s| s.starts_at < end) {
            slots.retain(|s| s.starts_at < end);
        }
    }
    let starts: Vec<i64> = slots.iter().map(|s| s.starts_at).collect();
    let views = slots
        .iter()
        .map(|s| slot_view(s, names.of(s.counsellor_id), window_end))
        .collect();
    Ok(ChoicesView {
        days: group_by_day(views, &starts),
        window_end: window_end.map(|e| format::date(format::day_of(e - 1))),
        moving,
        idempotency_key: uuid::Uuid::new_v4().to_string(),
    })
}

pub async fn booking_choices(
    st: &AppState,
    actor: &Actor,
    known: Option<&AllocataireRow>,
    moving: Option<i64>,
    now: DateTime<Utc>,
) -> Result<ChoicesView, AppError> {
    let p = own_file(st, actor, known, Action::ManageOwnAppointments).await?;
    let moving = match moving {
        Some(id) => Some(my_appointment(st, actor, id, now).await?),
        None => None,
    };
    choices_for(st, &p, moving, false, now).await
}

pub async fn my_appointment(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<AppointmentView, AppError> {
    let a = appointment_for(st, actor, AppointmentId(id), Action::ViewOwnFile).await?;
    let names = staff_names(st, a.agency_id).await?;
    Ok(appointment_view(&a, names.of(a.counsellor_id), "", st, now))
}

/// The calendar file of an appointment (the allocataire's own), its texts in `lang` (the
/// language of the request that downloads it).
pub async fn calendar_file(
    st: &AppState,
    actor: &Actor,
    id: i64,
    lang: Lang,
) -> Result<String, AppError> {
    let a = appointment_for(st, actor, AppointmentId(id), Action::ViewOwnFile).await?;
    let (counsellor, agency) = notify::counsellor_and_agency(st, &a).await?;
    Ok(notify::ics(
        &a,
        &counsellor.full_name(),
        &agency,
        a.status != AppointmentStatus::Booked,
        lang,
    ))
}
