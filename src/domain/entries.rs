//! Counts as entered: per metric, per day. A week or month is the sum of
//! its days, so every granularity agrees on every total. A value entered
//! for a whole week or month is stored on its first day.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::de::{Error as _, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::ids::MetricId;
use super::period::{parse_iso_day, Period, PeriodRange};

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Entries(BTreeMap<MetricId, BTreeMap<NaiveDate, u64>>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<MetricId, Days>::deserialize(deserializer)
            .map(|metrics| Entries(metrics.into_iter().map(|(m, days)| (m, days.0)).collect()))
    }
}

/// One metric's days, read with `parse_iso_day` rather than chrono's
/// general parser (which would add kilobytes to every download).
struct Days(BTreeMap<NaiveDate, u64>);

impl<'de> Deserialize<'de> for Days {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DaysVisitor;
        impl<'de> Visitor<'de> for DaysVisitor {
            type Value = Days;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("counts by YYYY-MM-DD day")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Days, A::Error> {
                let mut days = BTreeMap::new();
                while let Some((day, value)) = map.next_entry::<String, u64>()? {
                    let day = parse_iso_day(&day).ok_or_else(|| {
                        A::Error::custom(format!("{day:?} is not a YYYY-MM-DD day"))
                    })?;
                    days.insert(day, value);
                }
                Ok(Days(days))
            }
        }
        deserializer.deserialize_map(DaysVisitor)
    }
}

/// What a grid cell shows for one metric and period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Sum of the entries in the period; `None` when nothing was entered.
    pub total: Option<u64>,
    /// False when the total is made of entries on several days: it can only
    /// be changed at a finer granularity, or the daily detail would be lost.
    pub editable: bool,
}

impl Default for Cell {
    /// An empty period: nothing entered, free to edit.
    fn default() -> Self {
        Cell {
            total: None,
            editable: true,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("this total is the sum of entries on several days; change it in a finer view")]
pub struct SplitAcrossDays;

impl Entries {
    /// Sum over `[start, end)`; saturates instead of overflowing.
    pub fn total(&self, metric: MetricId, start: NaiveDate, end: NaiveDate) -> u64 {
        self.days(metric, start, end)
            .fold(0_u64, |sum, (_, value)| sum.saturating_add(value))
    }

    pub fn range_total(&self, metric: MetricId, range: PeriodRange) -> u64 {
        self.total(metric, range.start(), range.end())
    }

    /// The sum over a range, or `None` when nothing was entered in it: a
    /// metric nobody counted is unknown, not zero.
    pub fn entered_total(&self, metric: MetricId, range: PeriodRange) -> Option<u64> {
        let mut days = self.days(metric, range.start(), range.end()).peekable();
        days.peek()?;
        Some(days.fold(0_u64, |sum, (_, value)| sum.saturating_add(value)))
    }

    fn days(
        &self,
        metric: MetricId,
        start: NaiveDate,
        end: NaiveDate,
    ) -> impl Iterator<Item = (NaiveDate, u64)> + '_ {
        self.0
            .get(&metric)
            .filter(|_| start < end)
            .into_iter()
            .flat_map(move |days| days.range(start..end).map(|(d, v)| (*d, *v)))
    }

    pub fn cell(&self, metric: MetricId, period: Period) -> Cell {
        let mut days = self.days(metric, period.start(), period.end()).peekable();
        let Some(&(first_day, _)) = days.peek() else {
            return Cell {
                total: None,
                editable: true,
            };
        };
        let (count, total) = days.fold((0, 0_u64), |(n, sum), (_, v)| {
            (n + 1, sum.saturating_add(v))
        });
        Cell {
            total: Some(total),
            editable: count == 1 && first_day == period.start(),
        }
    }

    /// Sets a period's value. Refused when the period holds entries on more
    /// than one day, or on another day than its first.
    pub fn set(
        &mut self,
        metric: MetricId,
        period: Period,
        value: u64,
    ) -> Result<(), SplitAcrossDays> {
        if !self.cell(metric, period).editable {
            return Err(SplitAcrossDays);
        }
        self.0
            .entry(metric)
            .or_default()
            .insert(period.start(), value);
        Ok(())
    }

    /// Clears a period's value (same rule as `set`).
    pub fn clear(&mut self, metric: MetricId, period: Period) -> Result<(), SplitAcrossDays> {
        if !self.cell(metric, period).editable {
            return Err(SplitAcrossDays);
        }
        if let Some(days) = self.0.get_mut(&metric) {
            days.remove(&period.start());
            if days.is_empty() {
                self.0.remove(&metric);
            }
        }
        Ok(())
    }

    /// A metric's entries multiplied by `multiply / divide` (rounded), or
    /// `None` when a value would exceed `limit`.
    pub fn rescaled(
        &self,
        metric: MetricId,
        multiply: u64,
        divide: u64,
        limit: u64,
    ) -> Option<BTreeMap<NaiveDate, u64>> {
        let divide = divide.max(1);
        self.0
            .get(&metric)
            .into_iter()
            .flatten()
            .map(|(day, value)| {
                let scaled = u128::from(*value) * u128::from(multiply) + u128::from(divide / 2);
                let scaled = u64::try_from(scaled / u128::from(divide))
                    .ok()
                    .filter(|v| *v <= limit)?;
                Some((*day, scaled))
            })
            .collect()
    }

    /// A copy of one metric's entries.
    pub fn metric_days(&self, metric: MetricId) -> BTreeMap<NaiveDate, u64> {
        self.0.get(&metric).cloned().unwrap_or_default()
    }

    pub fn take_metric(&mut self, metric: MetricId) -> BTreeMap<NaiveDate, u64> {
        self.0.remove(&metric).unwrap_or_default()
    }

    /// Sets all of a metric's entries at once (a rescale, an undo).
    pub fn replace_metric(&mut self, metric: MetricId, days: BTreeMap<NaiveDate, u64>) {
        self.0.remove(&metric);
        self.put_metric(metric, days);
    }

    pub fn put_metric(&mut self, metric: MetricId, days: BTreeMap<NaiveDate, u64>) {
        if !days.is_empty() {
            self.0.insert(metric, days);
        }
    }

    pub fn metrics(&self) -> impl Iterator<Item = MetricId> + '_ {
        self.0.keys().copied()
    }

