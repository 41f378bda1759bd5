//! KPI math over any period or range of periods. Every value is a ratio of
//! sums (never an average of ratios); a zero denominator gives `None`,
//! shown as "—", so NaN and ∞ never appear.

use std::collections::BTreeMap;

use super::entries::members::Counter;
use super::ids::{KpiId, MetricId, StageId};
use super::money::Currency;
use super::month::Month;
use super::number::{parse_scaled, CountError};
use super::period::{Granularity, PeriodRange};
use super::plan::{Better, Kpi, KpiDisplay, Plan, Stage};

/// `numerator / denominator`, or `None` when there is nothing to divide by.
pub fn ratio(numerator: u64, denominator: u64) -> Option<f64> {
    // Values stay far below 2^53 in practice; beyond it f64 only rounds.
    (denominator != 0).then(|| numerator as f64 / denominator as f64)
}

/// A ratio of what was entered: unknown when either side was never counted
/// in its range (an entered zero is a count; an empty cell is not).
fn entered_ratio(
    plan: &Plan,
    numerator: (MetricId, PeriodRange),
    denominator: (MetricId, PeriodRange),
) -> Option<f64> {
    entered_ratio_of(plan, Counter::Team, numerator, denominator)
}

/// [`entered_ratio`] of what `counter` counted.
fn entered_ratio_of(
    plan: &Plan,
    counter: Counter,
    numerator: (MetricId, PeriodRange),
    denominator: (MetricId, PeriodRange),
) -> Option<f64> {
    let numerator = plan.entered_total_of(counter, numerator.0, numerator.1)?;
    let denominator = plan.entered_total_of(counter, denominator.0, denominator.1)?;
    ratio(numerator, denominator)
}

/// The same range `lag` periods earlier: what a lagged denominator reads.
/// Days that make up whole months count as months, so they lag by months
/// (else a month's figure would fall out of the lagged range).
fn lagged(range: PeriodRange, lag: u32) -> PeriodRange {
    range.months_it_spans().map_or_else(
        || PeriodRange::new(range.first().offset(-i64::from(lag)), range.period_count()),
        |months| {
            let earlier = PeriodRange::new(
                months.first().offset(-i64::from(lag)),
                months.period_count(),
            );
            PeriodRange::covering(
                range.granularity(),
                earlier.start(),
                earlier.last().last_day(),
            )
        },
    )
}

/// Whether the step into the stage at `index` is blank because nothing
/// was entered for the stage before it over the range its lag reads (a
/// stage just inserted, say); an entered zero is a count.
pub fn step_blank_for_lack_of_counts(plan: &Plan, index: usize, range: PeriodRange) -> bool {
    let Some((stage, previous)) = plan
        .stages
        .get(index)
        .zip(index.checked_sub(1).and_then(|i| plan.stages.get(i)))
    else {
        return false;
    };
    plan.entries
        .entered_total(stage.primary_metric, range)
        .is_some()
        && plan
            .entries
            .entered_total(previous.primary_metric, lagged(range, stage.lag))
            .is_none()
}

fn total(plan: &Plan, metric: MetricId, range: PeriodRange) -> u64 {
    plan.entries.range_total(metric, range)
}

#[derive(Clone, Debug, PartialEq)]
pub struct StageConversion {
    pub stage: StageId,
    pub count: u64,
    /// From the previous stage (lag applied); `None` for the first stage or
    /// when the previous stage counted nothing.
    pub step: Option<f64>,
    /// From the first stage, with the lags of all steps in between.
    pub cumulative: Option<f64>,
}

/// Conversion into the stage at `index` from the one before it (its lag
/// applied); `None` for the first stage or when the previous counted nothing.
pub fn step_conversion(plan: &Plan, index: usize, range: PeriodRange) -> Option<f64> {
    let stage = plan.stages.get(index)?;
    let previous = plan.stages.get(index.checked_sub(1)?)?;
    entered_ratio(
        plan,
        (stage.primary_metric, range),
        (previous.primary_metric, lagged(range, stage.lag)),
    )
}

