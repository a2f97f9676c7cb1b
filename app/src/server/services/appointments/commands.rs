//! Changes to appointments: book (allocataire, or staff for them), move, cancel, outcome.
//! Each change and its messages are written by one store call, in one transaction.

use super::{appointment_for, first_meeting_done};
use crate::domain::agency;
use crate::domain::appointment::{self, AppointmentReason, AppointmentStatus, BookedBy, Modality};
use crate::domain::authz::Action;
use crate::domain::error::AppError;
use crate::domain::inputs::{BookInput, OutcomeInput, ReasonInput, SeriesInput};
use crate::domain::{Actor, AllocataireId, AppointmentId, SlotId};
use crate::pages;
use crate::server::format;
use crate::server::services::agency::{agency_row, closure_days};
use crate::server::services::notify::{self, Change, Recipient};
use crate::server::services::{allocataire_for, change, internal, own_file, AppState};
use crate::server::store::{
    AgencyRow, AllocataireRow, AppointmentRow, BookOutcome, Conflict, Finish, MoveTo,
    NewAppointment, NewMessage, SlotRow, StoreError,
};
use crate::tr;
use crate::views::Done;
use chrono::{DateTime, Duration, Utc};
use validator::Validate;

/// Checks a slot is one this allocataire may book: their agency, in the future, not on a
/// public holiday nor a closure day and, online, beyond the agency's booking cut-off and
/// with their own référent when the agency allows only that — the same rules as the
/// choices offered, so a hand-made post cannot book what the page never shows. Returns the
/// slot and the agency (whose rules the booking follows).
async fn bookable_slot(
    st: &AppState,
    p: &AllocataireRow,
    slot_id: SlotId,
    by_staff: bool,
    now: DateTime<Utc>,
) -> Result<(SlotRow, AgencyRow), AppError> {
    let no_such_slot = || AppError::field("slot_id", &tr!("rdv-no-such-slot"));
    let slot = st
        .store
        .slot(slot_id)
        .await?
        .filter(|s| s.agency_id == p.agency_id)
        .ok_or_else(no_such_slot)?;
    let agency = agency_row(st, p.agency_id).await?;
    let closures = closure_days(st, p.agency_id, slot.starts_at, slot.starts_at).await?;
    if agency::closed_on(format::day_of(slot.starts_at), &closures).is_some() {
        return Err(no_such_slot());
    }
    if !by_staff {
        if let Some(referent) = p.counsellor_id.filter(|c| *c != slot.counsellor_id) {
            if !agency.agency_booking {
                tracing::info!(slot = %slot.id, %referent, "slot of another counsellor refused");
                return Err(no_such_slot());
            }
        }
    }
    if slot.starts_at <= now.timestamp() {
        return Err(AppError::field("slot_id", &tr!("rdv-slot-past")));
    }
    if !by_staff && slot.starts_at < now.timestamp() + agency.rules.booking_cutoff_hours * 3600 {
        return Err(AppError::field("slot_id", &tr!("rdv-slot-too-close")));
    }
    Ok((slot, agency))
}

fn check_modality(slot: &SlotRow, input: &BookInput) -> Result<Modality, AppError> {
    let m = input.modality();
    if !slot.modalities.contains(&m) {
        return Err(AppError::field(
            "modality",
            &tr!("rdv-modality-not-offered"),
        ));
    }
    Ok(m)
}

