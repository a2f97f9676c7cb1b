//! The periods figures are read over: a month, a quarter, a year, or the last twelve
//! months. Days are Paris calendar days; a period is `[from, to)`.

use chrono::{Datelike, Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// The twelve months up to today (the default).
    Last12,
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year(i32),
}

impl Period {
    /// `12m`, `2026-11`, `2026-T4`, `2026`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s == "12m" {
            return Some(Self::Last12);
        }
        if let Some((y, q)) = s.split_once("-T") {
            let (year, quarter) = (y.parse().ok()?, q.parse().ok()?);
            return (1..=4)
                .contains(&quarter)
                .then_some(Self::Quarter { year, quarter })
                .filter(|_| valid_year(year));
        }
        if let Some((y, m)) = s.split_once('-') {
            let (year, month) = (y.parse().ok()?, m.parse().ok()?);
            return (1..=12)
                .contains(&month)
                .then_some(Self::Month { year, month })
                .filter(|_| valid_year(year));
        }
        s.parse().ok().filter(|y| valid_year(*y)).map(Self::Year)
    }

    pub fn as_string(self) -> String {
        match self {
            Self::Last12 => "12m".into(),
            Self::Month { year, month } => format!("{year}-{month:02}"),
            Self::Quarter { year, quarter } => format!("{year}-T{quarter}"),
            Self::Year(y) => y.to_string(),
        }
    }

    /// The days it spans, `[from, to)`.
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let first = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(today);
        match self {
            Self::Last12 => {
                let to = today.succ_opt().unwrap_or(today);
                (to.checked_sub_months(Months::new(12)).unwrap_or(to), to)
            }
            Self::Month { year, month } => {
                let from = first(year, month);
                (
                    from,
                    from.checked_add_months(Months::new(1)).unwrap_or(from),
                )
            }
            Self::Quarter { year, quarter } => {
                let from = first(year, quarter * 3 - 2);
                (
                    from,
                    from.checked_add_months(Months::new(3)).unwrap_or(from),
                )
            }
            Self::Year(y) => (first(y, 1), first(y + 1, 1)),
        }
    }

    /// What a reader may pick: the last twelve months, then the last 12 months one by
    /// one, the last 4 quarters and the last 2 years, newest first.
    pub fn choices(today: NaiveDate) -> Vec<Self> {
        let mut out = vec![Self::Last12];
        let mut d = first_of_month(today);
        for _ in 0..12 {
            out.push(Self::Month {
                year: d.year(),
                month: d.month(),
            });
            d = d.checked_sub_months(Months::new(1)).unwrap_or(d);
        }
        let mut d = first_of_month(today);
        for _ in 0..4 {
            out.push(Self::Quarter {
                year: d.year(),
                quarter: d.month0() / 3 + 1,
            });
            d = d.checked_sub_months(Months::new(3)).unwrap_or(d);
        }
        out.push(Self::Year(today.year()));
        out.push(Self::Year(today.year() - 1));
        out
    }
}

fn valid_year(y: i32) -> bool {
    (2000..=2100).contains(&y)
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn periods_parse_and_span_whole_months() {
        let today = d("2026-12-02");
        assert_eq!(
            Period::parse("12m").map(|p| p.range(today)),
            Some((d("2025-12-03"), d("2026-12-03")))
        );
        assert_eq!(
            Period::parse("2026-02").map(|p| p.range(today)),
            Some((d("2026-02-01"), d("2026-03-01")))
        );
        assert_eq!(
            Period::parse("2026-T4").map(|p| p.range(today)),
            Some((d("2026-10-01"), d("2027-01-01")))
        );
        assert_eq!(
            Period::parse("2025").map(|p| p.range(today)),
            Some((d("2025-01-01"), d("2026-01-01")))
        );
        for bad in ["2026-13", "2026-T5", "2026-T0", "1800", "x", "", "2026-00"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        for p in Period::choices(today) {
            assert_eq!(Period::parse(&p.as_string()), Some(p));
        }
    }

    #[test]
    fn the_choices_go_back_a_year_month_by_month_and_two_years() {
        let c = Period::choices(d("2026-02-15"));
        assert_eq!(c[0], Period::Last12);
        assert_eq!(
            c[1],
            Period::Month {
                year: 2026,
                month: 2
            }
        );
        assert_eq!(
            c[3],
            Period::Month {
                year: 2025,
                month: 12
            }
        );
        assert_eq!(
            c[13],
            Period::Quarter {
                year: 2026,
                quarter: 1
            }
        );
        assert_eq!(
            c[14],
            Period::Quarter {
                year: 2025,
                quarter: 4
            }
        );
        assert_eq!(c[17], Period::Year(2026));
        assert_eq!(c.len(), 19);
    }
}
