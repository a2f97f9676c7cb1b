//! Surveys built by staff and answered by the people supported: question kinds, the
//! condition that shows a question only after a given answer, the check of one section's
//! answers (required, offered choices, lengths, questions of this survey only), versions
//! (a survey answered once keeps its questions: a change makes a new version).
//!
//! A question keeps its `key` across versions (the answer form's field is `q<key>`, and a
//! condition names the key it depends on); a version is the set of questions live at it.

use super::inputs::{err, parse_date, plain_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use validator::{Validate, ValidationError};

/// The longest short text answer, and the longest long one (characters).
pub const SHORT_MAX: usize = 200;
pub const LONG_MAX: usize = 2000;
/// Choices a single or multiple choice question offers.
pub const OPTIONS_MIN: usize = 2;
pub const OPTIONS_MAX: usize = 12;
pub const OPTION_MAX: usize = 120;
/// Sections a survey may have.
pub const SECTIONS_MAX: i64 = 20;
/// Questions a survey may have.
pub const QUESTIONS_MAX: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Single,
    Multiple,
    Scale,
    YesNo,
    Short,
    Long,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Self::Single,
        Self::Multiple,
        Self::Scale,
        Self::YesNo,
        Self::Short,
        Self::Long,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "choix_unique",
            Self::Multiple => "choix_multiple",
            Self::Scale => "echelle",
            Self::YesNo => "oui_non",
            Self::Short => "texte_court",
            Self::Long => "texte_long",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Single => "survey-kind-choix_unique",
            Self::Multiple => "survey-kind-choix_multiple",
            Self::Scale => "survey-kind-echelle",
            Self::YesNo => "survey-kind-oui_non",
            Self::Short => "survey-kind-texte_court",
            Self::Long => "survey-kind-texte_long",
        }
    }
    /// The kinds whose choices staff write.
    pub fn has_options(self) -> bool {
        matches!(self, Self::Single | Self::Multiple)
    }
    /// Free text: moderated before anyone else reads it.
    pub fn is_text(self) -> bool {
        matches!(self, Self::Short | Self::Long)
    }
}

/// Who a survey is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// Every person followed by the agency.
    Agency,
    /// Every person of every agency (the admin).
    All,
    /// The agency's panel volunteers (an open consent).
    Volunteers,
    /// A list of numéros allocataire.
    List,
}

impl Audience {
    pub const ALL: [Audience; 4] = [Self::Agency, Self::Volunteers, Self::List, Self::All];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agency => "agence",
            Self::All => "toutes",
            Self::Volunteers => "volontaires",
            Self::List => "liste",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Agency => "survey-audience-agence",
            Self::All => "survey-audience-toutes",
            Self::Volunteers => "survey-audience-volontaires",
            Self::List => "survey-audience-liste",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Draft,
    Published,
    Closed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "brouillon",
            Self::Published => "publie",
            Self::Closed => "clos",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Draft, Self::Published, Self::Closed]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Draft => "survey-status-brouillon",
            Self::Published => "survey-status-publie",
            Self::Closed => "survey-status-clos",
        }
    }
}

/// Whether a survey takes answers on `today` (Paris days, both ends included).
pub fn is_open(status: Status, opens: NaiveDate, closes: NaiveDate, today: NaiveDate) -> bool {
    status == Status::Published && opens <= today && today <= closes
}

/// One question of one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub key: i64,
    pub section: i64,
    pub position: i64,
    pub kind: Kind,
    pub label: String,
    pub required: bool,
    /// The choices of a single or multiple choice question, in order.
    pub options: Vec<String>,
    /// Shown only when the question `key` was answered with this value.
    pub show_if: Option<(i64, String)>,
}

impl Question {
    /// The values a choice question accepts (`None`: free text). A choice's words are
    /// its option (the n-th for value "n"); a scale's, its number; yes/no's, in the
    /// catalogue (`survey-yes`, `survey-no`).
    pub fn values(&self) -> Option<Vec<String>> {
        match self.kind {
            Kind::Single | Kind::Multiple => {
                Some((1..=self.options.len()).map(|i| i.to_string()).collect())
            }
            Kind::Scale => Some((1..=5).map(|v| v.to_string()).collect()),
            Kind::YesNo => Some(vec!["oui".into(), "non".into()]),
            Kind::Short | Kind::Long => None,
        }
    }
    /// The form field of this question's answer.
    pub fn field(&self) -> String {
        field(self.key)
    }
    fn max_len(&self) -> usize {
        if self.kind == Kind::Long {
            LONG_MAX
        } else {
            SHORT_MAX
        }
    }
}

