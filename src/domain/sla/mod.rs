//! Service-level agreements between departments (部門間合意): at each
//! hand-off, what a lead must meet to be handed over, who follows up after,
//! and numeric promises checked against the counts period by period.
//!
//! A promise on a metric is a volume per month ("≥ 300 MQLs"): a week or a
//! day is held to its share of each month it touches, by calendar days. A
//! promise on a KPI is a rate or an average ("acceptance ≥ 70 %", "logged
//! within 3 days on average") and holds as is in every period.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::departments::DepartmentId;
use super::ids::{KpiId, MetricId};
pub use super::ids::{SlaId, ThresholdId};
use super::kpi::{kpi_value, parse_count_target, parse_target};
use super::locale::Lang;
use super::money::Currency;
use super::number::CountError;
use super::number::MAX_ENTRY;
use super::period::{Period, PeriodRange};
use super::plan::{EditError, KpiDisplay, MetricKind, Plan, MAX_NAME_CHARS};

pub const MAX_SLA_CARDS: usize = 20;
pub const MAX_THRESHOLDS: usize = 12;
pub const MAX_CRITERIA: usize = 20;
/// A criterion is a line of a checklist; the follow-up a short paragraph.
pub const MAX_CRITERION_CHARS: usize = 2 * MAX_NAME_CHARS;
pub const MAX_FOLLOW_UP_CHARS: usize = 500;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct SlaCard {
    pub id: SlaId,
    pub from: DepartmentId,
    pub to: DepartmentId,
    /// What a lead must meet to be handed over, one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(max = MAX_CRITERIA), inner(length(min = 1, max = MAX_CRITERION_CHARS)))
    )]
    pub criteria: Vec<String>,
    /// Who does what after the hand-off.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = MAX_FOLLOW_UP_CHARS)))]
    pub follow_up: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = MAX_THRESHOLDS)))]
    pub thresholds: Vec<Threshold>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Threshold {
    pub id: ThresholdId,
    /// The side of the hand-off that keeps this promise: the sender for
    /// what it hands over, the receiver for how it follows up.
    pub kept_by: DepartmentId,
    pub measure: Measure,
    pub comparison: Comparison,
    /// Per month for a metric (in its units: minor units for money); in
    /// the KPI's own units for a KPI (a ratio for a percentage: 0.7).
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(min = 0, max = MAX_ENTRY)))]
    pub value: f64,
}

/// What a promise is measured on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Metric(MetricId),
    Kpi(KpiId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    AtLeast,
    AtMost,
}

impl Comparison {
    pub const ALL: [Comparison; 2] = [Comparison::AtLeast, Comparison::AtMost];

    pub fn key(self) -> &'static str {
        match self {
            Comparison::AtLeast => "at_least",
            Comparison::AtMost => "at_most",
        }
    }

    pub fn from_key(key: &str) -> Option<Comparison> {
        Comparison::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::AtMost => "≤",
        }
    }

    fn holds(self, actual: f64, required: f64) -> bool {
        match self {
            Comparison::AtLeast => actual >= required,
            Comparison::AtMost => actual <= required,
        }
    }
}

/// How a promise's figures are written: in its metric's kind or its KPI's display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Metric(MetricKind),
    Kpi(KpiDisplay),
}

impl Plan {
    /// The unit of a measure; `None` once the metric or KPI is gone.
    pub fn unit_of(&self, measure: Measure) -> Option<Unit> {
        match measure {
            Measure::Metric(id) => self.metric(id).map(|m| Unit::Metric(m.kind)),
            Measure::Kpi(id) => self.kpi(id).map(|k| Unit::Kpi(k.display)),
        }
    }
}

/// Reads a promise's value as targets are read: "300", "1,200件", "70%",
/// "¥50,000", "3日". Empty text is an error: a promise has a value.
pub fn parse_value(unit: Unit, text: &str, currency: Currency) -> Result<f64, CountError> {
    let value = match unit {
        Unit::Metric(MetricKind::Money) => parse_target(text, KpiDisplay::Money, currency)?,
        Unit::Metric(_) => parse_count_target(text)?.map(|n| n as f64),
        Unit::Kpi(display) => parse_target(text, display, currency)?,
    };
    value.ok_or(CountError::Empty)
}

