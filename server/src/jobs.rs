//! Background jobs: the outbox worker and the scheduler (reminders, expired workshop
//! offers). Both stop on shutdown.

use app::server::services::outbox::Transport;
use app::server::services::{outbox, AppState};
use chrono::Utc;
use std::time::Duration;
use tokio::sync::watch;

pub fn spawn_outbox_worker(
    st: AppState,
    email: Box<dyn Transport>,
    sms: Box<dyn Transport>,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            loop {
                match outbox::deliver_due(&st, email.as_ref(), sms.as_ref(), Utc::now()).await {
                    Ok((0, _)) | Err(_) => break,
                    Ok(_) => continue,
                }
            }
            tokio::select! {
                _ = st.outbox_signal.notified() => {}
                _ = tokio::time::sleep(interval) => {}
                _ = stop.changed() => break,
            }
        }
    })
}

pub fn spawn_reminders(
    st: AppState,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(e) = outbox::enqueue_reminders(&st, Utc::now()).await {
                tracing::warn!(error = %e, "reminder run failed");
            }
            if let Err(e) = app::server::services::workshops::remind(&st, Utc::now()).await {
                tracing::warn!(error = %e, "workshop reminder run failed");
            }
            // Satisfaction: ask about what was honoré or attended, and the one reminder.
            if let Err(e) =
                app::server::services::voice::satisfaction::ask_due(&st, Utc::now()).await
            {
                tracing::warn!(error = %e, "satisfaction questions failed");
            }
            if let Err(e) =
                app::server::services::voice::satisfaction::remind(&st, Utc::now()).await
            {
                tracing::warn!(error = %e, "satisfaction reminders failed");
            }
            // Workshop seats offered and not taken in time go to the next person waiting.
            if let Err(e) = app::server::services::workshops::expire_offers(&st, Utc::now()).await {
                tracing::warn!(error = %e, "workshop offer expiry failed");
            }
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = stop.changed() => break,
            }
        }
    })
}
