//! Demo and load data with the real shape: the 22 agencies of Seine-Saint-Denis weighted
//! by their caseloads, 7 to 12 counsellors each, allocataires oriented in monthly batches
//! (the last week of each month) with a history of rendez-vous (first meetings held,
//! missed, late or still due, follow-ups), and open slots ahead.
//!
//! The data is drawn from a fixed seed: two runs on the same day give the same data.

use app::domain::appointment::{AppointmentReason, AppointmentStatus, BookedBy, Modality};
use app::domain::contract::{self, ContractKind, ContractStatus, ContractTerms, Signature};
use app::domain::survey::{self, Audience, Question};
use app::domain::{calendar, deadline};
use app::domain::{AgencyId, AllocataireId, StaffId, StaffRole};
use app::server::crypto;
use app::server::format;
use app::server::store::{
    AgencyRow, AllocataireRow, NewAudit, NewSlot, QuestionChange, SeedContract, SeedMeeting,
    StaffRow, Store, SurveySettings,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashSet;

/// One territory: its name and the people in support "at cruising speed". The figures
/// marked `published` are the département's forecasts; the others are estimates from the
/// territories' populations, so that the total is near the ~12,000 people in support.
pub struct Territory {
    pub name: &'static str,
    pub caseload: u32,
    pub published: bool,
}

const fn t(name: &'static str, caseload: u32, published: bool) -> Territory {
    Territory {
        name,
        caseload,
        published,
    }
}

pub const TERRITORIES: [Territory; 22] = [
    t("Pierrefitte – Stains", 560, false),
    t("Épinay – Villetaneuse", 520, false),
    t("La Courneuve", 450, false),
    t("Aubervilliers", 800, false),
    t("Saint-Denis", 900, false),
    t("Aulnay-sous-Bois", 700, false),
    t("Tremblay-en-France – Villepinte", 380, false),
    t("Sevran", 480, false),
    t("Bagnolet – Le Pré-Saint-Gervais – Les Lilas", 420, false),
    t("Romainville – Noisy-le-Sec", 430, false),
    t("Clichy-sous-Bois – Montfermeil – Coubron", 520, false),
    t("Livry-Gargan – Pavillons-sous-Bois – Vaujours", 300, false),
    t("Rosny-sous-Bois – Villemomble – Le Raincy", 380, false),
    t("L'Île-Saint-Denis – Saint-Ouen", 394, true),
    t("Pantin", 496, true),
    t("Bobigny", 606, true),
    t("Montreuil", 1039, true),
    t("Bondy", 593, true),
    t("Noisy-le-Grand – Gournay", 433, true),
    t("Neuilly-Plaisance – Neuilly-sur-Marne – Gagny", 611, true),
    t("Blanc-Mesnil – Dugny – Le Bourget", 750, true),
    t("Drancy", 829, true),
];

/// The communes of each territory (the 40 of Seine-Saint-Denis), in `TERRITORIES`' order:
/// the commune → agency table the orientation file is read with.
pub const COMMUNES: [&[&str]; 22] = [
    &["Pierrefitte-sur-Seine", "Stains"],
    &["Épinay-sur-Seine", "Villetaneuse"],
    &["La Courneuve"],
    &["Aubervilliers"],
    &["Saint-Denis"],
    &["Aulnay-sous-Bois"],
    &["Tremblay-en-France", "Villepinte"],
    &["Sevran"],
    &["Bagnolet", "Le Pré-Saint-Gervais", "Les Lilas"],
    &["Romainville", "Noisy-le-Sec"],
    &["Clichy-sous-Bois", "Montfermeil", "Coubron"],
    &["Livry-Gargan", "Les Pavillons-sous-Bois", "Vaujours"],
    &["Rosny-sous-Bois", "Villemomble", "Le Raincy"],
    &["L'Île-Saint-Denis", "Saint-Ouen-sur-Seine"],
    &["Pantin"],
    &["Bobigny"],
    &["Montreuil"],
    &["Bondy"],
    &["Noisy-le-Grand", "Gournay-sur-Marne"],
    &["Neuilly-Plaisance", "Neuilly-sur-Marne", "Gagny"],
    &["Le Blanc-Mesnil", "Dugny", "Le Bourget"],
    &["Drancy"],
];

/// Index of Bobigny in `TERRITORIES`: the demo accounts live there.
const BOBIGNY: usize = 15;

/// "Camille" is kept for the demo allocataire (the browser tests look her up by name).
const FIRST: [&str; 24] = [
    "Camille", "Nadia", "Karim", "Fatou", "Julien", "Aïcha", "Mamadou", "Sophie", "Yacine", "Léa",
    "Moussa", "Inès", "Thomas", "Mariam", "Nicolas", "Samira", "Kevin", "Awa", "David", "Leila",
    "Hugo", "Amina", "Ibrahim", "Chloé",
];
const LAST: [&str; 24] = [
    "Martin", "Benali", "Diallo", "Traoré", "Bernard", "Haddad", "Koné", "Dubois", "Mansouri",
    "Petit", "Camara", "Robert", "Cissé", "Richard", "Bensaïd", "Durand", "Sylla", "Moreau",
    "Belkacem", "Laurent", "Konaté", "Simon", "Fofana", "Michel",
];
/// The mixed teams of the AMI, in the order they are hired.
const TITLES: [&str; 4] = [
    "Conseil en insertion professionnelle",
    "Conseil en insertion professionnelle",
    "Travail social",
    "Psychologue",
];
/// Start times of the slots a counsellor opens (45 minutes each).
const TIMES: [(u32, u32); 7] = [
    (9, 0),
    (9, 45),
    (10, 30),
    (11, 15),
    (14, 0),
    (14, 45),
    (15, 30),
];
const MEETING_MINUTES: i64 = 45;

/// The password of every demo staff account.
pub const DEMO_PASSWORD: &str = "Portail-ALI-2026";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// A quarter of each agency's caseload: quick to load, the same shape.
    Demo,
    /// Each counsellor with about 90 people in support (the AMI's target).
    Full,
}

