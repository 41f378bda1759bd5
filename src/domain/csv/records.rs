//! Records exported from a CRM, a row per deal or lead (HubSpot's deal
//! export, a Salesforce opportunities report): counted per stage and
//! period of their date, their amounts summed, per owner where the plan
//! counts per member.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::cells::read_period;
use super::import::{is_summary, Gathered, PlanShape, RowReason, SkipReason, SkippedRow};
use super::read::{Record, Table};
use crate::domain::entries::members::Counter;
use crate::domain::grid::{metric_named, normalize, parse_cell};
use crate::domain::ids::{MemberId, MetricId, StageId};
use crate::domain::period::{Granularity, Period};
use crate::domain::plan::{MetricKind, Plan};

/// Header endings that name each column, in order of preference.
const STAGE_HEADERS: [&str; 4] = ["stage", "ステージ", "フェーズ", "phase"];
const DATE_HEADERS: [&str; 8] = [
    "close date",
    "create date",
    "created date",
    "完了予定日",
    "作成日",
    "date",
    "日付",
    "日",
];
const AMOUNT_HEADERS: [&str; 2] = ["amount", "金額"];
const OWNER_HEADERS: [&str; 5] = ["owner", "所有者", "担当者", "assignee", "assigned to"];

/// Each distinct value of a column and what it stands for; `None` for
/// nothing.
pub type Choices<T> = Vec<(String, Option<T>)>;

/// The most values of a column listed to choose for: a column with more
/// is not one of stages or owners (a deal name, an id). Records of a stage
/// value past them are reported as of a stage not mapped; those of an
/// owner past them count for no member, as those of an unknown owner.
pub const MAX_CHOICES: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordsMapping {
    pub stage_column: usize,
    pub date_column: usize,
    /// Records count in the day, week or month of their date.
    pub granularity: Granularity,
    /// Each stage value of the file and the plan stage its records count
    /// in (their count is the stage's primary metric); `None` ignores them.
    pub stage_values: Choices<StageId>,
    /// A column of amounts and the money metric they sum into, for the
    /// records of that metric's stage (won deals' amounts into revenue).
    pub amount: Option<(usize, MetricId)>,
    /// A column naming each record's owner, and the member each name is;
    /// figures of metrics counted per member go to them (to no member
    /// when `None`).
    pub owner: Option<(usize, Choices<MemberId>)>,
}

/// A row as a record: its stage text and date, or why it is not one.
enum Row<'a> {
    Blank,
    Skipped(SkipReason),
    Record {
        stage: &'a str,
        date: Result<Period, RowReason>,
    },
}

fn row_kind(row: &Record, stage_column: usize, date_column: usize) -> Row<'_> {
    if row.is_blank() {
        return Row::Blank;
    }
    let (stage, date) = (row.cell(stage_column), row.cell(date_column));
    let Some(period) = read_period(date) else {
        let skipped = if row.cells.len() == 1 {
            Some(SkipReason::NotARecord)
        } else if is_summary(row.first_text()) {
            Some(SkipReason::Summary)
        } else if stage.is_empty() && date.is_empty() {
            Some(SkipReason::NoStageOrDate)
        } else {
            None
        };
        return skipped.map_or_else(
            || Row::Record {
                stage,
                date: Err(RowReason::BadDate {
                    column: date_column + 1,
                    text: date.into(),
                }),
            },
            Row::Skipped,
        );
    };
    Row::Record {
        stage,
        date: Ok(period),
    }
}

/// The first [`MAX_CHOICES`] distinct texts of a column over the records,
/// in order of first appearance.
fn distinct(table: &Table, stage_column: usize, date_column: usize, column: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    table
        .rows()
        .iter()
        .filter(|row| matches!(row_kind(row, stage_column, date_column), Row::Record { .. }))
        .map(|row| row.cell(column))
        .filter(|value| !value.is_empty() && seen.insert(*value))
        .take(MAX_CHOICES)
        .map(String::from)
        .collect()
}

