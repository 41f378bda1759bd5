//! Plan from the goal (逆算): a month's goal in won deals or revenue,
//! worked back through the conversion rates to the volume every stage and
//! activity must reach, the pace to month end by working days, and what-if
//! runs with the improvement that moves the goal most.
//!
//! Volumes are whole units and rates exact parts per million, so "the
//! fewest that work" is computed with integers, never with rounding error:
//! backwards each step rounds up, forwards each step rounds down.

mod backcalc;
mod holidays;
mod scenario;
mod whatif;

// Property tests are native-only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use backcalc::{back_calculate, tree, Blocked, Node, Requirement, Tree};
pub use holidays::{
    is_working_day, japanese_holidays, pace, previous_working_day, working_days, Pace,
};
pub use scenario::{Scenario, Volume, MAX_SCENARIOS};
pub use whatif::{forward, sensitivity, Flow, Improvement, Lever};

use super::departments::DepartmentId;
use super::edit::Edit;
use super::ids::{KpiId, MetricId, StageId};
use super::kpi::{kpi_value, step_conversion};
use super::month::Month;
use super::number::MAX_ENTRY;
use super::order;
use super::period::{iso_day, Granularity, Period, PeriodRange};
use super::plan::{valid_entry_date, valid_target, EditError, MetricKind, Plan};

/// Parts per million: a rate of 1,000,000 is 100 %.
const PPM: u64 = 1_000_000;
pub const MAX_HOLIDAYS: usize = 400;
pub const MAX_RATE_MONTHS: u32 = 24;

/// A conversion the back-calculation runs through: into a stage from the
/// one before it, or along a KPI from its denominator to its numerator
/// (calls → contacts through the contact rate).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Stage(StageId),
    Kpi(KpiId),
}

impl Step {
    pub fn kpi(self) -> Option<KpiId> {
        match self {
            Step::Kpi(kpi) => Some(kpi),
            Step::Stage(_) => None,
        }
    }
}

/// A conversion rate above 0 and at most 100 %, exact to a millionth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rate(u32);

/// Why a step has no rate to compute with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateProblem {
    /// No target for the month, no counts in the months read, or none typed.
    Missing,
    Zero,
    Over100,
}

impl Rate {
    pub fn from_fraction(fraction: f64) -> Result<Rate, RateProblem> {
        if !fraction.is_finite() || fraction < 0.0 {
            return Err(RateProblem::Missing);
        }
        let ppm = (fraction * PPM as f64).round();
        if ppm <= 0.0 {
            Err(RateProblem::Zero)
        } else if ppm > PPM as f64 {
            Err(RateProblem::Over100)
        } else {
            Ok(Rate(ppm as u32))
        }
    }

    pub fn fraction(self) -> f64 {
        f64::from(self.0) / PPM as f64
    }

    /// The rate `points` percentage points higher, at most 100 %.
    pub fn raised_by(self, points: u32) -> Rate {
        Rate(
            self.0
                .saturating_add(points.saturating_mul(10_000))
                .min(PPM as u32),
        )
    }
}

/// The fewest inputs that give at least `output` at `rate`: rounded up.
pub fn needed(output: u64, rate: Rate) -> u64 {
    let numerator = u128::from(output) * u128::from(PPM);
    let needed = numerator.div_ceil(u128::from(rate.0));
    u64::try_from(needed).unwrap_or(u64::MAX)
}

/// The whole outputs `input` gives at `rate`: rounded down.
pub fn yielded(input: u64, rate: Rate) -> u64 {
    let output = u128::from(input) * u128::from(rate.0) / u128::from(PPM);
    u64::try_from(output).unwrap_or(u64::MAX)
}

/// A month's goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
// Named apart from a cycle's goal.
#[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(rename = "MonthGoal"))]
pub enum Goal {
    Wins(#[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(max = MAX_ENTRY)))] u64),
    /// In the plan currency's minor units.
    Revenue(
        #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(max = MAX_ENTRY)))] u64,
    ),
}

/// How a revenue goal becomes won deals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DealSize {
    /// A money metric's total over won deals in the months before
    /// (without a metric: the last stage's first money metric).
    Average {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        // Left out when absent, never written as null.
        #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(required))]
        metric: Option<MetricId>,
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            schemars(range(min = 1, max = MAX_RATE_MONTHS))
        )]
        months: u32,
    },
    /// Typed, in minor units.
    Typed(
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            schemars(range(min = 1, max = MAX_ENTRY))
        )]
        u64,
    ),
}

