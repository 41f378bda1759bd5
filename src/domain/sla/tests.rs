use chrono::NaiveDate;

use super::*;
use crate::domain::edit::{apply, Edit};
use crate::domain::period::Granularity;
use crate::domain::presets::inside_sales;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn period(granularity: Granularity, date: NaiveDate) -> Period {
    Period::containing(granularity, date)
}

/// A day after every period the tests read: none is under way.
fn later() -> NaiveDate {
    day(2027, 6, 1)
}

fn november() -> Period {
    period(Granularity::Month, day(2026, 11, 1))
}

/// The preset with one agreement, Marketing → Inside sales, holding two
/// promises: marketing hands over at least 300 leads a month, inside sales
/// keeps its first KPI (a percentage) at or above 25 %.
struct Fixture {
    plan: Plan,
    card: SlaId,
    leads: MetricId,
    rate: KpiId,
}

fn fixture() -> Fixture {
    let mut plan = inside_sales(Lang::En);
    let [marketing, inside] = [0, 1].map(|i| plan.departments[i].id);
    let leads = plan.stages[0].primary_metric;
    // The contact rate of lead nurturing: it does not read the leads.
    let nurturing = crate::domain::plan::KpiScope::Stage(plan.stages[1].id);
    let rate = plan
        .kpis
        .iter()
        .find(|k| k.scope == nurturing && k.display == KpiDisplay::Percent)
        .unwrap()
        .id;
    let card = SlaCard {
        id: SlaId(900),
        from: marketing,
        to: inside,
        criteria: default_criteria(true, Lang::En),
        follow_up: "Call within a day".into(),
        thresholds: vec![
            Threshold {
                id: ThresholdId(901),
                kept_by: marketing,
                measure: Measure::Metric(leads),
                comparison: Comparison::AtLeast,
                value: 300.0,
            },
            Threshold {
                id: ThresholdId(902),
                kept_by: inside,
                measure: Measure::Kpi(rate),
                comparison: Comparison::AtLeast,
                value: 0.25,
            },
        ],
    };
    apply(&mut plan, Edit::AddSla(Box::new(card))).unwrap();
    Fixture {
        plan,
        card: SlaId(900),
        leads,
        rate,
    }
}

impl Fixture {
    fn threshold(&self, index: usize) -> Threshold {
        self.plan.sla_card(self.card).unwrap().thresholds[index].clone()
    }

    fn count(&mut self, metric: MetricId, period: Period, value: u64) {
        self.plan.set_entry(metric, period, Some(value)).unwrap();
    }

    /// Sets the KPI's numerator and denominator counts for a period.
    fn rate_counts(&mut self, period: Period, numerator: u64, denominator: u64) {
        let kpi = self.plan.kpi(self.rate).unwrap().clone();
        self.count(kpi.denominator, period, denominator);
        self.count(kpi.numerator, period, numerator);
    }
}

#[test]
fn a_monthly_volume_is_shared_out_over_the_days_of_each_month() {
    let f = fixture();
    let volume = f.threshold(0);
    assert_eq!(required(&volume, november(), later()), 300.0);
    // 5 November: one day of a 30-day month.
    assert_eq!(
        required(&volume, period(Granularity::Day, day(2026, 11, 5)), later()),
        10.0
    );
    // The week of Monday 26 October: six days of October (31), one of November (30).
    let week = period(Granularity::Week, day(2026, 10, 26));
    let expected = 300.0 * 6.0 / 31.0 + 300.0 / 30.0;
    assert!((required(&volume, week, later()) - expected).abs() < 1e-9);
    assert!((required(&volume, week, later()) - 68.064_516).abs() < 1e-6);
    // February 2028 has 29 days.
    let leap_day = period(Granularity::Day, day(2028, 2, 29));
    assert!((required(&volume, leap_day, later()) - 300.0 / 29.0).abs() < 1e-12);
    // A rate holds as is, whatever the period.
    let rate = f.threshold(1);
    assert_eq!(required(&rate, week, later()), 0.25);
    assert_eq!(required(&rate, november(), later()), 0.25);
}

