//! The plan: the funnel's stages and owners, the metrics each stage counts,
//! the KPIs computed from them with their targets, and the entered counts.
//! Every edit goes through a method here, so the rules hold whatever the UI
//! does: valid names, limits, and no KPI ever pointing at a missing metric.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::actions::Action;
use super::departments::{Department, DepartmentId};
use super::diagnosis::{valid_reference_range, StageKind};
use super::entries::members::{MemberEntries, MetricFigures};
use super::entries::{Entries, EntryRefused};
use super::ids::MAX_ID;
pub use super::ids::{KpiId, MetricId, StageId};
use super::members::Member;
use super::money::Currency;
use super::month::Month;
use super::number::MAX_ENTRY;
use super::pdca::review::Held;
use super::pdca::Cycle;
use super::planning::Planning;
use super::sla::{Measure, SlaCard, SlaId, ThresholdId};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Stage {
    pub id: StageId,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = MAX_NAME_CHARS))
    )]
    pub name: String,
    pub owner: DepartmentId,
    /// What the stage is in the funnel, for the hypotheses of a bottleneck.
    #[serde(default)]
    pub kind: StageKind,
    /// The team's own typical conversion into this stage, low to high;
    /// without one, the B2B default for its kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    // Left out when absent, never written as null.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(required, transform = crate::domain::format::schema::parts_within(0, 1))
    )]
    pub reference_range: Option<(f64, f64)>,
    /// The metric that is "the count" of this stage in the funnel.
    pub primary_metric: MetricId,
    /// Periods between the previous stage and this one: conversion in
    /// period t is this stage's count in t ÷ the previous stage's in t − lag.
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(max = MAX_LAG)))]
    pub lag: u32,
    /// The count this stage should reach, per month.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(transform = crate::domain::format::schema::parts_within(0, MAX_ENTRY))
    )]
    pub count_targets: BTreeMap<Month, u64>,
    /// The conversion from the previous stage it should reach, per month (0.25 = 25 %).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(transform = crate::domain::format::schema::parts_within(0, MAX_ENTRY))
    )]
    pub step_targets: BTreeMap<Month, f64>,
}

/// What a metric counts, which decides how its values are entered and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    Count,
    /// In the plan currency's minor units.
    Money,
    /// A total of days (for average lead time and sales cycle).
    Days,
    /// A total of minutes (talk time).
    Minutes,
}

impl MetricKind {
    pub const ALL: [MetricKind; 4] = [
        MetricKind::Count,
        MetricKind::Money,
        MetricKind::Days,
        MetricKind::Minutes,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MetricKind::Count => "count",
            MetricKind::Money => "money",
            MetricKind::Days => "days",
            MetricKind::Minutes => "minutes",
        }
    }

    pub fn from_key(key: &str) -> Option<MetricKind> {
        MetricKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Metric {
    pub id: MetricId,
    pub stage: StageId,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = MAX_NAME_CHARS))
    )]
    pub name: String,
    pub kind: MetricKind,
    /// Counts lost deals for one reason; reasons are shown as shares.
    #[serde(default, skip_serializing_if = "is_false")]
    pub lost_reason: bool,
    /// Each member types their own figures; the metric's total is their sum.
    #[serde(default, skip_serializing_if = "is_false")]
    pub per_member: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// Where a KPI belongs: to one stage, or shared by all departments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KpiScope {
    Stage(StageId),
    Shared,
}

/// How a KPI's ratio is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KpiDisplay {
    /// × 100, with one decimal: 25.0 %.
    Percent,
    /// Money per unit, in the plan currency: CPA, average deal size.
    Money,
    /// Days per unit: sales cycle, lead time.
    Days,
    /// Minutes per unit: talk time per contact.
    Minutes,
    /// A plain ratio with two decimals.
    Ratio,
}

impl KpiDisplay {
    pub const ALL: [KpiDisplay; 5] = [
        KpiDisplay::Percent,
        KpiDisplay::Money,
        KpiDisplay::Days,
        KpiDisplay::Minutes,
        KpiDisplay::Ratio,
    ];

    pub fn key(self) -> &'static str {
        match self {
            KpiDisplay::Percent => "percent",
            KpiDisplay::Money => "money",
            KpiDisplay::Days => "days",
            KpiDisplay::Minutes => "minutes",
            KpiDisplay::Ratio => "ratio",
        }
    }

    pub fn from_key(key: &str) -> Option<KpiDisplay> {
        KpiDisplay::ALL.into_iter().find(|d| d.key() == key)
    }
}

/// Which way is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Better {
    #[default]
    Higher,
    Lower,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Kpi {
    pub id: KpiId,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = MAX_NAME_CHARS))
    )]
    pub name: String,
    pub scope: KpiScope,
    pub numerator: MetricId,
    pub denominator: MetricId,
    pub display: KpiDisplay,
    #[serde(default)]
    pub better: Better,
    /// Periods between denominator and numerator, as for stage steps.
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(max = MAX_LAG)))]
    pub lag: u32,
    /// Target per month, as a ratio (0.25 for 25 %; minor units for money).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(transform = crate::domain::format::schema::parts_within(0, MAX_ENTRY))
    )]
    pub targets: BTreeMap<Month, f64>,
}

impl Kpi {
    /// Whether removing `stage`, whose metrics are `metrics`, takes this KPI.
    fn depends_on(&self, stage: StageId, metrics: &[MetricId]) -> bool {
        self.scope == KpiScope::Stage(stage)
            || metrics.contains(&self.numerator)
            || metrics.contains(&self.denominator)
    }

    /// The KPI as a form holds it, to change one field and update.
    pub fn draft(&self) -> KpiDraft {
        KpiDraft {
            name: self.name.clone(),
            scope: self.scope,
            numerator: self.numerator,
            denominator: self.denominator,
            display: self.display,
            better: self.better,
            lag: self.lag,
        }
    }
}

/// Everything about a KPI except its id and targets, as edited in a form.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiDraft {
    pub name: String,
    pub scope: KpiScope,
    pub numerator: MetricId,
    pub denominator: MetricId,
    pub display: KpiDisplay,
    pub better: Better,
    pub lag: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Plan {
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = MAX_NAME_CHARS))
    )]
    pub name: String,
    pub currency: Currency,
    /// In the order the team lists them (their lanes in the flow).
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = super::departments::MAX_DEPARTMENTS))
    )]
    pub departments: Vec<Department>,
    /// The people of the departments, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(max = super::members::MAX_MEMBERS))
    )]
    pub members: Vec<Member>,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(min = 1, max = MAX_STAGES)))]
    pub stages: Vec<Stage>,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = MAX_METRICS)))]
    pub metrics: Vec<Metric>,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = MAX_KPIS)))]
    pub kpis: Vec<Kpi>,
    /// Agreements between departments, in the order the team lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(max = super::sla::MAX_SLA_CARDS))
    )]
    pub sla_cards: Vec<SlaCard>,
    /// Improvement actions, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(max = super::actions::MAX_ACTIONS))
    )]
    pub actions: Vec<Action>,
    /// Plan-Do-Check-Act cycles, by start day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(max = super::pdca::MAX_CYCLES))
    )]
    pub cycles: Vec<Cycle>,
    /// The reviews of the cadence held, by day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(max = super::pdca::review::MAX_REVIEWS_HELD))
    )]
    pub reviews_held: Vec<Held>,
    /// The monthly goals and what planning from them reads.
    #[serde(default, skip_serializing_if = "Planning::is_default")]
    pub planning: Planning,
    /// Every metric's totals: what KPIs, charts and checks read.
    #[serde(default)]
    pub entries: Entries,
    /// The members' parts of the totals of metrics counted per member.
    #[serde(default, skip_serializing_if = "MemberEntries::is_empty")]
    pub member_entries: MemberEntries,
    /// How far (in %) a KPI may miss its target and still be "at risk"
    /// rather than "off track".
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(max = MAX_MARGIN_PERCENT)))]
    pub at_risk_margin_percent: u32,
}

