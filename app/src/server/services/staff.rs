//! The staff side: agenda, slots, caseload and an allocataire's file.

use super::appointments::{
    appointment_view, audit, choices_for, group_by_day, name_in, slot_view, staff_name,
};
use super::AppState;
use crate::api::views::*;
use crate::domain::authz::{check, check_action, Action, Scope, Target};
use crate::domain::deadline::{self, DeadlineFlag};
use crate::domain::error::AppError;
use crate::domain::inputs::{parse_date, parse_time, AbsenceInput, SlotInput};
use crate::domain::{appointment::Modality, Actor, AgencyId, AllocataireId, StaffId};
use crate::server::format;
use crate::server::store::{CaseloadRow, NewSlot, StaffRow};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashMap;
use validator::Validate;

fn staff_parts(actor: &Actor) -> Result<(StaffId, Option<AgencyId>), AppError> {
    match actor {
        Actor::Staff { id, agency, .. } => Ok((*id, *agency)),
        Actor::Allocataire { .. } => Err(AppError::Forbidden),
    }
}

/// The agency a staff page works on: the actor's own; the admin must name one.
async fn agency_of(st: &AppState, actor: &Actor, counsellor: Option<i64>) -> Result<i64, AppError> {
    let (_, agency) = staff_parts(actor)?;
    if let Some(a) = agency {
        return Ok(a.0);
    }
    // Département admin: the agency of the counsellor asked for, else the first agency.
    if let Some(c) = counsellor {
        if let Some(s) = st.store.staff(c).await? {
            return s.agency_id.ok_or(AppError::NotFound);
        }
        return Err(AppError::NotFound);
    }
    st.store
        .agencies()
        .await?
        .first()
        .map(|a| a.id)
        .ok_or(AppError::NotFound)
}

async fn counsellors(st: &AppState, agency: i64) -> Result<Vec<StaffRow>, AppError> {
    Ok(st
        .store
        .staff_of_agency(agency)
        .await?
        .into_iter()
        .filter(|s| s.role != "admin")
        .collect())
}

