//! The flow as the seed draws it (スイムレーン): a lane per department,
//! each stage in its owner's lane in funnel order, and between
//! consecutive stages a step with its conversion; where the owner changes
//! the step is a hand-off, judged by the agreement between the two
//! departments over the range in view.

use chrono::NaiveDate;

use super::departments::DepartmentId;
use super::kpi::funnel_conversions;
use super::period::PeriodRange;
use super::plan::Plan;
use super::sla::tally;

#[derive(Clone, Debug, PartialEq)]
pub struct Swimlane {
    /// The departments that own a stage, in the plan's order: top to bottom.
    pub lanes: Vec<DepartmentId>,
    /// Every stage of the plan, in funnel order.
    pub stages: Vec<PlacedStage>,
    /// `steps[i]` leads from stage `i` into stage `i + 1`.
    pub steps: Vec<Step>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlacedStage {
    /// Index into `lanes`.
    pub lane: usize,
    /// Its count over the range.
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Conversion into the next stage, its lag applied; `None` when the
    /// stage before counted nothing.
    pub conversion: Option<f64>,
    /// Set where the next stage belongs to another department.
    pub hand_off: Option<HandOff>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HandOff {
    pub from: DepartmentId,
    pub to: DepartmentId,
    pub status: HandOffStatus,
}

/// How an agreement's promises fared over the periods of the range: one
/// judgement per promise per period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandOffStatus {
    /// No agreement covers this hand-off.
    NoAgreement,
    /// An agreement of criteria only: no numbers to judge.
    NoPromises,
    /// Nothing counted yet for its promises.
    NoData,
    /// Every judged promise was kept.
    Met { judged: usize },
    /// `broken` of the `judged` promise-periods were not kept.
    Breached { broken: usize, judged: usize },
}

impl Swimlane {
    pub fn of(plan: &Plan, range: PeriodRange, today: NaiveDate) -> Swimlane {
        let lanes: Vec<DepartmentId> = plan
            .departments
            .iter()
            .map(|d| d.id)
            .filter(|id| plan.stages.iter().any(|s| s.owner == *id))
            .collect();
        let lane_of = |owner| lanes.iter().position(|l| *l == owner).unwrap_or(0);
        let conversions = funnel_conversions(plan, range);
        let stages = plan
            .stages
            .iter()
            .zip(&conversions)
            .map(|(s, c)| PlacedStage {
                // Files and edits refuse an owner that is not a department.
                lane: lane_of(s.owner),
                count: c.count,
            })
            .collect();
        let steps = plan
            .stages
            .windows(2)
            .zip(conversions.iter().skip(1))
            .map(|(pair, into)| Step {
                conversion: into.step,
                hand_off: (pair[0].owner != pair[1].owner)
                    .then(|| hand_off(plan, pair[0].owner, pair[1].owner, range, today)),
            })
            .collect();
        Swimlane {
            lanes,
            stages,
            steps,
        }
    }
}

fn hand_off(
    plan: &Plan,
    from: DepartmentId,
    to: DepartmentId,
    range: PeriodRange,
    today: NaiveDate,
) -> HandOff {
    let card = plan.sla_cards.iter().find(|c| c.from == from && c.to == to);
    let status = match card {
        None => HandOffStatus::NoAgreement,
        Some(card) if card.thresholds.is_empty() => HandOffStatus::NoPromises,
        Some(card) => {
            let judged = tally(plan, &card.thresholds, range, today);
            match (judged.judged(), judged.broken) {
                (0, _) => HandOffStatus::NoData,
                (judged, 0) => HandOffStatus::Met { judged },
                (judged, broken) => HandOffStatus::Breached { broken, judged },
            }
        }
    };
    HandOff { from, to, status }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::presets::inside_sales;
    use crate::domain::sla::{new_card, Comparison, Measure, SlaId, Threshold, ThresholdId};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn month(m: u32) -> Period {
        Period::containing(Granularity::Month, day(m, 1))
    }

    /// The seed's flow with a month of counts for each stage.
    fn counted(counts: [u64; 5], period: Period) -> Plan {
        let mut plan = inside_sales(Lang::En);
        for (stage, count) in plan.stages.clone().iter().zip(counts) {
            plan.set_entry(stage.primary_metric, period, Some(count))
                .unwrap();
        }
        plan
    }

    fn names(plan: &Plan, ids: &[DepartmentId]) -> Vec<String> {
        ids.iter()
            .map(|id| plan.department(*id).unwrap().name.clone())
            .collect()
    }

    #[test]
    fn lanes_follow_the_departments_that_own_stages_and_steps_carry_conversions() {
        let plan = counted([1000, 250, 40, 30, 12], month(10));
        let swimlane = Swimlane::of(&plan, PeriodRange::new(month(10), 1), day(11, 20));
        assert_eq!(
            names(&plan, &swimlane.lanes),
            ["Marketing", "Inside sales", "Field sales"]
        );
        let placed: Vec<(usize, u64)> = swimlane.stages.iter().map(|s| (s.lane, s.count)).collect();
        assert_eq!(placed, [(0, 1000), (1, 250), (1, 40), (2, 30), (2, 12)]);
        let conversions: Vec<Option<f64>> = swimlane.steps.iter().map(|s| s.conversion).collect();
        assert_eq!(conversions, [Some(0.25), Some(0.16), Some(0.75), Some(0.4)]);
        let crossing: Vec<bool> = swimlane
            .steps
            .iter()
            .map(|s| s.hand_off.is_some())
            .collect();
        assert_eq!(crossing, [true, false, true, false]);
    }

    #[test]
    fn a_hand_off_is_met_breached_or_without_data_by_its_promises() {
        // Marketing promises inside sales at least 300 leads a month.
        let mut plan = inside_sales(Lang::En);
        let (marketing, inside) = (plan.stages[0].owner, plan.stages[1].owner);
        let leads = plan.stages[0].primary_metric;
        let mut card = new_card(&plan, SlaId(900), (marketing, inside), Lang::En);
        card.thresholds.push(Threshold {
            id: ThresholdId(901),
            kept_by: marketing,
            measure: Measure::Metric(leads),
            comparison: Comparison::AtLeast,
            value: 300.0,
        });
        plan.insert_sla_card(0, card).unwrap();
        let range = PeriodRange::new(month(9), 2);
        let status = |plan: &Plan| {
            Swimlane::of(plan, range, day(11, 20)).steps[0]
                .hand_off
                .clone()
                .unwrap()
        };

        let empty = status(&plan);
        assert_eq!((empty.from, empty.to), (marketing, inside));
        assert_eq!(empty.status, HandOffStatus::NoData);

        plan.set_entry(leads, month(9), Some(300)).unwrap();
        assert_eq!(status(&plan).status, HandOffStatus::Met { judged: 1 });
        plan.set_entry(leads, month(10), Some(299)).unwrap();
        assert_eq!(
            status(&plan).status,
            HandOffStatus::Breached {
                broken: 1,
                judged: 2
            }
        );

        // An agreement the other way round covers no hand-off of this flow.
        plan.sla_cards[0].from = inside;
        plan.sla_cards[0].to = marketing;
        assert_eq!(status(&plan).status, HandOffStatus::NoAgreement);
    }

    #[test]
    fn an_agreement_of_criteria_only_has_no_promises_to_judge() {
        let mut plan = inside_sales(Lang::En);
        let pair = (plan.stages[0].owner, plan.stages[1].owner);
        let card = new_card(&plan, SlaId(900), pair, Lang::En);
        plan.insert_sla_card(0, card).unwrap();
        let swimlane = Swimlane::of(&plan, PeriodRange::new(month(10), 1), day(11, 20));
        let hand_off = swimlane.steps[0].hand_off.clone().unwrap();
        assert_eq!(hand_off.status, HandOffStatus::NoPromises);
    }

    #[test]
    fn one_department_has_one_lane_and_no_hand_offs() {
        let mut plan = inside_sales(Lang::En);
        let owner = plan.stages[0].owner;
        for stage in &mut plan.stages {
            stage.owner = owner;
        }
        let swimlane = Swimlane::of(&plan, PeriodRange::new(month(10), 1), day(11, 20));
        assert_eq!(swimlane.lanes, [owner]);
        assert!(swimlane.steps.iter().all(|s| s.hand_off.is_none()));
        assert!(swimlane.steps.iter().all(|s| s.conversion.is_none()));
    }
}