pub const MAX_STAGES: usize = 20;
pub const MAX_METRICS: usize = 200;
pub const MAX_KPIS: usize = 200;
pub const MAX_NAME_CHARS: usize = 60;
pub const MAX_LAG: u32 = 12;
pub const MAX_MARGIN_PERCENT: u32 = 100;

/// Whether a target can be stored: a finite number from zero up to a bound
/// far above any real KPI, so sums and chart axes of targets stay finite.
pub fn valid_target(target: f64) -> bool {
    (0.0..=MAX_ENTRY as f64).contains(&target)
}

/// Whether counts can be dated on `day`: the years a file can hold.
pub fn valid_entry_date(day: NaiveDate) -> bool {
    (1..=9999).contains(&day.year())
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("a name cannot be empty")]
    EmptyName,
    #[error("a name has at most {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("a plan has at most {MAX_STAGES} stages")]
    TooManyStages,
    #[error("a plan has at most {MAX_METRICS} metrics and {MAX_KPIS} KPIs")]
    TooManyItems,
    #[error("a plan keeps at least one stage")]
    LastStage,
    #[error("that stage no longer exists")]
    UnknownStage,
    #[error("that metric no longer exists")]
    UnknownMetric,
    #[error("that KPI no longer exists")]
    UnknownKpi,
    #[error("that department no longer exists")]
    UnknownDepartment,
    #[error("another department has that name")]
    DepartmentNameInUse,
    #[error(
        "a plan has at most {} departments",
        super::departments::MAX_DEPARTMENTS
    )]
    TooManyDepartments,
    #[error("the department owns {}", .0.join(", "))]
    DepartmentInUse(Vec<String>),
    #[error("that agreement no longer exists")]
    UnknownSla,
    #[error("an agreement is between two different departments")]
    SameDepartment,
    #[error("a plan has at most {} agreements", super::sla::MAX_SLA_CARDS)]
    TooManySlaCards,
    #[error("an agreement has at most {} thresholds", super::sla::MAX_THRESHOLDS)]
    TooManyThresholds,
    #[error("an agreement has at most {} criteria", super::sla::MAX_CRITERIA)]
    TooManyCriteria,
    #[error("the text is too long")]
    TextTooLong,
    #[error("a rate is at most 100 %")]
    RateOver100,
    #[error("the agreements {} use it", .0.join(", "))]
    UsedBySla(Vec<String>),
    #[error("a reference range is two rates from 0 to 100 %, low to high")]
    BadReferenceRange,
    #[error("that action no longer exists")]
    UnknownAction,
    #[error("a plan has at most {} actions", super::actions::MAX_ACTIONS)]
    TooManyActions,
    #[error("that member no longer exists")]
    UnknownMember,
    #[error("another member has that name")]
    MemberNameInUse,
    #[error("a plan has at most {} members", super::members::MAX_MEMBERS)]
    TooManyMembers,
    #[error("the department has the members {}", .0.join(", "))]
    DepartmentHasMembers(Vec<String>),
    #[error("the member has {0} figures; make them inactive instead")]
    MemberHasCounts(usize),
    #[error("the metric is not counted per member")]
    NotCountedPerMember,
    #[error("the counts changed meanwhile")]
    CountsChanged,
    #[error("it ends before it starts")]
    EndsBeforeStart,
    #[error("that cycle no longer exists")]
    UnknownCycle,
    #[error("the cycle is closed: it is kept as it was")]
    CycleClosed,
    #[error("another cycle covers some of these days")]
    CyclesOverlap,
    #[error("a cycle spans at most a year")]
    CycleTooLong,
    #[error("a plan keeps at most {} cycles", super::pdca::MAX_CYCLES)]
    TooManyCycles,
    #[error(
        "a plan keeps at most {} reviews held",
        super::pdca::review::MAX_REVIEWS_HELD
    )]
    TooManyReviewsHeld,
    /// The start days of the cycles that use it.
    #[error("the cycles starting {:?} use it", .0)]
    UsedByCycle(Vec<chrono::NaiveDate>),
    #[error("that scenario no longer exists")]
    UnknownScenario,
    #[error("a plan keeps at most {} scenarios", super::planning::MAX_SCENARIOS)]
    TooManyScenarios,
    #[error("the actions {} use it", .0.join(", "))]
    UsedByAction(Vec<String>),
    #[error("the metric is the stage's count")]
    PrimaryMetric,
    #[error("the metric is used by {}", .0.join(", "))]
    MetricInUse(Vec<String>),
    #[error("a lag is 0 to {MAX_LAG} periods")]
    LagTooLarge,
    #[error("the margin is 0 to {MAX_MARGIN_PERCENT} %")]
    MarginTooLarge,
    #[error("a target must be a finite number of at least zero")]
    BadTarget,
    #[error("a value would become too large")]
    ValueTooLarge,
    #[error("that id is already used")]
    IdInUse,
    #[error("counts are dated in the years 1 to 9999")]
    DateOutOfRange,
    #[error("a plan has at most {} holidays", super::planning::MAX_HOLIDAYS)]
    TooManyHolidays,
    #[error(
        "rates and averages read 1 to {} months",
        super::planning::MAX_RATE_MONTHS
    )]
    BadMonths,
    #[error("the plan breaks a rule: {0}")]
    InvalidPlan(String),
    #[error(transparent)]
    EntryRefused(#[from] EntryRefused),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn opposite(self) -> Direction {
        match self {
            Direction::Up => Direction::Down,
            Direction::Down => Direction::Up,
        }
    }
}

/// A stage taken out of the plan with everything that depended on it, kept
/// so the removal can be undone exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedStage {
    pub index: usize,
    pub stage: Stage,
    pub metrics: Vec<(usize, Metric, MetricFigures)>,
    pub kpis: Vec<(usize, Kpi)>,
}

/// What removing a stage takes with it, named for the user to confirm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageRemoval<'a> {
    pub stage: &'a str,
    pub metrics: Vec<&'a str>,
    pub kpis: Vec<&'a str>,
    pub shared_kpis: Vec<&'a str>,
    /// Monthly targets of the stage and of the KPIs that go.
    pub targets: usize,
    /// Days with a count entered, over the stage's metrics.
    pub counts: usize,
}