/// Step and cumulative conversion of every stage over a range.
pub fn funnel_conversions(plan: &Plan, range: PeriodRange) -> Vec<StageConversion> {
    let first = plan.stages.first();
    let mut total_lag = 0_u32;
    plan.stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let count = total(plan, stage.primary_metric, range);
            let step = step_conversion(plan, i, range);
            if i > 0 {
                total_lag = total_lag.saturating_add(stage.lag);
            }
            let cumulative = first.and_then(|f| {
                entered_ratio(
                    plan,
                    (stage.primary_metric, range),
                    (f.primary_metric, lagged(range, total_lag)),
                )
            });
            StageConversion {
                stage: stage.id,
                count,
                step,
                cumulative,
            }
        })
        .collect()
}

/// A KPI's value over a range: numerator sum ÷ denominator sum (lag applied).
pub fn kpi_value(plan: &Plan, kpi: &Kpi, range: PeriodRange) -> Option<f64> {
    kpi_value_of(plan, Counter::Team, kpi, range)
}

/// [`kpi_value`] of what `counter` counted (one member's contact rate).
pub fn kpi_value_of(plan: &Plan, counter: Counter, kpi: &Kpi, range: PeriodRange) -> Option<f64> {
    entered_ratio_of(
        plan,
        counter,
        (kpi.numerator, range),
        (kpi.denominator, lagged(range, kpi.lag)),
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::OffTrack => "off-track",
        }
    }
}

/// On track when the target is met; at risk within `margin_percent` of it;
/// off track beyond.
pub fn status(actual: f64, target: f64, better: Better, margin_percent: u32) -> Status {
    let margin = f64::from(margin_percent) / 100.0;
    // A hair of tolerance, so 14.3 % typed as a target is met by 143 / 1000.
    let slack = target.abs() * 1e-9;
    let (met, close) = match better {
        Better::Higher => (
            actual >= target - slack,
            actual >= target * (1.0 - margin) - slack,
        ),
        Better::Lower => (
            actual <= target + slack,
            actual <= target * (1.0 + margin) + slack,
        ),
    };
    if met {
        Status::OnTrack
    } else if close {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// The target that applies to a range: a month's target for a period in
/// it; over several months, the mean of the months that have one.
pub fn target_for(kpi: &Kpi, range: PeriodRange) -> Option<f64> {
    mean_target(&kpi.targets, range)
}

/// The mean of the monthly targets in a range (see `target_for`).
pub fn mean_target(targets: &BTreeMap<Month, f64>, range: PeriodRange) -> Option<f64> {
    let first = range.first().month();
    let last = range.last().month();
    if first > last {
        return None;
    }
    let targets: Vec<f64> = targets.range(first..=last).map(|(_, t)| *t).collect();
    (!targets.is_empty()).then(|| targets.iter().sum::<f64>() / targets.len() as f64)
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    pub absolute: f64,
    /// `None` when the previous value was zero.
    pub relative: Option<f64>,
}

pub fn change(current: Option<f64>, previous: Option<f64>) -> Option<Change> {
    let (current, previous) = (current?, previous?);
    Some(Change {
        absolute: current - previous,
        relative: (previous != 0.0).then(|| current / previous - 1.0),
    })
}

/// Everything a KPI cell shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KpiReading {
    pub kpi: KpiId,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// `actual − target`, in the KPI's own units.
    pub gap: Option<f64>,
    pub status: Option<Status>,
    /// Change against the range just before.
    pub change: Option<Change>,
    /// A conversion above 100 %: counts of the two metrics are from
    /// different cohorts, and a lag would make the rate meaningful.
    pub over_100_percent: bool,
}

pub fn read_kpi(plan: &Plan, kpi: &Kpi, range: PeriodRange) -> KpiReading {
    let reading = read_kpi_at(plan, kpi, range);
    KpiReading {
        change: change(reading.value, kpi_value(plan, kpi, range.previous())),
        ..reading
    }
}

/// `read_kpi` without the change from the previous range, for the many
/// small grid cells that do not show it.
pub fn read_kpi_at(plan: &Plan, kpi: &Kpi, range: PeriodRange) -> KpiReading {
    let value = kpi_value(plan, kpi, range);
    let target = target_for(kpi, range);
    let status = value
        .zip(target)
        .map(|(v, t)| status(v, t, kpi.better, plan.at_risk_margin_percent));
    KpiReading {
        kpi: kpi.id,
        value,
        target,
        gap: value.zip(target).map(|(v, t)| v - t),
        status,
        change: None,
        over_100_percent: kpi.display == KpiDisplay::Percent && value.is_some_and(|v| v > 1.0),
    }
}

/// A stage's count against its count target over whole months.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CountTargetReading {
    /// The sum of the months' targets.
    pub target: u64,
    pub actual: Option<u64>,
    pub status: Option<Status>,
}

