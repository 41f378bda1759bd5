//! Plan-Do-Check-Act improvement cycles: a flow is never finished, so the
//! team runs one cycle a month (or over a span it picks). Plan: the cycle's
//! targets, its focus stage and hypotheses. Do: the actions. Check: what
//! the counts say (computed in [`check`], never typed) and the team's
//! findings. Act: decisions, some carried into the next cycle. A closed
//! cycle is history and is not changed.

pub mod check;
pub mod review;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::actions::{clean_action_text, ActionId};
pub use super::ids::CycleId;
use super::ids::{KpiId, StageId};
use super::kpi::mean_target;
use super::number::MAX_ENTRY;
use super::order;
use super::period::{iso_day, Granularity, Period, PeriodRange};
use super::plan::{valid_entry_date, valid_target, Better, EditError, Plan, MAX_KPIS, MAX_STAGES};

pub const MAX_CYCLES: usize = 120;
/// A cycle spans at most a year.
pub const MAX_CYCLE_DAYS: i64 = 366;
/// Hypotheses and decisions per cycle.
pub const MAX_ITEMS: usize = 20;
pub const MAX_TEXT_CHARS: usize = 2000;

/// What a cycle targets: a KPI, or a stage's count (a volume, held to its
/// share of the cycle's days so far).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
// Named apart from planning's goal of a month.
#[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(rename = "CycleGoal"))]
pub enum Goal {
    Kpi(KpiId),
    Count(StageId),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Target {
    pub goal: Goal,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(min = 0, max = MAX_ENTRY)))]
    pub value: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Decision {
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = super::actions::MAX_ACTION_CHARS))
    )]
    pub text: String,
    /// Copied into the next cycle's plan when it starts.
    #[serde(default)]
    pub carry: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Cycle {
    pub id: CycleId,
    /// The first and last day (both count).
    #[serde(deserialize_with = "iso_day::deserialize")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(pattern(crate::domain::format::schema::DAY))
    )]
    pub start: NaiveDate,
    #[serde(deserialize_with = "iso_day::deserialize")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(pattern(crate::domain::format::schema::DAY))
    )]
    pub end: NaiveDate,
    // Plan
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(max = MAX_KPIS + MAX_STAGES))
    )]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    // Left out when absent, never written as null.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(required))]
    pub focus: Option<StageId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(max = MAX_ITEMS), inner(length(min = 1, max = super::actions::MAX_ACTION_CHARS)))
    )]
    pub hypotheses: Vec<String>,
    // Do: the plan's actions worked on in this cycle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionId>,
    // Check: the team's words beside the computed figures.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = MAX_TEXT_CHARS)))]
    pub findings: String,
    // Act
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = MAX_ITEMS)))]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub closed: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// The last day of the month `day` is in.
fn month_end(day: NaiveDate) -> NaiveDate {
    Period::containing(Granularity::Month, day).last_day()
}

/// How many days a span has, both ends counted.
pub(crate) fn day_count(start: NaiveDate, end: NaiveDate) -> i64 {
    (end - start).num_days() + 1
}

/// What the plan's monthly targets ask of the days from `start` to `end`:
/// a KPI's mean over the months it spans, a stage's count by its share of
/// each month's days.
pub fn planned_targets(plan: &Plan, start: NaiveDate, end: NaiveDate) -> Vec<Target> {
    let months = PeriodRange::covering(Granularity::Month, start, end);
    let kpis = plan.kpis.iter().filter_map(|kpi| {
        let value = mean_target(&kpi.targets, months)?;
        Some(Target {
            goal: Goal::Kpi(kpi.id),
            value,
        })
    });
    let counts = plan.stages.iter().filter_map(|stage| {
        let mut total = 0.0;
        for month in months.periods() {
            let target = *stage.count_targets.get(&month.month())?;
            let days = overlap_days(month.start(), month.last_day(), start, end);
            total +=
                target as f64 * days as f64 / day_count(month.start(), month.last_day()) as f64;
        }
        Some(Target {
            goal: Goal::Count(stage.id),
            value: total,
        })
    });
    kpis.chain(counts).collect()
}

/// How many days two spans (both ends counted) share.
pub(crate) fn overlap_days(a: NaiveDate, b: NaiveDate, c: NaiveDate, d: NaiveDate) -> i64 {
    ((b.min(d) - a.max(c)).num_days() + 1).max(0)
}

impl Plan {
    pub fn cycle(&self, id: CycleId) -> Option<&Cycle> {
        self.cycles.iter().find(|c| c.id == id)
    }

