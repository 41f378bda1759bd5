//! The parts of a metric counted per member: each member's figures, and
//! those typed for no member (counted before the team counted per member,
//! or typed as "unassigned"). A metric's totals in [`Entries`] are always
//! the sum of its parts, period by period, so every KPI, chart, target and
//! SLA check reads totals exactly as before.
//!
//! A metric has parts only while a member has a figure for it; without
//! them, all its figures are unassigned.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Cell, Counts, Entries, EntryRefused};
use crate::domain::ids::{MemberId, MetricId};
use crate::domain::period::{Period, PeriodRange};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct MemberEntries(BTreeMap<MetricId, Parts>);

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Parts {
    /// Figures typed for no member.
    #[serde(default, skip_serializing_if = "Counts::is_empty")]
    pub unassigned: Counts,
    /// Each member's figures; no member is listed without one.
    pub members: BTreeMap<MemberId, Counts>,
}

/// Whose figures a view shows and an edit sets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Counter {
    /// The totals: what every KPI reads.
    #[default]
    Team,
    Member(MemberId),
    /// Figures typed for no member (for a metric not counted per member,
    /// all of them).
    Unassigned,
}

/// Everything entered for one metric, taken out and put back whole (a
/// removal and its undo, a rescale and its undo).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MetricFigures {
    pub totals: Counts,
    pub parts: Option<Parts>,
}

impl Parts {
    /// The figures a member or "unassigned" typed, if any (the team's are
    /// the totals, not a part).
    fn of(&self, counter: Counter) -> Option<&Counts> {
        match counter {
            Counter::Team => None,
            Counter::Member(member) => self.members.get(&member),
            Counter::Unassigned => Some(&self.unassigned),
        }
    }

    /// The sum of all parts: what the totals must be.
    pub fn sum(&self) -> Counts {
        let mut sum = self.unassigned.clone();
        for counts in self.members.values() {
            sum.add(counts);
        }
        sum
    }

    /// The period's total over the parts; `None` when no part has a figure.
    fn total_at(&self, period: Period) -> Option<u64> {
        std::iter::once(&self.unassigned)
            .chain(self.members.values())
            .filter_map(|counts| counts.get(period))
            .reduce(u64::saturating_add)
    }

    /// Every part multiplied by `multiply / divide` (rounded), or `None`
    /// when a value or a total would exceed `limit`.
    pub fn rescaled(&self, multiply: u64, divide: u64, limit: u64) -> Option<Parts> {
        let parts = Parts {
            unassigned: self.unassigned.rescaled(multiply, divide, limit)?,
            members: self
                .members
                .iter()
                .map(|(member, counts)| Some((*member, counts.rescaled(multiply, divide, limit)?)))
                .collect::<Option<_>>()?,
        };
        parts
            .sum()
            .iter()
            .all(|(_, total)| total <= limit)
            .then_some(parts)
    }

    /// How many figures the parts hold.
    pub fn figure_count(&self) -> usize {
        self.unassigned.len() + self.members.values().map(Counts::len).sum::<usize>()
    }

    /// How many figures a member typed.
    fn figures_of(&self, member: MemberId) -> usize {
        self.members.get(&member).map_or(0, Counts::len)
    }
}

impl MemberEntries {
    pub fn parts(&self, metric: MetricId) -> Option<&Parts> {
        self.0.get(&metric)
    }

    pub fn take(&mut self, metric: MetricId) -> Option<Parts> {
        self.0.remove(&metric)
    }

    /// Puts a metric's parts back; empty parts are not kept.
    pub fn put(&mut self, metric: MetricId, parts: Option<Parts>) {
        match parts.filter(|p| !p.members.is_empty()) {
            Some(parts) => self.0.insert(metric, parts),
            None => self.0.remove(&metric),
        };
    }