/// A promise over one period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// Nothing was counted, or a rate's denominator is zero.
    NoData,
    Met {
        actual: f64,
        required: f64,
    },
    /// `actual - required` says by how much (negative when short).
    Breached {
        actual: f64,
        required: f64,
    },
}

/// The first day of the month holding `day`, and the month's length.
fn month_of(day: NaiveDate) -> (NaiveDate, u32) {
    let first = day.with_day(1).unwrap_or(day);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    (first, (next - first).num_days().clamp(1, 31) as u32)
}

/// What a promise asks of one period: a volume per month is shared out
/// over each month's days; a rate holds as is. In the period that holds
/// `today`, a volume asks for the days up to today only: the month is not
/// broken on its first day.
pub fn required(threshold: &Threshold, period: Period, today: NaiveDate) -> f64 {
    match threshold.measure {
        Measure::Kpi(_) => threshold.value,
        Measure::Metric(_) => {
            // Per month touched: its days in the period over its length,
            // so a whole month asks exactly the monthly value.
            let end = match today.succ_opt() {
                Some(tomorrow) if period.contains(today) => tomorrow,
                _ => period.end(),
            };
            let mut total = 0.0;
            let mut day = period.start();
            while day < end {
                let (first, length) = month_of(day);
                let next_month = first + chrono::Days::new(u64::from(length));
                let until = next_month.min(end);
                let days = (until - day).num_days() as f64;
                total += threshold.value * days / f64::from(length);
                day = until;
            }
            total
        }
    }
}

/// The figure a promise is checked on, over one period.
pub fn actual(plan: &Plan, measure: Measure, period: Period) -> Option<f64> {
    let range = PeriodRange::new(period, 1);
    match measure {
        Measure::Metric(metric) => plan.entries.entered_total(metric, range).map(|n| n as f64),
        Measure::Kpi(kpi) => kpi_value(plan, plan.kpi(kpi)?, range),
    }
}

pub fn evaluate(plan: &Plan, threshold: &Threshold, period: Period, today: NaiveDate) -> Verdict {
    let Some(actual) = actual(plan, threshold.measure, period) else {
        return Verdict::NoData;
    };
    let required = required(threshold, period, today);
    if threshold.comparison.holds(actual, required) {
        Verdict::Met { actual, required }
    } else {
        Verdict::Breached { actual, required }
    }
}

/// How many of its promises a department kept over a range: one promise
/// per threshold per period; periods without data are counted apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compliance {
    pub department: DepartmentId,
    pub kept: usize,
    pub broken: usize,
    pub no_data: usize,
}

/// Compliance of every department that keeps a promise, in the plan's order.
pub fn compliance(plan: &Plan, range: PeriodRange, today: NaiveDate) -> Vec<Compliance> {
    plan.departments
        .iter()
        .filter_map(|department| {
            let mut thresholds = plan
                .sla_cards
                .iter()
                .flat_map(|card| &card.thresholds)
                .filter(|t| t.kept_by == department.id)
                .peekable();
            thresholds.peek()?;
            let Tally {
                kept,
                broken,
                no_data,
            } = tally(plan, thresholds, range, today);
            Some(Compliance {
                department: department.id,
                kept,
                broken,
                no_data,
            })
        })
        .collect()
}

/// Promises judged over a range: one judgement per promise per period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub kept: usize,
    pub broken: usize,
    pub no_data: usize,
}

impl Tally {
    /// The judgements that had data.
    pub fn judged(self) -> usize {
        self.kept + self.broken
    }
}

pub fn tally<'a>(
    plan: &Plan,
    thresholds: impl IntoIterator<Item = &'a Threshold>,
    range: PeriodRange,
    today: NaiveDate,
) -> Tally {
    let mut tally = Tally::default();
    for threshold in thresholds {
        for period in range.periods() {
            match evaluate(plan, threshold, period, today) {
                Verdict::Met { .. } => tally.kept += 1,
                Verdict::Breached { .. } => tally.broken += 1,
                Verdict::NoData => tally.no_data += 1,
            }
        }
    }
    tally
}

