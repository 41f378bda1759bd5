//! Plans that travel as files: reading a file someone hands over (any
//! encoding a text editor saves JSON in, refused before reading when it is
//! too large), and what a file holds, for the preview before an import.

use chrono::NaiveDate;

use super::format::{decode, FormatError, Stored, MAX_TEXT_UNITS};
use super::plan::Plan;

/// The largest file read at all: the most a plan that fits local storage
/// can take in UTF-8 (three bytes per unit), and a byte-order mark.
pub const MAX_FILE_BYTES: usize = 3 * MAX_TEXT_UNITS + 3;

/// Reads a plan file: UTF-8 with or without a byte-order mark, or UTF-16
/// with one (as some editors save). Migrates older versions and checks
/// every rule, as loading from storage does.
pub fn read_plan_file(bytes: &[u8]) -> Result<Stored, FormatError> {
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
    decode(&text.ok_or(FormatError::NotText)?)
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
