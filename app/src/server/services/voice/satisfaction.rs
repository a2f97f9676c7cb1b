//! Satisfaction, one tap: the question is asked (SMS/e-mail with a single-use link, and in
//! « Mon espace ») after each rendez-vous honoré and each workshop attended, reminded at
//! most once, answered once and changeable for a week. The link's page shows the question
//! and nothing else: no name, no date, no agency.

use super::{question, rating_options};
use crate::domain::authz::Action;
use crate::domain::error::AppError;
use crate::domain::satisfaction::{
    self, AnswerInput, EventKind, Rating, ASK_WITHIN_DAYS, CHANGE_DAYS, OPEN_DAYS,
    REMINDER_AFTER_DAYS,
};
use crate::domain::{Actor, AllocataireId};
use crate::i18n::{t, Arg};
use crate::pages;
use crate::server::crypto;
use crate::server::format;
use crate::server::services::notify::{notice_messages, Recipient};
use crate::server::services::{internal, own_file, AppState};
use crate::server::store::{
    Answer, AnswerOutcome, NewAudit, NewMessage, NewQuestion, Principal, QuestionRow,
};
use crate::tr;
use crate::views::{
    CommentStatusView, Done, LinkQuestionView, MyFeedbackView, MyQuestionView, QuestionView,
};
use chrono::{DateTime, Utc};
use validator::Validate;

const DAY: i64 = 86_400;

fn link(st: &AppState, token: &str) -> String {
    format!(
        "{}{}",
        st.settings.public_url.trim_end_matches('/'),
        pages::feedback_link(token)
    )
}

/// The question's messages: on every channel the person has, the link a secret (the
/// bodies are redacted once delivered).
fn messages(st: &AppState, p: &Recipient, key: &str, token: &str) -> Vec<NewMessage> {
    notice_messages(p, key, &[("link", Arg::from(&link(st, token)))])
        .into_iter()
        .map(|m| NewMessage {
            sensitive: true,
            ..m
        })
        .collect()
}

fn ask_key(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Appointment => "satisfaction-ask-rdv",
        EventKind::Workshop => "satisfaction-ask-atelier",
    }
}

/// Asks about every rendez-vous honoré and workshop attended of the last days nobody
/// asked about yet (run after an outcome is recorded, and by the scheduler). Returns how
/// many questions were asked.
pub async fn ask_due(st: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let now_s = now.timestamp();
    let due = st
        .store
        .due_events(now_s - ASK_WITHIN_DAYS * DAY, now_s)
        .await?;
    let mut asked = 0;
    for event in due {
        let Some(p) = st.store.allocataire(event.allocataire_id).await? else {
            continue;
        };
        if p.disabled {
            continue;
        }
        let token = crypto::new_token();
        let out = messages(st, &Recipient::from(&p), ask_key(event.kind), &token);
        let request = NewQuestion {
            event,
            token_hash: crypto::keyed_hash(&st.settings.secret, &token),
        };
        if st.store.ask(&request, &out, now_s).await? {
            asked += 1;
        }
    }
    if asked > 0 {
        st.outbox_signal.notify_one();
    }
    Ok(asked)
}

/// Right after an outcome or an attendance is recorded: the question goes out now rather
/// than at the scheduler's next run (which catches up if this fails).
pub async fn ask_now(st: &AppState, now: DateTime<Utc>) {
    if let Err(e) = ask_due(st, now).await {
        tracing::warn!(error = %e, "satisfaction question not asked yet");
    }
}

/// The one reminder, three days after the question, with a new link (the first one stops
/// working). Returns how many were sent.
pub async fn remind(st: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let now_s = now.timestamp();
    let due = st
        .store
        .reminders_due(now_s - REMINDER_AFTER_DAYS * DAY, now_s - OPEN_DAYS * DAY)
        .await?;
    let mut sent = 0;
    for r in due {
        if !satisfaction::reminder_due(r.asked_at, r.reminded, r.answered_at.is_some(), now_s) {
            continue;
        }
        let Some(p) = st.store.allocataire(r.allocataire_id).await? else {
            continue;
        };
        if p.disabled {
            continue;
        }
        let token = crypto::new_token();
        let out = messages(st, &Recipient::from(&p), "satisfaction-remind", &token);
        let hash = crypto::keyed_hash(&st.settings.secret, &token);
        if st.store.remind(r.id, &hash, &out, now_s).await? {
            sent += 1;
        }
    }
    if sent > 0 {
        st.outbox_signal.notify_one();
    }
    Ok(sent)
}

