//! The plan file format, used for local storage and exported files (and
//! later links); `docs/FORMAT.md` describes it. Every file is an envelope `{format, version, revision, writer,
//! seen, plan}`;
//! reading goes size → parse → envelope → version → migrate → typed plan →
//! validate, and each step has its own error so the user is told what is
//! wrong. Writing checks the same size and rules first, so the app never
//! saves what it would refuse to load.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::departments::{DepartmentId, Standard};
use super::entries::Counts;
use super::ids::MAX_ID;
use super::locale::Lang;
use super::period::parse_iso_day;
use super::plan::Plan;
use super::presets::standard_kind;

mod rules;
pub use rules::{violations, Rule, Violation, MAX_REPORTED};

pub const FORMAT_TAG: &str = "funnel-planner/plan";

/// Upgrades, one version at a time: `MIGRATIONS[i]` turns a version `i + 1`
/// plan object into a version `i + 2` one. Adding a migration bumps the
/// current version; its test reads a frozen file of the old version.
type Migration = fn(Value) -> Result<Value, FormatError>;
const MIGRATIONS: &[Migration] = &[
    v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5, v5_to_v6, v6_to_v7, v7_to_v8, v8_to_v9, v9_to_v10,
    v10_to_v11,
];

pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32 + 1;

/// The largest plan text, in UTF-16 code units: the unit local storage
/// counts its quota in (about 5 million per site in Chromium), so a plan
/// leaves room for its backups and snapshots. Larger text is refused before
/// parsing, so a wrong file cannot freeze the page.
pub const MAX_TEXT_UNITS: usize = 2 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("the data is larger than {MAX_TEXT_UNITS} characters")]
    TooLarge,
    #[error("the data is not valid JSON: {0}")]
    NotJson(String),
    #[error("the file is not text in UTF-8 or UTF-16")]
    NotText,
    #[error("the data is not a Funnel Planner plan")]
    NotAPlan,
    #[error("the plan was saved by a newer version of Funnel Planner (format {found}; this app reads up to {CURRENT_VERSION})")]
    NewerVersion { found: u64 },
    /// Every rule the plan breaks (at most [`MAX_REPORTED`]), each where.
    #[error("the plan is damaged: {}", .0.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("; "))]
    Broken(Vec<Violation>),
}

impl FormatError {
    /// Data that does not have a plan's shape at `path`.
    pub fn shape(path: &str, detail: String) -> FormatError {
        FormatError::Broken(vec![Violation::new(path, Rule::Shape(detail))])
    }
}

/// Which save wrote a stored plan. Tabs compare heads to tell that another
/// tab saved, and `seen` to tell whether their own saves survived: local
/// storage is shared by every tab, and one tab reading a stale copy can
/// overwrite another's save.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Head {
    /// One more than the revision the save was built on.
    pub revision: u64,
    /// The session tag of the tab that saved (0 before version 4).
    pub writer: u64,
    /// For the tabs that saved this plan lately, how many of their saves it
    /// includes, most recent writer last.
    pub seen: Vec<(u64, u64)>,
}

/// Writers remembered in `seen`: a tab open through more saves by other
/// tabs than this is counted as never having saved.
const SEEN_KEPT: usize = 32;

impl Head {
    /// How many saves of tab `writer` this plan includes.
    pub fn saves_of(&self, writer: u64) -> u64 {
        self.seen
            .iter()
            .find(|(w, _)| *w == writer)
            .map_or(0, |(_, n)| *n)
    }

    /// The head of the next save, by tab `writer`, built on this one.
    pub fn next(&self, writer: u64) -> Head {
        let count = self.saves_of(writer) + 1;
        let mut seen: Vec<(u64, u64)> = self
            .seen
            .iter()
            .copied()
            .filter(|(w, _)| *w != writer)
            .collect();
        seen.push((writer, count));
        let surplus = seen.len().saturating_sub(SEEN_KEPT);
        seen.drain(..surplus);
        Head {
            revision: self.revision + 1,
            writer,
            seen,
        }
    }

    /// Whether both name the same save.
    pub fn same_save(&self, other: &Head) -> bool {
        self.revision == other.revision && self.writer == other.writer
    }
}

/// A plan as stored, with the head of the save that wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub plan: Plan,
    pub head: Head,
}

/// The whole file, as the app writes it.
#[derive(Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
struct Envelope<'a> {
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(extend("const" = FORMAT_TAG)))]
    format: &'static str,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(extend("const" = CURRENT_VERSION)))]
    version: u32,
    revision: u64,
    writer: u64,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = SEEN_KEPT)))]
    seen: &'a [(u64, u64)],
    /// The plan's id in the library of the browser that exported it
    /// (files only): an import offers to replace the plan with that id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(length(max = MAX_FILE_ID_CHARS)))]
    id: Option<&'a str>,
    plan: &'a Plan,
}

/// The longest `id` read from a file; a longer one is ignored.
pub const MAX_FILE_ID_CHARS: usize = 64;

/// Checks the plan and the text's size, then writes it.
fn write(
    plan: &Plan,
    head: &Head,
    id: Option<&str>,
    to_text: impl FnOnce(&Envelope) -> serde_json::Result<String>,
) -> Result<String, FormatError> {
    validate(plan)?;
    let text = to_text(&Envelope {
        format: FORMAT_TAG,
        version: CURRENT_VERSION,
        revision: head.revision,
        writer: head.writer,
        seen: &head.seen,
        id,
        plan,
    })
    .map_err(|e| FormatError::shape("$", e.to_string()))?;
    check_size(&text)?;
    Ok(text)
}

/// Compact JSON, for local storage.
pub fn encode(plan: &Plan, head: &Head) -> Result<String, FormatError> {
    write(plan, head, None, |e| serde_json::to_string(e))
}

/// Compact JSON with the plan's library id, for files and links.
pub fn encode_file(plan: &Plan, head: &Head, id: &str) -> Result<String, FormatError> {
    write(plan, head, Some(id), |e| serde_json::to_string(e))
}