#[test]
fn volumes_are_met_at_the_threshold_and_breached_below_it() {
    let mut f = fixture();
    let volume = f.threshold(0);
    assert_eq!(
        evaluate(&f.plan, &volume, november(), later()),
        Verdict::NoData
    );
    f.count(f.leads, november(), 300);
    assert_eq!(
        evaluate(&f.plan, &volume, november(), later()),
        Verdict::Met {
            actual: 300.0,
            required: 300.0
        },
        "exactly at the threshold is met"
    );
    f.count(f.leads, november(), 299);
    assert_eq!(
        evaluate(&f.plan, &volume, november(), later()),
        Verdict::Breached {
            actual: 299.0,
            required: 300.0
        }
    );
    // "At most" turns it round.
    let mut at_most = volume.clone();
    at_most.comparison = Comparison::AtMost;
    assert!(matches!(
        evaluate(&f.plan, &at_most, november(), later()),
        Verdict::Met { .. }
    ));
    f.count(f.leads, november(), 301);
    assert!(matches!(
        evaluate(&f.plan, &at_most, november(), later()),
        Verdict::Breached { .. }
    ));
}

#[test]
fn a_week_across_two_months_is_held_to_its_share_of_both() {
    let mut f = fixture();
    let volume = f.threshold(0);
    let week = period(Granularity::Week, day(2026, 10, 26));
    f.count(f.leads, week, 68);
    assert!(matches!(
        evaluate(&f.plan, &volume, week, later()),
        Verdict::Breached { actual, .. } if actual == 68.0
    ));
    f.count(f.leads, week, 69);
    assert!(matches!(
        evaluate(&f.plan, &volume, week, later()),
        Verdict::Met { .. }
    ));
}

#[test]
fn rates_are_checked_as_is_and_a_zero_denominator_is_no_data() {
    let mut f = fixture();
    let rate = f.threshold(1);
    f.rate_counts(november(), 25, 100);
    assert_eq!(
        evaluate(&f.plan, &rate, november(), later()),
        Verdict::Met {
            actual: 0.25,
            required: 0.25
        }
    );
    f.rate_counts(november(), 24, 100);
    assert_eq!(
        evaluate(&f.plan, &rate, november(), later()),
        Verdict::Breached {
            actual: 0.24,
            required: 0.25
        }
    );
    f.rate_counts(november(), 3, 0);
    assert_eq!(
        evaluate(&f.plan, &rate, november(), later()),
        Verdict::NoData
    );
}

#[test]
fn each_department_counts_the_promises_it_kept() {
    let mut f = fixture();
    let range = PeriodRange::new(period(Granularity::Month, day(2026, 9, 1)), 3);
    let months: Vec<Period> = range.periods().collect();
    // Marketing: 310 (kept), 250 (broken), nothing (no data).
    f.count(f.leads, months[0], 310);
    f.count(f.leads, months[1], 250);
    // Inside sales: 30 % (kept), 20 % (broken), 25 % (kept).
    for (month, numerator) in months.iter().zip([30, 20, 25]) {
        f.rate_counts(*month, numerator, 100);
    }
    let [marketing, inside, field] = [0, 1, 2].map(|i| f.plan.departments[i].id);
    assert_eq!(
        compliance(&f.plan, range, later()),
        [
            Compliance {
                department: marketing,
                kept: 1,
                broken: 1,
                no_data: 1
            },
            Compliance {
                department: inside,
                kept: 2,
                broken: 1,
                no_data: 0
            }
        ],
        "field sales keeps no promise and is not listed ({field:?})"
    );
}