    /// Every date with an entry, of any metric.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.0.values().flat_map(|days| days.keys().copied())
    }

    pub fn values(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.values().flat_map(|days| days.values().copied())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::Granularity;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const CALLS: MetricId = MetricId(7);

    fn day(y: i32, m: u32, d: u32) -> Period {
        Period::containing(Granularity::Day, date(y, m, d))
    }

    #[test]
    fn daily_entries_roll_up_across_a_month_boundary() {
        let mut entries = Entries::default();
        // Friday 30 Oct to Tuesday 3 Nov 2026: one ISO week, two months.
        for (d, value) in [
            (date(2026, 10, 30), 10),
            (date(2026, 10, 31), 20),
            (date(2026, 11, 2), 5),
            (date(2026, 11, 3), 7),
        ] {
            entries
                .set(CALLS, Period::containing(Granularity::Day, d), value)
                .unwrap();
        }
        let week = Period::containing(Granularity::Week, date(2026, 10, 30));
        assert_eq!(
            entries.cell(CALLS, week).total,
            Some(30),
            "Mon 26 Oct – Sun 1 Nov"
        );
        assert_eq!(entries.cell(CALLS, week.next()).total, Some(12));
        let october = Period::containing(Granularity::Month, date(2026, 10, 1));
        assert_eq!(entries.cell(CALLS, october).total, Some(30));
        assert_eq!(entries.cell(CALLS, october.next()).total, Some(12));
        assert_eq!(entries.cell(CALLS, october.offset(2)).total, None);
    }

    #[test]
    fn iso_week_53_rolls_up_into_december_and_january() {
        let mut entries = Entries::default();
        entries.set(CALLS, day(2026, 12, 31), 4).unwrap();
        entries.set(CALLS, day(2027, 1, 3), 6).unwrap();
        let week53 = Period::containing(Granularity::Week, date(2027, 1, 1));
        assert_eq!(week53.iso_week(), (2026, 53));
        assert_eq!(entries.cell(CALLS, week53).total, Some(10));
        let december = Period::containing(Granularity::Month, date(2026, 12, 1));
        assert_eq!(entries.cell(CALLS, december).total, Some(4));
        assert_eq!(entries.cell(CALLS, december.next()).total, Some(6));
    }

    #[test]
    fn a_total_of_several_days_is_read_only_at_coarser_granularity() {
        let mut entries = Entries::default();
        entries.set(CALLS, day(2026, 11, 24), 3).unwrap();
        entries.set(CALLS, day(2026, 11, 25), 4).unwrap();
        let week = Period::containing(Granularity::Week, date(2026, 11, 24));
        assert_eq!(
            entries.cell(CALLS, week),
            Cell {
                total: Some(7),
                editable: false
            }
        );
        assert_eq!(entries.set(CALLS, week, 100), Err(SplitAcrossDays));
        assert_eq!(
            entries.cell(CALLS, week).total,
            Some(7),
            "refused edits change nothing"
        );
    }

    #[test]
    fn a_weekly_value_is_stored_on_monday_and_can_be_changed_weekly() {
        let mut entries = Entries::default();
        let week = Period::containing(Granularity::Week, date(2026, 11, 26));
        entries.set(CALLS, week, 50).unwrap();
        assert_eq!(
            entries.cell(CALLS, week),
            Cell {
                total: Some(50),
                editable: true
            }
        );
        assert_eq!(entries.cell(CALLS, day(2026, 11, 23)).total, Some(50));
        entries.set(CALLS, week, 60).unwrap();
        assert_eq!(entries.cell(CALLS, week).total, Some(60));
        entries.clear(CALLS, week).unwrap();
        assert_eq!(entries.cell(CALLS, week).total, None);
        assert!(entries.is_empty());
    }

    #[test]
    fn an_entered_zero_differs_from_nothing_entered() {
        let mut entries = Entries::default();
        let november =
            PeriodRange::new(Period::containing(Granularity::Month, date(2026, 11, 1)), 1);
        assert_eq!(entries.entered_total(CALLS, november), None);
        entries.set(CALLS, day(2026, 11, 3), 0).unwrap();
        assert_eq!(entries.entered_total(CALLS, november), Some(0));
        assert_eq!(entries.entered_total(CALLS, november.previous()), None);
    }

    #[test]
    fn totals_saturate_instead_of_overflowing() {
        let mut entries = Entries::default();
        entries.set(CALLS, day(2026, 1, 1), u64::MAX).unwrap();
        entries.set(CALLS, day(2026, 1, 2), u64::MAX).unwrap();
        assert_eq!(
            entries.total(CALLS, date(2026, 1, 1), date(2026, 2, 1)),
            u64::MAX
        );
        assert_eq!(
            entries.total(CALLS, date(2026, 2, 1), date(2026, 1, 1)),
            0,
            "empty window"
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::domain::period::Granularity;
    use proptest::prelude::*;

    fn base() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default()
    }

    proptest! {
        /// Whatever the view, the periods covering the entered days add up
        /// to the same grand total.
        #[test]
        fn every_granularity_sums_to_the_same_total(
            days in proptest::collection::btree_map(0_i64..500, 0_u64..1_000_000, 0..60)
        ) {
            let metric = MetricId(1);
            let mut entries = Entries::default();
            for (offset, value) in &days {
                let day = Period::containing(Granularity::Day, base() + chrono::Duration::days(*offset));
                entries.set(metric, day, *value).unwrap();
            }
            let grand_total: u64 = days.values().sum();
            let last_day = base() + chrono::Duration::days(499);
            for granularity in Granularity::ALL {
                let range = PeriodRange::covering(granularity, base(), last_day);
                let sum: u64 = range
                    .periods()
                    .map(|p| entries.cell(metric, p).total.unwrap_or(0))
                    .sum();
                prop_assert_eq!(sum, grand_total, "{:?}", granularity);
            }
        }

        /// Values entered per week or per month add up the same in every view.
        #[test]
        fn coarse_entries_roll_up_unchanged(
            values in proptest::collection::vec(0_u64..10_000, 1..30),
            monthly in any::<bool>(),
        ) {
            let metric = MetricId(1);
            let granularity = if monthly { Granularity::Month } else { Granularity::Week };
            let range = PeriodRange::new(Period::containing(granularity, base()), values.len());
            let mut entries = Entries::default();
            for (period, value) in range.periods().zip(&values) {
                entries.set(metric, period, *value).unwrap();
            }
            let total: u64 = values.iter().sum();
            for view in Granularity::ALL {
                let covering = PeriodRange::covering(view, range.start(), range.last().last_day());
                let sum: u64 = covering.periods().map(|p| entries.cell(metric, p).total.unwrap_or(0)).sum();
                prop_assert_eq!(sum, total);
            }
        }
    }
}
