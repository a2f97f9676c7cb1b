//! The parcours: its states and their legal moves, the exit reasons (with the AMI's
//! positive-exit flag), the steps staff record (placements on actions, diagnostics), and
//! the département's deadline clock as both sides read it.

use super::deadline;
use super::inputs::{err, parse_date, plain_text};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// Where a person is on their path through the ALI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathwayState {
    /// Orienté: the département sent the person; no first meeting yet.
    Oriented,
    /// Accueilli: the first meeting was held.
    Welcomed,
    /// Contractualisé: a contract (CER or contrat d'engagement) is signed.
    Contracted,
    /// En cours: the contract is validated by the département and the support runs.
    Ongoing,
    /// Renouvelé: the support was renewed for a second (and last) year.
    Renewed,
    /// Sorti: the support ended (with a reason).
    Exited,
    /// Réorienté: sent to France Travail or the social service (with a recommendation).
    Reoriented,
}

impl PathwayState {
    pub const ALL: [PathwayState; 7] = [
        Self::Oriented,
        Self::Welcomed,
        Self::Contracted,
        Self::Ongoing,
        Self::Renewed,
        Self::Exited,
        Self::Reoriented,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Oriented => "oriente",
            Self::Welcomed => "accueilli",
            Self::Contracted => "contractualise",
            Self::Ongoing => "en_cours",
            Self::Renewed => "renouvele",
            Self::Exited => "sorti",
            Self::Reoriented => "reoriente",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }
    /// The catalogue key of the state's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Oriented => "pathway-state-oriente",
            Self::Welcomed => "pathway-state-accueilli",
            Self::Contracted => "pathway-state-contractualise",
            Self::Ongoing => "pathway-state-en-cours",
            Self::Renewed => "pathway-state-renouvele",
            Self::Exited => "pathway-state-sorti",
            Self::Reoriented => "pathway-state-reoriente",
        }
    }
    /// The parcours is over: nothing moves it any more.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Exited | Self::Reoriented)
    }
    /// A contract may be proposed: the first meeting was held and the parcours is open.
    pub fn may_contract(self) -> bool {
        !self.is_closed() && self != Self::Oriented
    }
}

/// The state a person is in: the stored state once a contract or an exit set it, else
/// orienté or accueilli depending on whether a first meeting was held (an attended
/// rendez-vous: the agenda records it, the parcours reads it).
pub fn current(stored: Option<PathwayState>, first_meeting: Option<NaiveDate>) -> PathwayState {
    match stored {
        Some(s) if !matches!(s, PathwayState::Oriented | PathwayState::Welcomed) => s,
        _ if first_meeting.is_some() => PathwayState::Welcomed,
        _ => PathwayState::Oriented,
    }
}

/// A change of state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// A contract is signed (the first one makes the person contractualisé).
    SignContract,
    /// The département validates the signed contract: the support runs.
    Start,
    /// The bilan decides a second year.
    Renew,
    /// The support ends for this reason.
    Exit(ExitReason),
}

/// Why a move is refused (each has its words in the catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IllegalMove {
    /// The parcours is closed.
    Closed,
    /// A contract needs the first meeting first.
    NoFirstMeeting,
    /// Renewal happens once, from a running support.
    NotRenewable,
    /// Only a signed contract starts the support.
    NotContracted,
}

impl IllegalMove {
    pub fn key(self) -> &'static str {
        match self {
            Self::Closed => "pathway-refused-closed",
            Self::NoFirstMeeting => "pathway-refused-no-first-meeting",
            Self::NotRenewable => "pathway-refused-not-renewable",
            Self::NotContracted => "pathway-refused-not-contracted",
        }
    }
}

/// The state after `m` from `from`, or why not.
pub fn after(from: PathwayState, m: Move) -> Result<PathwayState, IllegalMove> {
    use PathwayState::*;
    if from.is_closed() {
        return Err(IllegalMove::Closed);
    }
    match (from, m) {
        (_, Move::Exit(ExitReason::Reorientation)) => Ok(Reoriented),
        (_, Move::Exit(_)) => Ok(Exited),
        (Oriented, Move::SignContract) => Err(IllegalMove::NoFirstMeeting),
        (Welcomed, Move::SignContract) => Ok(Contracted),
        // A later version (an update, the renewal's contract) keeps the state.
        (s, Move::SignContract) => Ok(s),
        (Contracted, Move::Start) => Ok(Ongoing),
        (_, Move::Start) => Err(IllegalMove::NotContracted),
        (Ongoing, Move::Renew) => Ok(Renewed),
        (_, Move::Renew) => Err(IllegalMove::NotRenewable),
    }
}