    /// The cycle that holds `day`, if any.
    pub fn cycle_on(&self, day: NaiveDate) -> Option<&Cycle> {
        self.cycles.iter().find(|c| c.start <= day && day <= c.end)
    }

    /// A cycle over the month `day` is in, its targets taken from the
    /// plan's for that month.
    pub fn new_cycle(&self, id: CycleId, day: NaiveDate) -> Cycle {
        let month = Period::containing(Granularity::Month, day);
        let (start, end) = (month.start(), month.last_day());
        Cycle {
            id,
            start,
            end,
            targets: planned_targets(self, start, end),
            focus: None,
            hypotheses: Vec::new(),
            actions: Vec::new(),
            findings: String::new(),
            decisions: Vec::new(),
            closed: false,
        }
    }

    /// The cycle after `cycle`: as long (a calendar month after a month),
    /// its plan holding the decisions carried over, and its targets
    /// proposed from this cycle's results as of `today` (see
    /// [`proposed_target`]).
    pub fn next_cycle(&self, cycle: &Cycle, id: CycleId, today: NaiveDate) -> Option<Cycle> {
        let start = cycle.end.succ_opt()?;
        // Whole months are followed by as many whole months.
        let whole_months = cycle.start.day() == 1 && cycle.end == month_end(cycle.end);
        let end = if whole_months {
            let months = PeriodRange::covering(Granularity::Month, cycle.start, cycle.end);
            Period::containing(Granularity::Month, start)
                .offset(months.period_count() as i64 - 1)
                .last_day()
        } else {
            start.checked_add_signed(cycle.end - cycle.start)?
        };
        let results = check::check(self, cycle, today);
        // A volume is for the cycle's days: a longer month asks more.
        let days = day_count(start, end) as f64 / day_count(cycle.start, cycle.end) as f64;
        let targets = results
            .targets
            .iter()
            .map(|t| {
                let proposed = proposed_target(t.target, t.actual, t.better, t.target_to_date);
                let value = match t.goal {
                    Goal::Count(_) => proposed * days,
                    Goal::Kpi(_) => proposed,
                };
                Target {
                    goal: t.goal,
                    value: value.min(MAX_ENTRY as f64),
                }
            })
            .collect();
        let hypotheses = cycle
            .decisions
            .iter()
            .filter(|d| d.carry)
            .map(|d| d.text.clone())
            .collect();
        Some(Cycle {
            id,
            start,
            end,
            targets,
            focus: cycle.focus,
            hypotheses,
            actions: Vec::new(),
            findings: String::new(),
            decisions: Vec::new(),
            closed: false,
        })
    }

    /// Checks a cycle as a file or an edit brings it, and tidies its texts.
    pub(crate) fn checked(&self, cycle: Cycle) -> Result<Cycle, EditError> {
        if !valid_entry_date(cycle.start) || !valid_entry_date(cycle.end) {
            return Err(EditError::DateOutOfRange);
        }
        if cycle.end < cycle.start {
            return Err(EditError::EndsBeforeStart);
        }
        if day_count(cycle.start, cycle.end) > MAX_CYCLE_DAYS {
            return Err(EditError::CycleTooLong);
        }
        let mut goals: Vec<Goal> = cycle.targets.iter().map(|t| t.goal).collect();
        order::sort(&mut goals);
        goals.dedup();
        let mut actions = cycle.actions.clone();
        order::sort(&mut actions);
        actions.dedup();
        if goals.len() != cycle.targets.len() || actions.len() != cycle.actions.len() {
            return Err(EditError::IdInUse);
        }
        if self
            .cycles
            .iter()
            .any(|c| c.id != cycle.id && overlap_days(c.start, c.end, cycle.start, cycle.end) > 0)
        {
            return Err(EditError::CyclesOverlap);
        }
        for target in &cycle.targets {
            match target.goal {
                Goal::Kpi(kpi) => self.kpi(kpi).map(|_| ()).ok_or(EditError::UnknownKpi)?,
                Goal::Count(stage) => self
                    .stage(stage)
                    .map(|_| ())
                    .ok_or(EditError::UnknownStage)?,
            }
            if !valid_target(target.value) {
                return Err(EditError::BadTarget);
            }
        }
        if cycle.focus.is_some_and(|s| self.stage(s).is_none()) {
            return Err(EditError::UnknownStage);
        }
        if cycle.actions.iter().any(|a| self.action(*a).is_none()) {
            return Err(EditError::UnknownAction);
        }
        if cycle.targets.len() > MAX_KPIS + MAX_STAGES
            || cycle.hypotheses.len() > MAX_ITEMS
            || cycle.decisions.len() > MAX_ITEMS
            || cycle.findings.chars().count() > MAX_TEXT_CHARS
        {
            return Err(EditError::TextTooLong);
        }
        // Hypotheses and decisions are lines like an action's text.
        let hypotheses = cycle
            .hypotheses
            .iter()
            .map(|h| clean_action_text(h))
            .collect::<Result<_, _>>()?;
        let decisions = cycle
            .decisions
            .iter()
            .map(|d| {
                Ok(Decision {
                    text: clean_action_text(&d.text)?,
                    carry: d.carry,
                })
            })
            .collect::<Result<_, EditError>>()?;
        Ok(Cycle {
            hypotheses,
            decisions,
            findings: cycle.findings.trim().to_owned(),
            ..cycle
        })
    }

