//! Test harness: the real server on 127.0.0.1:0 with a fresh database (SQLite file or a
//! new PostgreSQL database), a real SMTP server process (aiosmtpd, Maildir) and an HTTP
//! SMS gateway that records what it receives. Clients keep cookies and never follow
//! redirects, so tests see the 303s a browser would.

use app::server::services::AppState;
use app::server::testing::{fixture, fresh_postgres, fresh_sqlite, Fixture};
use axum::{routing::post, Json, Router};
use reqwest::{header, Client, StatusCode};
use serde_json::Value;
use server::config::Config;
use server::startup::Application;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Copy, Debug)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Generates one test per backend from `async fn name(db: Db)`.
#[macro_export]
macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn on_sqlite() {
                super::$name($crate::common::Db::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn on_postgres() {
                super::$name($crate::common::Db::Postgres).await
            }
        }
    };
}

pub struct TestApp {
    pub base: String,
    pub db_url: String,
    pub state: AppState,
    pub f: Fixture,
    pub maildir: PathBuf,
    pub sms: Arc<Mutex<Vec<Value>>>,
    _smtpd: tokio::process::Child,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn smtpd_path() -> String {
    std::env::var("PORTAIL_TEST_SMTPD").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.tools/venv/bin/aiosmtpd").into()
    })
}

