//! The plan file format, used for local storage and (later) exported files
//! and links. Every file is an envelope `{format, version, plan}`; reading
//! goes parse → envelope → version → migrate → typed plan → validate, and
//! each step has its own error so the user is told what is wrong.

use std::collections::HashSet;

use chrono::Datelike;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::number::MAX_ENTRY;
use super::plan::{
    clean_name, valid_target, KpiScope, Plan, MAX_KPIS, MAX_LAG, MAX_MARGIN_PERCENT, MAX_METRICS,
    MAX_STAGES,
};

pub const FORMAT_TAG: &str = "funnel-planner/plan";

/// Upgrades, one version at a time: `MIGRATIONS[i]` turns a version `i + 1`
/// plan object into a version `i + 2` one. Adding a migration bumps the
/// current version; its test reads a frozen file of the old version.
type Migration = fn(Value) -> Result<Value, FormatError>;
const MIGRATIONS: &[Migration] = &[v1_to_v2, v2_to_v3];

pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32 + 1;

/// Larger inputs are refused before parsing, so a wrong file cannot freeze the page.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("the data is larger than {} MB", MAX_FILE_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("the data is not valid JSON: {0}")]
    NotJson(String),
    #[error("the data is not a Funnel Planner plan")]
    NotAPlan,
    #[error("the plan was saved by a newer version of Funnel Planner (format {found}; this app reads up to {CURRENT_VERSION})")]
    NewerVersion { found: u64 },
    #[error("the plan is damaged: {0}")]
    Invalid(String),
}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    plan: &'a Plan,
}

fn envelope(plan: &Plan) -> Envelope<'_> {
    Envelope {
        format: FORMAT_TAG,
        version: CURRENT_VERSION,
        plan,
    }
}

/// Compact JSON, for local storage.
pub fn encode(plan: &Plan) -> Result<String, FormatError> {
    serde_json::to_string(&envelope(plan)).map_err(|e| FormatError::Invalid(e.to_string()))
}

/// Indented JSON, for files people may open and diff.
pub fn encode_pretty(plan: &Plan) -> Result<String, FormatError> {
    serde_json::to_string_pretty(&envelope(plan)).map_err(|e| FormatError::Invalid(e.to_string()))
}

pub fn decode(text: &str) -> Result<Plan, FormatError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge);
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| FormatError::NotJson(e.to_string()))?;
    let Value::Object(mut envelope) = value else {
        return Err(FormatError::NotAPlan);
    };
    if envelope.get("format").and_then(Value::as_str) != Some(FORMAT_TAG) {
        return Err(FormatError::NotAPlan);
    }
    let version = envelope
        .get("version")
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
        .ok_or_else(|| FormatError::Invalid("missing or bad version".into()))?;
    if version > u64::from(CURRENT_VERSION) {
        return Err(FormatError::NewerVersion { found: version });
    }
    let mut plan = envelope.remove("plan").ok_or(FormatError::NotAPlan)?;
    for migrate in &MIGRATIONS[(version - 1) as usize..] {
        plan = migrate(plan)?;
    }
    let plan: Plan =
        serde_json::from_value(plan).map_err(|e| FormatError::Invalid(e.to_string()))?;
    validate(&plan)?;
    Ok(plan)
}

