//! The workshop jobs, run with the reminders: expired offers, and the « rappel ».

use super::*;
/// The job: offers past their time expire; the next people waiting are offered the seat.
pub async fn expire_offers(st: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    let n = st
        .store
        .expire_offers(window(st), &notices, now.timestamp())
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "workshop offers: expiry failed");
            internal("workshop offers expiry")
        })?;
    if n > 0 {
        st.outbox_signal.notify_one();
    }
    Ok(n)
}

/// The job: the « rappel » of a workshop, `reminder_hours` before it (48 by default),
/// once per place, and not right after registering (as for rendez-vous).
pub async fn remind(st: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let notices = |w: &WorkshopRow, p: &PlaceChange| place_messages(st, w, p);
    let ts = now.timestamp();
    let n = st
        .store
        .remind_workshops(
            ts,
            ts + st.settings.reminder_hours * 3600,
            crate::domain::appointment::reminder_confirmed_before(ts),
            &notices,
            ts,
        )
        .await?;
    if n > 0 {
        st.outbox_signal.notify_one();
    }
    Ok(n)
}