fn about(r: &QuestionRow) -> String {
    let day = format::date(format::day_of(r.event_at));
    match r.kind {
        EventKind::Appointment => tr!("satisfaction-about-rdv", day = day),
        EventKind::Workshop => tr!("satisfaction-about-atelier", day = day),
    }
}

fn question_view(r: &QuestionRow, now: i64) -> QuestionView {
    let may_answer = match r.answered_at {
        Some(at) => satisfaction::may_change(at, now),
        None => satisfaction::is_open(r.asked_at, now),
    };
    let note = match r.answered_at {
        Some(at) if may_answer => tr!(
            "satisfaction-changeable-until",
            day = format::date(format::day_of(at + CHANGE_DAYS * DAY))
        ),
        Some(_) => t("satisfaction-final"),
        None if may_answer => tr!(
            "satisfaction-open-until",
            day = format::date(format::day_of(r.asked_at + OPEN_DAYS * DAY))
        ),
        None => t("satisfaction-closed"),
    };
    QuestionView {
        id: r.id,
        question: question(r.kind),
        about: about(r),
        rating: r.rating.map(|x| x.value().to_string()),
        rating_label: r.rating.map(|x| t(x.label_key())),
        comment: r
            .comment
            .as_ref()
            .map(|c| c.original.clone())
            .unwrap_or_default(),
        may_answer,
        note,
        comment_status: r.comment.as_ref().map(|c| CommentStatusView {
            status: c.status.as_str().into(),
            label: t(c.status.label_key()),
            published: c
                .published
                .clone()
                .filter(|_| c.status == crate::domain::moderation::Status::Redacted),
            reason: c
                .reason
                .as_deref()
                .and_then(crate::domain::moderation::RejectReason::parse)
                .map(|r| t(r.label_key())),
        }),
    }
}