/// Version 1 kept one count per stage per month and marked the stages the
/// shared KPIs were measured between ("milestones"). Version 2 counts
/// metrics per day: each stage's counts become its count metric, entered on
/// the first day of each month, and the milestones become shared KPIs.
fn v1_to_v2(plan: Value) -> Result<Value, FormatError> {
    let invalid = |what: &str| FormatError::Invalid(format!("version 1 plan: {what}"));
    let Value::Object(mut plan) = plan else {
        return Err(invalid("not an object"));
    };
    let stages = match plan.remove("stages") {
        Some(Value::Array(stages)) => stages,
        _ => return Err(invalid("no stages")),
    };
    // Ids are u32 in version 2; a larger one cannot be carried over.
    let highest = stages
        .iter()
        .filter_map(|s| s.get("id").and_then(Value::as_u64))
        .max()
        .unwrap_or(0);
    let room = u64::from(u32::MAX) - 2 * stages.len() as u64 - 3;
    if highest > room {
        return Err(invalid("a stage id is too large"));
    }
    let mut next_id = highest + 1;
    let mut new_stages = Vec::new();
    let mut metrics = Vec::new();
    let mut entries = Map::new();
    let mut milestones = Map::new();
    for stage in stages {
        let Value::Object(mut stage) = stage else {
            return Err(invalid("a stage is not an object"));
        };
        let id = stage
            .get("id")
            .cloned()
            .ok_or_else(|| invalid("a stage has no id"))?;
        let name = stage.get("name").cloned().unwrap_or(Value::Null);
        let metric_id = next_id;
        next_id += 1;
        metrics.push(json!({ "id": metric_id, "stage": id, "name": name, "kind": "count" }));
        if let Some(Value::Object(counts)) = stage.remove("counts") {
            let days: Map<String, Value> = counts
                .into_iter()
                .map(|(month, count)| (format!("{month}-01"), count))
                .collect();
            entries.insert(metric_id.to_string(), Value::Object(days));
        }
        if let Some(Value::String(milestone)) = stage.remove("milestone") {
            milestones.insert(milestone, json!(metric_id));
        }
        stage.insert("primary_metric".into(), json!(metric_id));
        stage.insert("lag".into(), json!(0));
        new_stages.push(Value::Object(stage));
    }
    let mut kpis = Vec::new();
    for (name, from, to) in [
        ("Lead → opportunity", "lead", "opportunity"),
        ("Opportunity → won", "opportunity", "won"),
    ] {
        if let (Some(denominator), Some(numerator)) = (milestones.get(from), milestones.get(to)) {
            kpis.push(json!({
                "id": next_id, "name": name, "scope": "shared",
                "numerator": numerator, "denominator": denominator,
                "display": "percent", "better": "higher", "lag": 0,
            }));
            next_id += 1;
        }
    }
    let japanese = plan
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(|name| name.chars().any(|c| c >= '\u{3000}'));
    plan.insert(
        "currency".into(),
        json!(if japanese { "JPY" } else { "USD" }),
    );
    plan.insert("stages".into(), Value::Array(new_stages));
    plan.insert("metrics".into(), Value::Array(metrics));
    plan.insert("kpis".into(), Value::Array(kpis));
    plan.insert("entries".into(), Value::Object(entries));
    plan.insert("at_risk_margin_percent".into(), json!(10));
    plan.insert("next_id".into(), json!(next_id));
    Ok(Value::Object(plan))
}

/// Version 3 added count and conversion targets to stages. A version 2
/// plan has none, and the fields default to empty; the version number
/// still changes so that an older app refuses a newer file instead of
/// dropping its targets when it saves.
fn v2_to_v3(plan: Value) -> Result<Value, FormatError> {
    Ok(plan)
}

