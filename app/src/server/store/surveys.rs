//! Surveys: their settings and versioned questions, who was invited and how far they got,
//! the responses sent (anonymous ones without the person), the counts behind the results.

use super::{AllocataireRow, NewAudit, NewMessage, StoreResult};
use crate::domain::survey::{Audience, Question, Status};
use crate::domain::{AgencyId, AllocataireId, StaffId};
use async_trait::async_trait;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRow {
    pub id: i64,
    /// `None`: every agency.
    pub agency_id: Option<AgencyId>,
    pub title: String,
    pub intro: String,
    pub thanks: String,
    pub anonymous: bool,
    pub audience: Audience,
    pub numeros: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub status: Status,
    pub version: i64,
    pub published_at: Option<i64>,
    /// People invited, and how many sent their answers.
    pub invited: i64,
    pub sent: i64,
}

/// A survey's settings as the service checked them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveySettings {
    pub agency_id: Option<AgencyId>,
    pub title: String,
    pub intro: String,
    pub thanks: String,
    pub anonymous: bool,
    pub audience: Audience,
    pub numeros: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub by: Option<StaffId>,
}

/// A change to a survey's questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionChange {
    /// A new question (its key and position are chosen by the store).
    Add(Question),
    /// The question `key` now reads so (its key and position kept).
    Edit(Question),
    Remove(i64),
}

/// A person's place in a survey they were invited to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantRow {
    pub survey_id: i64,
    pub allocataire_id: AllocataireId,
    pub agency_id: AgencyId,
    /// The version their answers so far are for (set by the first section saved).
    pub version: Option<i64>,
    /// Their answers so far (JSON), until sent.
    pub draft: Option<String>,
    pub sent: bool,
}

/// A response as the service checked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub survey_id: i64,
    pub person: AllocataireId,
    pub agency_id: AgencyId,
    pub version: i64,
    pub anonymous: bool,
    /// Random, so that nothing orders responses.
    pub response_id: String,
    /// (question key, value chosen)
    pub choices: Vec<(i64, String)>,
    /// (random id, question key, text): each goes to moderation.
    pub texts: Vec<(i64, i64, String)>,
    /// The survey must still be open on this day (YYYY-MM-DD).
    pub today: NaiveDate,
    /// An anonymous text enters the queue at this time (the day's start), not the
    /// sending's.
    pub queued_at: i64,
    /// Sent at (kept only when named).
    pub now: i64,
    /// A named response is audited; an anonymous one is not (the entry would say who
    /// sent when).
    pub audit: Option<NewAudit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitOutcome {
    Sent,
    /// Sent already (another tab, a double tap): nothing written.
    AlreadySent,
    /// Closed meanwhile, or the version changed under a draft-less send.
    Closed,
}

/// How many responses of a version chose each value of each question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceCount {
    pub key: i64,
    pub value: String,
    pub count: i64,
}

#[async_trait]
pub trait SurveyStore: Send + Sync {
    async fn create_survey(
        &self,
        s: &SurveySettings,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<i64>;
    /// Changes a draft's settings; false once published.
    async fn update_survey(
        &self,
        id: i64,
        s: &SurveySettings,
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool>;
    async fn survey(&self, id: i64) -> StoreResult<Option<SurveyRow>>;
    /// The surveys of an agency (and those for every agency), or all (`None`), newest first.
    async fn surveys(&self, agency: Option<AgencyId>) -> StoreResult<Vec<SurveyRow>>;
    /// The questions live at `version`, in order.
    async fn survey_questions(&self, survey: i64, version: i64) -> StoreResult<Vec<Question>>;
    /// Applies a change to the questions of the current version, or, when someone has
    /// answered it (a response sent or answers saved), to a new version. `check` sees
    /// the questions as they would be and may refuse them (nothing written); returns the
    /// version the questions are now at.
    async fn change_questions(
        &self,
        survey: i64,
        change: &QuestionChange,
        check: &(dyn for<'q> Fn(&'q [Question]) -> Result<(), String> + Send + Sync),
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<Result<i64, String>>;
    /// The people a publication invites.
    async fn survey_audience(
        &self,
        agency: Option<AgencyId>,
        audience: Audience,
        numeros: &[String],
    ) -> StoreResult<Vec<AllocataireRow>>;
    /// Publishes a draft: invites `people` and writes their messages, in one transaction;
    /// false if it was not a draft any more.
    async fn publish_survey(
        &self,
        id: i64,
        people: &[(AllocataireId, AgencyId)],
        messages: &[NewMessage],
        audit: &NewAudit,
        now: i64,
    ) -> StoreResult<bool>;
    async fn close_survey(&self, id: i64, audit: &NewAudit, now: i64) -> StoreResult<bool>;
    async fn participant(
        &self,
        survey: i64,
        person: AllocataireId,
    ) -> StoreResult<Option<ParticipantRow>>;
    /// The surveys a person was invited to, newest first.
    async fn surveys_of(
        &self,
        person: AllocataireId,
    ) -> StoreResult<Vec<(SurveyRow, ParticipantRow)>>;
    /// Saves the answers so far; false once sent.
    async fn save_survey_draft(
        &self,
        survey: i64,
        person: AllocataireId,
        version: i64,
        draft: &str,
    ) -> StoreResult<bool>;
    /// Sends: marks the person's participation sent and writes the response, in one
    /// transaction (50 taps at once: one response).
    async fn submit(&self, s: &Submission) -> StoreResult<SubmitOutcome>;
    /// Responses sent for a version.
    async fn respondents(&self, survey: i64, version: i64) -> StoreResult<i64>;
    async fn choice_counts(&self, survey: i64, version: i64) -> StoreResult<Vec<ChoiceCount>>;
    /// The approved (or masked) texts of a version: (question key, published text).
    async fn published_texts(
        &self,
        survey: i64,
        version: i64,
        limit: i64,
    ) -> StoreResult<Vec<(i64, String)>>;
}
