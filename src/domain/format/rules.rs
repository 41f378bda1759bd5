//! The rules a plan keeps, checked as a whole: every broken rule is
//! reported with the JSON path of what breaks it, so whoever edited a file
//! by hand can find each place at once. The UI words them in the user's
//! language; `Display` is for developers.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::actions::{Action, MAX_ACTIONS};
use crate::domain::departments::{same_name, Department, MAX_DEPARTMENTS};
use crate::domain::diagnosis::valid_reference_range;
use crate::domain::entries::members::{MemberEntries, Parts};
use crate::domain::entries::{Counts, Entries};
use crate::domain::ids::MAX_ID;
use crate::domain::members::{Member, MAX_MEMBERS};
use crate::domain::money::Currency;
use crate::domain::number::MAX_ENTRY;
use crate::domain::pdca::review::{Held, MAX_REVIEWS_HELD};
use crate::domain::pdca::{Cycle, MAX_CYCLES};
use crate::domain::plan::{
    clean_name, valid_entry_date, valid_target, EditError, Kpi, KpiScope, Metric, Plan, Stage,
    MAX_KPIS, MAX_LAG, MAX_MARGIN_PERCENT, MAX_METRICS, MAX_STAGES,
};
use crate::domain::planning::Planning;
use crate::domain::sla::{SlaCard, MAX_SLA_CARDS};

/// A file with this many broken rules has enough listed to act on; the
/// rest would only slow the page.
pub const MAX_REPORTED: usize = 50;

/// One broken rule and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {rule}")]
pub struct Violation {
    /// A JSONPath from the file's root, as `$.plan.stages[2].name`.
    pub path: String,
    pub rule: Rule,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rule {
    #[error("holds {found} items; {min} to {max} are allowed")]
    Count {
        found: usize,
        min: usize,
        max: usize,
    },
    #[error("a name must be 1 to 60 characters without spaces around it")]
    Name,
    #[error("a text is empty, too long or has spaces around it")]
    Text,
    #[error("the same name is used twice")]
    NameTwice,
    #[error("the same id is used twice")]
    IdTwice,
    #[error("is over the largest value allowed ({max})")]
    TooLarge { max: u64 },
    #[error("names a department, stage, metric or member the plan does not have")]
    Dangling,
    #[error("the stage's count metric is not one of its own metrics")]
    NotOwnMetric,
    #[error("a reference range runs from a low to a high rate between 0 and 1")]
    ReferenceRange,
    #[error("a target is a number from 0 up")]
    Target,
    #[error("is dated outside the years 1 to 9999")]
    Date,
    #[error("is not in order, or lists a day twice")]
    Order,
    #[error("has members' figures but is not counted per member")]
    NotPerMember,
    #[error("lists no member, a member the plan does not have, or one without figures")]
    EmptyParts,
    #[error("the totals are not the sum of the members' figures")]
    NotTheSum,
    #[error("figures for {0} and {1} overlap")]
    Overlap(String, String),
    #[error("{0}")]
    Edit(EditError),
    #[error("not a whole number")]
    NotWhole,
    #[error("missing or bad version")]
    Version,
    /// The JSON does not have the plan's shape here (a wrong type, a
    /// missing field, an unknown value): serde's or a migration's words.
    #[error("{0}")]
    Shape(String),
}

impl Violation {
    pub fn new(path: impl Into<String>, rule: Rule) -> Violation {
        Violation {
            path: path.into(),
            rule,
        }
    }
}

/// Collects violations up to [`MAX_REPORTED`].
#[derive(Default)]
struct Report(Vec<Violation>);

impl Report {
    fn add(&mut self, path: impl FnOnce() -> String, rule: Rule) {
        if self.0.len() < MAX_REPORTED {
            self.0.push(Violation::new(path(), rule));
        }
    }

    fn check(&mut self, broken: bool, path: impl FnOnce() -> String, rule: Rule) {
        if broken {
            self.add(path, rule);
        }
    }