/// Why a parcours ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExitReason {
    DurableJob,
    /// CDD ou intérim de 6 mois ou plus.
    LongContract,
    QualifyingTraining,
    BusinessCreation,
    /// Towards France Travail or the social service.
    Reorientation,
    Moved,
    EndOfRights,
    Dropout,
    Other,
}

impl ExitReason {
    pub const ALL: [ExitReason; 9] = [
        Self::DurableJob,
        Self::LongContract,
        Self::QualifyingTraining,
        Self::BusinessCreation,
        Self::Reorientation,
        Self::Moved,
        Self::EndOfRights,
        Self::Dropout,
        Self::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DurableJob => "emploi_durable",
            Self::LongContract => "cdd_interim",
            Self::QualifyingTraining => "formation_qualifiante",
            Self::BusinessCreation => "creation_entreprise",
            Self::Reorientation => "reorientation",
            Self::Moved => "demenagement",
            Self::EndOfRights => "fin_de_droits",
            Self::Dropout => "abandon",
            Self::Other => "autre",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::DurableJob => "pathway-exit-emploi-durable",
            Self::LongContract => "pathway-exit-cdd-interim",
            Self::QualifyingTraining => "pathway-exit-formation-qualifiante",
            Self::BusinessCreation => "pathway-exit-creation-entreprise",
            Self::Reorientation => "pathway-exit-reorientation",
            Self::Moved => "pathway-exit-demenagement",
            Self::EndOfRights => "pathway-exit-fin-de-droits",
            Self::Dropout => "pathway-exit-abandon",
            Self::Other => "pathway-exit-autre",
        }
    }
    /// A positive exit in the AMI's sense: employment, qualifying training, business.
    pub fn is_positive(self) -> bool {
        matches!(
            self,
            Self::DurableJob
                | Self::LongContract
                | Self::QualifyingTraining
                | Self::BusinessCreation
        )
    }
}

/// Where a réorientation sends the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Referral {
    FranceTravail,
    SocialService,
}

impl Referral {
    pub const ALL: [Referral; 2] = [Self::FranceTravail, Self::SocialService];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FranceTravail => "france_travail",
            Self::SocialService => "service_social",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::FranceTravail => "pathway-referral-france-travail",
            Self::SocialService => "pathway-referral-service-social",
        }
    }
}

// ---- The deadline clock ----

/// The CER is signed within this many months of the first meeting.
pub const CONTRACT_MONTHS: u32 = 1;
/// The review (bilan) falls this many months after the support started.
pub const REVIEW_MONTHS: u32 = 12;
/// The support ends at the latest this many months after it started (renewed once).
pub const END_MONTHS: u32 = 24;
/// Staff lists show deadlines this many days ahead (and every late one).
pub const DUE_WITHIN_DAYS: i64 = 7;

/// `d` plus `n` calendar months, kept inside the month: 31 January + 1 month is the last
/// day of February (28th, or 29th in a leap year).
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

/// Which deadline comes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Milestone {
    FirstMeeting,
    Contract,
    Review,
    End,
}

impl Milestone {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FirstMeeting => "premier_rdv",
            Self::Contract => "contrat",
            Self::Review => "bilan",
            Self::End => "fin",
        }
    }
}

/// What the clock knows about a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub orientation: NaiveDate,
    pub first_meeting: Option<NaiveDate>,
    /// The day the support started (the first signed contract's start).
    pub started: Option<NaiveDate>,
}

/// The next deadline of a file in `state`: none once the parcours is closed.
pub fn next_due(state: PathwayState, f: &Facts) -> Option<(Milestone, NaiveDate)> {
    use PathwayState::*;
    match state {
        Oriented => Some((
            Milestone::FirstMeeting,
            deadline::first_meeting_deadline(f.orientation),
        )),
        Welcomed => f
            .first_meeting
            .map(|d| (Milestone::Contract, add_months(d, CONTRACT_MONTHS))),
        Contracted | Ongoing => f
            .started
            .map(|d| (Milestone::Review, add_months(d, REVIEW_MONTHS))),
        Renewed => f
            .started
            .map(|d| (Milestone::End, add_months(d, END_MONTHS))),
        Exited | Reoriented => None,
    }
}