/// Indented JSON, for the golden files people open and diff. Native only:
/// a second serializer would cost every user its bytes (downloads are compact).
#[cfg(not(target_arch = "wasm32"))]
pub fn encode_pretty(plan: &Plan, head: &Head) -> Result<String, FormatError> {
    write(plan, head, None, |e| serde_json::to_string_pretty(e))
}

/// Refuses text over [`MAX_TEXT_UNITS`], measured as local storage measures it.
pub fn check_size(text: &str) -> Result<(), FormatError> {
    // A UTF-16 unit takes one to three bytes of UTF-8: count only when in doubt.
    if text.len() > 3 * MAX_TEXT_UNITS
        || (text.len() > MAX_TEXT_UNITS && text.encode_utf16().count() > MAX_TEXT_UNITS)
    {
        return Err(FormatError::TooLarge);
    }
    Ok(())
}

/// The head of a stored text, without checking its plan: what a save
/// compares before it writes. `None` for text that is not an envelope.
pub fn stored_head(text: &str) -> Option<Head> {
    let Ok(Value::Object(envelope)) = serde_json::from_str(text) else {
        return None;
    };
    if envelope.get("format").and_then(Value::as_str) != Some(FORMAT_TAG) {
        return None;
    }
    read_head(&envelope).ok()
}

/// The head fields of an envelope; absent before version 4 (revision 0).
/// Read by hand from the parsed JSON, which costs the bundle less than a
/// second deserializer.
fn read_head(envelope: &Map<String, Value>) -> Result<Head, FormatError> {
    let bad =
        |key: &str| FormatError::Broken(vec![Violation::new(format!("$.{key}"), Rule::NotWhole)]);
    let number = |key: &str| match envelope.get(key) {
        None => Ok(0),
        Some(value) => value.as_u64().ok_or_else(|| bad(key)),
    };
    let seen = match envelope.get("seen") {
        None => Vec::new(),
        Some(Value::Array(pairs)) => pairs
            .iter()
            .map(|pair| match pair.as_array().map(Vec::as_slice) {
                Some([tab, count]) => tab.as_u64().zip(count.as_u64()).ok_or_else(|| bad("seen")),
                _ => Err(bad("seen")),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(bad("seen")),
    };
    Ok(Head {
        revision: number("revision")?,
        writer: number("writer")?,
        seen,
    })
}

pub fn decode(text: &str) -> Result<Stored, FormatError> {
    decode_file(text).map(|(stored, _)| stored)
}

/// Reads a plan and the library id a file carries, if it carries one.
pub fn decode_file(text: &str) -> Result<(Stored, Option<String>), FormatError> {
    check_size(text)?;
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
        .ok_or_else(|| FormatError::Broken(vec![Violation::new("$.version", Rule::Version)]))?;
    if version > u64::from(CURRENT_VERSION) {
        return Err(FormatError::NewerVersion { found: version });
    }
    let mut plan = envelope.remove("plan").ok_or(FormatError::NotAPlan)?;
    let head = read_head(&envelope)?;
    for migrate in &MIGRATIONS[(version - 1) as usize..] {
        plan = migrate(plan)?;
    }
    let plan: Plan =
        serde_json::from_value(plan).map_err(|error| shape_error_located(text, &error))?;
    validate(&plan)?;
    let id = envelope
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| id.len() <= MAX_FILE_ID_CHARS)
        .map(str::to_owned);
    Ok((Stored { plan, head }, id))
}

/// Where a plan that did not read as a [`Plan`] goes wrong. The plan's
/// JSON was consumed by the failed read, so it is read and migrated again:
/// this costs the rare broken file, not every load.
fn shape_error_located(text: &str, error: &serde_json::Error) -> FormatError {
    let plan = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|mut envelope| {
            let version = envelope.get("version")?.as_u64()?;
            let plan = envelope.get_mut("plan")?.take();
            let migrations = MIGRATIONS.get(usize::try_from(version).ok()?.checked_sub(1)?..)?;
            migrations
                .iter()
                .try_fold(plan, |plan, migrate| migrate(plan).ok())
        });
    let violation = match plan {
        Some(plan) => rules::locate_shape_error(&plan, error),
        None => Violation::new("$.plan", Rule::Shape(error.to_string())),
    };
    FormatError::Broken(vec![violation])
}

