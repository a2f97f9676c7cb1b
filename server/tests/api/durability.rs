//! Acknowledged means durable: the real server binary on SQLite (WAL, synchronous=FULL)
//! is killed with SIGKILL in the middle of a booking load, then restarted. Every booking
//! it acknowledged is there, the database is intact, no invariant is broken, and retrying
//! with the same idempotency keys creates nothing new. The same kill in the middle of a
//! load of workshop promotions leaves every session all-or-nothing: each seat offered has
//! exactly one message, and no message names a seat that was not offered.

use crate::common::{client, free_port};
use app::domain::appointment::Modality;
use app::domain::{AgencyId, StaffId};
use app::server::store::{Database, NewSlot, SlotStore, SqlStore};
use app::server::testing::{fixture, fresh_sqlite};
use reqwest::StatusCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn start(db_url: &str, port: u16) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", db_url)
        .env("PORTAIL__HTTP__ADDR", format!("127.0.0.1:{port}"))
        .env(
            "PORTAIL__HTTP__PUBLIC_URL",
            format!("http://127.0.0.1:{port}"),
        )
        .env("PORTAIL__HTTP__SECURE_COOKIES", "false")
        .env("PORTAIL__AUTH__SECRET", "durability")
        .env("PORTAIL__AUTH__RATE_PER_MINUTE", "100000")
        .env("PORTAIL__AUTH__ACCOUNT_ATTEMPTS_PER_MINUTE", "100000")
        .env("RUST_LOG", "warn")
        .kill_on_drop(true)
        .spawn()
        .expect("start the server binary")
}

/// The agency books a slot for a person (JSON client, as over the phone).
async fn book_for(
    staff: &reqwest::Client,
    base: &str,
    form: &[(&str, String)],
) -> reqwest::Result<reqwest::Response> {
    staff
        .post(format!("{base}/api/pro/allocataire/reserver"))
        .header("origin", base)
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
}

