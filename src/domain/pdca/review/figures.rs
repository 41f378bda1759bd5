//! The figures each review needs, read from the counts: the period the
//! review is held in (today, this week, this month so far) beside the one
//! before it, with targets where the plan has them.

use chrono::NaiveDate;

use super::{Cadence, Review};
use crate::domain::actions::ActionId;
use crate::domain::departments::DepartmentId;
use crate::domain::diagnosis::{bottleneck, StepReading};
use crate::domain::entries::members::Counter;
use crate::domain::ids::{KpiId, MemberId, MetricId};
use crate::domain::kpi::{kpi_value, read_kpi_at, Status};
use crate::domain::members::review::{member_table_against, not_entered, Column};
use crate::domain::pdca::check::check;
use crate::domain::pdca::{CycleId, Goal};
use crate::domain::period::PeriodRange;
use crate::domain::plan::{Kpi, KpiDisplay, KpiScope, Plan};
use crate::domain::planning::previous_working_day;
use crate::domain::sla::{self, evaluate, Measure, SlaId, ThresholdId, Unit, Verdict};

/// What a figure is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Metric(MetricId),
    Kpi(KpiId),
    /// A promise of an agreement.
    Promise(SlaId, ThresholdId),
    /// An action, read on the KPI it should move.
    Action(ActionId, KpiId),
}

impl Subject {
    /// How its values read; `None` once it is gone from the plan.
    pub fn unit(self, plan: &Plan) -> Option<Unit> {
        let measure = match self {
            Subject::Metric(metric) => Measure::Metric(metric),
            Subject::Kpi(kpi) | Subject::Action(_, kpi) => Measure::Kpi(kpi),
            Subject::Promise(sla, threshold) => {
                let card = plan.sla_card(sla)?;
                card.thresholds.iter().find(|t| t.id == threshold)?.measure
            }
        };
        plan.unit_of(measure)
    }
}

/// Whose figures a group holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Team,
    Member(MemberId),
    /// A department's KPIs, or the promises it keeps.
    Department(DepartmentId),
    /// The KPIs every department shares.
    Shared,
    /// The targets of the cycle under way, against what its days so far ask.
    CycleTargets(CycleId),
    /// The actions of the cycle under way: after their start (`value`)
    /// against as many days before it (`previous`).
    CycleActions(CycleId),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub subject: Subject,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    pub target: Option<f64>,
    pub status: Option<Status>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FigureGroup {
    pub group: Group,
    pub readings: Vec<Reading>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// The period the review is held in, so far.
    pub range: PeriodRange,
    /// What `previous` values are of: the week or month before, and for a
    /// daily review the last working day before today.
    pub previous: PeriodRange,
    pub groups: Vec<FigureGroup>,
    /// For the daily activity review, the members expected to count who
    /// have entered nothing today; `None` when nobody counts per member.
    pub not_entered: Option<Vec<MemberId>>,
    /// For the measures review, the weakest step of the last whole month
    /// (a month under way would hold its first counts against a whole
    /// month's reference).
    pub bottleneck: Option<StepReading>,
}

fn kpi_reading(plan: &Plan, kpi: &Kpi, range: PeriodRange, previous: PeriodRange) -> Reading {
    let reading = read_kpi_at(plan, kpi, range);
    Reading {
        subject: Subject::Kpi(kpi.id),
        value: reading.value,
        previous: kpi_value(plan, kpi, previous),
        target: reading.target,
        status: reading.status,
    }
}

fn has_figures(reading: &Reading) -> bool {
    reading.value.is_some() || reading.previous.is_some()
}

/// The KPIs `keep` picks, per department that owns their stages (in the
/// plan's order), then the shared ones.
fn kpis_by_department(
    plan: &Plan,
    range: PeriodRange,
    keep: impl Fn(&Kpi) -> bool,
) -> Vec<FigureGroup> {
    let owned_by = |kpi: &Kpi, department| match kpi.scope {
        KpiScope::Stage(stage) => plan.stage(stage).is_some_and(|s| s.owner == department),
        KpiScope::Shared => false,
    };
    let group = |group, pick: &dyn Fn(&Kpi) -> bool| FigureGroup {
        group,
        readings: plan
            .kpis
            .iter()
            .filter(|k| keep(k) && pick(k))
            .map(|k| kpi_reading(plan, k, range, range.previous()))
            .collect(),
    };
    plan.departments
        .iter()
        .map(|d| group(Group::Department(d.id), &|k| owned_by(k, d.id)))
        .chain(std::iter::once(group(Group::Shared, &|k| {
            k.scope == KpiScope::Shared
        })))
        .filter(|g| !g.readings.is_empty())
        .collect()
}

/// Each member's readings of the member table's columns `keep` picks.
fn member_groups(
    plan: &Plan,
    (range, previous): (PeriodRange, PeriodRange),
    keep: impl Fn(&Column) -> bool,
) -> Vec<FigureGroup> {
    let table = member_table_against(plan, range, previous);
    table
        .rows
        .iter()
        .filter_map(|row| {
            let Counter::Member(member) = row.counter else {
                return None;
            };
            let readings = table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, column)| keep(column))
                .map(|(i, column)| Reading {
                    subject: match *column {
                        Column::Metric(metric) => Subject::Metric(metric),
                        Column::Kpi(kpi) => Subject::Kpi(kpi),
                    },
                    value: row.values.get(i).copied().flatten(),
                    previous: row.previous.get(i).copied().flatten(),
                    target: None,
                    status: None,
                })
                .collect::<Vec<_>>();
            (!readings.is_empty()).then_some(FigureGroup {
                group: Group::Member(member),
                readings,
            })
        })
        .collect()
}

