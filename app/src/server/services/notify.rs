//! What we tell people, and through which channel. Messages are written to the outbox in
//! the same transaction as the change; the server's worker delivers them.

use super::{internal, AppState};
use crate::domain::appointment::Modality;
use crate::domain::error::AppError;
use crate::domain::sms;
use crate::domain::{AgencyId, AllocataireId};
use crate::i18n::{Arg, Lang};
use crate::server::format;
use crate::server::store::{
    AgencyRow, AllocataireRow, AppointmentRow, Channel, NewMessage, StaffRow,
};
use crate::server::Settings;
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus};

/// The catalogue key of every calendar entry's title: never the reason of the meeting.
pub const ICS_TITLE_KEY: &str = "notify-ics-title";

/// A message's text in its recipient's language (not the language of the request that
/// caused it: a staff member's action writes to the allocataire).
fn say(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
    crate::i18n::text(lang, key, args)
}

/// Who a message is for: what every template needs of the person, and nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub allocataire_id: AllocataireId,
    pub agency_id: AgencyId,
    pub first_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The language their messages are written in (French until a file records one).
    pub lang: Lang,
}

impl From<&AllocataireRow> for Recipient {
    fn from(p: &AllocataireRow) -> Self {
        Self {
            allocataire_id: p.id,
            agency_id: p.agency_id,
            first_name: p.first_name.clone(),
            phone: p.phone.clone(),
            email: p.email.clone(),
            lang: Lang::default(),
        }
    }
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
        .ok_or_else(|| internal("appointment's counsellor missing"))?;
    let agency = st
        .store
        .agency(a.agency_id)
        .await?
        .ok_or_else(|| internal("appointment's agency missing"))?;
    Ok((counsellor, agency))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Booked,
    Moved,
    Cancelled,
    Reminder,
    /// The person missed it: what to do next (« relance » sent by staff).
    Missed,
}

pub fn code_message(
    p: &Recipient,
    via_email: bool,
    code: &str,
    ttl_minutes: i64,
) -> Option<NewMessage> {
    let text = say(
        p.lang,
        "notify-code-body",
        &[
            ("code", Arg::from(code)),
            ("minutes", Arg::from(ttl_minutes)),
        ],
    );
    let (channel, recipient) = channel_for(p, via_email)?;
    Some(NewMessage {
        agency_id: Some(p.agency_id),
        allocataire_id: Some(p.allocataire_id),
        channel,
        recipient,
        subject: say(p.lang, "notify-code-subject", &[]),
        body: if channel == Channel::Sms {
            sms::to_gsm7(&text)
        } else {
            text
        },
        ics: None,
        sensitive: true,
        dedupe_key: None,
    })
}

