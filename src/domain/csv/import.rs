//! What importing a file would change, to show before applying it in one
//! undoable edit: the cells with their values before and after, the cells
//! the grid would not take, the rows that did not read and those skipped.

use std::collections::BTreeMap;

use crate::domain::edit::Edit;
use crate::domain::entries::members::Counter;
use crate::domain::grid::normalize;
use crate::domain::ids::{MemberId, MetricId, StageId};
use crate::domain::money::Currency;
use crate::domain::number::{CountError, MAX_ENTRY};
use crate::domain::order;
use crate::domain::period::{Granularity, Period};
use crate::domain::plan::{MetricKind, Plan};

/// One figure the import sets. The team's figure of a metric counted per
/// member is its total: the import sets what the members leave of it
/// (`after - members`) as typed for no member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportedCell {
    pub counter: Counter,
    pub metric: MetricId,
    pub period: Period,
    pub before: Option<u64>,
    pub after: u64,
    /// What the members counted of the team's total (0 for any other).
    pub members: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    New,
    Changed,
    Unchanged,
}

impl ImportedCell {
    pub fn change(&self) -> Change {
        match self.before {
            None => Change::New,
            Some(before) if before == self.after => Change::Unchanged,
            Some(_) => Change::Changed,
        }
    }
}

/// Why a figure the file gives is not set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The grid would not take it there: a sum of shorter periods, a
    /// longer period's figure, or a metric this counter does not type.
    CannotType,
    /// Above the largest figure a cell holds.
    TooLarge,
    /// A team's total below what the members counted of it: their
    /// figures are changed where they were typed.
    BelowMembers,
}

/// A row that did not read; `column`s are 1-based, as spreadsheets number
/// them from A.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub line: usize,
    pub reason: RowReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowReason {
    /// The date (or period) cell names no day, month or week; empty text:
    /// there is none.
    BadDate { column: usize, text: String },
    /// A period of another length than the import's, or a day that starts
    /// none of its periods (a Tuesday when weeks are imported).
    NotAPeriod {
        column: usize,
        text: String,
        granularity: Granularity,
    },
    /// A number that does not read as the grid reads it.
    BadNumber {
        column: usize,
        text: String,
        error: CountError,
    },
    /// A second figure for a metric and period already given (the first
    /// is kept).
    Twice { column: usize },
    /// A record without a stage.
    NoStage,
    /// A stage value the mapping does not list.
    UnmappedStage(String),
}

/// A row that is not a record, left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedRow {
    pub line: usize,
    pub reason: SkipReason,
    /// Its first cell with text, to recognise it by.
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// A total, subtotal or count ("Total", "合計", "Count: 42").
    Summary,
    /// Neither a stage nor a date (a group's subtotal of a report).
    NoStageOrDate,
    /// A line of text around a report: its title, "Filtered by …".
    NotARecord,
}

/// What the import would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvImport {
    /// In the plan's metric order, then by period.
    pub cells: Vec<ImportedCell>,
    pub refused: Vec<(ImportedCell, Refusal)>,
    pub problems: Vec<RowProblem>,
    pub skipped: Vec<SkippedRow>,
    /// Records of CRM stages mapped to no plan stage.
    pub ignored: usize,
}

/// The preview's headline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub first: Option<Period>,
    pub last: Option<Period>,
    /// In the plan's order.
    pub metrics: Vec<MetricId>,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
}

impl CsvImport {
    /// The import as one change, applied and undone at once; figures that
    /// stay as they are are left out.
    pub fn edit(&self) -> Edit {
        Edit::Batch(
            self.cells
                .iter()
                .filter(|c| c.change() != Change::Unchanged)
                .map(|c| {
                    c.counter
                        .edit(c.metric, c.period, Some(c.after.saturating_sub(c.members)))
                })
                .collect(),
        )
    }

    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            first: self
                .cells
                .iter()
                .map(|c| c.period)
                .min_by_key(|p| p.start()),
            last: self
                .cells
                .iter()
                .map(|c| c.period)
                .max_by_key(|p| p.start()),
            ..Summary::default()
        };
        for cell in &self.cells {
            if !summary.metrics.contains(&cell.metric) {
                summary.metrics.push(cell.metric);
            }
            *match cell.change() {
                Change::New => &mut summary.new,
                Change::Changed => &mut summary.changed,
                Change::Unchanged => &mut summary.unchanged,
            } += 1;
        }
        summary
    }
}

/// Words that start a total or a count rather than a record.
const SUMMARY_WORDS: [&str; 13] = [
    "record count",
    "grand totals",
    "grand total",
    "subtotal",
    "totals",
    "total",
    "count",
    "sum",
    "合計",
    "総計",
    "小計",
    "件数",
    "計",
];