#[test]
fn the_flow_proposes_an_agreement_at_each_hand_off_without_one() {
    let f = fixture();
    let [marketing, inside, field] = [0, 1, 2].map(|i| f.plan.departments[i].id);
    assert_eq!(hand_offs(&f.plan), [(marketing, inside), (inside, field)]);
    assert_eq!(unagreed_hand_offs(&f.plan), [(inside, field)]);
    assert_eq!(
        default_criteria(false, Lang::Ja),
        [
            "課題をヒアリング済み",
            "予算をヒアリング済み",
            "導入時期をヒアリング済み"
        ]
    );
    assert_eq!(
        f.plan.sla_name(f.plan.sla_card(f.card).unwrap()),
        "Marketing → Inside sales"
    );
}

#[test]
fn a_measure_in_use_is_not_removed_and_the_agreement_is_named() {
    let mut f = fixture();
    let named = EditError::UsedBySla(vec!["Marketing → Inside sales".into()]);
    let kpi = f.plan.kpi(f.rate).unwrap().clone();
    let stage_of_kpi = match kpi.scope {
        crate::domain::plan::KpiScope::Stage(stage) => stage,
        crate::domain::plan::KpiScope::Shared => unreachable!("a stage KPI"),
    };
    let [marketing, inside] = [0, 1].map(|i| f.plan.departments[i].id);
    // Marketing owns no stage, but is party to the agreement.
    let first_stage = f.plan.stages[0].id;
    apply(&mut f.plan, Edit::SetOwner(first_stage, inside)).unwrap();
    let before = f.plan.clone();
    for edit in [
        Edit::RemoveKpi(f.rate),
        Edit::RemoveStage(stage_of_kpi),
        Edit::RemoveDepartment(marketing),
    ] {
        let result = apply(&mut f.plan, edit.clone());
        assert!(
            matches!(&result, Err(EditError::UsedBySla(_))),
            "{edit:?}: {result:?}"
        );
        assert_eq!(f.plan, before);
    }
    // A metric no KPI reads, used by a promise.
    let spare = f
        .plan
        .metrics
        .iter()
        .find(|m| {
            !f.plan.stages.iter().any(|s| s.primary_metric == m.id)
                && !f
                    .plan
                    .kpis
                    .iter()
                    .any(|k| k.numerator == m.id || k.denominator == m.id)
        })
        .unwrap()
        .id;
    let mut promise = f.threshold(0);
    promise.measure = Measure::Metric(spare);
    apply(&mut f.plan, Edit::PutThreshold(f.card, promise)).unwrap();
    assert_eq!(apply(&mut f.plan, Edit::RemoveMetric(spare)), Err(named));
}

#[test]
fn bad_promises_and_hand_offs_are_refused_and_nothing_changes() {
    let mut f = fixture();
    let before = f.plan.clone();
    let field = f.plan.departments[2].id;
    let mut over_100 = f.threshold(1);
    over_100.value = 1.01;
    let mut negative = f.threshold(0);
    negative.value = -1.0;
    let mut not_a_number = f.threshold(0);
    not_a_number.value = f64::NAN;
    let mut stranger = f.threshold(0);
    stranger.kept_by = field;
    let mut gone = f.threshold(0);
    gone.measure = Measure::Metric(MetricId(123_456));
    let marketing = f.plan.departments[0].id;
    let cases = [
        (Edit::PutThreshold(f.card, over_100), EditError::RateOver100),
        (Edit::PutThreshold(f.card, negative), EditError::BadTarget),
        (
            Edit::PutThreshold(f.card, not_a_number),
            EditError::BadTarget,
        ),
        (
            Edit::PutThreshold(f.card, stranger),
            EditError::UnknownDepartment,
        ),
        (Edit::PutThreshold(f.card, gone), EditError::UnknownMetric),
        (
            Edit::SetSlaHandOff(f.card, marketing, marketing),
            EditError::SameDepartment,
        ),
        (
            Edit::SetSlaCriteria(f.card, vec!["x".repeat(MAX_CRITERION_CHARS + 1)]),
            EditError::TextTooLong,
        ),
        (
            Edit::SetSlaFollowUp(f.card, "x".repeat(MAX_FOLLOW_UP_CHARS + 1)),
            EditError::TextTooLong,
        ),
        (
            Edit::SetSlaCriteria(f.card, vec!["x".into(); MAX_CRITERIA + 1]),
            EditError::TooManyCriteria,
        ),
    ];
    for (edit, error) in cases {
        assert_eq!(apply(&mut f.plan, edit.clone()), Err(error), "{edit:?}");
        assert_eq!(f.plan, before);
    }
}

