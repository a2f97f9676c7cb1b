//! Moderation: every free text the people supported write (a satisfaction comment today;
//! survey answers, ideas and panel feedback as they come) waits in a queue. A moderator
//! approves it, rejects it with a reason, or publishes it with parts masked: names, phone
//! numbers, e-mail addresses and postal addresses are suggested here, a person confirms.
//! Nothing unapproved is shown to anyone but its author.

use super::inputs::{err, plain_text};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// What replaces a masked passage.
pub const MASK: &str = "[…]";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Pending,
    Approved,
    /// Published with passages masked.
    Redacted,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Self::Pending,
        Self::Approved,
        Self::Redacted,
        Self::Rejected,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "en_attente",
            Self::Approved => "publie",
            Self::Redacted => "masque",
            Self::Rejected => "refuse",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Pending => "moderation-status-en_attente",
            Self::Approved => "moderation-status-publie",
            Self::Redacted => "moderation-status-masque",
            Self::Rejected => "moderation-status-refuse",
        }
    }
    /// May others read it (in its published form)?
    pub fn is_published(self) -> bool {
        matches!(self, Self::Approved | Self::Redacted)
    }
}

/// Why a text is not published (the author reads it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectReason {
    Abusive,
    Identifying,
    OffTopic,
}

impl RejectReason {
    pub const ALL: [RejectReason; 3] = [Self::Abusive, Self::Identifying, Self::OffTopic];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Abusive => "injurieux",
            Self::Identifying => "identifiant",
            Self::OffTopic => "hors_sujet",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Abusive => "moderation-reason-injurieux",
            Self::Identifying => "moderation-reason-identifiant",
            Self::OffTopic => "moderation-reason-hors_sujet",
        }
    }
}

/// A moderator's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Redact,
    Reject(RejectReason),
}

fn valid_decision(v: &str) -> Result<(), ValidationError> {
    match v {
        "publier" | "masquer" | "refuser" => Ok(()),
        _ => Err(err("decision", "form-moderation-decision-required")),
    }
}

/// The moderation form (with the item and the revision the moderator read, beside it: an
/// author who changes their text meanwhile sends it back to the queue): the decision, the
/// masked text for « masquer », the reason for « refuser ».
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct DecisionInput {
    #[validate(custom(function = "valid_decision"))]
    pub decision: String,
    #[validate(
        length(max = 1000, message = "form-moderation-text-length"),
        custom(function = "plain_text")
    )]
    pub published: String,
    pub reason: String,
}

impl DecisionInput {
    /// The decision, once the fields it needs are there (a field error otherwise).
    pub fn decision(&self) -> Result<Decision, (&'static str, &'static str)> {
        match self.decision.as_str() {
            "publier" => Ok(Decision::Approve),
            "masquer" if !self.published.contains(MASK) => {
                Err(("published", "form-moderation-mask-required"))
            }
            "masquer" => Ok(Decision::Redact),
            "refuser" => RejectReason::parse(&self.reason)
                .map(Decision::Reject)
                .ok_or(("reason", "form-moderation-reason-required")),
            _ => Err(("decision", "form-moderation-decision-required")),
        }
    }
}

