//! The plan file format, used for local storage and (later) exported files
//! and links. Every file is an envelope `{format, version, plan}`; reading
//! goes parse → envelope → version → migrate → typed plan → validate, and
//! each step has its own error so the user is told what is wrong.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use super::number::MAX_COUNT;
use super::plan::{clean_name, Plan, MAX_STAGES};

pub const FORMAT_TAG: &str = "funnel-planner/plan";

/// Upgrades, one version at a time: `MIGRATIONS[i]` turns a version `i + 1`
/// plan object into a version `i + 2` one. Adding a migration bumps the
/// current version; its test reads a frozen file of the old version.
type Migration = fn(Value) -> Result<Value, FormatError>;
const MIGRATIONS: &[Migration] = &[];

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

/// Checks the rules the editor keeps, so a hand-edited or damaged file
/// cannot put the app into a state it could never reach by itself.
fn validate(plan: &Plan) -> Result<(), FormatError> {
    let invalid = |reason: String| Err(FormatError::Invalid(reason));
    if plan.stages.is_empty() || plan.stages.len() > MAX_STAGES {
        return invalid(format!(
            "a plan has 1 to {MAX_STAGES} stages, this one has {}",
            plan.stages.len()
        ));
    }
    let mut ids = HashSet::new();
    let mut milestones = HashSet::new();
    for stage in &plan.stages {
        if !ids.insert(stage.id) {
            return invalid(format!("stage id {} is used twice", stage.id.0));
        }
        if clean_name(&stage.name).as_deref() != Ok(stage.name.as_str()) {
            return invalid(format!(
                "stage name {:?} is empty, too long or untrimmed",
                stage.name
            ));
        }
        if let Some(milestone) = stage.milestone {
            if !milestones.insert(milestone) {
                return invalid(format!("milestone {} is on two stages", milestone.key()));
            }
        }
        if let Some((month, count)) = stage.counts.iter().find(|(_, c)| **c > MAX_COUNT) {
            return invalid(format!("count {count} for {month} is too large"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::month::Month;
    use crate::domain::presets::{inside_sales, PresetNames};

    const GOLDEN_V1: &str = include_str!("../../tests/golden/plan-v1.json");

    fn sample() -> Plan {
        let mut plan = inside_sales(&PresetNames::JAPANESE);
        let month = Month::new(2026, 11).unwrap();
        for (i, count) in [1000, 250, 40, 30, 12].into_iter().enumerate() {
            let id = plan.stages[i].id;
            plan.set_count(id, month, count).unwrap();
        }
        plan
    }

    #[test]
    fn current_version_counts_the_migrations() {
        assert_eq!(CURRENT_VERSION as usize, MIGRATIONS.len() + 1);
    }

    #[test]
    fn round_trips_compact_and_pretty() {
        let plan = sample();
        assert_eq!(decode(&encode(&plan).unwrap()), Ok(plan.clone()));
        assert_eq!(decode(&encode_pretty(&plan).unwrap()), Ok(plan));
    }

    #[test]
    fn golden_v1_file_reads_and_writes_byte_for_byte() {
        let plan = decode(GOLDEN_V1).expect("golden file decodes");
        assert_eq!(plan, sample());
        assert_eq!(encode_pretty(&plan).unwrap(), GOLDEN_V1.trim_end());
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
        let cases = [
            ("\"id\": 2", "\"id\": 1"),
            ("\"name\": \"商談化\"", "\"name\": \"  \""),
            ("\"milestone\": \"opportunity\"", "\"milestone\": \"lead\""),
            ("\"2026-11\": 250", "\"2026-11\": 1000000000000"),
            ("\"2026-11\": 250", "\"2026-11\": -250"),
            ("\"2026-11\": 250", "\"2026-13\": 250"),
            ("\"owner\": \"marketing\"", "\"owner\": \"finance\""),
        ];
        for (from, to) in cases {
            let text = GOLDEN_V1.replacen(from, to, 1);
            assert_ne!(text, GOLDEN_V1, "fixture lacks {from}");
            assert!(
                matches!(decode(&text), Err(FormatError::Invalid(_))),
                "{to}"
            );
        }
        let no_stages =
            r#"{"format":"funnel-planner/plan","version":1,"plan":{"name":"x","stages":[]}}"#;
        assert!(matches!(decode(no_stages), Err(FormatError::Invalid(_))));
    }

    #[test]
    fn refuses_oversized_input_before_parsing() {
        let huge = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(decode(&huge), Err(FormatError::TooLarge));
    }
}