#[test]
fn values_are_read_in_the_unit_of_their_measure() {
    let count = Unit::Metric(MetricKind::Count);
    let rate = Unit::Kpi(KpiDisplay::Percent);
    let yen = Currency::Jpy;
    assert_eq!(parse_value(count, "1,200件", yen), Ok(1200.0));
    assert_eq!(parse_value(rate, "70%", yen), Ok(0.7));
    assert_eq!(parse_value(rate, "14.3", yen), Ok(0.143));
    assert_eq!(
        parse_value(Unit::Metric(MetricKind::Money), "¥50,000", yen),
        Ok(50_000.0)
    );
    assert_eq!(
        parse_value(Unit::Kpi(KpiDisplay::Days), "3日", yen),
        Ok(3.0)
    );
    assert_eq!(parse_value(count, " ", yen), Err(CountError::Empty));
    assert_eq!(parse_value(count, "-5", yen), Err(CountError::Negative));
    assert_eq!(parse_value(count, "abc", yen), Err(CountError::NotANumber));
    let f = fixture();
    assert_eq!(f.plan.unit_of(Measure::Metric(f.leads)), Some(count));
    assert_eq!(f.plan.unit_of(Measure::Kpi(f.rate)), Some(rate));
    assert_eq!(f.plan.unit_of(Measure::Kpi(KpiId(1))), None);
}

#[test]
fn criteria_are_trimmed_and_blank_lines_dropped() {
    let mut f = fixture();
    let lines = vec![
        " Budget heard ".into(),
        String::new(),
        "  ".into(),
        "Timing".into(),
    ];
    apply(&mut f.plan, Edit::SetSlaCriteria(f.card, lines)).unwrap();
    assert_eq!(
        f.plan.sla_card(f.card).unwrap().criteria,
        ["Budget heard", "Timing"]
    );
}

#[test]
fn moving_an_agreement_keeps_each_promise_with_its_side() {
    let mut f = fixture();
    let [inside, field] = [1, 2].map(|i| f.plan.departments[i].id);
    let inverse = apply(&mut f.plan, Edit::SetSlaHandOff(f.card, inside, field)).unwrap();
    let kept_by: Vec<_> = f
        .plan
        .sla_card(f.card)
        .unwrap()
        .thresholds
        .iter()
        .map(|t| t.kept_by)
        .collect();
    assert_eq!(
        kept_by,
        [inside, field],
        "the sender's promise moves to the new sender"
    );
    apply(&mut f.plan, inverse).unwrap();
    assert_eq!(f.plan, fixture().plan);
}

#[test]
fn a_measure_a_promise_uses_keeps_its_unit() {
    let mut f = fixture();
    let before = f.plan.clone();
    let to_days = crate::domain::edit::change_kpi(&f.plan, f.rate, |draft| {
        draft.display = KpiDisplay::Days;
    })
    .unwrap();
    assert!(matches!(
        apply(&mut f.plan, to_days),
        Err(EditError::UsedBySla(_))
    ));
    assert!(matches!(
        apply(&mut f.plan, Edit::SetMetricKind(f.leads, MetricKind::Money)),
        Err(EditError::UsedBySla(_))
    ));
    assert_eq!(f.plan, before);
    // Renaming the KPI is fine: its unit stays.
    let renamed = crate::domain::edit::change_kpi(&f.plan, f.rate, |draft| {
        draft.name = "Contact ratio".into();
    })
    .unwrap();
    apply(&mut f.plan, renamed).unwrap();
}