/// A short notice to a person on every channel they have: the SMS says `key`'s text, the
/// e-mail adds the greeting and the signature; the subject is `key-subject`. For news
/// that needs no calendar file (a contract to read, a change of parcours).
pub fn notice_messages(p: &Recipient, key: &str, args: &[(&'static str, Arg)]) -> Vec<NewMessage> {
    let text = say(p.lang, key, args);
    let subject = say(p.lang, &format!("{key}-subject"), &[]);
    let message = |channel: Channel, recipient: String, body: String| NewMessage {
        agency_id: Some(p.agency_id),
        allocataire_id: Some(p.allocataire_id),
        channel,
        recipient,
        subject: subject.clone(),
        body,
        ics: None,
        sensitive: false,
        dedupe_key: None,
    };
    let mut out = Vec::new();
    if let Some(phone) = p.phone.clone().filter(|s| !s.is_empty()) {
        out.push(message(Channel::Sms, phone, sms::to_gsm7(&text)));
    }
    if let Some(email) = p.email.clone().filter(|s| !s.is_empty()) {
        let body = [
            say(
                p.lang,
                "notify-email-greeting",
                &[("name", Arg::from(&p.first_name))],
            ),
            String::new(),
            text.clone(),
            String::new(),
            say(p.lang, "notify-email-signature", &[]),
        ]
        .join("\n");
        out.push(message(Channel::Email, email, body));
    }
    out
}

/// E-mail when asked for (and on file), otherwise SMS, otherwise e-mail.
fn channel_for(p: &Recipient, prefer_email: bool) -> Option<(Channel, String)> {
    let email = p.email.clone().filter(|e| !e.is_empty());
    let phone = p.phone.clone().filter(|e| !e.is_empty());
    match (prefer_email, email, phone) {
        (true, Some(e), _) => Some((Channel::Email, e)),
        (_, _, Some(ph)) => Some((Channel::Sms, ph)),
        (_, Some(e), None) => Some((Channel::Email, e)),
        _ => None,
    }
}

pub fn appointment_messages(
    change: Change,
    a: &AppointmentRow,
    p: &Recipient,
    counsellor: &StaffRow,
    agency: &AgencyRow,
    settings: &Settings,
) -> Vec<NewMessage> {
    let lang = p.lang;
    let when = format::date_time_in(lang, a.starts_at);
    let who = counsellor.full_name();
    let how = match a.modality {
        Modality::SurPlace => say(
            lang,
            "notify-how-on-site",
            &[("location", Arg::from(&a.location))],
        ),
        Modality::Telephone => say(lang, "notify-how-telephone", &[]),
        Modality::Visio => say(lang, "notify-how-visio", &[]),
    };
    let link = format!("{}/espace", settings.public_url);
    let (subject, sms, intro) = match change {
        Change::Booked => (
            "notify-booked-subject",
            "notify-booked-sms",
            "notify-booked-intro",
        ),
        Change::Moved => (
            "notify-moved-subject",
            "notify-moved-sms",
            "notify-moved-intro",
        ),
        Change::Cancelled => (
            "notify-cancelled-subject",
            "notify-cancelled-sms",
            "notify-cancelled-intro",
        ),
        Change::Reminder => (
            "notify-reminder-subject",
            "notify-reminder-sms",
            "notify-reminder-intro",
        ),
        Change::Missed => (
            "notify-missed-subject",
            "notify-missed-sms",
            "notify-missed-intro",
        ),
    };
    let subject = say(lang, subject, &[]);
    let sms = say(
        lang,
        sms,
        &[
            ("when", Arg::from(&when)),
            ("who", Arg::from(&who)),
            ("how", Arg::from(&how)),
            ("link", Arg::from(&link)),
            ("phone", Arg::from(&agency.phone)),
        ],
    );
    let intro = say(lang, intro, &[]);
    // Reminders and relances go once, whatever retries or restarts happen.
    let dedupe = |channel: &str| match change {
        Change::Reminder => Some(format!("reminder:{}:{}:{channel}", a.id, a.starts_at)),
        Change::Missed => Some(format!("relance:{}:{channel}", a.id)),
        _ => None,
    };
    let mut out = Vec::new();
    if let Some(phone) = p.phone.clone().filter(|s| !s.is_empty()) {
        out.push(NewMessage {
            agency_id: Some(a.agency_id),
            allocataire_id: Some(p.allocataire_id),
            channel: Channel::Sms,
            recipient: phone,
            subject: subject.clone(),
            // In the GSM-7 alphabet: 160 characters a segment instead of 70.
            body: sms::to_gsm7(&sms),
            ics: None,
            sensitive: false,
            dedupe_key: dedupe("sms"),
        });
    }
    if let Some(email) = p.email.clone().filter(|s| !s.is_empty()) {
        // One catalogue message per line (the catalogue holds no multi-line texts).
        let line = |key: &str, name: &'static str, value: &String| {
            say(lang, key, &[(name, Arg::from(value))])
        };
        let body = [
            line("notify-email-greeting", "name", &p.first_name),
            String::new(),
            intro.clone(),
            String::new(),
            line("notify-email-when", "when", &when),
            line("notify-email-who", "who", &who),
            line("notify-email-how", "how", &how),
            String::new(),
            line("notify-email-agency", "agency", &agency.name),
            agency.address.clone(),
            line("notify-email-phone", "phone", &agency.phone),
            String::new(),
            if change == Change::Missed {
                line("notify-email-rebook", "link", &link)
            } else {
                line("notify-email-change", "link", &link)
            },
            String::new(),
            say(lang, "notify-email-signature", &[]),
        ]
        .join("\n");
        out.push(NewMessage {
            agency_id: Some(a.agency_id),
            allocataire_id: Some(p.allocataire_id),
            channel: Channel::Email,
            recipient: email,
            subject,
            body,
            // A missed rendez-vous has nothing left to put in a calendar.
            ics: (change != Change::Missed)
                .then(|| ics(a, &who, agency, change == Change::Cancelled, lang)),
            sensitive: false,
            dedupe_key: dedupe("email"),
        });
    }
    out
}

/// An iCalendar file for the appointment: stable UID, Europe/Paris, generic title, in
/// `lang` (the recipient's, or the request's for a download).
pub fn ics(
    a: &AppointmentRow,
    counsellor: &str,
    agency: &AgencyRow,
    cancelled: bool,
    lang: Lang,
) -> String {
    calendar_file(&CalendarEntry {
        uid: &a.uid,
        sequence: a.sequence,
        summary: say(lang, ICS_TITLE_KEY, &[]),
        description: say(
            lang,
            "notify-ics-description",
            &[
                ("counsellor", Arg::from(counsellor)),
                ("agency", Arg::from(&agency.name)),
                ("phone", Arg::from(&agency.phone)),
            ],
        ),
        location: if a.modality == Modality::SurPlace {
            a.location.clone()
        } else {
            say(lang, "notify-ics-remote", &[])
        },
        starts_at: a.starts_at,
        ends_at: a.ends_at,
        cancelled,
    })
}

/// One event of a calendar file (a rendez-vous, a workshop session).
pub struct CalendarEntry<'a> {
    /// Stable across updates, so that calendars replace the event (and cancel it).
    pub uid: &'a str,
    pub sequence: i64,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub cancelled: bool,
}

