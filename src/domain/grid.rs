//! The count grid's editing rules: what a typed or pasted cell means for a
//! metric, and pasting a spreadsheet block all at once or not at all.

use super::edit::Edit;
use super::entries::members::Counter;
use super::ids::{MetricId, StageId};
use super::money::Currency;
use super::number::{parse_count, parse_scaled, to_half_width, CountError};
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
    #[error("the block does not fit, or covers a sum or a longer period's figure")]
    DoesNotFit,
    /// 1-based row and column within the pasted block.
    #[error("row {row}, column {column}: {error}")]
    Invalid {
        row: usize,
        column: usize,
        error: CountError,
    },
    /// Row labels that name no metric of the plan (or several).
    #[error("no single metric is named {0:?}")]
    UnknownLabels(Vec<String>),
    /// Two rows name the same metric.
    #[error("{0:?} is named by two rows")]
    LabelTwice(String),
}

/// One cell a paste would set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PastedCell {
    pub metric: MetricId,
    pub period: Period,
    pub before: Option<u64>,
    pub after: Option<u64>,
}

/// What a paste would do, to apply at once or show first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paste {
    pub cells: Vec<PastedCell>,
    /// Rows were matched to metrics by their labels, not by position.
    pub by_labels: bool,
    /// The stages the rows land in, in grid order (more than one: the
    /// block runs past the anchor's stage).
    pub stages: Vec<StageId>,
    /// Whose figures the cells are.
    pub counter: Counter,
}

impl Paste {
    /// Cells whose value would be replaced by a different one.
    pub fn overwritten(&self) -> impl Iterator<Item = &PastedCell> {
        self.cells
            .iter()
            .filter(|c| c.before.is_some() && c.before != c.after)
    }

    /// Whether the user sees the paste before it happens: it replaces
    /// values, runs into another stage, or was placed by its labels.
    pub fn needs_confirmation(&self) -> bool {
        self.by_labels || self.stages.len() > 1 || self.overwritten().next().is_some()
    }

    /// The paste as one change, applied (and undone) all at once.
    pub fn edit(&self) -> Edit {
        Edit::Batch(
            self.cells
                .iter()
                .map(|c| self.counter.edit(c.metric, c.period, c.after))
                .collect(),
        )
    }
}

/// A cell that names a row rather than holding a value: text that does not
/// start like a number (a digit, a sign, a currency sign or a point).
fn is_label(text: &str) -> bool {
    let number_start = |c: char| {
        let c = to_half_width(c);
        c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | '¥' | '$' | '€' | '\u{2212}')
    };
    text.trim().chars().next().is_some_and(|c| !number_start(c))
}

/// Full-width ASCII ("ＣＡＬＬＳ", "２０２６／９"), as Japanese input
/// methods type it, as ASCII; the ideographic space and comma too.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => to_half_width(c),
    }
}

