//! Surveys: the builder (staff), « Mes questionnaires » (the allocataire), the results.

use super::ResultLine;
use serde::{Deserialize, Serialize};

/// A question as a page shows it (to answer, to preview, to edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyQuestionView {
    pub key: i64,
    /// The form field (`q<key>`).
    pub field: String,
    pub section: i64,
    /// `choix_unique`, `choix_multiple`, `echelle`, `oui_non`, `texte_court`, `texte_long`.
    pub kind: String,
    pub kind_label: String,
    pub label: String,
    pub required: bool,
    /// (value, words) of a choice question.
    pub options: Vec<(String, String)>,
    /// The choices one per line (the edit form).
    pub options_text: String,
    /// « Affichée si … » for staff.
    pub condition: Option<String>,
    /// `<key>:<value>` (the edit form).
    pub show_if: String,
    /// The person's answer so far.
    pub answer: Vec<String>,
    /// Its words, for the summary.
    pub answer_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySectionView {
    pub number: i64,
    pub heading: String,
    pub questions: Vec<SurveyQuestionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyListItem {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub status_label: String,
    pub audience_label: String,
    pub dates: String,
    /// « 12 invitées, 4 réponses ».
    pub counts: String,
}

/// `/pro/questionnaires`: the surveys, and the form to start one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveysView {
    pub items: Vec<SurveyListItem>,
    pub audiences: Vec<(String, String)>,
    pub opens_on: String,
    pub closes_on: String,
}

/// `/pro/questionnaires/{id}`: one survey to build, preview, publish, close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSurveyView {
    pub id: i64,
    pub title: String,
    pub intro: String,
    pub thanks: String,
    pub anonymity: String,
    pub anonymity_note: String,
    pub audience: String,
    pub audience_label: String,
    pub numeros: String,
    pub opens_on: String,
    pub closes_on: String,
    pub dates: String,
    pub status: String,
    pub status_label: String,
    /// « Version 2 : les réponses déjà envoyées gardent la version 1. »
    pub version_note: Option<String>,
    pub counts: String,
    /// Settings change only while a draft.
    pub draft: bool,
    /// Questions change until the survey closes.
    pub may_edit_questions: bool,
    pub may_close: bool,
    pub sections: Vec<SurveySectionView>,
    pub kinds: Vec<(String, String)>,
    /// (`<key>:<value>`, « Q2 « … » : Non »): the answers a new question may depend on.
    pub conditions: Vec<(String, String)>,
    pub audiences: Vec<(String, String)>,
    pub next_section: i64,
}

/// `/pro/questionnaires/{id}/apercu`: the survey as a phone shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyPreviewView {
    pub id: i64,
    pub title: String,
    pub intro: String,
    pub anonymity_note: String,
    pub thanks: String,
    pub sections: Vec<SurveySectionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySurveyItem {
    pub id: i64,
    pub title: String,
    /// `a_faire`, `en_cours`, `envoye`, `ferme`.
    pub state: String,
    pub state_label: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySurveysView {
    pub open: Vec<MySurveyItem>,
    pub past: Vec<MySurveyItem>,
}

/// `/espace/questionnaires/{id}`: the introduction, one section, the summary, or the
/// thanks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySurveyView {
    pub id: i64,
    pub title: String,
    /// `intro`, `partie`, `resume`, `envoye`, `ferme`.
    pub step: String,
    /// Why the survey takes no answers (`ferme`), or what to do next.
    pub message: String,
    pub intro: String,
    pub anonymity_note: String,
    pub thanks: String,
    /// « Partie 2 sur 3 ».
    pub progress: String,
    pub section: Option<SurveySectionView>,
    /// Where « Commencer » / « Reprendre » / « Précédent » go.
    pub start_href: String,
    pub start_label: String,
    pub back_href: Option<String>,
    /// The summary: every section shown, with its answers and a link to change them.
    pub summary: Vec<SurveySectionView>,
}

/// One question's results: counts and shares, small cells suppressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyQuestionResult {
    pub label: String,
    pub kind_label: String,
    pub lines: Vec<ResultLine>,
    /// Approved or masked texts only.
    pub texts: Vec<String>,
    pub is_text: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyResultsView {
    pub id: i64,
    pub title: String,
    pub version: i64,
    pub versions: Vec<(String, String)>,
    /// « 14 réponses » or « moins de 11 réponses ».
    pub respondents: String,
    pub questions: Vec<SurveyQuestionResult>,
    pub csv_href: String,
}