/// The iCalendar text of one event: METHOD PUBLISH, or CANCEL for a cancelled one.
pub fn calendar_file(e: &CalendarEntry) -> String {
    // Times in UTC (« 20261201T090000Z »): RFC 5545 allows a TZID only with its
    // VTIMEZONE block, which the icalendar crate does not write; every calendar shows UTC
    // times in the reader's own zone. X-WR-TIMEZONE still names Paris for display.
    let utc = |secs: i64| CalendarDateTime::Utc(format::ts(secs));
    let mut event = Event::new();
    event
        .uid(e.uid)
        .sequence(u32::try_from(e.sequence).unwrap_or(0))
        .summary(&e.summary)
        .description(&e.description)
        .location(&e.location)
        .starts(utc(e.starts_at))
        .ends(utc(e.ends_at));
    if e.cancelled {
        event.status(EventStatus::Cancelled);
    } else {
        event.status(EventStatus::Confirmed);
    }
    let mut cal = Calendar::new();
    cal.append_property(("METHOD", if e.cancelled { "CANCEL" } else { "PUBLISH" }));
    cal.timezone("Europe/Paris");
    cal.push(event.done());
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::appointment::{AppointmentReason, AppointmentStatus};
    use crate::domain::{AppointmentId, SlotId, StaffId, StaffRole};

    fn fixtures() -> (AppointmentRow, Recipient, StaffRow, AgencyRow) {
        let a = AppointmentRow {
            id: AppointmentId(1),
            uid: "rdv-abc@portail-ali".into(),
            slot_id: SlotId(1),
            allocataire_id: AllocataireId(1),
            counsellor_id: StaffId(1),
            agency_id: AgencyId(1),
            starts_at: 1_795_000_000,
            ends_at: 1_795_001_800,
            modality: Modality::SurPlace,
            location: "12 rue de Paris, Bobigny".into(),
            reason: AppointmentReason::FirstMeeting,
            status: AppointmentStatus::Booked,
            cancel_reason: None,
            sequence: 0,
            move_reason: None,
            outcome_note: None,
            relance_sent_at: None,
        };
        let p = Recipient {
            allocataire_id: AllocataireId(1),
            agency_id: AgencyId(1),
            first_name: "Camille".into(),
            phone: Some("0612345678".into()),
            email: Some("camille@exemple.fr".into()),
            lang: Lang::Fr,
        };
        let s = StaffRow {
            id: StaffId(1),
            agency_id: Some(AgencyId(1)),
            role: StaffRole::Referent,
            first_name: "Nadia".into(),
            last_name: "Benali".into(),
            title: "Conseillère".into(),
            email: "n@ali.fr".into(),
            phone: "0148000000".into(),
            password_hash: String::new(),
            disabled: false,
            session_epoch: 0,
            last_sign_in_at: None,
        };
        let ag = AgencyRow {
            id: AgencyId(1),
            name: "ALI Bobigny".into(),
            address: "12 rue de Paris, Bobigny".into(),
            phone: "01 48 00 00 00".into(),
            email: "contact@ali.fr".into(),
            opening_hours: "9 h – 17 h".into(),
            agency_booking: false,
            rules: crate::domain::agency::BookingRules::default(),
        };
        (a, p, s, ag)
    }

    #[test]
    fn a_booking_is_announced_by_sms_and_by_email_with_a_calendar_file() {
        let (a, p, s, ag) = fixtures();
        let msgs = appointment_messages(Change::Booked, &a, &p, &s, &ag, &Settings::default());
        assert_eq!(
            msgs.iter().map(|m| m.channel).collect::<Vec<_>>(),
            vec![Channel::Sms, Channel::Email]
        );
        let ics = msgs[1].ics.clone().unwrap_or_default();
        assert!(ics.contains("UID:rdv-abc@portail-ali"));
        // 1_795_000_000 = 2026-11-18 11:06:40 UTC: written in UTC, no TZID without VTIMEZONE.
        assert!(ics.contains("DTSTART:20261118T110640Z"), "{ics}");
        assert!(!ics.contains("TZID="), "{ics}");
        assert!(ics.contains("SUMMARY:Rendez-vous ALI"));
        assert!(
            !ics.contains("premier_accueil"),
            "the reason never appears in a calendar"
        );
    }

    #[test]
    fn every_sms_is_in_gsm7_and_fits_two_segments_with_long_names() {
        let (mut a, mut p, mut s, ag) = fixtures();
        s.first_name = "Marie-Noëlle".into();
        s.last_name = "Benali-Delacroix-Saint-Jérôme".into();
        p.first_name = "Anaïs".into();
        a.location =
            "Maison de l'emploi, 12 avenue Jean-Baptiste Clément, 93430 Villetaneuse".into();
        let settings = Settings {
            public_url: "https://portail-ali.seine-saint-denis.fr".into(),
            ..Settings::default()
        };
        let mut counted = 0;
        for change in [
            Change::Booked,
            Change::Moved,
            Change::Cancelled,
            Change::Reminder,
            Change::Missed,
        ] {
            for modality in Modality::ALL {
                a.modality = modality;
                for m in appointment_messages(change, &a, &p, &s, &ag, &settings)
                    .into_iter()
                    .filter(|m| m.channel == Channel::Sms)
                {
                    assert!(sms::is_gsm7(&m.body), "{change:?}: {}", m.body);
                    let n = sms::segments(&m.body);
                    assert!(
                        (1..=2).contains(&n),
                        "{change:?} {modality:?}: {n} segments: {}",
                        m.body
                    );
                    counted += 1;
                }
            }
        }
        assert_eq!(counted, 15);
        let code = code_message(&p, false, "123456", 10).expect("a code by SMS");
        assert_eq!(code.channel, Channel::Sms);
        assert!(sms::is_gsm7(&code.body), "{}", code.body);
        assert_eq!(sms::segments(&code.body), 1, "{}", code.body);
    }

    #[test]
    fn a_cancellation_sends_a_cancel_calendar_file_with_the_same_uid() {
        let (a, p, s, ag) = fixtures();
        let msgs = appointment_messages(Change::Cancelled, &a, &p, &s, &ag, &Settings::default());
        let ics = msgs[1].ics.clone().unwrap_or_default();
        assert!(
            ics.contains("METHOD:CANCEL")
                && ics.contains("STATUS:CANCELLED")
                && ics.contains("UID:rdv-abc@portail-ali")
        );
    }

    #[test]
    fn every_email_greets_the_person_by_their_first_name() {
        let (a, p, s, ag) = fixtures();
        for change in [
            Change::Booked,
            Change::Moved,
            Change::Cancelled,
            Change::Reminder,
        ] {
            let msgs = appointment_messages(change, &a, &p, &s, &ag, &Settings::default());
            let email = msgs.iter().find(|m| m.channel == Channel::Email);
            assert!(
                email.is_some_and(|m| m.body.starts_with("Bonjour Camille,")),
                "{change:?}: {:?}",
                email.map(|m| &m.body)
            );
        }
    }

    #[test]
    fn the_email_is_written_line_by_line_with_its_values_filled_in() {
        let (a, p, s, ag) = fixtures();
        let msgs = appointment_messages(Change::Booked, &a, &p, &s, &ag, &Settings::default());
        assert!(
            msgs[0].body.starts_with("ALI : RDV confirmé le "),
            "{}",
            msgs[0].body
        );
        assert!(msgs[0]
            .body
            .contains(" avec Nadia Benali, à l'agence, 12 rue de Paris, Bobigny."));
        let email = &msgs[1].body;
        assert!(email.contains("Bonjour Camille,\n\nVotre rendez-vous est confirmé.\n\nQuand : "));
        assert!(email
            .contains("\nAvec : Nadia Benali\nComment : à l'agence, 12 rue de Paris, Bobigny\n"));
        assert!(email.contains(
            "\n\nAgence : ALI Bobigny\n12 rue de Paris, Bobigny\nTéléphone : 01 48 00 00 00\n"
        ));
        assert!(email.ends_with("\n\nL'équipe de l'agence locale d'insertion (ALI)"));
        assert_eq!(msgs[1].subject, "Votre rendez-vous est confirmé");
    }

    #[test]
    fn reminders_carry_a_key_that_makes_them_unique_per_appointment_time() {
        let (a, p, s, ag) = fixtures();
        let msgs = appointment_messages(Change::Reminder, &a, &p, &s, &ag, &Settings::default());
        assert!(msgs.iter().all(|m| m
            .dedupe_key
            .as_deref()
            .is_some_and(|k| k.starts_with("reminder:1:"))));
    }

    #[test]
    fn a_code_goes_to_the_channel_on_file() {
        let (_, mut p, _, _) = fixtures();
        assert_eq!(
            code_message(&p, true, "123456", 10).map(|m| m.channel),
            Some(Channel::Email)
        );
        assert_eq!(
            code_message(&p, false, "123456", 10).map(|m| m.channel),
            Some(Channel::Sms)
        );
        p.phone = None;
        assert_eq!(
            code_message(&p, false, "123456", 10).map(|m| m.recipient),
            Some("camille@exemple.fr".into())
        );
    }
}
