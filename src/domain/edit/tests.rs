use chrono::NaiveDate;
use proptest::prelude::*;

use super::history::{History, HISTORY_LIMIT};
use super::rebase::{replay, Conflict};
use super::*;
use crate::domain::departments::{DepartmentId, Hue};
use crate::domain::ids::IdGen;
use crate::domain::locale::Lang;
use crate::domain::period::Granularity;
use crate::domain::plan::{Better, KpiDisplay, KpiScope};
use crate::domain::presets::inside_sales;
use crate::domain::sla::{Comparison, Measure, SlaCard, SlaId, Threshold, ThresholdId};

fn plan() -> Plan {
    inside_sales(Lang::En)
}

fn month() -> Month {
    Month::new(2026, 11).unwrap()
}

fn november() -> Period {
    Period::containing(
        Granularity::Month,
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    )
}

fn leads(plan: &Plan) -> MetricId {
    plan.stages[0].primary_metric
}

/// Applies, checks the inverse restores the plan exactly, and returns it.
fn round_trip(plan: &mut Plan, edit: Edit) -> Edit {
    let before = plan.clone();
    let inverse = apply(plan, edit.clone()).expect("edit applies");
    let after = plan.clone();
    let redo = apply(plan, inverse.clone()).expect("inverse applies");
    assert_eq!(*plan, before, "inverse of {edit:?}");
    apply(plan, redo).expect("redo applies");
    assert_eq!(*plan, after, "redo of {edit:?}");
    inverse
}

#[test]
fn every_kind_of_edit_has_an_exact_inverse() {
    let mut plan = plan();
    let stage = plan.stages[1].id;
    let metric = leads(&plan);
    let kpi = plan.kpis[0].id;
    let field_sales = plan.departments[2].id;
    let unused = DepartmentId(905);
    apply(
        &mut plan,
        Edit::AddDepartment {
            id: unused,
            name: "Partners".into(),
            hue: Hue::Sky,
        },
    )
    .unwrap();
    let agreement = SlaId(907);
    let promise = Threshold {
        id: ThresholdId(909),
        kept_by: field_sales,
        measure: Measure::Metric(leads(&plan)),
        comparison: Comparison::AtMost,
        value: 12.0,
    };
    let card = SlaCard {
        id: agreement,
        from: field_sales,
        to: plan.departments[0].id,
        criteria: Vec::new(),
        follow_up: String::new(),
        thresholds: vec![promise.clone()],
    };
    apply(&mut plan, Edit::AddSla(Box::new(card))).unwrap();
    let spend = plan
        .metrics
        .iter()
        .find(|m| m.kind == MetricKind::Money)
        .unwrap()
        .id;
    apply(&mut plan, Edit::SetEntry(spend, november(), Some(150_050))).unwrap();
    apply(&mut plan, Edit::SetKpiTarget(kpi, month(), Some(1_500.5))).unwrap();
    let draft = KpiDraft {
        name: "Connect".into(),
        scope: KpiScope::Shared,
        numerator: metric,
        denominator: metric,
        display: KpiDisplay::Percent,
        better: Better::Lower,
        lag: 1,
    };
    let edits = [
        Edit::SetPlanName("Q4 plan".into()),
        Edit::SetCurrency(Currency::Jpy),
        Edit::SetAtRiskMargin(25),
        Edit::AddStage {
            id: StageId(900),
            count: MetricId(901),
            name: "Renewal".into(),
            count_name: "Renewals".into(),
            at: 1,
        },
        Edit::RenameStage(stage, "Nurture".into()),
        Edit::MoveStage(stage, Direction::Down),
        Edit::SetOwner(stage, field_sales),
        Edit::AddDepartment {
            id: DepartmentId(904),
            name: "BPO vendor".into(),
            hue: Hue::Purple,
        },
        Edit::RenameDepartment(field_sales, "Sales".into()),
        Edit::SetDepartmentHue(field_sales, Hue::Black),
        Edit::RemoveDepartment(unused),
        Edit::AddSla(Box::new(SlaCard {
            id: SlaId(906),
            from: field_sales,
            to: unused,
            criteria: vec!["Signed".into()],
            follow_up: String::new(),
            thresholds: Vec::new(),
        })),
        Edit::RemoveSla(agreement),
        Edit::SetSlaHandOff(agreement, unused, field_sales),
        Edit::SetSlaCriteria(agreement, vec!["Budget heard".into()]),
        Edit::SetSlaFollowUp(agreement, "Call back within a day".into()),
        Edit::PutThreshold(agreement, promise.clone()),
        Edit::PutThreshold(
            agreement,
            Threshold {
                id: ThresholdId(908),
                ..promise.clone()
            },
        ),
        Edit::RemoveThreshold(agreement, promise.id),
        Edit::AddAction(Box::new(crate::domain::actions::Action {
            id: crate::domain::actions::ActionId(910),
            text: "Bigger lists".into(),
            owner: field_sales,
            kpi: Some(kpi),
            status: crate::domain::actions::ActionStatus::Planned,
            start: NaiveDate::from_ymd_opt(2026, 11, 2),
            end: None,
        })),
        Edit::SetStageLag(stage, 2),
        Edit::SetStageKind(stage, crate::domain::diagnosis::StageKind::Closing),
        Edit::RemoveStage(stage),
        Edit::SetCountTarget(stage, month(), Some(300)),
        Edit::SetStepTarget(stage, month(), Some(0.25)),
        Edit::AddMetric {
            id: MetricId(902),
            stage,
            name: "Booth visits".into(),
            kind: MetricKind::Count,
            lost_reason: false,
        },
        Edit::RenameMetric(metric, "Inbound leads".into()),
        Edit::SetMetricKind(spend, MetricKind::Count),
        Edit::SetLostReason(metric, true),
        Edit::AddKpi(KpiId(903), draft.clone()),
        Edit::ChangeKpi(kpi, draft),
        Edit::RemoveKpi(kpi),
        Edit::SetKpiTarget(kpi, month(), None),
        Edit::SetEntry(metric, november(), Some(1_000)),
        Edit::Batch(vec![
            Edit::SetEntry(metric, november(), Some(5)),
            Edit::RenameStage(stage, "Both".into()),
        ]),
        Edit::ReplacePlan(Box::new(inside_sales(Lang::Ja))),
    ];
    for edit in edits {
        round_trip(&mut plan.clone(), edit);
    }
}

