//! Reminders, the delivery loop's bookkeeping and « Messages envoyés ». The transports (SMTP, SMS provider)
//! live in the server crate and implement `Transport`.

use super::notify::{self, Change, Recipient};
use super::scope::agency_of;
use super::{audit, AppState};
use crate::domain::appointment;
use crate::domain::authz::{check_action, Action, Scope};
use crate::domain::error::AppError;
use crate::domain::Actor;
use crate::i18n::Lang;
use crate::server::format;
use crate::server::store::{Channel, DeliveryStatus, OutboxRow};
use crate::tr;
use crate::views::MessageView;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[async_trait]
pub trait Transport: Send + Sync {
    /// Delivers one message; an error is retried later.
    async fn deliver(&self, message: &OutboxRow) -> Result<(), String>;
}

/// Writes the reminders that fall due (appointments within `reminder_hours`), once each:
/// the flag and the messages commit together. An appointment confirmed (or moved) less
/// than `REMINDER_QUIET_HOURS` ago waits: its confirmation has just said it all, and a
/// booking made less than that ahead gets no reminder at all.
pub async fn enqueue_reminders(st: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let due = st
        .store
        .due_reminders(
            now.timestamp(),
            now.timestamp() + st.settings.reminder_hours * 3600,
            appointment::reminder_confirmed_before(now.timestamp()),
        )
        .await?;
    let mut written = 0;
    for r in due {
        // A reminder whose counsellor or agency cannot be read waits for the next run.
        let Ok((counsellor, agency)) = notify::counsellor_and_agency(st, &r.appointment).await
        else {
            continue;
        };
        let p = Recipient {
            allocataire_id: r.appointment.allocataire_id,
            agency_id: r.appointment.agency_id,
            first_name: r.first_name.clone(),
            phone: r.phone.clone(),
            email: r.email.clone(),
            lang: Lang::default(),
        };
        let messages = notify::appointment_messages(
            Change::Reminder,
            &r.appointment,
            &p,
            &counsellor,
            &agency,
            &st.settings,
        );
        if st
            .store
            .write_reminder(
                r.appointment.id,
                r.appointment.starts_at,
                now.timestamp(),
                messages,
            )
            .await?
        {
            written += 1;
        }
    }
    if written > 0 {
        st.outbox_signal.notify_one();
    }
    Ok(written)
}

/// Delivers what is due. Returns (sent, failed).
pub async fn deliver_due(
    st: &AppState,
    email: &dyn Transport,
    sms: &dyn Transport,
    now: DateTime<Utc>,
) -> Result<(usize, usize), AppError> {
    let batch = st.store.claim_messages(now.timestamp(), 50).await?;
    let (mut sent, mut failed) = (0, 0);
    for m in batch {
        let transport = match m.channel {
            Channel::Sms => sms,
            Channel::Email => email,
        };
        match transport.deliver(&m).await {
            Ok(()) => {
                st.store
                    .message_sent(m.id, Utc::now().timestamp(), !st.settings.demo)
                    .await?;
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(outbox.id = m.id, outbox.channel = m.channel.as_str(), error = %e, "delivery failed");
                // Back off: 1, 4, 9… minutes; give up after 8 attempts.
                let retry =
                    (m.attempts < 8).then(|| Utc::now().timestamp() + 60 * (m.attempts + 1).pow(2));
                st.store.message_failed(m.id, &e, retry).await?;
                failed += 1;
            }
        }
    }
    Ok((sent, failed))
}

/// « Messages envoyés »: what the outbox holds for the actor's agency (all for the admin).
/// Outside demo mode, recipients are masked and codes never shown.
pub async fn messages(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<MessageView>, AppError> {
    let scope = check_action(actor, Action::ViewOutbox)?;
    // The admin sees every agency's messages until they pick one.
    let agency = match (scope, actor) {
        (Scope::All, Actor::Staff { agency: None, .. }) => None,
        _ => Some(agency_of(st, actor, None).await?),
    };
    audit(
        st,
        actor,
        agency,
        "outbox.read",
        &format!("agency:{}", agency.map(|a| a.0).unwrap_or(0)),
        now,
    )
    .await;
    Ok(st
        .store
        .messages(agency, 100)
        .await?
        .into_iter()
        .map(|m| MessageView {
            id: m.id,
            when: format::date_time(m.created_at),
            channel: match m.channel {
                Channel::Sms => tr!("outbox-channel-sms"),
                Channel::Email => tr!("outbox-channel-email"),
            },
            recipient: match (st.settings.demo, m.channel) {
                (true, _) => m.recipient,
                (false, Channel::Sms) => format::mask_phone(&m.recipient),
                (false, Channel::Email) => format::mask_email(&m.recipient),
            },
            subject: m.subject,
            body: if m.sensitive && !st.settings.demo {
                tr!("outbox-code-masked")
            } else {
                m.body
            },
            status: match m.status {
                DeliveryStatus::Sent => tr!("outbox-status-sent"),
                DeliveryStatus::Failed => tr!("outbox-status-failed"),
                DeliveryStatus::Pending | DeliveryStatus::Sending => tr!("outbox-status-pending"),
            },
        })
        .collect())
}