async fn wait_healthy(base: &str) {
    for _ in 0..200 {
        if client()
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not become healthy");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_bookings_survive_kill_9() {
    let db_url = fresh_sqlite();
    let now = chrono::Utc::now();
    let (f, slots) = {
        let store = SqlStore::connect(&db_url, 2).await.expect("store");
        let f = fixture(&store, 300, now).await;
        let day = now.timestamp() + 30 * 86_400;
        let new: Vec<NewSlot> = (0..300)
            .map(|i| NewSlot {
                agency_id: AgencyId(f.agency1),
                counsellor_id: StaffId(if i % 2 == 0 {
                    f.counsellor1
                } else {
                    f.counsellor2
                }),
                starts_at: day + (i / 2) * 3600,
                ends_at: day + (i / 2) * 3600 + 1800,
                modalities: vec![Modality::SurPlace],
                location: "x".into(),
            })
            // Public holidays are never bookable (a month from now may hold one).
            .filter(|s| {
                app::domain::calendar::public_holiday(app::server::format::day_of(s.starts_at))
                    .is_none()
            })
            .collect();
        store
            .create_slots(&new, now.timestamp(), None)
            .await
            .expect("slots");
        let ids: Vec<i64> = store
            .slots(
                &[StaffId(f.counsellor1), StaffId(f.counsellor2)],
                day - 1,
                day + 400 * 3600,
            )
            .await
            .expect("slots")
            .iter()
            .map(|s| s.id.0)
            .collect();
        store.pool().close().await;
        (f, ids)
    };
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&db_url, port);
    wait_healthy(&base).await;
    let staff = client();
    let res = staff
        .post(format!("{base}/api/pro/connexion"))
        .header("origin", &base)
        .header("accept", "application/json")
        .form(&[
            ("email", "manager1@test.fr"),
            ("password", app::server::testing::PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status(), StatusCode::OK);

    // Eight clients book distinct (person, slot) pairs until the server dies.
    let acknowledged: Arc<Mutex<Vec<(i64, i64, String)>>> = Arc::new(Mutex::new(Vec::new()));
    let next = Arc::new(Mutex::new(0usize));
    let mut workers = Vec::new();
    for _ in 0..8 {
        let (staff, base, ack, next, people, slots) = (
            staff.clone(),
            base.clone(),
            acknowledged.clone(),
            next.clone(),
            f.people1.clone(),
            slots.clone(),
        );
        workers.push(tokio::spawn(async move {
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                let i = {
                    let mut n = next.lock().expect("lock");
                    *n += 1;
                    *n - 1
                };
                if i >= slots.len() {
                    break;
                }
                let key = format!("durable-{i:05}");
                let form = [
                    ("allocataire_id", people[i].to_string()),
                    ("slot_id", slots[i].to_string()),
                    ("modality", "sur_place".into()),
                    ("idempotency_key", key.clone()),
                ];
                match book_for(&staff, &base, &form).await {
                    Ok(r) if r.status() == StatusCode::OK => {
                        ack.lock().expect("lock").push((people[i], slots[i], key))
                    }
                    Ok(r) => panic!("unexpected answer {}", r.status()),
                    Err(_) => break, // the server is gone
                }
            }
        }));
    }
    // Let the load run, then kill -9 in the middle of it.
    for _ in 0..200 {
        if acknowledged.lock().expect("lock").len() >= 40 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.start_kill().expect("SIGKILL");
    let _ = server.wait().await;
    for w in workers {
        let _ = w.await;
    }
    let acked = acknowledged.lock().expect("lock").clone();
    assert!(
        acked.len() >= 10,
        "the load ran before the kill ({} acknowledged)",
        acked.len()
    );

    // Restart on the same file.
    let mut server = start(&db_url, port);
    wait_healthy(&base).await;
    let store = SqlStore::connect(&db_url, 2).await.expect("store");
    let (integrity,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(store.pool())
        .await
        .expect("integrity");
    assert_eq!(integrity, "ok");
    for (person, slot, _) in &acked {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM appointments WHERE allocataire_id = {person} AND slot_id = {slot} AND status = 'booked'"))
            .fetch_one(store.pool())
            .await
            .expect("count");
        assert_eq!(
            n, 1,
            "acknowledged booking of {person} on slot {slot} is there"
        );
    }
    let (overlaps,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM appointments a JOIN appointments b ON a.id < b.id AND a.counsellor_id = b.counsellor_id \
         AND a.status = 'booked' AND b.status = 'booked' AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at",
    )
    .fetch_one(store.pool())
    .await
    .expect("overlaps");
    assert_eq!(overlaps, 0);
    // Retrying what was acknowledged (same keys) creates nothing new; sessions survived too.
    let before = store.count("appointments").await.expect("count");
    for (person, slot, key) in acked.iter().take(10) {
        let form = [
            ("allocataire_id", person.to_string()),
            ("slot_id", slot.to_string()),
            ("modality", "sur_place".into()),
            ("idempotency_key", key.clone()),
        ];
        let r = book_for(&staff, &base, &form).await.expect("retry");
        assert_eq!(r.status(), StatusCode::OK);
    }
    assert_eq!(store.count("appointments").await.expect("count"), before);
    let _ = server.start_kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn workshop_promotions_are_exactly_once_across_kill_9() {
    use app::domain::workshop::{Audience, Theme};
    use app::domain::{AllocataireId, WorkshopId};
    use app::server::store::{NewWorkshop, PlaceChange, WorkshopRow, WorkshopStore};
    const SESSIONS: usize = 100;
    let db_url = fresh_sqlite();
    let now = chrono::Utc::now();
    // 100 one-seat sessions, each with one person registered and four waiting (each
    // person on one session only), set up through the store without messages.
    let (f, workshops) = {
        let store = SqlStore::connect(&db_url, 2).await.expect("store");
        let f = fixture(&store, SESSIONS * 5, now).await;
        let starts_at = now.timestamp() + 10 * 86_400;
        let sessions: Vec<NewWorkshop> = (0..SESSIONS)
            .map(|i| NewWorkshop {
                agency_id: AgencyId(f.agency1),
                title: format!("Atelier {i}"),
                theme: Theme::Digital.as_str().into(),
                description: String::new(),
                starts_at: starts_at + i as i64 * 3600,
                ends_at: starts_at + i as i64 * 3600 + 1800,
                place: "Salle 1".into(),
                video_url: None,
                capacity: 1,
                audience: Audience::Agency,
                registration_deadline: starts_at - 3600,
                facilitator_id: None,
                facilitators: String::new(),
                created_by: None,
            })
            .collect();
        let ids = store
            .create_workshops(&sessions, None, now.timestamp())
            .await
            .expect("sessions");
        let silent = |_: &WorkshopRow, _: &PlaceChange| Vec::new();
        for (i, w) in ids.iter().enumerate() {
            for k in 0..5 {
                let person = AllocataireId(f.people1[i * 5 + k]);
                store
                    .register(
                        *w,
                        person,
                        &format!("setup-{i}-{k}"),
                        &silent,
                        None,
                        now.timestamp(),
                    )
                    .await
                    .expect("register");
            }
        }
        store.pool().close().await;
        (f, ids)
    };
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&db_url, port);
    wait_healthy(&base).await;
    let staff = client();
    let res = staff
        .post(format!("{base}/api/pro/connexion"))
        .header("origin", &base)
        .header("accept", "application/json")
        .form(&[
            ("email", "manager1@test.fr"),
            ("password", app::server::testing::PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status(), StatusCode::OK);
    let raise = |staff: reqwest::Client, base: String, w: WorkshopId| async move {
        staff
            .post(format!("{base}/api/pro/ateliers/capacite"))
            .header("origin", &base)
            .header("accept", "application/json")
            .form(&[("workshop_id", w.0.to_string()), ("capacity", "5".into())])
            .send()
            .await
    };

    // Four clients raise each session to five seats (four offers each) until the kill.
    let acknowledged: Arc<Mutex<Vec<WorkshopId>>> = Arc::new(Mutex::new(Vec::new()));
    let next = Arc::new(Mutex::new(0usize));
    let mut workers = Vec::new();
    for _ in 0..4 {
        let (staff, base, ack, next, workshops) = (
            staff.clone(),
            base.clone(),
            acknowledged.clone(),
            next.clone(),
            workshops.clone(),
        );
        workers.push(tokio::spawn(async move {
            loop {
                let i = {
                    let mut n = next.lock().expect("lock");
                    *n += 1;
                    *n - 1
                };
                if i >= workshops.len() {
                    break;
                }
                match raise(staff.clone(), base.clone(), workshops[i]).await {
                    Ok(r) if r.status() == StatusCode::OK => {
                        ack.lock().expect("lock").push(workshops[i])
                    }
                    Ok(r) => panic!("unexpected answer {}", r.status()),
                    Err(_) => break, // the server is gone
                }
            }
        }));
    }
    for _ in 0..500 {
        if acknowledged.lock().expect("lock").len() >= 10 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.start_kill().expect("SIGKILL");
    let _ = server.wait().await;
    for w in workers {
        let _ = w.await;
    }
    let acked = acknowledged.lock().expect("lock").clone();
    assert!(
        acked.len() >= 10,
        "the load ran ({} acknowledged)",
        acked.len()
    );
    assert!(
        acked.len() < SESSIONS,
        "the kill came before the end of the load"
    );

    let store = SqlStore::connect(&db_url, 2).await.expect("store");
    let one = |q: String| {
        let store = &store;
        async move {
            let (n,): (i64,) = sqlx::query_as(&q)
                .fetch_one(store.pool())
                .await
                .expect("query");
            n
        }
    };
    let mut raised = 0;
    for (i, w) in workshops.iter().enumerate() {
        let capacity = one(format!("SELECT capacity FROM workshops WHERE id = {}", w.0)).await;
        let offered = one(format!(
            "SELECT COUNT(*) FROM workshop_registrations WHERE workshop_id = {} AND status = 'offered'",
            w.0
        ))
        .await;
        let waiting = one(format!(
            "SELECT COUNT(*) FROM workshop_registrations WHERE workshop_id = {} AND status = 'waiting'",
            w.0
        ))
        .await;
        // All or nothing: the new capacity, its four offers, their messages and the audit
        // entry, or none of them.
        match capacity {
            5 => {
                raised += 1;
                assert_eq!((offered, waiting), (4, 0), "session {i}");
            }
            1 => {
                assert!(
                    !acked.contains(w),
                    "acknowledged session {i} lost its change"
                );
                assert_eq!((offered, waiting), (0, 4), "session {i}");
            }
            other => panic!("session {i}: capacity {other}"),
        }
        for k in 1..5 {
            let person = f.people1[i * 5 + k];
            let status: (String,) = sqlx::query_as(&format!(
                "SELECT status FROM workshop_registrations WHERE workshop_id = {} AND allocataire_id = {person}",
                w.0
            ))
            .fetch_one(store.pool())
            .await
            .expect("status");
            let offers = one(format!(
                "SELECT COUNT(*) FROM outbox WHERE allocataire_id = {person} AND channel = 'sms'"
            ))
            .await;
            let expected = i64::from(status.0 == "offered");
            assert_eq!(
                offers, expected,
                "session {i}, person {person}: {}",
                status.0
            );
        }
    }
    assert!(raised >= acked.len());
    assert_eq!(
        one("SELECT COUNT(*) FROM audit_log WHERE action = 'workshop.capacity'".into()).await,
        raised as i64
    );

    // After a restart, raising an acknowledged session again offers nothing more.
    let mut server = start(&db_url, port);
    wait_healthy(&base).await;
    let before = one("SELECT COUNT(*) FROM outbox".into()).await;
    for w in acked.iter().take(5) {
        let r = raise(staff.clone(), base.clone(), *w).await.expect("retry");
        assert_eq!(r.status(), StatusCode::OK);
    }
    assert_eq!(one("SELECT COUNT(*) FROM outbox".into()).await, before);
    let _ = server.start_kill();
}