#[test]
fn a_promise_in_money_follows_a_change_of_currency_and_back() {
    let mut f = fixture();
    let spend = f
        .plan
        .metrics
        .iter()
        .find(|m| m.kind == MetricKind::Money)
        .unwrap()
        .id;
    let mut promise = f.threshold(0);
    promise.id = ThresholdId(903);
    promise.measure = Measure::Metric(spend);
    promise.comparison = Comparison::AtMost;
    // $50,000.00 in cents.
    promise.value = 5_000_000.0;
    apply(&mut f.plan, Edit::PutThreshold(f.card, promise)).unwrap();
    let before = f.plan.clone();
    let inverse = apply(&mut f.plan, Edit::SetCurrency(Currency::Jpy)).unwrap();
    assert_eq!(f.threshold(2).value, 50_000.0, "¥50,000");
    assert_eq!(f.threshold(0).value, 300.0, "a count stays");
    apply(&mut f.plan, inverse).unwrap();
    assert_eq!(f.plan, before);
}

#[test]
fn a_stage_is_not_restored_to_a_department_removed_meanwhile() {
    let mut plan = inside_sales(Lang::En);
    let field = plan.departments[2].id;
    let inside = plan.departments[1].id;
    let won = plan.stages[4].id;
    // One tab removes "Won"; another then moves the hand-off and removes field sales.
    let undo = apply(&mut plan, Edit::RemoveStage(won)).unwrap();
    let hand_off = plan.stages[3].id;
    apply(&mut plan, Edit::SetOwner(hand_off, inside)).unwrap();
    apply(&mut plan, Edit::RemoveDepartment(field)).unwrap();
    let before = plan.clone();
    assert_eq!(apply(&mut plan, undo), Err(EditError::UnknownDepartment));
    assert_eq!(plan, before);
}

#[test]
fn the_period_under_way_asks_for_its_days_so_far() {
    let mut f = fixture();
    let volume = f.threshold(0);
    let today = day(2026, 11, 24);
    // 24 of November's 30 days: 240 of the 300 so far.
    assert_eq!(required(&volume, november(), today), 240.0);
    f.count(f.leads, november(), 250);
    assert!(matches!(
        evaluate(&f.plan, &volume, november(), today),
        Verdict::Met { required, .. } if required == 240.0
    ));
    // A week under way: Monday 23 and Tuesday 24 November.
    let week = period(Granularity::Week, day(2026, 11, 23));
    assert_eq!(required(&volume, week, today), 20.0);
    // A finished period asks for all of it; a rate is as is.
    assert_eq!(
        required(&volume, period(Granularity::Month, day(2026, 10, 1)), today),
        300.0
    );
    assert_eq!(required(&f.threshold(1), november(), today), 0.25);
}

#[test]
fn a_new_card_a_new_pair_and_a_new_promise_start_where_the_team_would() {
    let f = fixture();
    let [marketing, inside, field] = [0, 1, 2].map(|i| f.plan.departments[i].id);
    // The first hand-off gets the MQL criteria, later ones the SQL criteria.
    let first = new_card(&f.plan, SlaId(950), (marketing, inside), Lang::En);
    assert_eq!(first.criteria[0], "Form submitted");
    let later = new_card(&f.plan, SlaId(951), (inside, field), Lang::En);
    assert_eq!(later.criteria[0], "Issue heard");
    // Marketing → inside sales has a card: the next pair without one.
    assert_eq!(next_pair(&f.plan), Some((marketing, field)));
    // A promise: the sender hands over at least a count of its last stage.
    let promise = new_promise(&f.plan, &later, ThresholdId(952)).unwrap();
    assert_eq!(promise.kept_by, inside);
    assert_eq!(
        promise.measure,
        Measure::Metric(f.plan.stages[2].primary_metric)
    );
    assert_eq!(
        (promise.comparison, promise.value),
        (Comparison::AtLeast, 0.0)
    );
}
