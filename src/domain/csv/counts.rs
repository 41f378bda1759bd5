//! Counts tables: a row per period and a column per metric (as the export
//! writes them), or a row per metric and a column per period.

use std::collections::HashMap;

use chrono::{Datelike, Weekday};
use serde::{Deserialize, Serialize};

use super::cells::read_period;
use super::import::{is_summary, Gathered, PlanShape, RowReason, SkipReason, SkippedRow};
use super::read::{Record, Table};
use crate::domain::entries::members::Counter;
use crate::domain::grid::{metric_named, normalize, parse_cell};
use crate::domain::ids::{MemberId, MetricId};
use crate::domain::order;
use crate::domain::period::{Granularity, Period};
use crate::domain::plan::{Plan, MAX_METRICS};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CountsShape {
    /// A row per period, its period in `period_column`; the header names
    /// the metric of each other column.
    PeriodsInRows { period_column: usize },
    /// A row per metric, named by its first `label_columns` cells; the
    /// header holds a period over each column after them.
    PeriodsInColumns { label_columns: usize },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountsMapping {
    pub shape: CountsShape,
    /// The metric of each column (periods in rows) or of each row after
    /// the header (periods in columns); `None` leaves it out.
    pub metrics: Vec<Option<MetricId>>,
    /// The label (normalised) of each column or row when its metric was
    /// chosen: a mapping remembered for a layout keeps a choice only for
    /// the label it was made for, wherever the label has moved.
    #[serde(default)]
    pub labels: Vec<String>,
    /// The periods imported. A day in the file stands for itself, the week
    /// it starts (a Monday) or the month it starts (the 1st); a month or
    /// week in the file must be of this length.
    pub granularity: Granularity,
    /// Whose figures the file holds: a member's (of the metrics counted
    /// per member), or the team's totals (of those, what the members leave
    /// is typed for no member).
    pub member: Option<MemberId>,
}

/// The mapping the header suggests: periods along the header after one or
/// two label columns (when the rows can be a row per metric, see
/// [`rows_can_be_metrics`]), else the first column whose cells are all
/// periods; metrics by their names ("Calls", "Lead generation",
/// "育成 架電数"). `None` when no period or no metric is found.
pub fn guess_counts(plan: &Plan, table: &Table) -> Option<CountsMapping> {
    let header = table.header();
    let first_period = header.iter().position(|c| read_period(c).is_some());
    let (shape, periods): (_, Vec<Period>) = match first_period {
        Some(label_columns) if label_columns > 0 && rows_can_be_metrics(table) => (
            CountsShape::PeriodsInColumns { label_columns },
            header.iter().filter_map(|c| read_period(c)).collect(),
        ),
        _ => {
            let period_column = (0..header.len()).find(|&c| periods_in(table, c).is_some())?;
            (
                CountsShape::PeriodsInRows { period_column },
                periods_in(table, period_column)?,
            )
        }
    };
    let mapping = CountsMapping::new(plan, table, shape, granularity_of(&periods), None);
    mapping
        .metrics
        .iter()
        .any(Option::is_some)
        .then_some(mapping)
}

impl CountsMapping {
    /// The mapping of a table in `shape`: each column or row labelled as
    /// one in `earlier` takes its metric (the first label so written the
    /// first, the second the second), any other the metric it names.
    fn new(
        plan: &Plan,
        table: &Table,
        shape: CountsShape,
        granularity: Granularity,
        earlier: Option<&CountsMapping>,
    ) -> CountsMapping {
        let labels: Vec<String> = match shape {
            CountsShape::PeriodsInRows { .. } => {
                table.header().iter().map(|c| normalize(c)).collect()
            }
            CountsShape::PeriodsInColumns { label_columns } => table
                .rows()
                .iter()
                .map(|row| {
                    normalize(
                        &row.cells
                            .get(..label_columns)
                            .unwrap_or(&row.cells)
                            .join(" "),
                    )
                })
                .collect(),
        };
        let mut chosen: HashMap<&str, Vec<Option<MetricId>>> = HashMap::new();
        if let Some(earlier) = earlier {
            for (label, metric) in earlier.labels.iter().zip(&earlier.metrics).rev() {
                chosen.entry(label).or_default().push(*metric);
            }
        }
        let metrics = labels
            .iter()
            .enumerate()
            .map(
                |(i, label)| match chosen.get_mut(label.as_str()).and_then(Vec::pop) {
                    _ if shape == (CountsShape::PeriodsInRows { period_column: i }) => None,
                    // Chosen before, and still a metric of the plan. An
                    // ignored label is guessed again: a metric added since
                    // may be its.
                    Some(Some(metric)) if plan.metric(metric).is_some() => Some(metric),
                    _ => metric_named(plan, label),
                },
            )
            .collect();
        CountsMapping {
            shape,
            metrics,
            labels,
            granularity,
            member: earlier.and_then(|e| e.member),
        }
    }

    /// This mapping, remembered for the layout, for another file of it;
    /// `None` when its period column holds no periods any more, or the
    /// file has more rows than a row per metric would give.
    pub fn refit(&self, plan: &Plan, table: &Table) -> Option<CountsMapping> {
        match self.shape {
            CountsShape::PeriodsInRows { period_column } => {
                periods_in(table, period_column)?;
            }
            CountsShape::PeriodsInColumns { .. } if !rows_can_be_metrics(table) => {
                return None;
            }
            CountsShape::PeriodsInColumns { .. } => {}
        }
        Some(CountsMapping::new(
            plan,
            table,
            self.shape,
            self.granularity,
            Some(self),
        ))
    }
}

/// Whether a table with periods along its header can have a row per
/// metric (each mapped with a select): no more rows than a plan has
/// metrics, blank and total rows aside. More is some other file under a
/// dated title line (a CRM report "as of" a day), whose hundred thousand
/// rows would each get a select.
fn rows_can_be_metrics(table: &Table) -> bool {
    let metric_rows = table
        .rows()
        .iter()
        .filter(|r| !r.is_blank() && !is_summary(r.first_text()));
    metric_rows.take(MAX_METRICS + 1).count() <= MAX_METRICS
}

/// The periods of a column when every cell with text below the header
/// (but totals) names one, and one does.
fn periods_in(table: &Table, column: usize) -> Option<Vec<Period>> {
    let cells = table.rows().iter().map(|r| r.cell(column));
    let periods: Option<Vec<Period>> = cells
        .filter(|c| !c.is_empty() && !is_summary(c))
        .map(read_period)
        .collect();
    periods.filter(|p| !p.is_empty())
}

/// Months and weeks are themselves; days are weeks when all are Mondays,
/// months when all are 1sts (of two dates at least), else days.
fn granularity_of(periods: &[Period]) -> Granularity {
    let all = |test: &dyn Fn(Period) -> bool| periods.len() > 1 && periods.iter().all(|p| test(*p));
    if periods
        .iter()
        .any(|p| p.granularity() == Granularity::Month)
    {
        Granularity::Month
    } else if periods.iter().any(|p| p.granularity() == Granularity::Week)
        || all(&|p| p.start().weekday() == Weekday::Mon)
    {
        Granularity::Week
    } else if all(&|p| p.start().day() == 1) {
        Granularity::Month
    } else {
        Granularity::Day
    }
}

/// The import's period a file's period cell names.
fn period_of(text: &str, column: usize, granularity: Granularity) -> Result<Period, RowReason> {
    let period = read_period(text).ok_or_else(|| RowReason::BadDate {
        column: column + 1,
        text: text.into(),
    })?;
    let imported = Period::containing(granularity, period.start());
    let fits = period.granularity() == granularity
        || (period.granularity() == Granularity::Day && imported.start() == period.start());
    fits.then_some(imported).ok_or(RowReason::NotAPeriod {
        column: column + 1,
        text: text.into(),
        granularity,
    })
}

/// The figures of the counts table (see [`Gathered`]).
pub fn gather_counts(shape: &PlanShape, table: &Table, mapping: &CountsMapping) -> Gathered {
    let mut gathered = Gathered::default();
    let mut value = |line: usize, column: usize, text: &str, metric: MetricId, period: Period| {
        let Some(kind) = shape.metric(metric).map(|m| m.kind) else {
            return;
        };
        // A team's file gives totals, of metrics counted per member too.
        let counter = mapping.member.map_or(Counter::Team, Counter::Member);
        let reason = match parse_cell(text, kind, shape.currency) {
            Ok(None) => return,
            Ok(Some(value)) if gathered.set(counter, metric, period, value) => return,
            Ok(Some(_)) => RowReason::Twice { column: column + 1 },
            Err(error) => RowReason::BadNumber {
                column: column + 1,
                text: text.trim().into(),
                error,
            },
        };
        gathered.problem(line, reason);
    };
    let metric_of = |index: usize| mapping.metrics.get(index).copied().flatten();
    let mut period_problems = Vec::new();
    let mut skipped = Vec::new();
    match mapping.shape {
        CountsShape::PeriodsInRows { period_column } => {
            for row in table.rows().iter().filter(|r| !r.is_blank()) {
                let text = row.cell(period_column);
                if is_summary(text) {
                    skipped.push(summary(row));
                    continue;
                }
                match period_of(text, period_column, mapping.granularity) {
                    Ok(period) => {
                        for (column, cell) in row.cells.iter().enumerate() {
                            if let Some(metric) =
                                metric_of(column).filter(|_| column != period_column)
                            {
                                value(row.line, column, cell, metric, period);
                            }
                        }
                    }
                    Err(reason) => period_problems.push((row.line, reason)),
                }
            }
        }
        CountsShape::PeriodsInColumns { label_columns } => {
            let line = table.records.first().map_or(1, |r| r.line);
            let periods: Vec<Option<Period>> = table
                .header()
                .iter()
                .enumerate()
                .map(|(column, text)| {
                    let text = text.trim();
                    if column < label_columns || text.is_empty() {
                        return None;
                    }
                    period_of(text, column, mapping.granularity)
                        .map_err(|reason| period_problems.push((line, reason)))
                        .ok()
                })
                .collect();
            for (index, row) in table.rows().iter().enumerate() {
                if is_summary(row.first_text()) {
                    skipped.push(summary(row));
                    continue;
                }
                let Some(metric) = metric_of(index) else {
                    continue;
                };
                for (column, cell) in row.cells.iter().enumerate() {
                    if let Some(period) = periods.get(column).copied().flatten() {
                        value(row.line, column, cell, metric, period);
                    }
                }
            }
        }
    }
    for (line, reason) in period_problems {
        gathered.problem(line, reason);
    }
    order::sort_by_key(&mut gathered.problems, |p| p.line);
    gathered.skipped = skipped;
    gathered
}

fn summary(row: &Record) -> SkippedRow {
    SkippedRow {
        line: row.line,
        reason: SkipReason::Summary,
        text: row.first_text().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv::import::{
        Change, CsvImport, ImportedCell, Refusal, RowProblem, Summary,
    };
    use crate::domain::csv::testing::{named, on, table};
    use crate::domain::csv::Mapping;
    use crate::domain::edit::{apply, Edit};
    use crate::domain::locale::Lang;
    use crate::domain::number::CountError;
    use crate::domain::presets::inside_sales;
    use Granularity::{Day, Month, Week};

    fn plan_counts_import(plan: &Plan, table: &Table, mapping: &CountsMapping) -> CsvImport {
        gather_counts(&PlanShape::of(plan), table, mapping).import(plan)
    }

    fn cell(metric: MetricId, period: Period, before: Option<u64>, after: u64) -> ImportedCell {
        ImportedCell {
            counter: Counter::Team,
            metric,
            period,
            before,
            after,
            members: 0,
        }
    }

    #[test]
    fn a_row_per_period_with_each_number_spelling_a_bad_cell_and_a_total() {
        let plan = inside_sales(Lang::En);
        let file = table(
            "Period,Leads,Calls,Lead nurturing / Contacts,Won: Revenue,Notes\r\n\
             2026-09,\"1,200\",３００,,\"$12,345.50\",hello\r\n\
             2026-10,5,x,7,1.5,\r\n\
             Total,1205,300,7,,\r\n",
        );
        let [leads, calls, contacts, revenue] =
            ["Leads", "Calls", "Contacts", "Revenue"].map(|n| named(&plan, n));
        let mapping = guess_counts(&plan, &file).unwrap();
        assert_eq!(
            mapping,
            CountsMapping {
                shape: CountsShape::PeriodsInRows { period_column: 0 },
                metrics: vec![
                    None,
                    Some(leads),
                    Some(calls),
                    Some(contacts),
                    Some(revenue),
                    None
                ],
                labels: [
                    "period",
                    "leads",
                    "calls",
                    "lead nurturing / contacts",
                    "won: revenue",
                    "notes"
                ]
                .map(String::from)
                .to_vec(),
                granularity: Month,
                member: None,
            }
        );
        let import = plan_counts_import(&plan, &file, &mapping);
        let (sep, oct) = (on(Month, 2026, 9, 1), on(Month, 2026, 10, 1));
        assert_eq!(
            import.cells,
            [
                cell(leads, sep, None, 1200),
                cell(leads, oct, None, 5),
                cell(calls, sep, None, 300),
                cell(contacts, oct, None, 7),
                cell(revenue, sep, None, 1_234_550),
                cell(revenue, oct, None, 150),
            ]
        );
        assert_eq!(
            import.problems,
            [RowProblem {
                line: 3,
                reason: RowReason::BadNumber {
                    column: 3,
                    text: "x".into(),
                    error: CountError::NotANumber
                }
            }]
        );
        assert_eq!(
            import.skipped,
            [SkippedRow {
                line: 4,
                reason: SkipReason::Summary,
                text: "Total".into()
            }]
        );
        assert!(import.refused.is_empty());
    }

    #[test]
    fn what_changes_is_summed_up_and_applied_and_undone_at_once() {
        let mut plan = inside_sales(Lang::En);
        let (leads, calls) = (named(&plan, "Leads"), named(&plan, "Calls"));
        let (sep, oct) = (on(Month, 2026, 9, 1), on(Month, 2026, 10, 1));
        plan.set_entry(leads, sep, Some(1000)).unwrap();
        plan.set_entry(calls, sep, Some(300)).unwrap();
        let file = table("Month,Leads,Calls\n2026年9月,1200,300\n2026年10月,5,\n");
        let import = plan_counts_import(&plan, &file, &guess_counts(&plan, &file).unwrap());
        let changes: Vec<_> = import
            .cells
            .iter()
            .map(|c| (c.before, c.after, c.change()))
            .collect();
        assert_eq!(
            changes,
            [
                (Some(1000), 1200, Change::Changed),
                (None, 5, Change::New),
                (Some(300), 300, Change::Unchanged)
            ]
        );
        assert_eq!(
            import.summary(),
            Summary {
                first: Some(sep),
                last: Some(oct),
                metrics: vec![leads, calls],
                new: 1,
                changed: 1,
                unchanged: 1
            }
        );
        let before = plan.clone();
        let edit = import.edit();
        let Edit::Batch(edits) = &edit else {
            panic!("one batch");
        };
        assert_eq!(edits.len(), 2, "the unchanged figure is left out");
        let undo = apply(&mut plan, edit).unwrap();
        assert_eq!(plan.entries.cell(leads, sep).total(), Some(1200));
        assert_eq!(plan.entries.cell(leads, oct).total(), Some(5));
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, before);
    }

    #[test]
    fn a_row_per_metric_with_periods_along_the_header() {
        let plan = inside_sales(Lang::En);
        let (calls, leads) = (named(&plan, "Calls"), named(&plan, "Leads"));
        let file = table(
            "Metric\t2026-09-07\t2026-09-14\nCalls\t10\t20\nLead generation\t3\t\nUnknown\t1\t2\n",
        );
        let mapping = guess_counts(&plan, &file).unwrap();
        assert_eq!(
            mapping,
            CountsMapping {
                shape: CountsShape::PeriodsInColumns { label_columns: 1 },
                metrics: vec![Some(calls), Some(leads), None],
                labels: ["calls", "lead generation", "unknown"]
                    .map(String::from)
                    .to_vec(),
                granularity: Week,
                member: None,
            }
        );
        let import = plan_counts_import(&plan, &file, &mapping);
        let (first, second) = (on(Week, 2026, 9, 7), on(Week, 2026, 9, 14));
        assert_eq!(
            import.cells,
            [
                cell(leads, first, None, 3),
                cell(calls, first, None, 10),
                cell(calls, second, None, 20),
            ]
        );
        // Two label columns, in Japanese, by month.
        let plan = inside_sales(Lang::Ja);
        let file =
            table("ステージ,指標,2026年9月,2026年10月\nリード育成,架電数,300,310\n合計,,300,310\n");
        let mapping = guess_counts(&plan, &file).unwrap();
        assert_eq!(
            mapping.shape,
            CountsShape::PeriodsInColumns { label_columns: 2 }
        );
        let import = plan_counts_import(&plan, &file, &mapping);
        let calls = named(&plan, "架電数");
        assert_eq!(
            import.cells,
            [
                cell(calls, on(Month, 2026, 9, 1), None, 300),
                cell(calls, on(Month, 2026, 10, 1), None, 310),
            ]
        );
        assert_eq!(import.skipped.len(), 1);
    }

    #[test]
    fn a_dated_title_line_over_a_long_report_is_no_counts_table() {
        // A CRM report under "as of <day>": its header reads as a period,
        // but a row per metric never makes more rows than a plan has
        // metrics (a total row aside).
        let plan = inside_sales(Lang::En);
        let rows = |count: usize| {
            let mut text = String::from("Opportunity pipeline as of,2026-11-30\n");
            text.push_str("Stage,Opportunity Name,Close Date,Amount\n");
            for i in 0..count {
                text.push_str(&format!("Calls,Deal {i},2026-11-0{},100\n", 1 + i % 9));
            }
            text.push_str("Total,,,\n");
            table(&text)
        };
        let counts = guess_counts(&plan, &rows(MAX_METRICS - 1)).unwrap();
        assert_eq!(counts.metrics.len(), MAX_METRICS + 1);
        assert_eq!(
            counts.refit(&plan, &rows(MAX_METRICS - 1)),
            Some(counts.clone())
        );
        assert_eq!(guess_counts(&plan, &rows(MAX_METRICS)), None);
        assert_eq!(counts.refit(&plan, &rows(MAX_METRICS)), None);
    }

    #[test]
    fn days_stand_for_the_periods_they_start() {
        let plan = inside_sales(Lang::En);
        let leads = named(&plan, "Leads");
        let guessed = |text: &str| guess_counts(&plan, &table(text)).unwrap().granularity;
        assert_eq!(guessed("Date,Leads\n2026-09-07,1\n2026-09-14,2\n"), Week);
        assert_eq!(guessed("Date,Leads\n2026-09-01,1\n2026-10-01,2\n"), Month);
        assert_eq!(guessed("Date,Leads\n2026-09-07,1\n2026-09-08,2\n"), Day);
        assert_eq!(guessed("Date,Leads\n2026-09-07,1\n"), Day);
        assert_eq!(guessed("Week,Leads\n2026-W37,1\n"), Week);
        // Weeks from a file with a Tuesday and a month in it.
        let file = table("Date,Leads\n9/7/2026,1\n9/8/2026,2\n2026-09,3\n");
        let mut mapping = guess_counts(&plan, &file).unwrap();
        mapping.granularity = Week;
        let import = plan_counts_import(&plan, &file, &mapping);
        assert_eq!(import.cells, [cell(leads, on(Week, 2026, 9, 7), None, 1)]);
        let not_a_week = |line, text: &str| RowProblem {
            line,
            reason: RowReason::NotAPeriod {
                column: 1,
                text: text.into(),
                granularity: Week,
            },
        };
        assert_eq!(
            import.problems,
            [not_a_week(3, "9/8/2026"), not_a_week(4, "2026-09")]
        );
    }

    #[test]
    fn cells_the_grid_would_not_take_are_refused_not_dropped() {
        let mut plan = inside_sales(Lang::En);
        let (leads, calls) = (named(&plan, "Leads"), named(&plan, "Calls"));
        // Two days of the week counted: the week is their sum.
        plan.set_entry(leads, on(Day, 2026, 9, 7), Some(1)).unwrap();
        plan.set_entry(leads, on(Day, 2026, 9, 8), Some(2)).unwrap();
        apply(&mut plan, Edit::SetPerMember(calls, true)).unwrap();
        let file = table("Week,Leads,Calls\n2026-09-07,9,4\n2026-09-07,8,\n");
        let mut mapping = guess_counts(&plan, &file).unwrap();
        let week = on(Week, 2026, 9, 7);
        let import = plan_counts_import(&plan, &file, &mapping);
        assert_eq!(
            import.refused,
            [(cell(leads, week, Some(3), 9), Refusal::CannotType)]
        );
        // The team's file: calls, counted per member, are their total.
        assert_eq!(import.cells, [cell(calls, week, None, 4)]);
        assert_eq!(
            import.problems,
            [RowProblem {
                line: 3,
                reason: RowReason::Twice { column: 2 }
            }]
        );
        // A member's file: leads are not theirs to count; one since
        // removed counts nothing.
        let member = crate::domain::ids::MemberId(9_000);
        mapping.member = Some(member);
        let refused = |plan: &Plan| {
            let import = plan_counts_import(plan, &file, &mapping);
            let refused = import.refused.iter().map(|(c, _)| (c.counter, c.metric));
            (import.cells.len(), refused.collect::<Vec<_>>())
        };
        let theirs = Counter::Member(member);
        assert_eq!(refused(&plan), (0, vec![(theirs, leads), (theirs, calls)]));
        let department = plan.departments[1].id;
        let aya = crate::domain::members::Member {
            id: member,
            name: "Aya".into(),
            department,
            active: true,
        };
        apply(&mut plan, Edit::AddMember(aya)).unwrap();
        assert_eq!(refused(&plan), (1, vec![(theirs, leads)]));
    }

    #[test]
    fn a_figure_as_it_is_is_unchanged_where_the_grid_would_not_take_one() {
        let mut plan = inside_sales(Lang::En);
        let leads = named(&plan, "Leads");
        plan.set_entry(leads, on(Day, 2026, 9, 7), Some(1)).unwrap();
        plan.set_entry(leads, on(Day, 2026, 9, 8), Some(2)).unwrap();
        let file = table("Week,Leads\n2026-W37,3\n");
        let import = plan_counts_import(&plan, &file, &guess_counts(&plan, &file).unwrap());
        assert_eq!(
            import.cells,
            [cell(leads, on(Week, 2026, 9, 7), Some(3), 3)]
        );
        assert!(import.refused.is_empty());
        assert_eq!(import.edit(), Edit::Batch(Vec::new()));
    }

    #[test]
    fn a_team_file_gives_the_totals_of_metrics_counted_per_member() {
        let mut plan = inside_sales(Lang::En);
        let calls = named(&plan, "Calls");
        let jane = crate::domain::ids::MemberId(9_000);
        let department = plan.departments[1].id;
        let member = crate::domain::members::Member {
            id: jane,
            name: "Jane".into(),
            department,
            active: true,
        };
        apply(&mut plan, Edit::AddMember(member)).unwrap();
        apply(&mut plan, Edit::SetPerMember(calls, true)).unwrap();
        let weeks = crate::domain::period::PeriodRange::new(on(Week, 2026, 11, 2), 1);
        let week = weeks.first();
        plan.set_member_entry(jane, calls, week, Some(300)).unwrap();
        // The download, imported back: nothing changes.
        let exported = crate::domain::csv::export::wide(&plan, weeks, "Period");
        let file = table(&exported);
        let mapping = guess_counts(&plan, &file).unwrap();
        let import = plan_counts_import(&plan, &file, &mapping);
        let total = |before, after, members| ImportedCell {
            members,
            ..cell(calls, week, before, after)
        };
        assert_eq!(import.cells, [total(Some(300), 300, 300)]);
        assert_eq!(import.edit(), Edit::Batch(Vec::new()));
        // A higher total: the rest is typed for no member.
        let file = table(&exported.replace(",300", ",420"));
        let import = plan_counts_import(&plan, &file, &mapping);
        assert_eq!(import.cells, [total(Some(300), 420, 300)]);
        let before = plan.clone();
        let undo = apply(&mut plan, import.edit()).unwrap();
        assert_eq!(plan.entries.cell(calls, week).total(), Some(420));
        assert_eq!(
            plan.cell_of(Counter::Unassigned, calls, week).total(),
            Some(120)
        );
        assert_eq!(
            plan.cell_of(Counter::Member(jane), calls, week).total(),
            Some(300)
        );
        // Imported again, unchanged; a total below Jane's is refused.
        assert_eq!(
            plan_counts_import(&plan, &file, &mapping).cells,
            [total(Some(420), 420, 300)]
        );
        let lower = table(&exported.replace(",300", ",250"));
        let import = plan_counts_import(&plan, &lower, &mapping);
        assert_eq!(
            import.refused,
            [(total(Some(420), 250, 300), Refusal::BelowMembers)]
        );
        assert!(import.cells.is_empty());
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, before);
    }

    #[test]
    fn a_label_left_out_before_is_mapped_once_a_metric_has_its_name() {
        let mut plan = inside_sales(Lang::En);
        let file = table(
            "Period,Leads,Demos
2026-09,1,2
",
        );
        let earlier = guess_counts(&plan, &file).unwrap();
        assert_eq!(earlier.metrics[2], None);
        let demo = plan.metrics[0].id;
        apply(&mut plan, Edit::RenameMetric(demo, "Demos".into())).unwrap();
        let now = earlier.refit(&plan, &file).unwrap();
        assert_eq!(now.metrics[2], Some(demo));
    }

    #[test]
    fn a_remembered_mapping_keeps_its_choices_for_the_labels_they_were_made_for() {
        let plan = inside_sales(Lang::En);
        let [calls, leads, contacts] = ["Calls", "Leads", "Contacts"].map(|n| named(&plan, n));
        // A row per metric: "Dials" mapped to calls by hand, "Notes" left out.
        let file = table("Metric,2026-09,2026-10\nDials,1,2\nLeads,3,4\nNotes,5,6\n");
        let mut earlier = guess_counts(&plan, &file).unwrap();
        assert_eq!(earlier.metrics, [None, Some(leads), None]);
        earlier.metrics[0] = Some(calls);
        // Next month, the rows in another order and one more.
        let next = table(
            "Metric,2026-10,2026-11\nLeads,3,4\nNotes,5,6\nContacts,1,1\nDials,1,2\nDials,9,9\n",
        );
        let Some(Mapping::Counts(now)) =
            crate::domain::csv::refit(&plan, &next, Mapping::Counts(earlier.clone()))
        else {
            panic!("counts");
        };
        assert_eq!(
            now.metrics,
            [Some(leads), None, Some(contacts), Some(calls), None]
        );
        // A column per metric: columns moved, one renamed.
        let file = table("Period,Dials,Leads\n2026-09,1,2\n");
        let mut earlier = guess_counts(&plan, &file).unwrap();
        earlier.metrics[1] = Some(calls);
        let next = table("Period,Leads,Dials made,Dials\n2026-10,2,5,1\n");
        let now = earlier.refit(&plan, &next).unwrap();
        assert_eq!(now.metrics, [None, Some(leads), None, Some(calls)]);
        // No periods where they were: guessed afresh.
        let next = table("Leads,Period\n2,2026-10\n");
        assert_eq!(earlier.refit(&plan, &next), None);
        // A metric, a stage or a member since removed is forgotten.
        let mut smaller = plan.clone();
        smaller.metrics.retain(|m| m.id != calls);
        let mut mapping = Mapping::Counts(CountsMapping {
            member: Some(crate::domain::ids::MemberId(9_000)),
            ..earlier.clone()
        });
        crate::domain::csv::without_unknown_ids(&smaller, &mut mapping);
        let forgotten = Mapping::Counts(CountsMapping {
            metrics: vec![None, None, Some(leads)],
            ..earlier.clone()
        });
        assert_eq!(mapping, forgotten);
        let remembered = Mapping::Counts(earlier);
        assert_eq!(
            crate::domain::csv::refit(&smaller, &file, remembered),
            Some(forgotten)
        );
    }

    #[test]
    fn what_the_export_writes_imports_back_into_an_empty_plan() {
        let mut plan = inside_sales(Lang::En);
        let (leads, revenue) = (named(&plan, "Leads"), named(&plan, "Revenue"));
        let weeks = crate::domain::period::PeriodRange::new(on(Week, 2026, 11, 2), 2);
        let [first, second] = [weeks.first(), weeks.last()];
        plan.set_entry(leads, first, Some(1_234)).unwrap();
        plan.set_entry(revenue, second, Some(1_234_505)).unwrap();
        let file = table(&crate::domain::csv::export::wide(&plan, weeks, "Period"));
        let empty = inside_sales(Lang::En);
        let mapping = guess_counts(&empty, &file).unwrap();
        let import = plan_counts_import(&empty, &file, &mapping);
        assert_eq!(
            import.cells,
            [
                cell(leads, first, None, 1_234),
                cell(revenue, second, None, 1_234_505),
            ]
        );
    }

    #[test]
    fn an_empty_file_or_a_header_alone_suggests_nothing_and_changes_nothing() {
        let plan = inside_sales(Lang::En);
        let mapping = CountsMapping {
            shape: CountsShape::PeriodsInRows { period_column: 0 },
            metrics: vec![None, Some(named(&plan, "Leads"))],
            labels: Vec::new(),
            granularity: Month,
            member: None,
        };
        for text in ["", "\u{feff}", "Period,Leads\r\n"] {
            let file = table(text);
            assert_eq!(guess_counts(&plan, &file), None, "{text:?}");
            assert_eq!(
                plan_counts_import(&plan, &file, &mapping),
                CsvImport::default()
            );
        }
    }
}