impl DealSize {
    fn check(self) -> Result<(), EditError> {
        match self {
            DealSize::Average { months, .. } => check_months(months),
            DealSize::Typed(size) if size == 0 || size > MAX_ENTRY => Err(EditError::BadTarget),
            DealSize::Typed(_) => Ok(()),
        }
    }
}

impl Default for DealSize {
    fn default() -> Self {
        DealSize::Average {
            metric: None,
            months: 3,
        }
    }
}

/// Where the rates of the steps come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RateSource {
    /// The month's conversion and KPI targets.
    Targets,
    /// The rates counted over the full months before.
    Actual {
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            schemars(range(min = 1, max = MAX_RATE_MONTHS))
        )]
        months: u32,
    },
    /// The rates the team typed.
    Typed,
}

impl RateSource {
    fn check(self) -> Result<(), EditError> {
        match self {
            RateSource::Actual { months } => check_months(months),
            RateSource::Targets | RateSource::Typed => Ok(()),
        }
    }
}

impl Default for RateSource {
    fn default() -> Self {
        RateSource::Actual { months: 3 }
    }
}

/// A typed rate for a step, as a fraction (0.25 for 25 %).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct StepRate {
    pub step: Step,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(min = 0, max = MAX_ENTRY)))]
    pub rate: f64,
}

/// A day off, written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Holiday(
    #[serde(deserialize_with = "iso_day::deserialize")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(pattern(crate::domain::format::schema::DAY))
    )]
    pub NaiveDate,
);

/// What the plan keeps for planning from the goal.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Planning {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub goals: BTreeMap<Month, Goal>,
    #[serde(default)]
    pub rate_source: RateSource,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed_rates: Vec<StepRate>,
    #[serde(default)]
    pub deal_size: DealSize,
    /// Days besides weekends that are not working days, in order, once each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = MAX_HOLIDAYS)))]
    pub holidays: Vec<Holiday>,
    /// Saved what-ifs, in the order they were saved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = MAX_SCENARIOS)))]
    pub scenarios: Vec<Scenario>,
}

impl Planning {
    pub fn is_default(&self) -> bool {
        *self == Planning::default()
    }

    pub fn typed_rate(&self, step: Step) -> Option<f64> {
        self.typed_rates
            .iter()
            .find(|r| r.step == step)
            .map(|r| r.rate)
    }

    /// Checks the rules the editor keeps (for files read and written).
    pub fn check(&self) -> Result<(), EditError> {
        let goal_ok = |goal: &Goal| match *goal {
            Goal::Wins(n) | Goal::Revenue(n) => n <= MAX_ENTRY,
        };
        if !self.goals.values().all(goal_ok) {
            return Err(EditError::ValueTooLarge);
        }
        self.rate_source.check()?;
        self.deal_size.check()?;
        if self.typed_rates.iter().any(|r| !valid_target(r.rate)) {
            return Err(EditError::BadTarget);
        }
        if self.typed_rates.windows(2).any(|w| w[0].step >= w[1].step) {
            return Err(EditError::InvalidPlan(
                "typed rates are one per step, in step order".into(),
            ));
        }
        if self.scenarios.len() > MAX_SCENARIOS {
            return Err(EditError::TooManyScenarios);
        }
        for scenario in &self.scenarios {
            scenario.check()?;
        }
        check_holidays(&self.holidays)
    }
}

fn check_holidays(days: &[Holiday]) -> Result<(), EditError> {
    if days.len() > MAX_HOLIDAYS {
        return Err(EditError::TooManyHolidays);
    }
    if days.windows(2).any(|w| w[0] >= w[1]) {
        return Err(EditError::InvalidPlan(
            "holidays are in order, once each".into(),
        ));
    }
    // As every other day of a plan: years 1 to 9999.
    if days.iter().any(|d| !valid_entry_date(d.0)) {
        return Err(EditError::DateOutOfRange);
    }
    Ok(())
}

fn check_months(months: u32) -> Result<(), EditError> {
    if (1..=MAX_RATE_MONTHS).contains(&months) {
        Ok(())
    } else {
        Err(EditError::BadMonths)
    }
}

/// Why a month's goal gives no number of won deals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalProblem {
    NoGoal,
    Zero,
    /// A revenue goal without a deal size: no money metric, or no wins or
    /// revenue counted in the months read.
    NoDealSize,
    TooLarge,
}