/// How close a deadline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Urgency {
    Late,
    /// Within `DUE_WITHIN_DAYS` (the deadline day included).
    DueSoon,
    OnTrack,
}

impl Urgency {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Late => "late",
            Self::DueSoon => "due_soon",
            Self::OnTrack => "on_track",
        }
    }
}

pub fn urgency(due: NaiveDate, today: NaiveDate) -> Urgency {
    if today > due {
        Urgency::Late
    } else if (due - today).num_days() <= DUE_WITHIN_DAYS {
        Urgency::DueSoon
    } else {
        Urgency::OnTrack
    }
}

// ---- Steps ----

/// What kind of step staff record (meetings and workshops come from their own records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepKind {
    /// A positionnement: the person is put on an action.
    Placement,
    Diagnostic,
}

impl StepKind {
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Placement => "pathway-kind-positionnement",
            Self::Diagnostic => "pathway-kind-diagnostic",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Placement => "positionnement",
            Self::Diagnostic => "diagnostic",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Placement, Self::Diagnostic]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// What a step is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepObject {
    Training,
    /// Immersion en entreprise (PMSMP).
    Immersion,
    Job,
    /// Insertion par l'activité économique.
    Iae,
    Housing,
    Health,
    Childcare,
    Language,
    Digital,
}

impl StepObject {
    pub const ALL: [StepObject; 9] = [
        Self::Training,
        Self::Immersion,
        Self::Job,
        Self::Iae,
        Self::Housing,
        Self::Health,
        Self::Childcare,
        Self::Language,
        Self::Digital,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Training => "formation",
            Self::Immersion => "immersion",
            Self::Job => "emploi",
            Self::Iae => "iae",
            Self::Housing => "logement",
            Self::Health => "sante",
            Self::Childcare => "garde_enfants",
            Self::Language => "langue",
            Self::Digital => "numerique",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Training => "pathway-object-formation",
            Self::Immersion => "pathway-object-immersion",
            Self::Job => "pathway-object-emploi",
            Self::Iae => "pathway-object-iae",
            Self::Housing => "pathway-object-logement",
            Self::Health => "pathway-object-sante",
            Self::Childcare => "pathway-object-garde-enfants",
            Self::Language => "pathway-object-langue",
            Self::Digital => "pathway-object-numerique",
        }
    }
    /// Diagnostics are of language, digital skills or childcare; placements of anything.
    pub fn fits(self, kind: StepKind) -> bool {
        kind == StepKind::Placement
            || matches!(self, Self::Language | Self::Digital | Self::Childcare)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepStatus {
    Planned,
    Ongoing,
    Done,
    Cancelled,
}

impl StepStatus {
    pub const ALL: [StepStatus; 4] = [Self::Planned, Self::Ongoing, Self::Done, Self::Cancelled];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "prevu",
            Self::Ongoing => "en_cours",
            Self::Done => "realise",
            Self::Cancelled => "annule",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Planned => "pathway-step-status-prevu",
            Self::Ongoing => "pathway-step-status-en-cours",
            Self::Done => "pathway-step-status-realise",
            Self::Cancelled => "pathway-step-status-annule",
        }
    }
}

fn valid_kind(v: &str) -> Result<(), ValidationError> {
    StepKind::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("kind", "form-step-kind-required"))
}

fn valid_object(v: &str) -> Result<(), ValidationError> {
    StepObject::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("object", "form-step-object-required"))
}

fn valid_status(v: &str) -> Result<(), ValidationError> {
    StepStatus::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("status", "form-step-status-required"))
}

fn valid_day(v: &str) -> Result<(), ValidationError> {
    parse_date(v)
        .map(|_| ())
        .ok_or_else(|| err("date", "form-date-invalid"))
}

fn optional_day(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() {
        Ok(())
    } else {
        valid_day(v)
    }
}

