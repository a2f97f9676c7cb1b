//! Collective workshops (« ateliers collectifs »): their themes and audiences, the seats
//! and the waiting list. Pure rules; the store applies them inside one transaction per
//! change, which is what makes them hold under concurrency.

use super::inputs::{err, parse_date, parse_time, plain_text};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal, $key:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The stored value (also the form value).
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some(Self::$variant),)* _ => None }
            }
            /// The catalogue key of its label.
            pub fn label_key(self) -> &'static str {
                match self { $(Self::$variant => $key),* }
            }
        }
    };
}

text_enum!(
    /// The ALI's usual themes, the first of the managed list (`workshop_themes`); the
    /// département's admin adds others, which carry their own label.
    Theme {
        PeerGroup => "pairs", "workshop-theme-pairs";
        JobSearch => "recherche-emploi", "workshop-theme-recherche-emploi";
        Trades => "metiers", "workshop-theme-metiers";
        Digital => "numerique", "workshop-theme-numerique";
        French => "francais", "workshop-theme-francais";
        Confidence => "confiance", "workshop-theme-confiance";
        JobDating => "job-dating", "workshop-theme-job-dating";
    }
);

text_enum!(
    /// Who may see and join a workshop.
    Audience {
        Agency => "agence", "workshop-audience-agence";
        AllAgencies => "toutes", "workshop-audience-toutes";
        Invitation => "invitation", "workshop-audience-invitation";
    }
);

text_enum!(
    WorkshopStatus {
        Scheduled => "scheduled", "workshop-status-scheduled";
        Cancelled => "cancelled", "workshop-status-cancelled";
    }
);

text_enum!(
    /// A person's place on a workshop. `Registered`, `Waiting` and `Offered` are active:
    /// a person holds at most one active registration per workshop.
    RegistrationStatus {
        Registered => "registered", "workshop-reg-registered";
        Waiting => "waiting", "workshop-reg-waiting";
        Offered => "offered", "workshop-reg-offered";
        Left => "left", "workshop-reg-left";
        Expired => "expired", "workshop-reg-expired";
        Cancelled => "cancelled", "workshop-reg-cancelled";
    }
);

text_enum!(
    Attendance {
        Present => "present", "workshop-attendance-present";
        Absent => "absent", "workshop-attendance-absent";
        Excused => "excused", "workshop-attendance-excused";
    }
);

impl RegistrationStatus {
    pub fn is_active(self) -> bool {
        matches!(self, Self::Registered | Self::Waiting | Self::Offered)
    }
    /// Holds a seat (an offered seat is kept for the person it is offered to).
    pub fn holds_seat(self) -> bool {
        matches!(self, Self::Registered | Self::Offered)
    }
}

/// Where a new registration goes. Nobody jumps the queue: while people wait, a newcomer
/// waits too (a seat freed meanwhile is being offered to the first of them).
pub fn place_for(capacity: i64, seats_held: i64, waiting: i64) -> RegistrationStatus {
    if waiting == 0 && seats_held < capacity {
        RegistrationStatus::Registered
    } else {
        RegistrationStatus::Waiting
    }
}

/// Attendance is signed from this long before the start (during or after the session).
pub const ATTENDANCE_OPENS_BEFORE_SECS: i64 = 3600;

/// Whether staff may sign attendance now.
pub fn attendance_open(now: i64, starts_at: i64, status: WorkshopStatus) -> bool {
    status == WorkshopStatus::Scheduled && now >= starts_at - ATTENDANCE_OPENS_BEFORE_SECS
}

/// Seats still free (never negative).
pub fn seats_left(capacity: i64, seats_held: i64) -> i64 {
    (capacity - seats_held).max(0)
}

/// How long a person offered a freed seat has to confirm it: `default_secs` (24 h), but
/// never more than half the time left before the session, and at least 15 minutes.
pub fn offer_window(now: i64, starts_at: i64, default_secs: i64) -> i64 {
    let half = (starts_at - now) / 2;
    default_secs.min(half).max(15 * 60)
}

