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
use counts::{gather_counts, guess_counts, CountsMapping};
use import::{Gathered, PlanShape};
use read::Table;
use records::{gather_records, guess_records, RecordsMapping};

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

/// The figures the file gives with `mapping`; [`Gathered::import`] says
/// what they would change.
pub fn gather(shape: &PlanShape, table: &Table, mapping: &Mapping) -> Gathered {
    match mapping {
        Mapping::Counts(mapping) => gather_counts(shape, table, mapping),
        Mapping::Records(mapping) => gather_records(shape, table, mapping),
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
    use crate::domain::csv::testing::{on, table};
    use crate::domain::locale::Lang;
    use crate::domain::month::Month;
    use crate::domain::period::Granularity;
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
        let import = gather(
            &PlanShape::of(&plan),
            &records,
            &Mapping::Records(mapping.clone()),
        )
        .import(&plan);
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
    fn a_file_is_read_again_for_a_new_plan_shape_and_checked_against_the_counts_now() {
        // The preview reads a file again only when the plan's shape
        // changes; a count typed, a name or a target only checks again.
        let mut plan = inside_sales(Lang::En);
        let file = table("Deal Stage,Close Date\nWon,2026-09-01\nWon,2026-09-02\n");
        let Some(Mapping::Records(mut records)) = guess(&plan, &file) else {
            panic!("records");
        };
        records.granularity = Granularity::Month;
        let mapping = Mapping::Records(records);
        let shape = PlanShape::of(&plan);
        let gathered = gather(&shape, &file, &mapping);
        let won = plan.stages.iter().find(|s| s.name == "Won").unwrap();
        let (stage, count) = (won.id, won.primary_metric);
        let september = on(Granularity::Month, 2026, 9, 1);
        plan.set_entry(count, september, Some(2)).unwrap();
        plan.set_count_target(stage, Month::new(2026, 9).unwrap(), Some(5))
            .unwrap();
        plan.stages
            .iter_mut()
            .for_each(|s| s.name.push_str(" (renamed)"));
        plan.kpis.clear();
        assert_eq!(PlanShape::of(&plan), shape);
        let import = gathered.import(&plan);
        assert_eq!(import.cells[0].before, Some(2), "the count typed since");
        let summary = import.summary();
        assert_eq!((summary.new, summary.changed, summary.unchanged), (0, 0, 1));

        // What reading depends on: amounts' decimals, whose count a
        // record is, and which metrics are counted per member.
        let mut other = plan.clone();
        other.currency = crate::domain::money::Currency::Jpy;
        assert_ne!(PlanShape::of(&other), shape);
        let mut other = plan.clone();
        other
            .metrics
            .iter_mut()
            .for_each(|m| m.per_member = !m.per_member);
        assert_ne!(PlanShape::of(&other), shape);
        let mut other = plan.clone();
        other
            .stages
            .iter_mut()
            .for_each(|s| s.primary_metric = count);
        assert_ne!(PlanShape::of(&other), shape);
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
