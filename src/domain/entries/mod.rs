//! Counts as entered: per metric, a figure per day, per ISO week or per
//! month, each kept at the granularity it was typed in. Nothing is ever
//! counted twice, because a figure is refused where it would overlap one of
//! another granularity (a day inside a week or month that has a figure of
//! its own, a week whose Thursday falls in such a month).
//!
//! Which figures a range counts:
//! - its own granularity and finer ones by where they fall, a week in the
//!   month of its Thursday (as ISO weeks count in years);
//! - a coarser figure only when the range holds its whole period: a month
//!   total is never split into weeks or days, nor shown on its 1st (a range
//!   of weeks holds a month when it holds every week whose Thursday is in
//!   it);
//! - a range of days that is exactly whole months counts as those months.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};
use serde::de::{Error as _, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::MetricId;
use super::period::{Granularity, Period, PeriodRange};

pub mod members;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Entries(BTreeMap<MetricId, Counts>);

/// One metric's figures, by granularity (indexed by `Granularity as usize`)
/// and first day of their period.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
// Written by hand as a map from period keys (see `Serialize` below).
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    schemars(with = "crate::domain::format::schema::Figures")
)]
pub struct Counts([BTreeMap<NaiveDate, u64>; 3]);

/// What a grid cell shows for one metric and period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Cell {
    /// Nothing counts in the period.
    #[default]
    Empty,
    /// The period's own figure.
    Entered(u64),
    /// The sum of figures entered for shorter periods in it: they are
    /// changed where they were entered, or the detail would be lost.
    Sum {
        total: u64,
        weeks: usize,
        days: usize,
    },
    /// A figure for a longer period holds this one (a month total in the
    /// week view); it is not split, so this period has no figure.
    Covered { by: Period, total: u64 },
}

impl Cell {
    /// What counts in the period, if anything.
    pub fn total(self) -> Option<u64> {
        match self {
            Cell::Entered(total) | Cell::Sum { total, .. } => Some(total),
            Cell::Empty | Cell::Covered { .. } => None,
        }
    }

    /// Whether a figure can be typed in for the period.
    pub fn editable(self) -> bool {
        matches!(self, Cell::Empty | Cell::Entered(_))
    }
}

/// Why a figure cannot be set for a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EntryRefused {
    #[error(
        "figures entered for shorter periods add up here; change them where they were entered"
    )]
    Summed,
    #[error("a figure for a longer period holds this one; remove it first")]
    Covered(Period),
}

impl Counts {
    fn layer(&self, granularity: Granularity) -> &BTreeMap<NaiveDate, u64> {
        &self.0[granularity as usize]
    }

    fn layer_mut(&mut self, granularity: Granularity) -> &mut BTreeMap<NaiveDate, u64> {
        &mut self.0[granularity as usize]
    }

