//! Each member's figures and KPIs side by side, and the daily review: what
//! the daily meeting reads to find the talk worth sharing (never a ranking).

use crate::domain::entries::members::Counter;
use crate::domain::ids::{KpiId, MemberId, MetricId};
use crate::domain::kpi::kpi_value_of;
use crate::domain::period::{Granularity, Period, PeriodRange};
use crate::domain::plan::Plan;
use crate::domain::planning::previous_working_day;

/// A column of the members' table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// A metric counted per member: its total over the range.
    Metric(MetricId),
    /// A KPI between two metrics counted per member: each member's rate.
    Kpi(KpiId),
}

/// One row: whose figures, over the range and the range before it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub counter: Counter,
    /// By column; `None` where nothing was counted (or nothing to divide by).
    pub values: Vec<Option<f64>>,
    pub previous: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MemberTable {
    pub columns: Vec<Column>,
    /// Members in the plan's order, then figures typed for no member.
    pub rows: Vec<Row>,
    pub team: Row,
}

/// The columns: metrics counted per member, then the KPIs that divide one
/// of them by another, in plan order.
pub fn columns(plan: &Plan) -> Vec<Column> {
    let per_member = |metric| plan.counted_per_member(metric);
    plan.per_member_metrics()
        .into_iter()
        .map(Column::Metric)
        .chain(
            plan.kpis
                .iter()
                .filter(|k| per_member(k.numerator) && per_member(k.denominator))
                .map(|k| Column::Kpi(k.id)),
        )
        .collect()
}

/// The members expected to count: active members of the departments that
/// own a stage with a metric counted per member.
pub fn counting_members(plan: &Plan) -> Vec<MemberId> {
    let counted_by = |department| {
        plan.metrics
            .iter()
            .any(|m| m.per_member && plan.stage(m.stage).is_some_and(|s| s.owner == department))
    };
    plan.members
        .iter()
        .filter(|m| m.active && counted_by(m.department))
        .map(|m| m.id)
        .collect()
}

fn row(
    plan: &Plan,
    columns: &[Column],
    counter: Counter,
    range: PeriodRange,
    previous: PeriodRange,
) -> Row {
    let values_in = |range: PeriodRange| {
        columns
            .iter()
            .map(|column| match *column {
                Column::Metric(metric) => plan
                    .entered_total_of(counter, metric, range)
                    .map(|v| v as f64),
                Column::Kpi(kpi) => plan
                    .kpi(kpi)
                    .and_then(|k| kpi_value_of(plan, counter, k, range)),
            })
            .collect()
    };
    Row {
        counter,
        values: values_in(range),
        previous: values_in(previous),
    }
}

/// Every member who counts or counted in the range or the one before it,
/// and the team, over `range` and the range before it.
pub fn member_table(plan: &Plan, range: PeriodRange) -> MemberTable {
    member_table_against(plan, range, range.previous())
}

/// `member_table` with `previous` values read over another range (the
/// last working day, for a daily review on a Monday).
pub fn member_table_against(plan: &Plan, range: PeriodRange, previous: PeriodRange) -> MemberTable {
    let columns = columns(plan);
    let metrics = plan.per_member_metrics();
    let expected = counting_members(plan);
    let counted = |member: MemberId| {
        [range, previous]
            .into_iter()
            .any(|r| plan.member_entries.has_figures(member, &metrics, r))
    };
    let mut rows: Vec<Row> = plan
        .members
        .iter()
        .filter(|m| expected.contains(&m.id) || counted(m.id))
        .map(|m| row(plan, &columns, Counter::Member(m.id), range, previous))
        .collect();
    let unassigned = row(plan, &columns, Counter::Unassigned, range, previous);
    let metric_columns = metrics.len();
    let has_figures =
        |values: &[Option<f64>]| values.iter().take(metric_columns).any(Option::is_some);
    if has_figures(&unassigned.values) || has_figures(&unassigned.previous) {
        rows.push(unassigned);
    }
    MemberTable {
        team: row(plan, &columns, Counter::Team, range, previous),
        columns,
        rows,
    }
}

/// The daily meeting's view: today beside the last working day (a
/// Monday's beside the Friday), per member and for the team, and who has
/// not entered anything today yet.
#[derive(Clone, Debug, PartialEq)]
pub struct DailyReview {
    /// Over today, with the last working day as the previous values.
    pub table: MemberTable,
    pub previous_day: chrono::NaiveDate,
    pub not_entered_today: Vec<MemberId>,
}

pub fn daily_review(plan: &Plan, today: chrono::NaiveDate) -> DailyReview {
    let previous_day = previous_working_day(today, &plan.planning.holidays);
    let day = |day| PeriodRange::new(Period::containing(Granularity::Day, day), 1);
    DailyReview {
        table: member_table_against(plan, day(today), day(previous_day)),
        previous_day,
        not_entered_today: not_entered(plan, today),
    }
}

/// The members expected to count who have entered nothing on `day`.
pub fn not_entered(plan: &Plan, day: chrono::NaiveDate) -> Vec<MemberId> {
    let day = PeriodRange::new(Period::containing(Granularity::Day, day), 1);
    let metrics = plan.per_member_metrics();
    counting_members(plan)
        .into_iter()
        .filter(|m| !plan.member_entries.has_figures(*m, &metrics, day))
        .collect()
}