    fn count(&mut self, path: &str, found: usize, min: usize, max: usize) {
        self.check(
            !(min..=max).contains(&found),
            || format!("$.plan.{path}"),
            Rule::Count { found, min, max },
        );
    }

    fn edit(&mut self, path: impl FnOnce() -> String, result: Result<(), EditError>) {
        if let Err(error) = result {
            self.add(path, Rule::Edit(error));
        }
    }
}

fn at(list: &str, index: usize, field: &str) -> String {
    match field {
        "" => format!("$.plan.{list}[{index}]"),
        _ => format!("$.plan.{list}[{index}].{field}"),
    }
}

fn trimmed_name(name: &str) -> bool {
    clean_name(name).as_deref() == Ok(name)
}

/// Every rule the editor keeps that `plan` breaks, in file order, at most
/// [`MAX_REPORTED`]; empty for a plan the app could have made.
pub fn violations(plan: &Plan) -> Vec<Violation> {
    let mut report = Report::default();
    let r = &mut report;
    r.check(
        !trimmed_name(&plan.name),
        || "$.plan.name".into(),
        Rule::Name,
    );
    r.check(
        plan.at_risk_margin_percent > MAX_MARGIN_PERCENT,
        || "$.plan.at_risk_margin_percent".into(),
        Rule::TooLarge {
            max: MAX_MARGIN_PERCENT.into(),
        },
    );
    r.count("departments", plan.departments.len(), 1, MAX_DEPARTMENTS);
    let mut department_names = HashSet::new();
    for (i, department) in plan.departments.iter().enumerate() {
        let name = &department.name;
        r.check(
            !trimmed_name(name),
            || at("departments", i, "name"),
            Rule::Name,
        );
        r.check(
            !department_names.insert(name.to_ascii_lowercase()),
            || at("departments", i, "name"),
            Rule::NameTwice,
        );
    }
    r.count("members", plan.members.len(), 0, MAX_MEMBERS);
    for (i, member) in plan.members.iter().enumerate() {
        let name = member.name.as_str();
        r.check(!trimmed_name(name), || at("members", i, "name"), Rule::Name);
        r.check(
            plan.members[..i].iter().any(|m| same_name(&m.name, name)),
            || at("members", i, "name"),
            Rule::NameTwice,
        );
        r.check(
            plan.department(member.department).is_none(),
            || at("members", i, "department"),
            Rule::Dangling,
        );
    }
    r.count("stages", plan.stages.len(), 1, MAX_STAGES);
    for (i, stage) in plan.stages.iter().enumerate() {
        r.check(
            !trimmed_name(&stage.name),
            || at("stages", i, "name"),
            Rule::Name,
        );
        r.check(
            plan.department(stage.owner).is_none(),
            || at("stages", i, "owner"),
            Rule::Dangling,
        );
        r.check(
            plan.metric(stage.primary_metric)
                .is_none_or(|m| m.stage != stage.id),
            || at("stages", i, "primary_metric"),
            Rule::NotOwnMetric,
        );
        r.check(
            stage.lag > MAX_LAG,
            || at("stages", i, "lag"),
            Rule::TooLarge {
                max: MAX_LAG.into(),
            },
        );
        r.check(
            stage
                .reference_range
                .is_some_and(|range| !valid_reference_range(range)),
            || at("stages", i, "reference_range"),
            Rule::ReferenceRange,
        );
        r.check(
            stage.step_targets.values().any(|t| !valid_target(*t)),
            || at("stages", i, "step_targets"),
            Rule::Target,
        );
        r.check(
            stage.count_targets.values().any(|t| *t > MAX_ENTRY),
            || at("stages", i, "count_targets"),
            Rule::TooLarge { max: MAX_ENTRY },
        );
    }
    r.count("metrics", plan.metrics.len(), 0, MAX_METRICS);
    for (i, metric) in plan.metrics.iter().enumerate() {
        r.check(
            !trimmed_name(&metric.name),
            || at("metrics", i, "name"),
            Rule::Name,
        );
        r.check(
            plan.stage(metric.stage).is_none(),
            || at("metrics", i, "stage"),
            Rule::Dangling,
        );
    }
    r.count("kpis", plan.kpis.len(), 0, MAX_KPIS);
    for (i, kpi) in plan.kpis.iter().enumerate() {
        r.check(
            !trimmed_name(&kpi.name),
            || at("kpis", i, "name"),
            Rule::Name,
        );
        let scope_ok = match kpi.scope {
            KpiScope::Stage(stage) => plan.stage(stage).is_some(),
            KpiScope::Shared => true,
        };
        r.check(!scope_ok, || at("kpis", i, "scope"), Rule::Dangling);
        r.check(
            plan.metric(kpi.numerator).is_none(),
            || at("kpis", i, "numerator"),
            Rule::Dangling,
        );
        r.check(
            plan.metric(kpi.denominator).is_none(),
            || at("kpis", i, "denominator"),
            Rule::Dangling,
        );
        r.check(
            kpi.lag > MAX_LAG,
            || at("kpis", i, "lag"),
            Rule::TooLarge {
                max: MAX_LAG.into(),
            },
        );
        r.check(
            kpi.targets.values().any(|t| !valid_target(*t)),
            || at("kpis", i, "targets"),
            Rule::Target,
        );
    }
    r.edit(|| "$.plan.planning".into(), plan.planning.check());
    r.count("sla_cards", plan.sla_cards.len(), 0, MAX_SLA_CARDS);
    for (i, card) in plan.sla_cards.iter().enumerate() {
        r.edit(|| at("sla_cards", i, ""), plan.check_sla_card(card));
    }
    r.count("actions", plan.actions.len(), 0, MAX_ACTIONS);
    for (i, action) in plan.actions.iter().enumerate() {
        r.edit(|| at("actions", i, ""), plan.check_action(action));
    }
    r.count("cycles", plan.cycles.len(), 0, MAX_CYCLES);
    for (i, cycle) in plan.cycles.iter().enumerate() {
        r.check(
            i > 0 && cycle.start < plan.cycles[i - 1].start,
            || at("cycles", i, "start"),
            Rule::Order,
        );
        match plan.checked(cycle.clone()) {
            Ok(checked) if checked == *cycle => {}
            Ok(_) => r.add(|| at("cycles", i, ""), Rule::Text),
            Err(error) => r.add(|| at("cycles", i, ""), Rule::Edit(error)),
        }
    }
    r.count("reviews_held", plan.reviews_held.len(), 0, MAX_REVIEWS_HELD);
    for (i, held) in plan.reviews_held.iter().enumerate() {
        r.check(
            i > 0 && *held <= plan.reviews_held[i - 1],
            || at("reviews_held", i, ""),
            Rule::Order,
        );
        r.check(
            !valid_entry_date(held.day),
            || at("reviews_held", i, "day"),
            Rule::Date,
        );
    }
    check_ids(plan, r);
    check_figures(plan, r);
    report.0
}

/// Ids are unique across the whole plan and fit a JavaScript number.
fn check_ids(plan: &Plan, r: &mut Report) {
    let mut seen = HashSet::new();
    let lists: [(&str, Vec<u64>); 9] = [
        (
            "departments",
            plan.departments.iter().map(|d| d.id.0).collect(),
        ),
        ("members", plan.members.iter().map(|m| m.id.0).collect()),
        ("stages", plan.stages.iter().map(|s| s.id.0).collect()),
        ("metrics", plan.metrics.iter().map(|m| m.id.0).collect()),
        ("kpis", plan.kpis.iter().map(|k| k.id.0).collect()),
        ("sla_cards", plan.sla_cards.iter().map(|c| c.id.0).collect()),
        ("actions", plan.actions.iter().map(|a| a.id.0).collect()),
        ("cycles", plan.cycles.iter().map(|c| c.id.0).collect()),
        (
            "planning.scenarios",
            plan.planning.scenarios.iter().map(|s| s.id.0).collect(),
        ),
    ];
    let thresholds = plan.sla_cards.iter().enumerate().flat_map(|(i, card)| {
        card.thresholds
            .iter()
            .enumerate()
            .map(move |(j, t)| (t.id.0, "sla_cards", i, Some(j)))
    });
    let ids = lists
        .iter()
        .flat_map(|(list, ids)| {
            ids.iter()
                .enumerate()
                .map(move |(i, id)| (*id, *list, i, None))
        })
        .chain(thresholds);
    for (id, list, i, threshold) in ids {
        // The path is written only for a broken rule.
        let path = || match threshold {
            Some(j) => format!("$.plan.{list}[{i}].thresholds[{j}].id"),
            None => format!("$.plan.{list}[{i}].id"),
        };
        if id > MAX_ID {
            r.add(path, Rule::TooLarge { max: MAX_ID });
        } else if !seen.insert(id) {
            r.add(path, Rule::IdTwice);
        }
    }
}

/// Figures name metrics that exist, fit, are dated in range, do not
/// overlap, and per member add up to the totals.
fn check_figures(plan: &Plan, r: &mut Report) {
    let figure = |metric: u64, key: &str| format!("$.plan.entries['{metric}']['{key}']");
    for metric in plan.entries.metrics() {
        if plan.metric(metric).is_none() {
            r.add(|| format!("$.plan.entries['{}']", metric.0), Rule::Dangling);
        }
        for (period, value) in plan
            .entries
            .counts(metric)
            .into_iter()
            .flat_map(|c| c.iter())
        {
            r.check(
                value > MAX_ENTRY,
                || figure(metric.0, &period.file_key()),
                Rule::TooLarge { max: MAX_ENTRY },
            );
            r.check(
                !valid_entry_date(period.start()),
                || figure(metric.0, &period.file_key()),
                Rule::Date,
            );
        }
    }
    // Overlaps take a search per figure: the first is enough to act on.
    if let Some((metric, a, b)) = plan.entries.first_overlap() {
        r.add(
            || figure(metric.0, &a.file_key()),
            Rule::Overlap(a.file_key(), b.file_key()),
        );
    }
    for (metric, parts) in plan.member_entries.iter() {
        let path = || format!("$.plan.member_entries['{}']", metric.0);
        r.check(!plan.counted_per_member(metric), path, Rule::NotPerMember);
        r.check(
            parts.members.is_empty()
                || parts
                    .members
                    .iter()
                    .any(|(member, counts)| plan.member(*member).is_none() || counts.is_empty()),
            path,
            Rule::EmptyParts,
        );
        r.check(
            parts.sum() != plan.entries.metric_counts(metric),
            path,
            Rule::NotTheSum,
        );
    }
}

/// Where a plan object that does not read as a [`Plan`] goes wrong, down to
/// the list item, with serde's words for what is wrong there: serde names
/// a field but not its place, so each part is read again to find it. Each
/// part is read from an owned `Value`, as the whole plan is, so this adds
/// no second copy of the reading code to the bundle.
pub fn locate_shape_error(plan: &Value, error: &serde_json::Error) -> Violation {
    fn shape(path: String, error: serde_json::Error) -> Violation {
        Violation::new(path, Rule::Shape(error.to_string()))
    }
    fn whole<T: DeserializeOwned>(field: &str, value: &Value) -> Option<Violation> {
        let error = serde_json::from_value::<T>(value.clone()).err()?;
        Some(shape(format!("$.plan.{field}"), error))
    }
    /// A map `M` of `T` keyed by id, as `entries`.
    fn by_key<M: DeserializeOwned, T: DeserializeOwned>(
        field: &str,
        value: &Value,
    ) -> Option<Violation> {
        let Value::Object(items) = value else {
            return whole::<M>(field, value);
        };
        items.iter().find_map(|(key, item)| {
            let error = serde_json::from_value::<T>(item.clone()).err()?;
            Some(shape(format!("$.plan.{field}['{key}']"), error))
        })
    }
    fn list<T: DeserializeOwned>(field: &str, value: &Value) -> Option<Violation> {
        let Value::Array(items) = value else {
            return whole::<Vec<T>>(field, value);
        };
        items.iter().enumerate().find_map(|(i, item)| {
            let error = serde_json::from_value::<T>(item.clone()).err()?;
            Some(shape(format!("$.plan.{field}[{i}]"), error))
        })
    }
    let found = plan
        .as_object()
        .into_iter()
        .flatten()
        .find_map(|(key, value)| {
            let field = key.as_str();
            match field {
                "name" => whole::<String>(field, value),
                "currency" => whole::<Currency>(field, value),
                "at_risk_margin_percent" => whole::<u32>(field, value),
                "planning" => whole::<Planning>(field, value),
                "entries" => by_key::<Entries, Counts>(field, value),
                "member_entries" => by_key::<MemberEntries, Parts>(field, value),
                "departments" => list::<Department>(field, value),
                "members" => list::<Member>(field, value),
                "stages" => list::<Stage>(field, value),
                "metrics" => list::<Metric>(field, value),
                "kpis" => list::<Kpi>(field, value),
                "sla_cards" => list::<SlaCard>(field, value),
                "actions" => list::<Action>(field, value),
                "cycles" => list::<Cycle>(field, value),
                "reviews_held" => list::<Held>(field, value),
                _ => None,
            }
        });
    found.unwrap_or_else(|| Violation::new("$.plan", Rule::Shape(error.to_string())))
}

// The large fixture plan is native only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::presets::inside_sales;