/// The full months a rate or an average reads: the `months` before the
/// planned month, or before this month when planning ahead (the latest
/// complete data).
pub fn months_read(month: Month, today: NaiveDate, months: u32) -> PeriodRange {
    let this_month = Period::containing(Granularity::Month, today).month();
    let before = month.min(this_month).offset(-1);
    let last = Period::containing(Granularity::Month, month_start(before));
    PeriodRange::ending_at(last, months.max(1) as usize)
}

pub fn month_start(month: Month) -> NaiveDate {
    NaiveDate::from_ymd_opt(month.year(), month.month(), 1).unwrap_or_default()
}

impl Plan {
    /// The metric whose count is a won deal: the last stage's.
    pub fn wins_metric(&self) -> Option<MetricId> {
        self.stages.last().map(|s| s.primary_metric)
    }

    /// The money metric an average deal size reads.
    fn deal_metric(&self, chosen: Option<MetricId>) -> Option<MetricId> {
        let money = |id: MetricId| self.metric(id).is_some_and(|m| m.kind == MetricKind::Money);
        chosen.filter(|id| money(*id)).or_else(|| {
            let last = self.stages.last()?.id;
            self.metrics_of(last)
                .find(|m| m.kind == MetricKind::Money)
                .map(|m| m.id)
        })
    }

    /// The average deal size in minor units, as (revenue, wins) counted or
    /// (typed, 1), for the month planned.
    pub fn deal_size(&self, month: Month, today: NaiveDate) -> Option<(u64, u64)> {
        match self.planning.deal_size {
            DealSize::Typed(size) => Some((size, 1)),
            DealSize::Average { metric, months } => {
                let range = months_read(month, today, months);
                let revenue = self.entries.range_total(self.deal_metric(metric)?, range);
                let wins = self.entries.range_total(self.wins_metric()?, range);
                (revenue > 0 && wins > 0).then_some((revenue, wins))
            }
        }
    }

    /// The won deals a month's goal asks for (a revenue goal divided by the
    /// deal size, rounded up).
    pub fn goal_wins(&self, month: Month, today: NaiveDate) -> Result<u64, GoalProblem> {
        let wins = match self.planning.goals.get(&month) {
            None => return Err(GoalProblem::NoGoal),
            Some(Goal::Wins(wins)) => *wins,
            Some(Goal::Revenue(amount)) => {
                let (revenue, wins) = self
                    .deal_size(month, today)
                    .ok_or(GoalProblem::NoDealSize)?;
                let needed = (u128::from(*amount) * u128::from(wins)).div_ceil(u128::from(revenue));
                u64::try_from(needed).unwrap_or(u64::MAX)
            }
        };
        match wins {
            0 => Err(GoalProblem::Zero),
            w if w > MAX_ENTRY => Err(GoalProblem::TooLarge),
            w => Ok(w),
        }
    }

    /// A step's rate for the month from the plan's chosen source.
    pub fn step_rate(
        &self,
        step: Step,
        month: Month,
        today: NaiveDate,
    ) -> Result<Rate, RateProblem> {
        let fraction = match self.planning.rate_source {
            RateSource::Targets => match step {
                Step::Stage(id) => self
                    .stage(id)
                    .and_then(|s| s.step_targets.get(&month).copied()),
                Step::Kpi(id) => self.kpi(id).and_then(|k| k.targets.get(&month).copied()),
            },
            RateSource::Actual { months } => {
                let range = months_read(month, today, months);
                match step {
                    Step::Stage(id) => self
                        .index_of(id)
                        .and_then(|i| step_conversion(self, i, range)),
                    Step::Kpi(id) => self.kpi(id).and_then(|k| kpi_value(self, k, range)),
                }
            }
            RateSource::Typed => self.planning.typed_rate(step),
        };
        fraction.map_or(Err(RateProblem::Missing), Rate::from_fraction)
    }

    pub fn set_goal(&mut self, month: Month, goal: Option<Goal>) -> Result<(), EditError> {
        if let Some(Goal::Wins(n) | Goal::Revenue(n)) = goal {
            if n > MAX_ENTRY {
                return Err(EditError::ValueTooLarge);
            }
        }
        match goal {
            Some(goal) => self.planning.goals.insert(month, goal),
            None => self.planning.goals.remove(&month),
        };
        Ok(())
    }

    pub fn set_rate_source(&mut self, source: RateSource) -> Result<(), EditError> {
        source.check()?;
        self.planning.rate_source = source;
        Ok(())
    }

    pub fn set_deal_size(&mut self, size: DealSize) -> Result<(), EditError> {
        size.check()?;
        self.planning.deal_size = size;
        Ok(())
    }