fn column_named(header: &[String], endings: &[&str]) -> Option<usize> {
    endings.iter().find_map(|ending| {
        header
            .iter()
            .position(|name| normalize(name).ends_with(ending))
    })
}

impl RecordsMapping {
    /// The mapping of these columns: each stage value matched to the stage
    /// it names ("Won", "受注数"), each owner to the member of that name,
    /// amounts into the money metric of the last stage matched.
    pub fn new(
        plan: &Plan,
        table: &Table,
        (stage_column, date_column): (usize, usize),
        amount_column: Option<usize>,
        owner_column: Option<usize>,
    ) -> RecordsMapping {
        let values = |column| distinct(table, stage_column, date_column, column);
        let stage_values: Choices<StageId> = values(stage_column)
            .into_iter()
            .map(|value| {
                let metric = metric_named(plan, &value);
                let stage = plan
                    .stages
                    .iter()
                    .find(|s| Some(s.primary_metric) == metric);
                (value, stage.map(|s| s.id))
            })
            .collect();
        let owner = owner_column.map(|column| {
            let names = values(column).into_iter().map(|name| {
                let member = plan
                    .members
                    .iter()
                    .find(|m| normalize(&m.name) == normalize(&name));
                (name, member.map(|m| m.id))
            });
            (column, names.collect())
        });
        RecordsMapping {
            stage_column,
            date_column,
            granularity: Granularity::default(),
            amount: amount_column.zip(money_of(plan, &stage_values)),
            stage_values,
            owner,
        }
    }

    /// Takes the choices of an earlier mapping (remembered for this layout,
    /// or this one before a column changed): its granularity, its stage and
    /// owner choices for the values both list, and its money metric while
    /// the plan has it (else the one of the stages now chosen).
    pub fn keep_choices(&mut self, plan: &Plan, earlier: &RecordsMapping) {
        fn keep<T: Copy>(now: &mut [(String, T)], earlier: &[(String, T)]) {
            let earlier = lookup(earlier);
            for (value, choice) in now {
                if let Some(earlier) = earlier.get(value.as_str()) {
                    *choice = *earlier;
                }
            }
        }
        self.granularity = earlier.granularity;
        keep(&mut self.stage_values, &earlier.stage_values);
        if let (Some((_, now)), Some((_, before))) = (&mut self.owner, &earlier.owner) {
            keep(now, before);
        }
        if let Some(amount) = &mut self.amount {
            let money = earlier.amount.map(|(_, m)| m);
            if let Some(money) = money.or_else(|| money_of(plan, &self.stage_values)) {
                amount.1 = money;
            }
        }
        self.without_unknown_ids(plan);
    }

    /// Forgets the stages and members the plan no longer has (their values
    /// map to nothing); amounts go to another money metric when theirs is
    /// gone or no longer money.
    pub fn without_unknown_ids(&mut self, plan: &Plan) {
        for (_, stage) in &mut self.stage_values {
            *stage = stage.filter(|s| plan.stage(*s).is_some());
        }
        for (_, member) in self.owner.iter_mut().flat_map(|(_, names)| names) {
            *member = member.filter(|m| plan.member(*m).is_some());
        }
        self.amount = self.amount.and_then(|(column, metric)| {
            let money = Some(metric).filter(|m| is_money(plan, *m));
            Some((
                column,
                money.or_else(|| money_of(plan, &self.stage_values))?,
            ))
        });
    }
}

fn is_money(plan: &Plan, metric: MetricId) -> bool {
    plan.metric(metric)
        .is_some_and(|m| m.kind == MetricKind::Money)
}

