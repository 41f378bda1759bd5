//! Where the funnel stalls. Each step is read over the range in view, the
//! first stage by its count and every later one by its conversion from the
//! stage before, and measured against a reference: its target where one
//! is set, otherwise its own level over the periods just before the range,
//! otherwise the low end of a reference range for its kind of step.
//! The step furthest below its reference (relative gap) is the bottleneck,
//! and the seed's hypotheses for that kind of step come with it.

use serde::{Deserialize, Serialize};

use super::ids::StageId;
use super::kpi::{count_target_reading, mean_target, parse_target, step_conversion};
use super::money::Currency;
use super::number::CountError;
use super::order;
use super::period::{Granularity, PeriodRange};
use super::plan::{KpiDisplay, Plan};

/// What a stage is in the funnel, which decides the hypotheses offered
/// when it is the bottleneck. Set by the presets and editable, so a
/// renamed stage keeps its hypotheses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// Leads come in: channels and ad investment.
    Leads,
    /// Leads are reached: call timing and list quality.
    Contact,
    /// Opportunities are created: quantity, quality of talk, targeting.
    Opportunity,
    /// Proposals and wins: hand-off information and proposal fit.
    Closing,
    #[default]
    Other,
}

impl StageKind {
    pub const ALL: [StageKind; 5] = [
        StageKind::Leads,
        StageKind::Contact,
        StageKind::Opportunity,
        StageKind::Closing,
        StageKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            StageKind::Leads => "leads",
            StageKind::Contact => "contact",
            StageKind::Opportunity => "opportunity",
            StageKind::Closing => "closing",
            StageKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<StageKind> {
        StageKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// Typical B2B conversions into a stage of each kind, as published
/// benchmarks put them (see the README for the sources): lead → MQL
/// 15–30 %, MQL → SQL 20–40 %, opportunity → won 20–30 %. Lead generation
/// is a count, and "other" has no benchmark.
pub fn default_reference_range(kind: StageKind) -> Option<(f64, f64)> {
    match kind {
        StageKind::Contact => Some((0.15, 0.30)),
        StageKind::Opportunity => Some((0.20, 0.40)),
        StageKind::Closing => Some((0.20, 0.30)),
        StageKind::Leads | StageKind::Other => None,
    }
}

/// Whether a reference range can be stored: two rates, low to high.
pub fn valid_reference_range((low, high): (f64, f64)) -> bool {
    (0.0..=1.0).contains(&low) && (low..=1.0).contains(&high)
}

/// Reads a range typed as two percentages: "15–30", "15-30%", "15〜30".
/// Empty text is no range of the team's own (the default applies).
pub fn parse_reference_range(text: &str) -> Result<Option<(f64, f64)>, CountError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (low, high) = text
        .split_once(['–', '-', '〜', '~', '～'])
        .ok_or(CountError::NotANumber)?;
    let rate = |side: &str| {
        parse_target(side, KpiDisplay::Percent, Currency::Usd)?.ok_or(CountError::NotANumber)
    };
    Ok(Some((rate(low)?, rate(high)?)))
}

/// Periods before the range whose level a step without a target is held to.
pub const BASELINE_PERIODS: usize = 3;

/// What a step was measured against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reference {
    /// The target set for the range (the mean of its months' targets).
    Target(f64),
    /// The step's own level over the `periods` periods before the range:
    /// for a count, its mean per period; for a conversion, its ratio.
    Previous {
        level: f64,
        periods: usize,
        granularity: Granularity,
    },
    /// A reference range for the kind of step (the team's, or the B2B
    /// default); a step is short when below its low end.
    Range { low: f64, high: f64 },
}

impl Reference {
    pub fn value(self) -> f64 {
        match self {
            Reference::Target(value)
            | Reference::Previous { level: value, .. }
            | Reference::Range { low: value, .. } => value,
        }
    }
}

/// One step of the funnel against its reference.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepReading {
    /// The stage the step leads into (the first stage: its count).
    pub stage: StageId,
    /// A count per period for the first stage; a conversion otherwise.
    pub actual: f64,
    pub reference: Reference,
    /// `(actual − reference) ÷ reference`: −0.25 is a quarter short.
    pub relative_gap: f64,
}

impl StepReading {
    pub fn is_count(self, plan: &Plan) -> bool {
        plan.stages.first().is_some_and(|s| s.id == self.stage)
    }
}

/// The steps that could be measured, worst first. The bottleneck is the
/// first one when it is below its reference.
pub fn rank_steps(plan: &Plan, range: PeriodRange) -> Vec<StepReading> {
    let mut readings: Vec<StepReading> = (0..plan.stages.len())
        .filter_map(|index| read_step(plan, index, range))
        .collect();
    order::sort_by(&mut readings, |a, b| {
        a.relative_gap.total_cmp(&b.relative_gap)
    });
    readings
}

pub fn bottleneck(plan: &Plan, range: PeriodRange) -> Option<StepReading> {
    rank_steps(plan, range)
        .into_iter()
        .next()
        .filter(|r| r.relative_gap < 0.0)
}

/// The periods just before the range, at its granularity.
fn baseline(range: PeriodRange) -> PeriodRange {
    PeriodRange::ending_at(range.first().previous(), BASELINE_PERIODS)
}

fn read_step(plan: &Plan, index: usize, range: PeriodRange) -> Option<StepReading> {
    let stage = plan.stages.get(index)?;
    let (actual, reference) = if index == 0 {
        let periods = range.period_count().max(1) as f64;
        let counted = plan.entries.entered_total(stage.primary_metric, range)?;
        let per_period = counted as f64 / periods;
        // A count target is per month: only whole months compare to it.
        let reference = match count_target_reading(plan, stage, range) {
            Some(reading) => Reference::Target(reading.target as f64 / periods),
            None => {
                let before = baseline(range);
                let counted = plan.entries.entered_total(stage.primary_metric, before)?;
                Reference::Previous {
                    level: counted as f64 / before.period_count().max(1) as f64,
                    periods: before.period_count(),
                    granularity: range.granularity(),
                }
            }
        };
        (per_period, reference)
    } else {
        let actual = step_conversion(plan, index, range)?;
        let before = baseline(range);
        let reference = if let Some(target) = mean_target(&stage.step_targets, range) {
            Reference::Target(target)
        } else if let Some(level) = step_conversion(plan, index, before) {
            Reference::Previous {
                level,
                periods: before.period_count(),
                granularity: range.granularity(),
            }
        } else {
            let (low, high) = stage
                .reference_range
                .or_else(|| default_reference_range(stage.kind))?;
            Reference::Range { low, high }
        };
        (actual, reference)
    };
    let value = reference.value();
    (value > 0.0).then(|| StepReading {
        stage: stage.id,
        actual,
        reference,
        relative_gap: (actual - value) / value,
    })
}

#[cfg(test)]
mod tests;
