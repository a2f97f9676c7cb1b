//! The contract: the CER (contrat d'engagement réciproque) or, since 1 January 2025 for
//! people registered with France Travail, the contrat d'engagement. One model with a type
//! (the type decides the wording and the fields shown), the same workflow and deadlines:
//! brouillon → proposé → signé → validé, then remplacé by the next version or expiré.

use super::inputs::{err, parse_date, plain_text};
use super::pathway::add_months;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContractKind {
    /// Contrat d'engagement réciproque (the AMI's CER).
    Cer,
    /// Contrat d'engagement (loi pour le plein emploi), with weekly hours of activity.
    Engagement,
}

impl ContractKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cer => "cer",
            Self::Engagement => "ce",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Cer, Self::Engagement]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Cer => "contract-kind-cer",
            Self::Engagement => "contract-kind-ce",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContractStatus {
    Draft,
    Proposed,
    Signed,
    Validated,
    Replaced,
    Expired,
}

impl ContractStatus {
    pub const ALL: [ContractStatus; 6] = [
        Self::Draft,
        Self::Proposed,
        Self::Signed,
        Self::Validated,
        Self::Replaced,
        Self::Expired,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "brouillon",
            Self::Proposed => "propose",
            Self::Signed => "signe",
            Self::Validated => "valide",
            Self::Replaced => "remplace",
            Self::Expired => "expire",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Draft => "contract-status-brouillon",
            Self::Proposed => "contract-status-propose",
            Self::Signed => "contract-status-signe",
            Self::Validated => "contract-status-valide",
            Self::Replaced => "contract-status-remplace",
            Self::Expired => "contract-status-expire",
        }
    }
    /// Signed, validated or not yet past its end: the contract in force.
    pub fn is_in_force(self) -> bool {
        matches!(self, Self::Signed | Self::Validated)
    }
}

/// How a contract was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Signature {
    /// The allocataire acknowledged it from their space.
    Electronic,
    /// Signed on paper; staff recorded it.
    Paper,
}

impl Signature {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Electronic => "electronique",
            Self::Paper => "papier",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Electronic, Self::Paper]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A step of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractMove {
    /// The counsellor sends the draft to the person.
    Propose,
    /// The person asks for a change (with a comment): back to the counsellor.
    RequestChange,
    /// The person signs (or staff record a paper signature).
    Sign,
    /// The département validates.
    Validate,
    /// The next version is signed.
    Replace,
}

pub fn after(from: ContractStatus, m: ContractMove) -> Option<ContractStatus> {
    use ContractMove::*;
    use ContractStatus::*;
    match (from, m) {
        (Draft, Propose) => Some(Proposed),
        (Proposed, RequestChange) => Some(Draft),
        (Proposed, Sign) => Some(Signed),
        (Signed, Validate) => Some(Validated),
        (Signed | Validated, Replace) => Some(Replaced),
        _ => None,
    }
}

/// The status a reader sees: a contract in force whose end has passed reads expiré.
pub fn shown(status: ContractStatus, ends_on: NaiveDate, today: NaiveDate) -> ContractStatus {
    if status.is_in_force() && today > ends_on {
        ContractStatus::Expired
    } else {
        status
    }
}

pub const MIN_MONTHS: u32 = 3;
pub const MAX_MONTHS: u32 = 12;
/// The contrat d'engagement's planned weekly hours of activity, within these bounds.
pub const MAX_WEEKLY_HOURS: u32 = 35;

/// The last day of a contract starting `starts` for `months` months.
pub fn ends_on(starts: NaiveDate, months: u32) -> NaiveDate {
    add_months(starts, months) - Duration::days(1)
}

fn valid_kind(v: &str) -> Result<(), ValidationError> {
    ContractKind::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("kind", "form-contract-kind-required"))
}

fn valid_months(v: &str) -> Result<(), ValidationError> {
    match v.trim().parse::<u32>() {
        Ok(n) if (MIN_MONTHS..=MAX_MONTHS).contains(&n) => Ok(()),
        _ => Err(err("duration_months", "form-contract-duration-range")),
    }
}

fn valid_start(v: &str) -> Result<(), ValidationError> {
    parse_date(v)
        .map(|_| ())
        .ok_or_else(|| err("date", "form-date-invalid"))
}