pub fn field(key: i64) -> String {
    format!("q{key}")
}

/// A person's answers so far: question key → the values (one, several for a multiple
/// choice, the text for a free text).
pub type Answers = BTreeMap<i64, Vec<String>>;

/// Whether a question is shown, given the answers so far.
pub fn visible(q: &Question, answers: &Answers) -> bool {
    match &q.show_if {
        None => true,
        Some((key, value)) => answers.get(key).is_some_and(|v| v.contains(value)),
    }
}

/// The sections of a version, in order.
pub fn sections(questions: &[Question]) -> Vec<i64> {
    let mut s: Vec<i64> = questions.iter().map(|q| q.section).collect();
    s.sort_unstable();
    s.dedup();
    s
}

/// The first section after `after` (`None`: from the start) with a question shown.
pub fn next_section(questions: &[Question], answers: &Answers, after: Option<i64>) -> Option<i64> {
    sections(questions)
        .into_iter()
        .filter(|s| after.is_none_or(|a| *s > a))
        .find(|s| {
            questions
                .iter()
                .any(|q| q.section == *s && visible(q, answers))
        })
}

/// Why an answer was refused: the field and the catalogue key of its message.
pub type Refusal = (String, &'static str);

/// Checks the answers posted for one section (`posted`: form pairs, `q<key>` = value,
/// repeated for a multiple choice) against the answers given before. Returns every
/// answer with this section's replaced; answers to questions hidden by a condition are
/// dropped. A field naming no question of this section is a forged request (`Err` with
/// an empty list). Fields other than `q…` are ignored.
pub fn check_section(
    questions: &[Question],
    section: i64,
    before: &Answers,
    posted: &[(String, String)],
) -> Result<Answers, Vec<Refusal>> {
    let in_section: Vec<&Question> = questions.iter().filter(|q| q.section == section).collect();
    let mut given: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (name, value) in posted {
        let Some(key) = name.strip_prefix('q').and_then(|k| k.parse::<i64>().ok()) else {
            continue;
        };
        if !in_section.iter().any(|q| q.key == key) {
            return Err(Vec::new());
        }
        let v = value.trim();
        if !v.is_empty() {
            given.entry(key).or_default().push(v.to_string());
        }
    }
    let mut answers = before.clone();
    for q in &in_section {
        answers.remove(&q.key);
    }
    let mut refused = Vec::new();
    // In order, so that a condition on a question of the same section sees its answer.
    for q in &in_section {
        if !visible(q, &answers) {
            continue;
        }
        let values = given.remove(&q.key).unwrap_or_default();
        match check_one(q, &values) {
            Ok(true) => {
                answers.insert(q.key, values);
            }
            Ok(false) => {}
            Err(key) => refused.push((q.field(), key)),
        }
    }
    if refused.is_empty() {
        Ok(answers)
    } else {
        Err(refused)
    }
}

/// `Ok(true)`: answered; `Ok(false)`: left empty (allowed).
fn check_one(q: &Question, values: &[String]) -> Result<bool, &'static str> {
    if values.is_empty() {
        return if q.required {
            Err("form-survey-required")
        } else {
            Ok(false)
        };
    }
    match q.values() {
        Some(offered) => {
            if values.len() > 1 && q.kind != Kind::Multiple {
                return Err("form-survey-one-choice");
            }
            let mut seen = std::collections::BTreeSet::new();
            for v in values {
                if !offered.contains(v) || !seen.insert(v) {
                    return Err("form-survey-not-offered");
                }
            }
        }
        None => {
            let text = &values[0];
            if values.len() > 1 {
                return Err("form-survey-one-text");
            }
            if text.chars().count() > q.max_len() {
                return Err(if q.kind == Kind::Long {
                    "form-survey-long-length"
                } else {
                    "form-survey-short-length"
                });
            }
            if plain_text(text).is_err() {
                return Err("form-control-character");
            }
        }
    }
    Ok(true)
}

