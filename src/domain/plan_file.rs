//! Plans that travel as files: reading a file someone hands over (any
//! encoding a text editor saves JSON in, refused before reading when it is
//! too large), and what a file holds, for the preview before an import.

use chrono::NaiveDate;

use super::format::{decode_file, FormatError, MAX_TEXT_UNITS};
use super::plan::Plan;

/// The largest file read at all: the most a plan that fits local storage
/// can take in UTF-8 (three bytes per unit), and a byte-order mark.
pub const MAX_FILE_BYTES: usize = 3 * MAX_TEXT_UNITS + 3;

/// A plan read from a file, and the library id of the plan it was
/// exported from, if the file says.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFile {
    pub plan: Plan,
    pub id: Option<String>,
}

/// Reads a plan file: UTF-8 with or without a byte-order mark, or UTF-16
/// with one (as some editors save). Migrates older versions and checks
/// every rule, as loading from storage does.
pub fn read_plan_file(bytes: &[u8]) -> Result<PlanFile, FormatError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge);
    }
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        if !rest.len().is_multiple_of(2) {
            return None;
        }
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
        String::from_utf16(&units).ok()
    };
    // A file cut in the middle of a character is cut JSON, not another
    // encoding: read what is whole, and the JSON reader says it ends early.
    let utf8 = |bytes: &[u8]| match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_owned()),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()])
            .ok()
            .map(str::to_owned),
        Err(_) => None,
    };
    let text = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => utf8(bytes),
    };
    let (stored, id) = decode_file(&text.ok_or(FormatError::NotText)?)?;
    Ok(PlanFile {
        plan: stored.plan,
        id,
    })
}

/// What a plan holds: beside the open plan in an import's preview, and
/// in the list of earlier versions.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanSummary {
    pub name: String,
    pub stages: Vec<String>,
    pub departments: Vec<String>,
    pub members: usize,
    pub kpis: usize,
    /// How many figures are typed, and the first and last day they cover.
    pub figures: usize,
    pub counted: Option<(NaiveDate, NaiveDate)>,
    pub sla_cards: usize,
    pub scenarios: usize,
    pub cycles: usize,
}

