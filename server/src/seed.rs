//! Demo and load data with the real shape: the 22 agencies of Seine-Saint-Denis, their
//! counsellors, allocataires oriented over the last weeks, and open slots ahead.

use app::domain::appointment::Modality;
use app::domain::calendar;
use app::domain::{AgencyId, AllocataireId, StaffId, StaffRole};
use app::server::crypto;
use app::server::format;
use app::server::store::{AgencyRow, AllocataireRow, NewSlot, StaffRow, Store};
use chrono::{DateTime, Duration, NaiveTime, Utc};

pub const AGENCIES: [&str; 22] = [
    "Pierrefitte – Stains",
    "Épinay – Villetaneuse",
    "La Courneuve",
    "Aubervilliers",
    "Saint-Denis",
    "Aulnay-sous-Bois",
    "Tremblay-en-France – Villepinte",
    "Sevran",
    "Bagnolet – Le Pré-Saint-Gervais – Les Lilas",
    "Romainville – Noisy-le-Sec",
    "Clichy-sous-Bois – Montfermeil – Coubron",
    "Livry-Gargan – Pavillons-sous-Bois – Vaujours",
    "Rosny-sous-Bois – Villemomble – Le Raincy",
    "L'Île-Saint-Denis – Saint-Ouen",
    "Pantin",
    "Bobigny",
    "Montreuil",
    "Bondy",
    "Noisy-le-Grand – Gournay",
    "Neuilly-Plaisance – Neuilly-sur-Marne – Gagny",
    "Blanc-Mesnil – Dugny – Le Bourget",
    "Drancy",
];

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

/// The password of every demo staff account.
pub const DEMO_PASSWORD: &str = "Portail-ALI-2026";

pub struct Scale {
    pub counsellors_per_agency: usize,
    pub allocataires: usize,
    pub slot_days: i64,
}

impl Scale {
    pub const DEMO: Scale = Scale {
        counsellors_per_agency: 4,
        allocataires: 22 * 200,
        slot_days: 21,
    };
    /// 85,000 allocataires on file, 340 counsellors (15 or 16 per agency).
    pub const FULL: Scale = Scale {
        counsellors_per_agency: 15,
        allocataires: 85_000,
        slot_days: 21,
    };
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

/// Fills an empty database. Returns the lines describing the demo accounts.
pub async fn seed(
    store: &dyn Store,
    scale: &Scale,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<String>> {
    let hash = crypto::hash_password(DEMO_PASSWORD);
    let today = format::today(now);
    let staff = |agency: Option<AgencyId>,
                 role: StaffRole,
                 first: &str,
                 last: &str,
                 title: &str,
                 email: String| {
        StaffRow {
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
        }
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
    let mut counsellors: Vec<(AgencyId, StaffId)> = Vec::new();
    let mut extra = 0usize;
    for (i, name) in AGENCIES.iter().enumerate() {
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
        // 340 at full scale: 15 per agency, plus one more in the 10 largest.
        let n = scale.counsellors_per_agency
            + usize::from(scale.counsellors_per_agency >= 15 && i >= 12);
        for k in 0..n {
            let (first, last) = if i == 15 && k == 0 {
                ("Nadia", "Benali")
            } else {
                (FIRST[(i * 7 + k) % 24], LAST[(i * 5 + k * 3) % 24])
            };
            let email = if i == 15 && k == 0 {
                "nadia.benali@ali-bobigny.fr".to_string()
            } else {
                format!("conseiller{}@ali-{s}.fr", k + 1)
            };
            let title = if k % 4 == 3 {
                "Travailleur·se social·e"
            } else {
                "Conseiller·ère en insertion"
            };
            let id = store
                .insert_staff(&staff(
                    Some(agency),
                    StaffRole::Referent,
                    first,
                    last,
                    title,
                    email,
                ))
                .await?;
            counsellors.push((agency, id));
            extra += 1;
        }
    }
    // Allocataires, spread over agencies and counsellors, oriented over the last 60 days.
    let mut batch = Vec::new();
    for n in 0..scale.allocataires {
        let (agency, counsellor) = counsellors[n % counsellors.len()];
        let first_demo = n == 0;
        let (agency, counsellor) = if first_demo {
            counsellors
                .iter()
                .copied()
                .find(|(a, _)| a.0 == 16)
                .unwrap_or((agency, counsellor))
        } else {
            (agency, counsellor)
        };
        batch.push(AllocataireRow {
            id: AllocataireId(0),
            agency_id: agency,
            counsellor_id: Some(counsellor),
            numero: format!("{}", 1_000_001 + n),
            first_name: FIRST[n % 24].into(),
            last_name: LAST[(n / 24) % 24].into(),
            phone: Some(format!("06{:08}", n + 1)),
            email: (n % 3 == 0).then(|| format!("allocataire{}@exemple.org", n + 1)),
            orientation_date: today - Duration::days(if first_demo { 5 } else { (n % 60) as i64 }),
            disabled: false,
            session_epoch: 0,
        });
        if batch.len() == 2000 {
            store.insert_allocataires(&batch, now.timestamp()).await?;
            batch.clear();
        }
    }
    store.insert_allocataires(&batch, now.timestamp()).await?;
    // Open slots: weekdays, mornings and afternoons, for the coming weeks.
    let times = [
        (9, 0),
        (9, 45),
        (10, 30),
        (11, 15),
        (14, 0),
        (14, 45),
        (15, 30),
    ];
    let mut slots = Vec::new();
    for (agency, counsellor) in &counsellors {
        for d in 1..=scale.slot_days {
            let day = today + Duration::days(d);
            if !calendar::is_working_day(day) {
                continue;
            }
            for (h, m) in times {
                let Some(start) =
                    NaiveTime::from_hms_opt(h, m, 0).and_then(|t| format::local(day, t))
                else {
                    continue;
                };
                let modalities = if counsellor.0 % 3 == 0 {
                    vec![Modality::SurPlace, Modality::Telephone, Modality::Visio]
                } else {
                    vec![Modality::SurPlace, Modality::Telephone]
                };
                slots.push(NewSlot {
                    agency_id: *agency,
                    counsellor_id: *counsellor,
                    starts_at: start,
                    ends_at: start + 45 * 60,
                    modalities,
                    location: "À l'agence".into(),
                });
            }
        }
        if slots.len() >= 5000 {
            store.create_slots(&slots, now.timestamp(), None).await?;
            slots.clear();
        }
    }
    store.create_slots(&slots, now.timestamp(), None).await?;
    Ok(vec![format!(
        "Demo data: {} agencies, {} counsellors, {} allocataires.",
        AGENCIES.len(),
        extra,
        scale.allocataires
    )])
}

/// The demo accounts, printed at each start in demo mode.
pub fn demo_accounts() -> Vec<String> {
    vec![
        "Allocataire (ALI Bobigny): numéro 1000001, téléphone 06 00 00 00 01, e-mail allocataire1@exemple.org".into(),
        "  → the sign-in code appears on the staff page « Messages envoyés » (demo mode) or in your SMTP server.".into(),
        format!("Conseillère (ALI Bobigny): nadia.benali@ali-bobigny.fr / {DEMO_PASSWORD}"),
        format!("Responsable d'agence: responsable@ali-bobigny.fr / {DEMO_PASSWORD}"),
        format!("Administration du département: admin@seinesaintdenis.fr / {DEMO_PASSWORD}"),
    ]
}
