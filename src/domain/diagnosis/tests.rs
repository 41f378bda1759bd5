use chrono::NaiveDate;

use super::*;
use crate::domain::locale::Lang;
use crate::domain::month::Month;
use crate::domain::period::Period;
use crate::domain::presets::{inside_sales, standard_kind};

fn month(m: u32) -> Period {
    Period::containing(
        Granularity::Month,
        NaiveDate::from_ymd_opt(2026, m, 1).unwrap(),
    )
}

fn november() -> PeriodRange {
    PeriodRange::new(month(11), 1)
}

/// The preset with each stage's count entered for a month.
fn counted(plan: &mut Plan, period: Period, counts: [u64; 5]) {
    for (stage, count) in plan.stages.clone().iter().zip(counts) {
        plan.set_entry(stage.primary_metric, period, Some(count))
            .unwrap();
    }
}

fn names(plan: &Plan, ranking: &[StepReading]) -> Vec<String> {
    ranking
        .iter()
        .map(|r| plan.stage(r.stage).unwrap().name.clone())
        .collect()
}

#[test]
fn steps_with_targets_rank_by_their_relative_gap() {
    let mut plan = inside_sales(Lang::En);
    counted(&mut plan, month(11), [1000, 250, 40, 30, 12]);
    let nov = Month::new(2026, 11).unwrap();
    let ids: Vec<StageId> = plan.stages.iter().map(|s| s.id).collect();
    plan.set_count_target(ids[0], nov, Some(1200)).unwrap();
    for (index, target) in [(1, 0.35), (2, 0.2), (3, 0.7), (4, 0.45)] {
        plan.set_step_target(ids[index], nov, Some(target)).unwrap();
    }
    let ranking = rank_steps(&plan, november());
    assert_eq!(
        names(&plan, &ranking),
        [
            "Lead nurturing",
            "Opportunity creation",
            "Lead generation",
            "Won",
            "Hand-off → proposal"
        ]
    );
    let gaps: Vec<f64> = ranking.iter().map(|r| r.relative_gap).collect();
    let expected = [
        (0.25 - 0.35) / 0.35,
        (0.16 - 0.2) / 0.2,
        (1000.0 - 1200.0) / 1200.0,
        (0.4 - 0.45) / 0.45,
        (0.75 - 0.7) / 0.7,
    ];
    for (gap, expected) in gaps.iter().zip(expected) {
        assert!((gap - expected).abs() < 1e-12, "{gap} vs {expected}");
    }
    assert!((gaps[0] - -0.285_714_285_714).abs() < 1e-9);
    let worst = bottleneck(&plan, november()).unwrap();
    assert_eq!(worst.stage, ids[1]);
    assert_eq!(worst.reference, Reference::Target(0.35));
    assert_eq!(worst.actual, 0.25);
    assert_eq!(plan.stage(worst.stage).unwrap().kind, StageKind::Contact);
    assert!(!worst.is_count(&plan));
    assert!(ranking[2].is_count(&plan));
}

#[test]
fn a_count_target_is_per_month_and_compared_per_period() {
    let mut plan = inside_sales(Lang::En);
    let leads = plan.stages[0].id;
    for m in [10, 11] {
        counted(&mut plan, month(m), [900, 250, 40, 30, 12]);
        plan.set_count_target(leads, Month::new(2026, m).unwrap(), Some(1200))
            .unwrap();
    }
    let two_months = PeriodRange::new(month(10), 2);
    let reading = rank_steps(&plan, two_months)
        .into_iter()
        .find(|r| r.stage == leads)
        .unwrap();
    assert_eq!(reading.actual, 900.0);
    assert_eq!(reading.reference, Reference::Target(1200.0));
    assert_eq!(reading.relative_gap, -0.25);
}

#[test]
fn without_targets_a_step_is_held_to_the_three_periods_before() {
    let mut plan = inside_sales(Lang::En);
    // August to October: 1,000 leads, 250 nurtured, 50 opportunities a month.
    for m in [8, 9, 10] {
        counted(&mut plan, month(m), [1000, 250, 50, 30, 12]);
    }
    // November: the opportunity rate falls from 20 % to 12 %.
    counted(&mut plan, month(11), [1000, 250, 30, 30, 12]);
    let worst = bottleneck(&plan, november()).unwrap();
    assert_eq!(
        plan.stage(worst.stage).unwrap().name,
        "Opportunity creation"
    );
    assert_eq!(
        worst.reference,
        Reference::Previous {
            level: 0.2,
            periods: 3,
            granularity: Granularity::Month
        }
    );
    assert_eq!(worst.actual, 0.12);
    assert!((worst.relative_gap - -0.4).abs() < 1e-12);
    // The leads are held to their mean per month before: 1,000, met exactly.
    let leads = rank_steps(&plan, november())
        .into_iter()
        .find(|r| r.is_count(&plan))
        .unwrap();
    assert_eq!(leads.relative_gap, 0.0);
}

