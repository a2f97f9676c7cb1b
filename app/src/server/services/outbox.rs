//! Reminders and the delivery loop's bookkeeping. The transports (SMTP, SMS provider)
//! live in the server crate and implement `Transport`.

use super::notify::{self, Change};
use super::AppState;
use crate::domain::error::AppError;
use crate::server::store::{AllocataireRow, OutboxRow};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[async_trait]
pub trait Transport: Send + Sync {
    /// Delivers one message; an error is retried later.
    async fn deliver(&self, message: &OutboxRow) -> Result<(), String>;
}

/// Writes the reminders that fall due (appointments within `reminder_hours`), once each:
/// the flag and the messages commit together.
pub async fn enqueue_reminders(st: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let due = st
        .store
        .due_reminders(
            now.timestamp(),
            now.timestamp() + st.settings.reminder_hours * 3600,
        )
        .await?;
    let mut written = 0;
    for r in due {
        // A reminder whose counsellor or agency cannot be read waits for the next run.
        let Ok((counsellor, agency)) =
            super::appointments::counsellor_and_agency(st, &r.appointment).await
        else {
            continue;
        };
        let p = AllocataireRow {
            id: r.appointment.allocataire_id,
            agency_id: r.appointment.agency_id,
            counsellor_id: None,
            numero: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            phone: r.phone.clone(),
            email: r.email.clone(),
            orientation_date: String::new(),
            disabled: 0,
            session_epoch: 0,
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
        let transport = if m.channel == "sms" { sms } else { email };
        match transport.deliver(&m).await {
            Ok(()) => {
                st.store
                    .message_sent(m.id, Utc::now().timestamp(), !st.settings.demo)
                    .await?;
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(outbox.id = m.id, outbox.channel = %m.channel, error = %e, "delivery failed");
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