/// The first section still missing a required answer (or holding a hidden one's),
/// before sending: `None` when everything is complete.
pub fn incomplete(questions: &[Question], answers: &Answers) -> Option<i64> {
    questions
        .iter()
        .find(|q| q.required && visible(q, answers) && !answers.contains_key(&q.key))
        .map(|q| q.section)
}

/// The answers to send: only those of questions shown.
pub fn kept_answers(questions: &[Question], answers: &Answers) -> Answers {
    questions
        .iter()
        .filter(|q| visible(q, answers))
        .filter_map(|q| answers.get(&q.key).map(|v| (q.key, v.clone())))
        .collect()
}

fn valid_title(v: &str) -> Result<(), ValidationError> {
    plain_text(v)?;
    let n = v.trim().chars().count();
    if (3..=120).contains(&n) {
        Ok(())
    } else {
        Err(err("length", "form-survey-title-length"))
    }
}

fn valid_date(v: &str) -> Result<(), ValidationError> {
    parse_date(v)
        .map(|_| ())
        .ok_or_else(|| err("date", "form-survey-date-invalid"))
}

fn valid_audience(v: &str) -> Result<(), ValidationError> {
    Audience::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("audience", "form-survey-audience-invalid"))
}

fn valid_anonymity(v: &str) -> Result<(), ValidationError> {
    matches!(v, "anonyme" | "nominatif")
        .then_some(())
        .ok_or_else(|| err("anonymity", "form-survey-anonymity-required"))
}

/// A survey's settings, as staff type them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "valid_survey"))]
pub struct SurveyInput {
    #[validate(custom(function = "valid_title"))]
    pub title: String,
    #[validate(
        length(max = 2000, message = "form-survey-text-length"),
        custom(function = "plain_text")
    )]
    pub intro: String,
    #[validate(
        length(max = 1000, message = "form-survey-text-length"),
        custom(function = "plain_text")
    )]
    pub thanks: String,
    /// `anonyme` or `nominatif`.
    #[validate(custom(function = "valid_anonymity"))]
    pub anonymity: String,
    #[validate(custom(function = "valid_audience"))]
    pub audience: String,
    /// The numéros of a list audience, one per line (or separated by spaces, commas).
    #[validate(
        length(max = 20000, message = "form-survey-list-length"),
        custom(function = "plain_text")
    )]
    pub numeros: String,
    #[validate(custom(function = "valid_date"))]
    pub opens_on: String,
    #[validate(custom(function = "valid_date"))]
    pub closes_on: String,
}

fn valid_survey(s: &SurveyInput) -> Result<(), ValidationError> {
    if let (Some(o), Some(c)) = (parse_date(&s.opens_on), parse_date(&s.closes_on)) {
        if c < o {
            return Err(err("closes_on", "form-survey-closes-before"));
        }
    }
    if s.audience == Audience::List.as_str() && s.list().is_empty() {
        return Err(err("numeros", "form-survey-list-empty"));
    }
    Ok(())
}

impl SurveyInput {
    pub fn anonymous(&self) -> bool {
        self.anonymity == "anonyme"
    }
    pub fn audience(&self) -> Option<Audience> {
        Audience::parse(&self.audience)
    }
    pub fn opens(&self) -> Option<NaiveDate> {
        parse_date(&self.opens_on)
    }
    pub fn closes(&self) -> Option<NaiveDate> {
        parse_date(&self.closes_on)
    }
    /// The numéros of a list audience, each once, in the order typed.
    pub fn list(&self) -> Vec<String> {
        let mut seen = std::collections::BTreeSet::new();
        self.numeros
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|n| !n.is_empty())
            .filter(|n| seen.insert(n.to_string()))
            .map(str::to_string)
            .collect()
    }
}

fn valid_kind(v: &str) -> Result<(), ValidationError> {
    Kind::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("kind", "form-survey-kind-invalid"))
}

fn valid_label(v: &str) -> Result<(), ValidationError> {
    plain_text(v)?;
    let n = v.trim().chars().count();
    if (3..=300).contains(&n) {
        Ok(())
    } else {
        Err(err("length", "form-survey-label-length"))
    }
}

fn valid_section(v: &str) -> Result<(), ValidationError> {
    match v.trim().parse::<i64>() {
        Ok(n) if (1..=SECTIONS_MAX).contains(&n) => Ok(()),
        _ => Err(err("section", "form-survey-section-invalid")),
    }
}