#[test]
fn removing_a_metric_or_kpi_undoes_with_its_counts_and_targets() {
    let mut plan = plan();
    let kpi = plan.kpis[0].id;
    apply(&mut plan, Edit::SetKpiTarget(kpi, month(), Some(0.3))).unwrap();
    let before = plan.clone();
    let inverse = apply(&mut plan, Edit::RemoveKpi(kpi)).unwrap();
    assert!(plan.kpi(kpi).is_none());
    apply(&mut plan, inverse).unwrap();
    assert_eq!(plan, before);
    assert_eq!(plan.kpi(kpi).unwrap().targets[&month()], 0.3);

    let stage = plan.stages[0].id;
    apply(
        &mut plan,
        Edit::AddMetric {
            id: MetricId(700),
            stage,
            name: "Booth".into(),
            kind: MetricKind::Count,
            lost_reason: false,
        },
    )
    .unwrap();
    apply(
        &mut plan,
        Edit::SetEntry(MetricId(700), november(), Some(9)),
    )
    .unwrap();
    let before = plan.clone();
    let inverse = apply(&mut plan, Edit::RemoveMetric(MetricId(700))).unwrap();
    apply(&mut plan, inverse).unwrap();
    assert_eq!(plan, before);
}

#[test]
fn a_refused_edit_changes_nothing_and_a_batch_is_all_or_nothing() {
    let mut plan = plan();
    let before = plan.clone();
    let stage = plan.stages[0].id;
    assert_eq!(
        apply(&mut plan, Edit::RenameStage(stage, "  ".into())),
        Err(EditError::EmptyName)
    );
    let batch = Edit::Batch(vec![
        Edit::SetEntry(leads(&plan), november(), Some(10)),
        Edit::RenameStage(stage, "Fine".into()),
        Edit::SetStageLag(stage, 99),
    ]);
    assert_eq!(apply(&mut plan, batch), Err(EditError::LagTooLarge));
    assert_eq!(plan, before);
    let mut bad = plan.clone();
    bad.name = String::new();
    assert!(matches!(
        apply(&mut plan, Edit::ReplacePlan(Box::new(bad))),
        Err(EditError::InvalidPlan(_))
    ));
    assert_eq!(plan, before);
}