/// The money metric amounts sum into: that of the last stage values map to
/// (with one), else that of the funnel's last stage with one (revenue, not
/// ad spend); `None` when the plan has none.
fn money_of(plan: &Plan, stage_values: &[(String, Option<StageId>)]) -> Option<MetricId> {
    let money = |s: &&crate::domain::plan::Stage| {
        plan.metrics_of(s.id).find(|m| m.kind == MetricKind::Money)
    };
    plan.stages
        .iter()
        .rev()
        .filter(|s| stage_values.iter().any(|(_, id)| *id == Some(s.id)))
        .find_map(|s| money(&s))
        .or_else(|| plan.stages.iter().rev().find_map(|s| money(&s)))
        .map(|m| m.id)
}

/// The mapping the header suggests: a stage column ("Deal Stage",
/// "フェーズ") and a date column ("Close Date", "作成日"), with an amount
/// and an owner column when there are such; `None` without both.
pub fn guess_records(plan: &Plan, table: &Table) -> Option<RecordsMapping> {
    let header = table.header();
    let stage = column_named(header, &STAGE_HEADERS)?;
    let date = column_named(header, &DATE_HEADERS).filter(|&c| c != stage)?;
    let owner = column_named(header, &OWNER_HEADERS).filter(|_| !plan.members.is_empty());
    Some(RecordsMapping::new(
        plan,
        table,
        (stage, date),
        column_named(header, &AMOUNT_HEADERS),
        owner,
    ))
}

/// Choices to look values up in; the first of a value listed twice wins.
fn lookup<T: Copy>(choices: &[(String, T)]) -> HashMap<&str, T> {
    choices
        .iter()
        .rev()
        .map(|(v, c)| (v.as_str(), *c))
        .collect()
}