/// The contrat d'engagement says how many hours a week; the CER does not.
fn hours_for_kind(c: &ContractInput) -> Result<(), ValidationError> {
    if ContractKind::parse(&c.contract_kind) != Some(ContractKind::Engagement) {
        return Ok(());
    }
    match c.weekly_hours.trim().parse::<u32>() {
        Ok(h) if (1..=MAX_WEEKLY_HOURS).contains(&h) => Ok(()),
        _ => Err(err("weekly_hours", "form-contract-hours-range")),
    }
}

/// A contract version as the counsellor drafts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "hours_for_kind", skip_on_field_errors = true))]
pub struct ContractInput {
    /// The type (`cer` or `ce`); named so on a page that also holds a step form.
    #[validate(custom(function = "valid_kind"))]
    pub contract_kind: String,
    #[validate(
        length(min = 10, max = 2000, message = "form-contract-text-length"),
        custom(function = "plain_text")
    )]
    pub objectives: String,
    #[validate(
        length(min = 10, max = 2000, message = "form-contract-text-length"),
        custom(function = "plain_text")
    )]
    pub person_commitments: String,
    #[validate(
        length(min = 10, max = 2000, message = "form-contract-text-length"),
        custom(function = "plain_text")
    )]
    pub agency_commitments: String,
    #[validate(
        length(max = 2000, message = "form-contract-actions-length"),
        custom(function = "plain_text")
    )]
    pub planned_actions: String,
    #[validate(custom(function = "valid_months"))]
    pub duration_months: String,
    #[validate(custom(function = "valid_start"))]
    pub contract_start: String,
    /// Contrat d'engagement only.
    pub weekly_hours: String,
}

/// A validated draft, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractTerms {
    pub kind: ContractKind,
    pub objectives: String,
    pub person_commitments: String,
    pub agency_commitments: String,
    pub planned_actions: String,
    pub duration_months: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub weekly_hours: Option<u32>,
}

impl ContractInput {
    /// The typed terms of an input that passed `validate`.
    pub fn terms(&self) -> Option<ContractTerms> {
        let kind = ContractKind::parse(&self.contract_kind)?;
        let months = self.duration_months.trim().parse().ok()?;
        let starts_on = parse_date(&self.contract_start)?;
        Some(ContractTerms {
            kind,
            objectives: self.objectives.trim().into(),
            person_commitments: self.person_commitments.trim().into(),
            agency_commitments: self.agency_commitments.trim().into(),
            planned_actions: self.planned_actions.trim().into(),
            duration_months: months,
            starts_on,
            ends_on: ends_on(starts_on, months),
            weekly_hours: (kind == ContractKind::Engagement)
                .then(|| self.weekly_hours.trim().parse().ok())
                .flatten(),
        })
    }
}

/// The person asks for a change to the proposed version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ChangeRequestInput {
    #[validate(
        length(min = 5, max = 1000, message = "form-contract-comment-length"),
        custom(function = "plain_text")
    )]
    pub comment: String,
}

/// A ticked checkbox: "on" (the browser's default value) or "1".
pub fn is_ticked(v: &str) -> bool {
    matches!(v, "on" | "1")
}

fn ticked(v: &str) -> Result<(), ValidationError> {
    if is_ticked(v) {
        Ok(())
    } else {
        Err(err("accept", "form-contract-accept-required"))
    }
}

/// The person signs the version they read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct SignInput {
    #[validate(custom(function = "ticked"))]
    pub accept: String,
}

/// « Ce que je souhaite »: what the person brings to the meeting, from their phone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct WishesInput {
    #[validate(
        length(max = 1000, message = "form-wishes-length"),
        custom(function = "plain_text")
    )]
    pub goals: String,
    #[validate(
        length(max = 1000, message = "form-wishes-length"),
        custom(function = "plain_text")
    )]
    pub needs: String,
    /// Constraints, each a checkbox (see `is_ticked`).
    pub childcare: String,
    pub transport: String,
    pub health: String,
    pub language: String,
    #[validate(
        length(max = 1000, message = "form-wishes-length"),
        custom(function = "plain_text")
    )]
    pub other: String,
}

/// The constraint boxes a person may tick, by form field name.
pub const CONSTRAINTS: [&str; 4] = ["childcare", "transport", "health", "language"];

impl WishesInput {
    /// The ticked constraints, as stored (`childcare,transport`).
    pub fn constraints(&self) -> String {
        [
            ("childcare", &self.childcare),
            ("transport", &self.transport),
            ("health", &self.health),
            ("language", &self.language),
        ]
        .iter()
        .filter(|(_, v)| is_ticked(v))
        .map(|(k, _)| *k)
        .collect::<Vec<_>>()
        .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use validator::Validate;
    use ContractMove::*;
    use ContractStatus::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid date")
    }

