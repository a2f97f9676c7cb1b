//! « Aller vers »: the worklist of people who do not come or drop out, the contact
//! attempts logged on their file, and one message to several of them through the outbox
//! (their name filled in, only to those with that channel, each send logged on the file).

use super::notify::Recipient;
use super::scope::selection;
use super::{allocataire_for, audit, change, internal, AppState, Names};
use crate::domain::authz::{check, Action, Target};
use crate::domain::error::AppError;
use crate::domain::inputs::Identifier;
use crate::domain::outreach::{
    self, Contact, ContactChannel, ContactInput, GroupMessageInput, TEMPLATES,
};
use crate::domain::workshop::numeros;
use crate::domain::{Actor, AllocataireId};
use crate::i18n::{t, Arg};
use crate::pages;
use crate::server::format;
use crate::server::store::{Channel, NewContact, NewMessage};
use crate::tr;
use crate::views::{ContactView, Done, OutreachLine, OutreachView};
use chrono::{DateTime, Utc};
use validator::Validate;

fn template_label(key: &str) -> String {
    t(match key {
        "atelier" => "outreach-template-atelier-label",
        _ => "outreach-template-revoir-label",
    })
}

pub async fn worklist(
    st: &AppState,
    actor: &Actor,
    counsellor: Option<i64>,
    weeks: Option<u32>,
    now: DateTime<Utc>,
) -> Result<OutreachView, AppError> {
    let sel = selection(st, actor, Action::ViewAllocataire, counsellor).await?;
    let names: Names = sel.staff.iter().collect();
    let weeks = outreach::weeks(weeks);
    let today = format::today(now);
    let rows = st
        .store
        .outreach_files(sel.agency, sel.selected, now.timestamp())
        .await?;
    let mut lines = Vec::new();
    for r in rows {
        let facts = Contact {
            orientation: r.orientation_date,
            last_held: r.last_held_at.map(format::day_of),
            last_past: r.last_past.map(|(at, status)| {
                (
                    format::day_of(at),
                    status == crate::domain::appointment::AppointmentStatus::Missed,
                )
            }),
            last_reached: r.last_reached_at.map(format::day_of),
            booked_ahead: r.booked_ahead,
        };
        let Some(reason) = outreach::reason(&facts, today, weeks) else {
            continue;
        };
        let channels: Vec<String> = [
            r.phone
                .as_ref()
                .filter(|p| !p.is_empty())
                .map(|_| t("outreach-has-sms")),
            r.email
                .as_ref()
                .filter(|e| !e.is_empty())
                .map(|_| t("outreach-has-email")),
        ]
        .into_iter()
        .flatten()
        .collect();
        lines.push(OutreachLine {
            id: r.id.0,
            name: format!("{} {}", r.last_name.to_uppercase(), r.first_name),
            numero: r.numero.clone(),
            counsellor: r
                .counsellor_id
                .and_then(|c| names.get(c))
                .map_or_else(|| t("caseload-unassigned"), str::to_string),
            reason: reason.as_str().into(),
            reason_label: t(reason.label_key()),
            last: match (r.last_held_at, r.last_attempt_at) {
                (_, Some(at)) => tr!(
                    "outreach-last-attempt",
                    when = format::short_date(format::day_of(at))
                ),
                (Some(at), None) => tr!(
                    "outreach-last-held",
                    when = format::short_date(format::day_of(at))
                ),
                (None, None) => t("outreach-never"),
            },
            channels: if channels.is_empty() {
                t("outreach-no-channel")
            } else {
                channels.join(" · ")
            },
        });
    }
    audit(
        st,
        actor,
        Some(sel.agency),
        "outreach.read",
        &format!("agency:{}", sel.agency),
        now,
    )
    .await;
    Ok(OutreachView {
        numeros: lines
            .iter()
            .map(|l| l.numero.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        lines,
        weeks,
        counsellors: sel.staff.iter().map(|s| (s.id.0, s.full_name())).collect(),
        selected: sel.selected.map(|s| s.0),
        templates: TEMPLATES
            .iter()
            .map(|k| (k.to_string(), template_label(k)))
            .collect(),
    })
}

/// A file's contact attempts, for its parcours page.
pub async fn contacts(
    st: &AppState,
    p: &crate::server::store::AllocataireRow,
    names: &Names,
) -> Result<Vec<ContactView>, AppError> {
    Ok(st
        .store
        .contacts_of(p.id)
        .await?
        .into_iter()
        .map(|c| ContactView {
            when: format::date_time(c.created_at),
            channel_label: t(c.channel.label_key()),
            reached: c.reached,
            note: c.note,
            by: c
                .created_by
                .map(|s| names.of(s).to_string())
                .unwrap_or_default(),
        })
        .collect())
}

/// Logs one attempt to reach a person (a person reached leaves the worklist).
pub async fn log_contact(
    st: &AppState,
    actor: &Actor,
    allocataire_id: i64,
    input: ContactInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = allocataire_for(
        st,
        actor,
        AllocataireId(allocataire_id),
        Action::ManagePathway,
    )
    .await?;
    input.validate()?;
    let channel = ContactChannel::parse(&input.channel)
        .ok_or_else(|| internal("a validated contact channel did not parse"))?;
    let contact = NewContact {
        allocataire_id: p.id,
        channel,
        reached: crate::domain::contract::is_ticked(&input.reached),
        note: input.note.trim().into(),
        created_by: actor.staff_id(),
    };
    let entry = change(
        actor,
        p.agency_id,
        "outreach.contact",
        format!("allocataire:{}", p.id),
    );
    st.store
        .add_contact(&contact, &entry, now.timestamp())
        .await?;
    Ok(Done {
        notice: t("outreach-contact-logged"),
        redirect: format!("{}#contacts", pages::pathway(allocataire_id)),
    })
}

/// One message to the people named (numéros of the reader's agency): their name filled
/// in, sent only to those with the channel chosen, each send logged on their file.
pub async fn send_group(
    st: &AppState,
    actor: &Actor,
    input: GroupMessageInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let sel = selection(st, actor, Action::ManagePathway, None).await?;
    input.validate()?;
    let sms = input.message_channel == ContactChannel::Sms.as_str();
    let agency = st
        .store
        .agency(sel.agency)
        .await?
        .ok_or_else(|| internal("the reader's agency is missing"))?;
    let link = format!(
        "{}{}",
        st.settings.public_url,
        if input.template == "atelier" {
            pages::MY_WORKSHOPS
        } else {
            pages::BOOK
        }
    );
    let (mut sends, mut unknown, mut without) = (Vec::new(), Vec::new(), Vec::new());
    for n in numeros(&input.numeros).unwrap_or_default() {
        let file = st.store.find_allocataire(&Identifier::Numero(&n)).await?;
        let Some(p) = file.filter(|p| {
            check(
                actor,
                Action::ManagePathway,
                Target::allocataire(p.agency_id, p.id),
            )
            .is_ok()
                && p.agency_id == sel.agency
        }) else {
            unknown.push(n);
            continue;
        };
        let to = Recipient::from(&p);
        let address = if sms {
            to.phone.clone()
        } else {
            to.email.clone()
        };
        let Some(address) = address.filter(|a| !a.is_empty()) else {
            without.push(n);
            continue;
        };
        let key = if input.template == "atelier" {
            "outreach-template-atelier"
        } else {
            "outreach-template-revoir"
        };
        let text = crate::i18n::text(
            to.lang,
            key,
            &[
                ("name", Arg::from(&to.first_name)),
                ("link", Arg::from(&link)),
                ("phone", Arg::from(&agency.phone)),
            ],
        );
        let message = NewMessage {
            agency_id: Some(p.agency_id),
            allocataire_id: Some(p.id),
            channel: if sms { Channel::Sms } else { Channel::Email },
            recipient: address,
            subject: crate::i18n::text(to.lang, "outreach-template-subject", &[]),
            body: if sms {
                crate::domain::sms::to_gsm7(&text)
            } else {
                text
            },
            ics: None,
            sensitive: false,
            dedupe_key: None,
        };
        sends.push((
            NewContact {
                allocataire_id: p.id,
                channel: if sms {
                    ContactChannel::Sms
                } else {
                    ContactChannel::Email
                },
                reached: false,
                note: tr!(
                    "outreach-group-note",
                    template = template_label(&input.template)
                ),
                created_by: actor.staff_id(),
            },
            vec![message],
        ));
    }
    if !sends.is_empty() {
        let entry = change(
            actor,
            sel.agency,
            "outreach.group_message",
            format!("{} people, {}", sends.len(), input.template),
        );
        st.store.send_group(&sends, &entry, now.timestamp()).await?;
        st.outbox_signal.notify_one();
    }
    let mut notice = tr!("outreach-group-sent", n = sends.len());
    if !without.is_empty() {
        notice.push(' ');
        notice.push_str(&if sms {
            tr!("outreach-group-without-phone", numeros = without.join(", "))
        } else {
            tr!("outreach-group-without-email", numeros = without.join(", "))
        });
    }
    if !unknown.is_empty() {
        notice.push(' ');
        notice.push_str(&tr!("outreach-group-unknown", numeros = unknown.join(", ")));
    }
    Ok(Done {
        notice,
        redirect: pages::OUTREACH.into(),
    })
}