/// Version 1 kept one count per stage per month and marked the stages the
/// shared KPIs were measured between ("milestones"). Version 2 counts
/// metrics per day: each stage's counts become its count metric, entered on
/// the first day of each month, and the milestones become shared KPIs.
fn v1_to_v2(plan: Value) -> Result<Value, FormatError> {
    let invalid = |what: &str| FormatError::shape("$.plan", format!("version 1 plan: {what}"));
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
        .is_some_and(is_japanese);
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

/// Version 4 hands out ids per editing session (a random tag and a
/// counter, see `ids.rs`), so two tabs never pick the same one; the plan's
/// single `next_id` counter is gone. Ids already in a plan are kept.
fn v3_to_v4(plan: Value) -> Result<Value, FormatError> {
    let Value::Object(mut plan) = plan else {
        return Err(FormatError::shape(
            "$.plan",
            "version 3 plan: not an object".into(),
        ));
    };
    plan.remove("next_id");
    Ok(Value::Object(plan))
}

/// Version 5 keeps each figure at the granularity it was typed in (keys
/// `2026-11`, `2026-W45`, `2026-11-03`); before, every figure sat on a day,
/// a month's or week's on its first day. Those are read back as
/// [`Counts::from_days`] says, which leaves every month's total as it was.
fn v4_to_v5(plan: Value) -> Result<Value, FormatError> {
    let invalid = |what: String| FormatError::shape("$.plan", format!("version 4 plan: {what}"));
    let Value::Object(mut plan) = plan else {
        return Err(invalid("not an object".into()));
    };
    // `entries` may be left out of a file that has none.
    let entries = match plan.remove("entries") {
        Some(Value::Object(entries)) => entries,
        None => Map::new(),
        Some(_) => return Err(invalid("counts are not an object".into())),
    };
    let mut by_metric = Map::new();
    for (metric, days) in entries {
        let Value::Object(days) = days else {
            return Err(invalid(format!("counts of metric {metric}")));
        };
        let mut read = BTreeMap::new();
        for (day, value) in days {
            let day =
                parse_iso_day(&day).ok_or_else(|| invalid(format!("{day:?} is not a day")))?;
            let value = value
                .as_u64()
                .ok_or_else(|| invalid(format!("count on {day}")))?;
            read.insert(day, value);
        }
        let counts =
            serde_json::to_value(Counts::from_days(&read)).map_err(|e| invalid(e.to_string()))?;
        by_metric.insert(metric, counts);
    }
    plan.insert("entries".into(), Value::Object(by_metric));
    Ok(Value::Object(plan))
}

/// Version 6 makes departments plan data. The three a version 5 plan
/// named by key become its departments, with the next free ids, named in
/// the language the plan is written in; each stage's owner becomes an id.
/// Stages named as in the default flow get its kinds; others are `other`.
/// (Version 6 also added agreements, which older plans do not have.)
fn v5_to_v6(plan: Value) -> Result<Value, FormatError> {
    let invalid = |what: String| FormatError::shape("$.plan", format!("version 5 plan: {what}"));
    let Value::Object(mut plan) = plan else {
        return Err(invalid("not an object".into()));
    };
    let highest = ["stages", "metrics", "kpis"]
        .into_iter()
        .filter_map(|key| plan.get(key).and_then(Value::as_array))
        .flatten()
        .filter_map(|item| item.get("id").and_then(Value::as_u64))
        .max()
        .unwrap_or(0);
    if highest > MAX_ID - 3 {
        return Err(invalid("an id is too large".into()));
    }
    let ids = [1, 2, 3].map(|n| DepartmentId(highest + n));
    let Some(Value::Array(stages)) = plan.get_mut("stages") else {
        return Err(invalid("no stages".into()));
    };
    let mut japanese = false;
    for stage in stages {
        let Value::Object(stage) = stage else {
            return Err(invalid("a stage is not an object".into()));
        };
        let name = stage.get("name").and_then(Value::as_str).unwrap_or("");
        japanese |= is_japanese(name);
        let kind = serde_json::to_value(standard_kind(name)).map_err(|e| invalid(e.to_string()))?;
        stage.insert("kind".into(), kind);
        let owner = stage.get("owner").and_then(Value::as_str).unwrap_or("");
        let index = Standard::ALL
            .iter()
            .position(|d| d.key() == owner)
            .ok_or_else(|| invalid(format!("unknown owner {owner:?}")))?;
        stage.insert("owner".into(), json!(ids[index]));
    }
    japanese |= plan
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(is_japanese);
    let lang = if japanese { Lang::Ja } else { Lang::En };
    let departments = Standard::ALL
        .into_iter()
        .zip(ids)
        .map(|(d, id)| serde_json::to_value(d.department(id, lang)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| invalid(e.to_string()))?;
    plan.insert("departments".into(), Value::Array(departments));
    Ok(Value::Object(plan))
}

/// Version 7 adds planning from the goal (goals, the rate source, typed
/// rates, the deal size and holidays); a version 6 plan has none, which
/// reads as the defaults.
fn v6_to_v7(plan: Value) -> Result<Value, FormatError> {
    Ok(plan)
}

/// Version 8 adds the team's members; a version 7 plan has none.
fn v7_to_v8(plan: Value) -> Result<Value, FormatError> {
    Ok(plan)
}

/// Version 9 counts metrics per member; a version 8 plan counts none so,
/// and its figures stay the totals they were.
fn v8_to_v9(plan: Value) -> Result<Value, FormatError> {
    Ok(plan)
}

/// Version 10 adds improvement cycles and actions' dates; a version 9
/// plan has neither.
fn v9_to_v10(plan: Value) -> Result<Value, FormatError> {
    Ok(plan)
}

/// Version 11 records the reviews of the cadence held; a version 10 plan
/// has held none.
fn v10_to_v11(plan: Value) -> Result<Value, FormatError> {
    Ok(plan)
}

/// Whether a name is written in Japanese (kana, kanji or full-width forms).
fn is_japanese(text: &str) -> bool {
    text.chars().any(|c| c >= '\u{3000}')
}

/// Checks the rules the editor keeps, so a hand-edited or damaged file
/// cannot put the app into a state it could never reach by itself. Saving
/// runs it too, so the app never writes what it would refuse to read.
pub fn validate(plan: &Plan) -> Result<(), FormatError> {
    let broken = violations(plan);
    if broken.is_empty() {
        Ok(())
    } else {
        Err(FormatError::Broken(broken))
    }
}

// The file's JSON Schema, generated from the types above; native only,
// like its dev-dependencies.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod schema;

// The golden files are written with `encode_pretty`, which is native only.
#[cfg(all(test, not(target_arch = "wasm32")))]
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
    const GOLDEN_V3: &str = include_str!("../../tests/golden/plan-v3.json");
    const GOLDEN_V4: &str = include_str!("../../tests/golden/plan-v4.json");
    const GOLDEN_V5: &str = include_str!("../../tests/golden/plan-v5.json");
    const GOLDEN_V6: &str = include_str!("../../tests/golden/plan-v6.json");
    const GOLDEN_V7: &str = include_str!("../../tests/golden/plan-v7.json");
    const GOLDEN_V8: &str = include_str!("../../tests/golden/plan-v8.json");
    const GOLDEN_V9: &str = include_str!("../../tests/golden/plan-v9.json");
    const GOLDEN_V10: &str = include_str!("../../tests/golden/plan-v10.json");
    const GOLDEN_V11_PATH: &str =
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/plan-v11.json");

    fn plan_of(text: &str) -> Result<Plan, FormatError> {
        decode(text).map(|stored| stored.plan)
    }

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

    /// `sample_v3` with a weekly and two daily figures, as version 5 keeps them.
    fn sample_v5() -> Plan {
        let mut plan = sample_v3();
        let calls = plan.metrics[9].id;
        let monday = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        plan.set_entry(
            calls,
            Period::containing(Granularity::Week, monday),
            Some(400),
        )
        .unwrap();
        for (offset, count) in [(7, 90), (8, 85)] {
            let day = monday + chrono::Days::new(offset);
            plan.set_entry(
                calls,
                Period::containing(Granularity::Day, day),
                Some(count),
            )
            .unwrap();
        }
        plan
    }

    /// `sample_v5` with a department added and owning a stage, and an
    /// agreement with a volume and a rate, as version 6 keeps them.
    fn sample_v6() -> Plan {
        use crate::domain::departments::Hue;
        use crate::domain::sla::{
            default_criteria, Comparison, Measure, SlaCard, SlaId, Threshold, ThresholdId,
        };
        let mut plan = sample_v5();
        let calling = DepartmentId(54);
        plan.add_department(calling, "コールセンター", Hue::Purple)
            .unwrap();
        plan.set_owner(plan.stages[1].id, calling).unwrap();
        let marketing = plan.departments[0].id;
        let rate = plan.kpis[1].id;
        let card = SlaCard {
            id: SlaId(55),
            from: marketing,
            to: calling,
            criteria: default_criteria(true, Lang::Ja),
            follow_up: "翌営業日までに架電".into(),
            thresholds: vec![
                Threshold {
                    id: ThresholdId(56),
                    kept_by: marketing,
                    measure: Measure::Metric(plan.stages[0].primary_metric),
                    comparison: Comparison::AtLeast,
                    value: 300.0,
                },
                Threshold {
                    id: ThresholdId(57),
                    kept_by: calling,
                    measure: Measure::Kpi(rate),
                    comparison: Comparison::AtLeast,
                    value: 0.7,
                },
            ],
        };
        plan.insert_sla_card(0, card).unwrap();
        let action = crate::domain::actions::Action {
            id: crate::domain::actions::ActionId(58),
            text: "トップ営業のトークをスクリプトに展開する".into(),
            owner: calling,
            kpi: Some(rate),
            status: crate::domain::actions::ActionStatus::Doing,
            start: None,
            end: None,
        };
        plan.insert_action(0, action).unwrap();
        plan.set_reference_range(plan.stages[2].id, Some((0.1, 0.25)))
            .unwrap();
        plan
    }

    #[test]
    fn current_version_counts_the_migrations() {
        assert_eq!(CURRENT_VERSION as usize, MIGRATIONS.len() + 1);
        assert_eq!(CURRENT_VERSION, 11);
    }

    /// Revision 3, written by tab 5, which includes two saves of tab 9 and
    /// two of tab 5.
    fn head() -> Head {
        Head {
            revision: 3,
            writer: 5,
            seen: vec![(9, 2), (5, 2)],
        }
    }

    #[test]
    fn round_trips_compact_and_pretty_with_the_head() {
        let plan = sample_v3();
        let stored = Stored {
            plan: plan.clone(),
            head: head(),
        };
        let compact = encode(&plan, &head()).unwrap();
        assert_eq!(decode(&compact), Ok(stored.clone()));
        assert_eq!(stored_head(&compact), Some(head()));
        assert_eq!(decode(&encode_pretty(&plan, &head()).unwrap()), Ok(stored));
        assert_eq!(stored_head("{not json"), None);
        assert_eq!(stored_head(r#"{"format":"other","revision":3}"#), None);
        let v3 = stored_head(GOLDEN_V3).unwrap();
        assert_eq!(v3, Head::default(), "no head before version 4");
    }

    #[test]
    fn heads_count_each_tabs_saves_and_forget_long_gone_tabs() {
        let next = head().next(9);
        assert_eq!((next.revision, next.writer), (4, 9));
        assert_eq!(next.seen, [(5, 2), (9, 3)], "the writer moves last");
        assert_eq!(next.saves_of(5), 2);
        assert_eq!(next.saves_of(7), 0);
        assert!(next.same_save(&next.clone()) && !next.same_save(&head()));
        let mut crowded = Head::default();
        for tab in 1..=40 {
            crowded = crowded.next(tab);
        }
        assert_eq!(crowded.seen.len(), SEEN_KEPT);
        assert_eq!(crowded.saves_of(40), 1);
        assert_eq!(crowded.saves_of(1), 0, "the oldest writers are forgotten");
    }

    /// `sample_v6` with goals, typed rates, a deal size and holidays, as
    /// version 7 keeps them.
    fn sample_v7() -> Plan {
        use crate::domain::month::Month;
        use crate::domain::planning::{DealSize, Goal, Holiday, RateSource, Step};
        let mut plan = sample_v6();
        let november = Month::new(2026, 11).unwrap();
        plan.set_goal(november, Some(Goal::Wins(20))).unwrap();
        plan.set_goal(november.offset(1), Some(Goal::Revenue(30_000_000)))
            .unwrap();
        plan.set_rate_source(RateSource::Typed).unwrap();
        let won = plan.stages[4].id;
        plan.set_typed_rate(Step::Stage(won), Some(0.25)).unwrap();
        plan.set_typed_rate(Step::Kpi(plan.kpis[1].id), Some(0.16))
            .unwrap();
        plan.set_deal_size(DealSize::Typed(1_500_000)).unwrap();
        let holidays = [(11, 3), (11, 23), (12, 29)]
            .map(|(m, d)| Holiday(NaiveDate::from_ymd_opt(2026, m, d).unwrap()));
        plan.set_holidays(holidays.into_iter().collect()).unwrap();
        let scenario = crate::domain::planning::Scenario {
            id: crate::domain::ids::ScenarioId(59),
            name: "受注率30%".into(),
            rates: vec![crate::domain::planning::StepRate {
                step: Step::Stage(won),
                rate: 0.3,
            }],
            volumes: vec![crate::domain::planning::Volume {
                metric: plan.stages[3].primary_metric,
                volume: 80,
            }],
        };
        plan.insert_scenario(0, scenario).unwrap();
        plan
    }

    /// `sample_v7` with three members, one of them inactive, as version 8
    /// keeps them.
    fn sample_v8() -> Plan {
        use crate::domain::members::{Member, MemberId};
        let mut plan = sample_v7();
        let calling = DepartmentId(54);
        let field = plan.departments[2].id;
        for (id, name, department, active) in [
            (60, "佐藤 美咲", calling, true),
            (61, "Ken Suzuki", calling, false),
            (62, "高橋", field, true),
        ] {
            let member = Member {
                id: MemberId(id),
                name: name.into(),
                department,
                active,
            };
            plan.insert_member(usize::MAX, member).unwrap();
        }
        plan
    }

    /// `sample_v8` with calls counted per member: the figures from before
    /// stay unassigned, two members (one now inactive) add their own.
    fn sample_v9() -> Plan {
        use crate::domain::members::MemberId;
        let mut plan = sample_v8();
        let calls = plan.metrics[9].id;
        plan.set_per_member(calls, true).unwrap();
        let day = |d| {
            Period::containing(
                Granularity::Day,
                NaiveDate::from_ymd_opt(2026, 11, d).unwrap(),
            )
        };
        for (member, d, count) in [(60, 9, 10), (60, 11, 40), (61, 11, 35), (61, 12, 30)] {
            plan.set_member_entry(MemberId(member), calls, day(d), Some(count))
                .unwrap();
        }
        plan
    }

    /// `sample_v9` with dates on its action and two improvement cycles:
    /// October, closed, and November, open, with its plan, do, findings
    /// and decisions.
    fn sample_v10() -> Plan {
        use crate::domain::pdca::{Cycle, CycleId, Decision};
        let mut plan = sample_v9();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let mut action = plan.actions[0].clone();
        action.start = Some(day(11, 2));
        action.end = Some(day(11, 27));
        plan.change_action(action).unwrap();
        let october = Cycle {
            decisions: vec![Decision {
                text: "朝の架電を続ける".into(),
                carry: true,
            }],
            ..plan.new_cycle(CycleId(63), day(10, 1))
        };
        plan.insert_cycle(october).unwrap();
        plan.set_cycle_closed(CycleId(63), true).unwrap();
        let november = Cycle {
            focus: Some(plan.stages[1].id),
            hypotheses: vec!["朝の架電を続ける".into()],
            actions: vec![plan.actions[0].id],
            findings: "接触率は午前が高い".into(),
            decisions: vec![Decision {
                text: "スクリプトを更新する".into(),
                carry: false,
            }],
            ..plan.new_cycle(CycleId(64), day(11, 1))
        };
        plan.insert_cycle(november).unwrap();
        plan
    }

    /// `sample_v10` with reviews held: the daily activity review on two
    /// days, the monthly SLA review once.
    fn sample_v11() -> Plan {
        use crate::domain::pdca::review::Review;
        let mut plan = sample_v10();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        for (review, d) in [
            (Review::ActivityCounts, 24),
            (Review::ActivityCounts, 25),
            (Review::SlaReview, 2),
        ] {
            plan.set_held(review, day(d), true).unwrap();
        }
        plan
    }

    /// `UPDATE_GOLDEN=1 cargo test` rewrites the current version's file
    /// after a deliberate format change (which also needs a migration).
    #[test]
    fn golden_v11_file_reads_and_writes_byte_for_byte() {
        let written = encode_pretty(&sample_v11(), &head()).unwrap() + "\n";
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(GOLDEN_V11_PATH, &written).unwrap();
        }
        let golden = std::fs::read_to_string(GOLDEN_V11_PATH).expect("golden file exists");
        assert_eq!(
            decode(&golden),
            Ok(Stored {
                plan: sample_v11(),
                head: head()
            })
        );
        assert_eq!(written, golden);
        for key in [
            "\"name\": \"コールセンター\"",
            "\"2026-11\": 1000",
            "\"name\": \"受注率30%\"",
            "\"name\": \"佐藤 美咲\"",
            "\"active\": false",
            "\"per_member\": true",
            // Day 9: 90 unassigned and 10 of member 60's.
            "\"2026-11-09\": 100",
            "\"member_entries\"",
            "\"start\": \"2026-11-02\"",
            "\"closed\": true",
            "\"carry\": true",
            "\"findings\": \"接触率は午前が高い\"",
            "\"review\": \"activity_counts\"",
            "\"day\": \"2026-11-02\"",
        ] {
            assert!(golden.contains(key), "{key}");
        }
    }

    /// Version 10 recorded no reviews held.
    #[test]
    fn version_10_files_read_without_reviews_held() {
        assert!(!GOLDEN_V10.contains("reviews_held"));
        let stored = decode(GOLDEN_V10).unwrap();
        assert_eq!(stored.plan, sample_v10());
        assert!(stored.plan.reviews_held.is_empty());
    }

    /// Version 9 had no improvement cycles nor actions' dates.
    #[test]
    fn version_9_files_read_without_cycles() {
        assert!(!GOLDEN_V9.contains("cycles"));
        let stored = decode(GOLDEN_V9).unwrap();
        assert_eq!(stored.plan, sample_v9());
        assert!(stored.plan.cycles.is_empty());
    }

    /// Version 8 counted nothing per member: every figure reads as the
    /// total it was, unassigned.
    #[test]
    fn version_8_files_read_with_every_figure_unassigned() {
        assert!(!GOLDEN_V8.contains("member_entries"));
        let stored = decode(GOLDEN_V8).unwrap();
        assert_eq!(stored.plan, sample_v8());
        assert!(stored.plan.member_entries.is_empty());
        assert!(stored.plan.per_member_metrics().is_empty());
    }

    /// A hand-edited file whose totals are not the sum of the members'
    /// figures, or whose figures name a missing member, is refused.
    #[test]
    fn members_figures_that_do_not_add_up_are_refused() {
        let golden = GOLDEN_V9;
        let refusal = |change: &dyn Fn(&mut Value)| {
            let mut file: Value = serde_json::from_str(golden).unwrap();
            change(&mut file);
            match decode(&file.to_string()) {
                Err(error @ FormatError::Broken(_)) => error.to_string(),
                other => panic!("{other:?}"),
            }
        };
        assert!(
            refusal(&|file| file["plan"]["entries"]["12"]["2026-11-11"] = 70.into())
                .contains("not the sum")
        );
        assert!(refusal(&|file| {
            let members = &mut file["plan"]["member_entries"]["12"]["members"];
            members["99"] = members["60"].clone();
        })
        .contains("a member the plan does not have"));
        assert!(refusal(&|file| {
            let metrics = file["plan"]["metrics"].as_array_mut().unwrap();
            let calls = metrics.iter_mut().find(|m| m["id"] == 12).unwrap();
            calls.as_object_mut().unwrap().remove("per_member");
        })
        .contains("not counted per member"));
    }

    /// Version 7 had no members: it reads as before, with none.
    #[test]
    fn version_7_files_read_without_members() {
        assert!(!GOLDEN_V7.contains("\"members\""));
        let stored = decode(GOLDEN_V7).unwrap();
        assert_eq!(stored.plan, sample_v7());
        assert!(stored.plan.members.is_empty());
    }

    /// Version 6 had no planning from the goal: it reads with the defaults.
    #[test]
    fn version_6_files_read_with_default_planning() {
        assert!(!GOLDEN_V6.contains("planning"));
        let stored = decode(GOLDEN_V6).unwrap();
        assert_eq!(stored.plan, sample_v6());
        assert!(stored.plan.planning.is_default());
    }

    /// Version 5 named the three fixed departments by key: they become the
    /// plan's departments, named in its language, with the next free ids.
    #[test]
    fn version_5_files_get_the_three_departments_as_data() {
        assert!(GOLDEN_V5.contains("\"owner\": \"inside_sales\""));
        let plan = plan_of(GOLDEN_V5).unwrap();
        assert_eq!(plan, sample_v5());
        let departments: Vec<_> = plan
            .departments
            .iter()
            .map(|d| (d.id.0, d.name.as_str(), d.hue.key()))
            .collect();
        assert_eq!(
            departments,
            [
                (51, "マーケティング", "blue"),
                (52, "インサイドセールス", "vermillion"),
                (53, "フィールドセールス", "green")
            ]
        );
        let owners: Vec<u64> = plan.stages.iter().map(|s| s.owner.0).collect();
        assert_eq!(owners, [51, 52, 52, 53, 53]);
        // An English plan gets English names; an unknown owner is refused.
        let mut english: Value = serde_json::from_str(GOLDEN_V5).unwrap();
        english["plan"]["name"] = json!("Inside sales funnel");
        for (i, stage) in english["plan"]["stages"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            stage["name"] = json!(format!("Stage {i}"));
        }
        let english = english.to_string();
        let plan = plan_of(&english).unwrap();
        assert_eq!(plan.departments[1].name, "Inside sales");
        let unknown =
            GOLDEN_V5.replacen("\"owner\": \"inside_sales\"", "\"owner\": \"finance\"", 1);
        assert!(
            matches!(plan_of(&unknown), Err(why @ FormatError::Broken(_)) if why.to_string().contains("finance"))
        );
    }

    /// Version 4 kept a month's figure on its 1st day: alone there, it is
    /// read back as the month figure it was typed as, with the same totals.
    #[test]
    fn version_4_files_read_first_of_month_figures_as_months() {
        assert!(GOLDEN_V4.contains("\"2026-11-01\": 1000"));
        assert_eq!(
            decode(GOLDEN_V4),
            Ok(Stored {
                plan: sample_v3(),
                head: head()
            })
        );
    }

    #[test]
    fn a_version_4_file_without_counts_reads_as_a_plan_without_counts() {
        let mut file: Value = serde_json::from_str(GOLDEN_V4).unwrap();
        file["plan"].as_object_mut().unwrap().remove("entries");
        let plan = plan_of(&file.to_string()).unwrap();
        assert!(plan.entries.is_empty());
    }

    #[test]
    fn overlapping_figures_in_a_file_are_refused() {
        let text = encode(&sample_v3(), &head())
            .unwrap()
            .replace("\"2026-11\":1000", "\"2026-11\":1000,\"2026-W46\":5");
        assert!(text.contains("W46"));
        assert!(
            matches!(decode(&text), Err(why @ FormatError::Broken(_)) if why.to_string().contains("overlap"))
        );
    }

    #[test]
    fn version_3_files_keep_their_ids_and_read_as_revision_0() {
        assert!(GOLDEN_V3.contains("\"next_id\": 51"));
        assert_eq!(
            decode(GOLDEN_V3),
            Ok(Stored {
                plan: sample_v3(),
                head: Head::default()
            })
        );
    }

    #[test]
    fn a_plan_that_breaks_a_rule_is_never_written() {
        let mut plan = sample_v3();
        plan.stages[0].name = " untrimmed".into();
        assert!(matches!(
            encode(&plan, &head()),
            Err(FormatError::Broken(_))
        ));
        let mut huge = sample_v3();
        let metric = huge.stages[0].primary_metric;
        let day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        for offset in 0..200_000 {
            let period = Period::containing(Granularity::Day, day + chrono::Days::new(offset));
            huge.set_entry(metric, period, Some(1)).unwrap();
        }
        assert_eq!(encode(&huge, &head()), Err(FormatError::TooLarge));
    }

    #[test]
    fn size_is_counted_in_utf16_units_like_local_storage() {
        // "営" is 3 bytes of UTF-8 but 1 unit of UTF-16; "𠮷" is 4 bytes and 2 units.
        assert_eq!(check_size(&"営".repeat(MAX_TEXT_UNITS)), Ok(()));
        assert_eq!(
            check_size(&"営".repeat(MAX_TEXT_UNITS + 1)),
            Err(FormatError::TooLarge)
        );
        assert_eq!(
            check_size(&"𠮷".repeat(MAX_TEXT_UNITS / 2 + 1)),
            Err(FormatError::TooLarge)
        );
        assert_eq!(
            check_size(&"a".repeat(MAX_TEXT_UNITS + 1)),
            Err(FormatError::TooLarge)
        );
    }

    #[test]
    fn version_2_files_read_with_empty_stage_targets() {
        let plan = plan_of(GOLDEN_V2).expect("v2 golden file migrates");
        assert!(plan
            .stages
            .iter()
            .all(|s| s.count_targets.is_empty() && s.step_targets.is_empty()));
        assert_eq!(plan, sample());
    }

    #[test]
    fn version_1_files_migrate_to_metrics_and_shared_kpis() {
        let plan = plan_of(GOLDEN_V1).expect("v1 golden file migrates");
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
            .map(|s| plan.entries.cell(s.primary_metric, november()).total())
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
            plan.entries.cell(MetricId(6), day),
            crate::domain::entries::Cell::Covered {
                by: november(),
                total: 1000
            },
            "a month figure, not a spike on the 1st"
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
        // A migrated plan saves as the current version.
        assert_eq!(plan_of(&encode(&plan, &head()).unwrap()), Ok(plan));
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
            Err(FormatError::Broken(_))
        ));
    }

    #[test]
    fn refuses_newer_and_nonsense_versions() {
        let newer = GOLDEN_V1.replacen("\"version\": 1", "\"version\": 99", 1);
        assert_eq!(decode(&newer), Err(FormatError::NewerVersion { found: 99 }));
        for bad in ["0", "-1", "1.5", "\"1\"", "null"] {
            let text = GOLDEN_V1.replacen("\"version\": 1", &format!("\"version\": {bad}"), 1);
            assert!(
                matches!(decode(&text), Err(FormatError::Broken(_))),
                "version {bad}"
            );
        }
    }

    #[test]
    fn the_apps_own_fields_and_texts_break_rules_of_their_own() {
        let golden = std::fs::read_to_string(GOLDEN_V11_PATH).unwrap();
        let cases = [
            (
                "\"revision\": 3",
                "\"revision\": -3",
                "$.revision",
                Rule::NotWhole,
            ),
            (
                "\"writer\": ",
                "\"writer\": 0.5, \"was\": ",
                "$.writer",
                Rule::NotWhole,
            ),
            (
                "\"version\": 11",
                "\"version\": \"11\"",
                "$.version",
                Rule::Version,
            ),
            (
                "\"text\": \"スクリプトを更新する\"",
                "\"text\": \"スクリプトを更新する \"",
                "$.plan.cycles[1]",
                Rule::Text,
            ),
        ];
        for (from, to, path, rule) in cases {
            let text = golden.replacen(from, to, 1);
            assert_ne!(text, golden, "fixture lacks {from}");
            assert_eq!(
                decode(&text),
                Err(FormatError::Broken(vec![Violation::new(path, rule)])),
                "{to}"
            );
        }
    }

    #[test]
    /// Each broken rule is refused and located: the path of the first
    /// problem found, as the import shows it.
    fn refuses_plans_that_break_the_editor_rules() {
        let golden = std::fs::read_to_string(GOLDEN_V11_PATH).unwrap();
        let cases = [
            (
                "\"id\": 2,",
                "\"id\": 1,",
                "$.plan.stages[0].primary_metric",
            ),
            (
                "\"name\": \"商談化\"",
                "\"name\": \"  \"",
                "$.plan.stages[2].name",
            ),
            (
                "\"2026-11\": 250",
                "\"2026-11\": -250",
                "$.plan.entries['11']",
            ),
            (
                "\"2026-11\": 250",
                "\"2026-13\": 250",
                "$.plan.entries['11']",
            ),
            (
                "\"2026-11\": 250",
                "\"2026-W54\": 250",
                "$.plan.entries['11']",
            ),
            (
                "\"2026-11\": 250",
                "\"2026-11-31\": 250",
                "$.plan.entries['11']",
            ),
            (
                "\"2026-11\": 250",
                "\"+10000-11-01\": 250",
                "$.plan.entries['11']",
            ),
            (
                "\"2026-11\": 250",
                "\"2026-11\": 100000000000000",
                "$.plan.entries['11']['2026-11']",
            ),
            ("\"owner\": 51", "\"owner\": 4242", "$.plan.stages[0].owner"),
            (
                "\"owner\": 51",
                "\"owner\": \"marketing\"",
                "$.plan.stages[0]",
            ),
            (
                "\"name\": \"コールセンター\"",
                "\"name\": \"マーケティング\"",
                "$.plan.departments[3].name",
            ),
            (
                "\"hue\": \"purple\"",
                "\"hue\": \"red\"",
                "$.plan.departments[3]",
            ),
            ("\"value\": 0.7", "\"value\": 1.5", "$.plan.sla_cards[0]"),
            (
                "\"value\": 300.0",
                "\"value\": -300.0",
                "$.plan.sla_cards[0]",
            ),
            ("\"kept_by\": 51", "\"kept_by\": 53", "$.plan.sla_cards[0]"),
            ("\"from\": 51", "\"from\": 54", "$.plan.sla_cards[0]"),
            (
                "\"comparison\": \"at_least\"",
                "\"comparison\": \"more\"",
                "$.plan.sla_cards[0]",
            ),
            ("\"id\": 57,", "\"id\": 56,", "$.plan.sla_cards[0]"),
            (
                "\"status\": \"doing\"",
                "\"status\": \"sleeping\"",
                "$.plan.actions[0]",
            ),
            (
                "\"reference_range\": [\n          0.1,",
                "\"reference_range\": [\n          0.3,",
                "$.plan.stages[2].reference_range",
            ),
            (
                "\"owner\": 54,\n        \"kpi\"",
                "\"owner\": 4242,\n        \"kpi\"",
                "$.plan.actions[0]",
            ),
            (
                "\"kpi\": 35,\n        \"status\"",
                "\"kpi\": 4242,\n        \"status\"",
                "$.plan.actions[0]",
            ),
            ("\"id\": 54,", "\"id\": 2,", "$.plan.members[0].department"),
            (
                "\"numerator\": 4,",
                "\"numerator\": 9999,",
                "$.plan.kpis[0].numerator",
            ),
            ("\"lag\": 0", "\"lag\": 99", "$.plan.stages[0].lag"),
            ("\"revision\": 3", "\"revision\": -3", "$.revision"),
            // An action that ends before it starts; cycles that overlap,
            // run backwards, are out of order or name what is gone.
            (
                "\"end\": \"2026-11-27\"",
                "\"end\": \"2026-11-01\"",
                "$.plan.actions[0]",
            ),
            (
                "\"start\": \"2026-11-01\"",
                "\"start\": \"2026-10-31\"",
                "$.plan.cycles[0]",
            ),
            (
                "\"end\": \"2026-11-30\"",
                "\"end\": \"2026-10-31\"",
                "$.plan.cycles[1]",
            ),
            (
                "\"start\": \"2026-11-01\"",
                "\"start\": \"2026-09-01\"",
                "$.plan.cycles[0]",
            ),
            ("\"focus\": 10", "\"focus\": 4242", "$.plan.cycles[1]"),
            (
                "\"actions\": [\n          58",
                "\"actions\": [\n          4242",
                "$.plan.cycles[1]",
            ),
            ("\"count\": 1\n", "\"count\": 4242\n", "$.plan.cycles[1]"),
            ("\"id\": 64,", "\"id\": 63,", "$.plan.cycles[1].id"),
            (
                "\"text\": \"スクリプトを更新する\"",
                "\"text\": \" \"",
                "$.plan.cycles[1]",
            ),
            // Reviews held twice, out of day order, or of a review unknown.
            (
                "\"day\": \"2026-11-25\"",
                "\"day\": \"2026-11-24\"",
                "$.plan.reviews_held[2]",
            ),
            (
                "\"day\": \"2026-11-02\"",
                "\"day\": \"2026-11-30\"",
                "$.plan.reviews_held[1]",
            ),
            (
                "\"review\": \"sla_review\"",
                "\"review\": \"weekly_chat\"",
                "$.plan.reviews_held[0]",
            ),
            (
                "\"day\": \"2026-11-02\"",
                "\"day\": \"0000-11-02\"",
                "$.plan.reviews_held[0].day",
            ),
            (
                "\"id\": 2,",
                "\"id\": 9007199254740992,",
                "$.plan.stages[0].primary_metric",
            ),
            (
                "\"currency\": \"JPY\"",
                "\"currency\": \"XYZ\"",
                "$.plan.currency",
            ),
            ("\"typed\": 1500000", "\"typed\": 0", "$.plan.planning"),
            ("\"2026-12-29\"", "\"2026-12-32\"", "$.plan.planning"),
            (
                "\"holidays\": [\n        \"2026-11-03\"",
                "\"holidays\": [\n        \"0000-11-03\"",
                "$.plan.planning",
            ),
            ("\"rate\": 0.25", "\"rate\": -0.25", "$.plan.planning"),
            (
                "\"rate_source\": \"typed\"",
                "\"rate_source\": {\"actual\": {\"months\": 0}}",
                "$.plan.planning",
            ),
            (
                "\"wins\": 20",
                "\"wins\": 100000000000000",
                "$.plan.planning",
            ),
            (
                "\"name\": \"受注率30%\"",
                "\"name\": \" \"",
                "$.plan.planning",
            ),
            (
                "\"id\": 59,",
                "\"id\": 58,",
                "$.plan.planning.scenarios[0].id",
            ),
            (
                "\"name\": \"高橋\"",
                "\"name\": \"ken suzuki\"",
                "$.plan.members[2].name",
            ),
            ("\"id\": 62,", "\"id\": 60,", "$.plan.members[2].id"),
            (
                "\"department\": 53\n      }",
                "\"department\": 4242\n      }",
                "$.plan.members[2].department",
            ),
            (
                "\"active\": false",
                "\"active\": \"no\"",
                "$.plan.members[1]",
            ),
            ("\"2026-11-23\"", "\"2026-11-03\"", "$.plan.planning"),
            ("\"2026-12-29\"", "\"2026-11-01\"", "$.plan.planning"),
            (
                "\"stage\": 29\n          },\n          \"rate\": 0.25",
                "\"kpi\": 35\n          },\n          \"rate\": 0.25",
                "$.plan.planning",
            ),
        ];
        for (from, to, path) in cases {
            let text = golden.replacen(from, to, 1);
            assert_ne!(text, golden, "fixture lacks {from}");
            match decode(&text) {
                Err(FormatError::Broken(found)) => assert_eq!(found[0].path, path, "{to}"),
                other => panic!("{to}: {other:?}"),
            }
        }
    }

    #[test]
    fn refuses_version_1_ids_that_do_not_fit() {
        let huge = GOLDEN_V1.replacen("\"id\": 1,", "\"id\": 18446744073709551615,", 1);
        assert_ne!(huge, GOLDEN_V1);
        assert!(matches!(decode(&huge), Err(FormatError::Broken(_))));
    }

    #[test]
    fn refuses_oversized_input_before_parsing() {
        let huge = " ".repeat(MAX_TEXT_UNITS + 1);
        assert_eq!(decode(&huge), Err(FormatError::TooLarge));
    }
}