    #[test]
    fn the_workflow_goes_draft_proposed_signed_validated_and_nothing_else() {
        assert_eq!(after(Draft, Propose), Some(Proposed));
        assert_eq!(after(Proposed, RequestChange), Some(Draft));
        assert_eq!(after(Proposed, Sign), Some(Signed));
        assert_eq!(after(Signed, Validate), Some(Validated));
        assert_eq!(after(Validated, Replace), Some(Replaced));
        assert_eq!(after(Signed, Replace), Some(Replaced));
        // A draft is never signed unseen; a signed version is never edited back.
        assert_eq!(after(Draft, Sign), None);
        assert_eq!(after(Signed, RequestChange), None);
        assert_eq!(after(Proposed, Validate), None);
        assert_eq!(after(Replaced, Sign), None);
        assert_eq!(after(Expired, Validate), None);
    }

    #[test]
    fn a_contract_in_force_reads_expired_the_day_after_its_end() {
        let end = d("2027-05-31");
        assert_eq!(shown(Validated, end, d("2027-05-31")), Validated);
        assert_eq!(shown(Validated, end, d("2027-06-01")), Expired);
        assert_eq!(shown(Signed, end, d("2027-06-01")), Expired);
        assert_eq!(shown(Replaced, end, d("2027-06-01")), Replaced);
        assert_eq!(shown(Proposed, end, d("2027-06-01")), Proposed);
    }

    #[test]
    fn the_end_date_follows_the_duration_in_calendar_months() {
        assert_eq!(ends_on(d("2026-12-01"), 6), d("2027-05-31"));
        assert_eq!(ends_on(d("2026-01-31"), 3), d("2026-04-29"));
        assert_eq!(ends_on(d("2027-03-01"), 12), d("2028-02-29"));
    }

    fn input() -> ContractInput {
        ContractInput {
            contract_kind: "cer".into(),
            objectives: "Retrouver un emploi dans la logistique.".into(),
            person_commitments: "Venir aux rendez-vous, suivre la formation CACES.".into(),
            agency_commitments: "Un rendez-vous par mois, la recherche d'une formation.".into(),
            planned_actions: "Formation CACES 1, atelier CV.".into(),
            duration_months: "6".into(),
            contract_start: "2026-12-01".into(),
            weekly_hours: String::new(),
        }
    }

    #[test]
    fn a_contract_lasts_three_to_twelve_months_and_the_engagement_says_its_hours() {
        assert!(input().validate().is_ok());
        for months in ["2", "13", "six", ""] {
            let c = ContractInput {
                duration_months: months.into(),
                ..input()
            };
            assert!(c.validate().is_err(), "{months}");
        }
        let ce = ContractInput {
            contract_kind: "ce".into(),
            ..input()
        };
        assert!(ce.validate().is_err());
        let ce = ContractInput {
            weekly_hours: "15".into(),
            ..ce
        };
        assert!(ce.validate().is_ok());
        let terms = ce.terms().expect("terms");
        assert_eq!(terms.weekly_hours, Some(15));
        assert_eq!(terms.ends_on, d("2027-05-31"));
        // A CER ignores hours typed before the type was changed.
        let cer = ContractInput {
            weekly_hours: "15".into(),
            ..input()
        };
        assert_eq!(cer.terms().expect("terms").weekly_hours, None);
        assert!(ContractInput {
            objectives: "court".into(),
            ..input()
        }
        .validate()
        .is_err());
    }

    #[test]
    fn signing_needs_the_box_ticked_and_wishes_keep_the_ticked_constraints() {
        assert!(SignInput { accept: "1".into() }.validate().is_ok());
        assert!(SignInput::default().validate().is_err());
        let w = WishesInput {
            childcare: "1".into(),
            language: "on".into(),
            ..WishesInput::default()
        };
        assert_eq!(w.constraints(), "childcare,language");
        assert!(ChangeRequestInput {
            comment: "ok".into()
        }
        .validate()
        .is_err());
    }

    #[test]
    fn stored_values_read_back() {
        for s in ContractStatus::ALL {
            assert_eq!(ContractStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(ContractKind::parse("ce"), Some(ContractKind::Engagement));
        assert_eq!(Signature::parse("papier"), Some(Signature::Paper));
        assert_eq!(ContractStatus::parse("signé"), None);
    }
}