/// A diagnostic's object must be one diagnostics have; the end not before the start.
fn coherent(s: &StepInput) -> Result<(), ValidationError> {
    if let (Some(k), Some(o)) = (StepKind::parse(&s.kind), StepObject::parse(&s.object)) {
        if !o.fits(k) {
            return Err(err("object", "form-step-object-diagnostic"));
        }
    }
    if let (Some(a), Some(b)) = (parse_date(&s.starts_on), parse_date(&s.ends_on)) {
        if b < a {
            return Err(err("ends_on", "form-step-end-before-start"));
        }
    }
    Ok(())
}

/// A step as staff record or update it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "coherent", skip_on_field_errors = true))]
pub struct StepInput {
    #[validate(custom(function = "valid_kind"))]
    pub kind: String,
    #[validate(custom(function = "valid_object"))]
    pub object: String,
    #[validate(custom(function = "valid_status"))]
    pub status: String,
    #[validate(custom(function = "valid_day"))]
    pub starts_on: String,
    #[validate(custom(function = "optional_day"))]
    pub ends_on: String,
    /// The action itself (« Formation CACES 1 chez AFPA »).
    #[validate(
        length(min = 3, max = 200, message = "form-step-title-length"),
        custom(function = "plain_text")
    )]
    pub title: String,
    #[validate(
        length(max = 200, message = "form-step-outcome-length"),
        custom(function = "plain_text")
    )]
    pub outcome: String,
    /// The short « retour d'expérience ».
    #[validate(
        length(max = 1000, message = "form-step-feedback-length"),
        custom(function = "plain_text")
    )]
    pub feedback: String,
}

fn valid_reason(v: &str) -> Result<(), ValidationError> {
    ExitReason::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("reason", "form-exit-reason-required"))
}

/// A réorientation names where to and why.
fn referral_given(e: &ExitInput) -> Result<(), ValidationError> {
    if ExitReason::parse(&e.reason) != Some(ExitReason::Reorientation) {
        return Ok(());
    }
    if Referral::parse(&e.referral).is_none() {
        return Err(err("referral", "form-exit-referral-required"));
    }
    if e.recommendation.trim().chars().count() < 10 {
        return Err(err("recommendation", "form-exit-recommendation-length"));
    }
    Ok(())
}

/// Closing a parcours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "referral_given", skip_on_field_errors = true))]
pub struct ExitInput {
    #[validate(custom(function = "valid_reason"))]
    pub reason: String,
    /// For a réorientation: `france_travail` or `service_social`.
    pub referral: String,
    #[validate(
        length(max = 1000, message = "form-exit-recommendation-length"),
        custom(function = "plain_text")
    )]
    pub recommendation: String,
}

// ---- Requests to change référent or form of support ----

/// What a person may ask to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestKind {
    /// Another référent.
    Referent,
    /// Another form of support (towards France Travail, the social service…).
    Support,
}

impl RequestKind {
    pub const ALL: [RequestKind; 2] = [Self::Referent, Self::Support];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Referent => "referent",
            Self::Support => "accompagnement",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Referent => "pathway-request-kind-referent",
            Self::Support => "pathway-request-kind-support",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStatus {
    Open,
    Accepted,
    Refused,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 3] = [Self::Open, Self::Accepted, Self::Refused];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "ouverte",
            Self::Accepted => "acceptee",
            Self::Refused => "refusee",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Open => "pathway-request-status-open",
            Self::Accepted => "pathway-request-status-accepted",
            Self::Refused => "pathway-request-status-refused",
        }
    }
}

/// The agency answers a request within this many months.
pub const ANSWER_MONTHS: u32 = 1;

/// The day an answer is due for a request made on `asked`.
pub fn answer_due(asked: NaiveDate) -> NaiveDate {
    add_months(asked, ANSWER_MONTHS)
}

fn valid_request_kind(v: &str) -> Result<(), ValidationError> {
    RequestKind::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("request_kind", "form-request-kind-required"))
}

/// A person asks to change référent or form of support, and says why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct RequestInput {
    #[validate(custom(function = "valid_request_kind"))]
    pub request_kind: String,
    #[validate(
        length(min = 10, max = 1000, message = "form-request-reason-length"),
        custom(function = "plain_text")
    )]
    pub reason: String,
}

fn valid_decision(v: &str) -> Result<(), ValidationError> {
    match RequestStatus::parse(v) {
        Some(RequestStatus::Accepted | RequestStatus::Refused) => Ok(()),
        _ => Err(err("decision", "form-answer-decision-required")),
    }
}

