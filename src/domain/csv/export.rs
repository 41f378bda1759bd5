//! The counts in view as CSV (RFC 4180, CRLF line ends), in two shapes:
//! wide, a row per period and a column per metric, as the Numbers page
//! shows them; and long, a row per figure, for pivot tables. Both start
//! with a UTF-8 byte-order mark, without which Excel reads Japanese names
//! as Latin-1.

use std::borrow::Cow;

use crate::domain::period::PeriodRange;
use crate::domain::plan::{Metric, MetricKind, Plan};

/// Makes Excel read the file as UTF-8.
const BOM: &str = "\u{feff}";
const LINE_END: &str = "\r\n";

/// A text field as CSV writes it. Quoted when it holds a comma, a quote or
/// a line break; a name that starts like a formula gets a leading `'`, so
/// a spreadsheet shows it instead of running it (plans come from files and
/// links, and names are the user's).
pub(crate) fn text(value: &str) -> Cow<'_, str> {
    let value: Cow<str> = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\"")).into()
    } else {
        value
    }
}

/// A figure in its metric's unit: money in major units with the
/// currency's decimals (12345 cents are 123.45), the rest as counted.
fn figure(plan: &Plan, metric: &Metric, value: u64) -> String {
    match metric.kind {
        MetricKind::Money => {
            let per = plan.currency.minor_per_major();
            let digits = plan.currency.decimals() as usize;
            if digits == 0 {
                value.to_string()
            } else {
                format!("{}.{:0digits$}", value / per, value % per)
            }
        }
        _ => value.to_string(),
    }
}

/// The metrics in the order the grid lists them: by stage, then as added.
fn metrics(plan: &Plan) -> impl Iterator<Item = (&str, &Metric)> {
    plan.stages.iter().flat_map(move |stage| {
        plan.metrics_of(stage.id)
            .map(move |metric| (stage.name.as_str(), metric))
    })
}

/// A row per period (`2026-11`, `2026-W48` or `2026-11-24`), a column per
/// metric named `stage: metric`; a period holds its figure or the sum of
/// shorter ones, and is empty where nothing counts or a longer period's
/// figure covers it.
pub fn wide(plan: &Plan, range: PeriodRange, period_header: &str) -> String {
    let columns: Vec<(&str, &Metric)> = metrics(plan).collect();
    let mut out = String::from(BOM);
    out.push_str(&text(period_header));
    for (stage, metric) in &columns {
        out.push(',');
        out.push_str(&text(&format!("{stage}: {}", metric.name)));
    }
    out.push_str(LINE_END);
    for period in range.periods() {
        out.push_str(&period.file_key());
        for (_, metric) in &columns {
            out.push(',');
            if let Some(value) = plan.entries.cell(metric.id, period).total() {
                out.push_str(&figure(plan, metric, value));
            }
        }
        out.push_str(LINE_END);
    }
    out
}

/// A row per figure: period, stage, metric, value; `headers` names the
/// four columns in the user's language.
pub fn long(plan: &Plan, range: PeriodRange, headers: [&str; 4]) -> String {
    let columns: Vec<(&str, &Metric)> = metrics(plan).collect();
    let mut out = String::from(BOM);
    out.push_str(&headers.map(|h| text(h).into_owned()).join(","));
    out.push_str(LINE_END);
    for period in range.periods() {
        for (stage, metric) in &columns {
            if let Some(value) = plan.entries.cell(metric.id, period).total() {
                out.push_str(&format!(
                    "{},{},{},{}{LINE_END}",
                    period.file_key(),
                    text(stage),
                    text(&metric.name),
                    figure(plan, metric, value)
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::edit::{apply, Edit};
    use crate::domain::ids::MetricId;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::presets::inside_sales;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn metric_named(plan: &Plan, name: &str) -> MetricId {
        plan.metrics.iter().find(|m| m.name == name).unwrap().id
    }

    /// Two stages kept, with a few figures: leads by day in November, a
    /// month's figure in October, revenue in cents.
    fn plan() -> Plan {
        let mut plan = inside_sales(Lang::En);
        let keep: Vec<_> = [0, 4].map(|i| plan.stages[i].id).into();
        plan.stages.retain(|s| keep.contains(&s.id));
        plan.metrics.retain(|m| keep.contains(&m.stage));
        plan.metrics
            .retain(|m| ["Leads", "Won deals", "Revenue"].contains(&m.name.as_str()));
        plan.kpis.clear();
        let leads = metric_named(&plan, "Leads");
        let revenue = metric_named(&plan, "Revenue");
        let set = |plan: &mut Plan, metric, period, value| {
            apply(plan, Edit::SetEntry(metric, period, Some(value))).unwrap();
        };
        set(
            &mut plan,
            leads,
            Period::containing(Granularity::Day, day(11, 2)),
            40,
        );
        set(
            &mut plan,
            leads,
            Period::containing(Granularity::Day, day(11, 3)),
            2,
        );
        set(
            &mut plan,
            leads,
            Period::containing(Granularity::Month, day(10, 1)),
            900,
        );
        set(
            &mut plan,
            revenue,
            Period::containing(Granularity::Month, day(11, 1)),
            1_234_505,
        );
        plan.stages[0].name = "Leads, \"inbound\"".into();
        plan.stages[1].name = "=Won".into();
        plan
    }

    fn months() -> PeriodRange {
        PeriodRange::new(Period::containing(Granularity::Month, day(10, 1)), 2)
    }

    #[test]
    fn wide_has_a_row_per_period_and_a_column_per_metric_with_sums_and_money() {
        let csv = wide(&plan(), months(), "Period");
        assert_eq!(
            csv,
            "\u{feff}Period,\"Leads, \"\"inbound\"\": Leads\",'=Won: Won deals,'=Won: Revenue\r\n\
             2026-10,900,,\r\n\
             2026-11,42,,12345.05\r\n"
        );
    }

    #[test]
    fn long_has_a_row_per_figure_and_leaves_covered_periods_out() {
        // Weeks: the October month figure covers its weeks, which have none.
        let weeks = PeriodRange::covering(Granularity::Week, day(10, 26), day(11, 8));
        let csv = long(&plan(), weeks, ["Period", "Stage", "Metric", "Value"]);
        assert_eq!(
            csv,
            "\u{feff}Period,Stage,Metric,Value\r\n\
             2026-W45,\"Leads, \"\"inbound\"\"\",Leads,42\r\n"
        );
    }

    #[test]
    fn yen_have_no_decimals_and_formulas_are_never_run() {
        let mut plan = plan();
        plan.currency = crate::domain::money::Currency::Jpy;
        let csv = long(&plan, months(), ["期間", "ステージ", "指標", "値"]);
        assert!(csv.ends_with("2026-11,'=Won,Revenue,1234505\r\n"), "{csv}");
        for risky in ["=1+1", "+1", "-1", "@SUM(A1)"] {
            assert_eq!(text(risky), format!("'{risky}"));
        }
        assert_eq!(text("a\nb"), "\"a\nb\"");
        assert_eq!(text("plain"), "plain");
    }
}
