//! Presenters: domain rows into the views pages, server functions and (later) the REST
//! API share. Dates are formatted here, once, in Europe/Paris and in French.

use crate::domain::agency::BookingRules;
use crate::domain::appointment;
use crate::i18n::t;
use crate::server::format;
use crate::server::store::{AppointmentRow, SlotRow};
use crate::tr;
use crate::views::{AppointmentView, DayGroup, SlotView};
use chrono::{DateTime, Utc};

/// An appointment as a page shows it. `rules`: the agency's booking rules when the
/// allocataire reads it (whether and until when they may change it online); staff pages
/// pass None.
pub fn appointment_view(
    a: &AppointmentRow,
    counsellor: &str,
    allocataire: &str,
    rules: Option<&BookingRules>,
    now: DateTime<Utc>,
) -> AppointmentView {
    let cutoff = rules.map(|r| r.change_cutoff_hours);
    AppointmentView {
        id: a.id.0,
        when: format::date_time(a.starts_at),
        time: format!(
            "{} – {}",
            format::time(a.starts_at),
            format::time(a.ends_at)
        ),
        duration_minutes: (a.ends_at - a.starts_at) / 60,
        modality: a.modality.as_str().into(),
        modality_label: t(a.modality.label_key()),
        location: a.location.clone(),
        counsellor: counsellor.into(),
        status: a.status.as_str().into(),
        status_label: t(a.status.label_key()),
        can_change: cutoff.is_some_and(|c| {
            appointment::can_change(a.status, format::ts(a.starts_at), now, c).is_ok()
        }),
        change_limit: cutoff
            .map(|c| format::date_time(a.starts_at - c * 3600))
            .unwrap_or_default(),
        allocataire: allocataire.into(),
        allocataire_id: a.allocataire_id.0,
        started: a.starts_at <= now.timestamp(),
        notes: Vec::new(),
        next_step: matches!(
            a.status,
            appointment::AppointmentStatus::Missed | appointment::AppointmentStatus::Excused
        ),
        relance_sent: a.relance_sent_at.map(format::date_time),
    }
}

/// What staff read under an appointment and the person does not: why it was moved, the
/// note on its outcome.
pub fn staff_notes(a: &AppointmentRow) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(reason) = a.move_reason.as_deref().filter(|r| !r.is_empty()) {
        notes.push(tr!("rdv-note-move-reason", reason = reason));
    }
    if let Some(reason) = a.cancel_reason.as_deref().filter(|r| !r.is_empty()) {
        notes.push(tr!("rdv-note-cancel-reason", reason = reason));
    }
    if let Some(note) = a.outcome_note.as_deref().filter(|n| !n.is_empty()) {
        notes.push(tr!("rdv-note-outcome", note = note));
    }
    notes
}

pub fn slot_view(s: &SlotRow, counsellor: &str, window_end: Option<i64>) -> SlotView {
    SlotView {
        id: s.id.0,
        time: format::time(s.starts_at),
        end_time: format::time(s.ends_at),
        counsellor: counsellor.into(),
        modalities: s
            .modalities
            .iter()
            .map(|m| (m.as_str().into(), t(m.label_key())))
            .collect(),
        location: s.location.clone(),
        booked: s.booked,
        in_window: window_end.is_none_or(|end| s.starts_at < end),
        overlap: false,
    }
}

/// Groups slot views by their day (slots sorted by time; `starts` gives each one's start).
pub fn group_by_day(slots: Vec<SlotView>, starts: &[i64]) -> Vec<DayGroup> {
    let mut out: Vec<DayGroup> = Vec::new();
    for (slot, starts) in slots.into_iter().zip(starts) {
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

#[cfg(test)]
mod tests {
    use crate::domain::appointment::{AppointmentStatus, Modality};
    use crate::domain::deadline::DeadlineFlag;
    use crate::i18n::{text, Lang};

    #[test]
    fn every_label_key_is_in_the_french_catalogue() {
        let keys: Vec<&str> = Modality::ALL
            .iter()
            .map(|m| m.label_key())
            .chain(AppointmentStatus::ALL.iter().map(|s| s.label_key()))
            .chain(DeadlineFlag::ALL.iter().map(|f| f.label_key()))
            .collect();
        for key in keys {
            assert_ne!(
                text(Lang::Fr, key, &[]),
                key,
                "{key} is missing from the French catalogue"
            );
        }
    }
}
