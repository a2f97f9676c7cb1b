//! The store story: one scenario, run on SQLite and on PostgreSQL (a fresh database each),
//! through the real services. It checks the guarantees the portal makes about bookings,
//! sign-in codes, invitations, reminders and the outbox.
#![cfg(feature = "ssr")]

use app::domain::appointment::{AppointmentReason, BookedBy, Modality};
use app::domain::error::AppError;
use app::domain::inputs::{BookInput, ReasonInput};
use app::domain::{Actor, AgencyId, AllocataireId, SlotId, StaffId};
use app::server::services::{appointments, auth::Limits, outbox, AppState};
use app::server::store::{CodeCheck, Conflict, NewAppointment, SqlStore, StoreError};
use app::server::testing::{fixture, fresh_postgres, fresh_sqlite};
use app::server::Settings;
use chrono::{Duration, Utc};
use std::sync::Arc;

const RACERS: usize = 200;

fn book_input(slot: i64, key: &str) -> BookInput {
    BookInput {
        slot_id: slot.to_string(),
        modality: "sur_place".into(),
        idempotency_key: key.into(),
    }
}

async fn count(store: &SqlStore, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .fetch_one(store.pool())
        .await
        .expect("count query");
    n
}

async fn story(url: String) {
    let store = SqlStore::connect(&url, 16)
        .await
        .expect("connect and migrate");
    let sql = store.clone();
    let st = AppState::new(
        Arc::new(store),
        Settings {
            secret: "test".into(),
            ..Settings::default()
        },
        Limits::new(10_000, 10_000),
    );
    let now = Utc::now();
    let f = fixture(st.store.as_ref(), RACERS, now).await;
    let actor = |id: i64| Actor::Allocataire {
        id: AllocataireId(id),
        agency: AgencyId(f.agency1),
    };

    // 1. RACERS people race for one slot: exactly one wins, the others read "pris".
    let slot = f.slots1[0];
    let mut tasks = Vec::new();
    for (i, person) in f.people1.iter().copied().enumerate() {
        let st = st.clone();
        let a = actor(person);
        tasks.push(tokio::spawn(async move {
            appointments::book(
                &st,
                &a,
                book_input(slot, &format!("race-key-{i:04}")),
                Utc::now(),
            )
            .await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => won += 1,
            Err(AppError::Conflict(m)) => assert!(
                m.contains("vient d'être pris"),
                "unexpected conflict message: {m}"
            ),
            Err(e) => panic!("a racer failed with {e:?}"),
        }
    }
    assert_eq!(won, 1, "exactly one booking wins the race");
    assert_eq!(
        count(
            &sql,
            &format!(
                "SELECT COUNT(*) FROM appointments WHERE slot_id = {slot} AND status = 'booked'"
            )
        )
        .await,
        1
    );
    let winner: (i64, i64) = sqlx::query_as(&format!(
        "SELECT id, allocataire_id FROM appointments WHERE slot_id = {slot}"
    ))
    .fetch_one(sql.pool())
    .await
    .expect("winner");

    // 2. A retry with the same idempotency key creates nothing new.
    let winner_index = f
        .people1
        .iter()
        .position(|p| *p == winner.1)
        .expect("winner is a fixture person");
    let retry = appointments::book(
        &st,
        &actor(winner.1),
        book_input(slot, &format!("race-key-{winner_index:04}")),
        Utc::now(),
    )
    .await
    .expect("replay answers ok");
    assert_eq!(retry.redirect, format!("/rdv/{}", winner.0));
    assert_eq!(count(&sql, "SELECT COUNT(*) FROM appointments").await, 1);
    // One outbox row per channel on file for the booking, written with it.
    assert!(
        count(
            &sql,
            "SELECT COUNT(*) FROM outbox WHERE subject = 'Votre rendez-vous est confirmé'"
        )
        .await
            >= 1
    );

    // 3. The database refuses two overlapping active appointments for one counsellor, even
    //    through two different slots.
    let a = st
        .store
        .slot(SlotId(f.slots1[1]))
        .await
        .expect("slot")
        .expect("exists");
    st.store
        .create_slots(
            &[app::server::store::NewSlot {
                agency_id: AgencyId(f.agency1),
                counsellor_id: StaffId(f.counsellor1),
                starts_at: a.starts_at + 15 * 60,
                ends_at: a.ends_at + 15 * 60,
                modalities: vec![Modality::SurPlace],
                location: "x".into(),
            }],
            now.timestamp(),
            None,
        )
        .await
        .expect("overlapping slot can be opened (with a warning)");
    let overlapping = st
        .store
        .slots(
            &[StaffId(f.counsellor1)],
            a.starts_at + 1,
            a.starts_at + 3600,
        )
        .await
        .expect("slots")[0]
        .id;
    let direct = |slot_id: SlotId, person: i64| NewAppointment {
        uid: format!("{}@test", uuid_like(slot_id.0, person)),
        slot_id,
        allocataire_id: AllocataireId(person),
        modality: Modality::SurPlace,
        reason: AppointmentReason::FollowUp,
        booked_by: BookedBy::Staff,
        idempotency_key: None,
        max_upcoming: None,
    };
    st.store
        .book(direct(a.id, f.people1[1]), now.timestamp(), vec![], None)
        .await
        .expect("first of two overlapping");
    let second = st
        .store
        .book(
            direct(overlapping, f.people1[2]),
            now.timestamp(),
            vec![],
            None,
        )
        .await;
    assert!(
        matches!(second, Err(StoreError::Conflict(Conflict::SlotTaken))),
        "overlap must be refused: {second:?}"
    );
    assert_eq!(
        count(
            &sql,
            "SELECT COUNT(*) FROM appointments a JOIN appointments b ON a.id < b.id AND a.counsellor_id = b.counsellor_id \
             AND a.status = 'booked' AND b.status = 'booked' AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
        )
        .await,
        0
    );

    // 4. Cancelling frees the slot at once; someone else can take it.
    appointments::cancel(
        &st,
        &actor(winner.1),
        winner.0,
        ReasonInput {
            reason: "je suis malade".into(),
        },
        false,
        Utc::now(),
    )
    .await
    .expect("cancel");
    let other = f
        .people1
        .iter()
        .copied()
        .find(|p| *p != winner.1 && *p != f.people1[1])
        .expect("another person");
    appointments::book(
        &st,
        &actor(other),
        book_input(slot, "after-cancel-1"),
        Utc::now(),
    )
    .await
    .expect("freed slot can be booked");
    let cancelled = count(&sql, &format!("SELECT COUNT(*) FROM outbox WHERE allocataire_id = {} AND subject = 'Votre rendez-vous est annulé'", winner.1)).await;
    assert!(cancelled >= 1, "the person is told of the cancellation");

    // 5. Moving: to a free slot bumps the calendar sequence; to a taken slot is refused.
    let mine = sqlx::query_as::<_, (i64,)>(&format!(
        "SELECT id FROM appointments WHERE allocataire_id = {other} AND status = 'booked'"
    ))
    .fetch_one(sql.pool())
    .await
    .expect("mine")
    .0;
    let moved = appointments::move_appointment(
        &st,
        &actor(other),
        mine,
        book_input(f.slots1[3], "move-key-1"),
        ReasonInput {
            reason: "travail".into(),
        },
        Utc::now(),
    )
    .await;
    assert!(moved.is_ok(), "{moved:?}");
    assert_eq!(
        st.store
            .appointment(app::domain::AppointmentId(mine))
            .await
            .expect("read")
            .expect("exists")
            .sequence,
        1
    );
    let taken = appointments::move_appointment(
        &st,
        &actor(other),
        mine,
        book_input(a.id.0, "move-key-2"),
        ReasonInput {
            reason: "travail".into(),
        },
        Utc::now(),
    )
    .await;
    assert!(matches!(taken, Err(AppError::Conflict(_))), "{taken:?}");

    // 6. Another person's appointment is not found, not forbidden.
    let theirs = appointments::cancel(
        &st,
        &actor(f.people1[5]),
        mine,
        ReasonInput {
            reason: "pas à moi".into(),
        },
        false,
        Utc::now(),
    )
    .await;
    assert_eq!(theirs.err(), Some(AppError::NotFound));

    // 7. Reminders: written once, even when the job runs again (or after a restart), and
    //    addressed to the person by name. people1[0] has an e-mail on file; slots1[2] falls
    //    within 48 h of the later clock.
    let reminded = st
        .store
        .book(
            direct(SlotId(f.slots1[2]), f.people1[0]),
            now.timestamp(),
            vec![],
            None,
        )
        .await
        .expect("an appointment to remind")
        .appointment()
        .id;
    let in_two_days = Utc::now() + Duration::days(3);
    let first = outbox::enqueue_reminders(&st, in_two_days)
        .await
        .expect("reminders");
    let again = outbox::enqueue_reminders(&st, in_two_days)
        .await
        .expect("reminders");
    assert!(
        first >= 1,
        "some appointment falls within 48 h of the later clock"
    );
    assert_eq!(again, 0, "a reminder is never written twice");
    let reminder_emails = count(
        &sql,
        "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND subject LIKE 'Rappel%'",
    )
    .await;
    let greeted = count(
        &sql,
        "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND subject LIKE 'Rappel%' AND body LIKE 'Bonjour Personne0,%'",
    )
    .await;
    assert!(reminder_emails >= 1, "the reminder e-mail was written");
    assert_eq!(
        greeted, reminder_emails,
        "every reminder e-mail greets its person by first name"
    );

    // A stored value the domain does not know is an error, never read as « booked ».
    let set_status = |status: &'static str| {
        sqlx::query("UPDATE appointments SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(reminded.0)
            .execute(sql.pool())
    };
    set_status("reserve").await.expect("corrupt the status");
    assert!(matches!(
        st.store.appointment(reminded).await,
        Err(StoreError::Database(_))
    ));
    set_status("booked").await.expect("restore the status");

    // 8. Sign-in codes: hashed, 5 attempts, once, expire.
    let message = app::server::services::notify::code_message(
        &(&st
            .store
            .allocataire(AllocataireId(f.people1[0]))
            .await
            .expect("p")
            .expect("p"))
            .into(),
        false,
        "x",
        10,
    )
    .expect("message");
    let good = app::server::crypto::keyed_hash("test", "123456");
    let bad = app::server::crypto::keyed_hash("test", "000000");
    let t = now.timestamp();
    let code = st
        .store
        .create_login_code(
            AllocataireId(f.people1[0]),
            &good,
            t + 600,
            t,
            message.clone(),
        )
        .await
        .expect("code");
    for left in (1..=4).rev() {
        assert_eq!(
            st.store
                .check_login_code(code, &bad, t, 5)
                .await
                .expect("check"),
            CodeCheck::Wrong {
                attempts_left: left
            }
        );
    }
    assert_eq!(
        st.store
            .check_login_code(code, &bad, t, 5)
            .await
            .expect("check"),
        CodeCheck::ExpiredOrUsed
    );
    assert_eq!(
        st.store
            .check_login_code(code, &good, t, 5)
            .await
            .expect("check"),
        CodeCheck::ExpiredOrUsed,
        "blocked after 5 attempts"
    );
    let code = st
        .store
        .create_login_code(
            AllocataireId(f.people1[0]),
            &good,
            t + 600,
            t,
            message.clone(),
        )
        .await
        .expect("code");
    assert_eq!(
        st.store
            .check_login_code(code, &good, t, 5)
            .await
            .expect("check"),
        CodeCheck::Accepted {
            allocataire_id: AllocataireId(f.people1[0])
        }
    );
    assert_eq!(
        st.store
            .check_login_code(code, &good, t, 5)
            .await
            .expect("check"),
        CodeCheck::ExpiredOrUsed,
        "a code works once"
    );
    let code = st
        .store
        .create_login_code(AllocataireId(f.people1[0]), &good, t + 600, t, message)
        .await
        .expect("code");
    assert_eq!(
        st.store
            .check_login_code(code, &good, t + 601, 5)
            .await
            .expect("check"),
        CodeCheck::ExpiredOrUsed,
        "expired"
    );
    let stored: (String,) = sqlx::query_as(&format!(
        "SELECT code_hash FROM login_codes WHERE id = {code}"
    ))
    .fetch_one(sql.pool())
    .await
    .expect("row");
    assert_ne!(stored.0, "123456", "codes are stored hashed");

    // 9. Invitations are spent once.
    let token = app::server::services::auth::invite(&st, AllocataireId(f.people1[0]), now)
        .await
        .expect("invite");
    let hash = app::server::crypto::keyed_hash("test", &token);
    assert_eq!(
        st.store.take_invitation(&hash, t).await.expect("take"),
        Some(AllocataireId(f.people1[0]))
    );
    assert_eq!(
        st.store.take_invitation(&hash, t).await.expect("take"),
        None
    );

    // 10. The outbox hands each message to one worker at a time.
    let claimed = st.store.claim_messages(t + 10, 1000).await.expect("claim");
    assert!(!claimed.is_empty());
    assert!(
        st.store
            .claim_messages(t + 10, 1000)
            .await
            .expect("claim")
            .is_empty(),
        "a claimed message is leased"
    );
    st.store
        .message_sent(claimed[0].id, t, true)
        .await
        .expect("sent");
}

fn uuid_like(a: i64, b: i64) -> String {
    format!(
        "{a}-{b}-{}",
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_store_story_holds_on_sqlite() {
    story(fresh_sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_store_story_holds_on_postgres() {
    if let Some(url) = fresh_postgres().await {
        story(url).await;
    }
}
