//! Counting per member: which metrics are, whose figures a view reads, and
//! setting a figure so its metric's total stays the sum of its parts.

use crate::domain::edit::Edit;
use crate::domain::entries::members::{Counter, MetricFigures, Parts};
use crate::domain::entries::{Cell, EntryRefused};
use crate::domain::ids::{MemberId, MetricId};
use crate::domain::number::MAX_ENTRY;
use crate::domain::period::{Period, PeriodRange};
use crate::domain::plan::{valid_entry_date, EditError, Plan};

impl Counter {
    /// Whether this counter types the figures of a metric: the team those
    /// of a metric not counted per member, a member (or "unassigned")
    /// those of one that is.
    pub fn types(self, per_member: bool) -> bool {
        (self == Counter::Team) != per_member
    }

    /// The edit that sets this counter's figure of a metric for a period.
    pub fn edit(self, metric: MetricId, period: Period, value: Option<u64>) -> Edit {
        match self {
            Counter::Member(member) => Edit::SetMemberEntry(member, metric, period, value),
            Counter::Team | Counter::Unassigned => Edit::SetEntry(metric, period, value),
        }
    }
}

impl Plan {
    pub fn counted_per_member(&self, metric: MetricId) -> bool {
        self.metric(metric).is_some_and(|m| m.per_member)
    }

    /// The metrics counted per member, in plan order.
    pub fn per_member_metrics(&self) -> Vec<MetricId> {
        self.metrics
            .iter()
            .filter(|m| m.per_member)
            .map(|m| m.id)
            .collect()
    }

    /// What `counter` counted of a metric in a range; `None` when nothing.
    pub fn entered_total_of(
        &self,
        counter: Counter,
        metric: MetricId,
        range: PeriodRange,
    ) -> Option<u64> {
        self.entries
            .entered_total_of(&self.member_entries, counter, metric, range)
    }

    /// A grid cell as `counter` sees it.
    pub fn cell_of(&self, counter: Counter, metric: MetricId, period: Period) -> Cell {
        self.entries
            .cell_of(&self.member_entries, counter, metric, period)
    }

    /// Who counted what of a metric's total for a period: each member with
    /// a figure in it, in the plan's order, then what was typed for no
    /// member (when anything was).
    pub fn breakdown(&self, metric: MetricId, period: Period) -> Vec<(Counter, u64)> {
        self.members
            .iter()
            .map(|m| Counter::Member(m.id))
            .chain([Counter::Unassigned])
            .filter_map(|counter| Some((counter, self.cell_of(counter, metric, period).total()?)))
            .collect()
    }

    /// Whether `counter` types a metric's figures (see [`Counter::types`]).
    pub fn typed_by(&self, counter: Counter, metric: MetricId) -> bool {
        counter.types(self.counted_per_member(metric))
    }

    /// Why a member (or "unassigned") cannot type a figure where their own
    /// cell is empty: another part's figure of another granularity overlaps
    /// it (the team's view shows such overlaps in the cells themselves).
    pub fn refusal_for(
        &self,
        counter: Counter,
        metric: MetricId,
        period: Period,
    ) -> Option<EntryRefused> {
        if counter == Counter::Team || self.cell_of(counter, metric, period) != Cell::Empty {
            return None;
        }
        self.entries.refusal(metric, period)
    }

    /// Whether `counter` can type a figure of its own in the period.
    pub fn can_type(&self, counter: Counter, metric: MetricId, period: Period) -> bool {
        self.typed_by(counter, metric)
            && self.cell_of(counter, metric, period).editable()
            && self.refusal_for(counter, metric, period).is_none()
    }

    /// Sets (or with `None` clears) a metric's unassigned figure for one
    /// period (for a metric not counted per member, its figure), kept at
    /// that period's granularity; returns the figure it replaces.
    pub fn set_entry(
        &mut self,
        metric: MetricId,
        period: Period,
        value: Option<u64>,
    ) -> Result<Option<u64>, EditError> {
        self.set_part(None, metric, period, value)
    }