#[test]
fn entries_outside_the_calendar_or_the_bounds_are_refused() {
    let mut plan = plan();
    let metric = leads(&plan);
    let far = Period::containing(
        Granularity::Day,
        NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
    );
    assert_eq!(
        apply(&mut plan, Edit::SetEntry(metric, far, Some(1))),
        Err(EditError::DateOutOfRange)
    );
    assert_eq!(
        apply(
            &mut plan,
            Edit::SetEntry(metric, november(), Some(u64::MAX))
        ),
        Err(EditError::ValueTooLarge)
    );
}

#[test]
fn a_currency_change_that_would_push_a_target_out_of_bounds_is_refused() {
    let mut plan = plan();
    let cpa = plan
        .kpis
        .iter()
        .find(|k| k.display == KpiDisplay::Money)
        .unwrap()
        .id;
    apply(&mut plan, Edit::SetCurrency(Currency::Jpy)).unwrap();
    let huge = crate::domain::number::MAX_ENTRY as f64;
    apply(&mut plan, Edit::SetKpiTarget(cpa, month(), Some(huge))).unwrap();
    let before = plan.clone();
    assert_eq!(
        apply(&mut plan, Edit::SetCurrency(Currency::Usd)),
        Err(EditError::ValueTooLarge)
    );
    assert_eq!(plan, before);
}

#[test]
fn moving_past_an_end_is_no_step() {
    let mut plan = plan();
    let first = plan.stages[0].id;
    let inverse = apply(&mut plan, Edit::MoveStage(first, Direction::Up)).unwrap();
    assert!(inverse.is_empty());
    let mut history = History::default();
    history.record(EditKind::MoveStage, inverse, None);
    assert_eq!(history.undo_kind(), None);
}

#[test]
fn typing_in_one_field_is_one_step_and_leaving_it_closes_the_step() {
    let mut plan = plan();
    let mut history = History::default();
    let metric = leads(&plan);
    for text in [1, 12, 123, 1234] {
        let inverse = apply(&mut plan, Edit::SetEntry(metric, november(), Some(text))).unwrap();
        history.record(EditKind::Counts, inverse, Some("cell-2-2"));
    }
    history.close_group();
    let inverse = apply(&mut plan, Edit::SetEntry(metric, november(), Some(5))).unwrap();
    history.record(EditKind::Counts, inverse, Some("cell-2-2"));
    assert_eq!(history.undo_len(), 2);
    history.undo(&mut plan).unwrap().unwrap();
    assert_eq!(plan.entries.cell(metric, november()).total(), Some(1234));
    let undone = history.undo(&mut plan).unwrap().unwrap();
    assert_eq!(undone.kind, EditKind::Counts);
    assert!(
        matches!(undone.applied, Edit::Batch(_)),
        "the typing, undone at once"
    );
    assert_eq!(plan.entries.cell(metric, november()).total(), None);
    assert_eq!(history.undo(&mut plan), None, "nothing left");
    history.redo(&mut plan).unwrap().unwrap();
    assert_eq!(plan.entries.cell(metric, november()).total(), Some(1234));
    assert_eq!(history.redo_kind(), Some(EditKind::Counts));
}