impl Scale {
    /// Open slots are created for this many days ahead.
    pub const SLOT_DAYS: i64 = 21;

    /// People in support in an agency of `counsellors` counsellors.
    pub fn people(self, territory: &Territory, counsellors: usize) -> usize {
        match self {
            Scale::Demo => territory.caseload as usize / 4,
            Scale::Full => counsellors * 90,
        }
    }
}

/// An agency's team: its caseload over 90 per counsellor, at least the AMI's 7, at most 12.
pub fn counsellors_for(caseload: u32) -> usize {
    ((caseload as usize + 45) / 90).clamp(7, 12)
}

/// The day a monthly batch of orientations arrives: a working day of the last week of the
/// month (`pick` chooses which), never after `today`. `None` when the whole last week is
/// still ahead.
pub fn batch_day(year: i32, month: u32, pick: u32, today: NaiveDate) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = next.pred_opt()?;
    let week: Vec<NaiveDate> = (0..7)
        .map(|d| last - Duration::days(d))
        .filter(|d| calendar::is_working_day(*d) && *d < today)
        .collect();
    if week.is_empty() {
        return None;
    }
    Some(week[pick as usize % week.len()])
}

/// The months whose batches are still in support today (the support lasts a year,
/// renewable once: 24 batches), newest first, as (year, month).
pub fn batch_months(today: NaiveDate) -> Vec<(i32, u32)> {
    let mut months = Vec::new();
    let (mut y, mut m) = (today.year(), today.month());
    while months.len() < 24 {
        if batch_day(y, m, 0, today).is_some() {
            months.push((y, m));
        }
        (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    }
    months
}

/// Which batch a person came in: recent batches are larger (people leave the support
/// over the two years). Index into `batch_months`.
fn pick_batch(rng: &mut StdRng) -> usize {
    // The smaller of two draws: batch k has weight (24 - k), decreasing linearly.
    rng.random_range(0..24usize)
        .min(rng.random_range(0..24usize))
}

/// A counsellor's diary while the data is built: no two meetings at the same time.
struct Diary {
    taken: HashSet<(StaffId, i64)>,
}

impl Diary {
    /// The first free slot time of `counsellor` on a working day from `from` to `to`
    /// (inclusive), starting the search at a random day and time.
    fn book(
        &mut self,
        rng: &mut StdRng,
        counsellor: StaffId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Option<i64> {
        let span = (to - from).num_days();
        if span < 0 {
            return None;
        }
        let first_day = rng.random_range(0..=span);
        let first_time = rng.random_range(0..TIMES.len());
        for d in 0..=span {
            let day = from + Duration::days((first_day + d) % (span + 1));
            if !calendar::is_working_day(day) {
                continue;
            }
            for k in 0..TIMES.len() {
                let (h, m) = TIMES[(first_time + k) % TIMES.len()];
                let Some(start) =
                    NaiveTime::from_hms_opt(h, m, 0).and_then(|t| format::local(day, t))
                else {
                    continue;
                };
                if self.taken.insert((counsellor, start)) {
                    return Some(start);
                }
            }
        }
        None
    }
}

fn slot_at(agency: AgencyId, counsellor: StaffId, start: i64) -> NewSlot {
    let modalities = if counsellor.0 % 3 == 0 {
        vec![Modality::SurPlace, Modality::Telephone, Modality::Visio]
    } else {
        vec![Modality::SurPlace, Modality::Telephone]
    };
    NewSlot {
        agency_id: agency,
        counsellor_id: counsellor,
        starts_at: start,
        ends_at: start + MEETING_MINUTES * 60,
        modalities,
        location: "À l'agence".into(),
    }
}

/// What the data holds, for the start-up line and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub agencies: usize,
    pub counsellors: usize,
    pub allocataires: usize,
    pub meetings: usize,
    pub open_slots: usize,
    pub workshops: usize,
    pub contracts: usize,
}

/// Fills an empty database. Returns the lines describing what was loaded.
pub async fn seed(
    store: &dyn Store,
    scale: Scale,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<String>> {
    let summary = load(store, scale, now).await?;
    Ok(vec![format!(
        "Demo data: {} agencies, {} counsellors, {} allocataires in support, {} rendez-vous, {} open slots, {} workshops, {} contracts.",
        summary.agencies, summary.counsellors, summary.allocataires, summary.meetings, summary.open_slots, summary.workshops, summary.contracts
    )])
}

/// Fills an empty database and says what it holds.
pub async fn load(store: &dyn Store, scale: Scale, now: DateTime<Utc>) -> anyhow::Result<Summary> {
    let mut rng = StdRng::seed_from_u64(93);
    // Contracts draw from their own sequence, so the rest of the data keeps its shape.
    let mut contract_rng = StdRng::seed_from_u64(7);
    let mut fixed_rng = StdRng::seed_from_u64(11);
    let hash = crypto::hash_password(DEMO_PASSWORD);
    let today = format::today(now);
    let months = batch_months(today);
    let staff = |agency: Option<AgencyId>,
                 role: StaffRole,
                 first: &str,
                 last: &str,
                 title: &str,
                 email: String| StaffRow {
        id: StaffId(0),
        agency_id: agency,
        role,
        first_name: first.into(),
        last_name: last.into(),
        title: title.into(),
        email,
        phone: "01 43 93 00 00".into(),
        password_hash: hash.clone(),
        disabled: false,
        session_epoch: 0,
        last_sign_in_at: None,
    };
    store
        .insert_staff(&staff(
            None,
            StaffRole::Admin,
            "Claire",
            "Moreau",
            "Administration du département",
            "admin@seinesaintdenis.fr".into(),
        ))
        .await?;
    let mut summary = Summary {
        agencies: TERRITORIES.len(),
        ..Summary::default()
    };
    let mut diary = Diary {
        taken: HashSet::new(),
    };
    // Bobigny first, so that its first person is the demo allocataire, numéro 1000001.
    let order = std::iter::once(BOBIGNY).chain((0..TERRITORIES.len()).filter(|&i| i != BOBIGNY));
    let mut numero = 1_000_001usize;
    for i in order {
        let territory = &TERRITORIES[i];
        let name = territory.name;
        let s = slug(name);
        let agency = store
            .insert_agency(&AgencyRow {
                id: AgencyId(0),
                name: format!("ALI {name}"),
                address: format!(
                    "{} avenue de la République, {}",
                    10 + i,
                    name.split(" – ").next().unwrap_or(name)
                ),
                phone: format!("01 48 {:02} {:02} {:02}", 10 + i, 20 + i, 30 + i),
                email: format!("contact@ali-{s}.fr"),
                opening_hours: "Du lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h".into(),
                agency_booking: i % 2 == 1,
                rules: app::domain::agency::BookingRules::default(),
            })
            .await?;
        for commune in COMMUNES[i] {
            store
                .set_commune(
                    commune,
                    &app::domain::orientation::key(commune),
                    agency,
                    None,
                    0,
                )
                .await?;
        }
        store
            .insert_staff(&staff(
                Some(agency),
                StaffRole::Manager,
                "Responsable",
                name,
                "Responsable d'agence",
                format!("responsable@ali-{s}.fr"),
            ))
            .await?;
        let team = counsellors_for(territory.caseload);
        let mut counsellors = Vec::with_capacity(team);
        for k in 0..team {
            let (first, last, email) = if i == BOBIGNY && k == 0 {
                ("Nadia", "Benali", "nadia.benali@ali-bobigny.fr".to_string())
            } else {
                (
                    FIRST[1 + (i * 7 + k) % 23],
                    LAST[(i * 5 + k * 3) % 24],
                    format!("conseiller{}@ali-{s}.fr", k + 1),
                )
            };
            let id = store
                .insert_staff(&staff(
                    Some(agency),
                    StaffRole::Referent,
                    first,
                    last,
                    TITLES[k % TITLES.len()],
                    email,
                ))
                .await?;
            counsellors.push(id);
        }
        summary.counsellors += team;

        // The people in support and their orientation dates.
        let people = scale.people(territory, team);
        let mut rows = Vec::with_capacity(people);
        for n in 0..people {
            let demo = numero == 1_000_001;
            let orientation = if demo {
                today - Duration::days(5)
            } else if DEMO_CONTRACTS.contains(&numero.to_string().as_str()) {
                today - Duration::days(20)
            } else if feedback_person(&numero.to_string()).is_some() {
                today - Duration::days(40)
            } else {
                let (y, m) = months[pick_batch(&mut rng)];
                batch_day(y, m, rng.random_range(0..7), today).unwrap_or(today)
            };
            let index = numero - 1_000_001;
            let asked = feedback_person(&numero.to_string());
            rows.push(AllocataireRow {
                id: AllocataireId(0),
                agency_id: agency,
                counsellor_id: Some(if asked.is_some() {
                    counsellors[0]
                } else {
                    counsellors[n % team]
                }),
                numero: numero.to_string(),
                first_name: match asked {
                    Some((first, _)) => first.into(),
                    None if demo => FIRST[0].into(),
                    None => FIRST[1 + index % 23].into(),
                },
                last_name: asked
                    .map_or_else(|| LAST[(index / 23) % 24].into(), |(_, last)| last.into()),
                phone: Some(format!("06{:08}", index + 1)),
                email: index
                    .is_multiple_of(3)
                    .then(|| format!("allocataire{}@exemple.org", index + 1)),
                orientation_date: orientation,
                disabled: false,
                session_epoch: 0,
            });
            numero += 1;
        }
        let ids = store.insert_allocataires(&rows, now.timestamp()).await?;
        summary.allocataires += ids.len();

        // Their rendez-vous: the first meeting (held, missed, booked or still to book),
        // then a follow-up about every five weeks, and some booked ahead.
        let mut meetings = Vec::new();
        let mut contracts = Vec::new();
        for (row, id) in rows.iter().zip(&ids) {
            if row.numero == "1000001" {
                continue; // The demo allocataire books her first meeting herself.
            }
            let counsellor = row.counsellor_id.unwrap_or(counsellors[0]);
            let fixed = DEMO_CONTRACTS.contains(&row.numero.as_str());
            // The fixed people draw from their own sequence: the others' data stays as it was.
            let draws = if fixed { &mut fixed_rng } else { &mut rng };
            let history = if feedback_person(&row.numero).is_some() {
                // Met a month ago; seen on the last working day, the outcome to record.
                let day = last_working_day(today);
                vec![
                    (
                        (AppointmentReason::FirstMeeting, AppointmentStatus::Attended),
                        today - Duration::days(34),
                        today - Duration::days(30),
                    ),
                    (
                        (AppointmentReason::FollowUp, AppointmentStatus::Booked),
                        day,
                        day,
                    ),
                ]
            } else if fixed {
                // The browser tests' people: met last week, a contract (or none) waiting.
                vec![(
                    (AppointmentReason::FirstMeeting, AppointmentStatus::Attended),
                    today - Duration::days(12),
                    today - Duration::days(8),
                )]
            } else {
                plan_history(draws, row.orientation_date, today)
            };
            for (kind, from, to) in history {
                let Some(start) = diary.book(draws, counsellor, from, to) else {
                    continue;
                };
                let (reason, status) = kind;
                if (reason, status)
                    == (AppointmentReason::FirstMeeting, AppointmentStatus::Attended)
                {
                    let plan = if fixed {
                        (row.numero != DEMO_CONTRACTS[2]).then_some(ContractStatus::Proposed)
                    } else {
                        contract_plan(&mut contract_rng, format::day_of(start), today)
                    };
                    if let Some(status) = plan {
                        contracts.push(seed_contract(
                            &mut contract_rng,
                            *id,
                            counsellor,
                            status,
                            start,
                            now,
                        ));
                    }
                }
                let booked_at = (start - draws.random_range(2..15) * 86_400).min(now.timestamp());
                meetings.push(SeedMeeting {
                    slot: slot_at(agency, counsellor, start),
                    allocataire_id: *id,
                    modality: if draws.random_bool(0.8) {
                        Modality::SurPlace
                    } else {
                        Modality::Telephone
                    },
                    reason,
                    status,
                    booked_by: if draws.random_bool(0.4) {
                        BookedBy::Allocataire
                    } else {
                        BookedBy::Staff
                    },
                    booked_at,
                });
            }
        }
        summary.meetings += meetings.len();
        for chunk in meetings.chunks(5000) {
            store.insert_meetings(chunk, now.timestamp()).await?;
        }
        summary.contracts += contracts.len();
        for chunk in contracts.chunks(5000) {
            store.insert_contracts(chunk).await?;
        }

        // Open slots: each counsellor's free times in the coming weeks.
        let mut slots = Vec::new();
        for &counsellor in &counsellors {
            for d in 1..=Scale::SLOT_DAYS {
                let day = today + Duration::days(d);
                if !calendar::is_working_day(day) {
                    continue;
                }
                for (h, m) in TIMES {
                    let Some(start) =
                        NaiveTime::from_hms_opt(h, m, 0).and_then(|t| format::local(day, t))
                    else {
                        continue;
                    };
                    if !diary.taken.contains(&(counsellor, start)) {
                        slots.push(slot_at(agency, counsellor, start));
                    }
                }
            }
        }
        summary.open_slots += slots.len();
        for chunk in slots.chunks(5000) {
            store.create_slots(chunk, now.timestamp(), None).await?;
        }
        summary.workshops += workshops(store, agency, &rows, &ids, today, now).await?;
    }
    demo_survey(store, now).await?;
    Ok(summary)
}

/// The survey the browser tests answer: anonymous, open, for the two people of
/// [`DEMO_FEEDBACK`], in three sections, the third asking why only after « non ».
pub const DEMO_SURVEY: &str = "Vos ateliers en 2027";

async fn demo_survey(store: &dyn Store, now: DateTime<Utc>) -> anyhow::Result<()> {
    let numeros: Vec<String> = DEMO_FEEDBACK
        .iter()
        .map(|(n, _, _)| n.to_string())
        .collect();
    let people = store
        .survey_audience(None, Audience::List, &numeros)
        .await?;
    let Some(agency) = people.first().map(|p| p.agency_id) else {
        return Ok(());
    };
    let today = format::today(now);
    let settings = SurveySettings {
        agency_id: Some(agency),
        title: DEMO_SURVEY.into(),
        intro: "L'agence prépare les ateliers de l'an prochain. Cinq minutes suffisent.".into(),
        thanks: "Merci ! Nous vous dirons en janvier ce que nous en avons fait.".into(),
        anonymous: true,
        audience: Audience::List,
        numeros: numeros.join("\n"),
        opens_on: today - Duration::days(1),
        closes_on: today + Duration::days(60),
        by: None,
    };
    let audit = NewAudit {
        actor: "seed".into(),
        agency: Some(agency),
        action: "survey.seed".into(),
        subject: String::new(),
    };
    let at = now.timestamp();
    let id = store.create_survey(&settings, &audit, at).await?;
    let q = |section: i64, kind: survey::Kind, label: &str, required: bool, options: &[&str]| {
        Question {
            key: 0,
            section,
            position: 0,
            kind,
            label: label.into(),
            required,
            options: options.iter().map(|o| o.to_string()).collect(),
            show_if: None,
        }
    };
    let why = Question {
        show_if: Some((2, "non".into())),
        ..q(
            3,
            survey::Kind::Long,
            "Qu'est-ce qui vous empêche de venir le matin ?",
            true,
            &[],
        )
    };
    let questions = [
        q(
            1,
            survey::Kind::Single,
            "Quel atelier vous intéresse le plus ?",
            true,
            &[
                "Préparer un entretien d'embauche",
                "Faire son CV",
                "Le numérique au quotidien",
                "Concilier garde d'enfants et emploi",
            ],
        ),
        q(
            1,
            survey::Kind::YesNo,
            "Pouvez-vous venir le matin ?",
            true,
            &[],
        ),
        q(
            2,
            survey::Kind::Multiple,
            "Quels jours vous conviennent ?",
            false,
            &["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi"],
        ),
        q(
            2,
            survey::Kind::Scale,
            "Les ateliers de cette année vous ont-ils été utiles ?",
            true,
            &[],
        ),
        why,
        q(
            3,
            survey::Kind::Short,
            "Un atelier que vous aimeriez voir ?",
            false,
            &[],
        ),
    ];
    for question in questions {
        store
            .change_questions(id, &QuestionChange::Add(question), &|_| Ok(()), &audit, at)
            .await?
            .map_err(|e| anyhow::anyhow!("demo survey: {e}"))?;
    }
    let invited: Vec<_> = people.iter().map(|p| (p.id, p.agency_id)).collect();
    store.publish_survey(id, &invited, &[], &audit, at).await?;
    Ok(())
}

/// Three upcoming workshops per agency: one with seats, one nearly full, one full with a
/// waiting list (the demo accounts 1000001 and 1000004 hold no place on them).
async fn workshops(
    store: &dyn Store,
    agency: AgencyId,
    rows: &[AllocataireRow],
    ids: &[AllocataireId],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    use app::domain::workshop::{Audience, Theme};
    use app::server::store::{NewWorkshop, PlaceChange, WorkshopRow};
    let plans = [
        (Theme::JobSearch, "Réussir son entretien d'embauche", "Deux heures pour s'entraîner à l'entretien, en petit groupe. Apportez votre CV si vous en avez un.", 8, 12, 4),
        (Theme::Digital, "Faire ses démarches en ligne", "Créer son adresse e-mail, son compte France Travail, envoyer un document depuis son téléphone.", 13, 10, 8),
        (Theme::Trades, "Découvrir les métiers du soin", "Rencontre avec des aides-soignantes et des auxiliaires de vie : le métier, les formations, les recrutements.", 17, 8, 10),
    ];
    let people: Vec<AllocataireId> = rows
        .iter()
        .zip(ids)
        .filter(|(r, _)| r.numero != "1000001" && r.numero != "1000004")
        .map(|(_, id)| *id)
        .collect();
    let no_messages = |_: &WorkshopRow, _: &PlaceChange| Vec::new();
    let mut made = 0;
    for (k, (theme, title, description, days, capacity, taken)) in plans.into_iter().enumerate() {
        let mut day = today + Duration::days(days);
        while !calendar::is_working_day(day) {
            day += Duration::days(1);
        }
        let Some(start) = NaiveTime::from_hms_opt(14, 0, 0).and_then(|t| format::local(day, t))
        else {
            continue;
        };
        let id = store
            .create_workshops(
                &[NewWorkshop {
                    agency_id: agency,
                    title: title.into(),
                    theme: theme.as_str().into(),
                    description: description.into(),
                    starts_at: start,
                    ends_at: start + 2 * 3600,
                    place: "Salle de réunion de l'agence".into(),
                    video_url: None,
                    capacity,
                    audience: Audience::Agency,
                    registration_deadline: start - 24 * 3600,
                    facilitator_id: None,
                    facilitators: String::new(),
                    created_by: None,
                }],
                None,
                now.timestamp(),
            )
            .await?[0];
        for (n, person) in people.iter().skip(k * 12).take(taken as usize).enumerate() {
            store
                .register(
                    id,
                    *person,
                    &format!("seed-{}-{n}", id.0),
                    &no_messages,
                    None,
                    now.timestamp(),
                )
                .await?;
        }
        made += 1;
    }
    Ok(made)
}

type Kind = (AppointmentReason, AppointmentStatus);

/// A person's rendez-vous, as (kind, earliest day, latest day): the first meeting, then
/// follow-ups until today, and perhaps one booked in the weeks ahead.
/// The people the browser tests use for the contract: met last week; the first two have
/// a contract proposed (one signs with JavaScript, one without), the third (one of Nadia
/// Benali's) none yet: she drafts it.
pub const DEMO_CONTRACTS: [&str; 3] = ["1000004", "1000007", "1000008"];

/// The people the browser tests ask for their opinion: seen by Nadia Benali on the last
/// working day, the outcome not recorded yet (once it is, the question goes out by SMS and
/// e-mail: allocataire10@ and allocataire13@exemple.org).
pub const DEMO_FEEDBACK: [(&str, &str, &str); 2] = [
    ("1000010", "Inès", "Moreau"),
    ("1000013", "Yanis", "Lefèvre"),
];

fn feedback_person(numero: &str) -> Option<(&'static str, &'static str)> {
    DEMO_FEEDBACK
        .iter()
        .find(|(n, _, _)| *n == numero)
        .map(|(_, first, last)| (*first, *last))
}

/// The last working day before `today`.
fn last_working_day(today: NaiveDate) -> NaiveDate {
    let mut day = today - Duration::days(1);
    while !calendar::is_working_day(day) {
        day -= Duration::days(1);
    }
    day
}

/// Where a person met on `met` stands with their contract today: none yet (the month
/// is not over), proposed, signed, or validated by the département.
fn contract_plan(rng: &mut StdRng, met: NaiveDate, today: NaiveDate) -> Option<ContractStatus> {
    let days = (today - met).num_days();
    let r: f64 = rng.random();
    match days {
        ..10 => None,
        10..45 if r < 0.35 => Some(ContractStatus::Proposed),
        10..45 if r < 0.65 => Some(ContractStatus::Signed),
        10..45 => None,
        // Most contracts are signed within the month; a few files are late.
        _ if r < 0.07 => None,
        45..75 if r < 0.5 => Some(ContractStatus::Signed),
        _ => Some(ContractStatus::Validated),
    }
}

const OBJECTIVES: [&str; 4] = [
    "Retrouver un emploi dans la logistique ou la manutention.",
    "Suivre une formation qualifiante d'aide à domicile.",
    "Améliorer mon français à l'écrit pour chercher un emploi.",
    "Créer mon activité de couture et en vivre.",
];

fn seed_contract(
    rng: &mut StdRng,
    person: AllocataireId,
    counsellor: StaffId,
    status: ContractStatus,
    met_at: i64,
    now: DateTime<Utc>,
) -> SeedContract {
    let starts_on = format::day_of(met_at) + Duration::days(rng.random_range(3..20));
    let engagement = rng.random_bool(0.2);
    let months = if rng.random_bool(0.8) { 12 } else { 6 };
    let proposed_at = met_at + rng.random_range(1..10) * 86_400;
    let signed_at =
        (status != ContractStatus::Proposed).then(|| proposed_at + rng.random_range(1..6) * 86_400);
    let validated_at = (status == ContractStatus::Validated)
        .then(|| signed_at.unwrap_or(proposed_at) + rng.random_range(2..15) * 86_400);
    let cap = |t: i64| t.min(now.timestamp());
    SeedContract {
        allocataire_id: person,
        status,
        terms: ContractTerms {
            kind: if engagement {
                ContractKind::Engagement
            } else {
                ContractKind::Cer
            },
            objectives: OBJECTIVES[rng.random_range(0..OBJECTIVES.len())].into(),
            person_commitments: "Venir aux rendez-vous, faire les démarches prévues et prévenir en cas d'empêchement.".into(),
            agency_commitments: "Un rendez-vous par mois avec mon référent, l'aide pour les candidatures et les formations.".into(),
            planned_actions: "Atelier CV, inscription à une formation, immersion en entreprise.".into(),
            duration_months: months,
            starts_on,
            ends_on: contract::ends_on(starts_on, months),
            weekly_hours: engagement.then_some(15),
        },
        created_by: counsellor,
        proposed_at: cap(proposed_at),
        signed_at: signed_at.map(cap),
        signature: signed_at.map(|_| {
            if rng.random_bool(0.6) {
                Signature::Electronic
            } else {
                Signature::Paper
            }
        }),
        validated_at: validated_at.map(cap),
    }
}

fn plan_history(
    rng: &mut StdRng,
    orientation: NaiveDate,
    today: NaiveDate,
) -> Vec<(Kind, NaiveDate, NaiveDate)> {
    use AppointmentReason::{FirstMeeting, FollowUp};
    use AppointmentStatus::{Attended, Booked, Excused, Missed};
    let mut plan = Vec::new();
    let yesterday = today - Duration::days(1);
    // Booked ones start three days ahead at the soonest: no reminder is due at start-up.
    let ahead = (
        today + Duration::days(3),
        today + Duration::days(Scale::SLOT_DAYS),
    );
    let deadline = deadline::first_meeting_deadline(orientation);
    let r: f64 = rng.random();
    if deadline >= today {
        // Still inside the 15 days: some have met already, some have booked, the others
        // are due.
        if r < 0.15 && orientation < yesterday {
            plan.push((
                (FirstMeeting, Attended),
                orientation + Duration::days(1),
                yesterday,
            ));
        } else if r < 0.55 {
            let to = deadline.max(ahead.0);
            plan.push(((FirstMeeting, Booked), ahead.0, to));
        }
        return plan;
    }
    let recent = (today - orientation).num_days() < 100;
    let first_from = orientation + Duration::days(1);
    if recent && r < 0.08 {
        return plan; // Never seen: late.
    }
    if recent && r < 0.16 {
        // Missed the first meeting and not seen since: late, a relance is due.
        plan.push(((FirstMeeting, Missed), first_from, deadline));
        return plan;
    }
    // The first meeting, held (now and then after an excused one, a little late).
    let held_from = if r > 0.93 {
        plan.push(((FirstMeeting, Excused), first_from, deadline));
        deadline + Duration::days(1)
    } else {
        first_from
    };
    if held_from > yesterday {
        return plan; // Excused yesterday: to be booked again.
    }
    let held_to = (held_from + Duration::days(13)).min(yesterday);
    plan.push(((FirstMeeting, Attended), held_from, held_to));
    // Follow-ups about every five weeks.
    let mut day = held_to + Duration::days(rng.random_range(28..42));
    while day < yesterday {
        let s: f64 = rng.random();
        let status = if s < 0.82 {
            Attended
        } else if s < 0.92 {
            Missed
        } else {
            Excused
        };
        plan.push((
            (FollowUp, status),
            day,
            (day + Duration::days(4)).min(yesterday),
        ));
        day += Duration::days(rng.random_range(28..42));
    }
    if rng.random_bool(0.25) {
        plan.push(((FollowUp, Booked), ahead.0, ahead.1));
    }
    plan
}

fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'é' | 'è' | 'ê' => 'e',
            'î' | 'ï' => 'i',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if !(c == '-' && s.ends_with('-')) {
            s.push(c);
        }
    }
    s.trim_matches('-').to_string()
}