/// The plan's currency and every amount in it, as a currency change found them.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyAmounts {
    pub currency: Currency,
    pub metrics: Vec<(MetricId, MetricFigures)>,
    pub kpi_targets: Vec<(KpiId, BTreeMap<Month, f64>)>,
    /// Values of the promises in money, by agreement and promise.
    pub promises: Vec<(SlaId, ThresholdId, f64)>,
}

/// A monthly target map: `Some` sets the month's target, `None` clears it.
fn set_or_clear<T>(targets: &mut BTreeMap<Month, T>, month: Month, target: Option<T>) {
    match target {
        Some(t) => targets.insert(month, t),
        None => targets.remove(&month),
    };
}

/// A plan name with the copy suffix, within the name length limit.
pub fn copy_name(name: &str, suffix: &str) -> String {
    let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
    let base: String = name.chars().take(room).collect();
    format!("{}{suffix}", base.trim_end())
}

/// Checks and tidies a name typed by a user.
pub fn clean_name(name: &str) -> Result<String, EditError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        Err(EditError::EmptyName)
    } else if trimmed.chars().count() > MAX_NAME_CHARS {
        Err(EditError::NameTooLong)
    } else {
        Ok(trimmed.to_owned())
    }
}

impl Plan {
    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn index_of(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    pub fn metric(&self, id: MetricId) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn kpi(&self, id: KpiId) -> Option<&Kpi> {
        self.kpis.iter().find(|k| k.id == id)
    }

    /// The metrics of a stage, in the order they were added.
    pub fn metrics_of(&self, stage: StageId) -> impl Iterator<Item = &Metric> {
        self.metrics.iter().filter(move |m| m.stage == stage)
    }

    pub fn kpis_in(&self, scope: KpiScope) -> impl Iterator<Item = &Kpi> {
        self.kpis.iter().filter(move |k| k.scope == scope)
    }

    fn stage_mut(&mut self, id: StageId) -> Result<&mut Stage, EditError> {
        self.stages
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or(EditError::UnknownStage)
    }

    pub(super) fn metric_mut(&mut self, id: MetricId) -> Result<&mut Metric, EditError> {
        self.metrics
            .iter_mut()
            .find(|m| m.id == id)
            .ok_or(EditError::UnknownMetric)
    }

    fn kpi_mut(&mut self, id: KpiId) -> Result<&mut Kpi, EditError> {
        self.kpis
            .iter_mut()
            .find(|k| k.id == id)
            .ok_or(EditError::UnknownKpi)
    }

    /// Whether anything in the plan has this id (ids are unique plan-wide).
    pub fn uses_id(&self, id: u64) -> bool {
        self.departments.iter().any(|d| d.id.0 == id)
            || self
                .sla_cards
                .iter()
                .any(|c| c.id.0 == id || c.thresholds.iter().any(|t| t.id.0 == id))
            || self.actions.iter().any(|a| a.id.0 == id)
            || self.planning.scenarios.iter().any(|s| s.id.0 == id)
            || self.members.iter().any(|m| m.id.0 == id)
            || self.cycles.iter().any(|c| c.id.0 == id)
            || self.stages.iter().any(|s| s.id.0 == id)
            || self.metrics.iter().any(|m| m.id.0 == id)
            || self.kpis.iter().any(|k| k.id.0 == id)
    }

    pub(super) fn check_fresh(&self, id: u64) -> Result<(), EditError> {
        if self.uses_id(id) || id > MAX_ID {
            return Err(EditError::IdInUse);
        }
        Ok(())
    }

    pub fn set_name(&mut self, name: &str) -> Result<(), EditError> {
        self.name = clean_name(name)?;
        Ok(())
    }

    /// Changes the currency, keeping amounts as typed: ¥1,500 becomes
    /// $1,500.00 (money is stored in minor units, so it is rescaled).
    pub fn set_currency(&mut self, currency: Currency) -> Result<(), EditError> {
        let (multiply, divide) = (currency.minor_per_major(), self.currency.minor_per_major());
        let money: Vec<MetricId> = self
            .metrics
            .iter()
            .filter(|m| m.kind == MetricKind::Money)
            .map(|m| m.id)
            .collect();
        let mut rescaled = Vec::new();
        for metric in money {
            rescaled.push((metric, self.rescaled_figures(metric, multiply, divide)?));
        }
        let factor = multiply as f64 / divide as f64;
        let money_kpis = || self.kpis.iter().filter(|k| k.display == KpiDisplay::Money);
        if money_kpis().any(|k| k.targets.values().any(|t| !valid_target(t * factor))) {
            return Err(EditError::ValueTooLarge);
        }
        let promises = self.money_promises();
        if promises.iter().any(|(_, _, v)| !valid_target(v * factor)) {
            return Err(EditError::ValueTooLarge);
        }
        for (sla, threshold, value) in promises {
            self.threshold_mut(sla, threshold)?.value = value * factor;
        }
        for (metric, figures) in rescaled {
            self.put_figures(metric, figures);
        }
        for kpi in self
            .kpis
            .iter_mut()
            .filter(|k| k.display == KpiDisplay::Money)
        {
            for target in kpi.targets.values_mut() {
                *target *= factor;
            }
        }
        self.currency = currency;
        Ok(())
    }

    /// Everything a currency change rescales, to put back exactly (a
    /// rescale rounds: $1,500.50 → ¥1,501 → $1,501.00).
    pub fn money(&self) -> MoneyAmounts {
        MoneyAmounts {
            currency: self.currency,
            metrics: self
                .metrics
                .iter()
                .filter(|m| m.kind == MetricKind::Money)
                .map(|m| {
                    (
                        m.id,
                        self.entries.metric_figures(&self.member_entries, m.id),
                    )
                })
                .collect(),
            kpi_targets: self
                .kpis
                .iter()
                .filter(|k| k.display == KpiDisplay::Money)
                .map(|k| (k.id, k.targets.clone()))
                .collect(),
            promises: self.money_promises(),
        }
    }

    /// Puts back what [`Plan::money`] took; refused when an item is gone.
    pub fn restore_money(&mut self, money: MoneyAmounts) -> Result<(), EditError> {
        for (metric, _) in &money.metrics {
            self.metric(*metric).ok_or(EditError::UnknownMetric)?;
        }
        for (kpi, _) in &money.kpi_targets {
            self.kpi(*kpi).ok_or(EditError::UnknownKpi)?;
        }
        for (sla, threshold, _) in &money.promises {
            self.threshold_mut(*sla, *threshold)?;
        }
        for (metric, figures) in &money.metrics {
            self.check_parts(self.counted_per_member(*metric), figures)?;
        }
        for (sla, threshold, value) in money.promises {
            self.threshold_mut(sla, threshold)?.value = value;
        }
        for (metric, figures) in money.metrics {
            self.put_figures(metric, figures);
        }
        for (kpi, targets) in money.kpi_targets {
            self.kpi_mut(kpi)?.targets = targets;
        }
        self.currency = money.currency;
        Ok(())
    }

    /// Puts back a metric's kind with its counts as they were (a change of
    /// kind to or from money rescales, and rescaling rounds).
    pub fn restore_metric_kind(
        &mut self,
        id: MetricId,
        kind: MetricKind,
        figures: MetricFigures,
    ) -> Result<(), EditError> {
        self.check_parts(self.counted_per_member(id), &figures)?;
        self.metric_mut(id)?.kind = kind;
        self.put_figures(id, figures);
        Ok(())
    }

    pub fn set_at_risk_margin(&mut self, percent: u32) -> Result<(), EditError> {
        if percent > MAX_MARGIN_PERCENT {
            return Err(EditError::MarginTooLarge);
        }
        self.at_risk_margin_percent = percent;
        Ok(())
    }

    pub fn rename_stage(&mut self, id: StageId, name: &str) -> Result<(), EditError> {
        let name = clean_name(name)?;
        self.stage_mut(id)?.name = name;
        Ok(())
    }

    /// Appends a stage, owned by the same department as the last one, with
    /// its count metric named `count_name`. The ids come from the caller
    /// (an [`IdGen`](super::ids::IdGen)), so replaying the edit gives the same plan.
    /// Adds a stage with its count metric at position `at` (past the end
    /// is the end); it is owned by the department of the stage before it
    /// (or after it, at the start), as a hand-off rarely happens there.
    pub fn add_stage(
        &mut self,
        (id, metric): (StageId, MetricId),
        name: &str,
        count_name: &str,
        at: usize,
    ) -> Result<(), EditError> {
        let name = clean_name(name)?;
        let count_name = clean_name(count_name)?;
        if self.stages.len() >= MAX_STAGES {
            return Err(EditError::TooManyStages);
        }
        if self.metrics.len() >= MAX_METRICS {
            return Err(EditError::TooManyItems);
        }
        self.check_fresh(id.0)?;
        self.check_fresh(metric.0)?;
        if id.0 == metric.0 {
            return Err(EditError::IdInUse);
        }
        let at = at.min(self.stages.len());
        let neighbour = at
            .checked_sub(1)
            .map_or(self.stages.first(), |i| self.stages.get(i));
        let owner = neighbour
            .map(|s| s.owner)
            .or_else(|| self.departments.first().map(|d| d.id))
            .ok_or(EditError::UnknownDepartment)?;
        self.metrics.push(Metric {
            id: metric,
            stage: id,
            name: count_name,
            kind: MetricKind::Count,
            lost_reason: false,
            per_member: false,
        });
        self.stages.insert(
            at,
            Stage {
                id,
                name,
                owner,
                kind: StageKind::Other,
                reference_range: None,
                primary_metric: metric,
                lag: 0,
                count_targets: BTreeMap::new(),
                step_targets: BTreeMap::new(),
            },
        );
        Ok(())
    }

    /// The KPIs that removing a stage takes with it, to name them.
    fn kpis_removed_with(&self, stage: StageId) -> impl Iterator<Item = &Kpi> {
        let metrics: Vec<MetricId> = self.metrics_of(stage).map(|m| m.id).collect();
        self.kpis
            .iter()
            .filter(move |k| k.depends_on(stage, &metrics))
    }

    /// Everything removing a stage takes with it, to name before it happens.
    pub fn removal_of_stage(&self, stage: StageId) -> Option<StageRemoval<'_>> {
        let removed = self.stage(stage)?;
        let kpis: Vec<&Kpi> = self.kpis_removed_with(stage).collect();
        let targets = removed.count_targets.len()
            + removed.step_targets.len()
            + kpis.iter().map(|k| k.targets.len()).sum::<usize>();
        let counts = self
            .metrics_of(stage)
            .map(|m| self.entries.metric_counts(m.id).len())
            .sum();
        let names = |shared: bool| {
            kpis.iter()
                .filter(|k| (k.scope == KpiScope::Shared) == shared)
                .map(|k| k.name.as_str())
                .collect()
        };
        Some(StageRemoval {
            stage: &removed.name,
            metrics: self.metrics_of(stage).map(|m| m.name.as_str()).collect(),
            kpis: names(false),
            shared_kpis: names(true),
            targets,
            counts,
        })
    }