/// The figures of the records (see [`Gathered`]): each record adds one to
/// its stage's count in the period of its date, and its amount to the
/// money metric of its stage. Every figure the file gives replaces the one
/// there.
pub fn gather_records(shape: &PlanShape, table: &Table, mapping: &RecordsMapping) -> Gathered {
    let mut gathered = Gathered::default();
    let stages = lookup(&mapping.stage_values);
    let owners = mapping
        .owner
        .as_ref()
        .map(|(column, names)| (*column, lookup(names)));
    for row in table.rows() {
        let (stage_text, date) = match row_kind(row, mapping.stage_column, mapping.date_column) {
            Row::Blank => continue,
            Row::Skipped(reason) => {
                gathered.skipped.push(SkippedRow {
                    line: row.line,
                    reason,
                    text: row.first_text().into(),
                });
                continue;
            }
            Row::Record { stage, date } => (stage, date),
        };
        let stage = match stages.get(stage_text).copied() {
            Some(Some(id)) => shape.count_of(id).map(|count| (id, count)),
            Some(None) => {
                gathered.ignored += 1;
                continue;
            }
            None => None,
        };
        let Some((stage, count)) = stage else {
            let reason = if stage_text.is_empty() {
                RowReason::NoStage
            } else {
                RowReason::UnmappedStage(stage_text.into())
            };
            gathered.problem(row.line, reason);
            continue;
        };
        let period = date.and_then(|date| {
            let fits =
                date.granularity() == Granularity::Day || date.granularity() == mapping.granularity;
            fits.then(|| Period::containing(mapping.granularity, date.start()))
                .ok_or(RowReason::NotAPeriod {
                    column: mapping.date_column + 1,
                    text: row.cell(mapping.date_column).into(),
                    granularity: mapping.granularity,
                })
        });
        let amount = match mapping.amount {
            Some((column, metric)) => match shape.metric(metric).filter(|m| m.stage == stage) {
                Some(money) => {
                    let text = row.cell(column);
                    parse_cell(text, money.kind, shape.currency)
                        .map(|value| value.map(|v| (metric, v)))
                        .map_err(|error| RowReason::BadNumber {
                            column: column + 1,
                            text: text.into(),
                            error,
                        })
                }
                None => Ok(None),
            },
            None => Ok(None),
        };
        let (period, amount) = match (period, amount) {
            (Ok(period), Ok(amount)) => (period, amount),
            (Err(reason), _) | (_, Err(reason)) => {
                gathered.problem(row.line, reason);
                continue;
            }
        };
        let member = owners
            .as_ref()
            .and_then(|(column, names)| names.get(row.cell(*column)).copied().flatten());
        let counter = |metric| match (shape.counted_per_member(metric), member) {
            (true, Some(member)) => Counter::Member(member),
            // Without an owner column the records are the team's: the
            // total, of which the members keep what they typed.
            (true, None) if owners.is_none() => Counter::Team,
            (true, None) => Counter::Unassigned,
            (false, _) => Counter::Team,
        };
        gathered.add(counter(count), count, period, 1);
        if let Some((metric, value)) = amount {
            gathered.add(counter(metric), metric, period, value);
        }
    }
    gathered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv::import::{CsvImport, ImportedCell, RowProblem};
    use crate::domain::csv::testing::{named, on, table};
    use crate::domain::edit::{apply, Edit};
    use crate::domain::locale::Lang;
    use crate::domain::members::Member;
    use crate::domain::number::CountError;
    use crate::domain::presets::inside_sales;
    use Granularity::{Day, Month, Week};

    fn plan_records_import(plan: &Plan, table: &Table, mapping: &RecordsMapping) -> CsvImport {
        gather_records(&PlanShape::of(plan), table, mapping).import(plan)
    }

    /// A HubSpot deal export: quoted names with commas, quotes and a line
    /// break, times after the dates, a lost deal, a bad date and a bad
    /// amount in the middle.
    const HUBSPOT: &str =
        "\u{feff}Record ID,Deal Name,Deal Stage,Close Date,Amount,Deal owner,Create Date\r\n\
        1,\"Acme, Inc. - Renewal\",Won,2026-08-31 10:30,\"12,500.00\",Jane Doe,2026-08-01\r\n\
        2,\"Globex \"\"East\"\"\",Won,2026-09-06 09:00,500,Sam Roe,2026-08-02\r\n\
        3,Initech,Opportunities,2026-09-02,,Jane Doe,2026-08-03\r\n\
        4,Umbrella,Closed lost,2026-09-03,900,Jane Doe,2026-08-04\r\n\
        5,Hooli,Won,not a date,100,Jane Doe,2026-08-05\r\n\
        6,Stark,Won,2026-09-07,abc,Jane Doe,2026-08-06\r\n\
        7,\"Wayne\r\nEnterprises\",Opportunities,2026-09-07T08:00:00Z,,Sam Roe,2026-08-07\r\n";

    fn team(metric: MetricId, period: Period, after: u64) -> ImportedCell {
        ImportedCell {
            counter: Counter::Team,
            metric,
            period,
            before: None,
            after,
            members: 0,
        }
    }

    #[test]
    fn deals_are_counted_per_stage_and_week_across_a_month_their_amounts_summed() {
        let plan = inside_sales(Lang::En);
        let file = table(HUBSPOT);
        let (won, opportunities) = (plan.stages[4].id, plan.stages[2].id);
        let revenue = named(&plan, "Revenue");
        let mapping = guess_records(&plan, &file).unwrap();
        assert_eq!(
            mapping,
            RecordsMapping {
                stage_column: 2,
                date_column: 3,
                granularity: Week,
                stage_values: vec![
                    ("Won".into(), Some(won)),
                    ("Opportunities".into(), Some(opportunities)),
                    ("Closed lost".into(), None),
                ],
                amount: Some((4, revenue)),
                owner: None,
            }
        );
        let import = plan_records_import(&plan, &file, &mapping);
        let [opportunities, won] = ["Opportunities", "Won deals"].map(|n| named(&plan, n));
        let (first, second) = (on(Week, 2026, 8, 31), on(Week, 2026, 9, 7));
        assert_eq!(
            import.cells,
            [
                team(opportunities, first, 1),
                team(opportunities, second, 1),
                team(won, first, 2),
                team(revenue, first, 1_300_000),
            ]
        );
        assert_eq!(
            import.problems,
            [
                RowProblem {
                    line: 6,
                    reason: RowReason::BadDate {
                        column: 4,
                        text: "not a date".into()
                    }
                },
                RowProblem {
                    line: 7,
                    reason: RowReason::BadNumber {
                        column: 5,
                        text: "abc".into(),
                        error: CountError::NotANumber
                    }
                },
            ]
        );
        assert_eq!((import.ignored, import.skipped.len()), (1, 0));
        // By month and by day.
        let counted = |granularity| {
            let mapping = RecordsMapping {
                granularity,
                ..mapping.clone()
            };
            let import = plan_records_import(&plan, &file, &mapping);
            import
                .cells
                .iter()
                .map(|c| (c.metric, c.period, c.after))
                .collect::<Vec<_>>()
        };
        let (aug, sep) = (on(Month, 2026, 8, 1), on(Month, 2026, 9, 1));
        assert_eq!(
            counted(Month),
            [
                (opportunities, sep, 2),
                (won, aug, 1),
                (won, sep, 1),
                (revenue, aug, 1_250_000),
                (revenue, sep, 50_000),
            ]
        );
        assert_eq!(counted(Day).len(), 6);
    }

    #[test]
    fn a_salesforce_report_counts_per_owner_and_skips_its_totals_and_notes() {
        let mut plan = inside_sales(Lang::En);
        let department = plan.departments[2].id;
        let [jane, sam] = [MemberId(9_001), MemberId(9_002)];
        for (id, name) in [(jane, "Jane Doe"), (sam, "sam  roe")] {
            let member = Member {
                id,
                name: name.into(),
                department,
                active: true,
            };
            apply(&mut plan, Edit::AddMember(member)).unwrap();
        }
        let won = named(&plan, "Won deals");
        apply(&mut plan, Edit::SetPerMember(won, true)).unwrap();
        let file = table(
            "Opportunity Owner,Account Name,Opportunity Name,Stage,Amount,Close Date\n\
             Jane Doe,\"Acme, Inc.\",Renewal,Won,\"$1,200.00\",9/30/2026\n\
             Sam Roe,\"Globex, Corp.\",New,Proposals,$500.00,10/1/2026\n\
             Ex Employee,\"Initech, LLC\",Upsell,Won,$100.00,9/15/2026\n\
             Total,,,,\"$1,800.00\",\n\
             ,,,,\"$1,800.00\",\n\
             \n\
             \"Filtered By:\"\n\
             \"   Stage not equal to Closed Lost\"\n\
             \"Confidential Information - Do Not Distribute\"\n\
             \"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n",
        );
        let mut mapping = guess_records(&plan, &file).unwrap();
        assert_eq!(
            mapping.owner,
            Some((
                0,
                vec![
                    ("Jane Doe".into(), Some(jane)),
                    ("Sam Roe".into(), Some(sam)),
                    ("Ex Employee".into(), None),
                ]
            ))
        );
        mapping.granularity = Month;
        let import = plan_records_import(&plan, &file, &mapping);
        let [proposals, revenue] = ["Proposals", "Revenue"].map(|n| named(&plan, n));
        let (sep, oct) = (on(Month, 2026, 9, 1), on(Month, 2026, 10, 1));
        let by = |counter, metric, period, after| ImportedCell {
            counter,
            ..team(metric, period, after)
        };
        assert_eq!(
            import.cells,
            [
                team(proposals, oct, 1),
                by(Counter::Unassigned, won, sep, 1),
                by(Counter::Member(jane), won, sep, 1),
                team(revenue, sep, 130_000),
            ]
        );
        // Without the owner column, the won deals are the team's total.
        let without_owner = RecordsMapping {
            owner: None,
            ..mapping.clone()
        };
        let totals = plan_records_import(&plan, &file, &without_owner);
        assert!(
            totals.cells.contains(&team(won, sep, 2)),
            "{:?}",
            totals.cells
        );
        let skipped: Vec<_> = import
            .skipped
            .iter()
            .map(|s| (s.line, s.reason, s.text.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (5, SkipReason::Summary, "Total"),
                (6, SkipReason::NoStageOrDate, "$1,800.00"),
                (8, SkipReason::NotARecord, "Filtered By:"),
                (9, SkipReason::NotARecord, "Stage not equal to Closed Lost"),
                (
                    10,
                    SkipReason::NotARecord,
                    "Confidential Information - Do Not Distribute"
                ),
                (
                    11,
                    SkipReason::NotARecord,
                    "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
                ),
            ]
        );
        assert!(import.problems.is_empty());
    }

    #[test]
    fn a_japanese_export_and_records_without_a_stage_or_a_known_one() {
        let plan = inside_sales(Lang::Ja);
        let file = table(
            "取引名,取引ステージ,完了予定日,金額,取引担当者\n\
             \"株式会社A, 東京\",受注,2026/09/01 10:00,\"１，５００\",山田\n\
             B社,,2026年9月2日,100,山田\n\
             C社,失注,2026/09/03,100,山田\n\
             合計,,,1600,\n",
        );
        let mut mapping = guess_records(&plan, &file).unwrap();
        assert_eq!((mapping.stage_column, mapping.date_column), (1, 2));
        assert_eq!(mapping.owner, None, "the plan has no members");
        mapping.stage_values.retain(|(value, _)| value != "失注");
        let import = plan_records_import(&plan, &file, &mapping);
        let [won, revenue] = ["受注数", "受注金額"].map(|n| named(&plan, n));
        let week = on(Week, 2026, 8, 31);
        assert_eq!(
            import.cells,
            [team(won, week, 1), team(revenue, week, 1500)]
        );
        assert_eq!(
            import.problems,
            [
                RowProblem {
                    line: 3,
                    reason: RowReason::NoStage
                },
                RowProblem {
                    line: 4,
                    reason: RowReason::UnmappedStage("失注".into())
                },
            ]
        );
        assert_eq!(import.skipped.len(), 1);
    }

    #[test]
    fn a_remembered_mapping_keeps_its_choices_for_the_values_it_knows() {
        let plan = inside_sales(Lang::En);
        let file = table(HUBSPOT);
        let mut earlier = guess_records(&plan, &file).unwrap();
        earlier.granularity = Month;
        earlier.stage_values = vec![
            ("Closed lost".into(), Some(plan.stages[3].id)),
            ("Gone".into(), None),
        ];
        let mut mapping = guess_records(&plan, &file).unwrap();
        mapping.keep_choices(&plan, &earlier);
        assert_eq!(mapping.granularity, Month);
        assert_eq!(
            mapping.stage_values,
            [
                ("Won".into(), Some(plan.stages[4].id)),
                ("Opportunities".into(), Some(plan.stages[2].id)),
                ("Closed lost".into(), Some(plan.stages[3].id)),
            ]
        );
        // A stage since removed is forgotten.
        let mut smaller = plan.clone();
        smaller.stages.remove(3);
        let Some(crate::domain::csv::Mapping::Records(now)) = crate::domain::csv::refit(
            &smaller,
            &file,
            crate::domain::csv::Mapping::Records(earlier),
        ) else {
            panic!("records");
        };
        assert_eq!(now.granularity, Month);
        assert_eq!(now.stage_values[2], ("Closed lost".into(), None));
    }

    #[test]
    fn an_amount_column_chosen_by_hand_sums_into_the_money_metric_of_the_stages_chosen() {
        let mut plan = inside_sales(Lang::En);
        let (proposals, won) = (plan.stages[3].id, plan.stages[4].id);
        let revenue = named(&plan, "Revenue");
        let value = MetricId(9_000);
        let file = table("Deal Stage,Close Date,Value\nCW,2026-09-07,100\nPS,2026-09-07,50\n");
        let mut earlier = guess_records(&plan, &file).unwrap();
        assert_eq!(earlier.amount, None);
        // Stage values mapped by hand, then the amount column chosen: the
        // page puts a placeholder metric until one is found.
        earlier.stage_values = vec![("CW".into(), Some(won)), ("PS".into(), Some(proposals))];
        earlier.amount = Some((2, MetricId(0)));
        assert!(plan.metric(MetricId(0)).is_none());
        let amount = |plan: &Plan, earlier: &RecordsMapping| {
            let mut now = RecordsMapping::new(plan, &file, (0, 1), Some(2), None);
            now.keep_choices(plan, earlier);
            now.amount
        };
        assert_eq!(amount(&plan, &earlier), Some((2, revenue)));
        let mut mapping = earlier.clone();
        mapping.amount = amount(&plan, &earlier);
        let import = plan_records_import(&plan, &file, &mapping);
        let sums: Vec<_> = import.cells.iter().map(|c| (c.metric, c.after)).collect();
        assert!(sums.contains(&(revenue, 10_000)), "{sums:?}");
        // The proposals' own money metric, chosen earlier, is kept; the
        // last stage chosen with one gives it otherwise.
        plan.metrics.push(crate::domain::plan::Metric {
            id: value,
            stage: proposals,
            name: "Proposal value".into(),
            kind: MetricKind::Money,
            lost_reason: false,
            per_member: false,
        });
        earlier.amount = Some((2, value));
        assert_eq!(amount(&plan, &earlier), Some((2, value)));
        earlier.amount = Some((2, MetricId(0)));
        earlier.stage_values = vec![("CW".into(), None), ("PS".into(), Some(proposals))];
        assert_eq!(amount(&plan, &earlier), Some((2, value)));
        // No stage with one chosen: the funnel's last (revenue, not ad spend).
        earlier.stage_values = vec![("CW".into(), Some(plan.stages[1].id))];
        assert_eq!(amount(&plan, &earlier), Some((2, revenue)));
        // A metric chosen earlier that is gone is not kept.
        plan.metrics.retain(|m| m.id != revenue);
        earlier.amount = Some((2, revenue));
        earlier.stage_values = vec![("CW".into(), Some(won)), ("PS".into(), Some(proposals))];
        assert_eq!(amount(&plan, &earlier), Some((2, value)));
    }

    #[test]
    fn a_column_of_ten_thousand_values_lists_the_first_of_them() {
        let plan = inside_sales(Lang::En);
        let mut text = String::from("Deal Stage,Close Date,Deal owner\n");
        for i in 0..10_000 {
            text.push_str(&format!("Deal {i},2026-09-07,Owner {i}\n"));
        }
        let file = table(&text);
        let mut mapping = RecordsMapping::new(&plan, &file, (0, 1), None, Some(2));
        assert_eq!(mapping.stage_values.len(), MAX_CHOICES);
        assert_eq!(mapping.stage_values[199].0, "Deal 199");
        assert_eq!(
            mapping.owner.as_ref().map(|(_, o)| o.len()),
            Some(MAX_CHOICES)
        );
        let won = plan.stages[4].id;
        for (_, stage) in &mut mapping.stage_values {
            *stage = Some(won);
        }
        let import = plan_records_import(&plan, &file, &mapping);
        assert_eq!(import.cells[0].after, 200);
        assert_eq!(import.problems.len(), 9_800);
        assert_eq!(
            import.problems[0],
            RowProblem {
                line: 202,
                reason: RowReason::UnmappedStage("Deal 200".into())
            }
        );
    }

    #[test]
    fn an_empty_file_or_a_header_alone_counts_nothing() {
        let plan = inside_sales(Lang::En);
        let header = "Deal Stage,Close Date\r\n";
        let mapping = guess_records(&plan, &table(header)).unwrap();
        assert!(mapping.stage_values.is_empty());
        for text in ["", header] {
            let import = plan_records_import(&plan, &table(text), &mapping);
            assert_eq!(import, CsvImport::default());
        }
        assert_eq!(guess_records(&plan, &table("")), None);
    }
}
