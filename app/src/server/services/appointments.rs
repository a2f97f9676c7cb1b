//! Booking, moving and cancelling appointments (allocataire and staff sides).

use super::notify::{self, Change};
use super::AppState;
use crate::api::views::*;
use crate::domain::appointment::{self, AppointmentStatus, Modality};
use crate::domain::authz::{check, Action, Target};
use crate::domain::deadline;
use crate::domain::error::AppError;
use crate::domain::inputs::{parse_date, BookInput, ReasonInput};
use crate::domain::{Actor, AgencyId, AllocataireId, StaffId};
use crate::server::format;
use crate::server::store::{
    AgencyRow, AllocataireRow, AppointmentRow, BookOutcome, NewAppointment, SlotRow, StaffRow,
};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use validator::Validate;

/// A counsellor's name from a map built once per page ("" if unknown).
pub fn name_in(names: &HashMap<i64, String>, id: i64) -> &str {
    names.get(&id).map(String::as_str).unwrap_or("")
}

/// The counsellor and the agency an appointment's messages and calendar file name.
pub async fn counsellor_and_agency(
    st: &AppState,
    a: &AppointmentRow,
) -> Result<(StaffRow, AgencyRow), AppError> {
    let counsellor = st
        .store
        .staff(a.counsellor_id)
        .await?
        .ok_or(AppError::Internal)?;
    let agency = st
        .store
        .agency(a.agency_id)
        .await?
        .ok_or(AppError::Internal)?;
    Ok((counsellor, agency))
}

pub fn staff_name(s: &StaffRow) -> String {
    format!("{} {}", s.first_name, s.last_name)
}

pub fn appointment_view(
    a: &AppointmentRow,
    counsellor: &str,
    allocataire: &str,
    st: &AppState,
    now: DateTime<Utc>,
) -> AppointmentView {
    let status = AppointmentStatus::parse(&a.status).unwrap_or(AppointmentStatus::Booked);
    let cutoff = st.settings.cancel_cutoff_hours;
    let modality = Modality::parse(&a.modality).unwrap_or(Modality::SurPlace);
    AppointmentView {
        id: a.id,
        when: format::date_time(a.starts_at),
        time: format!(
            "{} – {}",
            format::time(a.starts_at),
            format::time(a.ends_at)
        ),
        duration_minutes: (a.ends_at - a.starts_at) / 60,
        modality: modality.as_str().into(),
        modality_label: modality.label().into(),
        location: a.location.clone(),
        counsellor: counsellor.into(),
        status: status.as_str().into(),
        status_label: status.label().into(),
        can_change: appointment::can_change(status, format::ts(a.starts_at), now, cutoff).is_ok(),
        change_limit: format::date_time(a.starts_at - cutoff * 3600),
        allocataire: allocataire.into(),
        allocataire_id: a.allocataire_id,
        started: a.starts_at <= now.timestamp(),
    }
}

async fn allocataire_of(st: &AppState, actor: &Actor) -> Result<AllocataireRow, AppError> {
    let Actor::Allocataire { id, .. } = actor else {
        return Err(AppError::Forbidden);
    };
    st.store
        .allocataire(id.0)
        .await?
        .ok_or(AppError::NotSignedIn)
}

/// Loads an appointment and checks the actor may act on it (404 otherwise).
async fn owned_appointment(
    st: &AppState,
    actor: &Actor,
    id: i64,
    action: Action,
) -> Result<AppointmentRow, AppError> {
    let a = st.store.appointment(id).await?.ok_or(AppError::NotFound)?;
    let target = match action {
        Action::ManageOwnAppointments | Action::ViewOwnFile => {
            Target::allocataire(AgencyId(a.agency_id), AllocataireId(a.allocataire_id))
        }
        _ => Target {
            agency: Some(AgencyId(a.agency_id)),
            allocataire: Some(AllocataireId(a.allocataire_id)),
            counsellor: Some(StaffId(a.counsellor_id)),
        },
    };
    check(actor, action, target)?;
    Ok(a)
}

async fn names(st: &AppState, agency_id: i64) -> Result<HashMap<i64, String>, AppError> {
    Ok(st
        .store
        .staff_of_agency(agency_id)
        .await?
        .iter()
        .map(|s| (s.id, staff_name(s)))
        .collect())
}