async fn messages_for(
    st: &AppState,
    change: Change,
    a: &AppointmentRow,
    p: &AllocataireRow,
) -> Result<Vec<NewMessage>, AppError> {
    let (counsellor, agency) = notify::counsellor_and_agency(st, a).await?;
    Ok(notify::appointment_messages(
        change,
        a,
        &Recipient::from(p),
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
    id: AppointmentId,
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
        modality,
        location: slot.location.clone(),
        reason: AppointmentReason::FollowUp,
        status: AppointmentStatus::Booked,
        cancel_reason: None,
        sequence,
        move_reason: None,
        outcome_note: None,
        relance_sent_at: None,
    }
}

async fn book_on(
    st: &AppState,
    actor: &Actor,
    p: &AllocataireRow,
    input: BookInput,
    by_staff: bool,
    now: DateTime<Utc>,
) -> Result<BookOutcome, AppError> {
    input.validate()?;
    let (slot, agency) = bookable_slot(st, p, SlotId(input.slot()), by_staff, now).await?;
    let modality = check_modality(&slot, &input)?;
    let history = st.store.appointments_of(p.id).await?;
    let reason = if first_meeting_done(&history) {
        AppointmentReason::FollowUp
    } else {
        AppointmentReason::FirstMeeting
    };
    let uid = format!("{}@portail-ali", uuid::Uuid::new_v4());
    let messages = messages_for(
        st,
        Change::Booked,
        &planned(&uid, &slot, p, modality, 0, AppointmentId(0)),
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
                modality,
                reason,
                booked_by: if by_staff {
                    BookedBy::Staff
                } else {
                    BookedBy::Allocataire
                },
                idempotency_key: Some(input.idempotency_key.clone()),
                // Online, the agency's limit; staff plan as many meetings as agreed.
                max_upcoming: (!by_staff).then_some(agency.rules.max_upcoming_online),
            },
            now.timestamp(),
            messages,
            Some(&change(
                actor,
                p.agency_id,
                if by_staff {
                    "appointment.book_for"
                } else {
                    "appointment.book"
                },
                format!("allocataire:{} slot:{}", p.id, slot.id),
            )),
        )
        .await
        .map_err(|e| match e {
            StoreError::Conflict(Conflict::UpcomingLimit) => AppError::Conflict(tr!(
                "rdv-upcoming-limit",
                max = agency.rules.max_upcoming_online
            )),
            other => other.into(),
        })?;
    st.outbox_signal.notify_one();
    Ok(outcome)
}