/// A capacity change: refused below the seats held; otherwise the number of seats that
/// can now be offered to the waiting list.
pub fn capacity_change(new_capacity: i64, seats_held: i64) -> Result<i64, CapacityError> {
    if !(1..=MAX_CAPACITY).contains(&new_capacity) {
        return Err(CapacityError::OutOfRange);
    }
    if new_capacity < seats_held {
        return Err(CapacityError::BelowRegistered(seats_held));
    }
    Ok(new_capacity - seats_held)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityError {
    OutOfRange,
    /// The seats already held.
    BelowRegistered(i64),
}

pub const MAX_CAPACITY: i64 = 200;

/// What is wrong with a session's times, if anything: it must start ahead, and a
/// registration deadline set now must be ahead too (an edit that keeps a deadline already
/// passed is fine: registration stays closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleError {
    InThePast,
    DeadlinePassed,
}

pub fn schedule_check(
    starts_at: i64,
    deadline: i64,
    kept_deadline: Option<i64>,
    now: i64,
) -> Result<(), ScheduleError> {
    if starts_at <= now {
        Err(ScheduleError::InThePast)
    } else if deadline <= now && kept_deadline != Some(deadline) {
        Err(ScheduleError::DeadlinePassed)
    } else {
        Ok(())
    }
}

/// Whether a person may still register (or join the waiting list).
pub fn registration_open(now: i64, deadline: i64, starts_at: i64, status: WorkshopStatus) -> bool {
    status == WorkshopStatus::Scheduled && now < deadline && now < starts_at
}

/// A theme's key: what the form sends (the server checks it is on the list).
pub fn is_theme_key(value: &str) -> bool {
    (1..=40).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn valid_theme(value: &str) -> Result<(), ValidationError> {
    if is_theme_key(value.trim()) {
        Ok(())
    } else {
        Err(err("theme", "form-workshop-theme-required"))
    }
}

/// A theme added to the list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ThemeInput {
    #[validate(
        length(min = 3, max = 60, message = "form-theme-label-length"),
        custom(function = "plain_text")
    )]
    pub label: String,
}

fn valid_audience(value: &str) -> Result<(), ValidationError> {
    Audience::parse(value)
        .map(|_| ())
        .ok_or_else(|| err("audience", "form-workshop-audience-required"))
}

fn valid_day(value: &str) -> Result<(), ValidationError> {
    parse_date(value)
        .map(|_| ())
        .ok_or_else(|| err("date", "form-date-invalid"))
}

fn valid_start(value: &str) -> Result<(), ValidationError> {
    parse_time(value)
        .map(|_| ())
        .ok_or_else(|| err("time", "form-time-invalid"))
}

fn number(value: &str) -> Option<i64> {
    value.trim().parse::<i64>().ok()
}

fn valid_duration(value: &str) -> Result<(), ValidationError> {
    number(value)
        .filter(|m| (15..=480).contains(m))
        .map(|_| ())
        .ok_or_else(|| err("duration_minutes", "form-workshop-duration-range"))
}

fn valid_capacity(value: &str) -> Result<(), ValidationError> {
    number(value)
        .filter(|c| (1..=MAX_CAPACITY).contains(c))
        .map(|_| ())
        .ok_or_else(|| err("capacity", "form-workshop-capacity-range"))
}

fn valid_deadline_hours(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() || number(value).is_some_and(|h| (0..=336).contains(&h)) {
        Ok(())
    } else {
        Err(err("deadline_hours", "form-workshop-deadline-range"))
    }
}

fn valid_video(value: &str) -> Result<(), ValidationError> {
    plain_text(value)?;
    let v = value.trim();
    if v.is_empty()
        || (v.starts_with("https://") && v.len() > 12 && !v.contains(char::is_whitespace))
    {
        Ok(())
    } else {
        Err(err("video_url", "form-workshop-video-invalid"))
    }
}

fn somewhere(input: &WorkshopInput) -> Result<(), ValidationError> {
    if input.place.trim().is_empty() && input.video_url.trim().is_empty() {
        Err(err("place", "form-workshop-place-required"))
    } else {
        Ok(())
    }
}