async fn start_smtpd(maildir: &std::path::Path) -> (tokio::process::Child, u16) {
    let port = free_port();
    let child = tokio::process::Command::new(smtpd_path())
        .args([
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(maildir)
        .kill_on_drop(true)
        .spawn()
        .expect("start aiosmtpd (run ./scripts/setup.sh)");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return (child, port);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("aiosmtpd did not start");
}

async fn start_sms_gateway() -> (Arc<Mutex<Vec<Value>>>, u16) {
    let received = Arc::new(Mutex::new(Vec::new()));
    let sink = received.clone();
    let app = Router::new().route(
        "/sms",
        post(move |Json(body): Json<Value>| {
            let sink = sink.clone();
            async move {
                sink.lock().expect("lock").push(body);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (received, port)
}

pub async fn database(db: Db) -> Option<String> {
    match db {
        Db::Sqlite => Some(fresh_sqlite()),
        Db::Postgres => fresh_postgres().await,
    }
}

pub fn test_config(db_url: &str) -> Config {
    let mut c = Config::defaults().expect("defaults");
    c.database_url = db_url.into();
    c.http.addr = "127.0.0.1:0".into();
    c.http.secure_cookies = false;
    c.auth.secret = "test-secret".to_string().into();
    c.auth.rate_per_minute = 10_000;
    c.auth.account_attempts_per_minute = 10_000;
    c.jobs.outbox_interval_secs = 1;
    c
}

/// Starts the portal; None when the backend's tests are skipped.
pub async fn spawn(db: Db) -> Option<TestApp> {
    spawn_with(db, |_| {}).await
}

pub async fn spawn_with(db: Db, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
    let db_url = database(db).await?;
    let maildir = std::env::temp_dir().join(format!("portail-mail-{}", free_port()));
    for sub in ["tmp", "new", "cur"] {
        std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
    }
    let (smtpd, smtp_port) = start_smtpd(&maildir).await;
    let (sms, sms_port) = start_sms_gateway().await;
    let mut config = test_config(&db_url);
    // The portal checks form posts against its public URL: give it the one tests use.
    let port = free_port();
    config.http.addr = format!("127.0.0.1:{port}");
    config.http.public_url = format!("http://127.0.0.1:{port}");
    config.smtp.host = "127.0.0.1".into();
    config.smtp.port = smtp_port;
    config.sms.provider = "http".into();
    config.sms.url = format!("http://127.0.0.1:{sms_port}/sms");
    tweak(&mut config);
    let app = Application::build(config).await.expect("build app");
    let state = app.state.clone();
    let base = format!("http://127.0.0.1:{}", app.port);
    let f = fixture(state.store.as_ref(), 20, chrono::Utc::now()).await;
    tokio::spawn(app.run(std::future::pending()));
    Some(TestApp {
        base,
        db_url,
        state,
        f,
        maildir,
        sms,
        _smtpd: smtpd,
    })
}

pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        // A server that stops answering fails the test instead of hanging the suite.
        .timeout(Duration::from_secs(120))
        .build()
        .expect("client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A server function called as a JSON client would (Origin of the portal).
    pub async fn call(&self, c: &Client, path: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let res = c
            .post(self.url(path))
            .header(header::ORIGIN, &self.base)
            .header(header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .expect("request");
        let status = res.status();
        let text = res.text().await.expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// A plain HTML form post, as a browser without JavaScript sends it.
    pub async fn form(
        &self,
        c: &Client,
        path: &str,
        form: &[(&str, &str)],
        from: &str,
    ) -> reqwest::Response {
        c.post(self.url(path))
            .header(header::ORIGIN, &self.base)
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, self.url(from))
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Books a slot as a JSON client would; the booking must succeed. Returns the answer
    /// (`redirect` is the appointment's page).
    pub async fn book(&self, c: &Client, slot: i64, modality: &str, key: &str) -> Value {
        let slot = slot.to_string();
        let form = [
            ("slot_id", slot.as_str()),
            ("modality", modality),
            ("idempotency_key", key),
        ];
        let (status, done) = self.call(c, "/api/rdv/reserver", &form).await;
        assert_eq!(status, StatusCode::OK, "booking slot {slot}: {done}");
        done
    }

    pub async fn page(&self, c: &Client, path: &str) -> (StatusCode, String) {
        let res = c
            .get(self.url(path))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .expect("request");
        (res.status(), res.text().await.expect("body"))
    }

    /// Runs one statement on the test's database (to set up a state no page can make,
    /// such as an orientation three weeks ago).
    pub async fn sql(&self, statement: &str) {
        self.try_sql(statement).await.expect("statement");
    }

    /// The number a `SELECT COUNT(*) …` returns.
    pub async fn scalar(&self, query: &str) -> i64 {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&self.db_url).await.expect("connect");
        let (n,): (i64,) = sqlx::query_as(query).fetch_one(&pool).await.expect("query");
        pool.close().await;
        n
    }

    /// The text (or NULL) a one-row, one-column query returns; `None` when no row.
    pub async fn text(&self, query: &str) -> Option<Option<String>> {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&self.db_url).await.expect("connect");
        let row: Option<(Option<String>,)> = sqlx::query_as(query)
            .fetch_optional(&pool)
            .await
            .expect("query");
        pool.close().await;
        row.map(|(t,)| t)
    }

    /// Runs one statement; the database's refusal is returned.
    pub async fn try_sql(&self, statement: &str) -> Result<u64, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&self.db_url).await.expect("connect");
        let done = sqlx::query(statement).execute(&pool).await;
        pool.close().await;
        done.map(|d| d.rows_affected())
    }

    pub async fn count(&self, table: &str) -> i64 {
        self.state.store.count(table).await.expect("count")
    }

    /// The newest SMS sent to this number, waiting for the outbox worker.
    pub async fn sms_to(&self, phone: &str, after: usize) -> String {
        for _ in 0..100 {
            if let Some(text) = self
                .sms
                .lock()
                .expect("lock")
                .iter()
                .skip(after)
                .rfind(|m| m["to"] == phone)
                .map(|m| m["text"].as_str().unwrap_or("").to_string())
            {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no SMS to {phone}");
    }

    /// Waits for an SMS to this number that contains `needle`.
    pub async fn sms_with(&self, phone: &str, needle: &str) -> String {
        for _ in 0..100 {
            let found = self
                .sms
                .lock()
                .expect("lock")
                .iter()
                .filter(|m| m["to"] == phone)
                .map(|m| m["text"].as_str().unwrap_or("").to_string())
                .find(|t| t.contains(needle));
            if let Some(text) = found {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no SMS to {phone} containing {needle:?}");
    }

    /// The phone number on a person's file.
    pub async fn phone_of(&self, person: i64) -> String {
        self.state
            .store
            .allocataire(app::domain::AllocataireId(person))
            .await
            .expect("read")
            .and_then(|p| p.phone)
            .expect("a phone on file")
    }

    pub fn sms_count(&self) -> usize {
        self.sms.lock().expect("lock").len()
    }

    /// Every message the SMTP server received, as raw text.
    pub fn mails(&self) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(self.maildir.join("new"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    pub async fn wait_mail(&self, predicate: impl Fn(&str) -> bool) -> String {
        for _ in 0..100 {
            if let Some(m) = self.mails().into_iter().rev().find(|m| predicate(m)) {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no matching e-mail reached the SMTP server");
    }

    pub async fn staff(&self, email: &str) -> Client {
        let c = client();
        let (status, body) = self
            .call(
                &c,
                "/api/pro/connexion",
                &[
                    ("email", email),
                    ("password", app::server::testing::PASSWORD),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "staff sign-in: {body}");
        c
    }

    /// Signs an allocataire in with their numéro and the code sent by SMS.
    pub async fn allocataire(&self, id: i64) -> Client {
        let p = self
            .state
            .store
            .allocataire(app::domain::AllocataireId(id))
            .await
            .expect("read")
            .expect("exists");
        let c = client();
        let before = self.sms_count();
        let (status, _) = self
            .call(&c, "/api/connexion/code", &[("identifier", &p.numero)])
            .await;
        assert_eq!(status, StatusCode::OK);
        let text = self.sms_to(p.phone.as_deref().unwrap_or(""), before).await;
        let code = six_digits(&text).expect("a code in the SMS");
        let (status, body) = self
            .call(&c, "/api/connexion/verifier", &[("code", &code)])
            .await;
        assert_eq!(status, StatusCode::OK, "verify: {body}");
        c
    }
}

/// What pypdf, an independent reader, finds in a PDF (`support/pdf_text.py`): pages,
/// language, tagging and structure, then the text.
pub fn pdf_text(bytes: &[u8]) -> String {
    let file = std::env::temp_dir().join(format!("portail-{}.pdf", free_port()));
    std::fs::write(&file, bytes).expect("write");
    let python = std::env::var("PORTAIL_TEST_PYTHON").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.tools/venv/bin/python").into()
    });
    let out = std::process::Command::new(&python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/api/support/pdf_text.py"
        ))
        .arg(&file)
        .output()
        .expect("python with pypdf (./scripts/setup.sh installs it)");
    let _ = std::fs::remove_file(&file);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

pub fn six_digits(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .map(str::to_string)
}