    pub fn iter(&self) -> impl Iterator<Item = (MetricId, &Parts)> {
        self.0.iter().map(|(metric, parts)| (*metric, parts))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many figures a member typed, over every metric.
    pub fn figures_of(&self, member: MemberId) -> usize {
        self.0.values().map(|p| p.figures_of(member)).sum()
    }

    /// Whether a member has a figure in the range for any of `metrics`.
    pub fn has_figures(&self, member: MemberId, metrics: &[MetricId], range: PeriodRange) -> bool {
        metrics.iter().any(|metric| {
            self.parts(*metric)
                .and_then(|p| p.members.get(&member))
                .is_some_and(|counts| counts.counted_in(range).next().is_some())
        })
    }
}

impl Entries {
    /// The figures `counter` typed for a metric, if any.
    fn of<'a>(
        &'a self,
        parts: &'a MemberEntries,
        counter: Counter,
        metric: MetricId,
    ) -> Option<&'a Counts> {
        if counter == Counter::Team {
            return self.counts(metric);
        }
        match parts.parts(metric) {
            Some(parts) => parts.of(counter),
            // Without parts every figure is unassigned.
            None if counter == Counter::Unassigned => self.counts(metric),
            None => None,
        }
    }

    /// What `counter` counted in a range (see [`Entries::entered_total`]).
    pub fn entered_total_of(
        &self,
        parts: &MemberEntries,
        counter: Counter,
        metric: MetricId,
        range: PeriodRange,
    ) -> Option<u64> {
        let mut counted = self
            .of(parts, counter, metric)?
            .counted_in(range)
            .peekable();
        counted.peek()?;
        Some(counted.fold(0_u64, |sum, (_, value)| sum.saturating_add(value)))
    }

    pub fn cell_of(
        &self,
        parts: &MemberEntries,
        counter: Counter,
        metric: MetricId,
        period: Period,
    ) -> Cell {
        self.of(parts, counter, metric)
            .map_or(Cell::Empty, |c| c.cell(period))
    }

    /// Sets (or with `None` clears) `who`'s own figure of a metric (`None`:
    /// unassigned) and the total it adds to; returns the figure it replaces.
    /// Refused where the total would overlap a figure of another granularity.
    pub fn set_part(
        &mut self,
        parts: &mut MemberEntries,
        who: Option<MemberId>,
        metric: MetricId,
        period: Period,
        value: Option<u64>,
    ) -> Result<Option<u64>, EntryRefused> {
        if who.is_none() && parts.parts(metric).is_none() {
            return self.set(metric, period, value);
        }
        if value.is_some() {
            if let Some(refusal) = self.refusal(metric, period) {
                return Err(refusal);
            }
        }
        let mut metric_parts = parts.take(metric).unwrap_or_else(|| Parts {
            unassigned: self.metric_counts(metric),
            members: BTreeMap::new(),
        });
        let counts = match who {
            Some(member) => metric_parts.members.entry(member).or_default(),
            None => &mut metric_parts.unassigned,
        };
        let result = counts.set(period, value);
        if result.is_ok() {
            self.put_total(metric, period, metric_parts.total_at(period));
        }
        metric_parts.members.retain(|_, counts| !counts.is_empty());
        parts.put(metric, Some(metric_parts));
        result
    }

    /// Takes out all of a metric's figures.
    pub fn take_figures(&mut self, parts: &mut MemberEntries, metric: MetricId) -> MetricFigures {
        MetricFigures {
            totals: self.take_metric(metric),
            parts: parts.take(metric),
        }
    }

    /// A copy of all of a metric's figures.
    pub fn metric_figures(&self, parts: &MemberEntries, metric: MetricId) -> MetricFigures {
        MetricFigures {
            totals: self.metric_counts(metric),
            parts: parts.parts(metric).cloned(),
        }
    }

    /// Puts back what [`Entries::take_figures`] took.
    pub fn put_figures(
        &mut self,
        parts: &mut MemberEntries,
        metric: MetricId,
        figures: MetricFigures,
    ) {
        self.replace_metric(metric, figures.totals);
        parts.put(metric, figures.parts);
    }
}

impl MetricFigures {
    /// How many figures there are, totals and parts.
    pub fn figure_count(&self) -> usize {
        self.totals.len() + self.parts.as_ref().map_or(0, Parts::figure_count)
    }

    /// Every figure multiplied by `multiply / divide` (rounded, each part on
    /// its own and the totals as their sum), or `None` when one would
    /// exceed `limit`.
    pub fn rescaled(&self, multiply: u64, divide: u64, limit: u64) -> Option<MetricFigures> {
        Some(match &self.parts {
            Some(parts) => {
                let parts = parts.rescaled(multiply, divide, limit)?;
                MetricFigures {
                    totals: parts.sum(),
                    parts: Some(parts),
                }
            }
            None => MetricFigures {
                totals: self.totals.rescaled(multiply, divide, limit)?,
                parts: None,
            },
        })
    }
}
