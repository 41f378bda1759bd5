//! The flow as the seed draws it (スイムレーン): a lane per department,
//! each stage in its owner's lane in funnel order, and between
//! consecutive stages a step with its conversion; where the owner changes
//! the step is a hand-off, judged by the agreement between the two
//! departments over the range in view.

use chrono::NaiveDate;

use super::departments::DepartmentId;
use super::kpi::funnel_conversions;
use super::period::PeriodRange;
use super::plan::{Plan, StageId};
use super::sla::{evaluate, SlaId, Verdict};

#[derive(Clone, Debug, PartialEq)]
pub struct Swimlane {
    /// The departments that own a stage, in the plan's order: top to bottom.
    pub lanes: Vec<DepartmentId>,
    /// Every stage in funnel order.
    pub stages: Vec<PlacedStage>,
    /// `steps[i]` leads from stage `i` into stage `i + 1`.
    pub steps: Vec<Step>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlacedStage {
    pub id: StageId,
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
    /// The agreement between the two, if they made one.
    pub agreement: Option<SlaId>,
    pub status: HandOffStatus,
}

/// How an agreement's promises fared over the periods of the range: one
/// judgement per promise per period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandOffStatus {
    /// No agreement covers this hand-off.
    NoAgreement,
    /// Nothing to judge: no promises, or nothing counted for them.
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
                id: s.id,
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
        Some(card) => {
            let (mut judged, mut broken) = (0, 0);
            for threshold in &card.thresholds {
                for period in range.periods() {
                    match evaluate(plan, threshold, period, today) {
                        Verdict::NoData => {}
                        Verdict::Met { .. } => judged += 1,
                        Verdict::Breached { .. } => {
                            judged += 1;
                            broken += 1;
                        }
                    }
                }
            }
            match (judged, broken) {
                (0, _) => HandOffStatus::NoData,
                (judged, 0) => HandOffStatus::Met { judged },
                (judged, broken) => HandOffStatus::Breached { broken, judged },
            }
        }
    };
    HandOff {
        from,
        to,
        agreement: card.map(|c| c.id),
        status,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::presets::inside_sales;
    use crate::domain::sla::{new_card, Comparison, Measure, Threshold, ThresholdId};

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
        let lane = Swimlane::of(&plan, PeriodRange::new(month(10), 1), day(11, 20));
        assert_eq!(
            names(&plan, &lane.lanes),
            ["Marketing", "Inside sales", "Field sales"]
        );
        let placed: Vec<(usize, u64)> = lane.stages.iter().map(|s| (s.lane, s.count)).collect();
        assert_eq!(placed, [(0, 1000), (1, 250), (1, 40), (2, 30), (2, 12)]);
        let conversions: Vec<Option<f64>> = lane.steps.iter().map(|s| s.conversion).collect();
        assert_eq!(conversions, [Some(0.25), Some(0.16), Some(0.75), Some(0.4)]);
        let crossing: Vec<bool> = lane.steps.iter().map(|s| s.hand_off.is_some()).collect();
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
        assert_eq!(empty.agreement, Some(SlaId(900)));
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
        let none = status(&plan);
        assert_eq!(
            (none.agreement, none.status),
            (None, HandOffStatus::NoAgreement)
        );
    }

    #[test]
    fn one_department_has_one_lane_and_no_hand_offs() {
        let mut plan = inside_sales(Lang::En);
        let owner = plan.stages[0].owner;
        for stage in &mut plan.stages {
            stage.owner = owner;
        }
        let lane = Swimlane::of(&plan, PeriodRange::new(month(10), 1), day(11, 20));
        assert_eq!(lane.lanes, [owner]);
        assert!(lane.steps.iter().all(|s| s.hand_off.is_none()));
        assert!(lane.steps.iter().all(|s| s.conversion.is_none()));
    }
}