/// Checks the rules the editor keeps, so a hand-edited or damaged file
/// cannot put the app into a state it could never reach by itself.
fn validate(plan: &Plan) -> Result<(), FormatError> {
    let fail = |reason: String| Err(FormatError::Invalid(reason));
    if plan.stages.is_empty() || plan.stages.len() > MAX_STAGES {
        return fail(format!(
            "a plan has 1 to {MAX_STAGES} stages, this one has {}",
            plan.stages.len()
        ));
    }
    if plan.metrics.len() > MAX_METRICS || plan.kpis.len() > MAX_KPIS {
        return fail("too many metrics or KPIs".into());
    }
    if clean_name(&plan.name).as_deref() != Ok(plan.name.as_str()) {
        return fail(format!(
            "plan name {:?} is empty, too long or untrimmed",
            plan.name
        ));
    }
    if plan.at_risk_margin_percent > MAX_MARGIN_PERCENT {
        return fail("the at-risk margin is over 100 %".into());
    }
    let mut ids = HashSet::new();
    let all_ids = plan
        .stages
        .iter()
        .map(|s| s.id.0)
        .chain(plan.metrics.iter().map(|m| m.id.0))
        .chain(plan.kpis.iter().map(|k| k.id.0));
    for id in all_ids {
        if !ids.insert(id) || id >= plan.next_id {
            return fail(format!("id {id} is used twice or not below next_id"));
        }
    }
    let names = plan
        .stages
        .iter()
        .map(|s| &s.name)
        .chain(plan.metrics.iter().map(|m| &m.name))
        .chain(plan.kpis.iter().map(|k| &k.name));
    for name in names {
        if clean_name(name).as_deref() != Ok(name.as_str()) {
            return fail(format!("name {name:?} is empty, too long or untrimmed"));
        }
    }
    for stage in &plan.stages {
        if plan
            .metric(stage.primary_metric)
            .is_none_or(|m| m.stage != stage.id)
        {
            return fail(format!(
                "stage {:?} has no count metric of its own",
                stage.name
            ));
        }
        if stage.lag > MAX_LAG {
            return fail(format!("stage {:?} has a lag over {MAX_LAG}", stage.name));
        }
        if stage.step_targets.values().any(|t| !valid_target(*t))
            || stage.count_targets.values().any(|t| *t > MAX_ENTRY)
        {
            return fail(format!("stage {:?} has a bad target", stage.name));
        }
    }
    for metric in &plan.metrics {
        if plan.stage(metric.stage).is_none() {
            return fail(format!("metric {:?} belongs to no stage", metric.name));
        }
    }
    for kpi in &plan.kpis {
        let scope_ok = match kpi.scope {
            KpiScope::Stage(stage) => plan.stage(stage).is_some(),
            KpiScope::Shared => true,
        };
        if !scope_ok
            || plan.metric(kpi.numerator).is_none()
            || plan.metric(kpi.denominator).is_none()
        {
            return fail(format!(
                "KPI {:?} refers to a missing stage or metric",
                kpi.name
            ));
        }
        if kpi.lag > MAX_LAG || kpi.targets.values().any(|t| !valid_target(*t)) {
            return fail(format!("KPI {:?} has a bad lag or target", kpi.name));
        }
    }
    for metric in plan.entries.metrics() {
        if plan.metric(metric).is_none() {
            return fail(format!("counts for missing metric {}", metric.0));
        }
    }
    if plan.entries.values().any(|v| v > MAX_ENTRY) {
        return fail("a count is too large".into());
    }
    if plan
        .entries
        .dates()
        .any(|d| !(1..=9999).contains(&d.year()))
    {
        return fail("a count is dated outside the years 1 to 9999".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::ids::MetricId;
    use crate::domain::locale::Lang;
    use crate::domain::money::Currency;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::plan::KpiDisplay;
    use crate::domain::presets::inside_sales;

    /// Frozen files, one per version: never edit an old one.
    const GOLDEN_V1: &str = include_str!("../../tests/golden/plan-v1.json");
    const GOLDEN_V2: &str = include_str!("../../tests/golden/plan-v2.json");
    const GOLDEN_V3_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/plan-v3.json");

    fn november() -> Period {
        Period::containing(
            Granularity::Month,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        )
    }

    /// The default Japanese plan with the seed example's November counts.
    fn sample() -> Plan {
        let mut plan = inside_sales(Lang::Ja);
        for (i, count) in [1000, 250, 40, 30, 12].into_iter().enumerate() {
            let metric = plan.stages[i].primary_metric;
            plan.set_entry(metric, november(), Some(count)).unwrap();
        }
        let first_kpi = plan.kpis[0].id;
        plan.set_target(
            first_kpi,
            crate::domain::month::Month::new(2026, 11).unwrap(),
            Some(1500.0),
        )
        .unwrap();
        plan
    }

    /// `sample` with the stage targets version 3 added.
    fn sample_v3() -> Plan {
        let mut plan = sample();
        let month = crate::domain::month::Month::new(2026, 11).unwrap();
        let (first, second) = (plan.stages[0].id, plan.stages[1].id);
        plan.set_count_target(first, month, Some(1200)).unwrap();
        plan.set_step_target(second, month, Some(0.3)).unwrap();
        plan
    }

    #[test]
    fn current_version_counts_the_migrations() {
        assert_eq!(CURRENT_VERSION as usize, MIGRATIONS.len() + 1);
        assert_eq!(CURRENT_VERSION, 3);
    }

    #[test]
    fn round_trips_compact_and_pretty() {
        let plan = sample_v3();
        assert_eq!(decode(&encode(&plan).unwrap()), Ok(plan.clone()));
        assert_eq!(decode(&encode_pretty(&plan).unwrap()), Ok(plan));
    }

    /// `UPDATE_GOLDEN=1 cargo test` rewrites the current version's file
    /// after a deliberate format change (which also needs a migration).
    #[test]
    fn golden_v3_file_reads_and_writes_byte_for_byte() {
        let written = encode_pretty(&sample_v3()).unwrap() + "\n";
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(GOLDEN_V3_PATH, &written).unwrap();
        }
        let golden = std::fs::read_to_string(GOLDEN_V3_PATH).expect("golden file exists");
        assert_eq!(decode(&golden), Ok(sample_v3()));
        assert_eq!(written, golden);
    }

    #[test]
    fn version_2_files_read_with_empty_stage_targets() {
        let plan = decode(GOLDEN_V2).expect("v2 golden file migrates");
        assert!(plan
            .stages
            .iter()
            .all(|s| s.count_targets.is_empty() && s.step_targets.is_empty()));
        assert_eq!(plan, sample());
    }

    #[test]
    fn version_1_files_migrate_to_metrics_and_shared_kpis() {
        let plan = decode(GOLDEN_V1).expect("v1 golden file migrates");
        assert_eq!(plan.name, "インサイドセールスのファネル");
        assert_eq!(plan.currency, Currency::Jpy);
        let stages: Vec<_> = plan
            .stages
            .iter()
            .map(|s| (s.id.0, s.name.as_str(), s.primary_metric.0))
            .collect();
        assert_eq!(
            stages,
            [
                (1, "リード獲得", 6),
                (2, "リード育成", 7),
                (3, "商談化", 8),
                (4, "引き継ぎ〜提案", 9),
                (5, "受注", 10)
            ]
        );
        let counts: Vec<_> = plan
            .stages
            .iter()
            .map(|s| plan.entries.cell(s.primary_metric, november()).total)
            .collect();
        assert_eq!(
            counts,
            [Some(1000), Some(250), Some(40), Some(30), Some(12)]
        );
        let day = Period::containing(
            Granularity::Day,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        );
        assert_eq!(
            plan.entries.cell(MetricId(6), day).total,
            Some(1000),
            "stored on the 1st"
        );
        let kpis: Vec<_> = plan
            .kpis
            .iter()
            .map(|k| (k.name.as_str(), k.numerator.0, k.denominator.0, k.display))
            .collect();
        assert_eq!(
            kpis,
            [
                ("Lead → opportunity", 8, 6, KpiDisplay::Percent),
                ("Opportunity → won", 10, 8, KpiDisplay::Percent)
            ]
        );
        assert_eq!(plan.next_id, 13);
        // A migrated plan saves as the current version.
        assert_eq!(decode(&encode(&plan).unwrap()), Ok(plan));
    }

    #[test]
    fn refuses_what_is_not_a_plan() {
        assert!(matches!(decode(""), Err(FormatError::NotJson(_))));
        assert!(matches!(
            decode("{\"format\":"),
            Err(FormatError::NotJson(_))
        ));
        assert_eq!(decode("[]"), Err(FormatError::NotAPlan));
        assert_eq!(decode("42"), Err(FormatError::NotAPlan));
        assert_eq!(
            decode(r#"{"version":1,"plan":{}}"#),
            Err(FormatError::NotAPlan)
        );
        assert_eq!(
            decode(r#"{"format":"funnel-planner/plan","version":1}"#),
            Err(FormatError::NotAPlan)
        );
        assert!(matches!(
            decode(r#"{"format":"funnel-planner/plan","version":1,"plan":[]}"#),
            Err(FormatError::Invalid(_))
        ));
    }

    #[test]
    fn refuses_newer_and_nonsense_versions() {
        let newer = GOLDEN_V1.replacen("\"version\": 1", "\"version\": 99", 1);
        assert_eq!(decode(&newer), Err(FormatError::NewerVersion { found: 99 }));
        for bad in ["0", "-1", "1.5", "\"1\"", "null"] {
            let text = GOLDEN_V1.replacen("\"version\": 1", &format!("\"version\": {bad}"), 1);
            assert!(
                matches!(decode(&text), Err(FormatError::Invalid(_))),
                "version {bad}"
            );
        }
    }

    #[test]
    fn refuses_plans_that_break_the_editor_rules() {
        let golden = std::fs::read_to_string(GOLDEN_V3_PATH).unwrap();
        let cases = [
            ("\"id\": 2,", "\"id\": 1,"),
            ("\"name\": \"商談化\"", "\"name\": \"  \""),
            ("\"2026-11-01\": 250", "\"2026-11-01\": -250"),
            ("\"2026-11-01\": 250", "\"2026-13-01\": 250"),
            ("\"2026-11-01\": 250", "\"+10000-11-01\": 250"),
            ("\"2026-11-01\": 250", "\"2026-11-01\": 100000000000000"),
            ("\"owner\": \"marketing\"", "\"owner\": \"finance\""),
            ("\"numerator\": 4,", "\"numerator\": 9999,"),
            ("\"lag\": 0", "\"lag\": 99"),
            ("\"next_id\": ", "\"next_id\": 1, \"_\": "),
            ("\"currency\": \"JPY\"", "\"currency\": \"XYZ\""),
        ];
        for (from, to) in cases {
            let text = golden.replacen(from, to, 1);
            assert_ne!(text, golden, "fixture lacks {from}");
            assert!(
                matches!(decode(&text), Err(FormatError::Invalid(_))),
                "{to}"
            );
        }
    }

    #[test]
    fn refuses_version_1_ids_that_do_not_fit() {
        let huge = GOLDEN_V1.replacen("\"id\": 1,", "\"id\": 18446744073709551615,", 1);
        assert_ne!(huge, GOLDEN_V1);
        assert!(matches!(decode(&huge), Err(FormatError::Invalid(_))));
    }

    #[test]
    fn refuses_oversized_input_before_parsing() {
        let huge = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(decode(&huge), Err(FormatError::TooLarge));
    }
}