/// A workshop session as staff create it. The date is checked against today by the
/// server (a session cannot start in the past).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "somewhere", skip_on_field_errors = true))]
pub struct WorkshopInput {
    #[validate(
        length(min = 3, max = 120, message = "form-workshop-title-length"),
        custom(function = "plain_text")
    )]
    pub title: String,
    #[validate(custom(function = "valid_theme"))]
    pub theme: String,
    #[validate(
        length(max = 2000, message = "form-workshop-description-length"),
        custom(function = "plain_text")
    )]
    pub description: String,
    #[validate(custom(function = "valid_day"))]
    pub date: String,
    #[validate(custom(function = "valid_start"))]
    pub time: String,
    #[validate(custom(function = "valid_duration"))]
    pub duration_minutes: String,
    #[validate(
        length(max = 200, message = "form-workshop-place-length"),
        custom(function = "plain_text")
    )]
    pub place: String,
    #[validate(
        length(max = 300, message = "form-workshop-video-invalid"),
        custom(function = "valid_video")
    )]
    pub video_url: String,
    #[validate(custom(function = "valid_capacity"))]
    pub capacity: String,
    #[validate(custom(function = "valid_audience"))]
    pub audience: String,
    /// Registration closes this many hours before the start (empty: at the start).
    #[validate(custom(function = "valid_deadline_hours"))]
    pub deadline_hours: String,
    /// Who runs it, as staff write it (empty: the agency's team).
    #[validate(
        length(max = 200, message = "form-workshop-facilitators-length"),
        custom(function = "plain_text")
    )]
    pub facilitators: String,
}

/// A validated input, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopPlan {
    pub title: String,
    /// The theme's key (checked against the list by the server).
    pub theme: String,
    pub description: String,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub duration_minutes: i64,
    pub place: String,
    pub video_url: Option<String>,
    pub capacity: i64,
    pub audience: Audience,
    pub deadline_hours: i64,
    pub facilitators: String,
}

impl WorkshopInput {
    /// The typed plan; `None` when the input does not validate.
    pub fn plan(&self) -> Option<WorkshopPlan> {
        self.validate().ok()?;
        Some(WorkshopPlan {
            title: self.title.trim().to_string(),
            theme: self.theme.trim().to_string(),
            description: self.description.trim().replace("\r\n", "\n"),
            date: parse_date(&self.date)?,
            time: parse_time(&self.time)?,
            duration_minutes: number(&self.duration_minutes)?,
            place: self.place.trim().to_string(),
            video_url: Some(self.video_url.trim().to_string()).filter(|v| !v.is_empty()),
            capacity: number(&self.capacity)?,
            audience: Audience::parse(&self.audience)?,
            deadline_hours: number(&self.deadline_hours).unwrap_or(0),
            facilitators: self.facilitators.trim().to_string(),
        })
    }
}

/// The days of a series: the first, then every `every_weeks` weeks up to `until`
/// (included), at most [`MAX_SERIES`] sessions. Closed days are the service's to skip.
pub fn series_days(first: NaiveDate, every_weeks: i64, until: NaiveDate) -> Vec<NaiveDate> {
    (0..MAX_SERIES)
        .map(|k| first + chrono::Duration::weeks(every_weeks.max(1) * k))
        .take_while(|d| *d <= until)
        .collect()
}

/// A series holds at most this many sessions (a year of weekly sessions).
pub const MAX_SERIES: i64 = 52;

/// Where and when a session takes place: what its people are told about when it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot<'a> {
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: &'a str,
    pub video_url: Option<&'a str>,
}

/// Whether an edit is news for the people holding a place: the time or the place moved
/// (a new title or description is not worth an SMS).
pub fn worth_telling(before: &Spot, after: &Spot) -> bool {
    before != after
}

/// At most this many people invited in one go.
pub const MAX_INVITED: usize = 200;

pub(crate) fn valid_numeros(value: &str) -> Result<(), ValidationError> {
    match numeros(value) {
        Some(list) if !list.is_empty() && list.len() <= MAX_INVITED => Ok(()),
        _ => Err(err("numeros", "form-workshop-invite-invalid")),
    }
}

/// The numéros typed (separated by spaces, commas, semicolons or lines), each once, in
/// the order typed; `None` when one is not a numéro (5 to 12 digits).
pub fn numeros(value: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for n in value
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|n| !n.is_empty())
    {
        if !(5..=12).contains(&n.len()) || !n.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if !out.iter().any(|o| o == n) {
            out.push(n.to_string());
        }
    }
    Some(out)
}

/// Staff invite people to a session by their numéros allocataire.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct InviteInput {
    #[validate(custom(function = "valid_numeros"))]
    pub numeros: String,
}

impl InviteInput {
    pub fn list(&self) -> Vec<String> {
        numeros(&self.numeros).unwrap_or_default()
    }
}

/// A new capacity typed by staff.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct CapacityInput {
    #[validate(custom(function = "valid_capacity"))]
    pub capacity: String,
}