/// « Mes avis »: the questions waiting for an answer, and the answers given.
pub async fn mine(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<MyFeedbackView, AppError> {
    let p = own_file(st, actor, None, Action::GiveFeedback).await?;
    let now_s = now.timestamp();
    let (mut waiting, mut answered) = (Vec::new(), Vec::new());
    for r in st.store.questions_of(p.id).await? {
        match r.answered_at {
            Some(_) => answered.push(question_view(&r, now_s)),
            None if satisfaction::is_open(r.asked_at, now_s) => {
                waiting.push(question_view(&r, now_s))
            }
            None => {}
        }
    }
    Ok(MyFeedbackView {
        waiting,
        answered,
        options: rating_options(),
    })
}

/// One of the signed-in person's questions (someone else's answers 404).
async fn own_question(st: &AppState, actor: &Actor, id: i64) -> Result<QuestionRow, AppError> {
    let p = own_file(st, actor, None, Action::GiveFeedback).await?;
    st.store
        .question(id)
        .await?
        .filter(|r| r.allocataire_id == p.id)
        .ok_or(AppError::NotFound)
}

/// One of the person's questions, to answer or change.
pub async fn my_question(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<MyQuestionView, AppError> {
    let r = own_question(st, actor, id).await?;
    Ok(MyQuestionView {
        question: question_view(&r, now.timestamp()),
        options: rating_options(),
    })
}

/// How many questions wait for the person (« Mon espace » shows a card).
pub async fn waiting_count(
    st: &AppState,
    person: AllocataireId,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(st
        .store
        .waiting_count(person, now.timestamp() - OPEN_DAYS * DAY)
        .await?)
}

fn checked(input: &AnswerInput) -> Result<Rating, AppError> {
    input.validate()?;
    Rating::parse(&input.rating).ok_or_else(|| internal("a validated rating did not parse"))
}

fn answer_of(
    request: &QuestionRow,
    rating: Rating,
    input: &AnswerInput,
    link: Option<String>,
    now: i64,
) -> Answer {
    Answer {
        request_id: request.id,
        allocataire_id: request.allocataire_id,
        rating,
        comment: input.comment.trim().into(),
        link,
        changeable_since: now - CHANGE_DAYS * DAY,
        open_since: now - OPEN_DAYS * DAY,
    }
}

fn entry(request: &QuestionRow, how: &str) -> NewAudit {
    NewAudit {
        actor: Principal::Allocataire(request.allocataire_id).to_string(),
        agency: Some(request.agency_id),
        action: format!("satisfaction.answer{how}"),
        subject: format!("satisfaction:{}", request.id),
    }
}

fn thanks(input: &AnswerInput) -> String {
    if input.comment.trim().is_empty() {
        t("satisfaction-thanks")
    } else {
        t("satisfaction-thanks-comment")
    }
}

/// The signed-in person answers (or changes their answer within the week).
pub async fn answer_mine(
    st: &AppState,
    actor: &Actor,
    id: i64,
    input: AnswerInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let r = own_question(st, actor, id).await?;
    let rating = checked(&input)?;
    let now_s = now.timestamp();
    match st
        .store
        .answer(
            &answer_of(&r, rating, &input, None, now_s),
            &entry(&r, ""),
            now_s,
        )
        .await?
    {
        AnswerOutcome::Saved => Ok(Done {
            notice: thanks(&input),
            redirect: pages::MY_FEEDBACK.into(),
        }),
        AnswerOutcome::Closed | AnswerOutcome::LinkSpent => {
            Err(AppError::Conflict(t("satisfaction-closed")))
        }
    }
}

fn valid_token(token: Option<String>) -> Option<String> {
    token
        .filter(|t| !t.is_empty() && t.len() <= 128 && t.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The page a link opens (the token kept in this browser's session).
pub async fn link_question(
    st: &AppState,
    token: Option<String>,
    now: DateTime<Utc>,
) -> Result<LinkQuestionView, AppError> {
    let invalid = |key: &str| LinkQuestionView {
        state: "invalide".into(),
        question: String::new(),
        message: t(key),
        options: Vec::new(),
    };
    let Some(token) = valid_token(token) else {
        return Ok(invalid("satisfaction-link-invalid"));
    };
    let hash = crypto::keyed_hash(&st.settings.secret, &token);
    let Some(r) = st.store.question_by_token(&hash).await? else {
        return Ok(invalid("satisfaction-link-invalid"));
    };
    if r.answered_at.is_some() || r.link_used {
        return Ok(LinkQuestionView {
            state: "repondu".into(),
            question: question(r.kind),
            message: t("satisfaction-link-done"),
            options: Vec::new(),
        });
    }
    if !satisfaction::is_open(r.asked_at, now.timestamp()) {
        return Ok(invalid("satisfaction-link-expired"));
    }
    Ok(LinkQuestionView {
        state: "ouvert".into(),
        question: question(r.kind),
        message: t("satisfaction-link-intro"),
        options: rating_options(),
    })
}

/// The answer through the link: no sign-in; the link works once.
pub async fn answer_link(
    st: &AppState,
    token: Option<String>,
    input: AnswerInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let Some(token) = valid_token(token) else {
        return Err(AppError::Conflict(t("satisfaction-link-invalid")));
    };
    let rating = checked(&input)?;
    let hash = crypto::keyed_hash(&st.settings.secret, &token);
    let Some(r) = st.store.question_by_token(&hash).await? else {
        return Err(AppError::Conflict(t("satisfaction-link-invalid")));
    };
    let now_s = now.timestamp();
    match st
        .store
        .answer(
            &answer_of(&r, rating, &input, Some(hash), now_s),
            &entry(&r, ".link"),
            now_s,
        )
        .await?
    {
        AnswerOutcome::Saved => Ok(Done {
            notice: thanks(&input),
            redirect: pages::FEEDBACK.into(),
        }),
        AnswerOutcome::LinkSpent => Err(AppError::Conflict(t("satisfaction-link-used"))),
        AnswerOutcome::Closed => Err(AppError::Conflict(t("satisfaction-link-expired"))),
    }
}