    /// Removes a stage with its metrics, their counts, and every KPI that
    /// belongs to the stage or reads one of its metrics.
    pub fn remove_stage(&mut self, id: StageId) -> Result<RemovedStage, EditError> {
        let index = self.index_of(id).ok_or(EditError::UnknownStage)?;
        if self.stages.len() == 1 {
            return Err(EditError::LastStage);
        }
        let measures: Vec<Measure> = self
            .metrics_of(id)
            .map(|m| Measure::Metric(m.id))
            .chain(self.kpis_removed_with(id).map(|k| Measure::Kpi(k.id)))
            .collect();
        self.check_not_in_sla(&measures)?;
        let kpis: Vec<KpiId> = self.kpis_removed_with(id).map(|k| k.id).collect();
        self.check_not_in_actions(&[], &kpis)?;
        self.check_not_in_cycles(&kpis, &[id], &[])?;
        let stage = self.stages.remove(index);
        let mut metrics = Vec::new();
        let mut position = 0;
        self.metrics.retain(|m| {
            let keep = m.stage != id;
            if !keep {
                metrics.push((position, m.clone(), MetricFigures::default()));
            }
            position += 1;
            keep
        });
        for (_, metric, figures) in &mut metrics {
            *figures = self
                .entries
                .take_figures(&mut self.member_entries, metric.id);
        }
        let gone: Vec<MetricId> = metrics.iter().map(|(_, m, _)| m.id).collect();
        let mut kpis = Vec::new();
        let mut position = 0;
        self.kpis.retain(|k| {
            let keep = !k.depends_on(id, &gone);
            if !keep {
                kpis.push((position, k.clone()));
            }
            position += 1;
            keep
        });
        Ok(RemovedStage {
            index,
            stage,
            metrics,
            kpis,
        })
    }

    /// Puts a removed stage and everything removed with it back in place.
    pub fn restore_stage(&mut self, removed: RemovedStage) -> Result<(), EditError> {
        if self.stages.len() >= MAX_STAGES {
            return Err(EditError::TooManyStages);
        }
        // Another tab may have removed its department meanwhile.
        if self.department(removed.stage.owner).is_none() {
            return Err(EditError::UnknownDepartment);
        }
        if self.metrics.len() + removed.metrics.len() > MAX_METRICS
            || self.kpis.len() + removed.kpis.len() > MAX_KPIS
        {
            return Err(EditError::TooManyItems);
        }
        self.check_fresh(removed.stage.id.0)?;
        for (_, metric, figures) in &removed.metrics {
            self.check_fresh(metric.id.0)?;
            self.check_parts(metric.per_member, figures)?;
        }
        for (_, kpi) in &removed.kpis {
            self.check_fresh(kpi.id.0)?;
        }
        // Every restored KPI must find its metrics, here or among those restored.
        let exists = |metric: MetricId| {
            self.metric(metric).is_some() || removed.metrics.iter().any(|(_, m, _)| m.id == metric)
        };
        if removed
            .kpis
            .iter()
            .any(|(_, k)| !exists(k.numerator) || !exists(k.denominator))
        {
            return Err(EditError::UnknownMetric);
        }
        let index = removed.index.min(self.stages.len());
        self.stages.insert(index, removed.stage);
        for (position, metric, figures) in removed.metrics {
            self.put_figures(metric.id, figures);
            self.metrics
                .insert(position.min(self.metrics.len()), metric);
        }
        for (position, kpi) in removed.kpis {
            self.kpis.insert(position.min(self.kpis.len()), kpi);
        }
        Ok(())
    }