/// The hand-offs of the flow: consecutive stages with different owners,
/// each pair once, in funnel order.
pub fn hand_offs(plan: &Plan) -> Vec<(DepartmentId, DepartmentId)> {
    let mut pairs = Vec::new();
    for pair in plan.stages.windows(2) {
        let hand_off = (pair[0].owner, pair[1].owner);
        if hand_off.0 != hand_off.1 && !pairs.contains(&hand_off) {
            pairs.push(hand_off);
        }
    }
    pairs
}

/// Hand-offs of the flow that have no agreement yet: the cards to propose.
pub fn unagreed_hand_offs(plan: &Plan) -> Vec<(DepartmentId, DepartmentId)> {
    hand_offs(plan)
        .into_iter()
        .filter(|(from, to)| {
            !plan
                .sla_cards
                .iter()
                .any(|c| c.from == *from && c.to == *to)
        })
        .collect()
}

/// The seed's qualifying criteria: for the first hand-off of the flow,
/// what makes a lead marketing-qualified (MQL); for later ones, what makes
/// an opportunity sales-qualified (SQL).
pub fn default_criteria(first_hand_off: bool, lang: Lang) -> Vec<String> {
    let lines: &[&str] = match (first_hand_off, lang) {
        (true, Lang::En) => &["Form submitted", "Document requested", "Webinar attended"],
        (true, Lang::Ja) => &["フォーム送信", "資料請求", "ウェビナー参加"],
        (false, Lang::En) => &["Issue heard", "Budget heard", "Timing heard"],
        (false, Lang::Ja) => &[
            "課題をヒアリング済み",
            "予算をヒアリング済み",
            "導入時期をヒアリング済み",
        ],
    };
    lines.iter().map(|line| (*line).to_owned()).collect()
}

/// A new agreement for a hand-off, with the seed's criteria for it.
pub fn new_card(
    plan: &Plan,
    id: SlaId,
    (from, to): (DepartmentId, DepartmentId),
    lang: Lang,
) -> SlaCard {
    let first = hand_offs(plan).first() == Some(&(from, to));
    SlaCard {
        id,
        from,
        to,
        criteria: default_criteria(first, lang),
        follow_up: String::new(),
        thresholds: Vec::new(),
    }
}

/// Two departments for an agreement the team adds by hand: the first pair
/// without one, else the first two.
pub fn next_pair(plan: &Plan) -> Option<(DepartmentId, DepartmentId)> {
    let ids: Vec<DepartmentId> = plan.departments.iter().map(|d| d.id).collect();
    let pairs = || {
        ids.iter()
            .flat_map(|a| ids.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| a != b)
    };
    pairs()
        .find(|(a, b)| !plan.sla_cards.iter().any(|c| c.from == *a && c.to == *b))
        .or_else(|| pairs().next())
}

/// A new promise on a card, for the team to type its value: the sender
/// hands over at least a count of its last stage.
pub fn new_promise(plan: &Plan, card: &SlaCard, id: ThresholdId) -> Option<Threshold> {
    let stage = plan
        .stages_owned_by(card.from)
        .last()
        .or(plan.stages.first())?;
    Some(Threshold {
        id,
        kept_by: card.from,
        measure: Measure::Metric(stage.primary_metric),
        comparison: Comparison::AtLeast,
        value: 0.0,
    })
}

/// Checks and tidies typed criteria: one per line, blank lines dropped.
pub fn clean_criteria(lines: &[String]) -> Result<Vec<String>, EditError> {
    let lines: Vec<String> = lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.len() > MAX_CRITERIA {
        return Err(EditError::TooManyCriteria);
    }
    if lines
        .iter()
        .any(|line| line.chars().count() > MAX_CRITERION_CHARS)
    {
        return Err(EditError::TextTooLong);
    }
    Ok(lines)
}

pub fn clean_follow_up(text: &str) -> Result<String, EditError> {
    let text = text.trim();
    if text.chars().count() > MAX_FOLLOW_UP_CHARS {
        return Err(EditError::TextTooLong);
    }
    Ok(text.to_owned())
}