/// The demo accounts, printed at each start in demo mode.
pub fn demo_accounts() -> Vec<String> {
    vec![
        "Allocataire (ALI Bobigny): numéro 1000001, téléphone 06 00 00 00 01, e-mail allocataire1@exemple.org".into(),
        "  → the sign-in code appears on the staff page « Messages envoyés » (demo mode) or in your SMTP server.".into(),
        "Allocataire with a contract to sign: numéro 1000004 (e-mail allocataire4@exemple.org).".into(),
        "Rendez-vous to record « honoré » on Nadia Benali's agenda of the last working day (the satisfaction question follows): Inès Moreau 1000010, Yanis Lefèvre 1000013.".into(),
        format!("Conseillère (ALI Bobigny): nadia.benali@ali-bobigny.fr / {DEMO_PASSWORD}"),
        format!("Responsable d'agence: responsable@ali-bobigny.fr / {DEMO_PASSWORD}"),
        format!("Administration du département: admin@seinesaintdenis.fr / {DEMO_PASSWORD}"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn teams_follow_the_caseloads_within_the_ami_bounds() {
        let teams: Vec<usize> = TERRITORIES
            .iter()
            .map(|t| counsellors_for(t.caseload))
            .collect();
        assert!(teams.iter().all(|&n| (7..=12).contains(&n)), "{teams:?}");
        let montreuil = TERRITORIES
            .iter()
            .position(|t| t.name == "Montreuil")
            .unwrap();
        let ile = TERRITORIES
            .iter()
            .position(|t| t.name.starts_with("L'Île"))
            .unwrap();
        assert_eq!(teams[montreuil], 12);
        assert_eq!(teams[ile], 7);
        assert_eq!(TERRITORIES[BOBIGNY].name, "Bobigny");
        let total: u32 = TERRITORIES.iter().map(|t| t.caseload).sum();
        assert!((11_000..=13_500).contains(&total), "{total}");
    }

    #[test]
    fn full_scale_gives_each_counsellor_about_ninety_people() {
        let montreuil = &TERRITORIES[16];
        let team = counsellors_for(montreuil.caseload);
        assert_eq!(Scale::Full.people(montreuil, team) / team, 90);
        // The demo keeps the weighting: Montreuil has more people than L'Île-Saint-Denis.
        assert!(Scale::Demo.people(montreuil, team) > Scale::Demo.people(&TERRITORIES[13], 7));
    }

    #[test]
    fn batches_arrive_on_working_days_of_the_last_week_and_never_ahead() {
        // November 2026: the 30th is a Monday; the 28th and 29th a week-end.
        for pick in 0..7 {
            let day = batch_day(2026, 11, pick, d(2026, 12, 1)).unwrap();
            assert!(day >= d(2026, 11, 24) && day <= d(2026, 11, 30), "{day}");
            assert!(calendar::is_working_day(day), "{day}");
        }
        // On 1 December, December's batch has not come yet; on the 31st part of it has
        // (the 25th is Christmas, the 26th and 27th a week-end).
        assert_eq!(batch_day(2026, 12, 0, d(2026, 12, 1)), None);
        for pick in 0..7 {
            let partial = batch_day(2026, 12, pick, d(2026, 12, 31)).unwrap();
            assert!(
                partial >= d(2026, 12, 28) && partial <= d(2026, 12, 30),
                "{partial}"
            );
        }
        let months = batch_months(d(2026, 12, 1));
        assert_eq!(months.len(), 24);
        assert_eq!(months[0], (2026, 11));
        assert_eq!(months[23], (2024, 12));
    }

    #[test]
    fn histories_mix_held_late_and_due_first_meetings() {
        let today = d(2026, 12, 1);
        let mut rng = StdRng::seed_from_u64(1);
        let (mut due_open, mut due_booked, mut late, mut held) = (0, 0, 0, 0);
        for k in 0..2000 {
            // Half just oriented (inside the 15 days), half two months ago.
            let orientation = if k % 2 == 0 {
                d(2026, 11, 26)
            } else {
                d(2026, 9, 29)
            };
            let plan = plan_history(&mut rng, orientation, today);
            let first_held = plan.iter().any(|((r, s), ..)| {
                *r == AppointmentReason::FirstMeeting && *s == AppointmentStatus::Attended
            });
            for ((_, status), from, to) in &plan {
                assert!(from <= to, "{from} > {to}");
                match status {
                    AppointmentStatus::Booked => assert!(*from > today),
                    _ => assert!(*to < today),
                }
            }
            match (k % 2 == 0, first_held) {
                (_, true) => held += 1,
                (true, false) if plan.is_empty() => due_open += 1,
                (true, false) => due_booked += 1,
                (false, false) => late += 1,
            }
        }
        for (what, n) in [
            ("due", due_open),
            ("booked", due_booked),
            ("late", late),
            ("held", held),
        ] {
            assert!(n > 100, "{what}: {n}");
        }
        assert!(held > late * 4, "held {held}, late {late}");
    }
}
