//! The JSON Schema of the current file version, checked in as
//! `docs/plan.schema.json`. It is generated here from the Rust types (their
//! `schemars` attributes exist in native test builds only, so the bundle
//! carries none of it) and describes what the app writes; a test fails when
//! the checked-in file and the types disagree.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Value};

use super::{encode, Envelope, Head, CURRENT_VERSION};
use crate::domain::fixtures::large_plan;
use crate::domain::locale::Lang;
use crate::domain::number::MAX_ENTRY;
use crate::domain::plan::{MAX_LAG, MAX_MARGIN_PERCENT, MAX_NAME_CHARS};
use crate::domain::presets::Preset;

/// A year as files write it: 0001 to 9999.
macro_rules! year {
    () => {
        r"(000[1-9]|00[1-9]\d|0[1-9]\d{2}|[1-9]\d{3})"
    };
}

/// A month, `YYYY-MM`.
pub(crate) const MONTH: &str = concat!("^", year!(), r"-(0[1-9]|1[0-2])$");
/// A day, `YYYY-MM-DD` (the calendar, such as 31 April, is not checked).
pub(crate) const DAY: &str = concat!("^", year!(), r"-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$");
/// An ISO week, `YYYY-Www`, with its week-year.
const WEEK: &str = concat!("^", year!(), r"-W(0[1-9]|[1-4]\d|5[0-3])$");

/// How a metric's figures (`Counts`) are written, by hand rather than
/// derived: a map from a day, week or month key to a figure.
pub(crate) struct Figures;

impl JsonSchema for Figures {
    fn schema_name() -> Cow<'static, str> {
        "Figures".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let figure = json!({ "type": "integer", "minimum": 0, "maximum": MAX_ENTRY });
        json_schema!({
            "type": "object",
            "patternProperties": {
                DAY: figure.clone(),
                WEEK: figure.clone(),
                MONTH: figure,
            },
            "additionalProperties": false,
        })
    }
}

/// Bounds each value of a map keyed by month, or each number of a pair,
/// for `#[schemars(transform = parts_within(0, MAX_ENTRY))]`: a `range`
/// attribute reaches only the field's own schema.
pub(crate) fn parts_within(min: u64, max: u64) -> impl FnMut(&mut Schema) {
    move |schema| {
        let Some(schema) = schema.as_object_mut() else {
            return;
        };
        let mut parts: Vec<&mut Value> = Vec::new();
        for (key, value) in schema.iter_mut() {
            match (key.as_str(), value) {
                ("patternProperties", Value::Object(values)) => parts.extend(values.values_mut()),
                ("prefixItems", Value::Array(items)) => parts.extend(items.iter_mut()),
                _ => {}
            }
        }
        for part in parts {
            part["minimum"] = min.into();
            part["maximum"] = max.into();
        }
    }
}

/// Leaves out the doc comments, written for the code (`docs/FORMAT.md`
/// says what each field means), and closes every object: the app writes
/// no other keys.
fn tidy(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut() {
        object.remove("description");
        if object.contains_key("properties") && !object.contains_key("additionalProperties") {
            object.insert("additionalProperties".into(), false.into());
        }
    }
}

const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/plan.schema.json");
/// The current version's golden file.
const GOLDEN: &str = include_str!("../../../tests/golden/plan-v11.json");

/// The schema of what the app writes: fields left out when they hold
/// their default are optional, the others required.
fn generated() -> Value {
    let mut schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(RecursiveTransform(tidy))
        .into_generator()
        .into_root_schema_for::<Envelope>();
    schema.insert("title".into(), "Funnel Planner plan file".into());
    schema.insert(
        "description".into(),
        format!(
            "A plan file of version {CURRENT_VERSION} as the app writes it. docs/FORMAT.md \
             describes every field and the rules a plan must also keep (unique ids, \
             references, order), which a schema cannot express."
        )
        .into(),
    );
    schema.to_value()
}

/// `UPDATE_GOLDEN=1 cargo test` rewrites the file after a deliberate
/// change to the types, as for the golden files.
#[test]
fn checked_in_schema_matches_the_rust_types() {
    let generated = serde_json::to_string_pretty(&generated()).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(SCHEMA_PATH, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(SCHEMA_PATH).expect("docs/plan.schema.json exists");
    if let Some((line, (ours, theirs))) = generated
        .lines()
        .zip(checked_in.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
    {
        panic!(
            "docs/plan.schema.json disagrees with the Rust types from line {}:\n  \
             types:      {ours}\n  checked in: {theirs}\n\
             After a deliberate format change, rewrite it with \
             `UPDATE_GOLDEN=1 cargo test --lib checked_in_schema` and review the diff.",
            line + 1
        );
    }
    assert!(
        generated == checked_in,
        "docs/plan.schema.json disagrees with the Rust types in its length; rewrite it \
         with `UPDATE_GOLDEN=1 cargo test --lib checked_in_schema` and review the diff"
    );
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&generated()).expect("the schema is valid JSON Schema")
}

/// The day the example preset's counts run up to.
const TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 11, 24) {
    Some(day) => day,
    None => panic!("a real day"),
};

/// Every file the app writes for the current version matches the schema:
/// the golden file, the presets and the large fixture (weeks, members).
#[test]
fn written_files_match_the_schema() {
    let validator = validator();
    let written = Preset::ALL
        .into_iter()
        .flat_map(|preset| [Lang::En, Lang::Ja].map(|lang| preset.plan(lang, TODAY)))
        .map(|plan| encode(&plan, &Head::default()).unwrap())
        .chain([encode(&large_plan(), &Head::default().next(7)).unwrap()]);
    for text in std::iter::once(GOLDEN.to_owned()).chain(written) {
        let file: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&file)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

/// The limits and shapes the schema carries refuse what the app never
/// writes.
#[test]
fn the_schema_refuses_what_the_app_never_writes() {
    let validator = validator();
    let golden: Value = serde_json::from_str(GOLDEN).unwrap();
    let changes = [
        ("/version", json!(CURRENT_VERSION - 1)),
        ("/format", json!("funnel-planner/other")),
        ("/plan/name", json!("x".repeat(MAX_NAME_CHARS + 1))),
        ("/plan/departments/0/hue", json!("red")),
        (
            "/plan/departments/0",
            json!({ "id": 51, "name": "Sales", "hue": "blue", "colour": "red" }),
        ),
        ("/plan/stages/0/lag", json!(MAX_LAG + 1)),
        ("/plan/stages/0/count_targets", json!({ "2026-13": 1 })),
        ("/plan/actions/0/kpi", Value::Null),
        ("/plan/cycles/0/start", json!("2026-10-1")),
        ("/plan/entries/2", json!({ "2026-11": MAX_ENTRY + 1 })),
        ("/plan/entries/2", json!({ "2026-W54": 1 })),
        (
            "/plan/at_risk_margin_percent",
            json!(MAX_MARGIN_PERCENT + 1),
        ),
    ];
    assert!(validator.is_valid(&golden));
    for (pointer, value) in changes {
        let mut file = golden.clone();
        *file.pointer_mut(pointer).unwrap() = value;
        assert!(
            !validator.is_valid(&file),
            "the schema lets {pointer} through"
        );
    }
}