impl PlanSummary {
    pub fn of(plan: &Plan) -> PlanSummary {
        let periods = || plan.entries.figures().map(|(period, _)| period);
        let first = periods().map(|p| p.start()).min();
        let last = periods().map(|p| p.last_day()).max();
        PlanSummary {
            name: plan.name.clone(),
            stages: plan.stages.iter().map(|s| s.name.clone()).collect(),
            departments: plan.departments.iter().map(|d| d.name.clone()).collect(),
            members: plan.members.len(),
            kpis: plan.kpis.len(),
            figures: periods().count(),
            counted: first.zip(last),
            sla_cards: plan.sla_cards.len(),
            scenarios: plan.planning.scenarios.len(),
            cycles: plan.cycles.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format::{encode, Head, CURRENT_VERSION};
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::presets::inside_sales;

    fn file() -> (Plan, String) {
        let mut plan = inside_sales(Lang::Ja);
        let leads = plan.stages[0].primary_metric;
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        plan.set_entry(
            leads,
            Period::containing(Granularity::Day, day(3)),
            Some(12),
        )
        .unwrap();
        plan.set_entry(leads, Period::containing(Granularity::Month, day(1)), None)
            .unwrap();
        plan.set_entry(
            leads,
            Period::containing(
                Granularity::Month,
                NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            ),
            Some(300),
        )
        .unwrap();
        let text = encode(&plan, &Head::default()).unwrap();
        (plan, text)
    }

    #[test]
    fn a_file_names_the_plan_it_was_exported_from() {
        let (plan, text) = file();
        assert_eq!(read_plan_file(text.as_bytes()).map(|f| f.id), Ok(None));
        let exported =
            crate::domain::format::encode_file(&plan, &Head::default(), "p-1a2b").unwrap();
        assert_eq!(
            read_plan_file(exported.as_bytes()),
            Ok(PlanFile {
                plan: plan.clone(),
                id: Some("p-1a2b".into())
            })
        );
        let long = "x".repeat(crate::domain::format::MAX_FILE_ID_CHARS + 1);
        let exported = crate::domain::format::encode_file(&plan, &Head::default(), &long).unwrap();
        assert_eq!(read_plan_file(exported.as_bytes()).map(|f| f.id), Ok(None));
    }

    #[test]
    fn reads_utf8_with_or_without_a_mark_and_utf16_with_one() {
        let (plan, text) = file();
        let with_mark = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [text.as_bytes().to_vec(), with_mark, le, be] {
            assert_eq!(read_plan_file(&bytes).map(|s| s.plan), Ok(plan.clone()));
        }
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let (_, text) = file();
        let newer = text.replacen(
            &format!("\"version\":{CURRENT_VERSION}"),
            &format!("\"version\":{}", CURRENT_VERSION + 1),
            1,
        );
        let cases: [(Vec<u8>, FormatError); 6] = [
            // Not text: a Shift_JIS or binary file.
            (vec![0x82, 0xA0, 0xFF], FormatError::NotText),
            // UTF-16 cut in the middle of a unit.
            (vec![0xFF, 0xFE, 0x7B], FormatError::NotText),
            (b"[1, 2]".to_vec(), FormatError::NotAPlan),
            (
                newer.into_bytes(),
                FormatError::NewerVersion {
                    found: u64::from(CURRENT_VERSION) + 1,
                },
            ),
            // Refused before reading: 20 MB of spaces.
            (vec![b' '; 20 * 1024 * 1024], FormatError::TooLarge),
            (vec![b' '; MAX_FILE_BYTES + 1], FormatError::TooLarge),
        ];
        for (bytes, error) in cases {
            assert_eq!(read_plan_file(&bytes), Err(error));
        }
        // Truncated (in the middle of a character too), or nested deeper
        // than any plan: not JSON, no panic.
        let name_at = text.find("インサイド").unwrap();
        let mid_character = &text.as_bytes()[..name_at + 1];
        assert!(matches!(
            read_plan_file(mid_character),
            Err(FormatError::NotJson(_))
        ));
        let truncated = &text.as_bytes()[..text.len() / 2];
        assert!(matches!(
            read_plan_file(truncated),
            Err(FormatError::NotJson(_))
        ));
        let deep = "[".repeat(100_000);
        assert!(matches!(
            read_plan_file(deep.as_bytes()),
            Err(FormatError::NotJson(_))
        ));
    }

    #[test]
    fn a_summary_says_what_a_plan_holds() {
        let (plan, _) = file();
        let summary = PlanSummary::of(&plan);
        assert_eq!(summary.name, plan.name);
        assert_eq!(summary.stages.len(), plan.stages.len());
        assert_eq!(summary.departments.len(), 3);
        assert_eq!(summary.figures, 2);
        // From 1 September to 3 November.
        assert_eq!(
            summary.counted,
            Some((
                NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
                NaiveDate::from_ymd_opt(2026, 11, 3).unwrap()
            ))
        );
        assert_eq!(PlanSummary::of(&inside_sales(Lang::En)).counted, None);
    }
}

/// A bounded fuzz run, part of the test command: random bytes, and every
/// golden file with its bytes or its JSON values mutated, never make the
/// reader panic, and whatever it accepts keeps every rule.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::read_plan_file;
    use crate::domain::format::{encode, validate};

    const GOLDEN: [&str; 11] = [
        include_str!("../../tests/golden/plan-v1.json"),
        include_str!("../../tests/golden/plan-v2.json"),
        include_str!("../../tests/golden/plan-v3.json"),
        include_str!("../../tests/golden/plan-v4.json"),
        include_str!("../../tests/golden/plan-v5.json"),
        include_str!("../../tests/golden/plan-v6.json"),
        include_str!("../../tests/golden/plan-v7.json"),
        include_str!("../../tests/golden/plan-v8.json"),
        include_str!("../../tests/golden/plan-v9.json"),
        include_str!("../../tests/golden/plan-v10.json"),
        include_str!("../../tests/golden/plan-v11.json"),
    ];

    /// Values a hand-edited or damaged file may hold where another was.
    fn odd_value(pick: u8) -> Value {
        match pick % 12 {
            0 => Value::Null,
            1 => (-1).into(),
            2 => 1e300.into(),
            3 => 9_007_199_254_740_993_u64.into(),
            4 => "x".into(),
            5 => Value::Array(Vec::new()),
            6 => Value::Object(Default::default()),
            7 => true.into(),
            8 => "2026-13-01".into(),
            9 => "2026-W54".into(),
            10 => 0.into(),
            _ => " ".repeat(70).into(),
        }
    }

    /// The JSON pointer of every value of a tree, containers too.
    fn pointers(value: &Value, at: String, all: &mut Vec<String>) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    pointers(item, format!("{at}/{i}"), all);
                }
            }
            Value::Object(fields) => {
                for (key, field) in fields {
                    let key = key.replace('~', "~0").replace('/', "~1");
                    pointers(field, format!("{at}/{key}"), all);
                }
            }
            _ => {}
        }
        all.push(at);
    }

    /// Accepted means valid, and written back it reads the same.
    fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
        if let Ok(stored) = read_plan_file(bytes) {
            prop_assert!(validate(&stored.plan).is_ok());
            let text = encode(&stored.plan, &crate::domain::format::Head::default());
            prop_assert!(text.is_ok());
            let again = read_plan_file(text.unwrap_or_default().as_bytes());
            prop_assert_eq!(again.map(|s| s.plan), Ok(stored.plan));
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn random_bytes_are_refused_without_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            check(&bytes)?;
        }

        #[test]
        fn golden_files_with_bytes_changed_never_panic(
            version in 0..GOLDEN.len(),
            changes in prop::collection::vec((any::<usize>(), any::<u8>(), 0..3_u8), 1..8),
        ) {
            let mut bytes = GOLDEN[version].as_bytes().to_vec();
            for (at, byte, how) in changes {
                let at = at % bytes.len().max(1);
                match how {
                    0 if at < bytes.len() => bytes[at] = byte,
                    1 => bytes.insert(at, byte),
                    _ if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => {}
                }
            }
            check(&bytes)?;
        }

        #[test]
        fn golden_files_with_odd_values_never_panic(
            version in 0..GOLDEN.len(),
            changes in prop::collection::vec((any::<usize>(), any::<u8>()), 1..4),
        ) {
            let Ok(mut file) = serde_json::from_str::<Value>(GOLDEN[version]) else {
                return Err(TestCaseError::fail("a golden file does not parse"));
            };
            for (at, pick) in changes {
                let mut all = Vec::new();
                pointers(&file, String::new(), &mut all);
                let pointer = &all[at % all.len()];
                if let Some(node) = file.pointer_mut(pointer) {
                    *node = odd_value(pick);
                }
            }
            check(file.to_string().as_bytes())?;
        }
    }
}