/// The agency's answer to a request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct AnswerInput {
    #[validate(custom(function = "valid_decision"))]
    pub decision: String,
    #[validate(
        length(min = 5, max = 1000, message = "form-answer-length"),
        custom(function = "plain_text")
    )]
    pub answer: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use PathwayState::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid date")
    }

    #[test]
    fn the_state_reads_the_first_meeting_until_a_contract_or_an_exit_is_stored() {
        assert_eq!(current(None, None), Oriented);
        assert_eq!(current(None, Some(d("2026-11-02"))), Welcomed);
        assert_eq!(current(Some(Oriented), Some(d("2026-11-02"))), Welcomed);
        assert_eq!(current(Some(Contracted), None), Contracted);
        assert_eq!(current(Some(Exited), Some(d("2026-11-02"))), Exited);
    }

    #[test]
    fn the_parcours_moves_forward_and_refuses_illegal_moves() {
        assert_eq!(after(Welcomed, Move::SignContract), Ok(Contracted));
        assert_eq!(
            after(Oriented, Move::SignContract),
            Err(IllegalMove::NoFirstMeeting)
        );
        assert_eq!(after(Contracted, Move::Start), Ok(Ongoing));
        assert_eq!(
            after(Welcomed, Move::Start),
            Err(IllegalMove::NotContracted)
        );
        assert_eq!(after(Ongoing, Move::Renew), Ok(Renewed));
        // Renewal happens once.
        assert_eq!(after(Renewed, Move::Renew), Err(IllegalMove::NotRenewable));
        assert_eq!(
            after(Contracted, Move::Renew),
            Err(IllegalMove::NotRenewable)
        );
        // A new version of the contract keeps a running support where it is.
        assert_eq!(after(Renewed, Move::SignContract), Ok(Renewed));
        assert_eq!(after(Ongoing, Move::SignContract), Ok(Ongoing));
        for s in [Oriented, Welcomed, Contracted, Ongoing, Renewed] {
            assert_eq!(after(s, Move::Exit(ExitReason::Dropout)), Ok(Exited));
            assert_eq!(
                after(s, Move::Exit(ExitReason::Reorientation)),
                Ok(Reoriented)
            );
        }
        for closed in [Exited, Reoriented] {
            for m in [
                Move::SignContract,
                Move::Start,
                Move::Renew,
                Move::Exit(ExitReason::Other),
            ] {
                assert_eq!(after(closed, m), Err(IllegalMove::Closed));
            }
        }
    }

    #[test]
    fn positive_exits_are_employment_qualifying_training_and_business_creation() {
        let positive: Vec<&str> = ExitReason::ALL
            .iter()
            .filter(|r| r.is_positive())
            .map(|r| r.as_str())
            .collect();
        assert_eq!(
            positive,
            [
                "emploi_durable",
                "cdd_interim",
                "formation_qualifiante",
                "creation_entreprise"
            ]
        );
    }

    #[test]
    fn months_are_calendar_months_kept_inside_the_month() {
        assert_eq!(add_months(d("2026-01-12"), 1), d("2026-02-12"));
        assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(add_months(d("2028-01-31"), 1), d("2028-02-29"));
        assert_eq!(add_months(d("2028-02-29"), 12), d("2029-02-28"));
        assert_eq!(add_months(d("2026-12-15"), 1), d("2027-01-15"));
        assert_eq!(add_months(d("2026-08-31"), 24), d("2028-08-31"));
    }

    #[test]
    fn each_state_has_its_next_deadline() {
        let f = Facts {
            orientation: d("2026-03-20"),
            first_meeting: Some(d("2026-03-30")),
            started: Some(d("2026-04-15")),
        };
        // Across the spring clock change: dates, not hours, so nothing shifts.
        assert_eq!(
            next_due(Oriented, &f),
            Some((Milestone::FirstMeeting, d("2026-04-04")))
        );
        assert_eq!(
            next_due(Welcomed, &f),
            Some((Milestone::Contract, d("2026-04-30")))
        );
        assert_eq!(
            next_due(Ongoing, &f),
            Some((Milestone::Review, d("2027-04-15")))
        );
        assert_eq!(
            next_due(Renewed, &f),
            Some((Milestone::End, d("2028-04-15")))
        );
        assert_eq!(next_due(Exited, &f), None);
        assert_eq!(next_due(Reoriented, &f), None);
    }

    #[test]
    fn a_deadline_is_due_soon_seven_days_ahead_and_late_the_day_after() {
        let due = d("2026-12-10");
        assert_eq!(urgency(due, d("2026-12-02")), Urgency::OnTrack);
        assert_eq!(urgency(due, d("2026-12-03")), Urgency::DueSoon);
        assert_eq!(urgency(due, d("2026-12-10")), Urgency::DueSoon);
        assert_eq!(urgency(due, d("2026-12-11")), Urgency::Late);
    }

    fn step() -> StepInput {
        StepInput {
            kind: "positionnement".into(),
            object: "immersion".into(),
            status: "prevu".into(),
            starts_on: "2026-12-07".into(),
            ends_on: "2026-12-18".into(),
            title: "PMSMP boulangerie Martin".into(),
            outcome: String::new(),
            feedback: String::new(),
        }
    }

    #[test]
    fn a_step_needs_a_known_kind_object_and_status_and_coherent_dates() {
        assert!(step().validate().is_ok());
        let fields = |s: StepInput| match crate::domain::error::AppError::from(
            s.validate().expect_err("refused"),
        ) {
            crate::domain::error::AppError::Invalid { fields, .. } => fields
                .into_iter()
                .map(|f| (f.field, f.code))
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            fields(StepInput {
                ends_on: "2026-12-01".into(),
                ..step()
            }),
            [("ends_on".into(), "form-step-end-before-start".into())]
        );
        assert_eq!(
            fields(StepInput {
                kind: "diagnostic".into(),
                ..step()
            }),
            [("object".into(), "form-step-object-diagnostic".into())]
        );
        assert!(StepInput {
            kind: "diagnostic".into(),
            object: "langue".into(),
            ..step()
        }
        .validate()
        .is_ok());
        let bad = fields(StepInput {
            kind: "x".into(),
            object: "y".into(),
            status: "z".into(),
            starts_on: "demain".into(),
            title: "a".into(),
            ..step()
        });
        let names: Vec<&str> = bad.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(names, ["kind", "object", "starts_on", "status", "title"]);
    }

    #[test]
    fn a_reorientation_names_where_to_and_why() {
        let exit = |reason: &str, referral: &str, rec: &str| ExitInput {
            reason: reason.into(),
            referral: referral.into(),
            recommendation: rec.into(),
        };
        assert!(exit("emploi_durable", "", "").validate().is_ok());
        assert!(exit("reorientation", "", "").validate().is_err());
        assert!(exit("reorientation", "france_travail", "court")
            .validate()
            .is_err());
        assert!(exit(
            "reorientation",
            "france_travail",
            "Projet d'emploi clair, autonome dans ses démarches."
        )
        .validate()
        .is_ok());
        assert!(exit("vacances", "", "").validate().is_err());
    }

    #[test]
    fn a_request_is_answered_within_a_month_and_needs_a_reason() {
        assert_eq!(answer_due(d("2026-01-31")), d("2026-02-28"));
        assert_eq!(answer_due(d("2026-12-02")), d("2027-01-02"));
        let ask = |kind: &str, reason: &str| RequestInput {
            request_kind: kind.into(),
            reason: reason.into(),
        };
        assert!(ask("referent", "Nous ne nous comprenons pas bien.")
            .validate()
            .is_ok());
        assert!(ask("referent", "Non.").validate().is_err());
        assert!(ask("autre", "Nous ne nous comprenons pas bien.")
            .validate()
            .is_err());
        let answer = |decision: &str| AnswerInput {
            decision: decision.into(),
            answer: "Un nouveau référent vous appellera.".into(),
        };
        assert!(answer("acceptee").validate().is_ok());
        assert!(answer("refusee").validate().is_ok());
        // « Open » is not an answer.
        assert!(answer("ouverte").validate().is_err());
    }

    #[test]
    fn stored_values_read_back() {
        for s in PathwayState::ALL {
            assert_eq!(PathwayState::parse(s.as_str()), Some(s));
        }
        for r in ExitReason::ALL {
            assert_eq!(ExitReason::parse(r.as_str()), Some(r));
        }
        for o in StepObject::ALL {
            assert_eq!(StepObject::parse(o.as_str()), Some(o));
        }
        assert_eq!(PathwayState::parse("fini"), None);
    }
}
