//! Files for spreadsheets: `;`-separated CSV in UTF-8 with a byte-order mark (so that
//! spreadsheets read the accents), cells that a spreadsheet would run as a formula
//! neutralised with a leading apostrophe.

use crate::domain::error::AppError;
use crate::server::services::internal;

/// A cell as typed by a person: `=1+1` and the like are not formulas once exported.
pub fn safe(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    }
}

/// The CSV text of a header and rows.
pub fn csv<R, C>(header: &[String], rows: R) -> Result<String, AppError>
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<[u8]>,
{
    let fail = |e: csv::Error| internal(&format!("csv: {e}"));
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    out.write_record(header).map_err(fail)?;
    for row in rows {
        out.write_record(row).map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| internal(&format!("csv: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| internal("csv: not UTF-8"))?;
    Ok(format!("\u{feff}{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_separated_by_semicolons_and_formulas_neutralised() {
        let text = csv(
            &["nom".to_string(), "note".to_string()],
            [vec![safe("Durand"), safe("=HYPERLINK(\"x\")")]],
        )
        .expect("csv");
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("nom;note\n"));
        assert!(text.contains("Durand;\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
    }
}