/// A question as staff type it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "valid_question"))]
pub struct QuestionInput {
    #[validate(custom(function = "valid_section"))]
    pub section: String,
    #[validate(custom(function = "valid_kind"))]
    pub kind: String,
    #[validate(custom(function = "valid_label"))]
    pub label: String,
    /// A checkbox: "on" when ticked.
    pub required: String,
    /// The choices, one per line.
    #[validate(
        length(max = 2000, message = "form-survey-options-length"),
        custom(function = "plain_text")
    )]
    pub options: String,
    /// `<key>:<value>`: shown only after that answer ("" for always).
    #[validate(length(max = 40, message = "form-survey-condition-invalid"))]
    pub show_if: String,
}

fn valid_question(q: &QuestionInput) -> Result<(), ValidationError> {
    if Kind::parse(&q.kind).is_some_and(Kind::has_options) {
        let options = q.option_list();
        if !(OPTIONS_MIN..=OPTIONS_MAX).contains(&options.len()) {
            return Err(err("options", "form-survey-options-count"));
        }
        if options.iter().any(|o| o.chars().count() > OPTION_MAX) {
            return Err(err("options", "form-survey-option-length"));
        }
    }
    if !q.show_if.is_empty() && q.condition().is_none() {
        return Err(err("show_if", "form-survey-condition-invalid"));
    }
    Ok(())
}

impl QuestionInput {
    pub fn option_list(&self) -> Vec<String> {
        self.options
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }
    pub fn condition(&self) -> Option<(i64, String)> {
        let (k, v) = self.show_if.split_once(':')?;
        let key = k.trim().parse().ok()?;
        let v = v.trim();
        (!v.is_empty()).then(|| (key, v.to_string()))
    }
    /// The question these fields describe (kind and section already validated).
    pub fn question(&self, key: i64, position: i64) -> Option<Question> {
        let kind = Kind::parse(&self.kind)?;
        Some(Question {
            key,
            section: self.section.trim().parse().ok()?,
            position,
            kind,
            label: self.label.trim().to_string(),
            required: self.required == "on",
            options: if kind.has_options() {
                self.option_list()
            } else {
                Vec::new()
            },
            show_if: self.condition(),
        })
    }
}