impl CountTargetReading {
    /// `actual − target`; `None` before anything was counted.
    pub fn gap(self) -> Option<i128> {
        self.actual.map(|a| i128::from(a) - i128::from(self.target))
    }
}

/// The count target a range of months has (every month in it has one),
/// against what the stage counted. Weeks and days have no count target:
/// a month's is not split among them.
pub fn count_target_reading(
    plan: &Plan,
    stage: &Stage,
    range: PeriodRange,
) -> Option<CountTargetReading> {
    if range.granularity() != Granularity::Month {
        return None;
    }
    let target = range.periods().try_fold(0_u64, |sum, period| {
        Some(sum.saturating_add(*stage.count_targets.get(&period.month())?))
    })?;
    let actual = plan.entries.entered_total(stage.primary_metric, range);
    let status = actual.map(|a| {
        status(
            a as f64,
            target as f64,
            Better::Higher,
            plan.at_risk_margin_percent,
        )
    });
    Some(CountTargetReading {
        target,
        actual,
        status,
    })
}

/// A lost reason's count and its share of all lost deals in the range.
#[derive(Clone, Debug, PartialEq)]
pub struct LostReasonShare {
    pub metric: MetricId,
    pub count: u64,
    pub share: Option<f64>,
}

pub fn lost_reason_shares(plan: &Plan, range: PeriodRange) -> Vec<LostReasonShare> {
    let counts: Vec<(MetricId, u64)> = plan
        .metrics
        .iter()
        .filter(|m| m.lost_reason)
        .map(|m| (m.id, total(plan, m.id, range)))
        .collect();
    let all = counts
        .iter()
        .fold(0_u64, |sum, (_, c)| sum.saturating_add(*c));
    counts
        .into_iter()
        .map(|(metric, count)| LostReasonShare {
            metric,
            count,
            share: ratio(count, all),
        })
        .collect()
}

/// A target as typed, in the unit the KPI is shown in ("25" or "25%" for
/// 25 %, "¥1,500" for money); empty text clears the target.
pub fn parse_target(
    text: &str,
    display: KpiDisplay,
    currency: Currency,
) -> Result<Option<f64>, CountError> {
    let text = without_unit(text, display == KpiDisplay::Percent);
    if text.is_empty() {
        return Ok(None);
    }
    let hundredths = |t: &str| parse_scaled(t, 2).map(|v| v as f64 / 100.0);
    let value = match display {
        // One division, so "14.3" is exactly the 0.143 that 143 / 1000 gives.
        KpiDisplay::Percent => parse_scaled(text, 2)? as f64 / 10_000.0,
        KpiDisplay::Money => parse_scaled(text, currency.decimals())? as f64,
        KpiDisplay::Days | KpiDisplay::Minutes | KpiDisplay::Ratio => hundredths(text)?,
    };
    Ok(Some(value))
}

/// Units people type after a target ("15件", "30%", "3日", "5 min"). Only
/// these: stripping any letters would read "1e5" as 1.
const UNITS: &[&str] = &[
    "件", "人", "社", "回", "名", "個", "通", "本", "円", "日", "分", "days", "day", "minutes",
    "min",
];
const PERCENT: &[&str] = &["%", "％", "pt"];

/// The text without a unit typed after the number, trimmed. A percent
/// sign stays where a rate is not expected, so the number is refused.
fn without_unit(text: &str, rate: bool) -> &str {
    let text = text.trim();
    let units = UNITS.iter().chain(if rate { PERCENT } else { &[] });
    units
        .filter_map(|unit| text.strip_suffix(unit))
        .next()
        .unwrap_or(text)
        .trim_end()
}