pub async fn book(
    st: &AppState,
    actor: &Actor,
    input: BookInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = own_file(st, actor, None, Action::ManageOwnAppointments).await?;
    let outcome = book_on(st, actor, &p, input, false, now).await?;
    Ok(Done {
        notice: tr!("rdv-booked"),
        redirect: pages::appointment(outcome.appointment().id.0),
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
    let a = appointment_for(st, actor, AppointmentId(id), Action::ManageOwnAppointments).await?;
    let errors = [
        input.validate().err().map(AppError::from),
        reason.validate().err().map(AppError::from),
    ];
    if let Some(e) = merge(errors) {
        return Err(e);
    }
    let p = own_file(st, actor, None, Action::ManageOwnAppointments).await?;
    if a.slot_id == SlotId(input.slot()) {
        return Ok(Done {
            notice: tr!("rdv-moved-same-slot"),
            redirect: pages::appointment(id),
        });
    }
    allocataire_may_change(st, &a, now).await?;
    let (slot, _) = bookable_slot(st, &p, SlotId(input.slot()), false, now).await?;
    let modality = check_modality(&slot, &input)?;
    let messages = messages_for(
        st,
        Change::Moved,
        &planned(&a.uid, &slot, &p, modality, a.sequence + 1, a.id),
        &p,
    )
    .await?;
    st.store
        .move_appointment(
            a.id,
            MoveTo {
                slot_id: slot.id,
                modality,
                reason: reason.reason.trim(),
            },
            now.timestamp(),
            messages,
            Some(&change(
                actor,
                a.agency_id,
                "appointment.move",
                format!(
                    "allocataire:{} appointment:{id} slot:{}",
                    a.allocataire_id, slot.id
                ),
            )),
        )
        .await?;
    st.outbox_signal.notify_one();
    Ok(Done {
        notice: tr!("rdv-moved"),
        redirect: pages::appointment(id),
    })
}

/// The allocataire may still move or cancel it online (booked, beyond the agency's
/// change cut-off).
async fn allocataire_may_change(
    st: &AppState,
    a: &AppointmentRow,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let agency = agency_row(st, a.agency_id).await?;
    appointment::can_change(
        a.status,
        format::ts(a.starts_at),
        now,
        agency.rules.change_cutoff_hours,
    )
}

/// Merges field errors of several inputs into one `Invalid`.
pub(crate) fn merge(errors: impl IntoIterator<Item = Option<AppError>>) -> Option<AppError> {
    let mut fields = Vec::new();
    for e in errors.into_iter().flatten() {
        match e {
            AppError::Invalid { fields: f, .. } => fields.extend(f),
            other => return Some(other),
        }
    }
    (!fields.is_empty()).then(|| AppError::Invalid {
        message: tr!("rdv-form-has-error"),
        fields,
    })
}

/// The messages announcing that a booked appointment is cancelled.
async fn cancellation_messages(
    st: &AppState,
    a: &AppointmentRow,
) -> Result<Vec<NewMessage>, AppError> {
    let p = st
        .store
        .allocataire(a.allocataire_id)
        .await?
        .ok_or_else(|| internal("appointment's allocataire missing"))?;
    let mut cancelled = a.clone();
    cancelled.sequence += 1;
    messages_for(st, Change::Cancelled, &cancelled, &p).await
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
    let a = appointment_for(st, actor, AppointmentId(id), action).await?;
    reason.validate()?;
    if by_staff {
        if a.status != AppointmentStatus::Booked {
            return Err(StoreError::Conflict(Conflict::NotBooked).into());
        }
    } else {
        allocataire_may_change(st, &a, now).await?;
    }
    let final_status = if by_staff {
        AppointmentStatus::CancelledByAgency
    } else {
        AppointmentStatus::CancelledByAllocataire
    };
    let messages = cancellation_messages(st, &a).await?;
    st.store
        .finish_appointment(
            a.id,
            Finish {
                status: final_status,
                cancel_reason: Some(reason.reason.trim()),
                outcome_note: None,
            },
            now.timestamp(),
            messages,
            Some(&change(
                actor,
                a.agency_id,
                "appointment.cancel",
                format!("allocataire:{} appointment:{id}", a.allocataire_id),
            )),
        )
        .await?
        .ok_or_else(|| AppError::from(StoreError::Conflict(Conflict::NotBooked)))?;
    st.outbox_signal.notify_one();
    Ok(if by_staff {
        Done {
            notice: tr!("rdv-cancelled-by-staff"),
            redirect: pages::file(a.allocataire_id.0),
        }
    } else {
        Done {
            notice: tr!("rdv-cancelled"),
            redirect: pages::ESPACE.into(),
        }
    })
}

/// Staff book for an allocataire (over the phone or at the desk): one rendez-vous, or a
/// series at the same time every `every_weeks` weeks until a date, on the same
/// counsellor's free slots (each booking is its own atomic booking; a week without a free
/// slot at that time is skipped and said). The allocataire's online limits do not apply.
pub async fn book_for(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    input: BookInput,
    series: SeriesInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = allocataire_for(
        st,
        actor,
        AllocataireId(allocataire_id),
        Action::BookForAllocataire,
    )
    .await?;
    let errors = [
        input.validate().err().map(AppError::from),
        series.validate().err().map(AppError::from),
    ];
    if let Some(e) = merge(errors) {
        return Err(e);
    }
    let repeat = series.repeat();
    if let Some((_, until)) = repeat {
        let slot = st
            .store
            .slot(SlotId(input.slot()))
            .await?
            .ok_or_else(|| AppError::field("slot_id", &tr!("rdv-no-such-slot")))?;
        let first_day = format::day_of(slot.starts_at);
        if until <= first_day || until > first_day + Duration::days(SERIES_MAX_DAYS) {
            return Err(AppError::field("until", &tr!("rdv-series-until-range")));
        }
    }
    let first = book_on(st, actor, &p, input.clone(), true, now).await?;
    let Some((every, until)) = repeat else {
        return Ok(Done {
            notice: tr!("rdv-booked-for", name = p.full_name()),
            redirect: pages::file(allocataire_id),
        });
    };
    let a = first.appointment();
    let start = format::paris(a.starts_at).naive_local();
    let key: String = input.idempotency_key.chars().take(50).collect();
    let (mut booked, mut skipped) = (1, Vec::new());
    for k in 1.. {
        let when = start + Duration::weeks(every * k);
        if when.date() > until {
            break;
        }
        let Some(at) = format::local(when.date(), when.time()) else {
            continue;
        };
        let slot = st
            .store
            .free_slots(&[a.counsellor_id], at, at + 1, 1)
            .await?
            .into_iter()
            .next();
        let done = match slot {
            Some(slot) => {
                let next = BookInput {
                    slot_id: slot.id.0.to_string(),
                    modality: a.modality.as_str().into(),
                    idempotency_key: format!("{key}-s{k}"),
                };
                book_on(st, actor, &p, next, true, now).await.is_ok()
            }
            None => false,
        };
        if done {
            booked += 1;
        } else {
            skipped.push(format::date(when.date()));
        }
    }
    let mut notice = tr!("rdv-series-booked", name = p.full_name(), n = booked);
    if !skipped.is_empty() {
        let warning = tr!("rdv-series-skipped", days = skipped.join(", "));
        notice = format!("{notice} {warning}");
    }
    Ok(Done {
        notice,
        redirect: pages::file(allocataire_id),
    })
}

/// A series spans at most this many days after its first rendez-vous.
pub const SERIES_MAX_DAYS: i64 = 366;

pub async fn record_outcome(
    st: &AppState,
    actor: &Actor,
    id: i64,
    input: OutcomeInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    // Who may act first: someone else's appointment answers 404 whatever the input.
    let a = appointment_for(st, actor, AppointmentId(id), Action::RecordOutcome).await?;
    input.validate()?;
    let outcome = AppointmentStatus::parse(&input.outcome)
        .ok_or_else(|| AppError::field("outcome", &tr!("rdv-outcome-choose")))?;
    let note = Some(input.note.trim()).filter(|n| !n.is_empty());
    appointment::can_record(a.status, outcome, format::ts(a.starts_at), now)?;
    let messages = if outcome == AppointmentStatus::CancelledByAgency {
        cancellation_messages(st, &a).await?
    } else {
        Vec::new()
    };
    st.store
        .finish_appointment(
            a.id,
            Finish {
                status: outcome,
                cancel_reason: None,
                outcome_note: note,
            },
            now.timestamp(),
            messages,
            Some(&change(
                actor,
                a.agency_id,
                "appointment.outcome",
                format!(
                    "allocataire:{} appointment:{id} {}",
                    a.allocataire_id,
                    outcome.as_str()
                ),
            )),
        )
        .await?
        .ok_or_else(|| AppError::Conflict(tr!("rdv-outcome-already-recorded")))?;
    st.outbox_signal.notify_one();
    if outcome == AppointmentStatus::Attended {
        crate::server::services::voice::satisfaction::ask_now(st, now).await;
    }
    Ok(Done {
        notice: tr!(
            "rdv-outcome-recorded",
            outcome = crate::i18n::t(outcome.label_key())
        ),
        redirect: String::new(),
    })
}

/// After a missed (or excused) rendez-vous, staff send the person a « relance »: what to
/// do next (book again online, or call the agency), by SMS and e-mail, once.
pub async fn send_relance(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let a = appointment_for(st, actor, AppointmentId(id), Action::BookForAllocataire).await?;
    if !matches!(
        a.status,
        AppointmentStatus::Missed | AppointmentStatus::Excused
    ) {
        return Err(AppError::Conflict(tr!("rdv-relance-not-missed")));
    }
    if a.relance_sent_at.is_some() {
        return Ok(Done {
            notice: tr!("rdv-relance-already"),
            redirect: pages::file(a.allocataire_id.0),
        });
    }
    let p = st
        .store
        .allocataire(a.allocataire_id)
        .await?
        .ok_or_else(|| internal("appointment's allocataire missing"))?;
    let messages = messages_for(st, Change::Missed, &a, &p).await?;
    if messages.is_empty() {
        return Err(AppError::Conflict(tr!("rdv-relance-no-contact")));
    }
    let entry = change(
        actor,
        a.agency_id,
        "appointment.relance",
        format!("allocataire:{} appointment:{id}", a.allocataire_id),
    );
    let sent = st
        .store
        .send_relance(a.id, now.timestamp(), messages, Some(&entry))
        .await?;
    st.outbox_signal.notify_one();
    Ok(Done {
        notice: if sent {
            tr!("rdv-relance-sent", name = p.full_name())
        } else {
            tr!("rdv-relance-already")
        },
        redirect: pages::file(a.allocataire_id.0),
    })
}