impl CapacityInput {
    pub fn value(&self) -> i64 {
        number(&self.capacity).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> WorkshopInput {
        WorkshopInput {
            title: "Préparer un entretien".into(),
            theme: "recherche-emploi".into(),
            description: "Deux heures pour s'entraîner.\nApportez votre CV.".into(),
            date: "2027-01-12".into(),
            time: "14:00".into(),
            duration_minutes: "120".into(),
            place: "Salle 2, à l'agence".into(),
            video_url: String::new(),
            capacity: "10".into(),
            audience: "agence".into(),
            deadline_hours: "24".into(),
            facilitators: "Nadia Benali".into(),
        }
    }

    fn fields(i: &WorkshopInput) -> Vec<String> {
        match i.validate() {
            Ok(()) => vec![],
            Err(e) => {
                let mut v: Vec<String> = e.errors().keys().map(|k| k.to_string()).collect();
                v.sort();
                v
            }
        }
    }

    #[test]
    fn a_complete_workshop_validates_and_is_typed() {
        let plan = input().plan().expect("valid");
        assert_eq!(plan.theme, Theme::JobSearch.as_str());
        assert_eq!(plan.capacity, 10);
        assert_eq!(plan.deadline_hours, 24);
        assert_eq!(plan.video_url, None);
    }

    #[test]
    fn bad_input_names_its_field() {
        type Change = fn(&mut WorkshopInput);
        let cases: Vec<(Change, &str)> = vec![
            (|i| i.capacity = "0".into(), "capacity"),
            (|i| i.capacity = "-3".into(), "capacity"),
            (|i| i.capacity = "201".into(), "capacity"),
            (|i| i.capacity = "dix".into(), "capacity"),
            (|i| i.duration_minutes = "5".into(), "duration_minutes"),
            (|i| i.theme = "Cuisine du monde".into(), "theme"),
            (|i| i.theme = String::new(), "theme"),
            (|i| i.audience = "tous".into(), "audience"),
            (|i| i.date = "+262142-12-31".into(), "date"),
            (|i| i.time = "25:00".into(), "time"),
            (|i| i.title = "a".into(), "title"),
            (|i| i.title = "Atelier\u{0}".into(), "title"),
            (|i| i.video_url = "http://visio".into(), "video_url"),
            (|i| i.deadline_hours = "400".into(), "deadline_hours"),
            (|i| i.facilitators = "x".repeat(201), "facilitators"),
        ];
        for (change, field) in cases {
            let mut i = input();
            change(&mut i);
            assert_eq!(fields(&i), vec![field.to_string()], "{i:?}");
            assert!(i.plan().is_none());
        }
        // Neither a place nor a video link.
        let mut i = input();
        i.place.clear();
        assert_eq!(fields(&i), vec!["__all__".to_string()]);
        i.video_url = "https://visio.exemple.fr/atelier".into();
        assert!(i.plan().is_some());
    }

    #[test]
    fn seats_go_to_registrations_until_full_then_to_the_waiting_list() {
        assert_eq!(place_for(10, 9, 0), RegistrationStatus::Registered);
        assert_eq!(place_for(10, 10, 0), RegistrationStatus::Waiting);
        // A seat is free but someone waits for it: the newcomer queues behind them.
        assert_eq!(place_for(10, 9, 1), RegistrationStatus::Waiting);
        assert_eq!(seats_left(10, 7), 3);
        assert_eq!(seats_left(10, 12), 0);
        assert!(RegistrationStatus::Offered.holds_seat());
        assert!(!RegistrationStatus::Waiting.holds_seat());
        assert!(RegistrationStatus::Waiting.is_active());
        assert!(!RegistrationStatus::Left.is_active());
    }

    #[test]
    fn capacity_cannot_drop_below_the_seats_held() {
        assert_eq!(capacity_change(12, 10), Ok(2));
        assert_eq!(capacity_change(10, 10), Ok(0));
        assert_eq!(
            capacity_change(8, 10),
            Err(CapacityError::BelowRegistered(10))
        );
        assert_eq!(capacity_change(0, 0), Err(CapacityError::OutOfRange));
    }

    #[test]
    fn the_offer_window_shrinks_when_the_session_is_near() {
        let day = 24 * 3600;
        assert_eq!(offer_window(0, 10 * day, day), day);
        assert_eq!(offer_window(0, 12 * 3600, day), 6 * 3600);
        assert_eq!(offer_window(0, 600, day), 15 * 60);
    }

    #[test]
    fn attendance_is_signed_from_an_hour_before_the_start() {
        assert!(!attendance_open(0, 3601, WorkshopStatus::Scheduled));
        assert!(attendance_open(1, 3601, WorkshopStatus::Scheduled));
        assert!(attendance_open(99_999, 3601, WorkshopStatus::Scheduled));
        assert!(!attendance_open(99_999, 3601, WorkshopStatus::Cancelled));
    }

    #[test]
    fn registration_closes_at_the_deadline_or_when_cancelled() {
        assert!(registration_open(0, 100, 200, WorkshopStatus::Scheduled));
        assert!(!registration_open(100, 100, 200, WorkshopStatus::Scheduled));
        assert!(!registration_open(0, 100, 200, WorkshopStatus::Cancelled));
    }

    #[test]
    fn a_session_starts_ahead_and_a_new_deadline_is_ahead_too() {
        assert_eq!(
            schedule_check(100, 50, None, 60),
            Err(ScheduleError::DeadlinePassed)
        );
        assert_eq!(schedule_check(100, 50, Some(50), 60), Ok(()));
        assert_eq!(
            schedule_check(100, 50, Some(40), 60),
            Err(ScheduleError::DeadlinePassed)
        );
        assert_eq!(schedule_check(100, 80, None, 60), Ok(()));
        assert_eq!(
            schedule_check(60, 50, Some(50), 60),
            Err(ScheduleError::InThePast)
        );
    }

    #[test]
    fn a_series_repeats_until_its_last_day_and_no_further() {
        let d = |s: &str| parse_date(s).expect("date");
        let weekly = series_days(d("2027-01-05"), 1, d("2027-01-26"));
        assert_eq!(
            weekly,
            vec![
                d("2027-01-05"),
                d("2027-01-12"),
                d("2027-01-19"),
                d("2027-01-26")
            ]
        );
        let fortnightly = series_days(d("2027-01-05"), 2, d("2027-01-25"));
        assert_eq!(fortnightly, vec![d("2027-01-05"), d("2027-01-19")]);
        // Capped, however far the last day.
        assert_eq!(
            series_days(d("2027-01-05"), 1, d("2030-01-01")).len() as i64,
            MAX_SERIES
        );
    }

    #[test]
    fn only_a_new_time_or_place_is_told() {
        let before = Spot {
            starts_at: 100,
            ends_at: 200,
            place: "Salle 2",
            video_url: None,
        };
        assert!(!worth_telling(&before, &before.clone()));
        assert!(worth_telling(
            &before,
            &Spot {
                starts_at: 160,
                ..before.clone()
            }
        ));
        assert!(worth_telling(
            &before,
            &Spot {
                place: "Salle 3",
                ..before.clone()
            }
        ));
    }

    #[test]
    fn invitations_read_numeros_once_each_and_refuse_anything_else() {
        assert_eq!(
            numeros("1000001, 1000004\n1000001;2000003"),
            Some(vec![
                "1000001".to_string(),
                "1000004".to_string(),
                "2000003".to_string()
            ])
        );
        assert_eq!(numeros("1000001 Camille"), None);
        assert_eq!(numeros("12"), None);
        let empty = InviteInput {
            numeros: " , ".into(),
        };
        assert!(empty.validate().is_err());
        let ok = InviteInput {
            numeros: "1000001 1000004".into(),
        };
        assert!(ok.validate().is_ok());
        assert_eq!(ok.list().len(), 2);
    }

    #[test]
    fn a_new_theme_needs_a_short_plain_label() {
        let theme = |label: &str| ThemeInput {
            label: label.into(),
        };
        assert!(theme("Cuisine et santé").validate().is_ok());
        assert!(theme("ab").validate().is_err());
        assert!(theme(&"a".repeat(61)).validate().is_err());
        assert!(theme("Cuisine\u{7}").validate().is_err());
        assert!(is_theme_key("theme-8") && !is_theme_key("Thème"));
    }

    #[test]
    fn stored_values_read_back() {
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.as_str()), Some(*t));
        }
        for s in RegistrationStatus::ALL {
            assert_eq!(RegistrationStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Attendance::parse("present"), Some(Attendance::Present));
        assert_eq!(Attendance::parse("là"), None);
    }
}