/// Whether a cell starts a summary row: "Total", "合計", "Count: 42",
/// "Grand Totals (42 records)"; not "Total Solutions Inc".
pub(crate) fn is_summary(text: &str) -> bool {
    let text = normalize(text);
    SUMMARY_WORDS.iter().any(|word| {
        text.strip_prefix(word).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty()
                || rest.starts_with([':', '(', '='])
                || rest.starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

impl Plan {
    /// Whether the counter is the team's, or a member of the plan (a
    /// mapping remembered from another file may name one since removed).
    fn counts_for(&self, counter: Counter) -> bool {
        match counter {
            Counter::Member(member) => self.member(member).is_some(),
            Counter::Team | Counter::Unassigned => true,
        }
    }
}

/// What reading a file's figures needs of a plan: each stage's count,
/// each metric's stage and kind and whether it is counted per member, and
/// the currency. A preview reads its file again only when this changes,
/// not at every count typed or name changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanShape {
    pub(crate) currency: Currency,
    /// Each stage with the metric its records count in.
    stages: Vec<(StageId, MetricId)>,
    metrics: Vec<MetricShape>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MetricShape {
    pub(crate) id: MetricId,
    pub(crate) stage: StageId,
    pub(crate) kind: MetricKind,
    pub(crate) per_member: bool,
}

impl PlanShape {
    pub fn of(plan: &Plan) -> PlanShape {
        PlanShape {
            currency: plan.currency,
            stages: plan
                .stages
                .iter()
                .map(|s| (s.id, s.primary_metric))
                .collect(),
            metrics: plan
                .metrics
                .iter()
                .map(|m| MetricShape {
                    id: m.id,
                    stage: m.stage,
                    kind: m.kind,
                    per_member: m.per_member,
                })
                .collect(),
        }
    }

    pub(crate) fn metric(&self, id: MetricId) -> Option<&MetricShape> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// The metric a stage's records count in.
    pub(crate) fn count_of(&self, stage: StageId) -> Option<MetricId> {
        self.stages
            .iter()
            .find(|(id, _)| *id == stage)
            .map(|(_, count)| *count)
    }

    pub(crate) fn counted_per_member(&self, metric: MetricId) -> bool {
        self.metric(metric).is_some_and(|m| m.per_member)
    }
}

/// Figures read from a file (with only the plan's [`PlanShape`]), then
/// checked against the plan's counts ([`Gathered::import`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gathered {
    figures: BTreeMap<(MetricId, Period, Option<MemberId>), (Counter, u64)>,
    pub(crate) problems: Vec<RowProblem>,
    pub(crate) skipped: Vec<SkippedRow>,
    pub(crate) ignored: usize,
}

fn key(metric: MetricId, period: Period, counter: Counter) -> (MetricId, Period, Option<MemberId>) {
    let member = match counter {
        Counter::Member(member) => Some(member),
        Counter::Team | Counter::Unassigned => None,
    };
    (metric, period, member)
}

impl Gathered {
    /// Adds `value` to a figure (records counted).
    pub(crate) fn add(&mut self, counter: Counter, metric: MetricId, period: Period, value: u64) {
        let figure = self
            .figures
            .entry(key(metric, period, counter))
            .or_insert((counter, 0));
        figure.1 = figure.1.saturating_add(value);
    }

    /// Sets a figure given once (a counts table's cell); false when the
    /// file gave it already.
    pub(crate) fn set(
        &mut self,
        counter: Counter,
        metric: MetricId,
        period: Period,
        value: u64,
    ) -> bool {
        let key = key(metric, period, counter);
        let new = !self.figures.contains_key(&key);
        if new {
            self.figures.insert(key, (counter, value));
        }
        new
    }

    pub(crate) fn problem(&mut self, line: usize, reason: RowReason) {
        self.problems.push(RowProblem { line, reason });
    }

    /// What setting these figures would change in `plan` as it is now.
    pub fn import(&self, plan: &Plan) -> CsvImport {
        let mut import = CsvImport {
            problems: self.problems.clone(),
            skipped: self.skipped.clone(),
            ignored: self.ignored,
            ..CsvImport::default()
        };
        for (&(metric, period, _), &(counter, after)) in &self.figures {
            let before = plan.cell_of(counter, metric, period).total();
            // The team's total of a metric counted per member: what the
            // members leave of it is typed for no member.
            let (typed, members) = if counter == Counter::Team && plan.counted_per_member(metric) {
                let unassigned = plan.cell_of(Counter::Unassigned, metric, period).total();
                let members = before.unwrap_or(0).saturating_sub(unassigned.unwrap_or(0));
                (Counter::Unassigned, members)
            } else {
                (counter, 0)
            };
            let cell = ImportedCell {
                counter,
                metric,
                period,
                before,
                after,
                members,
            };
            let refusal = if before == Some(after) {
                // Unchanged, wherever the grid would take a figure.
                None
            } else if after > MAX_ENTRY {
                Some(Refusal::TooLarge)
            } else if after < members {
                Some(Refusal::BelowMembers)
            } else if !plan.can_type(typed, metric, period) || !plan.counts_for(counter) {
                Some(Refusal::CannotType)
            } else {
                None
            };
            match refusal {
                Some(refusal) => import.refused.push((cell, refusal)),
                None => import.cells.push(cell),
            }
        }
        let position = |metric: MetricId| plan.metrics.iter().position(|m| m.id == metric);
        // Stable: periods stay in order within a metric.
        order::sort_by_key(&mut import.cells, |c| position(c.metric));
        import
    }
}