    fn paths(plan: &Plan) -> Vec<(String, Rule)> {
        violations(plan)
            .into_iter()
            .map(|v| (v.path, v.rule))
            .collect()
    }

    #[test]
    fn every_broken_rule_is_reported_where_it_is() {
        let mut plan = inside_sales(Lang::En);
        assert_eq!(paths(&plan), []);
        plan.name = " Padded".into();
        plan.stages[1].lag = 13;
        plan.metrics[2].name = String::new();
        let second = plan.metrics[1].id;
        plan.kpis[0].numerator = crate::domain::ids::MetricId(4242);
        let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        plan.entries
            .set(
                second,
                Period::containing(Granularity::Day, day),
                Some(MAX_ENTRY + 1),
            )
            .unwrap();
        assert_eq!(
            paths(&plan),
            [
                ("$.plan.name".into(), Rule::Name),
                ("$.plan.stages[1].lag".into(), Rule::TooLarge { max: 12 }),
                ("$.plan.metrics[2].name".into(), Rule::Name),
                ("$.plan.kpis[0].numerator".into(), Rule::Dangling),
                (
                    format!("$.plan.entries['{}']['2026-11-03']", second.0),
                    Rule::TooLarge { max: MAX_ENTRY }
                ),
            ]
        );
    }

    #[test]
    fn an_id_used_twice_is_reported_where_it_is_used_again() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let mut plan = crate::domain::presets::example::example(Lang::En, today);
        assert_eq!(paths(&plan), []);
        let mut second = plan.sla_cards[0].thresholds[0].clone();
        second.id.0 = plan.kpis[0].id.0;
        plan.sla_cards[0].thresholds.push(second);
        // Cycles name the KPI given too large an id.
        plan.cycles.clear();
        plan.kpis[1].id.0 = u64::from(u32::MAX) << 22;
        assert_eq!(
            paths(&plan),
            [
                ("$.plan.kpis[1].id".into(), Rule::TooLarge { max: MAX_ID }),
                ("$.plan.sla_cards[0].thresholds[1].id".into(), Rule::IdTwice),
            ]
        );
    }

    #[test]
    fn a_plan_broken_everywhere_lists_the_first_fifty() {
        let mut plan = crate::domain::fixtures::large_plan();
        for metric in &mut plan.metrics {
            metric.name = format!(" {}", metric.name);
        }
        for kpi in &mut plan.kpis {
            kpi.name = format!("{} ", kpi.name);
        }
        assert!(plan.metrics.len() + plan.kpis.len() > MAX_REPORTED);
        let found = violations(&plan);
        assert_eq!(found.len(), MAX_REPORTED);
        assert_eq!(found[0].path, "$.plan.metrics[0].name");
    }
}