#[test]
fn steps_without_a_reference_are_left_out_and_no_bottleneck_is_named_when_all_hold() {
    let mut plan = inside_sales(Lang::En);
    assert!(rank_steps(&plan, november()).is_empty());
    // Counts in November only, no target: the conversions are held to
    // their kinds' ranges; the leads, a count, to nothing.
    counted(&mut plan, month(11), [1000, 250, 40, 30, 12]);
    assert_eq!(rank_steps(&plan, november()).len(), 4);
    for stage in plan.stages.clone() {
        plan.set_stage_kind(stage.id, StageKind::Other).unwrap();
    }
    assert!(rank_steps(&plan, november()).is_empty());
    assert_eq!(bottleneck(&plan, november()), None);
    // Every step at or above its level before: no bottleneck.
    for m in [8, 9, 10] {
        counted(&mut plan, month(m), [900, 200, 30, 20, 8]);
    }
    assert_eq!(rank_steps(&plan, november()).len(), 5);
    assert_eq!(bottleneck(&plan, november()), None);
    // A reference of zero cannot be fallen short of: left out.
    let nurturing = plan.stages[1].id;
    plan.set_step_target(nurturing, Month::new(2026, 11).unwrap(), Some(0.0))
        .unwrap();
    assert!(rank_steps(&plan, november())
        .iter()
        .all(|r| r.stage != nurturing));
}

#[test]
fn without_a_target_or_counts_before_a_step_is_held_to_its_reference_range() {
    let mut plan = inside_sales(Lang::En);
    // November only: 250 nurtured of 1,000 leads (25 %, within lead → MQL
    // 15–30 %); 30 opportunities of 250 (12 %, under MQL → SQL 20–40 %);
    // 20 proposals of 30 and 5 won of 20 (25 %, within 20–30 %).
    counted(&mut plan, month(11), [1000, 250, 30, 20, 5]);
    let ranking = rank_steps(&plan, november());
    assert_eq!(
        names(&plan, &ranking),
        [
            "Opportunity creation",
            "Won",
            "Lead nurturing",
            "Hand-off → proposal"
        ]
    );
    let worst = ranking[0];
    assert_eq!(
        worst.reference,
        Reference::Range {
            low: 0.2,
            high: 0.4
        }
    );
    assert!((worst.relative_gap - -0.4).abs() < 1e-12);
    assert!(
        (ranking[1].relative_gap - 0.25).abs() < 1e-12,
        "25 % against 20 %"
    );
    // The team's own range replaces the default.
    let nurturing = plan.stages[1].id;
    plan.set_reference_range(nurturing, Some((0.3, 0.5)))
        .unwrap();
    let worst_now = rank_steps(&plan, november());
    let nurture = worst_now.iter().find(|r| r.stage == nurturing).unwrap();
    assert_eq!(
        nurture.reference,
        Reference::Range {
            low: 0.3,
            high: 0.5
        }
    );
    // A stage of kind "other" has no default, so it is left out.
    plan.set_stage_kind(plan.stages[2].id, StageKind::Other)
        .unwrap();
    assert!(rank_steps(&plan, november())
        .iter()
        .all(|r| r.stage != plan.stages[2].id));
}

#[test]
fn reference_ranges_are_typed_as_two_percentages_low_to_high() {
    assert_eq!(parse_reference_range("15–30"), Ok(Some((0.15, 0.3))));
    assert_eq!(parse_reference_range(" 15 - 30% "), Ok(Some((0.15, 0.3))));
    assert_eq!(parse_reference_range("15〜30"), Ok(Some((0.15, 0.3))));
    assert_eq!(parse_reference_range(""), Ok(None));
    assert_eq!(parse_reference_range("15"), Err(CountError::NotANumber));
    assert_eq!(parse_reference_range("a–b"), Err(CountError::NotANumber));
    let mut plan = inside_sales(Lang::En);
    let stage = plan.stages[1].id;
    for bad in [(0.3, 0.2), (-0.1, 0.2), (0.2, 1.5), (f64::NAN, 0.3)] {
        assert_eq!(
            plan.set_reference_range(stage, Some(bad)),
            Err(crate::domain::plan::EditError::BadReferenceRange),
            "{bad:?}"
        );
    }
    assert_eq!(plan.stages[1].reference_range, None);
    assert_eq!(
        default_reference_range(StageKind::Opportunity),
        Some((0.2, 0.4))
    );
    assert_eq!(default_reference_range(StageKind::Leads), None);
}

#[test]
fn stages_of_the_default_flow_have_their_kinds_in_both_languages() {
    let kinds: Vec<StageKind> = inside_sales(Lang::Ja)
        .stages
        .iter()
        .map(|s| s.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            StageKind::Leads,
            StageKind::Contact,
            StageKind::Opportunity,
            StageKind::Closing,
            StageKind::Closing
        ]
    );
    assert_eq!(standard_kind("商談化"), StageKind::Opportunity);
    assert_eq!(standard_kind("Lead nurturing"), StageKind::Contact);
    assert_eq!(standard_kind("Renewal"), StageKind::Other);
    for kind in StageKind::ALL {
        assert_eq!(StageKind::from_key(kind.key()), Some(kind));
    }
}