impl Plan {
    pub fn sla_card(&self, id: SlaId) -> Option<&SlaCard> {
        self.sla_cards.iter().find(|c| c.id == id)
    }

    /// The promises whose values are money (on money metrics or KPIs), so
    /// a change of currency rescales them with every other amount.
    pub(super) fn money_promises(&self) -> Vec<(SlaId, ThresholdId, f64)> {
        self.sla_cards
            .iter()
            .flat_map(|card| card.thresholds.iter().map(move |t| (card.id, t)))
            .filter(|(_, t)| {
                matches!(
                    self.unit_of(t.measure),
                    Some(Unit::Metric(MetricKind::Money) | Unit::Kpi(KpiDisplay::Money))
                )
            })
            .map(|(card, t)| (card, t.id, t.value))
            .collect()
    }

    pub(super) fn threshold_mut(
        &mut self,
        sla: SlaId,
        id: ThresholdId,
    ) -> Result<&mut Threshold, EditError> {
        self.sla_card_mut(sla)?
            .thresholds
            .iter_mut()
            .find(|t| t.id == id)
            .ok_or(EditError::UnknownSla)
    }

    fn sla_card_mut(&mut self, id: SlaId) -> Result<&mut SlaCard, EditError> {
        self.sla_cards
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or(EditError::UnknownSla)
    }

    /// "Marketing → Inside sales": how a card is named in messages.
    pub fn sla_name(&self, card: &SlaCard) -> String {
        let name = |id| self.department(id).map_or("?", |d| d.name.as_str());
        format!("{} → {}", name(card.from), name(card.to))
    }

    /// The agreements whose promises read any of `measures`, by name.
    pub fn slas_using(&self, measures: &[Measure]) -> Vec<String> {
        self.sla_cards
            .iter()
            .filter(|c| c.thresholds.iter().any(|t| measures.contains(&t.measure)))
            .map(|c| self.sla_name(c))
            .collect()
    }

    /// Refuses a change that would leave a promise without its measure.
    pub(super) fn check_not_in_sla(&self, measures: &[Measure]) -> Result<(), EditError> {
        let users = self.slas_using(measures);
        if users.is_empty() {
            Ok(())
        } else {
            Err(EditError::UsedBySla(users))
        }
    }

    fn check_hand_off(&self, from: DepartmentId, to: DepartmentId) -> Result<(), EditError> {
        if self.department(from).is_none() || self.department(to).is_none() {
            return Err(EditError::UnknownDepartment);
        }
        if from == to {
            return Err(EditError::SameDepartment);
        }
        Ok(())
    }

    /// A promise can be kept: its measure exists, it is kept by one side
    /// of the card, and its value is a number the measure can reach.
    fn check_threshold(&self, card: &SlaCard, threshold: &Threshold) -> Result<(), EditError> {
        if threshold.kept_by != card.from && threshold.kept_by != card.to {
            return Err(EditError::UnknownDepartment);
        }
        let percent = match threshold.measure {
            Measure::Metric(metric) => {
                self.metric(metric).ok_or(EditError::UnknownMetric)?;
                false
            }
            Measure::Kpi(kpi) => {
                self.kpi(kpi).ok_or(EditError::UnknownKpi)?.display == KpiDisplay::Percent
            }
        };
        if !(0.0..=MAX_ENTRY as f64).contains(&threshold.value) {
            return Err(EditError::BadTarget);
        }
        if percent && threshold.value > 1.0 {
            return Err(EditError::RateOver100);
        }
        Ok(())
    }

    /// Checks a whole card as a file or an undo brings it.
    pub(super) fn check_sla_card(&self, card: &SlaCard) -> Result<(), EditError> {
        self.check_hand_off(card.from, card.to)?;
        if clean_criteria(&card.criteria)? != card.criteria
            || clean_follow_up(&card.follow_up)? != card.follow_up
        {
            return Err(EditError::TextTooLong);
        }
        if card.thresholds.len() > MAX_THRESHOLDS {
            return Err(EditError::TooManyThresholds);
        }
        for (i, threshold) in card.thresholds.iter().enumerate() {
            if card.thresholds[..i].iter().any(|t| t.id == threshold.id) {
                return Err(EditError::IdInUse);
            }
            self.check_threshold(card, threshold)?;
        }
        Ok(())
    }

