//! The voice of the people supported: the satisfaction question (Mon espace, the link),
//! the moderation queue, and the results with small cells suppressed.

use serde::{Deserialize, Serialize};

/// One of the five answers as a form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingOption {
    pub value: String,
    pub label: String,
    pub pictogram: String,
}

/// What became of the person's own comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentStatusView {
    /// `en_attente`, `publie`, `masque`, `refuse`.
    pub status: String,
    pub label: String,
    /// The published text when passages were masked.
    pub published: Option<String>,
    pub reason: Option<String>,
}

/// A question asked to the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i64,
    pub question: String,
    /// « Rendez-vous du 2 décembre 2026 ».
    pub about: String,
    /// The answer given ("1" to "5"), if any.
    pub rating: Option<String>,
    pub rating_label: Option<String>,
    pub comment: String,
    /// Open, or answered less than a week ago.
    pub may_answer: bool,
    /// « Modifiable jusqu'au … » or « Réponse définitive ».
    pub note: String,
    pub comment_status: Option<CommentStatusView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyFeedbackView {
    pub waiting: Vec<QuestionView>,
    pub answered: Vec<QuestionView>,
    pub options: Vec<RatingOption>,
}

/// One question to answer or change, with the answers offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyQuestionView {
    pub question: QuestionView,
    pub options: Vec<RatingOption>,
}

/// The page a satisfaction link opens: the question only (it reveals nothing), or why
/// the link no longer works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkQuestionView {
    /// `ouvert`, `repondu` or `invalide`.
    pub state: String,
    pub question: String,
    pub message: String,
    pub options: Vec<RatingOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationItemView {
    pub id: i64,
    pub revision: i64,
    /// « Commentaire après un rendez-vous ».
    pub source_label: String,
    pub when: String,
    pub original: String,
    /// The text with the suggested passages masked, for « masquer » to start from.
    pub suggestion: String,
    pub suggested: usize,
    pub status: String,
    pub status_label: String,
    pub published: Option<String>,
    pub reason_label: Option<String>,
    /// « Décidé le … par … ».
    pub decided: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationView {
    pub pending: Vec<ModerationItemView>,
    pub decided: Vec<ModerationItemView>,
    /// (value, label)
    pub reasons: Vec<(String, String)>,
}

/// One answer's line in a question's results: the figures as text (« moins de 11 » when
/// suppressed) and the bar's length in percent (none when suppressed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultLine {
    pub label: String,
    pub pictogram: String,
    pub count: String,
    pub percent: String,
    pub bar: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResults {
    /// `rdv` or `atelier`.
    pub kind: String,
    pub question: String,
    pub total: String,
    pub lines: Vec<ResultLine>,
}

/// The agencies side by side (the département's admin), one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonView {
    pub question: String,
    pub headers: Vec<String>,
    /// (agency, figures per answer, total)
    pub rows: Vec<(String, Vec<String>, String)>,
    pub totals: (Vec<String>, String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedCommentView {
    pub question: String,
    pub when: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsView {
    pub scope: String,
    /// (value, label)
    pub periods: Vec<(String, String)>,
    pub period: String,
    pub period_label: String,
    pub questions: Vec<QuestionResults>,
    pub comparison: Vec<ComparisonView>,
    pub comments: Vec<PublishedCommentView>,
    /// Fewer than 11 respondents: the comments are not shown either.
    pub comments_withheld: bool,
    pub csv: String,
}

/// « Panels et jurys » in Mon espace: whether the person volunteered, since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPanelView {
    pub volunteer: bool,
    /// « Volontaire depuis le … (texte de décembre 2026) ».
    pub since: Option<String>,
    /// The version of the text shown (the form sends it back).
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerLine {
    pub name: String,
    pub numero: String,
    pub agency: String,
    pub since: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteersView {
    pub lines: Vec<VolunteerLine>,
}
