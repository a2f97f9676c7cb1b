//! The demo data has the real shape (issue 6): 22 agencies weighted by their caseloads,
//! 7 to 12 counsellors each, monthly batches, and a file active where first meetings are
//! held, late and due — read back through the file active's own query.

use crate::common::{database, Db};
use app::domain::{deadline, AgencyId, StaffId};
use app::server::format;
use app::server::store::{CaseloadFilter, CaseloadQuery, CaseloadSort, CaseloadStore, SqlStore};
use server::seed::{self, Scale};

async fn the_demo_data_has_the_shape_of_the_agencies(db: Db) {
    let Some(url) = database(db).await else {
        return;
    };
    let store = SqlStore::connect(&url, 4).await.expect("connect");
    let now = chrono::Utc::now();
    let summary = seed::load(&store, Scale::Demo, now).await.expect("seed");
    assert_eq!(summary.agencies, 22);
    assert!(
        (7 * 22..=12 * 22).contains(&summary.counsellors),
        "{summary:?}"
    );
    assert!(summary.meetings > summary.allocataires, "{summary:?}");

    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.expect("connect");
    let scalar = |sql: String| {
        let pool = &pool;
        async move {
            let (n,): (i64,) = sqlx::query_as(&sql).fetch_one(pool).await.expect("query");
            n
        }
    };
    let count = |sql: &'static str| scalar(sql.to_string());
    // Every agency has a team of 7 to 12; Montreuil has the most people, L'Île-Saint-Denis
    // – Saint-Ouen the fewest of the published ones.
    assert_eq!(
        count("SELECT COUNT(*) FROM (SELECT agency_id FROM staff WHERE role = 'referent' GROUP BY agency_id HAVING COUNT(*) BETWEEN 7 AND 12) t").await,
        22
    );
    let people = |name: &str| {
        scalar(format!("SELECT COUNT(*) FROM allocataires p JOIN agencies a ON a.id = p.agency_id WHERE a.name = 'ALI {name}'"))
    };
    let (montreuil, ile) = (
        people("Montreuil").await,
        people("L''Île-Saint-Denis – Saint-Ouen").await,
    );
    assert!(montreuil > 2 * ile && ile > 0, "{montreuil} / {ile}");
    // Orientations come in the last week of a month (the browser tests' people aside).
    assert_eq!(
        count("SELECT COUNT(*) FROM allocataires WHERE numero NOT IN ('1000001', '1000004', '1000007', '1000008') AND CAST(SUBSTR(orientation_date, 9, 2) AS INTEGER) < 22").await,
        0
    );
    // Contracts: most people met over a month ago have one signed or validated, with the
    // parcours it sets; some are proposed; a few files are late.
    assert!(summary.contracts > summary.allocataires / 3, "{summary:?}");
    let signed = count("SELECT COUNT(*) FROM contracts WHERE status IN ('signe', 'valide')").await;
    assert!(
        signed > 0 && count("SELECT COUNT(*) FROM contracts WHERE status = 'propose'").await > 0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM pathways WHERE state IN ('contractualise', 'en_cours')").await,
        signed
    );
    // The browser tests' people: 1000004 and 1000007 have a contract to sign, 1000008
    // none; all three met their counsellor last week.
    assert_eq!(
        count("SELECT COUNT(*) FROM contracts c JOIN allocataires p ON p.id = c.allocataire_id WHERE p.numero IN ('1000004', '1000007') AND c.status = 'propose'").await,
        2
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM contracts c JOIN allocataires p ON p.id = c.allocataire_id WHERE p.numero = '1000008'").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(DISTINCT p.id) FROM appointments a JOIN allocataires p ON p.id = a.allocataire_id WHERE p.numero IN ('1000004', '1000007', '1000008') AND a.status = 'attended'").await,
        3
    );

    // The demo allocataire: Bobigny, Nadia Benali, oriented five days ago, nothing booked.
    let demo: (i64, i64, String) = sqlx::query_as(
        "SELECT p.agency_id, p.counsellor_id, p.orientation_date FROM allocataires p WHERE p.numero = '1000001'",
    )
    .fetch_one(&pool)
    .await
    .expect("demo allocataire");
    let today = format::today(now);
    assert_eq!(demo.2, (today - chrono::Duration::days(5)).to_string());
    assert_eq!(
        count("SELECT COUNT(*) FROM appointments a JOIN allocataires p ON p.id = a.allocataire_id WHERE p.numero = '1000001'").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM staff s JOIN allocataires p ON p.counsellor_id = s.id WHERE p.numero = '1000001' AND s.email = 'nadia.benali@ali-bobigny.fr'").await,
        1
    );

    // Nadia's file active: some late, some due soon, most first meetings held.
    let late_before = today - chrono::Duration::days(deadline::FIRST_MEETING_DAYS);
    let page = store
        .caseload_page(&CaseloadQuery {
            agency: AgencyId(demo.0),
            counsellor: Some(StaffId(demo.1)),
            search: None,
            filter: CaseloadFilter::All,
            sort: CaseloadSort::Deadline,
            late_before,
            due_until: late_before + chrono::Duration::days(deadline::DUE_SOON_DAYS),
            now: now.timestamp(),
            limit: 500,
            offset: 0,
        })
        .await
        .expect("caseload");
    let held = page.rows.iter().filter(|r| r.attended_count > 0).count() as i64;
    let upcoming = page
        .rows
        .iter()
        .filter(|r| r.next_appointment_at.is_some())
        .count();
    assert!(page.total >= 15, "{}", page.total);
    assert!(
        page.late > 0 && held > page.late,
        "late {} held {held}",
        page.late
    );
    assert!(held < page.total, "somebody is still to be met");
    assert!(upcoming > 0, "somebody has a rendez-vous ahead");
    // No booked rendez-vous in the next three days: no reminder goes out at start-up.
    let soon = scalar(format!(
        "SELECT COUNT(*) FROM appointments WHERE status = 'booked' AND starts_at >= {} AND starts_at < {}",
        now.timestamp(),
        now.timestamp() + 2 * 86_400
    ))
    .await;
    assert_eq!(soon, 0);
    // Past and still booked: only the two rendez-vous of the last working day whose outcome
    // the browser tests record (the satisfaction question follows).
    let to_record = scalar(format!(
        "SELECT COUNT(*) FROM appointments a JOIN allocataires p ON p.id = a.allocataire_id \
         WHERE a.status = 'booked' AND a.starts_at < {} AND p.numero IN ('1000010', '1000013')",
        now.timestamp()
    ))
    .await;
    let past = scalar(format!(
        "SELECT COUNT(*) FROM appointments WHERE status = 'booked' AND starts_at < {}",
        now.timestamp()
    ))
    .await;
    assert_eq!((to_record, past), (2, 2));
    pool.close().await;
}
on_both!(the_demo_data_has_the_shape_of_the_agencies);