    /// Adds a card, or puts a removed one back at `index`.
    pub fn insert_sla_card(&mut self, index: usize, card: SlaCard) -> Result<(), EditError> {
        if self.sla_cards.len() >= MAX_SLA_CARDS {
            return Err(EditError::TooManySlaCards);
        }
        self.check_fresh(card.id.0)?;
        for threshold in &card.thresholds {
            self.check_fresh(threshold.id.0)?;
        }
        self.check_sla_card(&card)?;
        let index = index.min(self.sla_cards.len());
        self.sla_cards.insert(index, card);
        Ok(())
    }

    pub fn remove_sla_card(&mut self, id: SlaId) -> Result<(usize, SlaCard), EditError> {
        let index = self
            .sla_cards
            .iter()
            .position(|c| c.id == id)
            .ok_or(EditError::UnknownSla)?;
        Ok((index, self.sla_cards.remove(index)))
    }

    /// Changes who hands over to whom; each promise stays with its side.
    pub fn set_sla_hand_off(
        &mut self,
        id: SlaId,
        from: DepartmentId,
        to: DepartmentId,
    ) -> Result<(), EditError> {
        self.check_hand_off(from, to)?;
        let card = self.sla_card_mut(id)?;
        for threshold in &mut card.thresholds {
            threshold.kept_by = if threshold.kept_by == card.from {
                from
            } else {
                to
            };
        }
        card.from = from;
        card.to = to;
        Ok(())
    }

    pub fn set_sla_criteria(&mut self, id: SlaId, lines: &[String]) -> Result<(), EditError> {
        let lines = clean_criteria(lines)?;
        self.sla_card_mut(id)?.criteria = lines;
        Ok(())
    }

    pub fn set_sla_follow_up(&mut self, id: SlaId, text: &str) -> Result<(), EditError> {
        let text = clean_follow_up(text)?;
        self.sla_card_mut(id)?.follow_up = text;
        Ok(())
    }

    /// Adds a promise to a card, or replaces the one with the same id.
    /// Returns the one replaced.
    pub fn put_threshold(
        &mut self,
        sla: SlaId,
        threshold: Threshold,
    ) -> Result<Option<Threshold>, EditError> {
        let card = self.sla_card(sla).ok_or(EditError::UnknownSla)?;
        self.check_threshold(card, &threshold)?;
        let existing = card.thresholds.iter().position(|t| t.id == threshold.id);
        if existing.is_none() {
            if card.thresholds.len() >= MAX_THRESHOLDS {
                return Err(EditError::TooManyThresholds);
            }
            self.check_fresh(threshold.id.0)?;
        }
        let card = self.sla_card_mut(sla)?;
        Ok(match existing {
            Some(index) => Some(std::mem::replace(&mut card.thresholds[index], threshold)),
            None => {
                card.thresholds.push(threshold);
                None
            }
        })
    }

    /// Takes a promise off a card, with its place in the list.
    pub fn remove_threshold(
        &mut self,
        sla: SlaId,
        id: ThresholdId,
    ) -> Result<(usize, Threshold), EditError> {
        let card = self.sla_card_mut(sla)?;
        let index = card
            .thresholds
            .iter()
            .position(|t| t.id == id)
            .ok_or(EditError::UnknownSla)?;
        Ok((index, card.thresholds.remove(index)))
    }

    /// Puts a removed promise back at its place.
    pub fn restore_threshold(
        &mut self,
        sla: SlaId,
        index: usize,
        threshold: Threshold,
    ) -> Result<(), EditError> {
        let card = self.sla_card(sla).ok_or(EditError::UnknownSla)?;
        if card.thresholds.len() >= MAX_THRESHOLDS {
            return Err(EditError::TooManyThresholds);
        }
        self.check_threshold(card, &threshold)?;
        self.check_fresh(threshold.id.0)?;
        let card = self.sla_card_mut(sla)?;
        let index = index.min(card.thresholds.len());
        card.thresholds.insert(index, threshold);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
