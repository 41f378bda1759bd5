//! The count grid's editing rules: what a typed or pasted cell means for a
//! metric, and pasting a spreadsheet block all at once or not at all.

use super::edit::Edit;
use super::ids::MetricId;
use super::money::Currency;
use super::number::{parse_count, parse_scaled, CountError};
use super::period::Period;
use super::plan::{MetricKind, Plan};

/// A cell's text as a value: money in minor units of the plan currency,
/// everything else a whole count. Empty text means "no entry".
pub fn parse_cell(
    text: &str,
    kind: MetricKind,
    currency: Currency,
) -> Result<Option<u64>, CountError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match kind {
        MetricKind::Money => parse_scaled(text, currency.decimals()).map(Some),
        MetricKind::Count | MetricKind::Days | MetricKind::Minutes => parse_count(text).map(Some),
    }
}

/// Rows of tab-separated cells, as spreadsheets put them on the clipboard.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    text.split('\n')
        .map(|line| {
            line.strip_suffix('\r')
                .unwrap_or(line)
                .split('\t')
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasteError {
    #[error("the block does not fit, or covers a total of several days")]
    DoesNotFit,
    /// 1-based row and column within the pasted block.
    #[error("row {row}, column {column}: {error}")]
    Invalid {
        row: usize,
        column: usize,
        error: CountError,
    },
}

/// The edit that pastes `block` with its top-left cell at (`row`, `column`)
/// of a grid whose rows are `metrics` and columns `periods`: one batch, so
/// it applies (and undoes) all at once. Every cell is checked first, so a
/// bad cell refuses the whole block.
pub fn paste_block(
    plan: &Plan,
    metrics: &[MetricId],
    periods: &[Period],
    (row, column): (usize, usize),
    block: &[Vec<String>],
) -> Result<Edit, PasteError> {
    let mut edits = Vec::new();
    for (i, cells) in block.iter().enumerate() {
        let metric = metrics.get(row + i).ok_or(PasteError::DoesNotFit)?;
        let kind = plan.metric(*metric).ok_or(PasteError::DoesNotFit)?.kind;
        for (j, text) in cells.iter().enumerate() {
            let period = *periods.get(column + j).ok_or(PasteError::DoesNotFit)?;
            if !plan.entries.cell(*metric, period).editable() {
                return Err(PasteError::DoesNotFit);
            }
            let value =
                parse_cell(text, kind, plan.currency).map_err(|error| PasteError::Invalid {
                    row: i + 1,
                    column: j + 1,
                    error,
                })?;
            edits.push(Edit::SetEntry(*metric, period, value));
        }
    }
    Ok(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, PeriodRange};
    use crate::domain::presets::inside_sales;

    fn weeks() -> Vec<Period> {
        let start = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        PeriodRange::new(Period::containing(Granularity::Week, start), 4)
            .periods()
            .collect()
    }

    /// Pastes as the app does: the edit, applied. Returns how many cells it set.
    fn paste(
        plan: &mut Plan,
        rows: &[MetricId],
        periods: &[Period],
        anchor: (usize, usize),
        block: &[Vec<String>],
    ) -> Result<usize, PasteError> {
        let edit = paste_block(plan, rows, periods, anchor, block)?;
        let Edit::Batch(cells) = &edit else {
            panic!("a paste is a batch");
        };
        let count = cells.len();
        crate::domain::edit::apply(plan, edit).expect("a checked paste applies");
        Ok(count)
    }

    fn metrics(plan: &Plan) -> Vec<MetricId> {
        plan.metrics.iter().map(|m| m.id).collect()
    }

    #[test]
    fn cells_parse_by_metric_kind() {
        assert_eq!(
            parse_cell("1,234", MetricKind::Count, Currency::Jpy),
            Ok(Some(1234))
        );
        assert_eq!(parse_cell("  ", MetricKind::Count, Currency::Jpy), Ok(None));
        assert_eq!(
            parse_cell("¥1,500", MetricKind::Money, Currency::Jpy),
            Ok(Some(1500))
        );
        assert_eq!(
            parse_cell("$12.50", MetricKind::Money, Currency::Usd),
            Ok(Some(1250))
        );
        assert_eq!(
            parse_cell("12.5", MetricKind::Money, Currency::Jpy),
            Err(CountError::NotWhole)
        );
        assert_eq!(
            parse_cell("1.5", MetricKind::Days, Currency::Usd),
            Err(CountError::NotWhole)
        );
    }

    #[test]
    fn blocks_split_on_tabs_and_lines() {
        assert_eq!(
            parse_block("1\t2\r\n3\t4\r\n"),
            vec![vec!["1", "2"], vec!["3", "4"]]
        );
        assert_eq!(parse_block("5"), vec![vec!["5"]]);
        assert_eq!(parse_block("1\t\t3\n"), vec![vec!["1", "", "3"]]);
    }

    #[test]
    fn a_block_is_pasted_right_and_down_from_the_anchor() {
        let mut plan = inside_sales(Lang::En);
        let (rows, periods) = (metrics(&plan), weeks());
        let block = parse_block("10\t20\t30\n1,000\t\t３０\n");
        assert_eq!(paste(&mut plan, &rows, &periods, (0, 1), &block), Ok(6));
        let cell = |plan: &Plan, r: usize, c: usize| plan.entries.cell(rows[r], periods[c]).total();
        assert_eq!(
            [cell(&plan, 0, 1), cell(&plan, 0, 2), cell(&plan, 0, 3)],
            [Some(10), Some(20), Some(30)]
        );
        assert_eq!(
            [cell(&plan, 1, 1), cell(&plan, 1, 2), cell(&plan, 1, 3)],
            [Some(1000), None, Some(30)]
        );
        assert_eq!(cell(&plan, 0, 0), None);
    }

    #[test]
    fn one_bad_cell_or_an_overhang_changes_nothing() {
        let mut plan = inside_sales(Lang::En);
        let (rows, periods) = (metrics(&plan), weeks());
        let before = plan.clone();
        let bad = parse_block("1\t2\n3\tabc\n");
        assert_eq!(
            paste(&mut plan, &rows, &periods, (0, 0), &bad),
            Err(PasteError::Invalid {
                row: 2,
                column: 2,
                error: CountError::NotANumber
            })
        );
        let wide = parse_block("1\t2\t3\n");
        assert_eq!(
            paste(&mut plan, &rows, &periods, (0, 2), &wide),
            Err(PasteError::DoesNotFit)
        );
        let tall = parse_block("1\n2\n");
        let last = rows.len() - 1;
        assert_eq!(
            paste(&mut plan, &rows, &periods, (last, 0), &tall),
            Err(PasteError::DoesNotFit)
        );
        assert_eq!(plan, before);
    }

    #[test]
    fn a_summed_cell_is_never_overwritten() {
        let mut plan = inside_sales(Lang::En);
        let (rows, periods) = (metrics(&plan), weeks());
        let monday = periods[0].start();
        for offset in 0..2 {
            let day = Period::containing(Granularity::Day, monday + chrono::Duration::days(offset));
            plan.set_entry(rows[0], day, Some(5)).unwrap();
        }
        let before = plan.clone();
        let block = parse_block("9\t9\n");
        assert_eq!(
            paste(&mut plan, &rows, &periods, (0, 0), &block),
            Err(PasteError::DoesNotFit)
        );
        assert_eq!(plan, before);
    }
}
