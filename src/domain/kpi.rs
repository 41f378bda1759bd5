//! Conversion math. A rate is a fraction (0.25 = 25 %); a zero denominator
//! gives `None`, which the UI shows as "—", so NaN and ∞ never appear.

use super::month::Month;
use super::plan::{Milestone, Plan, StageId};

/// `numerator / denominator`, or `None` when there is nothing to divide by.
pub fn ratio(numerator: u64, denominator: u64) -> Option<f64> {
    // Counts are at most 10^12, well inside f64's exact integer range.
    (denominator != 0).then(|| numerator as f64 / denominator as f64)
}

#[derive(Clone, Debug, PartialEq)]
pub struct StageConversion {
    pub stage: StageId,
    pub count: u64,
    /// From the previous stage; `None` for the first stage or a zero count before.
    pub step: Option<f64>,
    /// From the first stage of the funnel.
    pub cumulative: Option<f64>,
}

/// Step and cumulative conversion of every stage for one month.
pub fn funnel_conversions(plan: &Plan, month: Month) -> Vec<StageConversion> {
    let counts: Vec<u64> = plan.stages.iter().map(|s| s.count(month)).collect();
    let first = counts.first().copied().unwrap_or(0);
    plan.stages
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(i, (stage, &count))| StageConversion {
            stage: stage.id,
            count,
            step: i.checked_sub(1).and_then(|prev| ratio(count, counts[prev])),
            cumulative: ratio(count, first),
        })
        .collect()
}

/// A KPI all three departments share, measured between two milestones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SharedKpi {
    LeadToOpportunity,
    OpportunityToWon,
}

impl SharedKpi {
    pub const ALL: [SharedKpi; 2] = [SharedKpi::LeadToOpportunity, SharedKpi::OpportunityToWon];

    pub fn milestones(self) -> (Milestone, Milestone) {
        match self {
            SharedKpi::LeadToOpportunity => (Milestone::Lead, Milestone::Opportunity),
            SharedKpi::OpportunityToWon => (Milestone::Opportunity, Milestone::Won),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SharedKpiValue {
    /// The rate, or `None` when the "from" stage has no count.
    Rate(Option<f64>),
    /// No stage carries this milestone, so the KPI cannot be measured.
    MissingMilestone(Milestone),
}

pub fn shared_kpi(plan: &Plan, month: Month, kpi: SharedKpi) -> SharedKpiValue {
    let (from, to) = kpi.milestones();
    match (plan.stage_with(from), plan.stage_with(to)) {
        (Some(from), Some(to)) => SharedKpiValue::Rate(ratio(to.count(month), from.count(month))),
        (None, _) => SharedKpiValue::MissingMilestone(from),
        (_, None) => SharedKpiValue::MissingMilestone(to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::presets::{inside_sales, PresetNames};

    fn month() -> Month {
        Month::new(2026, 11).unwrap()
    }

    fn plan_with(counts: &[u64]) -> Plan {
        let mut plan = inside_sales(&PresetNames::ENGLISH);
        let ids: Vec<_> = plan.stages.iter().map(|s| s.id).collect();
        for (id, count) in ids.into_iter().zip(counts) {
            plan.set_count(id, month(), *count).unwrap();
        }
        plan
    }

    /// Rounds a fraction to a percentage with one decimal, as the UI shows it.
    fn percent(rate: Option<f64>) -> Option<String> {
        rate.map(|r| format!("{:.1}", r * 100.0))
    }

    #[test]
    fn seed_example_conversions() {
        let plan = plan_with(&[1000, 250, 40, 30, 12]);
        let rows = funnel_conversions(&plan, month());
        let steps: Vec<_> = rows.iter().map(|r| percent(r.step)).collect();
        let cumulative: Vec<_> = rows.iter().map(|r| percent(r.cumulative)).collect();
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(steps, [None, s("25.0"), s("16.0"), s("75.0"), s("40.0")]);
        assert_eq!(
            cumulative,
            [s("100.0"), s("25.0"), s("4.0"), s("3.0"), s("1.2")]
        );
        assert_eq!(rows[2].step, Some(0.16));
        assert_eq!(rows[4].cumulative, Some(0.012));
        assert_eq!(
            rows.iter().map(|r| r.count).collect::<Vec<_>>(),
            [1000, 250, 40, 30, 12]
        );
    }

    #[test]
    fn seed_example_shared_kpis() {
        let plan = plan_with(&[1000, 250, 40, 30, 12]);
        assert_eq!(
            shared_kpi(&plan, month(), SharedKpi::LeadToOpportunity),
            SharedKpiValue::Rate(Some(0.04))
        );
        assert_eq!(
            shared_kpi(&plan, month(), SharedKpi::OpportunityToWon),
            SharedKpiValue::Rate(Some(0.3))
        );
    }

    #[test]
    fn zero_denominators_have_no_value() {
        let plan = plan_with(&[0, 0, 5, 0, 3]);
        let rows = funnel_conversions(&plan, month());
        assert!(rows.iter().all(|r| r.cumulative.is_none()));
        assert_eq!(rows[2].step, None, "5 from 0 has no rate");
        assert_eq!(rows[3].step, Some(0.0));
        assert_eq!(rows[4].step, None);
        assert_eq!(
            shared_kpi(&plan, month(), SharedKpi::LeadToOpportunity),
            SharedKpiValue::Rate(None)
        );
    }

    #[test]
    fn empty_month_has_no_rates() {
        let plan = plan_with(&[]);
        let rows = funnel_conversions(&plan, Month::new(2020, 1).unwrap());
        assert!(rows
            .iter()
            .all(|r| r.count == 0 && r.step.is_none() && r.cumulative.is_none()));
    }

    #[test]
    fn rates_above_one_are_reported_as_they_are() {
        let plan = plan_with(&[10, 20]);
        assert_eq!(funnel_conversions(&plan, month())[1].step, Some(2.0));
    }

    #[test]
    fn shared_kpis_follow_milestones_not_positions() {
        let mut plan = plan_with(&[1000, 250, 40, 30, 12]);
        let nurturing = plan.stages[1].id;
        plan.set_milestone(nurturing, Some(Milestone::Opportunity))
            .unwrap();
        assert_eq!(
            shared_kpi(&plan, month(), SharedKpi::LeadToOpportunity),
            SharedKpiValue::Rate(Some(0.25))
        );
        plan.set_milestone(nurturing, None).unwrap();
        assert_eq!(
            shared_kpi(&plan, month(), SharedKpi::OpportunityToWon),
            SharedKpiValue::MissingMilestone(Milestone::Opportunity)
        );
    }

    #[test]
    fn ratio_handles_the_largest_counts() {
        let max = crate::domain::number::MAX_COUNT;
        assert_eq!(ratio(max, max), Some(1.0));
        assert!(ratio(max, 1).is_some_and(f64::is_finite));
        assert_eq!(ratio(1, 0), None);
    }
}