#[test]
fn a_key_held_down_in_one_field_is_undone_and_redone_at_once() {
    // Auto-repeat for half a minute, or a long text typed and retyped: the
    // step stays one flat batch, so undoing it cannot overflow the stack.
    let mut plan = plan();
    let mut history = History::default();
    let stage = plan.stages[0].id;
    let before = plan.stages[0].name.clone();
    let presses = 5_000;
    for i in 0..presses {
        let inverse = apply(&mut plan, Edit::RenameStage(stage, format!("Name {i}"))).unwrap();
        history.record(EditKind::RenameStage, inverse, Some("stage-name"));
    }
    assert_eq!(history.undo_len(), 1);
    let undone = history.undo(&mut plan).unwrap().unwrap();
    assert!(matches!(&undone.applied, Edit::Batch(edits) if edits.len() == presses));
    assert_eq!(plan.stages[0].name, before);
    history.redo(&mut plan).unwrap().unwrap();
    assert_eq!(plan.stages[0].name, format!("Name {}", presses - 1));
}

#[test]
fn two_fields_typed_in_turn_are_separate_steps() {
    let mut plan = plan();
    let mut history = History::default();
    let (a, b) = (plan.stages[0].primary_metric, plan.stages[1].primary_metric);
    for (metric, group) in [(a, "a"), (b, "b"), (a, "a")] {
        let inverse = apply(&mut plan, Edit::SetEntry(metric, november(), Some(1))).unwrap();
        history.record(EditKind::Counts, inverse, Some(group));
    }
    assert_eq!(history.undo_len(), 3);
}

#[test]
fn a_new_edit_clears_redo_and_the_oldest_steps_go_past_the_limit() {
    let mut plan = plan();
    let mut history = History::default();
    let stage = plan.stages[0].id;
    for i in 0..HISTORY_LIMIT + 5 {
        let inverse = apply(&mut plan, Edit::RenameStage(stage, format!("Name {i}"))).unwrap();
        history.record(EditKind::RenameStage, inverse, None);
    }
    assert_eq!(history.undo_len(), HISTORY_LIMIT);
    history.undo(&mut plan).unwrap().unwrap();
    assert_eq!(history.redo_kind(), Some(EditKind::RenameStage));
    let inverse = apply(&mut plan, Edit::SetStageLag(stage, 1)).unwrap();
    history.record(EditKind::StageLag, inverse, None);
    assert_eq!(history.redo_kind(), None);
    assert_eq!(history.undo_kind(), Some(EditKind::StageLag));
}

#[test]
fn an_undo_that_no_longer_applies_is_dropped_with_its_reason() {
    let mut plan = plan();
    let mut history = History::default();
    let stage = plan.stages[1].id;
    let inverse = apply(&mut plan, Edit::RenameStage(stage, "Mine".into())).unwrap();
    history.record(EditKind::RenameStage, inverse, None);
    // Another tab removed the stage; its plan replaced ours.
    apply(&mut plan, Edit::RemoveStage(stage)).unwrap();
    assert_eq!(history.undo(&mut plan), Some(Err(EditError::UnknownStage)));
    assert_eq!(history.undo_kind(), None);
}

/// Pending edits of this tab, replayed on the other tab's newer plan.
#[test]
fn replay_applies_or_names_the_first_edit_that_no_longer_applies() {
    let base = plan();
    let (first, second) = (base.stages[0].id, base.stages[1].id);
    let leads = leads(&base);
    let mut theirs = base.clone();
    apply(&mut theirs, Edit::RenameStage(first, "Theirs".into())).unwrap();
    apply(&mut theirs, Edit::RemoveStage(second)).unwrap();

    // Applies: a count and a rename of a stage they kept.
    let pending = [
        Edit::SetEntry(leads, november(), Some(10)),
        Edit::SetStageLag(first, 1),
    ];
    let merged = replay(&theirs, &pending).unwrap();
    assert_eq!(merged.stages[0].name, "Theirs", "their change kept");
    assert_eq!(merged.stages[0].lag, 1, "mine applied");
    assert_eq!(merged.entries.cell(leads, november()).total(), Some(10));

    // Conflicts: a rename of the stage they removed, after a change that applies.
    let pending = [
        Edit::SetStageLag(first, 1),
        Edit::RenameStage(second, "Mine".into()),
        Edit::SetStageLag(first, 2),
    ];
    assert_eq!(
        replay(&theirs, &pending),
        Err(Conflict {
            index: 1,
            edit: Edit::RenameStage(second, "Mine".into()),
            error: EditError::UnknownStage
        })
    );

    // Ids from two sessions never collide: both tabs add a stage.
    let mut ids_a = IdGen::for_session(1);
    let mut ids_b = IdGen::for_session(2);
    let add = |ids: &mut IdGen, name: &str| Edit::AddStage {
        id: StageId(ids.fresh(|id| base.uses_id(id))),
        count: MetricId(ids.fresh(|id| base.uses_id(id))),
        name: name.into(),
        count_name: "Count".into(),
        at: usize::MAX,
    };
    let mut theirs = base.clone();
    apply(&mut theirs, add(&mut ids_a, "A")).unwrap();
    let merged = replay(&theirs, &[add(&mut ids_b, "B")]).unwrap();
    assert_eq!(merged.stages.len(), 7);
}