    /// Moves a stage one place; moving past either end does nothing.
    pub fn move_stage(&mut self, id: StageId, direction: Direction) -> Result<(), EditError> {
        let index = self.index_of(id).ok_or(EditError::UnknownStage)?;
        let target = match direction {
            Direction::Up => index.checked_sub(1),
            Direction::Down => Some(index + 1).filter(|i| *i < self.stages.len()),
        };
        if let Some(target) = target {
            self.stages.swap(index, target);
        }
        Ok(())
    }

    pub fn set_owner(&mut self, id: StageId, owner: DepartmentId) -> Result<(), EditError> {
        if self.department(owner).is_none() {
            return Err(EditError::UnknownDepartment);
        }
        self.stage_mut(id)?.owner = owner;
        Ok(())
    }

    pub fn set_reference_range(
        &mut self,
        id: StageId,
        range: Option<(f64, f64)>,
    ) -> Result<(), EditError> {
        if range.is_some_and(|r| !valid_reference_range(r)) {
            return Err(EditError::BadReferenceRange);
        }
        self.stage_mut(id)?.reference_range = range;
        Ok(())
    }

    pub fn set_stage_kind(&mut self, id: StageId, kind: StageKind) -> Result<(), EditError> {
        self.stage_mut(id)?.kind = kind;
        Ok(())
    }

    pub fn set_stage_lag(&mut self, id: StageId, lag: u32) -> Result<(), EditError> {
        if lag > MAX_LAG {
            return Err(EditError::LagTooLarge);
        }
        self.stage_mut(id)?.lag = lag;
        Ok(())
    }

    pub fn add_metric(
        &mut self,
        id: MetricId,
        stage: StageId,
        name: &str,
        kind: MetricKind,
        lost_reason: bool,
    ) -> Result<(), EditError> {
        let name = clean_name(name)?;
        self.stage(stage).ok_or(EditError::UnknownStage)?;
        if self.metrics.len() >= MAX_METRICS {
            return Err(EditError::TooManyItems);
        }
        self.check_fresh(id.0)?;
        self.metrics.push(Metric {
            id,
            stage,
            name,
            kind,
            lost_reason,
            per_member: false,
        });
        Ok(())
    }

    pub fn rename_metric(&mut self, id: MetricId, name: &str) -> Result<(), EditError> {
        let name = clean_name(name)?;
        self.metric_mut(id)?.name = name;
        Ok(())
    }

    /// Changes what a metric counts; values entered as counts become that
    /// many units of money (and back), not that many cents.
    pub fn set_metric_kind(&mut self, id: MetricId, kind: MetricKind) -> Result<(), EditError> {
        let old = self.metric(id).ok_or(EditError::UnknownMetric)?.kind;
        // A promise's value is in the metric's unit: it would change meaning.
        if old != kind {
            self.check_not_in_sla(&[Measure::Metric(id)])?;
        }
        let unit = self.currency.minor_per_major();
        let scale = match (old == MetricKind::Money, kind == MetricKind::Money) {
            (false, true) => Some((unit, 1)),
            (true, false) => Some((1, unit)),
            _ => None,
        };
        if let Some((multiply, divide)) = scale {
            let figures = self.rescaled_figures(id, multiply, divide)?;
            self.put_figures(id, figures);
        }
        self.metric_mut(id)?.kind = kind;
        Ok(())
    }

    pub fn set_lost_reason(&mut self, id: MetricId, lost_reason: bool) -> Result<(), EditError> {
        self.metric_mut(id)?.lost_reason = lost_reason;
        Ok(())
    }

    /// Removes a metric and its counts; refused while a KPI reads it or it
    /// is its stage's count, so no KPI is ever left dangling.
    pub fn remove_metric(
        &mut self,
        id: MetricId,
    ) -> Result<(usize, Metric, MetricFigures), EditError> {
        let index = self
            .metrics
            .iter()
            .position(|m| m.id == id)
            .ok_or(EditError::UnknownMetric)?;
        if self.stages.iter().any(|s| s.primary_metric == id) {
            return Err(EditError::PrimaryMetric);
        }
        let users: Vec<String> = self
            .kpis
            .iter()
            .filter(|k| k.numerator == id || k.denominator == id)
            .map(|k| k.name.clone())
            .collect();
        if !users.is_empty() {
            return Err(EditError::MetricInUse(users));
        }
        self.check_not_in_sla(&[Measure::Metric(id)])?;
        let metric = self.metrics.remove(index);
        let figures = self.entries.take_figures(&mut self.member_entries, id);
        Ok((index, metric, figures))
    }

    fn check_draft(&self, draft: &KpiDraft) -> Result<KpiDraft, EditError> {
        let name = clean_name(&draft.name)?;
        if let KpiScope::Stage(stage) = draft.scope {
            self.stage(stage).ok_or(EditError::UnknownStage)?;
        }
        self.metric(draft.numerator)
            .ok_or(EditError::UnknownMetric)?;
        self.metric(draft.denominator)
            .ok_or(EditError::UnknownMetric)?;
        if draft.lag > MAX_LAG {
            return Err(EditError::LagTooLarge);
        }
        Ok(KpiDraft {
            name,
            ..draft.clone()
        })
    }

    /// A sensible start for a new KPI named `name`: for a stage, its count
    /// over the previous stage's (its step conversion); for the shared KPIs,
    /// the last stage's count over the first's. Shown as a percentage.
    pub fn new_kpi_draft(&self, scope: KpiScope, name: &str) -> Option<KpiDraft> {
        let (numerator, denominator) = match scope {
            KpiScope::Stage(stage) => {
                let index = self.index_of(stage)?;
                (
                    self.stages.get(index)?,
                    self.stages.get(index.saturating_sub(1))?,
                )
            }
            KpiScope::Shared => (self.stages.last()?, self.stages.first()?),
        };
        Some(KpiDraft {
            name: name.to_owned(),
            scope,
            numerator: numerator.primary_metric,
            denominator: denominator.primary_metric,
            display: KpiDisplay::Percent,
            better: Better::Higher,
            lag: 0,
        })
    }