fn first_meeting_done(history: &[AppointmentRow]) -> bool {
    history
        .iter()
        .any(|a| a.status == AppointmentStatus::Attended.as_str())
}

pub async fn my_space(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<SpaceView, AppError> {
    let p = allocataire_of(st, actor).await?;
    check(
        actor,
        Action::ViewOwnFile,
        Target::allocataire(AgencyId(p.agency_id), AllocataireId(p.id)),
    )?;
    let agency = st
        .store
        .agency(p.agency_id)
        .await?
        .ok_or(AppError::Internal)?;
    let counsellor = match p.counsellor_id {
        Some(c) => st.store.staff(c).await?,
        None => None,
    };
    let referent = counsellor.as_ref().map(|c| ReferentView {
        name: staff_name(c),
        title: c.title.clone(),
        agency: agency.name.clone(),
        address: agency.address.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        opening_hours: agency.opening_hours.clone(),
    });
    let names = names(st, p.agency_id).await?;
    let history = st.store.appointments_of(p.id).await?;
    let name_of = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let me = format!("{} {}", p.first_name, p.last_name);
    let next = history
        .iter()
        .filter(|a| a.status == "booked" && a.ends_at > now.timestamp())
        .min_by_key(|a| a.starts_at)
        .map(|a| appointment_view(a, &name_of(a.counsellor_id), &me, st, now));
    let orientation = parse_date(&p.orientation_date);
    let done = first_meeting_done(&history);
    let (due, late) = match orientation {
        Some(o) if !done => {
            let flag = deadline::first_meeting_flag(o, false, format::today(now));
            (
                Some(format::date(deadline::first_meeting_deadline(o))),
                flag == deadline::DeadlineFlag::Late,
            )
        }
        _ => (None, false),
    };
    Ok(SpaceView {
        first_name: p.first_name.clone(),
        referent,
        next,
        first_meeting_due: due,
        first_meeting_late: late,
        history: history
            .iter()
            .filter(|a| a.status != "booked" || a.ends_at <= now.timestamp())
            .take(10)
            .map(|a| appointment_view(a, &name_of(a.counsellor_id), &me, st, now))
            .collect(),
    })
}

pub fn slot_view(s: &SlotRow, counsellor: &str, window_end: Option<i64>) -> SlotView {
    SlotView {
        id: s.id,
        time: format::time(s.starts_at),
        end_time: format::time(s.ends_at),
        counsellor: counsellor.into(),
        modalities: Modality::parse_list(&s.modalities)
            .into_iter()
            .map(|m| (m.as_str().into(), m.label().into()))
            .collect(),
        location: s.location.clone(),
        booked: s.booked != 0,
        in_window: window_end.is_none_or(|end| s.starts_at < end),
        overlap: false,
    }
}

pub fn group_by_day(slots: Vec<SlotView>, days_of: &[i64]) -> Vec<DayGroup> {
    let mut out: Vec<DayGroup> = Vec::new();
    for (slot, starts) in slots.into_iter().zip(days_of) {
        let day = format::date(format::day_of(*starts));
        match out.last_mut() {
            Some(g) if g.day == day => g.slots.push(slot),
            _ => out.push(DayGroup {
                day,
                slots: vec![slot],
            }),
        }
    }
    out
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
        .ok_or(AppError::Internal)?;
    let staff = st.store.staff_of_agency(p.agency_id).await?;
    let names: HashMap<i64, String> = staff.iter().map(|s| (s.id, staff_name(s))).collect();
    let counsellors: Vec<i64> = match p.counsellor_id {
        Some(c) if agency.agency_booking == 0 => vec![c],
        _ => staff
            .iter()
            .filter(|s| s.role != "admin")
            .map(|s| s.id)
            .collect(),
    };
    let history = st.store.appointments_of(p.id).await?;
    let window_end = match parse_date(&p.orientation_date) {
        Some(o) if !first_meeting_done(&history) => {
            let end = format::day_start(deadline::first_meeting_deadline(o) + Duration::days(1));
            (end > now.timestamp()).then_some(end)
        }
        _ => None,
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
        .map(|s| slot_view(s, name_in(&names, s.counsellor_id), window_end))
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
    moving: Option<i64>,
    now: DateTime<Utc>,
) -> Result<ChoicesView, AppError> {
    let p = allocataire_of(st, actor).await?;
    check(
        actor,
        Action::ManageOwnAppointments,
        Target::allocataire(AgencyId(p.agency_id), AllocataireId(p.id)),
    )?;
    let moving = match moving {
        Some(id) => {
            let a = owned_appointment(st, actor, id, Action::ManageOwnAppointments).await?;
            let names = names(st, a.agency_id).await?;
            Some(appointment_view(
                &a,
                name_in(&names, a.counsellor_id),
                "",
                st,
                now,
            ))
        }
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
    let a = owned_appointment(st, actor, id, Action::ViewOwnFile).await?;
    let names = names(st, a.agency_id).await?;
    Ok(appointment_view(
        &a,
        name_in(&names, a.counsellor_id),
        "",
        st,
        now,
    ))
}

/// Checks a slot is one this allocataire may book: their agency, in the future and, online,
/// beyond the cut-off (so that it can still be moved or cancelled).
async fn bookable_slot(
    st: &AppState,
    p: &AllocataireRow,
    slot_id: i64,
    by_staff: bool,
    now: DateTime<Utc>,
) -> Result<SlotRow, AppError> {
    let slot = st.store.slot(slot_id).await?.ok_or_else(|| {
        AppError::field(
            "slot_id",
            "Ce créneau n'existe pas. Choisissez-en un dans la liste.",
        )
    })?;
    if slot.agency_id != p.agency_id {
        return Err(AppError::field(
            "slot_id",
            "Ce créneau n'existe pas. Choisissez-en un dans la liste.",
        ));
    }
    if slot.starts_at <= now.timestamp() {
        return Err(AppError::field(
            "slot_id",
            "Ce créneau est passé. Choisissez-en un autre.",
        ));
    }
    if !by_staff && slot.starts_at < now.timestamp() + st.settings.cancel_cutoff_hours * 3600 {
        return Err(AppError::field(
            "slot_id",
            "Ce créneau est trop proche pour être réservé en ligne : appelez votre agence.",
        ));
    }
    Ok(slot)
}

fn check_modality(slot: &SlotRow, input: &BookInput) -> Result<Modality, AppError> {
    let m = input.modality();
    if !Modality::parse_list(&slot.modalities).contains(&m) {
        return Err(AppError::field(
            "modality",
            "Ce créneau n'est pas proposé avec cette modalité. Choisissez-en une autre.",
        ));
    }
    Ok(m)
}

async fn messages_for(
    st: &AppState,
    change: Change,
    a: &AppointmentRow,
    p: &AllocataireRow,
) -> Result<Vec<crate::server::store::NewMessage>, AppError> {
    let (counsellor, agency) = counsellor_and_agency(st, a).await?;
    Ok(notify::appointment_messages(
        change,
        a,
        p,
        &counsellor,
        &agency,
        &st.settings,
    ))
}

/// The appointment as it will be once booked on `slot` (to write its messages in the same
/// transaction as the booking).
fn planned(
    uid: &str,
    slot: &SlotRow,
    p: &AllocataireRow,
    modality: Modality,
    sequence: i64,
    id: i64,
) -> AppointmentRow {
    AppointmentRow {
        id,
        uid: uid.into(),
        slot_id: slot.id,
        allocataire_id: p.id,
        counsellor_id: slot.counsellor_id,
        agency_id: slot.agency_id,
        starts_at: slot.starts_at,
        ends_at: slot.ends_at,
        modality: modality.as_str().into(),
        location: slot.location.clone(),
        reason: String::new(),
        status: "booked".into(),
        cancel_reason: None,
        sequence,
    }
}

async fn book_on(
    st: &AppState,
    p: &AllocataireRow,
    input: BookInput,
    by_staff: bool,
    now: DateTime<Utc>,
) -> Result<BookOutcome, AppError> {
    input.validate()?;
    let slot = bookable_slot(st, p, input.slot(), by_staff, now).await?;
    let modality = check_modality(&slot, &input)?;
    let history = st.store.appointments_of(p.id).await?;
    let reason = if first_meeting_done(&history) {
        "suivi"
    } else {
        "premier_accueil"
    };
    let uid = format!("{}@portail-ali", uuid::Uuid::new_v4());
    let messages = messages_for(
        st,
        Change::Booked,
        &planned(&uid, &slot, p, modality, 0, 0),
        p,
    )
    .await?;
    let outcome = st
        .store
        .book(
            NewAppointment {
                uid,
                slot_id: slot.id,
                allocataire_id: p.id,
                modality: modality.as_str().into(),
                reason: reason.into(),
                booked_by: if by_staff { "staff" } else { "allocataire" },
                idempotency_key: Some(input.idempotency_key.clone()),
                max_upcoming: Some(1),
            },
            now.timestamp(),
            messages,
        )
        .await?;
    st.outbox_signal.notify_one();
    Ok(outcome)
}

pub async fn book(
    st: &AppState,
    actor: &Actor,
    input: BookInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = allocataire_of(st, actor).await?;
    check(
        actor,
        Action::ManageOwnAppointments,
        Target::allocataire(AgencyId(p.agency_id), AllocataireId(p.id)),
    )?;
    let outcome = book_on(st, &p, input, false, now).await?;
    Ok(Done {
        notice: "Votre rendez-vous est confirmé. Vous allez recevoir un message de confirmation."
            .into(),
        redirect: format!("/rdv/{}", outcome.appointment().id),
    })
}

pub async fn move_appointment(
    st: &AppState,
    actor: &Actor,
    id: i64,
    input: BookInput,
    reason: ReasonInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let a = owned_appointment(st, actor, id, Action::ManageOwnAppointments).await?;
    let errors = [
        input.validate().err().map(AppError::from),
        reason.validate().err().map(AppError::from),
    ];
    if let Some(e) = merge(errors) {
        return Err(e);
    }
    let p = allocataire_of(st, actor).await?;
    if a.slot_id == input.slot() {
        return Ok(Done {
            notice: "Votre rendez-vous est déplacé.".into(),
            redirect: format!("/rdv/{id}"),
        });
    }
    appointment::can_change(
        AppointmentStatus::parse(&a.status).unwrap_or(AppointmentStatus::Booked),
        format::ts(a.starts_at),
        now,
        st.settings.cancel_cutoff_hours,
    )?;
    let slot = bookable_slot(st, &p, input.slot(), false, now).await?;
    let modality = check_modality(&slot, &input)?;
    let messages = messages_for(
        st,
        Change::Moved,
        &planned(&a.uid, &slot, &p, modality, a.sequence + 1, a.id),
        &p,
    )
    .await?;
    st.store
        .move_appointment(a.id, slot.id, modality.as_str(), now.timestamp(), messages)
        .await?;
    audit(
        st,
        actor,
        "appointment.move",
        &format!("appointment:{id} reason:{}", reason.reason.len()),
        now,
    )
    .await;
    st.outbox_signal.notify_one();
    Ok(Done {
        notice: "Votre rendez-vous est déplacé. Vous allez recevoir un message de confirmation."
            .into(),
        redirect: format!("/rdv/{id}"),
    })
}

/// Merges field errors of several inputs into one `Invalid`.
fn merge(errors: impl IntoIterator<Item = Option<AppError>>) -> Option<AppError> {
    let mut fields = Vec::new();
    for e in errors.into_iter().flatten() {
        match e {
            AppError::Invalid { fields: f, .. } => fields.extend(f),
            other => return Some(other),
        }
    }
    (!fields.is_empty()).then(|| AppError::Invalid {
        message: "Le formulaire contient une erreur.".into(),
        fields,
    })
}

/// Cancels an appointment: by the allocataire (`by_staff` false: their own, before the
/// cut-off) or by the agency (`by_staff` true: any booked one of the agency).
pub async fn cancel(
    st: &AppState,
    actor: &Actor,
    id: i64,
    reason: ReasonInput,
    by_staff: bool,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let action = if by_staff {
        Action::BookForAllocataire
    } else {
        Action::ManageOwnAppointments
    };
    let a = owned_appointment(st, actor, id, action).await?;
    reason.validate()?;
    let status = AppointmentStatus::parse(&a.status).unwrap_or(AppointmentStatus::Booked);
    if by_staff {
        if status != AppointmentStatus::Booked {
            return Err(AppError::Conflict(
                "Ce rendez-vous n'est plus modifiable.".into(),
            ));
        }
    } else {
        appointment::can_change(
            status,
            format::ts(a.starts_at),
            now,
            st.settings.cancel_cutoff_hours,
        )?;
    }
    let p = st
        .store
        .allocataire(a.allocataire_id)
        .await?
        .ok_or(AppError::Internal)?;
    let final_status = if by_staff {
        AppointmentStatus::CancelledByAgency
    } else {
        AppointmentStatus::CancelledByAllocataire
    };
    let mut cancelled = a.clone();
    cancelled.sequence += 1;
    let messages = messages_for(st, Change::Cancelled, &cancelled, &p).await?;
    st.store
        .finish_appointment(
            a.id,
            final_status.as_str(),
            Some(reason.reason.trim()),
            now.timestamp(),
            messages,
        )
        .await?
        .ok_or_else(|| AppError::Conflict("Ce rendez-vous n'est plus modifiable.".into()))?;
    audit(
        st,
        actor,
        "appointment.cancel",
        &format!("appointment:{id}"),
        now,
    )
    .await;
    st.outbox_signal.notify_one();
    Ok(if by_staff {
        Done {
            notice: "Le rendez-vous est annulé et l'allocataire est prévenu·e.".into(),
            redirect: format!("/pro/allocataires/{}", a.allocataire_id),
        }
    } else {
        Done {
            notice: "Votre rendez-vous est annulé. Le créneau est libéré.".into(),
            redirect: "/espace".into(),
        }
    })
}

/// Staff books for an allocataire (over the phone).
pub async fn book_for(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    input: BookInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = st
        .store
        .allocataire(allocataire_id)
        .await?
        .ok_or(AppError::NotFound)?;
    check(
        actor,
        Action::BookForAllocataire,
        Target::allocataire(AgencyId(p.agency_id), AllocataireId(p.id)),
    )?;
    book_on(st, &p, input, true, now).await?;
    audit(
        st,
        actor,
        "appointment.book_for",
        &format!("allocataire:{allocataire_id}"),
        now,
    )
    .await;
    Ok(Done {
        notice: format!(
            "Rendez-vous réservé pour {} {}. Un message de confirmation part.",
            p.first_name, p.last_name
        ),
        redirect: format!("/pro/allocataires/{allocataire_id}"),
    })
}

pub async fn record_outcome(
    st: &AppState,
    actor: &Actor,
    id: i64,
    outcome: &str,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let a = owned_appointment(st, actor, id, Action::RecordOutcome).await?;
    let outcome = AppointmentStatus::parse(outcome)
        .ok_or_else(|| AppError::field("outcome", "Choisissez un résultat."))?;
    let status = AppointmentStatus::parse(&a.status).unwrap_or(AppointmentStatus::Booked);
    appointment::can_record(status, outcome, format::ts(a.starts_at), now)?;
    let messages = if matches!(outcome, AppointmentStatus::CancelledByAgency) {
        let p = st
            .store
            .allocataire(a.allocataire_id)
            .await?
            .ok_or(AppError::Internal)?;
        let mut cancelled = a.clone();
        cancelled.sequence += 1;
        messages_for(st, Change::Cancelled, &cancelled, &p).await?
    } else {
        Vec::new()
    };
    st.store
        .finish_appointment(a.id, outcome.as_str(), None, now.timestamp(), messages)
        .await?
        .ok_or_else(|| {
            AppError::Conflict("Le résultat de ce rendez-vous a déjà été enregistré.".into())
        })?;
    audit(
        st,
        actor,
        "appointment.outcome",
        &format!("appointment:{id} {}", outcome.as_str()),
        now,
    )
    .await;
    st.outbox_signal.notify_one();
    Ok(Done {
        notice: format!("Résultat enregistré : {}.", outcome.label()),
        redirect: String::new(),
    })
}

pub async fn audit(st: &AppState, actor: &Actor, action: &str, subject: &str, now: DateTime<Utc>) {
    super::audit(
        st,
        &super::principal_name(actor),
        action,
        subject,
        "ok",
        now,
    )
    .await;
}

/// The calendar file of an appointment (the allocataire's own).
pub async fn calendar_file(st: &AppState, actor: &Actor, id: i64) -> Result<String, AppError> {
    let a = owned_appointment(st, actor, id, Action::ViewOwnFile).await?;
    let (counsellor, agency) = counsellor_and_agency(st, &a).await?;
    Ok(notify::ics(
        &a,
        &staff_name(&counsellor),
        &agency,
        a.status != "booked",
    ))
}