fn team_group(readings: Vec<Reading>) -> Option<FigureGroup> {
    let readings: Vec<Reading> = readings.into_iter().filter(has_figures).collect();
    (!readings.is_empty()).then_some(FigureGroup {
        group: Group::Team,
        readings,
    })
}

fn is_rate(kpi: &Kpi) -> bool {
    kpi.display == KpiDisplay::Percent
}

/// What `review` reads on `today`.
pub fn figures(plan: &Plan, review: Review, today: NaiveDate) -> Figures {
    let range = PeriodRange::new(review.period_of(today), 1);
    let previous = match review.cadence() {
        Cadence::Daily => PeriodRange::new(
            review.period_of(previous_working_day(today, &plan.planning.holidays)),
            1,
        ),
        Cadence::Weekly | Cadence::Monthly => range.previous(),
    };
    let cycle = plan.cycle_on(today);
    let is_rate_column = |column: &Column| match *column {
        Column::Kpi(kpi) => plan.kpi(kpi).is_some_and(is_rate),
        Column::Metric(_) => false,
    };
    let groups = match review {
        Review::ActivityCounts => {
            let counts = plan.metrics.iter().map(|m| {
                let total = |range| plan.entries.entered_total(m.id, range).map(|n| n as f64);
                Reading {
                    subject: Subject::Metric(m.id),
                    value: total(range),
                    previous: total(previous),
                    target: None,
                    status: None,
                }
            });
            team_group(counts.collect())
                .into_iter()
                .chain(member_groups(plan, (range, previous), |c| {
                    matches!(c, Column::Metric(_))
                }))
                .collect()
        }
        Review::ResponseRates => {
            let rates = plan.kpis.iter().filter(|k| is_rate(k));
            team_group(
                rates
                    .map(|k| kpi_reading(plan, k, range, previous))
                    .collect(),
            )
            .into_iter()
            .chain(member_groups(plan, (range, previous), is_rate_column))
            .collect()
        }
        Review::ConversionRates => kpis_by_department(plan, range, is_rate),
        Review::DepartmentKpis => kpis_by_department(plan, range, |_| true),
        Review::ScriptAndTargets => cycle
            .map(|cycle| FigureGroup {
                group: Group::CycleTargets(cycle.id),
                readings: check(plan, cycle, today)
                    .targets
                    .into_iter()
                    .filter_map(|t| {
                        let subject = match t.goal {
                            Goal::Kpi(kpi) => Subject::Kpi(kpi),
                            Goal::Count(stage) => {
                                Subject::Metric(plan.stage(stage)?.primary_metric)
                            }
                        };
                        Some(Reading {
                            subject,
                            value: t.actual,
                            previous: None,
                            target: Some(t.target_to_date),
                            status: t.status,
                        })
                    })
                    .collect(),
            })
            .into_iter()
            .collect(),
        Review::SlaReview => plan
            .departments
            .iter()
            .map(|department| FigureGroup {
                group: Group::Department(department.id),
                readings: plan
                    .sla_cards
                    .iter()
                    .flat_map(|card| card.thresholds.iter().map(move |t| (card.id, t)))
                    .filter(|(_, t)| t.kept_by == department.id)
                    .map(|(card, threshold)| {
                        let period = range.first();
                        let (value, status) = match evaluate(plan, threshold, period, today) {
                            Verdict::NoData => (None, None),
                            Verdict::Met { actual, .. } => (Some(actual), Some(Status::OnTrack)),
                            Verdict::Breached { actual, .. } => {
                                (Some(actual), Some(Status::OffTrack))
                            }
                        };
                        Reading {
                            subject: Subject::Promise(card, threshold.id),
                            value,
                            previous: sla::actual(plan, threshold.measure, period.previous()),
                            // Asked so far, known with or without data.
                            target: Some(sla::required(threshold, period, today)),
                            status,
                        }
                    })
                    .collect(),
            })
            .filter(|g| !g.readings.is_empty())
            .collect(),
        Review::MeasureRedesign => cycle
            .map(|cycle| FigureGroup {
                group: Group::CycleActions(cycle.id),
                readings: check(plan, cycle, today)
                    .actions
                    .into_iter()
                    .map(|a| Reading {
                        subject: Subject::Action(a.action, a.kpi),
                        value: a.after,
                        previous: a.before,
                        target: None,
                        status: None,
                    })
                    .collect(),
            })
            .into_iter()
            .collect(),
    };
    Figures {
        range,
        previous,
        groups,
        not_entered: (review == Review::ActivityCounts && !plan.per_member_metrics().is_empty())
            .then(|| not_entered(plan, today)),
        bottleneck: (review == Review::MeasureRedesign)
            .then(|| bottleneck(plan, range.previous()))
            .flatten(),
    }
}