    pub fn add_kpi(&mut self, id: KpiId, draft: &KpiDraft) -> Result<(), EditError> {
        let draft = self.check_draft(draft)?;
        if self.kpis.len() >= MAX_KPIS {
            return Err(EditError::TooManyItems);
        }
        self.check_fresh(id.0)?;
        self.kpis.push(Kpi {
            id,
            name: draft.name,
            scope: draft.scope,
            numerator: draft.numerator,
            denominator: draft.denominator,
            display: draft.display,
            better: draft.better,
            lag: draft.lag,
            targets: BTreeMap::new(),
        });
        Ok(())
    }

    pub fn update_kpi(&mut self, id: KpiId, draft: &KpiDraft) -> Result<(), EditError> {
        let draft = self.check_draft(draft)?;
        // A promise's value is in the KPI's unit: it would change meaning.
        if self.kpi(id).is_some_and(|k| k.display != draft.display) {
            self.check_not_in_sla(&[Measure::Kpi(id)])?;
        }
        let kpi = self.kpi_mut(id)?;
        kpi.name = draft.name;
        kpi.scope = draft.scope;
        kpi.numerator = draft.numerator;
        kpi.denominator = draft.denominator;
        kpi.display = draft.display;
        kpi.better = draft.better;
        kpi.lag = draft.lag;
        Ok(())
    }

    pub fn remove_kpi(&mut self, id: KpiId) -> Result<(usize, Kpi), EditError> {
        let index = self
            .kpis
            .iter()
            .position(|k| k.id == id)
            .ok_or(EditError::UnknownKpi)?;
        self.check_not_in_sla(&[Measure::Kpi(id)])?;
        self.check_not_in_actions(&[], &[id])?;
        self.check_not_in_cycles(&[id], &[], &[])?;
        Ok((index, self.kpis.remove(index)))
    }

    /// Puts a removed KPI back at its place, with its targets.
    pub fn restore_kpi(&mut self, index: usize, kpi: Kpi) -> Result<(), EditError> {
        self.check_draft(&kpi.draft())?;
        if self.kpis.len() >= MAX_KPIS {
            return Err(EditError::TooManyItems);
        }
        self.check_fresh(kpi.id.0)?;
        self.kpis.insert(index.min(self.kpis.len()), kpi);
        Ok(())
    }

    /// Puts a removed metric back at its place, with its counts.
    pub fn restore_metric(
        &mut self,
        index: usize,
        metric: Metric,
        figures: MetricFigures,
    ) -> Result<(), EditError> {
        clean_name(&metric.name)?;
        self.stage(metric.stage).ok_or(EditError::UnknownStage)?;
        if self.metrics.len() >= MAX_METRICS {
            return Err(EditError::TooManyItems);
        }
        self.check_fresh(metric.id.0)?;
        self.check_parts(metric.per_member, &figures)?;
        self.put_figures(metric.id, figures);
        self.metrics.insert(index.min(self.metrics.len()), metric);
        Ok(())
    }

    /// Sets (or with `None` clears) the count a stage should reach in a month.
    pub fn set_count_target(
        &mut self,
        id: StageId,
        month: Month,
        target: Option<u64>,
    ) -> Result<(), EditError> {
        if target.is_some_and(|t| t > MAX_ENTRY) {
            return Err(EditError::ValueTooLarge);
        }
        set_or_clear(&mut self.stage_mut(id)?.count_targets, month, target);
        Ok(())
    }

    /// Sets (or with `None` clears) the conversion into a stage a month should reach.
    pub fn set_step_target(
        &mut self,
        id: StageId,
        month: Month,
        target: Option<f64>,
    ) -> Result<(), EditError> {
        if target.is_some_and(|t| !valid_target(t)) {
            return Err(EditError::BadTarget);
        }
        set_or_clear(&mut self.stage_mut(id)?.step_targets, month, target);
        Ok(())
    }

    /// Sets (or with `None` clears) a KPI's target for one month.
    pub fn set_target(
        &mut self,
        id: KpiId,
        month: Month,
        target: Option<f64>,
    ) -> Result<(), EditError> {
        if target.is_some_and(|t| !valid_target(t)) {
            return Err(EditError::BadTarget);
        }
        set_or_clear(&mut self.kpi_mut(id)?.targets, month, target);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::IdGen;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::presets::inside_sales;

    fn plan() -> Plan {
        inside_sales(Lang::En)
    }

    /// Ids from a test session, apart from the preset's.
    fn ids() -> IdGen {
        IdGen::for_session(1)
    }

    fn add_stage(plan: &mut Plan, ids: &mut IdGen, name: &str) -> Result<StageId, EditError> {
        let taken = |id| plan.uses_id(id);
        let stage = StageId(ids.fresh(taken));
        let count = MetricId(ids.fresh(taken));
        plan.add_stage((stage, count), name, "Count", usize::MAX)
            .map(|()| stage)
    }

    fn names(plan: &Plan) -> Vec<&str> {
        plan.stages.iter().map(|s| s.name.as_str()).collect()
    }

    fn metric_named(plan: &Plan, name: &str) -> MetricId {
        plan.metrics
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.id)
            .unwrap()
    }

    fn november() -> Period {
        Period::containing(
            Granularity::Month,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        )
    }

    #[test]
    fn rename_trims_and_validates() {
        let mut plan = plan();
        let id = plan.stages[0].id;
        plan.rename_stage(id, "  Inbound leads ").unwrap();
        assert_eq!(plan.stages[0].name, "Inbound leads");
        assert_eq!(plan.rename_stage(id, "   "), Err(EditError::EmptyName));
        assert_eq!(
            plan.rename_stage(id, &"x".repeat(61)),
            Err(EditError::NameTooLong)
        );
        assert_eq!(
            plan.stages[0].name, "Inbound leads",
            "a refused rename changes nothing"
        );
        plan.rename_stage(id, &"営".repeat(60)).unwrap();
        assert_eq!(
            plan.rename_stage(StageId(999), "x"),
            Err(EditError::UnknownStage)
        );
    }

    #[test]
    fn names_are_kept_as_typed_even_with_markup() {
        let mut plan = plan();
        let id = plan.stages[1].id;
        plan.rename_stage(id, "<script>alert(1)</script>").unwrap();
        assert_eq!(plan.stages[1].name, "<script>alert(1)</script>");
    }

