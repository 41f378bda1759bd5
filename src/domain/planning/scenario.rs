//! Scenarios: what-ifs saved in the plan under a name, to compare with each
//! other and the month's actuals, and to promote to a month's targets.

use serde::{Deserialize, Serialize};

use super::{forward, Flow, MonthPlan, Rate, Step, StepRate, Tree};
use crate::domain::edit::Edit;
use crate::domain::ids::{MetricId, ScenarioId};
use crate::domain::kpi::{kpi_value, step_conversion};
use crate::domain::month::Month;
use crate::domain::number::MAX_ENTRY;
use crate::domain::period::{Granularity, Period, PeriodRange};
use crate::domain::plan::{clean_name, valid_target, EditError, Plan};

pub const MAX_SCENARIOS: usize = 20;

/// A volume a scenario sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Volume {
    pub metric: MetricId,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(max = MAX_ENTRY)))]
    pub volume: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Scenario {
    pub id: ScenarioId,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = crate::domain::plan::MAX_NAME_CHARS))
    )]
    pub name: String,
    /// The rate of every step, as the what-if had it.
    pub rates: Vec<StepRate>,
    /// The volumes the what-if set: its inputs and any it changed.
    pub volumes: Vec<Volume>,
}

impl Scenario {
    /// A what-if as a scenario: `rates` and `fixed` per node of `tree`.
    pub fn from_what_if(
        id: ScenarioId,
        name: String,
        tree: &Tree,
        rates: &[Option<Rate>],
        fixed: &[Option<u64>],
    ) -> Scenario {
        let rates = tree
            .nodes
            .iter()
            .zip(rates)
            .filter_map(|(node, rate)| {
                let (step, _) = node.feeds?;
                Some(StepRate {
                    step,
                    rate: rate.as_ref()?.fraction(),
                })
            })
            .collect();
        let volumes = tree
            .nodes
            .iter()
            .zip(fixed)
            .filter_map(|(node, volume)| {
                Some(Volume {
                    metric: node.metric,
                    volume: (*volume)?,
                })
            })
            .collect();
        Scenario {
            id,
            name,
            rates,
            volumes,
        }
    }

    fn rate_of(&self, step: Step) -> Option<Rate> {
        let typed = self.rates.iter().find(|r| r.step == step)?;
        Rate::from_fraction(typed.rate).ok()
    }

    /// The scenario run on the plan's tree as it is now: every node's rate
    /// and the volumes they give.
    pub fn run(&self, tree: &Tree) -> (Vec<Option<Rate>>, Flow) {
        let rates: Vec<Option<Rate>> = tree
            .nodes
            .iter()
            .map(|n| n.feeds.and_then(|(step, _)| self.rate_of(step)))
            .collect();
        let fixed: Vec<Option<u64>> = tree
            .nodes
            .iter()
            .map(|n| {
                self.volumes
                    .iter()
                    .find(|v| v.metric == n.metric)
                    .map(|v| v.volume)
            })
            .collect();
        let flow = forward(tree, &rates, &fixed);
        (rates, flow)
    }

    /// The edit that makes this scenario `month`'s targets: each stage's
    /// count, each stage's conversion and each KPI's rate it has. One
    /// change, undone as one.
    pub fn targets(&self, plan: &Plan, tree: &Tree, month: Month) -> Edit {
        let (rates, flow) = self.run(tree);
        let mut edits = Vec::new();
        for (index, node) in tree.nodes.iter().enumerate() {
            let is_count = plan
                .stage(node.stage)
                .is_some_and(|s| s.primary_metric == node.metric);
            if let (true, Some(volume)) = (is_count, flow.volumes[index]) {
                edits.push(Edit::SetCountTarget(node.stage, month, Some(volume)));
            }
            if let (Some((step, _)), Some(rate)) = (node.feeds, rates[index]) {
                let rate = Some(rate.fraction());
                edits.push(match step {
                    Step::Stage(stage) => Edit::SetStepTarget(stage, month, rate),
                    Step::Kpi(kpi) => Edit::SetKpiTarget(kpi, month, rate),
                });
            }
        }
        Edit::Batch(edits)
    }

    pub(super) fn check(&self) -> Result<(), EditError> {
        if clean_name(&self.name)? != self.name {
            return Err(EditError::InvalidPlan("an untrimmed scenario name".into()));
        }
        if self.rates.iter().any(|r| !valid_target(r.rate)) {
            return Err(EditError::BadTarget);
        }
        if self.volumes.iter().any(|v| v.volume > MAX_ENTRY) {
            return Err(EditError::ValueTooLarge);
        }
        Ok(())
    }
}

impl MonthPlan {
    /// Each node's actual rate in the month so far, for the comparison.
    pub fn actual_rates(&self, plan: &Plan) -> Vec<Option<f64>> {
        let range = PeriodRange::new(
            Period::containing(Granularity::Month, super::month_start(self.month)),
            1,
        );
        self.tree
            .nodes
            .iter()
            .map(|node| match node.feeds? {
                (Step::Stage(stage), _) => step_conversion(plan, plan.index_of(stage)?, range),
                (Step::Kpi(kpi), _) => kpi_value(plan, plan.kpi(kpi)?, range),
            })
            .collect()
    }
}

impl Plan {
    pub fn scenario(&self, id: ScenarioId) -> Option<&Scenario> {
        self.planning.scenarios.iter().find(|s| s.id == id)
    }

    /// Puts a scenario at `index` (past the end: last), with a fresh id.
    pub fn insert_scenario(
        &mut self,
        index: usize,
        mut scenario: Scenario,
    ) -> Result<(), EditError> {
        scenario.name = clean_name(&scenario.name)?;
        scenario.check()?;
        if self.planning.scenarios.len() >= MAX_SCENARIOS {
            return Err(EditError::TooManyScenarios);
        }
        self.check_fresh(scenario.id.0)?;
        let scenarios = &mut self.planning.scenarios;
        scenarios.insert(index.min(scenarios.len()), scenario);
        Ok(())
    }

    pub fn remove_scenario(&mut self, id: ScenarioId) -> Result<(usize, Scenario), EditError> {
        let scenarios = &mut self.planning.scenarios;
        let index = scenarios
            .iter()
            .position(|s| s.id == id)
            .ok_or(EditError::UnknownScenario)?;
        Ok((index, scenarios.remove(index)))
    }
}
