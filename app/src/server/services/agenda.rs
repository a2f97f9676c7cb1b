//! The staff agenda and the slots: opening hours, one-off slots, absences.

use super::agency::closed_label;
use super::present::{appointment_view, group_by_day, slot_view, staff_notes};
use super::scope::{counsellor_list, selection, staff_parts};
use super::{change, AppState, Names};
use crate::domain::agency;
use crate::domain::appointment::AppointmentStatus;
use crate::domain::authz::{check, Action, Target};
use crate::domain::error::AppError;
use crate::domain::inputs::{parse_date, parse_time, AbsenceInput, SlotInput};
use crate::domain::{Actor, SlotId, StaffId};
use crate::pages;
use crate::server::format;
use crate::server::store::{NewSlot, StaffRow};
use crate::tr;
use crate::views::{
    AgendaDay, AgendaGrid, AgendaView, AppointmentView, Done, GridItem, SlotView, SlotsView,
};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use validator::Validate;

pub async fn agenda(
    st: &AppState,
    actor: &Actor,
    day: Option<String>,
    week: bool,
    counsellor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<AgendaView, AppError> {
    let sel = selection(st, actor, Action::ViewAgenda, counsellor).await?;
    let date = day
        .as_deref()
        .and_then(parse_date)
        .unwrap_or_else(|| format::today(now));
    let (start, days) = if week {
        (
            date - Duration::days(i64::from(
                chrono::Datelike::weekday(&date).num_days_from_monday(),
            )),
            7,
        )
    } else {
        (date, 1)
    };
    let from = format::day_start(start);
    let to = format::day_start(start + Duration::days(days));
    let rows = st.store.agenda(&sel.ids, from, to).await?;
    let slots = st.store.slots(&sel.ids, from, to).await?;
    let names: Names = sel.staff.iter().collect();
    let closures = st
        .store
        .closures(sel.agency, start, start + Duration::days(days))
        .await?;
    let mut out = Vec::new();
    for i in 0..days {
        let d = start + Duration::days(i);
        let (a, b) = (
            format::day_start(d),
            format::day_start(d + Duration::days(1)),
        );
        out.push(AgendaDay {
            day: format::date(d),
            today: d == format::today(now),
            holiday: closed_label(d, &closures),
            appointments: rows
                .iter()
                .filter(|r| r.appointment.starts_at >= a && r.appointment.starts_at < b)
                .map(|r| AppointmentView {
                    notes: staff_notes(&r.appointment),
                    ..appointment_view(
                        &r.appointment,
                        &r.counsellor_name,
                        &r.allocataire_name,
                        None,
                        now,
                    )
                })
                .collect(),
            free_slots: slots
                .iter()
                .filter(|s| !s.booked && s.starts_at >= a && s.starts_at < b)
                .map(|s| slot_view(s, names.of(s.counsellor_id), None))
                .collect(),
        });
    }
    let grid = week.then(|| {
        let appointments: Vec<(i64, GridItem)> = rows
            .iter()
            .map(|r| {
                let a = &r.appointment;
                (
                    a.starts_at,
                    GridItem {
                        kind: "appointment".into(),
                        text: tr!(
                            "agenda-grid-appointment",
                            time = format::time(a.starts_at),
                            name = &r.allocataire_name
                        ),
                        status: a.status.as_str().into(),
                        file: Some(a.allocataire_id.0),
                    },
                )
            })
            .collect();
        let free = slots.iter().filter(|s| !s.booked).map(|s| {
            (
                s.starts_at,
                GridItem {
                    kind: "slot".into(),
                    text: tr!(
                        "agenda-grid-free",
                        time = format::time(s.starts_at),
                        counsellor = names.of(s.counsellor_id)
                    ),
                    status: String::new(),
                    file: None,
                },
            )
        });
        week_grid(start, appointments.into_iter().chain(free).collect(), now)
    });
    let step = Duration::days(days);
    Ok(AgendaView {
        grid,
        title: if week {
            tr!("agenda-week-of", date = format::date(start))
        } else {
            format::date(date)
        },
        week,
        date: date.to_string(),
        prev: (date - step).to_string(),
        next: (date + step).to_string(),
        counsellors: counsellor_list(st, sel.agency, &sel.staff).await?,
        selected: sel.selected.map(|s| s.0),
        days: out,
    })
}

/// Lays a week's items (start, item) out in half-hour rows, from 8 h to 18 h 30 at least,
/// widened to hold anything earlier or later; each cell in time order.
fn week_grid(start: NaiveDate, mut items: Vec<(i64, GridItem)>, now: DateTime<Utc>) -> AgendaGrid {
    items.sort_by_key(|(at, _)| *at);
    let half = |at: i64| format::minute_of_day(at) / 30;
    let first = items
        .iter()
        .map(|(at, _)| half(*at))
        .min()
        .unwrap_or(16)
        .min(16);
    let last = items
        .iter()
        .map(|(at, _)| half(*at))
        .max()
        .unwrap_or(37)
        .max(37);
    let today = format::today(now);
    let days: Vec<NaiveDate> = (0..7).map(|i| start + Duration::days(i)).collect();
    let mut rows: Vec<(String, Vec<Vec<GridItem>>)> = (first..=last)
        .map(|h| {
            let time = format::local(
                start,
                chrono::NaiveTime::from_hms_opt(h / 2, (h % 2) * 30, 0).unwrap_or_default(),
            )
            .map(format::time)
            .unwrap_or_default();
            (time, vec![Vec::new(); 7])
        })
        .collect();
    for (at, item) in items {
        let day = format::day_of(at);
        if let (Some(col), Some(row)) = (
            days.iter().position(|d| *d == day),
            rows.get_mut(usize::try_from(half(at).saturating_sub(first)).unwrap_or(usize::MAX)),
        ) {
            row.1[col].push(item);
        }
    }
    AgendaGrid {
        days: days
            .iter()
            .map(|d| (format::weekday_short(*d), d.to_string(), *d == today))
            .collect(),
        rows,
    }
}

pub async fn slots_page(
    st: &AppState,
    actor: &Actor,
    counsellor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<SlotsView, AppError> {
    let sel = selection(st, actor, Action::ManageSlots, counsellor).await?;
    let selected = sel
        .selected
        .or(sel.ids.first().copied())
        .ok_or(AppError::NotFound)?;
    let names: Names = sel.staff.iter().collect();
    let slots = st
        .store
        .slots(&[selected], now.timestamp(), now.timestamp() + 56 * 86_400)
        .await?;
    let mut views: Vec<SlotView> = slots
        .iter()
        .map(|s| slot_view(s, names.of(s.counsellor_id), None))
        .collect();
    let mut overlaps = 0;
    for (i, v) in views.iter_mut().enumerate() {
        let s = &slots[i];
        v.overlap = slots
            .iter()
            .enumerate()
            .any(|(j, o)| j != i && o.starts_at < s.ends_at && s.starts_at < o.ends_at);
        overlaps += usize::from(v.overlap);
    }
    let starts: Vec<i64> = slots.iter().map(|s| s.starts_at).collect();
    Ok(SlotsView {
        counsellors: counsellor_list(st, sel.agency, &sel.staff).await?,
        selected: selected.0,
        days: group_by_day(views, &starts),
        overlaps,
    })
}

/// The counsellor a slot form is for: the actor, or (manager/admin) the one chosen.
async fn slot_owner(st: &AppState, actor: &Actor, field: &str) -> Result<StaffRow, AppError> {
    let (me, _) = staff_parts(actor)?;
    let id = if field.trim().is_empty() {
        me
    } else {
        StaffId(field.trim().parse().map_err(|_| AppError::NotFound)?)
    };
    let s = st.store.staff(id).await?.ok_or(AppError::NotFound)?;
    let agency = s.agency_id.ok_or(AppError::NotFound)?;
    check(actor, Action::ManageSlots, Target::counsellor(agency, s.id))?;
    Ok(s)
}

/// Opens one slot, or weekly recurring opening hours: the range [time, until) cut into
/// slots of `duration`, repeated `weeks` times. Overlaps with existing slots are allowed
/// but counted in the notice (the slots page shows them).
pub async fn open_slots(
    st: &AppState,
    actor: &Actor,
    input: SlotInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    input.validate()?;
    let weeks = input.weeks()?;
    let owner = slot_owner(st, actor, &input.counsellor_id).await?;
    let agency = owner.agency_id.ok_or(AppError::NotFound)?;
    let date = parse_date(&input.date)
        .ok_or_else(|| AppError::field("date", &tr!("agenda-invalid-date")))?;
    let start = parse_time(&input.time)
        .ok_or_else(|| AppError::field("time", &tr!("agenda-invalid-time")))?;
    let minutes: i64 = input
        .duration
        .trim()
        .parse()
        .map_err(|_| AppError::field("duration", &tr!("agenda-invalid-duration")))?;
    let until = if input.until.trim().is_empty() {
        start + Duration::minutes(minutes)
    } else {
        parse_time(&input.until)
            .ok_or_else(|| AppError::field("until", &tr!("agenda-invalid-until")))?
    };
    if until <= start || (until - start).num_minutes() < minutes {
        return Err(AppError::field("until", &tr!("agenda-until-too-early")));
    }
    let location = if input.location.trim().is_empty() {
        st.store
            .agency(agency)
            .await?
            .map(|a| a.address)
            .unwrap_or_default()
    } else {
        input.location.trim().to_string()
    };
    let modalities = input.modalities();
    let closures: Vec<NaiveDate> = st
        .store
        .closures(agency, date, date + Duration::weeks(i64::from(weeks)))
        .await?
        .into_iter()
        .map(|c| c.day)
        .collect();
    let mut slots = Vec::new();
    let mut holidays = 0;
    for w in 0..weeks {
        let day = date + Duration::weeks(i64::from(w));
        if agency::closed_on(day, &closures).is_some() {
            // Counted (and said) only when the day is still to come.
            holidays += usize::from(format::day_start(day) + 86_400 > now.timestamp());
            continue;
        }
        let mut t = start;
        while (until - t).num_minutes() >= minutes {
            let end = t + Duration::minutes(minutes);
            if let (Some(a), Some(b)) = (format::local(day, t), format::local(day, end)) {
                if a > now.timestamp() {
                    slots.push(NewSlot {
                        agency_id: agency,
                        counsellor_id: owner.id,
                        starts_at: a,
                        ends_at: b,
                        modalities: modalities.clone(),
                        location: location.clone(),
                    });
                }
            }
            t = end;
        }
    }
    let (Some(first), Some(last)) = (slots.first(), slots.last()) else {
        if holidays > 0 {
            return Err(AppError::field("date", &tr!("agenda-date-holiday")));
        }
        return Err(AppError::field("date", &tr!("agenda-date-past")));
    };
    if slots.len() > 500 {
        return Err(AppError::field("weeks", &tr!("agenda-too-many-slots")));
    }
    let existing = st
        .store
        .slots(&[owner.id], first.starts_at - 86_400, last.ends_at)
        .await?;
    let overlapping = slots
        .iter()
        .filter(|n| {
            existing
                .iter()
                .any(|e| e.starts_at < n.ends_at && n.starts_at < e.ends_at)
        })
        .count();
    let entry = change(
        actor,
        agency,
        "slots.open",
        format!("staff:{} count:{}", owner.id, slots.len()),
    );
    let n = st
        .store
        .create_slots(&slots, now.timestamp(), Some(&entry))
        .await?;
    let mut notice = if n == 1 {
        tr!("agenda-slots-opened-one")
    } else {
        tr!("agenda-slots-opened-many", n = n)
    };
    if overlapping > 0 {
        let warning = tr!("agenda-slots-overlap", n = overlapping);
        notice = format!("{notice} {warning}");
    }
    if holidays > 0 {
        let warning = tr!("agenda-slots-holidays-skipped", n = holidays);
        notice = format!("{notice} {warning}");
    }
    Ok(Done {
        notice,
        redirect: format!("{}?conseiller={}", pages::SLOTS, owner.id),
    })
}

pub async fn close_slot(
    st: &AppState,
    actor: &Actor,
    slot_id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let slot_id = SlotId(slot_id);
    let slot = st.store.slot(slot_id).await?.ok_or(AppError::NotFound)?;
    check(
        actor,
        Action::ManageSlots,
        Target::counsellor(slot.agency_id, slot.counsellor_id),
    )?;
    let entry = change(
        actor,
        slot.agency_id,
        "slots.close",
        format!("slot:{slot_id}"),
    );
    if !st
        .store
        .close_slot(slot_id, now.timestamp(), Some(&entry))
        .await?
    {
        return Err(AppError::Conflict(tr!("agenda-slot-booked")));
    }
    Ok(Done {
        notice: tr!("agenda-slot-closed"),
        redirect: String::new(),
    })
}

pub async fn add_absence(
    st: &AppState,
    actor: &Actor,
    input: AbsenceInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    input.validate()?;
    let owner = slot_owner(st, actor, &input.counsellor_id).await?;
    let (Some(from), Some(to)) = (parse_date(&input.from), parse_date(&input.to)) else {
        return Err(AppError::field("from", &tr!("agenda-invalid-dates")));
    };
    if to < from {
        return Err(AppError::field("to", &tr!("agenda-end-before-start")));
    }
    let (a, b) = (
        format::day_start(from),
        format::day_start(to + Duration::days(1)),
    );
    let entry = change(
        actor,
        owner.agency_id.ok_or(AppError::NotFound)?,
        "slots.absence",
        format!("staff:{} from:{from} to:{to}", owner.id),
    );
    let closed = st
        .store
        .close_free_slots_between(owner.id, a, b, now.timestamp(), Some(&entry))
        .await?;
    let booked = st
        .store
        .agenda(&[owner.id], a, b)
        .await?
        .iter()
        .filter(|r| r.appointment.status == AppointmentStatus::Booked)
        .count();
    let mut notice = tr!("agenda-absence-recorded", n = closed);
    if booked > 0 {
        let warning = tr!("agenda-absence-booked-remain", n = booked);
        notice = format!("{notice} {warning}");
    }
    Ok(Done {
        notice,
        redirect: format!("{}?conseiller={}", pages::SLOTS, owner.id),
    })
}