    /// Sets (or with `None` clears) the rate typed for a step.
    pub fn set_typed_rate(&mut self, step: Step, rate: Option<f64>) -> Result<(), EditError> {
        if rate.is_some_and(|r| !valid_target(r)) {
            return Err(EditError::BadTarget);
        }
        // Kept in step order, so an undo puts the list back exactly.
        let rates = &mut self.planning.typed_rates;
        match (rates.binary_search_by(|r| r.step.cmp(&step)), rate) {
            (Ok(i), Some(rate)) => rates[i].rate = rate,
            (Ok(i), None) => {
                rates.remove(i);
            }
            (Err(i), Some(rate)) => rates.insert(i, StepRate { step, rate }),
            (Err(_), None) => {}
        }
        Ok(())
    }

    /// Sets the holidays; `days` in any order, repeats dropped.
    pub fn set_holidays(&mut self, mut days: Vec<Holiday>) -> Result<(), EditError> {
        order::sort(&mut days);
        days.dedup();
        check_holidays(&days)?;
        self.planning.holidays = days;
        Ok(())
    }
}

/// Everything the page shows for a month, computed once per change.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthPlan {
    pub month: Month,
    pub tree: Tree,
    pub goal: Result<u64, GoalProblem>,
    /// Per node of the tree, like every list below.
    pub requirements: Vec<Requirement>,
    /// Counted so far in the month.
    pub so_far: Vec<u64>,
    /// The pace towards each volume that could be computed.
    pub pace: Vec<Option<Pace>>,
    /// The nodes of each department, in the plan's order of departments
    /// and the funnel's order of stages (a stage's count before the
    /// activities counted in it).
    pub departments: Vec<(DepartmentId, Vec<usize>)>,
}

impl MonthPlan {
    pub fn of(plan: &Plan, month: Month, today: NaiveDate) -> MonthPlan {
        let tree = tree(plan);
        let goal = plan.goal_wins(month, today);
        let requirements = back_calculate(&tree, goal, |step| plan.step_rate(step, month, today));
        let range = PeriodRange::new(
            Period::containing(Granularity::Month, month_start(month)),
            1,
        );
        let so_far: Vec<u64> = tree
            .nodes
            .iter()
            .map(|n| plan.entries.range_total(n.metric, range))
            .collect();
        let holidays = &plan.planning.holidays;
        let pace = requirements
            .iter()
            .zip(&so_far)
            .map(|(r, so_far)| {
                r.volume
                    .ok()
                    .map(|required| pace(required, *so_far, month, today, holidays))
            })
            .collect();
        // Funnel order: each stage's count, then the activities counted in
        // it from the first done to the last (calls before contacts).
        let mut order: Vec<usize> = Vec::with_capacity(tree.nodes.len());
        for stage in &plan.stages {
            let counted_in = |i: &usize| tree.nodes[*i].stage == stage.id;
            let is_count = |i: &usize| tree.nodes[*i].metric == stage.primary_metric;
            let nodes = (0..tree.nodes.len()).filter(counted_in);
            order.extend(nodes.clone().filter(is_count));
            order.extend(nodes.rev().filter(|i| !is_count(i)));
        }
        let departments = plan
            .departments
            .iter()
            .map(|d| {
                let owned = order
                    .iter()
                    .copied()
                    .filter(|&i| {
                        plan.stage(tree.nodes[i].stage)
                            .is_some_and(|s| s.owner == d.id)
                    })
                    .collect::<Vec<_>>();
                (d.id, owned)
            })
            .filter(|(_, nodes)| !nodes.is_empty())
            .collect();
        MonthPlan {
            month,
            tree,
            goal,
            requirements,
            so_far,
            pace,
            departments,
        }
    }

    /// The rate of each node's step, where there is one to compute with.
    pub fn rates(&self) -> Vec<Option<Rate>> {
        self.requirements
            .iter()
            .map(|r| r.rate.and_then(Result::ok))
            .collect()
    }

    /// The edit that makes the needed stage counts the month's count
    /// targets: one change, undone as one.
    pub fn count_targets(&self, plan: &Plan) -> Edit {
        let edits = self
            .tree
            .nodes
            .iter()
            .zip(&self.requirements)
            .filter(|(node, _)| {
                plan.stage(node.stage)
                    .is_some_and(|s| s.primary_metric == node.metric)
            })
            .filter_map(|(node, r)| {
                let volume = r.volume.ok()?;
                Some(Edit::SetCountTarget(node.stage, self.month, Some(volume)))
            })
            .collect();
        Edit::Batch(edits)
    }
}
