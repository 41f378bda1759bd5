//! The Check of a cycle, computed from the counts: each target against
//! what the days so far ask of it, the weekly trend inside the cycle, and
//! each action's KPI before and after it started.

use chrono::NaiveDate;

use super::{day_count, overlap_days, Cycle, Goal};
use crate::domain::actions::ActionId;
use crate::domain::ids::KpiId;
use crate::domain::kpi::{kpi_value, status, Status};
use crate::domain::period::{Granularity, Period, PeriodRange};
use crate::domain::plan::{Better, Plan};

#[derive(Clone, Debug, PartialEq)]
pub struct TargetCheck {
    pub goal: Goal,
    pub better: Better,
    /// For the whole cycle.
    pub target: f64,
    /// What the days so far ask: a volume's share of the cycle's days, a
    /// KPI's target as it is.
    pub target_to_date: f64,
    /// Over the cycle's days so far; `None` when nothing was counted.
    pub actual: Option<f64>,
    /// `actual − target_to_date`.
    pub gap: Option<f64>,
    pub status: Option<Status>,
    /// Each ISO week of the cycle so far (cut to the cycle's days).
    pub weeks: Vec<(Period, Option<f64>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionCheck {
    pub action: ActionId,
    pub kpi: KpiId,
    /// Over as many days before the action started as it has run.
    pub before: Option<f64>,
    /// From its start to its end or to date, whichever comes first.
    pub after: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// Days of the cycle up to and including today (0 before it starts).
    pub days_so_far: i64,
    pub days: i64,
    pub targets: Vec<TargetCheck>,
    /// The cycle's actions that have a KPI and have started.
    pub actions: Vec<ActionCheck>,
}

/// The value of a goal over the days from `from` to `to` (both counted).
fn value(plan: &Plan, goal: Goal, from: NaiveDate, to: NaiveDate) -> Option<f64> {
    if to < from {
        return None;
    }
    let days = PeriodRange::covering(Granularity::Day, from, to);
    match goal {
        Goal::Kpi(kpi) => kpi_value(plan, plan.kpi(kpi)?, days),
        Goal::Count(stage) => plan
            .entries
            .entered_total(plan.stage(stage)?.primary_metric, days)
            .map(|n| n as f64),
    }
}

/// The Check of `cycle` as of `today`.
pub fn check(plan: &Plan, cycle: &Cycle, today: NaiveDate) -> Check {
    let days = day_count(cycle.start, cycle.end);
    let days_so_far = overlap_days(cycle.start, cycle.end, cycle.start, today);
    let last = cycle.end.min(today);
    let weeks: Vec<Period> = if days_so_far > 0 {
        PeriodRange::covering(Granularity::Week, cycle.start, last)
            .periods()
            .collect()
    } else {
        Vec::new()
    };
    let targets = cycle
        .targets
        .iter()
        .filter_map(|t| {
            let (better, to_date) = match t.goal {
                Goal::Kpi(kpi) => (plan.kpi(kpi)?.better, t.value),
                Goal::Count(_) => (Better::Higher, t.value * days_so_far as f64 / days as f64),
            };
            let actual = value(plan, t.goal, cycle.start, last);
            let trend = weeks
                .iter()
                .map(|week| {
                    let from = week.start().max(cycle.start);
                    (*week, value(plan, t.goal, from, week.last_day().min(last)))
                })
                .collect();
            Some(TargetCheck {
                goal: t.goal,
                better,
                target: t.value,
                target_to_date: to_date,
                actual,
                gap: actual.map(|a| a - to_date),
                status: actual.map(|a| status(a, to_date, better, plan.at_risk_margin_percent)),
                weeks: trend,
            })
        })
        .collect();
    let actions = cycle
        .actions
        .iter()
        .filter_map(|id| {
            let action = plan.action(*id)?;
            let (kpi, start) = (action.kpi?, action.start?);
            let end = action.end.map_or(last, |e| e.min(last));
            if end < start {
                return None;
            }
            let goal = Goal::Kpi(kpi);
            let length = day_count(start, end);
            let before_end = start.pred_opt()?;
            let before_start = before_end.checked_sub_signed(chrono::Duration::days(length - 1))?;
            Some(ActionCheck {
                action: *id,
                kpi,
                before: value(plan, goal, before_start, before_end),
                after: value(plan, goal, start, end),
            })
        })
        .collect();
    Check {
        days_so_far,
        days,
        targets,
        actions,
    }
}
