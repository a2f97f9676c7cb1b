//! Delivery of outbox messages: e-mail by SMTP (lettre), SMS through a provider adapter.

use crate::config::{Sms, Smtp};
use app::server::services::outbox::Transport;
use app::server::store::OutboxRow;
use async_trait::async_trait;
use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

/// No gateway configured (demo, development): the message stays in the outbox, where the
/// staff page "Messages envoyés" shows it.
pub struct OutboxOnly;

#[async_trait]
impl Transport for OutboxOnly {
    async fn deliver(&self, _message: &OutboxRow) -> Result<(), String> {
        Ok(())
    }
}

pub struct SmtpTransport {
    mailer: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpTransport {
    pub fn new(cfg: &Smtp) -> Result<Self, String> {
        let builder = match cfg.tls.as_str() {
            "tls" => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.host).map_err(|e| e.to_string())?
            }
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.host)
                .map_err(|e| e.to_string())?,
            _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host),
        };
        let mut builder = builder
            .port(cfg.port)
            .timeout(Some(std::time::Duration::from_secs(20)));
        if !cfg.username.is_empty() {
            builder = builder.credentials(Credentials::new(
                cfg.username.clone(),
                cfg.password.expose_secret().to_string(),
            ));
        }
        Ok(Self {
            mailer: builder.build(),
            from: cfg.from.parse().map_err(|e| format!("smtp.from: {e}"))?,
        })
    }
}

#[async_trait]
impl Transport for SmtpTransport {
    async fn deliver(&self, m: &OutboxRow) -> Result<(), String> {
        let to: Mailbox = m
            .recipient
            .parse()
            .map_err(|e| format!("bad recipient: {e}"))?;
        let text = SinglePart::plain(m.body.clone());
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone());
        let email = match &m.ics {
            Some(ics) => {
                let method = if ics.contains("METHOD:CANCEL") {
                    "CANCEL"
                } else {
                    "PUBLISH"
                };
                let kind =
                    ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                        .map_err(|e| e.to_string())?;
                builder.multipart(
                    MultiPart::mixed().singlepart(text).singlepart(
                        Attachment::new("rendez-vous.ics".into()).body(ics.clone(), kind),
                    ),
                )
            }
            None => builder.singlepart(text),
        }
        .map_err(|e| e.to_string())?;
        self.mailer
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// A generic HTTP SMS gateway: POST JSON {"to", "text"} with a bearer token.
pub struct HttpSms {
    client: reqwest::Client,
    url: String,
    token: String,
}

impl HttpSms {
    pub fn new(cfg: &Sms) -> Self {
        Self {
            client: reqwest::Client::new(),
            url: cfg.url.clone(),
            token: cfg.token.expose_secret().to_string(),
        }
    }
}

#[async_trait]
impl Transport for HttpSms {
    async fn deliver(&self, m: &OutboxRow) -> Result<(), String> {
        let res = self
            .client
            .post(&self.url)
            .bearer_auth(&self.token)
            .json(&serde_json::json!({ "to": m.recipient, "text": m.body }))
            .timeout(std::time::Duration::from_secs(20))
            .send()
            .await
            .map_err(|e| e.without_url().to_string())?;
        if res.status().is_success() {
            Ok(())
        } else {
            Err(format!("sms gateway answered {}", res.status()))
        }
    }
}

pub fn email_transport(cfg: &Smtp) -> Result<Box<dyn Transport>, String> {
    if cfg.host.is_empty() {
        Ok(Box::new(OutboxOnly))
    } else {
        Ok(Box::new(SmtpTransport::new(cfg)?))
    }
}

pub fn sms_transport(cfg: &Sms) -> Box<dyn Transport> {
    match cfg.provider.as_str() {
        "http" => Box::new(HttpSms::new(cfg)),
        _ => Box::new(OutboxOnly),
    }
}
