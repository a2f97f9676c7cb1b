//! What the allocataire reads: their space, the slots offered, one appointment, its
//! calendar file.

use super::{appointment_for, first_meeting_done};
use crate::domain::appointment::AppointmentStatus;
use crate::domain::appointment::Modality;
use crate::domain::authz::Action;
use crate::domain::error::AppError;
use crate::domain::{agency, deadline};
use crate::domain::{Actor, AppointmentId, StaffRole};
use crate::i18n::Lang;
use crate::server::format;
use crate::server::services::agency::{agency_row, closure_days};
use crate::server::services::present::{appointment_view, group_by_day, slot_view};
use crate::server::services::{notify, own_file, staff_and_names, staff_names, AppState};
use crate::server::store::{AllocataireRow, SlotRow};
use crate::views::{AppointmentView, ChoicesView, ReferentView, SlotPaging, SpaceView};
use chrono::{DateTime, Duration, Utc};

/// « Mon espace ». `known`: the allocataire's row, read when the session was resolved.
pub async fn my_space(
    st: &AppState,
    actor: &Actor,
    known: Option<&AllocataireRow>,
    now: DateTime<Utc>,
) -> Result<SpaceView, AppError> {
    let p = own_file(st, actor, known, Action::ViewOwnFile).await?;
    let agency = agency_row(st, p.agency_id).await?;
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
        .map(|a| appointment_view(a, names.of(a.counsellor_id), &me, Some(&agency.rules), now));
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
    let feedback_waiting =
        crate::server::services::voice::satisfaction::waiting_count(st, p.id, now).await?;
    Ok(SpaceView {
        feedback_waiting,
        first_name: p.first_name.clone(),
        referent,
        next,
        first_meeting_due: due,
        first_meeting_late: late,
        history: history
            .iter()
            .filter(|a| !upcoming(a))
            .take(10)
            .map(|a| appointment_view(a, names.of(a.counsellor_id), &me, Some(&agency.rules), now))
            .collect(),
    })
}

/// The free slots an allocataire may take, a few days per page, earliest first (so a first
/// meeting's 15-day window comes first): their référent's, or the agency's when the agency
/// allows it and the person asks for them (or has no référent). Public holidays are
/// never offered.
pub async fn choices_for(
    st: &AppState,
    p: &AllocataireRow,
    moving: Option<AppointmentView>,
    by_staff: bool,
    paging: SlotPaging,
    now: DateTime<Utc>,
) -> Result<ChoicesView, AppError> {
    let agency = agency_row(st, p.agency_id).await?;
    let staff = st.store.staff_of_agency(p.agency_id).await?;
    let names: crate::server::services::Names = staff.iter().collect();
    // Staff booking for the person may use any counsellor of the agency.
    let may_choose = agency.agency_booking || by_staff;
    let counsellors: Vec<_> = match p.counsellor_id {
        Some(c) if !(may_choose && paging.all) => vec![c],
        _ => staff
            .iter()
            .filter(|s| s.role != StaffRole::Admin)
            .map(|s| s.id)
            .collect(),
    };
    let only_of = match counsellors.as_slice() {
        [one] if p.counsellor_id == Some(*one) => Some(names.of(*one).to_string()),
        _ => None,
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
    // Online, only slots beyond the agency's booking cut-off; staff booking over the phone
    // may take any slot from the next hour.
    let from = now.timestamp()
        + if by_staff {
            3600
        } else {
            agency.rules.booking_cutoff_hours * 3600
        };
    let to = now.timestamp() + st.settings.booking_horizon_days * 86_400;
    let closures = closure_days(st, p.agency_id, from, to).await?;
    // Sorted by time: slots inside the first-meeting window come first.
    // Read no further than this page needs (a day of one counsellor is about 10 slots;
    // of a whole agency, more): a cut-off last day is left for the next page.
    let limit = (i64::from(paging.page) + 1) * 150;
    let mut slots: Vec<SlotRow> = st.store.free_slots(&counsellors, from, to, limit).await?;
    let truncated = i64::try_from(slots.len()).unwrap_or(i64::MAX) >= limit;
    // Public holidays and closure days are never offered (slots opened before a holiday
    // rule or a closure existed, or by an import, included).
    slots.retain(|s| agency::closed_on(format::day_of(s.starts_at), &closures).is_none());
    let (page, has_more) = page_of_days(&slots, paging.page, SlotPaging::DAYS_PER_PAGE, truncated);
    let starts: Vec<i64> = page.iter().map(|s| s.starts_at).collect();
    let views: Vec<_> = page
        .iter()
        .map(|s| slot_view(s, names.of(s.counsellor_id), window_end))
        .collect();
    let mut modalities: Vec<(String, String)> = Vec::new();
    for m in views.iter().flat_map(|v| v.modalities.iter()) {
        if !modalities.contains(m) {
            modalities.push(m.clone());
        }
    }
    modalities.sort_by_key(|(v, _)| Modality::ALL.iter().position(|m| m.as_str() == v));
    Ok(ChoicesView {
        days: group_by_day(views, &starts),
        window_end: window_end.map(|e| format::date(format::day_of(e - 1))),
        moving,
        idempotency_key: uuid::Uuid::new_v4().to_string(),
        paging,
        has_more,
        can_see_all: may_choose && only_of.is_some(),
        only_of,
        modalities,
    })
}

/// The slots of the `page`-th group of `per_page` days (slots sorted by time), and
/// whether later days exist. `truncated`: the list was cut by a row limit, so its last day
/// may be incomplete (it is shown on the next page, unless it is this page's only day).
fn page_of_days(
    slots: &[SlotRow],
    page: u32,
    per_page: usize,
    truncated: bool,
) -> (&[SlotRow], bool) {
    let mut day_starts = Vec::new();
    let mut last = None;
    for (i, s) in slots.iter().enumerate() {
        let day = format::day_of(s.starts_at);
        if last != Some(day) {
            day_starts.push(i);
            last = Some(day);
        }
    }
    let first_day = usize::try_from(page)
        .unwrap_or(usize::MAX)
        .saturating_mul(per_page);
    let Some(&from) = day_starts.get(first_day) else {
        return (&[], false);
    };
    let mut to = day_starts
        .get(first_day.saturating_add(per_page))
        .copied()
        .unwrap_or(slots.len());
    if truncated && to == slots.len() {
        if let Some(&last_day) = day_starts.last().filter(|&&d| d > from) {
            to = last_day;
        }
    }
    (&slots[from..to], to < slots.len() || truncated)
}

pub async fn booking_choices(
    st: &AppState,
    actor: &Actor,
    known: Option<&AllocataireRow>,
    moving: Option<i64>,
    paging: SlotPaging,
    now: DateTime<Utc>,
) -> Result<ChoicesView, AppError> {
    let p = own_file(st, actor, known, Action::ManageOwnAppointments).await?;
    let moving = match moving {
        Some(id) => Some(my_appointment(st, actor, id, now).await?),
        None => None,
    };
    choices_for(st, &p, moving, false, paging, now).await
}

pub async fn my_appointment(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<AppointmentView, AppError> {
    let a = appointment_for(st, actor, AppointmentId(id), Action::ViewOwnFile).await?;
    let names = staff_names(st, a.agency_id).await?;
    let agency = agency_row(st, a.agency_id).await?;
    Ok(appointment_view(
        &a,
        names.of(a.counsellor_id),
        "",
        Some(&agency.rules),
        now,
    ))
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