/// An edit to try, chosen by numbers so proptest can shrink it; it is made
/// concrete against the plan it is applied to.
#[derive(Clone, Debug)]
struct Intent {
    op: u8,
    pick: usize,
    value: u64,
    text: String,
}

fn intent() -> impl Strategy<Value = Intent> {
    (0..29_u8, 0..64_usize, 0..5_000_u64, "[a-zA-Z営 ]{0,8}").prop_map(|(op, pick, value, text)| {
        Intent {
            op,
            pick,
            value,
            text,
        }
    })
}

fn concrete(plan: &Plan, ids: &mut IdGen, intent: &Intent) -> Edit {
    let stage = plan.stages[intent.pick % plan.stages.len()].id;
    let metric = plan.metrics[intent.pick % plan.metrics.len()].id;
    let kpi = plan
        .kpis
        .get(intent.pick % plan.kpis.len().max(1))
        .map(|k| k.id);
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(intent.value % 400);
    let granularity = Granularity::ALL[intent.pick % 3];
    let period = Period::containing(granularity, day);
    let month = Month::new(2026, 1 + (intent.value % 12) as u32).unwrap();
    let taken = |id| plan.uses_id(id);
    match intent.op {
        0 => Edit::SetPlanName(intent.text.clone()),
        1 => Edit::SetCurrency(if intent.value.is_multiple_of(2) {
            Currency::Jpy
        } else {
            Currency::Usd
        }),
        2 => Edit::SetAtRiskMargin((intent.value % 120) as u32),
        3 => Edit::AddStage {
            id: StageId(ids.fresh(taken)),
            count: MetricId(ids.fresh(taken)),
            name: intent.text.clone(),
            count_name: "Count".into(),
            at: intent.value as usize % 8,
        },
        4 => Edit::RenameStage(stage, intent.text.clone()),
        5 => Edit::MoveStage(
            stage,
            if intent.value.is_multiple_of(2) {
                Direction::Up
            } else {
                Direction::Down
            },
        ),
        6 => {
            let department = plan.departments[intent.pick % plan.departments.len()].id;
            match intent.value % 5 {
                0 => Edit::SetOwner(stage, department),
                1 => Edit::AddDepartment {
                    id: DepartmentId(ids.fresh(taken)),
                    name: intent.text.clone(),
                    hue: Hue::ALL[intent.pick % 8],
                },
                2 => Edit::RenameDepartment(department, intent.text.clone()),
                3 => Edit::SetDepartmentHue(department, Hue::ALL[intent.pick % 8]),
                _ => Edit::RemoveDepartment(department),
            }
        }
        7 if intent.value.is_multiple_of(2) => Edit::SetStageKind(
            stage,
            crate::domain::diagnosis::StageKind::ALL[intent.pick % 5],
        ),
        7 => Edit::SetStageLag(stage, (intent.value % 15) as u32),
        8 => Edit::RemoveStage(stage),
        9 => Edit::SetCountTarget(
            stage,
            month,
            (!intent.value.is_multiple_of(3)).then_some(intent.value),
        ),
        10 => Edit::SetStepTarget(stage, month, Some(intent.value as f64 / 1000.0)),
        11 => Edit::AddMetric {
            id: MetricId(ids.fresh(taken)),
            stage,
            name: intent.text.clone(),
            kind: MetricKind::ALL[intent.pick % 4],
            lost_reason: intent.value.is_multiple_of(2),
        },
        12 => Edit::RenameMetric(metric, intent.text.clone()),
        13 => Edit::SetMetricKind(metric, MetricKind::ALL[intent.value as usize % 4]),
        14 => Edit::RemoveMetric(metric),
        15 => Edit::AddKpi(
            KpiId(ids.fresh(taken)),
            KpiDraft {
                name: intent.text.clone(),
                scope: KpiScope::Stage(stage),
                numerator: metric,
                denominator: plan.metrics[intent.value as usize % plan.metrics.len()].id,
                display: KpiDisplay::ALL[intent.pick % 5],
                better: Better::Higher,
                lag: (intent.value % 3) as u32,
            },
        ),
        16 => match kpi {
            Some(kpi) if intent.value.is_multiple_of(2) => change_kpi(plan, kpi, |draft| {
                draft.display = KpiDisplay::ALL[intent.pick % 5];
            })
            .unwrap_or(Edit::Batch(Vec::new())),
            Some(kpi) => Edit::RemoveKpi(kpi),
            None => Edit::Batch(Vec::new()),
        },
        17 => match kpi {
            Some(kpi) => Edit::SetKpiTarget(
                kpi,
                month,
                (!intent.value.is_multiple_of(3)).then_some(intent.value as f64 / 7.0),
            ),
            None => Edit::Batch(Vec::new()),
        },
        18 => Edit::SetLostReason(metric, intent.value.is_multiple_of(2)),
        19 => Edit::Batch(vec![
            Edit::SetEntry(metric, period, Some(intent.value)),
            Edit::SetEntry(plan.metrics[0].id, period, Some(intent.value / 2)),
        ]),
        20 => Edit::ReplacePlan(Box::new(inside_sales(Lang::ALL[intent.pick % 2]))),
        21 => {
            let departments = &plan.departments;
            let from = departments[intent.pick % departments.len()].id;
            let to = departments[(intent.pick + 1) % departments.len()].id;
            match plan
                .sla_cards
                .get(intent.pick % plan.sla_cards.len().max(1))
            {
                None => Edit::AddSla(Box::new(SlaCard {
                    id: SlaId(ids.fresh(taken)),
                    from,
                    to,
                    criteria: vec![intent.text.clone()],
                    follow_up: intent.text.clone(),
                    thresholds: Vec::new(),
                })),
                Some(card) => match intent.value % 5 {
                    0 => Edit::RemoveSla(card.id),
                    1 => Edit::SetSlaHandOff(card.id, from, to),
                    2 => Edit::SetSlaCriteria(card.id, vec![intent.text.clone(); 2]),
                    3 => match card.thresholds.first() {
                        Some(threshold) => Edit::RemoveThreshold(card.id, threshold.id),
                        None => Edit::SetSlaFollowUp(card.id, intent.text.clone()),
                    },
                    _ => Edit::PutThreshold(
                        card.id,
                        Threshold {
                            id: ThresholdId(ids.fresh(taken)),
                            kept_by: if intent.pick.is_multiple_of(2) {
                                card.from
                            } else {
                                card.to
                            },
                            measure: match kpi {
                                Some(kpi) if intent.pick.is_multiple_of(3) => Measure::Kpi(kpi),
                                _ => Measure::Metric(metric),
                            },
                            comparison: Comparison::AtLeast,
                            value: intent.value as f64 / 1000.0,
                        },
                    ),
                },
            }
        }
        22 => {
            use crate::domain::ids::ScenarioId;
            use crate::domain::planning::{
                Goal, Holiday, RateSource, Scenario, Step, StepRate, Volume,
            };
            let step = match kpi {
                Some(kpi) if intent.pick.is_multiple_of(2) => Step::Kpi(kpi),
                _ => Step::Stage(stage),
            };
            match intent.value % 6 {
                0 => Edit::SetGoal(month, Some(Goal::Wins(intent.value))),
                4 => Edit::AddScenario(Box::new(Scenario {
                    id: ScenarioId(ids.fresh(taken)),
                    name: intent.text.clone(),
                    rates: vec![StepRate {
                        step,
                        rate: intent.value as f64 / 5000.0,
                    }],
                    volumes: vec![Volume {
                        metric,
                        volume: intent.value,
                    }],
                })),
                5 => match plan.planning.scenarios.first() {
                    Some(scenario) => Edit::RemoveScenario(scenario.id),
                    None => Edit::SetGoal(month, None),
                },
                1 => Edit::SetRateSource(RateSource::Actual {
                    months: (intent.value % 30) as u32,
                }),
                2 => Edit::SetTypedRate(
                    step,
                    (!intent.value.is_multiple_of(3)).then_some(intent.value as f64 / 5000.0),
                ),
                _ => Edit::SetHolidays([Holiday(day)].into()),
            }
        }
        23 => {
            use crate::domain::members::{Member, MemberId};
            let department = plan.departments[intent.pick % plan.departments.len()].id;
            match plan.members.get(intent.pick % plan.members.len().max(1)) {
                Some(member) if !intent.value.is_multiple_of(3) => match intent.value % 4 {
                    0 => Edit::RenameMember(member.id, intent.text.clone()),
                    1 => Edit::SetMemberActive(member.id, !member.active),
                    2 => Edit::SetMemberDepartment(member.id, department),
                    _ => Edit::RemoveMember(member.id),
                },
                _ => Edit::AddMember(Member {
                    id: MemberId(ids.fresh(taken)),
                    name: intent.text.clone(),
                    department,
                    active: true,
                }),
            }
        }
        24 => Edit::SetPerMember(metric, !plan.counted_per_member(metric)),
        27 => {
            use crate::domain::pdca::review::Review;
            let review = Review::ALL[intent.pick % Review::ALL.len()];
            // Held or taken back independently of the day, so records
            // made are also taken back.
            Edit::SetHeld(
                review,
                day,
                (intent.pick / Review::ALL.len()).is_multiple_of(2),
            )
        }
        26 => {
            use crate::domain::pdca::{Cycle, CycleId, Decision};
            match plan.cycles.get(intent.pick % plan.cycles.len().max(1)) {
                Some(cycle) if !intent.value.is_multiple_of(3) => match intent.value % 4 {
                    0 => Edit::SetCycleClosed(cycle.id, !cycle.closed),
                    1 => Edit::RemoveCycle(cycle.id),
                    _ => Edit::ChangeCycle(Box::new(Cycle {
                        findings: intent.text.clone(),
                        decisions: vec![Decision {
                            text: intent.text.clone(),
                            carry: intent.value.is_multiple_of(2),
                        }],
                        focus: Some(stage),
                        ..cycle.clone()
                    })),
                },
                _ => Edit::AddCycle(Box::new(plan.new_cycle(CycleId(ids.fresh(taken)), day))),
            }
        }
        25 => {
            let per_member = plan.per_member_metrics();
            let value = (!intent.value.is_multiple_of(5)).then_some(intent.value);
            match (
                plan.members.get(intent.pick % plan.members.len().max(1)),
                per_member.get(intent.pick % per_member.len().max(1)),
            ) {
                (Some(member), Some(metric)) => {
                    Edit::SetMemberEntry(member.id, *metric, period, value)
                }
                _ => Edit::SetPerMember(metric, true),
            }
        }
        _ => Edit::SetEntry(
            metric,
            period,
            (!intent.value.is_multiple_of(5)).then_some(intent.value),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any sequence of edits, undone completely, gives the starting plan;
    /// redone completely, the end plan. Refused edits change nothing.
    #[test]
    fn undo_all_gives_the_start_and_redo_all_the_end(intents in prop::collection::vec(intent(), 1..40)) {
        let start = plan();
        let mut plan = start.clone();
        let mut ids = IdGen::for_session(3);
        let mut history = History::default();
        for (i, intent) in intents.iter().enumerate() {
            let edit = concrete(&plan, &mut ids, intent);
            let kind = edit.kind();
            let before = plan.clone();
            match apply(&mut plan, edit) {
                // Every third edit joins a group, as keystrokes in one field do.
                Ok(inverse) => {
                    // What the editor makes, saving accepts.
                    let valid = crate::domain::format::validate(&plan);
                    prop_assert!(valid.is_ok(), "{:?}", valid);
                    history.record(kind, inverse, (i % 3 == 0).then_some("field"));
                }
                Err(_) => prop_assert_eq!(&plan, &before, "a refusal changes nothing"),
            }
        }
        let end = plan.clone();
        while let Some(result) = history.undo(&mut plan) {
            prop_assert!(result.is_ok(), "{:?}", result);
        }
        prop_assert_eq!(&plan, &start);
        while let Some(result) = history.redo(&mut plan) {
            prop_assert!(result.is_ok(), "{:?}", result);
        }
        prop_assert_eq!(&plan, &end);
    }

    /// Whatever plan the editor makes travels through an exported file
    /// unchanged, in each encoding a file may come back in.
    #[test]
    fn any_plan_the_editor_makes_travels_through_a_file(
        intents in prop::collection::vec(intent(), 1..30),
        encoding in 0..3_u8,
    ) {
        let mut plan = plan();
        let mut ids = IdGen::for_session(5);
        for intent in &intents {
            let edit = concrete(&plan, &mut ids, intent);
            let _ = apply(&mut plan, edit);
        }
        let text = crate::domain::format::encode(&plan, &Default::default());
        prop_assert!(text.is_ok(), "{:?}", text);
        let text = text.unwrap_or_default();
        let bytes: Vec<u8> = match encoding {
            0 => text.into_bytes(),
            1 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            _ => [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
        };
        let read = crate::domain::plan_file::read_plan_file(&bytes).map(|stored| stored.plan);
        prop_assert_eq!(read, Ok(plan));
    }
}

#[test]
fn every_edit_kind_has_a_name_in_both_languages() {
    for lang in Lang::ALL {
        let t = crate::i18n::texts(lang);
        let names: std::collections::HashSet<_> =
            EditKind::ALL.iter().map(|k| t.edit_kind(*k)).collect();
        assert_eq!(names.len(), EditKind::ALL.len(), "{lang:?}");
    }
    for (i, kind) in EditKind::ALL.iter().enumerate() {
        assert_eq!(*kind as usize, i);
    }
}

/// The memory budget of undo on the largest plan: 100 steps of typing and
/// pasting, with ten stage removals that keep every count of the stage.
#[test]
fn a_hundred_steps_on_the_largest_plan_stay_within_a_megabyte() {
    let mut plan = crate::domain::fixtures::large_plan();
    let plan_bytes = crate::domain::format::encode(&plan, &Default::default())
        .unwrap()
        .len();
    let weeks: Vec<Period> = crate::domain::fixtures::weeks().periods().collect();
    let mut history = History::default();
    for step in 0..100_usize {
        let metric = plan.metrics[step % plan.metrics.len()].id;
        let edit = match step % 10 {
            // One stage removed with all its counts, the heaviest step.
            9 => Edit::RemoveStage(plan.stages[plan.stages.len() - 1].id),
            // A pasted column.
            5 => Edit::Batch(
                weeks[..12]
                    .iter()
                    .map(|w| Edit::SetEntry(metric, *w, Some(step as u64)))
                    .collect(),
            ),
            _ => Edit::SetEntry(metric, weeks[step], Some(step as u64)),
        };
        let kind = edit.kind();
        let inverse = apply(&mut plan, edit).unwrap();
        history.record(kind, inverse, None);
    }
    let bytes = history.approximate_bytes();
    println!("history after 100 steps: {bytes} bytes; the plan itself: {plan_bytes} bytes of JSON");
    assert_eq!(history.undo_len(), 100);
    assert!(bytes < 1024 * 1024, "{bytes} bytes");
}