    fn in_layer(
        &self,
        granularity: Granularity,
        starts: Range<NaiveDate>,
    ) -> impl Iterator<Item = (Period, u64)> + '_ {
        let layer = self.layer(granularity);
        (starts.start < starts.end)
            .then(|| layer.range(starts))
            .into_iter()
            .flatten()
            .map(move |(start, value)| (Period::containing(granularity, *start), *value))
    }

    /// Every figure, with its period.
    pub fn iter(&self) -> impl Iterator<Item = (Period, u64)> + '_ {
        Granularity::ALL.into_iter().flat_map(|g| {
            self.layer(g)
                .iter()
                .map(move |(start, value)| (Period::containing(g, *start), *value))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(BTreeMap::is_empty)
    }

    /// How many figures there are.
    pub fn len(&self) -> usize {
        self.0.iter().map(BTreeMap::len).sum()
    }

    fn get(&self, period: Period) -> Option<u64> {
        self.layer(period.granularity())
            .get(&period.start())
            .copied()
    }

    /// The figures a range counts (see the module's rules).
    fn counted_in(&self, range: PeriodRange) -> impl Iterator<Item = (Period, u64)> + '_ {
        let (start, end) = (range.start(), range.end());
        let whole_months = Period::containing(Granularity::Month, start).start() == start
            && Period::containing(Granularity::Month, end).start() == end;
        let granularity = if whole_months {
            Granularity::Month
        } else {
            range.granularity()
        };
        let back = |date: NaiveDate, days: i64| date.checked_sub_signed(Duration::days(days));
        let weeks = match granularity {
            Granularity::Day => Some(start..back(end, 6).unwrap_or(start)),
            Granularity::Week => Some(start..end),
            // Weeks whose Thursday is in the range.
            Granularity::Month => back(start, 3).zip(back(end, 3)).map(|(s, e)| s..e),
        };
        // Whole months; for weeks, those whose every Thursday is in the range.
        let slack = if granularity == Granularity::Week {
            3
        } else {
            0
        };
        let months = self
            .in_layer(Granularity::Month, back(start, slack).unwrap_or(start)..end)
            .filter(move |(month, _)| back(month.end(), slack).is_some_and(|e| e <= end));
        self.in_layer(Granularity::Day, start..end)
            .chain(
                weeks
                    .into_iter()
                    .flat_map(|w| self.in_layer(Granularity::Week, w)),
            )
            .chain(months)
    }

    fn cell(&self, period: Period) -> Cell {
        if let Some(value) = self.get(period) {
            return Cell::Entered(value);
        }
        let (mut total, mut weeks, mut days) = (None::<u64>, 0, 0);
        for (part, value) in self.counted_in(PeriodRange::new(period, 1)) {
            total = Some(total.unwrap_or(0).saturating_add(value));
            match part.granularity() {
                Granularity::Week => weeks += 1,
                _ => days += 1,
            }
        }
        if let Some(total) = total {
            return Cell::Sum { total, weeks, days };
        }
        self.covering(period)
            .map_or(Cell::Empty, |(by, total)| Cell::Covered { by, total })
    }

    /// The coarser figure that holds `period`, if any (the finest one).
    fn covering(&self, period: Period) -> Option<(Period, u64)> {
        let week = Period::containing(Granularity::Week, period.start());
        let month = Period::containing(Granularity::Month, period.anchor());
        let candidates: &[Period] = match period.granularity() {
            Granularity::Day => &[week, month],
            Granularity::Week => &[month],
            Granularity::Month => &[],
        };
        candidates
            .iter()
            .find_map(|by| self.get(*by).map(|total| (*by, total)))
    }

    /// Why `period` cannot hold a figure of its own, if it cannot.
    fn refusal(&self, period: Period) -> Option<EntryRefused> {
        if self.get(period).is_some() {
            return None;
        }
        if let Some((by, _)) = self.covering(period) {
            return Some(EntryRefused::Covered(by));
        }
        let finer = self
            .counted_in(PeriodRange::new(period, 1))
            .any(|(part, _)| part.granularity() < period.granularity());
        finer.then_some(EntryRefused::Summed)
    }

    /// The first two figures that overlap, if a file holds any.
    fn first_overlap(&self) -> Option<(Period, Period)> {
        self.iter()
            .find_map(|(period, _)| self.covering(period).map(|(by, _)| (period, by)))
    }

    fn set(&mut self, period: Period, value: Option<u64>) -> Result<Option<u64>, EntryRefused> {
        let layer = self.layer_mut(period.granularity());
        match value {
            None => Ok(layer.remove(&period.start())),
            Some(value) => {
                if let Some(refusal) = self.refusal(period) {
                    return Err(refusal);
                }
                Ok(self
                    .layer_mut(period.granularity())
                    .insert(period.start(), value))
            }
        }
    }

    /// Adds `other`'s figures to these, period by period (saturating).
    fn add(&mut self, other: &Counts) {
        for (period, value) in other.iter() {
            let sum = self
                .layer_mut(period.granularity())
                .entry(period.start())
                .or_insert(0);
            *sum = sum.saturating_add(value);
        }
    }

    fn map_values(&self, f: impl Fn(u64) -> Option<u64>) -> Option<Counts> {
        let mut mapped = Counts::default();
        for (period, value) in self.iter() {
            mapped
                .layer_mut(period.granularity())
                .insert(period.start(), f(value)?);
        }
        Some(mapped)
    }

    /// The figures multiplied by `multiply / divide` (rounded), or `None`
    /// when a value would exceed `limit`.
    pub fn rescaled(&self, multiply: u64, divide: u64, limit: u64) -> Option<Counts> {
        let divide = u128::from(divide.max(1));
        self.map_values(|value| {
            let scaled = (u128::from(value) * u128::from(multiply) + divide / 2) / divide;
            u64::try_from(scaled).ok().filter(|v| *v <= limit)
        })
    }

    /// Figures stored by day before version 5 of the file format, read as
    /// what they most likely were: a month's only figure on its 1st was
    /// typed in the month view, and a week's only figure on its Monday in
    /// the week view (when its Thursday is in the same month, so the month
    /// totals stay as they were). Everything else stays a day's figure.
    pub fn from_days(days: &BTreeMap<NaiveDate, u64>) -> Counts {
        let alone_in = |period: Period| days.range(period.start()..period.end()).count() == 1;
        let mut counts = Counts::default();
        for (day, value) in days {
            let month = Period::containing(Granularity::Month, *day);
            let week = Period::containing(Granularity::Week, *day);
            let period = if day.day() == 1 && alone_in(month) {
                month
            } else if week.start() == *day && week.month() == month.month() && alone_in(week) {
                week
            } else {
                Period::containing(Granularity::Day, *day)
            };
            counts
                .layer_mut(period.granularity())
                .insert(period.start(), *value);
        }
        counts
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (period, value) in self.iter() {
            map.serialize_entry(&period.file_key(), &value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Counts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountsVisitor;
        impl<'de> Visitor<'de> for CountsVisitor {
            type Value = Counts;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("counts by YYYY-MM-DD day, YYYY-Www week or YYYY-MM month")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Counts, A::Error> {
                let mut counts = Counts::default();
                while let Some((key, value)) = map.next_entry::<String, u64>()? {
                    let period = Period::from_file_key(&key).ok_or_else(|| {
                        A::Error::custom(format!("{key:?} is not a day, week or month"))
                    })?;
                    counts
                        .layer_mut(period.granularity())
                        .insert(period.start(), value);
                }
                Ok(counts)
            }
        }
        deserializer.deserialize_map(CountsVisitor)
    }
}

impl Entries {
    /// One metric's figures, if it has any.
    pub fn counts(&self, metric: MetricId) -> Option<&Counts> {
        self.0.get(&metric)
    }

    /// The range's total, or `None` when nothing counts in it: a metric
    /// nobody counted is unknown, not zero. Saturates instead of overflowing.
    pub fn entered_total(&self, metric: MetricId, range: PeriodRange) -> Option<u64> {
        let mut counted = self.counts(metric)?.counted_in(range).peekable();
        counted.peek()?;
        Some(counted.fold(0_u64, |sum, (_, value)| sum.saturating_add(value)))
    }

    pub fn range_total(&self, metric: MetricId, range: PeriodRange) -> u64 {
        self.entered_total(metric, range).unwrap_or(0)
    }

    pub fn cell(&self, metric: MetricId, period: Period) -> Cell {
        self.counts(metric).map_or(Cell::Empty, |c| c.cell(period))
    }

    /// Sets (or with `None` clears) a period's own figure and returns the
    /// one it replaces. Refused where it would overlap a figure of another
    /// granularity.
    pub fn set(
        &mut self,
        metric: MetricId,
        period: Period,
        value: Option<u64>,
    ) -> Result<Option<u64>, EntryRefused> {
        let counts = self.0.entry(metric).or_default();
        let result = counts.set(period, value);
        if counts.is_empty() {
            self.0.remove(&metric);
        }
        result
    }

    /// Why a figure of its own cannot be set for `period`, if it cannot.
    pub fn refusal(&self, metric: MetricId, period: Period) -> Option<EntryRefused> {
        self.counts(metric).and_then(|c| c.refusal(period))
    }

    /// Sets a total as its parts add it up, without the overlap check the
    /// parts already passed.
    fn put_total(&mut self, metric: MetricId, period: Period, total: Option<u64>) {
        let counts = self.0.entry(metric).or_default();
        let layer = counts.layer_mut(period.granularity());
        match total {
            Some(total) => layer.insert(period.start(), total),
            None => layer.remove(&period.start()),
        };
        if counts.is_empty() {
            self.0.remove(&metric);
        }
    }

    /// A copy of one metric's figures.
    pub fn metric_counts(&self, metric: MetricId) -> Counts {
        self.counts(metric).cloned().unwrap_or_default()
    }

    pub fn take_metric(&mut self, metric: MetricId) -> Counts {
        self.0.remove(&metric).unwrap_or_default()
    }

    /// Sets all of a metric's figures at once (a rescale, an undo).
    pub fn replace_metric(&mut self, metric: MetricId, counts: Counts) {
        self.0.remove(&metric);
        self.put_metric(metric, counts);
    }

    pub fn put_metric(&mut self, metric: MetricId, counts: Counts) {
        if !counts.is_empty() {
            self.0.insert(metric, counts);
        }
    }

    pub fn metrics(&self) -> impl Iterator<Item = MetricId> + '_ {
        self.0.keys().copied()
    }

    /// Every figure of every metric, with its period.
    pub fn figures(&self) -> impl Iterator<Item = (Period, u64)> + '_ {
        self.0.values().flat_map(Counts::iter)
    }

    /// Figures that overlap (only a damaged or hand-edited file has any):
    /// the metric and both periods.
    pub fn first_overlap(&self) -> Option<(MetricId, Period, Period)> {
        self.0
            .iter()
            .find_map(|(metric, counts)| counts.first_overlap().map(|(a, b)| (*metric, a, b)))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests;