/// Whether a condition may stand: it names a choice question of an earlier section (one
/// section per page: without JavaScript, a question cannot appear under the answer it
/// waits for) and one of its values.
pub fn condition_holds(questions: &[Question], q: &Question) -> bool {
    match &q.show_if {
        None => true,
        Some((key, value)) => questions.iter().any(|c| {
            c.key == *key && c.section < q.section && c.values().is_some_and(|o| o.contains(value))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(key: i64, section: i64, kind: Kind, required: bool) -> Question {
        Question {
            key,
            section,
            position: key,
            kind,
            label: format!("Question {key}"),
            required,
            options: if kind.has_options() {
                vec!["Oui, souvent".into(), "Parfois".into(), "Jamais".into()]
            } else {
                Vec::new()
            },
            show_if: None,
        }
    }

    fn posted(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn survey() -> Vec<Question> {
        let mut follow = q(3, 1, Kind::Long, true);
        follow.show_if = Some((2, "non".into()));
        vec![
            q(1, 1, Kind::Single, true),
            q(2, 1, Kind::YesNo, true),
            follow,
            q(4, 2, Kind::Multiple, false),
            q(5, 2, Kind::Scale, true),
            q(6, 3, Kind::Short, false),
        ]
    }

    #[test]
    fn a_section_keeps_its_answers_and_the_earlier_ones() {
        let qs = survey();
        let a = check_section(
            &qs,
            1,
            &Answers::new(),
            &posted(&[("q1", "2"), ("q2", "oui")]),
        )
        .unwrap();
        assert_eq!(a.get(&1), Some(&vec!["2".to_string()]));
        let b = check_section(
            &qs,
            2,
            &a,
            &posted(&[("q4", "1"), ("q4", "3"), ("q5", "4")]),
        )
        .unwrap();
        assert_eq!(b.len(), 4, "section 1 kept, section 2 added");
        assert_eq!(b.get(&4), Some(&vec!["1".to_string(), "3".to_string()]));
        // Sent again, a section replaces its own answers only.
        let c = check_section(&qs, 2, &b, &posted(&[("q5", "1")])).unwrap();
        assert_eq!(c.get(&4), None);
        assert_eq!(c.get(&1), Some(&vec!["2".to_string()]));
    }

    #[test]
    fn required_choices_offered_and_lengths_are_refused_with_their_field() {
        let qs = survey();
        let none = Answers::new();
        let e = check_section(&qs, 1, &none, &posted(&[("q1", " ")])).unwrap_err();
        assert_eq!(
            e,
            vec![
                ("q1".to_string(), "form-survey-required"),
                ("q2".to_string(), "form-survey-required")
            ]
        );
        let e =
            check_section(&qs, 1, &none, &posted(&[("q1", "9"), ("q2", "peut-être")])).unwrap_err();
        assert_eq!(e[0].1, "form-survey-not-offered");
        assert_eq!(e[1].1, "form-survey-not-offered");
        let e = check_section(
            &qs,
            1,
            &none,
            &posted(&[("q1", "1"), ("q1", "2"), ("q2", "oui")]),
        )
        .unwrap_err();
        assert_eq!(e, vec![("q1".to_string(), "form-survey-one-choice")]);
        let a = check_section(&qs, 1, &none, &posted(&[("q1", "1"), ("q2", "oui")])).unwrap();
        let e = check_section(
            &qs,
            2,
            &a,
            &posted(&[("q4", "2"), ("q4", "2"), ("q5", "6")]),
        )
        .unwrap_err();
        assert_eq!(e.len(), 2, "a choice twice, a scale beyond 5");
        let long = "a".repeat(SHORT_MAX + 1);
        let e = check_section(&qs, 3, &a, &posted(&[("q6", &long)])).unwrap_err();
        assert_eq!(e, vec![("q6".to_string(), "form-survey-short-length")]);
        let nul = "bonjour\u{0}";
        let e = check_section(&qs, 3, &a, &posted(&[("q6", nul)])).unwrap_err();
        assert_eq!(e[0].1, "form-control-character");
    }

    #[test]
    fn a_question_of_another_section_or_survey_is_a_forged_request() {
        let qs = survey();
        let none = Answers::new();
        assert_eq!(
            check_section(&qs, 1, &none, &posted(&[("q1", "1"), ("q5", "3")])),
            Err(Vec::new())
        );
        assert_eq!(
            check_section(&qs, 1, &none, &posted(&[("q99", "1")])),
            Err(Vec::new())
        );
        // Other fields (the section number, a token) are not answers.
        assert!(check_section(&qs, 3, &none, &posted(&[("partie", "3")])).is_ok());
    }

    #[test]
    fn a_condition_shows_its_question_only_after_the_answer_it_names() {
        let qs = survey();
        let none = Answers::new();
        // « non » shows the required follow-up, in the same section.
        let e = check_section(&qs, 1, &none, &posted(&[("q1", "1"), ("q2", "non")])).unwrap_err();
        assert_eq!(e, vec![("q3".to_string(), "form-survey-required")]);
        let a = check_section(
            &qs,
            1,
            &none,
            &posted(&[("q1", "1"), ("q2", "non"), ("q3", "Les horaires")]),
        )
        .unwrap();
        assert_eq!(a.get(&3), Some(&vec!["Les horaires".to_string()]));
        // « oui » hides it: its answer is dropped, and it is not required.
        let b = check_section(
            &qs,
            1,
            &a,
            &posted(&[("q1", "1"), ("q2", "oui"), ("q3", "Les horaires")]),
        )
        .unwrap();
        assert_eq!(b.get(&3), None);
        assert_eq!(incomplete(&qs, &b), Some(2), "section 2 still to answer");
        let c = check_section(&qs, 2, &b, &posted(&[("q5", "3")])).unwrap();
        assert_eq!(incomplete(&qs, &c), None, "section 3 has nothing required");
    }

    #[test]
    fn sections_with_nothing_shown_are_skipped() {
        let mut qs = survey();
        qs[5].show_if = Some((2, "non".into()));
        let mut a = Answers::new();
        assert_eq!(next_section(&qs, &a, None), Some(1));
        assert_eq!(next_section(&qs, &a, Some(1)), Some(2));
        a.insert(2, vec!["oui".into()]);
        assert_eq!(next_section(&qs, &a, Some(2)), None, "section 3 hidden");
        a.insert(2, vec!["non".into()]);
        assert_eq!(next_section(&qs, &a, Some(2)), Some(3));
        assert_eq!(sections(&qs), vec![1, 2, 3]);
    }

    #[test]
    fn kept_answers_leave_out_what_a_condition_hides() {
        let qs = survey();
        let mut a = Answers::new();
        a.insert(2, vec!["oui".into()]);
        a.insert(3, vec!["stale".into()]);
        assert_eq!(kept_answers(&qs, &a).len(), 1);
    }

    #[test]
    fn a_condition_names_an_earlier_choice_question_and_one_of_its_values() {
        let qs = survey();
        let mut later = q(7, 3, Kind::Short, false);
        later.show_if = Some((2, "non".into()));
        assert!(condition_holds(&qs, &later));
        assert!(
            !condition_holds(&qs, &qs[2]),
            "same section: not shown without JavaScript"
        );
        let mut on_text = q(8, 3, Kind::Short, false);
        on_text.show_if = Some((6, "x".into()));
        assert!(!condition_holds(&qs, &on_text), "a free text has no values");
        let mut unknown = q(9, 3, Kind::Short, false);
        unknown.show_if = Some((1, "7".into()));
        assert!(!condition_holds(&qs, &unknown), "no such choice");
    }

    #[test]
    fn survey_settings_are_checked() {
        let ok = SurveyInput {
            title: "Vos ateliers".into(),
            anonymity: "anonyme".into(),
            audience: "liste".into(),
            numeros: "1000010, 1000013\n1000010".into(),
            opens_on: "2026-12-01".into(),
            closes_on: "2026-12-31".into(),
            ..SurveyInput::default()
        };
        assert!(ok.validate().is_ok());
        assert_eq!(ok.list(), vec!["1000010", "1000013"]);
        assert!(ok.anonymous());
        let backwards = SurveyInput {
            closes_on: "2026-11-30".into(),
            ..ok.clone()
        };
        assert!(backwards.validate().is_err());
        let empty_list = SurveyInput {
            numeros: " ".into(),
            ..ok.clone()
        };
        assert!(empty_list.validate().is_err());
        let no_choice = SurveyInput {
            anonymity: String::new(),
            ..ok.clone()
        };
        let e = no_choice.validate().unwrap_err();
        assert!(e.field_errors().contains_key("anonymity"));
        let d = NaiveDate::from_ymd_opt;
        assert!(is_open(
            Status::Published,
            d(2026, 12, 1).unwrap(),
            d(2026, 12, 31).unwrap(),
            d(2026, 12, 31).unwrap()
        ));
        assert!(!is_open(
            Status::Published,
            d(2026, 12, 1).unwrap(),
            d(2026, 12, 31).unwrap(),
            d(2027, 1, 1).unwrap()
        ));
        assert!(!is_open(
            Status::Draft,
            d(2026, 12, 1).unwrap(),
            d(2026, 12, 31).unwrap(),
            d(2026, 12, 2).unwrap()
        ));
    }

    #[test]
    fn a_question_needs_its_choices_and_a_readable_condition() {
        let single = QuestionInput {
            section: "1".into(),
            kind: "choix_unique".into(),
            label: "Quel atelier ?".into(),
            options: "CV\n\nEntretien\n".into(),
            ..QuestionInput::default()
        };
        assert!(single.validate().is_ok());
        let built = single.question(4, 2).unwrap();
        assert_eq!(built.options, vec!["CV", "Entretien"]);
        assert!(!built.required);
        let one = QuestionInput {
            options: "CV".into(),
            ..single.clone()
        };
        assert!(one.validate().is_err());
        let text = QuestionInput {
            kind: "texte_long".into(),
            options: String::new(),
            show_if: "4:2".into(),
            required: "on".into(),
            ..single.clone()
        };
        assert!(text.validate().is_ok());
        let t = text.question(5, 3).unwrap();
        assert_eq!(t.show_if, Some((4, "2".to_string())));
        assert!(t.required && t.options.is_empty());
        let bad = QuestionInput {
            show_if: "quatre".into(),
            ..text
        };
        assert!(bad.validate().is_err());
        let section = QuestionInput {
            section: "21".into(),
            ..single
        };
        assert!(section.validate().is_err());
    }
}
