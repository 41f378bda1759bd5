//! Counts to and from spreadsheets. `export` writes the counts in view as
//! CSV that Excel and other spreadsheets open as they are; the rest reads
//! a CSV file back: its encoding sniffed (`encoding`), its records read
//! (`read`), mapped to the plan as a counts table (`counts`) or as CRM
//! records (`records`), and shown as what would change (`import`).

pub mod cells;
pub mod counts;
pub mod encoding;
pub mod export;
pub mod import;
pub mod read;
pub mod records;
#[cfg(test)]
mod testing;

use serde::{Deserialize, Serialize};

use crate::domain::grid::normalize;
use crate::domain::plan::Plan;
use counts::{guess_counts, plan_counts_import, CountsMapping};
use import::CsvImport;
use read::Table;
use records::{guess_records, plan_records_import, RecordsMapping};

/// Which column (or row) of a file is what; remembered per layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mapping {
    Counts(CountsMapping),
    Records(RecordsMapping),
}

/// The mapping the file suggests: a counts table when its header names a
/// metric, else CRM records when it has a stage and a date column.
pub fn guess(plan: &Plan, table: &Table) -> Option<Mapping> {
    guess_counts(plan, table)
        .map(Mapping::Counts)
        .or_else(|| guess_records(plan, table).map(Mapping::Records))
}

/// What importing the file with `mapping` would change.
pub fn plan_import(plan: &Plan, table: &Table, mapping: &Mapping) -> CsvImport {
    match mapping {
        Mapping::Counts(mapping) => plan_counts_import(plan, table, mapping),
        Mapping::Records(mapping) => plan_records_import(plan, table, mapping),
    }
}

/// The mapping for a new file of a layout mapped before: a CRM mapping
/// made again for the values this file holds, keeping the choices made
/// before; a counts mapping keeping the metric chosen for each column or
/// row whose label is the one it was chosen for (see
/// [`CountsMapping::refit`]). `None` when it no longer fits: guess then.
pub fn refit(plan: &Plan, table: &Table, remembered: Mapping) -> Option<Mapping> {
    let mut mapping = match remembered {
        Mapping::Counts(earlier) => Mapping::Counts(earlier.refit(plan, table)?),
        Mapping::Records(earlier) => {
            let mut now = RecordsMapping::new(
                plan,
                table,
                (earlier.stage_column, earlier.date_column),
                earlier.amount.map(|(column, _)| column),
                earlier.owner.as_ref().map(|(column, _)| *column),
            );
            now.keep_choices(plan, &earlier);
            Mapping::Records(now)
        }
    };
    without_unknown_ids(plan, &mut mapping);
    Some(mapping)
}

/// Forgets the metrics, stages and members the plan no longer has (a
/// mapping remembered, or shown while the plan changed): what they mapped
/// maps to nothing, a counts file to the team; amounts go to another money
/// metric when theirs is gone or no longer money.
pub fn without_unknown_ids(plan: &Plan, mapping: &mut Mapping) {
    match mapping {
        Mapping::Counts(counts) => {
            for metric in &mut counts.metrics {
                *metric = metric.filter(|m| plan.metric(*m).is_some());
            }
            counts.member = counts.member.filter(|m| plan.member(*m).is_some());
        }
        Mapping::Records(records) => records.without_unknown_ids(plan),
    }
}

/// A key for the layout of a file, to remember its mapping by: the
/// header's cells compared as labels are, a run of periods standing for
/// any (a table with a column per month keeps its key from month to month).
pub fn layout_key(header: &[String]) -> String {
    let mut cells: Vec<String> = header
        .iter()
        .map(|cell| match cells::read_period(cell) {
            Some(_) => "#".into(),
            None => normalize(cell),
        })
        .collect();
    cells.dedup_by(|a, b| a == "#" && b == "#");
    cells.join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv::testing::table;
    use crate::domain::locale::Lang;
    use crate::domain::presets::inside_sales;

    #[test]
    fn a_counts_table_or_crm_records_is_recognised_by_its_header() {
        let plan = inside_sales(Lang::En);
        let counts = table("Period,Leads\n2026-09,5\n");
        assert!(matches!(guess(&plan, &counts), Some(Mapping::Counts(_))));
        let records = table("Deal Name,Deal Stage,Close Date\nAcme,Won,2026-09-01\n");
        let Some(Mapping::Records(mapping)) = guess(&plan, &records) else {
            panic!("records");
        };
        let import = plan_import(&plan, &records, &Mapping::Records(mapping.clone()));
        assert_eq!(import.cells.len(), 1);
        for nothing in ["", "Period,Leads\n", "Name,Notes\nAcme,x\n"] {
            assert_eq!(guess(&plan, &table(nothing)), None, "{nothing:?}");
        }
        // Remembered as JSON in storage.
        let json = serde_json::to_string(&Mapping::Records(mapping.clone())).unwrap();
        assert_eq!(
            serde_json::from_str::<Mapping>(&json).unwrap(),
            Mapping::Records(mapping)
        );
    }

    #[test]
    fn a_layout_keeps_its_key_whatever_its_periods_case_and_width() {
        let key =
            |cells: &[&str]| layout_key(&cells.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        assert_eq!(key(&["Deal Stage", "Close Date"]), "deal stage\tclose date");
        assert_eq!(
            key(&["DEAL  STAGE ", "Ｃｌｏｓｅ Date"]),
            "deal stage\tclose date"
        );
        assert_eq!(
            key(&["Metric", "2026-09", "2026-10"]),
            key(&["metric", "2026年10月", "2026年11月", "2026年12月"])
        );
        assert_ne!(key(&["Stage", "Date"]), key(&["Date", "Stage"]));
    }
}