/// A name as labels are compared: half-width, lower case, single spaces.
pub(crate) fn normalize(name: &str) -> String {
    let half: String = name.chars().map(half_width).collect();
    // ASCII case only: Unicode case tables would weigh on every download.
    half.to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The metric a row label names: its name ("Calls"), its stage's name for
/// the stage's count ("Lead generation"), or both ("Nurturing / Calls",
/// "育成 架電数"). `None` when no metric, or more than one, fits.
pub(crate) fn metric_named(plan: &Plan, label: &str) -> Option<MetricId> {
    let label = normalize(label);
    let separators: &[char] = &[' ', '/', '-', '・', ':', '|', '>', '›', '→'];
    let unique = |mut found: Vec<MetricId>| {
        found.dedup();
        (found.len() == 1).then(|| found[0])
    };
    let by_name: Vec<MetricId> = plan
        .metrics
        .iter()
        .filter(|m| normalize(&m.name) == label)
        .map(|m| m.id)
        .collect();
    if !by_name.is_empty() {
        return unique(by_name);
    }
    let mut found = Vec::new();
    for stage in &plan.stages {
        let Some(rest) = label.strip_prefix(&normalize(&stage.name)) else {
            continue;
        };
        let rest = rest.trim_matches(separators);
        if rest.is_empty() {
            found.push(stage.primary_metric);
        }
        found.extend(
            plan.metrics_of(stage.id)
                .filter(|m| !rest.is_empty() && normalize(&m.name) == rest)
                .map(|m| m.id),
        );
    }
    unique(found)
}

/// What pasting `block` at (`row`, `column`) of a grid whose rows are
/// `metrics` and columns `periods` would do. Rows whose first cells are
/// labels (in every row) go to the metrics they name, from the anchor's
/// column; otherwise rows fill down from the anchor row. A first row of labels only (period
/// headers) is skipped. Every cell is checked first: a bad cell, an
/// unknown label or a cell that cannot take a value refuses the block.
pub fn plan_paste(
    plan: &Plan,
    counter: Counter,
    metrics: &[MetricId],
    periods: &[Period],
    (row, column): (usize, usize),
    block: &[Vec<String>],
) -> Result<Paste, PasteError> {
    let label_columns = |cells: &[String]| cells.iter().take_while(|c| is_label(c)).count();
    let blank = |cells: &Vec<String>| cells.iter().all(|c| c.trim().is_empty());
    // A spreadsheet copy often ends with an empty line.
    let block = &block[..block.len() - block.iter().rev().take_while(|r| blank(r)).count()];
    // A first row of headers ("Metric", "2026年11月", "Sep"): text in it,
    // no number, and not a metric's name.
    let header = block.len() > 1
        && block.first().is_some_and(|cells| {
            !blank(cells)
                && cells.iter().all(|c| parse_scaled(c, 2).is_err())
                && metric_named(plan, &cells[..label_columns(cells)].join(" ")).is_none()
        });
    let rows = &block[usize::from(header)..];
    let by_labels = !rows.is_empty() && rows.iter().all(|cells| label_columns(cells) > 0);
    let mut unknown = Vec::new();
    let mut targets = Vec::new();
    for (i, cells) in rows.iter().enumerate() {
        let labels = if by_labels { label_columns(cells) } else { 0 };
        let metric = if by_labels {
            let label = cells[..labels].join(" ");
            let found = metric_named(plan, &label);
            if found.is_none() {
                unknown.push(label);
            }
            found
        } else {
            Some(*metrics.get(row + i).ok_or(PasteError::DoesNotFit)?)
        };
        targets.push((metric, labels, &cells[labels..]));
    }
    if !unknown.is_empty() {
        return Err(PasteError::UnknownLabels(unknown));
    }
    let mut cells = Vec::new();
    let mut stages: Vec<StageId> = Vec::new();
    let mut seen: Vec<MetricId> = Vec::new();
    for (i, (metric, labels, values)) in targets.into_iter().enumerate() {
        let metric = plan
            .metric(metric.ok_or(PasteError::DoesNotFit)?)
            .ok_or(PasteError::DoesNotFit)?;
        if seen.contains(&metric.id) {
            return Err(PasteError::LabelTwice(metric.name.clone()));
        }
        seen.push(metric.id);
        if !values.is_empty() && !stages.contains(&metric.stage) {
            stages.push(metric.stage);
        }
        for (j, text) in values.iter().enumerate() {
            let period = *periods.get(column + j).ok_or(PasteError::DoesNotFit)?;
            let cell = plan.cell_of(counter, metric.id, period);
            if !plan.can_type(counter, metric.id, period) {
                return Err(PasteError::DoesNotFit);
            }
            let after = parse_cell(text, metric.kind, plan.currency).map_err(|error| {
                PasteError::Invalid {
                    row: i + 1 + usize::from(header),
                    column: labels + j + 1,
                    error,
                }
            })?;
            cells.push(PastedCell {
                metric: metric.id,
                period,
                before: cell.total(),
                after,
            });
        }
    }
    if cells.is_empty() {
        return Err(PasteError::DoesNotFit);
    }
    Ok(Paste {
        cells,
        by_labels,
        stages,
        counter,
    })
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
        let edit = plan_paste(plan, Counter::Team, rows, periods, anchor, block)?.edit();
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

    fn block(text: &str) -> Vec<Vec<String>> {
        parse_block(text)
    }

    fn named(plan: &Plan, name: &str) -> MetricId {
        plan.metrics.iter().find(|m| m.name == name).unwrap().id
    }

    #[test]
    fn labelled_rows_go_to_the_metrics_they_name_in_either_language() {
        for (lang, text, calls, leads) in [
            (
                Lang::En,
                "Calls\t300\t310\nLead generation\t90\t95\n",
                "Calls",
                "Leads",
            ),
            (
                Lang::Ja,
                "リード育成・架電数\t300\t310\nリード獲得\t90\t95\n",
                "架電数",
                "リード数",
            ),
            (
                Lang::Ja,
                "リード育成\t架電数\t300\t310\nＬＰ\n",
                "架電数",
                "リード数",
            ),
        ] {
            let plan = inside_sales(lang);
            let (rows, periods) = (metrics(&plan), weeks());
            let result = plan_paste(&plan, Counter::Team, &rows, &periods, (0, 1), &block(text));
            if text.contains("ＬＰ") {
                assert_eq!(result, Err(PasteError::UnknownLabels(vec!["ＬＰ".into()])));
                continue;
            }
            let paste = result.unwrap();
            assert!(paste.by_labels && paste.needs_confirmation());
            let (calls, leads) = (named(&plan, calls), named(&plan, leads));
            let placed: Vec<_> = paste
                .cells
                .iter()
                .map(|c| (c.metric, c.period, c.after))
                .collect();
            assert_eq!(
                placed,
                [
                    (calls, periods[1], Some(300)),
                    (calls, periods[2], Some(310)),
                    (leads, periods[1], Some(90)),
                    (leads, periods[2], Some(95)),
                ],
                "{lang:?}"
            );
        }
    }

    #[test]
    fn headers_that_start_with_a_digit_blank_lines_and_repeated_rows() {
        let plan = inside_sales(Lang::Ja);
        let (rows, periods) = (metrics(&plan), weeks());
        let paste = plan_paste(
            &plan,
            Counter::Team,
            &rows,
            &periods,
            (0, 0),
            &block("\t2026年10月\t2026年11月\nリード数\t100\t200\n\n"),
        )
        .unwrap();
        assert_eq!(
            paste.cells.len(),
            2,
            "the header row is skipped, the empty line dropped"
        );
        // A first row that is data (empty cells clear) is not a header.
        let (first, second) = (rows[0], rows[1]);
        let paste = plan_paste(
            &plan,
            Counter::Team,
            &rows,
            &periods,
            (0, 0),
            &block("\t\n5\t6"),
        )
        .unwrap();
        let placed: Vec<_> = paste.cells.iter().map(|c| (c.metric, c.after)).collect();
        assert_eq!(
            placed,
            [
                (first, None),
                (first, None),
                (second, Some(5)),
                (second, Some(6))
            ]
        );
        assert_eq!(
            plan_paste(
                &plan,
                Counter::Team,
                &rows,
                &periods,
                (0, 0),
                &block("リード数\t1\nリード数\t2")
            ),
            Err(PasteError::LabelTwice("リード数".into()))
        );
    }

    #[test]
    fn a_block_with_some_rows_labelled_is_read_by_position() {
        let plan = inside_sales(Lang::En);
        let (rows, periods) = (metrics(&plan), weeks());
        assert_eq!(
            plan_paste(
                &plan,
                Counter::Team,
                &rows,
                &periods,
                (0, 0),
                &block("1\t2\nx\t4\n")
            ),
            Err(PasteError::Invalid {
                row: 2,
                column: 1,
                error: CountError::NotANumber
            })
        );
    }

    #[test]
    fn a_header_row_of_periods_is_skipped_and_case_and_width_do_not_matter() {
        let plan = inside_sales(Lang::En);
        let (rows, periods) = (metrics(&plan), weeks());
        let text = "Metric\tW45\tW46\nＣＡＬＬＳ\t1\t2\nLEAD NURTURING / Contacts\t3\tabc\n";
        assert_eq!(
            plan_paste(&plan, Counter::Team, &rows, &periods, (0, 0), &block(text)),
            Err(PasteError::Invalid {
                row: 3,
                column: 3,
                error: CountError::NotANumber
            })
        );
        let text = text.replace("abc", "4");
        let paste =
            plan_paste(&plan, Counter::Team, &rows, &periods, (0, 0), &block(&text)).unwrap();
        assert_eq!(paste.cells.len(), 4);
        assert_eq!(paste.cells[3].metric, named(&plan, "Contacts"));
    }

    #[test]
    fn a_name_several_stages_use_needs_its_stage() {
        let mut plan = inside_sales(Lang::En);
        let first = plan.stages[0].id;
        let id = crate::domain::ids::MetricId(9_000);
        plan.add_metric(id, first, "Calls", MetricKind::Count, false)
            .unwrap();
        let (rows, periods) = (metrics(&plan), weeks());
        assert_eq!(
            plan_paste(
                &plan,
                Counter::Team,
                &rows,
                &periods,
                (0, 0),
                &block("Calls\t5")
            ),
            Err(PasteError::UnknownLabels(vec!["Calls".into()]))
        );
        let paste = plan_paste(
            &plan,
            Counter::Team,
            &rows,
            &periods,
            (0, 0),
            &block("Lead generation: Calls\t5"),
        )
        .unwrap();
        assert_eq!(paste.cells[0].metric, id);
    }

    #[test]
    fn a_block_without_labels_says_when_it_runs_into_the_next_stage() {
        let plan = inside_sales(Lang::En);
        let (rows, periods) = (metrics(&plan), weeks());
        let last_of_first_stage = plan.metrics_of(plan.stages[0].id).count() - 1;
        let within = plan_paste(
            &plan,
            Counter::Team,
            &rows,
            &periods,
            (0, 0),
            &block("1\n2\n"),
        )
        .unwrap();
        assert_eq!(within.stages, [plan.stages[0].id]);
        assert!(
            !within.needs_confirmation(),
            "empty cells, one stage: pasted at once"
        );
        let across = plan_paste(
            &plan,
            Counter::Team,
            &rows,
            &periods,
            (last_of_first_stage, 0),
            &block("1\n2\n"),
        )
        .unwrap();
        assert_eq!(across.stages, [plan.stages[0].id, plan.stages[1].id]);
        assert!(across.needs_confirmation());
    }

    #[test]
    fn overwriting_values_is_shown_before_and_after() {
        let mut plan = inside_sales(Lang::En);
        let (rows, periods) = (metrics(&plan), weeks());
        plan.set_entry(rows[0], periods[0], Some(10)).unwrap();
        plan.set_entry(rows[0], periods[1], Some(20)).unwrap();
        let paste = plan_paste(
            &plan,
            Counter::Team,
            &rows,
            &periods,
            (0, 0),
            &block("10\t25\t30"),
        )
        .unwrap();
        let overwritten: Vec<_> = paste.overwritten().map(|c| (c.before, c.after)).collect();
        assert_eq!(
            overwritten,
            [(Some(20), Some(25))],
            "the same value is no overwrite"
        );
        assert!(paste.needs_confirmation());
        crate::domain::edit::apply(&mut plan, paste.edit()).unwrap();
        assert_eq!(plan.entries.cell(rows[0], periods[1]).total(), Some(25));
    }
}
