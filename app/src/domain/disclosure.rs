//! Small-cell suppression: no figure computed from fewer than 11 people is shown, and no
//! shown total or difference lets one be recomputed (complementary suppression). Pages,
//! CSV exports and the API all show the table this module returns, never the raw counts.
//!
//! A table is rows (agencies, or one scope) × columns (the answers), with each row's total
//! and, when several rows are compared, each column's total and the grand total. Each of
//! those sums is an equation a reader could solve; a figure is hidden when it is below the
//! threshold, then more are hidden until, in every equation, what is hidden cannot be
//! isolated: either nothing is hidden, or what is hidden adds up to at least the
//! threshold over at least one unknown besides the total, or the total is hidden too.
//! (A heuristic, as the statistics offices use: it defeats recomputation from any one
//! sum, not every combination of sums.)

use serde::{Deserialize, Serialize};

/// The fewest respondents a shown figure may come from.
pub const THRESHOLD: u64 = 11;

/// A table as it may be shown: `None` is « moins de 11 réponses ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    pub cells: Vec<Vec<Option<u64>>>,
    pub row_totals: Vec<Option<u64>>,
    /// Empty when the table has a single row (its total is the row's).
    pub column_totals: Vec<Option<u64>>,
    pub total: Option<u64>,
}

struct Equation {
    total: usize,
    members: Vec<usize>,
}

/// Suppresses `cells` (rows × columns). With several rows, the column totals and the
/// grand total are shown too, and suppressed with them.
pub fn suppress(cells: &[Vec<u64>]) -> Shown {
    let rows = cells.len();
    let cols = cells.first().map_or(0, Vec::len);
    if rows == 0 {
        return Shown {
            cells: Vec::new(),
            row_totals: Vec::new(),
            column_totals: Vec::new(),
            total: None,
        };
    }
    let with_columns = rows > 1;
    // Variables: cells, then row totals, then column totals and the grand total.
    let mut value: Vec<u64> = cells.iter().flatten().copied().collect();
    let cell = |r: usize, c: usize| r * cols + c;
    let row_total = |r: usize| rows * cols + r;
    let col_total = |c: usize| rows * cols + rows + c;
    let grand = rows * cols + rows + cols;
    value.extend(cells.iter().map(|r| r.iter().sum::<u64>()));
    let mut equations: Vec<Equation> = (0..rows)
        .map(|r| Equation {
            total: row_total(r),
            members: (0..cols).map(|c| cell(r, c)).collect(),
        })
        .collect();
    if with_columns {
        value.extend((0..cols).map(|c| cells.iter().map(|r| r[c]).sum::<u64>()));
        value.push(cells.iter().flatten().sum());
        equations.extend((0..cols).map(|c| Equation {
            total: col_total(c),
            members: (0..rows).map(|r| cell(r, c)).collect(),
        }));
        equations.push(Equation {
            total: grand,
            members: (0..rows).map(row_total).collect(),
        });
        equations.push(Equation {
            total: grand,
            members: (0..cols).map(col_total).collect(),
        });
    }
    let mut hidden: Vec<bool> = value.iter().map(|v| *v < THRESHOLD).collect();
    loop {
        let mut changed = false;
        for e in &equations {
            let hidden_sum: u64 = e
                .members
                .iter()
                .filter(|m| hidden[**m])
                .map(|m| value[*m])
                .sum();
            let any_hidden = e.members.iter().any(|m| hidden[*m]);
            let exposed = if hidden[e.total] {
                // A hidden total is recomputed from its members when none is hidden.
                !any_hidden && !e.members.is_empty()
            } else {
                any_hidden && hidden_sum < THRESHOLD
            };
            if !exposed {
                continue;
            }
            let smallest = e
                .members
                .iter()
                .copied()
                .filter(|m| !hidden[*m])
                .min_by_key(|m| (value[*m], *m));
            match smallest {
                Some(m) => hidden[m] = true,
                None => hidden[e.total] = true,
            }
            changed = true;
        }
        if !changed {
            break;
        }
    }
    let shown = |i: usize| (!hidden[i]).then_some(value[i]);
    Shown {
        cells: (0..rows)
            .map(|r| (0..cols).map(|c| shown(cell(r, c))).collect())
            .collect(),
        row_totals: (0..rows).map(|r| shown(row_total(r))).collect(),
        column_totals: if with_columns {
            (0..cols).map(|c| shown(col_total(c))).collect()
        } else {
            Vec::new()
        },
        total: if with_columns {
            shown(grand)
        } else {
            shown(row_total(0))
        },
    }
}

