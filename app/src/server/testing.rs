//! Test support shared by the store story and the server's API tests: a fresh database
//! per test (a temporary SQLite file, or a new PostgreSQL database) and a small fixture
//! with two agencies. Not used by the portal itself.

use super::crypto;
use super::store::{AgencyRow, AllocataireRow, NewSlot, StaffRow, Store};
use crate::domain::appointment::Modality;
use crate::domain::{AgencyId, AllocataireId, StaffId, StaffRole};
use chrono::{DateTime, Utc};

pub const PASSWORD: &str = "test-password-1";

/// `sqlite://…` in a new temporary directory.
pub fn fresh_sqlite() -> String {
    let dir = std::env::temp_dir().join(format!("portail-test-{}", uuid::Uuid::new_v4()));
    let _ = std::fs::create_dir_all(&dir);
    format!("sqlite://{}", dir.join("portail.db").display())
}

/// A new, empty PostgreSQL database, or None when PostgreSQL tests are skipped
/// (`PORTAIL_TEST_POSTGRES=skip`). Unreachable PostgreSQL fails the test under CI.
pub async fn fresh_postgres() -> Option<String> {
    let base = std::env::var("PORTAIL_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    if base == "skip" {
        eprintln!("\n*** PostgreSQL test SKIPPED (PORTAIL_TEST_POSTGRES=skip) ***\n");
        return None;
    }
    let base = base.trim_end_matches('/').to_string();
    let name = format!("portail_test_{}", uuid::Uuid::new_v4().simple());
    use sqlx::Connection;
    let mut admin = match sqlx::PgConnection::connect(&format!("{base}/postgres")).await {
        Ok(c) => c,
        Err(e) if std::env::var("CI").is_err() => {
            eprintln!("\n*** PostgreSQL test SKIPPED: cannot reach {base} ({e}) ***\n");
            return None;
        }
        Err(e) => panic!("PostgreSQL unreachable under CI: {e}"),
    };
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    Some(format!("{base}/{name}"))
}

/// The ids of the fixture. Agency 1 has two counsellors, a manager and `allocataires`
/// people; agency 2 has one counsellor, a manager and one person.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub agency1: i64,
    pub agency2: i64,
    pub admin: i64,
    pub manager1: i64,
    pub manager2: i64,
    pub counsellor1: i64,
    pub counsellor2: i64,
    pub counsellor3: i64,
    /// In agency 1, référent counsellor1; the first has an e-mail on file.
    pub people1: Vec<i64>,
    /// In agency 2, référent counsellor3.
    pub person2: i64,
    /// Open slots of counsellor1, one a day from the day after tomorrow (beyond the 24 h
    /// cut-off), 10:00–10:45 UTC.
    pub slots1: Vec<i64>,
    /// Open slots of counsellor3 (agency 2).
    pub slots3: Vec<i64>,
}

