//! The voice of the people supported: satisfaction questions and their answers, and the
//! moderation queue of the texts they write.

use super::{NewAudit, NewMessage, StoreResult};
use crate::domain::moderation::Status;
use crate::domain::satisfaction::{EventKind, Rating};
use crate::domain::{AgencyId, AllocataireId, StaffId};
use async_trait::async_trait;

/// A rendez-vous honoré or a workshop attended that nobody asked about yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueEvent {
    pub kind: EventKind,
    pub event_id: i64,
    pub event_at: i64,
    pub allocataire_id: AllocataireId,
    pub agency_id: AgencyId,
}

/// A question asked, with its answer and the comment's moderation, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionRow {
    pub id: i64,
    pub allocataire_id: AllocataireId,
    pub agency_id: AgencyId,
    pub kind: EventKind,
    pub event_at: i64,
    pub asked_at: i64,
    pub reminded: bool,
    pub link_used: bool,
    pub rating: Option<Rating>,
    pub answered_at: Option<i64>,
    pub comment: Option<CommentRow>,
}

/// The author's view of their own comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub original: String,
    pub published: Option<String>,
    pub status: Status,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuestion {
    pub event: DueEvent,
    pub token_hash: String,
}

/// An answer as the service checked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub request_id: i64,
    pub allocataire_id: AllocataireId,
    pub rating: Rating,
    /// Empty: no comment (an earlier one is withdrawn).
    pub comment: String,
    /// Answered through the link: its hash, spent by this answer.
    pub link: Option<String>,
    /// An earlier answer may be changed only if given after this.
    pub changeable_since: i64,
    /// The question must have been asked after this.
    pub open_since: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerOutcome {
    Saved,
    /// Answered more than a week ago, or the question closed.
    Closed,
    /// The link was used already (or never existed).
    LinkSpent,
}

/// A text in the moderation queue, as moderators read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    pub id: i64,
    pub agency_id: AgencyId,
    pub source: String,
    pub source_id: i64,
    pub author_id: Option<AllocataireId>,
    pub original: String,
    pub published: Option<String>,
    pub status: Status,
    pub reason: Option<String>,
    pub revision: i64,
    pub decided_by: Option<StaffId>,
    pub decided_at: Option<i64>,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModerationDecision {
    pub item_id: i64,
    pub revision: i64,
    pub status: Status,
    pub published: Option<String>,
    pub reason: Option<String>,
    pub by: Option<StaffId>,
}

/// How many answered what, per agency and question, over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingCount {
    pub agency_id: AgencyId,
    pub kind: EventKind,
    pub rating: Rating,
    pub count: i64,
}

/// A published comment, without its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedComment {
    pub agency_id: AgencyId,
    pub kind: EventKind,
    pub text: String,
    pub event_at: i64,
}

/// A person's open consent to the panels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRow {
    pub version: String,
    pub given_at: i64,
}

/// A volunteer, as staff list them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolunteerRow {
    pub allocataire_id: AllocataireId,
    pub agency_id: AgencyId,
    pub numero: String,
    pub first_name: String,
    pub last_name: String,
    pub version: String,
    pub given_at: i64,
}

#[async_trait]
pub trait VoiceStore: Send + Sync {
    /// Rendez-vous honorés and workshops attended whose outcome was recorded since
    /// `since` (after the rendez-vous began, or from the hour before the workshop, which
    /// is asked about once it has ended), for an event of the last month, with no
    /// question yet. History loaded otherwise (an import, the demo) is not asked about.
    async fn due_events(&self, since: i64, now: i64) -> StoreResult<Vec<DueEvent>>;
    /// Asks the question and writes its messages, in one transaction; false (nothing
    /// written) when it was asked already.
    async fn ask(&self, r: &NewQuestion, messages: &[NewMessage], now: i64) -> StoreResult<bool>;
    /// A person's questions, newest first.
    async fn questions_of(&self, person: AllocataireId) -> StoreResult<Vec<QuestionRow>>;
    /// How many open questions a person has not answered (for « Mon espace »).
    async fn waiting_count(&self, person: AllocataireId, open_since: i64) -> StoreResult<i64>;
    async fn question(&self, id: i64) -> StoreResult<Option<QuestionRow>>;
    async fn question_by_token(&self, token_hash: &str) -> StoreResult<Option<QuestionRow>>;
    /// Saves the answer (and queues its comment), spending the link if it came through
    /// one, in one transaction.
    async fn answer(&self, a: &Answer, audit: &NewAudit, now: i64) -> StoreResult<AnswerOutcome>;
    /// Unanswered, never reminded questions asked between `open_since` and `asked_before`.
    async fn reminders_due(
        &self,
        asked_before: i64,
        open_since: i64,
    ) -> StoreResult<Vec<QuestionRow>>;
    /// The one reminder: a new link (the first stops working) and its messages; false if
    /// the question was answered or reminded meanwhile.
    async fn remind(
        &self,
        id: i64,
        token_hash: &str,
        messages: &[NewMessage],
        now: i64,
    ) -> StoreResult<bool>;
    /// The agency's texts (every agency: `None`): waiting ones first, then the latest
    /// decisions.
    async fn moderation_queue(
        &self,
        agency: Option<AgencyId>,
        limit: i64,
    ) -> StoreResult<Vec<ItemRow>>;
    async fn moderation_item(&self, id: i64) -> StoreResult<Option<ItemRow>>;
    /// Decides on the revision read; false when the text changed or was decided meanwhile.
    async fn decide(&self, d: &ModerationDecision, audit: &NewAudit, now: i64)
        -> StoreResult<bool>;
    /// Answers per agency, question and answer, for events in `[from, to)`.
    async fn rating_counts(
        &self,
        agency: Option<AgencyId>,
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<RatingCount>>;
    /// Published comments (approved or masked) on events in `[from, to)`, newest first.
    async fn published_comments(
        &self,
        agency: Option<AgencyId>,
        from: i64,
        to: i64,
        limit: i64,
    ) -> StoreResult<Vec<PublishedComment>>;
    /// The person's open consent to the panels, if any.
    async fn consent_of(&self, person: AllocataireId) -> StoreResult<Option<ConsentRow>>;
    /// Records a consent to `version`; false (nothing written) if one is open already.
    async fn volunteer(
        &self,
        person: AllocataireId,
        agency: AgencyId,
        version: &str,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool>;
    /// Closes the open consent; false if there was none.
    async fn withdraw(
        &self,
        person: AllocataireId,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool>;
    /// The volunteers of an agency (every agency: `None`), by name.
    async fn volunteers(&self, agency: Option<AgencyId>) -> StoreResult<Vec<VolunteerRow>>;
}