/// A shown count as a share of a shown total, rounded to a whole percent.
pub fn percent(count: Option<u64>, total: Option<u64>) -> Option<u64> {
    match (count, total) {
        (Some(c), Some(t)) if t > 0 => Some((c * 100 + t / 2) / t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a reader can recompute from one sum: a hidden figure alone among the
    /// unknowns of an equation whose other terms are all shown.
    fn recomputable(raw: &[Vec<u64>], s: &Shown) -> Vec<String> {
        let mut found = Vec::new();
        let mut check =
            |name: String, total: Option<u64>, members: Vec<Option<u64>>, values: Vec<u64>| {
                let hidden: Vec<usize> = (0..members.len())
                    .filter(|i| members[*i].is_none())
                    .collect();
                match (total, hidden.as_slice()) {
                    (Some(_), [one]) if values[*one] < THRESHOLD => {
                        found.push(format!("{name}[{one}]"))
                    }
                    (Some(_), many)
                        if !many.is_empty()
                            && many.iter().map(|i| values[*i]).sum::<u64>() < THRESHOLD =>
                    {
                        found.push(format!("{name}: the sum of {many:?}"))
                    }
                    (None, []) if !members.is_empty() => found.push(format!("{name}: its total")),
                    _ => {}
                }
            };
        for (r, row) in raw.iter().enumerate() {
            check(
                format!("row {r}"),
                s.row_totals[r],
                s.cells[r].clone(),
                row.clone(),
            );
        }
        if raw.len() > 1 {
            for c in 0..raw[0].len() {
                check(
                    format!("column {c}"),
                    s.column_totals[c],
                    s.cells.iter().map(|r| r[c]).collect(),
                    raw.iter().map(|r| r[c]).collect(),
                );
            }
            check(
                "agencies".into(),
                s.total,
                s.row_totals.clone(),
                raw.iter().map(|r| r.iter().sum()).collect(),
            );
        }
        found
    }

    #[test]
    fn a_table_of_large_counts_is_shown_whole() {
        let raw = vec![vec![30, 20, 15, 12, 11]];
        let s = suppress(&raw);
        assert_eq!(
            s.cells,
            vec![vec![Some(30), Some(20), Some(15), Some(12), Some(11)]]
        );
        assert_eq!(s.row_totals, vec![Some(88)]);
        assert_eq!(s.total, Some(88));
        assert_eq!(percent(s.cells[0][0], s.total), Some(34));
    }

    #[test]
    fn fewer_than_eleven_respondents_show_nothing_at_all() {
        let s = suppress(&[vec![4, 3, 2, 0, 0]]);
        assert!(s.cells[0].iter().all(Option::is_none));
        assert_eq!(s.row_totals, vec![None]);
        assert_eq!(s.total, None);
    }

    #[test]
    fn one_small_cell_takes_a_second_one_with_it_so_the_total_does_not_give_it_away() {
        let raw = vec![vec![30, 20, 5, 12, 15]];
        let s = suppress(&raw);
        assert_eq!(
            s.cells,
            vec![vec![Some(30), Some(20), None, None, Some(15)]]
        );
        assert_eq!(s.total, Some(82));
        assert!(recomputable(&raw, &s).is_empty());
    }

    #[test]
    fn small_cells_whose_sum_is_still_small_take_a_large_one_with_them() {
        let raw = vec![vec![50, 2, 3, 0, 0]];
        let s = suppress(&raw);
        assert_eq!(
            s.cells,
            vec![vec![None, None, None, None, None]],
            "all 55 said the same: not shown"
        );
        assert_eq!(s.total, Some(55));
        let raw = vec![vec![40, 30, 3, 2, 0]];
        let s = suppress(&raw);
        assert_eq!(s.cells[0][2..], [None, None, None]);
        assert_eq!(
            s.cells[0][1], None,
            "3 + 2 + 0 < 11: the smallest shown figure goes too"
        );
        assert!(recomputable(&raw, &s).is_empty());
    }

    #[test]
    fn a_small_agency_cannot_be_recomputed_from_the_departement_by_difference() {
        // Agency B has 9 respondents; A and C are large. The département's figures per
        // answer and in all are shown.
        let raw = vec![
            vec![40, 30, 20, 15, 12],
            vec![3, 2, 2, 1, 1],
            vec![35, 25, 30, 14, 20],
        ];
        let s = suppress(&raw);
        assert!(s.cells[1].iter().all(Option::is_none));
        assert_eq!(s.row_totals[1], None);
        assert_eq!(recomputable(&raw, &s), Vec::<String>::new());
        assert!(s.total.is_some(), "the département's total stays");
        assert!(
            s.cells[0].iter().filter(|c| c.is_some()).count() >= 2,
            "{s:?}"
        );
    }

    #[test]
    fn random_tables_never_leave_a_small_figure_recomputable() {
        // A deterministic pseudo-random walk over many shapes and sizes.
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..2_000 {
            let rows = 1 + next(5) as usize;
            let big = next(3) == 0;
            let raw: Vec<Vec<u64>> = (0..rows)
                .map(|_| {
                    (0..5)
                        .map(|_| if big { next(60) } else { next(15) })
                        .collect()
                })
                .collect();
            let s = suppress(&raw);
            assert_eq!(
                recomputable(&raw, &s),
                Vec::<String>::new(),
                "{raw:?} → {s:?}"
            );
            for (r, row) in raw.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if *v < THRESHOLD {
                        assert_eq!(s.cells[r][c], None, "{raw:?}");
                    }
                }
            }
        }
    }
}