    /// Adds an open cycle in start order (a restored one goes back where
    /// it was); a cycle is closed only by [`Plan::set_cycle_closed`].
    pub fn insert_cycle(&mut self, cycle: Cycle) -> Result<(), EditError> {
        if self.cycles.len() >= MAX_CYCLES {
            return Err(EditError::TooManyCycles);
        }
        if cycle.closed {
            return Err(EditError::CycleClosed);
        }
        self.check_fresh(cycle.id.0)?;
        let cycle = self.checked(cycle)?;
        let index = self.cycles.partition_point(|c| c.start < cycle.start);
        self.cycles.insert(index, cycle);
        Ok(())
    }

    /// Replaces an open cycle with the same id (its span may move, not over
    /// another); returns the one replaced. Closing is [`Plan::set_cycle_closed`].
    pub fn change_cycle(&mut self, cycle: Cycle) -> Result<Cycle, EditError> {
        let old = self.cycle(cycle.id).ok_or(EditError::UnknownCycle)?;
        if old.closed {
            return Err(EditError::CycleClosed);
        }
        let cycle = Cycle {
            closed: false,
            ..self.checked(cycle)?
        };
        let index = self
            .cycles
            .iter()
            .position(|c| c.id == cycle.id)
            .ok_or(EditError::UnknownCycle)?;
        let old = self.cycles.remove(index);
        let at = self.cycles.partition_point(|c| c.start < cycle.start);
        self.cycles.insert(at, cycle);
        Ok(old)
    }

    /// Takes out an open cycle; a closed one is history and stays.
    pub fn remove_cycle(&mut self, id: CycleId) -> Result<Cycle, EditError> {
        let index = self
            .cycles
            .iter()
            .position(|c| c.id == id)
            .ok_or(EditError::UnknownCycle)?;
        if self.cycles.get(index).is_some_and(|c| c.closed) {
            return Err(EditError::CycleClosed);
        }
        Ok(self.cycles.remove(index))
    }

    pub fn set_cycle_closed(&mut self, id: CycleId, closed: bool) -> Result<(), EditError> {
        self.cycles
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or(EditError::UnknownCycle)?
            .closed = closed;
        Ok(())
    }

    /// Refuses removing KPIs, stages or actions a cycle uses: the refusal
    /// names the cycles by their first day.
    pub(super) fn check_not_in_cycles(
        &self,
        kpis: &[KpiId],
        stages: &[StageId],
        actions: &[ActionId],
    ) -> Result<(), EditError> {
        let users: Vec<NaiveDate> = self
            .cycles
            .iter()
            .filter(|c| {
                c.targets.iter().any(|t| match t.goal {
                    Goal::Kpi(k) => kpis.contains(&k),
                    Goal::Count(s) => stages.contains(&s),
                }) || c.focus.is_some_and(|s| stages.contains(&s))
                    || c.actions.iter().any(|a| actions.contains(a))
            })
            .map(|c| c.start)
            .collect();
        if users.is_empty() {
            Ok(())
        } else {
            Err(EditError::UsedByCycle(users))
        }
    }
}

/// The next cycle's target for a goal, from this cycle's: a target that
/// was reached is raised to the level reached (the team holds what it
/// showed it can do); one that was missed is kept (the gap remains to
/// close). Volumes compare with their share to date.
pub fn proposed_target(target: f64, actual: Option<f64>, better: Better, to_date: f64) -> f64 {
    let Some(actual) = actual else {
        return target;
    };
    // The actual as a whole cycle's worth: a volume to date scaled up.
    let whole = if to_date > 0.0 {
        actual * target / to_date
    } else {
        actual
    };
    match better {
        Better::Higher if actual >= to_date => whole.max(target),
        Better::Lower if actual <= to_date => whole.min(target),
        _ => target,
    }
}

// Property and exact tests are native-only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