/// A whole count target, with or without a unit ("1,200", "15件").
pub fn parse_count_target(text: &str) -> Result<Option<u64>, CountError> {
    let text = without_unit(text, false);
    if text.is_empty() {
        return Ok(None);
    }
    parse_scaled(text, 0).map(Some)
}

/// A rate target that is accepted but probably not what was meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateWarning {
    /// Over 100 %: a conversion cannot reach it without a lag.
    OverHundred,
    /// Under 1 %: "0.3" read as 0.3 %, maybe meant as 30 %.
    LooksLikeFraction,
}

pub fn rate_target_warning(target: f64) -> Option<RateWarning> {
    if target > 1.0 {
        Some(RateWarning::OverHundred)
    } else if target > 0.0 && target < 0.01 {
        Some(RateWarning::LooksLikeFraction)
    } else {
        None
    }
}

/// The month a target is edited for when the user looks at a range.
pub fn target_month(range: PeriodRange) -> Month {
    range.last().month()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::plan::MetricKind;
    use crate::domain::presets::inside_sales;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn november() -> PeriodRange {
        PeriodRange::new(Period::containing(Granularity::Month, date(2026, 11, 1)), 1)
    }

    fn metric(plan: &Plan, name: &str) -> MetricId {
        plan.metrics
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.id)
            .unwrap()
    }

    fn kpi<'a>(plan: &'a Plan, name: &str) -> &'a Kpi {
        plan.kpis.iter().find(|k| k.name == name).unwrap()
    }

    fn set(plan: &mut Plan, name: &str, period: Period, value: u64) {
        let id = metric(plan, name);
        plan.set_entry(id, period, Some(value)).unwrap();
    }

    /// The seed example for November, plus every input the default KPIs read.
    fn seed_plan() -> Plan {
        let mut plan = inside_sales(Lang::En);
        let month = november().first();
        for (name, value) in [
            ("Leads", 1000),
            ("Nurtured leads", 250),
            ("Opportunities", 40),
            ("Proposals", 30),
            ("Won deals", 12),
            ("Site visits", 25_000),
            ("Ad spend", 1_500_000),
            ("Ad impressions", 200_000),
            ("Ad clicks", 3_000),
            ("Webinar registrations", 80),
            ("Webinar attendees", 52),
            ("Calls", 1_200),
            ("Contacts", 300),
            ("Emails sent", 5_000),
            ("Emails opened", 1_100),
            ("Replies", 150),
            ("Talk minutes", 2_100),
            ("Re-contacts", 45),
            ("Hand-offs", 30),
            ("Revenue", 18_000_000),
            ("Sales cycle days (total)", 540),
            ("Lead-to-won days (total)", 1_080),
            ("Lost: price", 6),
            ("Lost: timing", 3),
            ("Lost: competitor", 3),
        ] {
            set(&mut plan, name, month, value);
        }
        plan
    }

    fn percent(rate: Option<f64>) -> Option<String> {
        rate.map(|r| format!("{:.1}", r * 100.0))
    }

    #[test]
    fn seed_example_conversions() {
        let plan = seed_plan();
        let rows = funnel_conversions(&plan, november());
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
    }

    #[test]
    fn every_default_kpi_formula_gives_its_exact_value() {
        let plan = seed_plan();
        let expected: &[(&str, f64)] = &[
            ("CPA", 1_500.0),
            ("CVR", 0.04),
            ("Ad CTR", 0.015),
            ("Webinar attendance rate", 0.65),
            ("Contact rate", 0.25),
            ("Reply rate", 0.03),
            ("Open rate", 0.22),
            ("Talk time per contact", 7.0),
            ("Re-contact rate", 0.15),
            ("Contact → opportunity rate", 40.0 / 300.0),
            ("Hand-off rate", 0.75),
            ("Win rate", 0.3),
            ("Average deal size", 1_500_000.0),
            ("Sales cycle", 45.0),
            ("Lead → opportunity rate", 0.04),
            ("Opportunity → won", 0.3),
            ("Average lead time", 90.0),
        ];
        assert_eq!(
            expected.len(),
            plan.kpis.len(),
            "every default KPI is checked"
        );
        for (name, value) in expected {
            assert_eq!(
                kpi_value(&plan, kpi(&plan, name), november()),
                Some(*value),
                "{name}"
            );
        }
    }

    #[test]
    fn weekly_and_monthly_kpis_are_ratios_of_sums_not_averages() {
        let mut plan = inside_sales(Lang::En);
        let day = |d| Period::containing(Granularity::Day, date(2026, 11, d));
        // Monday: 10 of 100 calls connect; Tuesday: 9 of 10.
        set(&mut plan, "Calls", day(23), 100);
        set(&mut plan, "Contacts", day(23), 10);
        set(&mut plan, "Calls", day(24), 10);
        set(&mut plan, "Contacts", day(24), 9);
        let week = PeriodRange::new(Period::containing(Granularity::Week, date(2026, 11, 23)), 1);
        let rate = kpi_value(&plan, kpi(&plan, "Contact rate"), week);
        assert_eq!(rate, Some(19.0 / 110.0), "not (10 % + 90 %) / 2");
        let month = november();
        assert_eq!(
            kpi_value(&plan, kpi(&plan, "Contact rate"), month),
            Some(19.0 / 110.0)
        );
    }

    #[test]
    fn zero_denominators_have_no_value() {
        let mut plan = inside_sales(Lang::En);
        let month = november().first();
        set(&mut plan, "Nurtured leads", month, 5);
        let rows = funnel_conversions(&plan, november());
        assert_eq!(rows[1].step, None);
        assert!(rows.iter().all(|r| r.cumulative.is_none()));
        for kpi in &plan.kpis {
            assert_eq!(kpi_value(&plan, kpi, november()), None, "{}", kpi.name);
        }
    }

    #[test]
    fn an_uncounted_metric_has_no_value_but_an_entered_zero_does() {
        let mut plan = inside_sales(Lang::En);
        let month = november().first();
        set(&mut plan, "Leads", month, 100);
        assert_eq!(funnel_conversions(&plan, november())[1].step, None);
        set(&mut plan, "Nurtured leads", month, 0);
        assert_eq!(funnel_conversions(&plan, november())[1].step, Some(0.0));
        set(&mut plan, "Won deals", month, 5);
        assert_eq!(
            kpi_value(&plan, kpi(&plan, "Average lead time"), november()),
            None
        );
    }

    #[test]
    fn a_lag_compares_with_earlier_periods() {
        let mut plan = inside_sales(Lang::En);
        let october = november().first().previous();
        set(&mut plan, "Opportunities", october, 40);
        set(&mut plan, "Won deals", november().first(), 12);
        set(&mut plan, "Proposals", november().first(), 6);
        let win_rate = kpi(&plan, "Win rate").clone();
        assert_eq!(
            kpi_value(&plan, &win_rate, november()),
            None,
            "no opportunities in November"
        );
        let mut lagged_kpi = win_rate;
        lagged_kpi.lag = 1;
        assert_eq!(kpi_value(&plan, &lagged_kpi, november()), Some(0.3));
        // Stage steps too: won in November from proposals in October.
        let won = plan.stages[4].id;
        plan.set_stage_lag(won, 1).unwrap();
        set(&mut plan, "Proposals", october, 24);
        let rows = funnel_conversions(&plan, november());
        assert_eq!(rows[4].step, Some(0.5));
    }

    #[test]
    fn rates_above_100_percent_are_flagged() {
        let mut plan = inside_sales(Lang::En);
        let month = november().first();
        set(&mut plan, "Opportunities", month, 10);
        set(&mut plan, "Won deals", month, 14);
        let reading = read_kpi(&plan, kpi(&plan, "Win rate"), november());
        assert_eq!(reading.value, Some(1.4));
        assert!(reading.over_100_percent);
        let cpa = read_kpi(&plan, kpi(&plan, "Opportunity → won"), november());
        assert!(cpa.over_100_percent);
    }

    #[test]
    fn status_follows_direction_and_margin() {
        assert_eq!(status(0.25, 0.25, Better::Higher, 10), Status::OnTrack);
        assert_eq!(status(0.23, 0.25, Better::Higher, 10), Status::AtRisk);
        assert_eq!(status(0.20, 0.25, Better::Higher, 10), Status::OffTrack);
        assert_eq!(status(1_400.0, 1_500.0, Better::Lower, 10), Status::OnTrack);
        assert_eq!(status(1_600.0, 1_500.0, Better::Lower, 10), Status::AtRisk);
        assert_eq!(
            status(1_700.0, 1_500.0, Better::Lower, 10),
            Status::OffTrack
        );
        assert_eq!(status(0.24, 0.25, Better::Higher, 0), Status::OffTrack);
        let typed = parse_target("14.3", KpiDisplay::Percent, Currency::Jpy)
            .unwrap()
            .unwrap();
        assert_eq!(
            status(143.0 / 1000.0, typed, Better::Higher, 10),
            Status::OnTrack
        );
        assert_eq!(
            status(143.0 / 1000.0, typed, Better::Lower, 10),
            Status::OnTrack
        );
    }

    #[test]
    fn readings_carry_target_gap_status_and_change() {
        let mut plan = seed_plan();
        let october = november().first().previous();
        set(&mut plan, "Calls", october, 1_000);
        set(&mut plan, "Contacts", october, 200);
        let id = kpi(&plan, "Contact rate").id;
        plan.set_target(id, Month::new(2026, 11).unwrap(), Some(0.3))
            .unwrap();
        let reading = read_kpi(&plan, kpi(&plan, "Contact rate"), november());
        assert_eq!(reading.value, Some(0.25));
        assert_eq!(reading.target, Some(0.3));
        assert!((reading.gap.unwrap() + 0.05).abs() < 1e-12);
        assert_eq!(reading.status, Some(Status::OffTrack));
        let change = reading.change.unwrap();
        assert!((change.absolute - 0.05).abs() < 1e-12);
        assert!((change.relative.unwrap() - 0.25).abs() < 1e-12);
        assert!(!reading.over_100_percent);
    }

    #[test]
    fn range_targets_average_the_months_that_have_one() {
        let mut plan = inside_sales(Lang::En);
        let id = plan.kpis[0].id;
        plan.set_target(id, Month::new(2026, 10).unwrap(), Some(1_000.0))
            .unwrap();
        plan.set_target(id, Month::new(2026, 11).unwrap(), Some(2_000.0))
            .unwrap();
        let two_months = PeriodRange::new(november().first().previous(), 2);
        assert_eq!(target_for(plan.kpi(id).unwrap(), two_months), Some(1_500.0));
        let week = PeriodRange::new(Period::containing(Granularity::Week, date(2026, 11, 9)), 1);
        assert_eq!(target_for(plan.kpi(id).unwrap(), week), Some(2_000.0));
        let december = PeriodRange::new(november().first().next(), 1);
        assert_eq!(target_for(plan.kpi(id).unwrap(), december), None);
        assert_eq!(target_month(two_months), Month::new(2026, 11).unwrap());
    }

    #[test]
    fn targets_parse_in_the_unit_they_are_shown_in() {
        assert_eq!(
            parse_target("25", KpiDisplay::Percent, Currency::Jpy),
            Ok(Some(0.25))
        );
        assert_eq!(
            parse_target("12.5%", KpiDisplay::Percent, Currency::Jpy),
            Ok(Some(0.125))
        );
        assert_eq!(
            parse_target("１５％", KpiDisplay::Percent, Currency::Jpy),
            Ok(Some(0.15))
        );
        assert_eq!(
            parse_target("¥1,500", KpiDisplay::Money, Currency::Jpy),
            Ok(Some(1500.0))
        );
        assert_eq!(
            parse_target("12.50", KpiDisplay::Money, Currency::Usd),
            Ok(Some(1250.0))
        );
        assert_eq!(
            parse_target("45.5", KpiDisplay::Days, Currency::Usd),
            Ok(Some(45.5))
        );
        assert_eq!(parse_target(" ", KpiDisplay::Days, Currency::Usd), Ok(None));
        assert_eq!(
            parse_target("-5", KpiDisplay::Percent, Currency::Usd),
            Err(CountError::Negative)
        );
        assert_eq!(
            parse_target("abc", KpiDisplay::Ratio, Currency::Usd),
            Err(CountError::NotANumber)
        );
    }

    #[test]
    fn a_unit_typed_after_a_target_is_read_past_and_only_a_known_one() {
        assert_eq!(
            parse_target("30 %", KpiDisplay::Percent, Currency::Jpy),
            Ok(Some(0.3))
        );
        assert_eq!(
            parse_target("3日", KpiDisplay::Days, Currency::Jpy),
            Ok(Some(3.0))
        );
        assert_eq!(
            parse_target("5 min", KpiDisplay::Minutes, Currency::Jpy),
            Ok(Some(5.0))
        );
        assert_eq!(
            parse_target("1,500円", KpiDisplay::Money, Currency::Jpy),
            Ok(Some(1500.0))
        );
        assert_eq!(parse_count_target("15件"), Ok(Some(15)));
        assert_eq!(parse_count_target(" 1,200 "), Ok(Some(1200)));
        assert_eq!(parse_count_target(""), Ok(None));
        for (text, display) in [
            ("30%", KpiDisplay::Days),
            ("1e5", KpiDisplay::Ratio),
            ("15 deals", KpiDisplay::Ratio),
        ] {
            assert_eq!(
                parse_target(text, display, Currency::Jpy),
                Err(CountError::NotANumber),
                "{text}"
            );
        }
        assert_eq!(parse_count_target("30%"), Err(CountError::NotANumber));
        assert_eq!(parse_count_target("12.5件"), Err(CountError::NotWhole));
    }

    #[test]
    fn a_lag_over_a_month_of_days_reads_the_month_before() {
        let mut plan = inside_sales(Lang::En);
        let (leads, nurtured) = (plan.stages[0].primary_metric, plan.stages[1].primary_metric);
        let october = Period::containing(Granularity::Month, date(2026, 10, 1));
        plan.set_entry(leads, october, Some(200)).unwrap();
        plan.set_entry(nurtured, october.next(), Some(50)).unwrap();
        plan.set_stage_lag(plan.stages[1].id, 1).unwrap();
        let november_by_day =
            PeriodRange::covering(Granularity::Day, date(2026, 11, 1), date(2026, 11, 30));
        assert_eq!(step_conversion(&plan, 1, november()), Some(0.25));
        assert_eq!(
            step_conversion(&plan, 1, november_by_day),
            Some(0.25),
            "October's month figure, not Oct 31 – Nov 29"
        );
        assert!(!step_blank_for_lack_of_counts(&plan, 1, november_by_day));
        plan.set_entry(leads, october, None).unwrap();
        assert!(step_blank_for_lack_of_counts(&plan, 1, november_by_day));
    }

    #[test]
    fn count_targets_apply_to_whole_months_and_add_up_over_a_range() {
        let mut plan = inside_sales(Lang::En);
        let leads = plan.stages[0].clone();
        for (month, target, count) in [(10, 800, 900), (11, 1000, 850)] {
            let period = Period::containing(Granularity::Month, date(2026, month, 1));
            plan.set_count_target(leads.id, period.month(), Some(target))
                .unwrap();
            plan.set_entry(leads.primary_metric, period, Some(count))
                .unwrap();
        }
        let stage = plan.stages[0].clone();
        let reading = |range| count_target_reading(&plan, &stage, range);
        let month = reading(november()).unwrap();
        assert_eq!(
            (month.target, month.actual, month.gap()),
            (1000, Some(850), Some(-150))
        );
        assert_eq!(
            month.status,
            Some(Status::OffTrack),
            "85 %: more than 10 % short"
        );
        let both = reading(PeriodRange::ending_at(november().first(), 2)).unwrap();
        assert_eq!(
            (both.target, both.actual, both.status),
            (1800, Some(1750), Some(Status::AtRisk))
        );
        assert_eq!(
            reading(PeriodRange::ending_at(november().first(), 3)),
            None,
            "September has none"
        );
        let weeks = PeriodRange::new(Period::containing(Granularity::Week, date(2026, 11, 2)), 4);
        assert_eq!(
            reading(weeks),
            None,
            "a month's target is not split into weeks"
        );
        plan.set_entry(stage.primary_metric, november().first(), None)
            .unwrap();
        let nothing = count_target_reading(&plan, &stage, november()).unwrap();
        assert_eq!(
            (nothing.actual, nothing.gap(), nothing.status),
            (None, None, None)
        );
    }

    #[test]
    fn rate_targets_over_100_or_under_1_percent_are_questioned() {
        assert_eq!(rate_target_warning(1.2), Some(RateWarning::OverHundred));
        assert_eq!(
            rate_target_warning(0.003),
            Some(RateWarning::LooksLikeFraction)
        );
        assert_eq!(rate_target_warning(0.3), None);
        assert_eq!(rate_target_warning(1.0), None);
        assert_eq!(rate_target_warning(0.0), None);
    }

    #[test]
    fn change_handles_missing_and_zero_values() {
        assert_eq!(change(None, Some(1.0)), None);
        assert_eq!(change(Some(1.0), None), None);
        assert_eq!(
            change(Some(2.0), Some(0.0)),
            Some(Change {
                absolute: 2.0,
                relative: None
            })
        );
        assert_eq!(
            change(Some(3.0), Some(2.0)),
            Some(Change {
                absolute: 1.0,
                relative: Some(0.5)
            })
        );
    }

    #[test]
    fn lost_reasons_are_shares_of_all_lost_deals() {
        let mut plan = seed_plan();
        let stage = plan.stages[3].id;
        plan.add_metric(
            MetricId(500),
            stage,
            "Lost: no budget",
            MetricKind::Count,
            true,
        )
        .unwrap();
        let shares = lost_reason_shares(&plan, november());
        let values: Vec<_> = shares.iter().map(|s| (s.count, s.share)).collect();
        assert_eq!(
            values,
            [
                (6, Some(0.5)),
                (3, Some(0.25)),
                (3, Some(0.25)),
                (0, Some(0.0))
            ]
        );
        let empty = lost_reason_shares(&plan, PeriodRange::new(november().first().next(), 1));
        assert!(empty.iter().all(|s| s.share.is_none()));
    }

    #[test]
    fn ratio_handles_the_largest_counts() {
        let max = crate::domain::number::MAX_COUNT;
        assert_eq!(ratio(max, max), Some(1.0));
        assert!(ratio(max, 1).is_some_and(f64::is_finite));
        assert_eq!(ratio(1, 0), None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::presets::inside_sales;

    proptest! {
        /// Whatever is entered, every KPI is either "no value" or finite.
        #[test]
        fn every_kpi_is_none_or_finite(
            values in proptest::collection::vec((0_usize..200, 0_i64..90, 0_u64..=crate::domain::number::MAX_ENTRY), 0..80),
            lag in 0_u32..3,
        ) {
            let mut plan = inside_sales(Lang::En);
            let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default();
            for (metric, offset, value) in values {
                let id = plan.metrics[metric % plan.metrics.len()].id;
                let day = Period::containing(Granularity::Day, start + chrono::Duration::days(offset));
                plan.set_entry(id, day, Some(value)).unwrap();
            }
            for kpi in &mut plan.kpis {
                kpi.lag = lag;
            }
            for granularity in Granularity::ALL {
                let range = PeriodRange::covering(granularity, start, start + chrono::Duration::days(89));
                for period in range.periods().map(|p| PeriodRange::new(p, 1)).chain([range]) {
                    for kpi in &plan.kpis {
                        let reading = read_kpi(&plan, kpi, period);
                        prop_assert!(reading.value.is_none_or(f64::is_finite));
                        prop_assert!(reading.change.is_none_or(|c| c.absolute.is_finite()));
                    }
                    for row in funnel_conversions(&plan, period) {
                        prop_assert!(row.step.is_none_or(f64::is_finite));
                        prop_assert!(row.cumulative.is_none_or(f64::is_finite));
                    }
                }
            }
        }
    }
}
