//! Satisfaction, one tap: after a rendez-vous recorded as honoré or a workshop attended,
//! the person is asked one question (five answers, words and pictograms) and may leave a
//! comment. One answer per event, changeable for a week; asked once, reminded at most
//! once; answered in « Mon espace » or through a single-use link that needs no sign-in.

use super::inputs::{err, plain_text};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

const DAY: i64 = 86_400;

/// An answer can be changed this long after it was first given.
pub const CHANGE_DAYS: i64 = 7;
/// The question (and its link) stays open this long after it was asked.
pub const OPEN_DAYS: i64 = 14;
/// One reminder, this long after the question when it is still unanswered.
pub const REMINDER_AFTER_DAYS: i64 = 3;
/// Events older than this are not asked about (an outcome recorded late, history).
pub const ASK_WITHIN_DAYS: i64 = 7;
/// The longest comment.
pub const COMMENT_MAX: u64 = 1000;

/// What the question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Appointment,
    Workshop,
}

impl EventKind {
    pub const ALL: [EventKind; 2] = [Self::Appointment, Self::Workshop];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Appointment => "rdv",
            Self::Workshop => "atelier",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// The question, as the person reads it.
    pub fn question_key(self) -> &'static str {
        match self {
            Self::Appointment => "satisfaction-question-rdv",
            Self::Workshop => "satisfaction-question-atelier",
        }
    }
}

/// The five answers, from the best. Each has words and a pictogram: never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rating {
    NotAtAll = 1,
    Little = 2,
    Somewhat = 3,
    Useful = 4,
    VeryUseful = 5,
}

impl Rating {
    /// In the order they are offered.
    pub const ALL: [Rating; 5] = [
        Self::VeryUseful,
        Self::Useful,
        Self::Somewhat,
        Self::Little,
        Self::NotAtAll,
    ];
    pub fn value(self) -> i64 {
        self as i64
    }
    pub fn from_value(v: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.value() == v)
    }
    /// The form value ("1" to "5").
    pub fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok().and_then(Self::from_value)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::VeryUseful => "satisfaction-rating-5",
            Self::Useful => "satisfaction-rating-4",
            Self::Somewhat => "satisfaction-rating-3",
            Self::Little => "satisfaction-rating-2",
            Self::NotAtAll => "satisfaction-rating-1",
        }
    }
    /// A face from the happiest to the saddest (decorative: the words carry the meaning).
    pub fn pictogram(self) -> &'static str {
        match self {
            Self::VeryUseful => "😀",
            Self::Useful => "🙂",
            Self::Somewhat => "😐",
            Self::Little => "🙁",
            Self::NotAtAll => "😞",
        }
    }
    /// « Utile » or « très utile ».
    pub fn is_positive(self) -> bool {
        self >= Self::Useful
    }
}

/// May the answer given at `answered_at` still be changed?
pub fn may_change(answered_at: i64, now: i64) -> bool {
    now - answered_at < CHANGE_DAYS * DAY
}

/// Is the question asked at `asked_at` still open (its link, Mon espace)?
pub fn is_open(asked_at: i64, now: i64) -> bool {
    now - asked_at < OPEN_DAYS * DAY
}

/// The one reminder: due once the question has waited, while it is open and unanswered.
pub fn reminder_due(asked_at: i64, reminded: bool, answered: bool, now: i64) -> bool {
    !reminded && !answered && is_open(asked_at, now) && now - asked_at >= REMINDER_AFTER_DAYS * DAY
}

fn valid_rating(v: &str) -> Result<(), ValidationError> {
    Rating::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("rating", "form-satisfaction-rating-required"))
}

/// The answer form: one of the five answers, and an optional comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct AnswerInput {
    #[validate(custom(function = "valid_rating"))]
    pub rating: String,
    #[validate(
        length(max = 1000, message = "form-satisfaction-comment-length"),
        custom(function = "plain_text")
    )]
    pub comment: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_answers_each_with_words_and_a_pictogram_best_first() {
        let values: Vec<i64> = Rating::ALL.iter().map(|r| r.value()).collect();
        assert_eq!(values, vec![5, 4, 3, 2, 1]);
        let pictograms: std::collections::BTreeSet<_> =
            Rating::ALL.iter().map(|r| r.pictogram()).collect();
        assert_eq!(pictograms.len(), 5, "five different pictograms");
        assert_eq!(Rating::parse(" 4 "), Some(Rating::Useful));
        assert_eq!(Rating::parse("6"), None);
        assert_eq!(Rating::parse("0"), None);
        assert_eq!(Rating::parse("très"), None);
        assert!(Rating::Useful.is_positive() && !Rating::Somewhat.is_positive());
    }

    #[test]
    fn an_answer_changes_for_seven_days_and_the_question_stays_open_fourteen() {
        let t = 1_800_000_000;
        assert!(may_change(t, t + 7 * DAY - 1));
        assert!(!may_change(t, t + 7 * DAY));
        assert!(is_open(t, t + 14 * DAY - 1));
        assert!(!is_open(t, t + 14 * DAY));
    }

    #[test]
    fn one_reminder_after_three_days_never_once_answered_or_closed() {
        let t = 1_800_000_000;
        assert!(!reminder_due(t, false, false, t + 3 * DAY - 1), "too early");
        assert!(reminder_due(t, false, false, t + 3 * DAY));
        assert!(
            !reminder_due(t, true, false, t + 4 * DAY),
            "already reminded"
        );
        assert!(!reminder_due(t, false, true, t + 4 * DAY), "answered");
        assert!(!reminder_due(t, false, false, t + 14 * DAY), "closed");
    }

    #[test]
    fn the_form_needs_one_offered_answer_and_a_short_plain_comment() {
        let ok = AnswerInput {
            rating: "5".into(),
            comment: "Très clair, merci.".into(),
        };
        assert!(ok.validate().is_ok());
        let none = AnswerInput::default();
        assert!(none.validate().is_err(), "no answer chosen");
        let forged = AnswerInput {
            rating: "9".into(),
            ..ok.clone()
        };
        assert!(forged.validate().is_err(), "an answer not offered");
        let long = AnswerInput {
            comment: "a".repeat(10_000),
            ..ok.clone()
        };
        assert!(long.validate().is_err(), "10 kB of text");
        let control = AnswerInput {
            comment: "a\u{0}b".into(),
            ..ok
        };
        assert!(control.validate().is_err());
    }
}