pub async fn fixture(store: &dyn Store, people: usize, now: DateTime<Utc>) -> Fixture {
    let hash = crypto::hash_password(PASSWORD);
    let agency = |n: i64| AgencyRow {
        id: AgencyId(0),
        name: format!("ALI Test {n}"),
        address: format!("{n} rue de la Paix, Bobigny"),
        phone: "01 00 00 00 00".into(),
        email: format!("contact{n}@ali.test"),
        opening_hours: "9 h – 17 h".into(),
        agency_booking: false,
        rules: crate::domain::agency::BookingRules::default(),
    };
    let a1 = store.insert_agency(&agency(1)).await.expect("agency");
    let a2 = store.insert_agency(&agency(2)).await.expect("agency");
    let staff = |agency: Option<AgencyId>, role: StaffRole, email: &str| StaffRow {
        id: StaffId(0),
        agency_id: agency,
        role,
        first_name: "Prénom".into(),
        last_name: email.split('@').next().unwrap_or("x").into(),
        title: "Conseiller·ère".into(),
        email: email.into(),
        phone: "01 00 00 00 01".into(),
        password_hash: hash.clone(),
        disabled: false,
        session_epoch: 0,
        last_sign_in_at: None,
    };
    let admin = store
        .insert_staff(&staff(None, StaffRole::Admin, "admin@test.fr"))
        .await
        .expect("staff");
    let manager1 = store
        .insert_staff(&staff(Some(a1), StaffRole::Manager, "manager1@test.fr"))
        .await
        .expect("staff");
    let manager2 = store
        .insert_staff(&staff(Some(a2), StaffRole::Manager, "manager2@test.fr"))
        .await
        .expect("staff");
    let c1 = store
        .insert_staff(&staff(Some(a1), StaffRole::Referent, "c1@test.fr"))
        .await
        .expect("staff");
    let c2 = store
        .insert_staff(&staff(Some(a1), StaffRole::Referent, "c2@test.fr"))
        .await
        .expect("staff");
    let c3 = store
        .insert_staff(&staff(Some(a2), StaffRole::Referent, "c3@test.fr"))
        .await
        .expect("staff");
    let today = now.date_naive();
    let person = |n: usize, agency: AgencyId, counsellor: StaffId| AllocataireRow {
        id: AllocataireId(0),
        agency_id: agency,
        counsellor_id: Some(counsellor),
        numero: format!("{}", 5_000_000 + n),
        first_name: format!("Personne{n}"),
        last_name: "Test".into(),
        phone: Some(format!("07{:08}", n)),
        email: (n == 0).then(|| "personne0@exemple.test".to_string()),
        orientation_date: today - chrono::Duration::days(2),
        disabled: false,
        session_epoch: 0,
    };
    let rows: Vec<AllocataireRow> = (0..people).map(|n| person(n, a1, c1)).collect();
    store
        .insert_allocataires(&rows, now.timestamp())
        .await
        .expect("people");
    store
        .insert_allocataires(&[person(people + 1, a2, c3)], now.timestamp())
        .await
        .expect("people");
    let caseload = store
        .caseload(None, None, now.timestamp())
        .await
        .expect("caseload");
    let mut people1: Vec<i64> = caseload
        .iter()
        .filter(|r| r.person.agency_id == a1)
        .map(|r| r.person.id.0)
        .collect();
    people1.sort();
    let person2 = caseload
        .iter()
        .find(|r| r.person.agency_id == a2)
        .map(|r| r.person.id.0)
        .expect("person2");
    let day0 = now.timestamp() - now.timestamp().rem_euclid(86_400);
    // Ten days from the day after tomorrow, public holidays skipped (never bookable).
    let days: Vec<i64> = (2..)
        .filter(|d| {
            let day = crate::server::format::day_of(day0 + d * 86_400 + 10 * 3600);
            crate::domain::calendar::public_holiday(day).is_none()
        })
        .take(10)
        .collect();
    let slots = |agency: AgencyId, counsellor: StaffId| -> Vec<NewSlot> {
        days.iter()
            .map(|&d| NewSlot {
                agency_id: agency,
                counsellor_id: counsellor,
                starts_at: day0 + d * 86_400 + 10 * 3600,
                ends_at: day0 + d * 86_400 + 10 * 3600 + 45 * 60,
                modalities: vec![Modality::SurPlace, Modality::Telephone],
                location: "Agence".into(),
            })
            .collect()
    };
    store
        .create_slots(&slots(a1, c1), now.timestamp(), None)
        .await
        .expect("slots");
    store
        .create_slots(&slots(a2, c3), now.timestamp(), None)
        .await
        .expect("slots");
    let far = now.timestamp() + 60 * 86_400;
    let ids = |c: StaffId| async move {
        store
            .slots(&[c], now.timestamp(), far)
            .await
            .expect("slots")
            .iter()
            .map(|s| s.id.0)
            .collect::<Vec<_>>()
    };
    Fixture {
        agency1: a1.0,
        agency2: a2.0,
        admin: admin.0,
        manager1: manager1.0,
        manager2: manager2.0,
        counsellor1: c1.0,
        counsellor2: c2.0,
        counsellor3: c3.0,
        people1,
        person2,
        slots1: ids(c1).await,
        slots3: ids(c3).await,
    }
}
