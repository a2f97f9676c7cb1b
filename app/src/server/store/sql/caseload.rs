use super::{like_escaped, SqlStore, CASELOAD_COLUMNS};
use crate::domain::inputs::normalize_phone;
use crate::domain::{AgencyId, AllocataireId, StaffId};
use crate::server::store::caseload::*;
use crate::server::store::{CaseloadRow, StoreResult};
use async_trait::async_trait;

/// The derived table `c`: every active person of agency `$2` (of counsellor `$3`, if
/// set) with their next booked rendez-vous after `$1` (now) and their attended count.
fn lines() -> String {
    format!("(SELECT {CASELOAD_COLUMNS} FROM allocataires p WHERE p.disabled = 0 AND p.agency_id = $2 AND ($3 IS NULL OR p.counsellor_id = $3)) c")
}

/// The search (`$4` name pattern, `$5` numéro prefix, `$6` phone digits pattern; a NULL
/// pattern matches nothing, all NULL: no search).
const SEARCH: &str = "(($4 IS NULL AND $5 IS NULL AND $6 IS NULL) OR LOWER(c.last_name) LIKE $4 ESCAPE '!' OR LOWER(c.first_name) LIKE $4 ESCAPE '!' \
     OR LOWER(c.first_name || ' ' || c.last_name) LIKE $4 ESCAPE '!' OR LOWER(c.last_name || ' ' || c.first_name) LIKE $4 ESCAPE '!' \
     OR c.numero LIKE $5 ESCAPE '!' OR c.phone LIKE $6 ESCAPE '!')";

/// The search's patterns: (name, numéro, phone). A search of digits looks in numéros and
/// phones; any other text in names.
fn patterns(search: Option<&str>) -> (Option<String>, Option<String>, Option<String>) {
    let Some(s) = search.map(str::trim).filter(|s| !s.is_empty()) else {
        return (None, None, None);
    };
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let phone_like = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+'));
    if phone_like && digits.len() >= 4 {
        let phone = normalize_phone(s).unwrap_or(digits.clone());
        (
            None,
            Some(format!("{}%", like_escaped(&digits))),
            Some(format!("%{}%", like_escaped(&phone))),
        )
    } else {
        (
            Some(format!("%{}%", like_escaped(&s.to_lowercase()))),
            None,
            None,
        )
    }
}

#[async_trait]
impl CaseloadStore for SqlStore {
    async fn caseload_page(&self, q: &CaseloadQuery) -> StoreResult<CaseloadPage> {
        let (name, numero, phone) = patterns(q.search.as_deref());
        let late = "c.attended_count = 0 AND c.orientation_date < $7";
        let due = "c.attended_count = 0 AND c.orientation_date >= $7 AND c.orientation_date <= $8";
        let (late_before, due_until) = (q.late_before.to_string(), q.due_until.to_string());
        let counts: (i64, i64, i64, i64) = sqlx::query_as(&format!(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN {late} THEN 1 ELSE 0 END), 0), \
             COALESCE(SUM(CASE WHEN {due} THEN 1 ELSE 0 END), 0), \
             COALESCE(SUM(CASE WHEN c.counsellor_id IS NULL THEN 1 ELSE 0 END), 0) \
             FROM {} WHERE {SEARCH}",
            lines()
        ))
        .bind(q.now)
        .bind(q.agency.0)
        .bind(q.counsellor.map(i64::from))
        .bind(&name)
        .bind(&numero)
        .bind(&phone)
        .bind(&late_before)
        .bind(&due_until)
        .fetch_one(&self.pool)
        .await?;
        let filter = match q.filter {
            CaseloadFilter::All => "1 = 1",
            CaseloadFilter::Late => late,
            CaseloadFilter::DueSoon => due,
            CaseloadFilter::Unassigned => "c.counsellor_id IS NULL",
        };
        let order = match q.sort {
            CaseloadSort::Deadline => "c.orientation_date, c.last_name, c.first_name, c.id",
            CaseloadSort::Name => "c.last_name, c.first_name, c.id",
        };
        // $7 and $8 are bound even when the filter does not use them (PostgreSQL needs
        // every parameter typed): `$7 = $7` keeps them in the statement.
        let rows: Vec<CaseloadRow> = sqlx::query_as(&format!(
            "SELECT * FROM {} WHERE {SEARCH} AND ({filter}) AND $7 = $7 AND $8 = $8 ORDER BY {order} LIMIT $9 OFFSET $10",
            lines()
        ))
        .bind(q.now)
        .bind(q.agency.0)
        .bind(q.counsellor.map(i64::from))
        .bind(&name)
        .bind(&numero)
        .bind(&phone)
        .bind(&late_before)
        .bind(&due_until)
        .bind(q.limit)
        .bind(q.offset)
        .fetch_all(&self.pool)
        .await?;
        let total = match q.filter {
            CaseloadFilter::All => counts.0,
            CaseloadFilter::Late => counts.1,
            CaseloadFilter::DueSoon => counts.2,
            CaseloadFilter::Unassigned => counts.3,
        };
        Ok(CaseloadPage {
            rows,
            total,
            late: counts.1,
            due_soon: counts.2,
            unassigned: counts.3,
        })
    }

    async fn caseload_row(&self, id: AllocataireId, now: i64) -> StoreResult<Option<CaseloadRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {CASELOAD_COLUMNS} FROM allocataires p WHERE p.id = $2"
        ))
        .bind(now)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn caseload_counts(&self, agency: AgencyId) -> StoreResult<Vec<(StaffId, i64)>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT counsellor_id, COUNT(*) FROM allocataires WHERE agency_id = $1 AND disabled = 0 AND counsellor_id IS NOT NULL GROUP BY counsellor_id",
        )
        .bind(agency.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(c, n)| (StaffId(c), n)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::patterns;

    #[test]
    fn digits_search_numeros_and_phones_text_searches_names() {
        let (name, numero, phone) = patterns(Some("06 12 34"));
        assert_eq!(name, None);
        assert_eq!(numero.as_deref(), Some("061234%"));
        assert_eq!(phone.as_deref(), Some("%061234%"));
        let (_, _, phone) = patterns(Some("+33 6 12 34 56 78"));
        assert_eq!(phone.as_deref(), Some("%0612345678%"));
        let (name, numero, _) = patterns(Some("Ben_ali"));
        assert_eq!(
            name.as_deref(),
            Some("%ben!_ali%"),
            "LIKE wildcards are plain text"
        );
        assert_eq!(numero, None, "matches no numéro");
        assert_eq!(patterns(Some("  ")), (None, None, None));
    }
}