/// A passage the moderator should probably mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Suggests what to mask: e-mail addresses, French phone numbers, postal addresses
/// (a number and a kind of street), and the names given (the author's, the agency's
/// staff) or introduced by a civility (« Mme Diallo »). Byte ranges, sorted, merged.
#[cfg(feature = "ssr")]
pub fn suggest(text: &str, names: &[&str]) -> Vec<Span> {
    use regex::Regex;
    use std::sync::OnceLock;
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            r"[\w.+-]+@[\w-]+(\.[\w-]+)+",
            r"(\+33\s?|0033\s?|\b0)[1-9]([\s.-]?\d{2}){4}\b",
            r"(?i)\b\d{1,4}\s?(bis|ter)?,?\s+(rue|avenue|av\.|bd|boulevard|allée|allee|place|chemin|impasse|route|quai|cours|square|cité|cite|résidence|residence|sentier|passage)\b[^,.;\n]*",
            r"\b(Mme|Mlle|Madame|Mademoiselle|Monsieur|M\.)\s+[A-ZÀ-Ý][\p{L}'-]+",
        ]
        .iter()
        .filter_map(|p| Regex::new(p).ok())
        .collect()
    });
    let mut spans: Vec<Span> = patterns
        .iter()
        .flat_map(|re| re.find_iter(text))
        .map(|m| Span {
            start: m.start(),
            end: m.end(),
        })
        .collect();
    for name in names
        .iter()
        .map(|n| n.trim())
        .filter(|n| n.chars().count() >= 3)
    {
        let Ok(re) = Regex::new(&format!(r"(?i)\b{}\b", regex::escape(name))) else {
            continue;
        };
        spans.extend(re.find_iter(text).map(|m| Span {
            start: m.start(),
            end: m.end(),
        }));
    }
    spans.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Span> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
}

/// The text with each span replaced by [`MASK`].
pub fn mask(text: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans {
        if s.start < at || s.end > text.len() {
            continue;
        }
        out.push_str(&text[at..s.start]);
        out.push_str(MASK);
        at = s.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn masked(text: &str, names: &[&str]) -> String {
        mask(text, &suggest(text, names))
    }

    #[test]
    fn phones_emails_and_addresses_are_suggested_for_masking() {
        assert_eq!(
            masked(
                "Appelez-moi au 06 12 34 56 78 ou au +33 7 12 34 56 78.",
                &[]
            ),
            "Appelez-moi au […] ou au […]."
        );
        assert_eq!(
            masked("Mon mail : a.diallo+ali@exemple.fr merci", &[]),
            "Mon mail : […] merci"
        );
        assert_eq!(
            masked("J'habite 12 bis rue Jean Jaurès, à Bobigny.", &[]),
            "J'habite […], à Bobigny."
        );
        assert_eq!(
            masked("Rien à masquer : 3 ateliers, 2 rendez-vous.", &[]),
            "Rien à masquer : 3 ateliers, 2 rendez-vous."
        );
    }

    #[test]
    fn names_given_or_after_a_civility_are_suggested_whatever_their_case() {
        assert_eq!(
            masked("Merci à Mme Martin et à monsieur dupont.", &["Dupont"]),
            "Merci à […] et à monsieur […]."
        );
        assert_eq!(
            masked("Karim m'a bien aidé, KARIM est top", &["Karim", "Al"]),
            "[…] m'a bien aidé, […] est top",
            "a two-letter name is not searched (it would mask everywhere)"
        );
    }

    #[test]
    fn overlapping_suggestions_become_one_mask() {
        let spans = suggest("Mme Martin martin@exemple.fr", &["Martin"]);
        assert_eq!(
            mask("Mme Martin martin@exemple.fr", &spans),
            "[…] […]",
            "{spans:?}"
        );
    }

    #[test]
    fn a_decision_needs_what_it_implies() {
        let mut d = DecisionInput {
            decision: "publier".into(),
            ..DecisionInput::default()
        };
        assert_eq!(d.decision(), Ok(Decision::Approve));
        d.decision = "masquer".into();
        d.published = "Sans masque".into();
        assert_eq!(
            d.decision(),
            Err(("published", "form-moderation-mask-required"))
        );
        d.published = format!("Merci {MASK}");
        assert_eq!(d.decision(), Ok(Decision::Redact));
        d.decision = "refuser".into();
        assert_eq!(
            d.decision(),
            Err(("reason", "form-moderation-reason-required"))
        );
        d.reason = "hors_sujet".into();
        assert_eq!(d.decision(), Ok(Decision::Reject(RejectReason::OffTopic)));
        d.decision = "effacer".into();
        assert!(d.validate().is_err());
    }
}
