//! The file active at real size: searched by name, numéro or phone, filtered (late, due
//! soon, no référent), sorted and paged by the database — on SQLite and PostgreSQL.

use crate::common::{spawn, Db};
use reqwest::StatusCode;
use serde_json::Value;

fn names(v: &Value) -> Vec<String> {
    v["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["name"].as_str().map(str::to_string))
        .collect()
}

async fn the_file_active_is_searched_filtered_sorted_and_paged(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let today = chrono::Utc::now().date_naive();
    let day = |n: i64| (today - chrono::Duration::days(n)).to_string();
    // 45 more people in agency 1 (65 in all), then two late, one due soon, one without
    // référent and one Benali.
    let values: Vec<String> = (0..45)
        .map(|i| {
            format!(
                "({}, {}, '{}', 'Extra{i}', 'Zed', '0699{i:06}', '{}', 0)",
                f.agency1,
                f.counsellor1,
                6_000_000 + i,
                day(2)
            )
        })
        .collect();
    app.sql(&format!(
        "INSERT INTO allocataires (agency_id, counsellor_id, numero, first_name, last_name, phone, orientation_date, created_at) VALUES {}",
        values.join(", ")
    ))
    .await;
    let p = &f.people1;
    for (id, set) in [
        (p[0], format!("orientation_date = '{}'", day(20))),
        (p[1], format!("orientation_date = '{}'", day(19))),
        (p[2], format!("orientation_date = '{}'", day(13))),
        (p[3], "counsellor_id = NULL".to_string()),
        (p[4], "last_name = 'Benali'".to_string()),
    ] {
        app.sql(&format!("UPDATE allocataires SET {set} WHERE id = {id}"))
            .await;
    }
    let manager = app.staff("manager1@test.fr").await;
    let list = |form: Vec<(&'static str, String)>| {
        let (app, manager) = (&app, &manager);
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (status, v) = app.call(manager, "/api/pro/allocataires", &form).await;
            assert_eq!(status, StatusCode::OK, "{v}");
            v
        }
    };
    let all = list(vec![]).await;
    assert_eq!(all["total"], 65, "{all}");
    assert_eq!(names(&all).len(), 50, "50 a page");
    assert_eq!(all["pages"], 2);
    assert_eq!(
        (
            all["late"].clone(),
            all["due_soon"].clone(),
            all["unassigned"].clone()
        ),
        (2.into(), 1.into(), 1.into())
    );
    // Earliest deadline first: the two late files lead.
    assert_eq!(all["lines"][0]["id"], p[0]);
    assert_eq!(all["lines"][1]["id"], p[1]);
    let second = list(vec![("page", "1".into())]).await;
    assert_eq!(names(&second).len(), 15);
    assert!(
        names(&second).iter().all(|n| !names(&all).contains(n)),
        "no line twice"
    );

    let late = list(vec![("filtre", "retard".into())]).await;
    assert_eq!(late["total"], 2);
    assert!(late["lines"]
        .as_array()
        .is_some_and(|l| l.iter().all(|l| l["flag"] == "late")));
    let soon = list(vec![("filtre", "bientot".into())]).await;
    assert_eq!(soon["lines"][0]["id"], p[2], "{soon}");
    assert_eq!(soon["total"], 1);
    let unassigned = list(vec![("filtre", "sans-referent".into())]).await;
    assert_eq!(unassigned["lines"][0]["id"], p[3]);
    assert_eq!(unassigned["total"], 1);

    // Search by name (any case), phone (any spelling) or numéro.
    let benali = list(vec![("recherche", "benALI".into())]).await;
    assert_eq!(benali["total"], 1, "{benali}");
    assert_eq!(benali["lines"][0]["id"], p[4]);
    let phone = list(vec![("recherche", "07 00 00 00 05".into())]).await;
    assert_eq!(phone["total"], 1, "{phone}");
    assert_eq!(phone["lines"][0]["id"], p[5]);
    let numero = list(vec![("recherche", "600000".into())]).await;
    assert_eq!(numero["total"], 10, "6000000 to 6000009: {numero}");
    let percent = list(vec![("recherche", "%".into())]).await;
    assert_eq!(percent["total"], 0, "a % is a character, not a wildcard");
    let nul = list(vec![("recherche", "Ben\u{0}ali".into())]).await;
    assert_eq!(nul["total"], 1, "control characters are dropped: {nul}");
    // Sorted by name: Benali first.
    let by_name = list(vec![("tri", "nom".into())]).await;
    assert_eq!(by_name["lines"][0]["id"], p[4]);

    // A counsellor sees their own people; another their none; another agency nothing.
    let c1 = app.staff("c1@test.fr").await;
    let (_, own) = app.call(&c1, "/api/pro/allocataires", &[]).await;
    assert_eq!(own["total"], 64, "everyone but the one without référent");
    let c2 = app.staff("c2@test.fr").await;
    let (_, none) = app.call(&c2, "/api/pro/allocataires", &[]).await;
    assert_eq!(none["total"], 0);
    let other = app.staff("manager2@test.fr").await;
    let (_, theirs) = app
        .call(&other, "/api/pro/allocataires", &[("recherche", "Benali")])
        .await;
    assert_eq!(theirs["total"], 0);

    // Without JavaScript: the page keeps the search in its pager links.
    let (_, html) = app.page(&manager, "/pro/allocataires?recherche=Zed").await;
    assert!(html.contains("45 personnes"), "{html}");
    assert!(!html.contains("Page suivante"), "45 people fit on one page");
    assert!(
        html.contains("value=\"Zed\""),
        "the search is kept in its field"
    );
    let (_, all_html) = app.page(&manager, "/pro/allocataires").await;
    assert!(
        all_html.contains("href=\"/pro/allocataires?page=1\""),
        "« page suivante »"
    );
    assert!(all_html.contains("page 1 sur 2"));
}
on_both!(the_file_active_is_searched_filtered_sorted_and_paged);