    /// Sets (or with `None` clears) a member's figure of a metric counted
    /// per member; its total becomes the sum of the parts.
    pub fn set_member_entry(
        &mut self,
        member: MemberId,
        metric: MetricId,
        period: Period,
        value: Option<u64>,
    ) -> Result<Option<u64>, EditError> {
        self.member(member).ok_or(EditError::UnknownMember)?;
        if !self.counted_per_member(metric) {
            self.metric(metric).ok_or(EditError::UnknownMetric)?;
            return Err(EditError::NotCountedPerMember);
        }
        self.set_part(Some(member), metric, period, value)
    }

    fn set_part(
        &mut self,
        who: Option<MemberId>,
        metric: MetricId,
        period: Period,
        value: Option<u64>,
    ) -> Result<Option<u64>, EditError> {
        self.metric(metric).ok_or(EditError::UnknownMetric)?;
        if !valid_entry_date(period.start()) {
            return Err(EditError::DateOutOfRange);
        }
        if value.is_some_and(|v| v > MAX_ENTRY) {
            return Err(EditError::ValueTooLarge);
        }
        let old = self
            .entries
            .set_part(&mut self.member_entries, who, metric, period, value)?;
        // The parts may each be in bounds and their sum not.
        if self.entries.cell(metric, period).total() > Some(MAX_ENTRY) {
            self.entries
                .set_part(&mut self.member_entries, who, metric, period, old)?;
            return Err(EditError::ValueTooLarge);
        }
        Ok(old)
    }

    /// Switches a metric to counting per member, or back to one total. Back
    /// to one total, every figure stays in the totals and the members'
    /// parts are returned (undo puts them back).
    pub fn set_per_member(
        &mut self,
        metric: MetricId,
        per_member: bool,
    ) -> Result<Option<Parts>, EditError> {
        self.metric_mut(metric)?.per_member = per_member;
        Ok(if per_member {
            None
        } else {
            self.member_entries.take(metric)
        })
    }

    /// Counts a metric per member again with the parts it had; refused when
    /// the totals are no longer their sum (another tab changed them).
    pub fn restore_member_parts(
        &mut self,
        metric: MetricId,
        parts: Parts,
    ) -> Result<(), EditError> {
        self.metric(metric).ok_or(EditError::UnknownMetric)?;
        if parts.sum() != self.entries.metric_counts(metric) {
            return Err(EditError::CountsChanged);
        }
        let figures = MetricFigures {
            totals: parts.sum(),
            parts: Some(parts),
        };
        self.check_parts(true, &figures)?;
        self.metric_mut(metric)?.per_member = true;
        self.put_figures(metric, figures);
        Ok(())
    }

    /// Refused when figures put back have members' parts that no longer
    /// fit: the metric is not counted per member any more (another tab
    /// switched it), or a member is gone.
    pub(crate) fn check_parts(
        &self,
        per_member: bool,
        figures: &MetricFigures,
    ) -> Result<(), EditError> {
        let Some(parts) = &figures.parts else {
            return Ok(());
        };
        if !per_member {
            return Err(EditError::CountsChanged);
        }
        for member in parts.members.keys() {
            self.member(*member).ok_or(EditError::UnknownMember)?;
        }
        Ok(())
    }

    pub(crate) fn put_figures(&mut self, metric: MetricId, figures: MetricFigures) {
        self.entries
            .put_figures(&mut self.member_entries, metric, figures);
    }

    /// A metric's figures rescaled by `multiply / divide` (a change to or
    /// from money, of currency).
    pub(crate) fn rescaled_figures(
        &self,
        metric: MetricId,
        multiply: u64,
        divide: u64,
    ) -> Result<MetricFigures, EditError> {
        self.entries
            .metric_figures(&self.member_entries, metric)
            .rescaled(multiply, divide, MAX_ENTRY)
            .ok_or(EditError::ValueTooLarge)
    }
}