async fn counsellor_list(
    st: &AppState,
    agency: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Counsellor>, AppError> {
    let caseload = st
        .store
        .caseload(Some(agency), None, now.timestamp())
        .await?;
    let mut counts: HashMap<i64, i64> = HashMap::new();
    for c in &caseload {
        if let Some(id) = c.counsellor_id {
            *counts.entry(id).or_default() += 1;
        }
    }
    Ok(counsellors(st, agency)
        .await?
        .iter()
        .map(|s| Counsellor {
            id: s.id,
            name: staff_name(s),
            caseload: counts.get(&s.id).copied().unwrap_or(0),
        })
        .collect())
}

/// Which counsellors a staff page shows: the one asked for (checked), else a referent's
/// own, else the whole agency (manager, admin).
async fn selection(
    st: &AppState,
    actor: &Actor,
    action: Action,
    asked: Option<i64>,
) -> Result<(i64, Vec<i64>, Option<i64>), AppError> {
    let (me, _) = staff_parts(actor)?;
    let scope = check_action(actor, action)?;
    let agency = agency_of(st, actor, asked).await?;
    let all: Vec<i64> = counsellors(st, agency)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let is_referent = matches!(
        actor,
        Actor::Staff {
            role: crate::domain::StaffRole::Referent,
            ..
        }
    );
    match asked {
        Some(c) => {
            check(
                actor,
                action,
                Target::counsellor(AgencyId(agency), StaffId(c)),
            )?;
            if !all.contains(&c) {
                return Err(AppError::NotFound);
            }
            Ok((agency, vec![c], Some(c)))
        }
        None if scope == Scope::Own || is_referent => Ok((agency, vec![me.0], Some(me.0))),
        None => {
            check(actor, action, Target::agency(AgencyId(agency)))?;
            Ok((agency, all, None))
        }
    }
}

pub async fn agenda(
    st: &AppState,
    actor: &Actor,
    day: Option<String>,
    week: bool,
    counsellor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<AgendaView, AppError> {
    let (agency, ids, selected) = selection(st, actor, Action::ViewAgenda, counsellor).await?;
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
    let rows = st.store.agenda(&ids, from, to).await?;
    let slots = st.store.slots(&ids, from, to).await?;
    let names: HashMap<i64, String> = counsellors(st, agency)
        .await?
        .iter()
        .map(|s| (s.id, staff_name(s)))
        .collect();
    let mut out = Vec::new();
    for i in 0..days {
        let d = start + Duration::days(i);
        let (a, b) = (
            format::day_start(d),
            format::day_start(d + Duration::days(1)),
        );
        out.push(AgendaDay {
            day: format::date(d),
            appointments: rows
                .iter()
                .filter(|r| r.appointment.starts_at >= a && r.appointment.starts_at < b)
                .map(|r| {
                    appointment_view(
                        &r.appointment,
                        &r.counsellor_name,
                        &r.allocataire_name,
                        st,
                        now,
                    )
                })
                .collect(),
            free_slots: slots
                .iter()
                .filter(|s| s.booked == 0 && s.starts_at >= a && s.starts_at < b)
                .map(|s| slot_view(s, name_in(&names, s.counsellor_id), None))
                .collect(),
        });
    }
    let step = Duration::days(days);
    Ok(AgendaView {
        title: if week {
            format!("Semaine du {}", format::date(start))
        } else {
            format::date(date)
        },
        week,
        date: date.to_string(),
        prev: (date - step).to_string(),
        next: (date + step).to_string(),
        counsellors: counsellor_list(st, agency, now).await?,
        selected,
        days: out,
    })
}

pub async fn slots_page(
    st: &AppState,
    actor: &Actor,
    counsellor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<SlotsView, AppError> {
    let (agency, ids, selected) = selection(st, actor, Action::ManageSlots, counsellor).await?;
    let selected = selected
        .or(ids.first().copied())
        .ok_or(AppError::NotFound)?;
    let names: HashMap<i64, String> = counsellors(st, agency)
        .await?
        .iter()
        .map(|s| (s.id, staff_name(s)))
        .collect();
    let slots = st
        .store
        .slots(&[selected], now.timestamp(), now.timestamp() + 56 * 86_400)
        .await?;
    let mut views: Vec<SlotView> = slots
        .iter()
        .map(|s| slot_view(s, name_in(&names, s.counsellor_id), None))
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
        counsellors: counsellor_list(st, agency, now).await?,
        selected,
        days: group_by_day(views, &starts),
        overlaps,
    })
}

/// The counsellor a slot form is for: the actor, or (manager/admin) the one chosen.
async fn slot_owner(st: &AppState, actor: &Actor, field: &str) -> Result<StaffRow, AppError> {
    let (me, _) = staff_parts(actor)?;
    let id = if field.trim().is_empty() {
        me.0
    } else {
        field.trim().parse().map_err(|_| AppError::NotFound)?
    };
    let s = st.store.staff(id).await?.ok_or(AppError::NotFound)?;
    let agency = s.agency_id.ok_or(AppError::NotFound)?;
    check(
        actor,
        Action::ManageSlots,
        Target::counsellor(AgencyId(agency), StaffId(s.id)),
    )?;
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
        .ok_or_else(|| AppError::field("date", "Saisissez une date valide."))?;
    let start = parse_time(&input.time)
        .ok_or_else(|| AppError::field("time", "Saisissez une heure valide."))?;
    let minutes: i64 = input
        .duration
        .trim()
        .parse()
        .map_err(|_| AppError::field("duration", "La durée va de 10 à 240 minutes."))?;
    let until = if input.until.trim().is_empty() {
        start + Duration::minutes(minutes)
    } else {
        parse_time(&input.until)
            .ok_or_else(|| AppError::field("until", "Saisissez une heure de fin valide (hh:mm)."))?
    };
    if until <= start || (until - start).num_minutes() < minutes {
        return Err(AppError::field(
            "until",
            "L'heure de fin doit laisser la place d'au moins un créneau.",
        ));
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
    let modalities = Modality::join(&input.modalities());
    let mut slots = Vec::new();
    for w in 0..weeks {
        let day = date + Duration::weeks(i64::from(w));
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
    if slots.is_empty() {
        return Err(AppError::field(
            "date",
            "Cette date est passée : choisissez une date à venir.",
        ));
    }
    if slots.len() > 500 {
        return Err(AppError::field(
            "weeks",
            "Trop de créneaux d'un coup (500 au plus).",
        ));
    }
    let existing = st
        .store
        .slots(
            &[owner.id],
            slots[0].starts_at - 86_400,
            slots[slots.len() - 1].ends_at,
        )
        .await?;
    let overlapping = slots
        .iter()
        .filter(|n| {
            existing
                .iter()
                .any(|e| e.starts_at < n.ends_at && n.starts_at < e.ends_at)
        })
        .count();
    let n = st.store.create_slots(&slots, now.timestamp()).await?;
    audit(
        st,
        actor,
        "slots.open",
        &format!("staff:{} count:{n}", owner.id),
        now,
    )
    .await;
    let mut notice = if n == 1 {
        "1 créneau ouvert.".to_string()
    } else {
        format!("{n} créneaux ouverts.")
    };
    if overlapping > 0 {
        notice.push_str(&format!(
            " Attention : {overlapping} chevauche(nt) un créneau existant."
        ));
    }
    Ok(Done {
        notice,
        redirect: format!("/pro/creneaux?conseiller={}", owner.id),
    })
}

pub async fn close_slot(
    st: &AppState,
    actor: &Actor,
    slot_id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let slot = st.store.slot(slot_id).await?.ok_or(AppError::NotFound)?;
    check(
        actor,
        Action::ManageSlots,
        Target::counsellor(AgencyId(slot.agency_id), StaffId(slot.counsellor_id)),
    )?;
    if !st.store.close_slot(slot_id).await? {
        return Err(AppError::Conflict(
            "Ce créneau est réservé : annulez d'abord le rendez-vous.".into(),
        ));
    }
    audit(st, actor, "slots.close", &format!("slot:{slot_id}"), now).await;
    Ok(Done {
        notice: "Créneau fermé.".into(),
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
        return Err(AppError::field("from", "Saisissez des dates valides."));
    };
    if to < from {
        return Err(AppError::field(
            "to",
            "La date de fin doit suivre la date de début.",
        ));
    }
    let (a, b) = (
        format::day_start(from),
        format::day_start(to + Duration::days(1)),
    );
    let closed = st.store.close_free_slots_between(owner.id, a, b).await?;
    let booked = st
        .store
        .agenda(&[owner.id], a, b)
        .await?
        .iter()
        .filter(|r| r.appointment.status == "booked")
        .count();
    audit(
        st,
        actor,
        "slots.absence",
        &format!("staff:{}", owner.id),
        now,
    )
    .await;
    let mut notice = format!("Absence enregistrée : {closed} créneau(x) libre(s) fermé(s).");
    if booked > 0 {
        notice.push_str(&format!(" Attention : {booked} rendez-vous reste(nt) prévu(s) sur cette période, à annuler ou déplacer."));
    }
    Ok(Done {
        notice,
        redirect: format!("/pro/creneaux?conseiller={}", owner.id),
    })
}

fn caseload_line(r: &CaseloadRow, names: &HashMap<i64, String>, today: NaiveDate) -> CaseloadLine {
    let orientation = parse_date(&r.orientation_date).unwrap_or(today);
    let flag = deadline::first_meeting_flag(orientation, r.attended_count > 0, today);
    CaseloadLine {
        id: r.id,
        name: format!("{} {}", r.last_name.to_uppercase(), r.first_name),
        numero: r.numero.clone(),
        counsellor: r
            .counsellor_id
            .and_then(|c| names.get(&c).cloned())
            .unwrap_or_else(|| "Non attribué".into()),
        orientation: format::date(orientation),
        deadline: format::date(deadline::first_meeting_deadline(orientation)),
        flag: match flag {
            DeadlineFlag::Late => "late",
            DeadlineFlag::DueSoon => "due_soon",
            DeadlineFlag::OnTrack => "on_track",
            DeadlineFlag::Met => "met",
        }
        .into(),
        flag_label: flag.label().into(),
        next: r.next_appointment_at.map(format::date_time),
    }
}

pub async fn caseload(
    st: &AppState,
    actor: &Actor,
    counsellor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<CaseloadView, AppError> {
    // A referent sees their own file active by default; a manager the agency's.
    let (agency, _, selected) = selection(st, actor, Action::ViewAllocataire, counsellor).await?;
    let names: HashMap<i64, String> = counsellors(st, agency)
        .await?
        .iter()
        .map(|s| (s.id, staff_name(s)))
        .collect();
    let rows = st
        .store
        .caseload(Some(agency), selected, now.timestamp())
        .await?;
    let today = format::today(now);
    let lines: Vec<CaseloadLine> = rows
        .iter()
        .map(|r| caseload_line(r, &names, today))
        .collect();
    audit(st, actor, "caseload.read", &format!("agency:{agency}"), now).await;
    Ok(CaseloadView {
        late: lines.iter().filter(|l| l.flag == "late").count(),
        due_soon: lines.iter().filter(|l| l.flag == "due_soon").count(),
        counsellors: counsellor_list(st, agency, now).await?,
        selected,
        lines,
    })
}

pub async fn allocataire_file(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<FileView, AppError> {
    let p = st.store.allocataire(id).await?.ok_or(AppError::NotFound)?;
    check(
        actor,
        Action::ViewAllocataire,
        Target::allocataire(AgencyId(p.agency_id), AllocataireId(p.id)),
    )?;
    let names: HashMap<i64, String> = counsellors(st, p.agency_id)
        .await?
        .iter()
        .map(|s| (s.id, staff_name(s)))
        .collect();
    let row = st
        .store
        .caseload(Some(p.agency_id), None, now.timestamp())
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::NotFound)?;
    let who = format!("{} {}", p.first_name, p.last_name);
    let appointments = st
        .store
        .appointments_of(id)
        .await?
        .iter()
        .map(|a| appointment_view(a, name_in(&names, a.counsellor_id), &who, st, now))
        .collect();
    let contact = [p.phone.clone(), p.email.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    audit(
        st,
        actor,
        "allocataire.read",
        &format!("allocataire:{id}"),
        now,
    )
    .await;
    Ok(FileView {
        line: caseload_line(&row, &names, format::today(now)),
        contact,
        appointments,
        choices: choices_for(st, &p, None, true, now).await?,
    })
}

pub async fn messages(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<MessageView>, AppError> {
    let scope = check_action(actor, Action::ViewOutbox)?;
    let agency = match scope {
        Scope::All => None,
        _ => Some(agency_of(st, actor, None).await?),
    };
    audit(st, actor, "outbox.read", &format!("agency:{agency:?}"), now).await;
    Ok(st
        .store
        .messages(agency, 100)
        .await?
        .into_iter()
        .map(|m| MessageView {
            id: m.id,
            when: format::date_time(m.created_at),
            channel: if m.channel == "sms" {
                "SMS".into()
            } else {
                "E-mail".into()
            },
            recipient: if st.settings.demo {
                m.recipient
            } else if m.channel == "sms" {
                format::mask_phone(&m.recipient)
            } else {
                format::mask_email(&m.recipient)
            },
            subject: m.subject,
            body: if m.sensitive != 0 && !st.settings.demo {
                "[message contenant un code, masqué]".into()
            } else {
                m.body
            },
            status: match m.status.as_str() {
                "sent" => "Envoyé",
                "failed" => "Échec",
                _ => "En attente",
            }
            .into(),
        })
        .collect())
}