    #[test]
    fn a_stage_inserted_between_two_takes_its_place_and_the_previous_owner() {
        let mut plan = plan();
        // Between Lead nurturing (inside sales) and Opportunity creation.
        plan.add_stage(
            (StageId(100), MetricId(101)),
            "Qualification",
            "Qualified",
            2,
        )
        .unwrap();
        let names: Vec<_> = plan.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names[1..4],
            ["Lead nurturing", "Qualification", "Opportunity creation"]
        );
        let [marketing, inside] = [0, 1].map(|i| plan.departments[i].id);
        assert_eq!(plan.stages[2].owner, inside);
        plan.add_stage((StageId(102), MetricId(103)), "Awareness", "Reached", 0)
            .unwrap();
        assert_eq!(
            (plan.stages[0].name.as_str(), plan.stages[0].owner),
            ("Awareness", marketing),
            "at the start: the next stage's owner"
        );
    }

    #[test]
    fn added_stages_get_a_count_metric_and_the_last_owner() {
        let mut plan = plan();
        let (id, count) = (StageId(100), MetricId(101));
        plan.add_stage((id, count), "Renewal", "Renewals", usize::MAX)
            .unwrap();
        let added = plan.stage(id).unwrap();
        assert_eq!(added.owner, plan.departments[2].id);
        let count_metric = plan.metric(added.primary_metric).unwrap();
        assert_eq!(
            (
                count_metric.name.as_str(),
                count_metric.kind,
                count_metric.stage
            ),
            ("Renewals", MetricKind::Count, id)
        );
        assert_eq!(added.primary_metric, count);
        let before = plan.clone();
        for taken in [
            (id, MetricId(102)),
            (StageId(102), count),
            (StageId(103), MetricId(103)),
        ] {
            assert_eq!(
                plan.add_stage(taken, "Twice", "Count", usize::MAX),
                Err(EditError::IdInUse)
            );
        }
        assert_eq!(plan, before, "a refused add changes nothing");
        let mut ids = ids();
        while plan.stages.len() < MAX_STAGES {
            add_stage(&mut plan, &mut ids, "More").unwrap();
        }
        assert_eq!(
            add_stage(&mut plan, &mut ids, "One too many"),
            Err(EditError::TooManyStages)
        );
    }

    #[test]
    fn a_stage_removal_is_named_before_it_happens() {
        let mut plan = plan();
        let stage = plan.stages[2].id;
        let opportunities = plan.stages[2].primary_metric;
        plan.set_entry(opportunities, november(), Some(40)).unwrap();
        let month = Month::new(2026, 11).unwrap();
        plan.set_count_target(stage, month, Some(50)).unwrap();
        let win_rate = plan.kpis.iter().find(|k| k.name == "Win rate").unwrap().id;
        plan.set_target(win_rate, month, Some(0.3)).unwrap();
        let removal = plan.removal_of_stage(stage).unwrap();
        assert_eq!(
            removal,
            StageRemoval {
                stage: "Opportunity creation",
                metrics: vec!["Opportunities", "Appointments", "Hand-offs"],
                kpis: vec!["Contact → opportunity rate", "Hand-off rate", "Win rate"],
                shared_kpis: vec!["Lead → opportunity rate", "Opportunity → won"],
                targets: 2,
                counts: 1,
            }
        );
        let names: Vec<String> = plan
            .kpis_removed_with(stage)
            .map(|k| k.name.clone())
            .collect();
        let removed = plan.remove_stage(stage).unwrap();
        let gone: Vec<String> = removed.kpis.iter().map(|(_, k)| k.name.clone()).collect();
        assert_eq!(gone, names, "what was named is what went");
        assert_eq!(plan.removal_of_stage(stage), None);
    }

    #[test]
    fn remove_takes_dependent_kpis_and_restore_puts_everything_back() {
        let mut plan = plan();
        let nurturing = plan.stages[1].id;
        let contacts = metric_named(&plan, "Contacts");
        plan.set_entry(contacts, november(), Some(300)).unwrap();
        let before = plan.clone();
        let removed = plan.remove_stage(nurturing).unwrap();
        assert_eq!(removed.index, 1);
        assert!(plan.metrics.iter().all(|m| m.stage != nurturing));
        // The opportunity rate of the next stage read "Contacts": it goes too.
        let removed_kpis: Vec<_> = removed.kpis.iter().map(|(_, k)| k.name.as_str()).collect();
        assert!(removed_kpis.contains(&"Contact rate"));
        assert!(removed_kpis.contains(&"Contact → opportunity rate"));
        assert!(plan
            .kpis
            .iter()
            .all(|k| plan.metric(k.numerator).is_some() && plan.metric(k.denominator).is_some()));
        assert_eq!(plan.entries.cell(contacts, november()).total(), None);
        plan.restore_stage(removed).unwrap();
        assert_eq!(plan, before);
    }

    #[test]
    fn the_last_stage_cannot_be_removed() {
        let mut plan = plan();
        let ids: Vec<_> = plan.stages.iter().map(|s| s.id).collect();
        for id in &ids[1..] {
            plan.remove_stage(*id).unwrap();
        }
        assert_eq!(plan.remove_stage(ids[0]), Err(EditError::LastStage));
    }

    #[test]
    fn move_swaps_neighbours_and_stops_at_the_ends() {
        let mut plan = plan();
        let first = plan.stages[0].id;
        plan.move_stage(first, Direction::Up).unwrap();
        assert_eq!(plan.stages[0].id, first);
        plan.move_stage(first, Direction::Down).unwrap();
        assert_eq!(
            names(&plan),
            [
                "Lead nurturing",
                "Lead generation",
                "Opportunity creation",
                "Hand-off → proposal",
                "Won"
            ]
        );
        let last = plan.stages[4].id;
        plan.move_stage(last, Direction::Down).unwrap();
        assert_eq!(plan.stages[4].id, last);
    }

    #[test]
    fn a_metric_used_by_a_kpi_cannot_be_removed() {
        let mut plan = plan();
        let calls = metric_named(&plan, "Calls");
        assert_eq!(
            plan.remove_metric(calls),
            Err(EditError::MetricInUse(vec!["Contact rate".into()]))
        );
        let leads = metric_named(&plan, "Leads");
        assert_eq!(plan.remove_metric(leads), Err(EditError::PrimaryMetric));
        let stage = plan.stages[0].id;
        let extra = MetricId(500);
        plan.add_metric(extra, stage, "Booth visitors", MetricKind::Count, false)
            .unwrap();
        plan.set_entry(extra, november(), Some(5)).unwrap();
        let before = plan.clone();
        let (index, metric, days) = plan.remove_metric(extra).unwrap();
        assert_eq!(metric.name, "Booth visitors");
        assert_eq!(days.totals.iter().map(|(_, v)| v).sum::<u64>(), 5);
        assert!(plan.metric(extra).is_none());
        plan.restore_metric(index, metric, days).unwrap();
        assert_eq!(plan, before);
    }

    #[test]
    fn kpis_are_checked_before_they_are_saved() {
        let mut plan = plan();
        let calls = metric_named(&plan, "Calls");
        let contacts = metric_named(&plan, "Contacts");
        let draft = KpiDraft {
            name: " Connect rate ".into(),
            scope: KpiScope::Shared,
            numerator: contacts,
            denominator: calls,
            display: KpiDisplay::Percent,
            better: Better::Higher,
            lag: 0,
        };
        let id = KpiId(500);
        plan.add_kpi(id, &draft).unwrap();
        assert_eq!(plan.kpi(id).unwrap().name, "Connect rate");
        let dangling = KpiDraft {
            numerator: MetricId(9999),
            ..draft.clone()
        };
        assert_eq!(
            plan.add_kpi(KpiId(501), &dangling),
            Err(EditError::UnknownMetric)
        );
        assert_eq!(
            plan.update_kpi(id, &dangling),
            Err(EditError::UnknownMetric)
        );
        let slow = KpiDraft {
            lag: 13,
            ..draft.clone()
        };
        assert_eq!(plan.add_kpi(KpiId(501), &slow), Err(EditError::LagTooLarge));
        assert_eq!(plan.add_kpi(id, &draft), Err(EditError::IdInUse));
        let (index, kpi) = plan.remove_kpi(id).unwrap();
        plan.restore_kpi(index, kpi).unwrap();
        assert!(plan.kpi(id).is_some());
    }

    #[test]
    fn a_currency_change_keeps_amounts_as_typed() {
        let mut plan = plan();
        let spend = metric_named(&plan, "Ad spend");
        plan.set_entry(spend, november(), Some(150_050)).unwrap();
        let cpa = plan.kpis[0].id;
        let month = Month::new(2026, 11).unwrap();
        plan.set_target(cpa, month, Some(1_500.0)).unwrap();
        plan.set_currency(Currency::Jpy).unwrap();
        assert_eq!(
            plan.entries.cell(spend, november()).total(),
            Some(1_501),
            "$1,500.50 → ¥1,501"
        );
        assert_eq!(plan.kpi(cpa).unwrap().targets[&month], 15.0);
        plan.set_currency(Currency::Usd).unwrap();
        assert_eq!(plan.entries.cell(spend, november()).total(), Some(150_100));
        plan.set_entry(spend, november(), Some(MAX_ENTRY)).unwrap();
        plan.set_currency(Currency::Jpy).unwrap();
        let before = plan.clone();
        assert_eq!(
            plan.set_currency(Currency::Usd),
            Err(EditError::ValueTooLarge)
        );
        assert_eq!(plan, before);
    }

    #[test]
    fn a_count_turned_into_money_keeps_its_units() {
        let mut plan = plan();
        let visits = metric_named(&plan, "Site visits");
        plan.set_entry(visits, november(), Some(12)).unwrap();
        plan.set_metric_kind(visits, MetricKind::Money).unwrap();
        assert_eq!(
            plan.entries.cell(visits, november()).total(),
            Some(1_200),
            "$12.00"
        );
        plan.set_metric_kind(visits, MetricKind::Days).unwrap();
        assert_eq!(plan.entries.cell(visits, november()).total(), Some(12));
    }

    #[test]
    fn restore_refuses_kpis_whose_metrics_are_gone() {
        let mut plan = plan();
        let opportunity_stage = plan.stages[2].id;
        let removed = plan.remove_stage(opportunity_stage).unwrap();
        // "Win rate" (Won stage) read Opportunities; it was removed along.
        assert!(removed.kpis.iter().any(|(_, k)| k.name == "Win rate"));
        let mut tampered = removed.clone();
        tampered.metrics.clear();
        let before = plan.clone();
        assert_eq!(plan.restore_stage(tampered), Err(EditError::UnknownMetric));
        assert_eq!(plan, before);
        plan.restore_stage(removed).unwrap();
    }

    #[test]
    fn stages_have_count_and_conversion_targets() {
        let mut plan = plan();
        let id = plan.stages[1].id;
        let month = Month::new(2026, 11).unwrap();
        plan.set_count_target(id, month, Some(300)).unwrap();
        plan.set_step_target(id, month, Some(0.3)).unwrap();
        assert_eq!(plan.stages[1].count_targets[&month], 300);
        assert_eq!(
            plan.set_step_target(id, month, Some(f64::NAN)),
            Err(EditError::BadTarget)
        );
        assert_eq!(
            plan.set_count_target(id, month, Some(u64::MAX)),
            Err(EditError::ValueTooLarge)
        );
        plan.set_count_target(id, month, None).unwrap();
        assert!(plan.stages[1].count_targets.is_empty());
        assert_eq!(plan.stages[1].step_targets[&month], 0.3);
    }

    #[test]
    fn new_kpis_start_as_step_or_funnel_conversions() {
        let plan = plan();
        let nurturing = plan.stages[1].id;
        let draft = plan
            .new_kpi_draft(KpiScope::Stage(nurturing), "New KPI")
            .unwrap();
        assert_eq!(
            (draft.numerator, draft.denominator),
            (plan.stages[1].primary_metric, plan.stages[0].primary_metric)
        );
        let shared = plan.new_kpi_draft(KpiScope::Shared, "New KPI").unwrap();
        assert_eq!(
            (shared.numerator, shared.denominator),
            (plan.stages[4].primary_metric, plan.stages[0].primary_metric)
        );
        assert_eq!(plan.new_kpi_draft(KpiScope::Stage(StageId(999)), "x"), None);
        let kpi = &plan.kpis[0];
        let mut changed = plan.clone();
        changed.update_kpi(kpi.id, &kpi.draft()).unwrap();
        assert_eq!(changed, plan, "a KPI's own draft changes nothing");
        let lagged = KpiDraft {
            lag: 2,
            ..kpi.draft()
        };
        changed.update_kpi(kpi.id, &lagged).unwrap();
        assert_eq!(changed.kpis[0].lag, 2);
    }

    #[test]
    fn targets_are_finite_and_not_negative() {
        let mut plan = plan();
        let id = plan.kpis[0].id;
        let month = Month::new(2026, 11).unwrap();
        plan.set_target(id, month, Some(0.25)).unwrap();
        assert_eq!(plan.kpi(id).unwrap().targets.get(&month), Some(&0.25));
        for bad in [f64::NAN, f64::INFINITY, -0.1, 1e300] {
            assert_eq!(
                plan.set_target(id, month, Some(bad)),
                Err(EditError::BadTarget)
            );
        }
        plan.set_target(id, month, None).unwrap();
        assert!(plan.kpi(id).unwrap().targets.is_empty());
    }

    #[test]
    fn owners_lags_and_margins_are_validated() {
        let mut plan = plan();
        let id = plan.stages[1].id;
        let marketing = plan.departments[0].id;
        plan.set_owner(id, marketing).unwrap();
        assert_eq!(plan.stages[1].owner, marketing);
        assert_eq!(
            plan.set_owner(id, DepartmentId(12345)),
            Err(EditError::UnknownDepartment)
        );
        assert_eq!(plan.stages[1].owner, marketing);
        plan.set_stage_lag(id, 2).unwrap();
        assert_eq!(plan.set_stage_lag(id, 13), Err(EditError::LagTooLarge));
        assert_eq!(plan.stages[1].lag, 2);
        assert_eq!(plan.set_at_risk_margin(101), Err(EditError::MarginTooLarge));
        plan.set_at_risk_margin(5).unwrap();
        assert_eq!(plan.at_risk_margin_percent, 5);
    }

    #[test]
    fn keys_round_trip() {
        for k in MetricKind::ALL {
            assert_eq!(MetricKind::from_key(k.key()), Some(k));
        }
        for d in KpiDisplay::ALL {
            assert_eq!(KpiDisplay::from_key(d.key()), Some(d));
        }
    }
}
