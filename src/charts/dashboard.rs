//! Chart data for the dashboard, built from the plan: plain values and
//! words, ready for any backend and for the table view.

use super::bars::{BarChart, BarRow};
use super::palette::{hue_colour, series_colour};
use super::trend::{TrendChart, TrendSeries};
use super::ChartTable;
use crate::domain::ids::KpiId;
use crate::domain::kpi::{lost_reason_shares, mean_target, read_kpi, status, step_conversion};
use crate::domain::month::Month;
use crate::domain::period::{Granularity, Period, PeriodRange};
use crate::domain::plan::{Better, KpiDisplay, Plan};
use crate::i18n::{format_count, format_rate, Texts};

/// Each step's conversion over the range against its target.
pub fn conversion_vs_target(plan: &Plan, range: PeriodRange, t: &Texts) -> BarChart {
    let steps: Vec<_> = plan
        .stages
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, stage)| {
            let rate = step_conversion(plan, i, range);
            let target = mean_target(&stage.step_targets, range);
            (i, stage, rate, target)
        })
        .collect();
    let axis = steps
        .iter()
        .flat_map(|(_, _, rate, target)| [*rate, *target])
        .flatten()
        .fold(1.0_f64, f64::max);
    let mut table_rows = Vec::new();
    let rows = steps
        .iter()
        .map(|(i, stage, rate, target)| {
            let previous = &plan.stages[i - 1].name;
            let status = rate
                .zip(*target)
                .map(|(r, t)| status(r, t, Better::Higher, plan.at_risk_margin_percent));
            let gap = rate
                .zip(*target)
                .map(|(r, tg)| t.kpi_difference(r - tg, KpiDisplay::Percent, plan.currency));
            let note = target.map(|tg| {
                let mut note = format!("{} {}", t.target, format_rate(Some(tg)));
                if let Some(gap) = &gap {
                    note.push_str(&format!(" · {} {gap}", t.gap));
                }
                if let Some(status) = status {
                    note.push_str(&format!(" · {}", t.status(status)));
                }
                note
            });
            table_rows.push(vec![
                format!("{previous} → {}", stage.name),
                format_rate(*rate),
                target.map_or_else(|| "—".to_owned(), |tg| format_rate(Some(tg))),
                gap.unwrap_or_else(|| "—".to_owned()),
                status.map_or("—", |s| t.status(s)).to_owned(),
            ]);
            BarRow {
                label: stage.name.clone(),
                sublabel: Some(Texts::fill(t.from_stage, &[previous])),
                value: rate.unwrap_or(0.0) / axis,
                colour: hue_colour(plan.hue_of(stage)),
                marker: target.map(|tg| tg / axis),
                end_label: format_rate(*rate),
                note,
            }
        })
        .collect();
    BarChart {
        empty: steps.iter().all(|(_, _, rate, _)| rate.is_none()),
        rows,
        empty_message: t.no_values_yet.to_owned(),
        table: ChartTable {
            headers: [
                t.col_step_name,
                t.col_conversion,
                t.target,
                t.gap,
                t.col_status,
            ]
            .map(str::to_owned)
            .to_vec(),
            rows: table_rows,
        },
    }
}

/// Each stage's count this month against its count target, with what is
/// left to reach it. Each bar has its own scale (its target, or its count
/// when past it), so 30 of 50 deals reads as well as 900 of 1,000 leads.
pub fn targets_vs_actual(plan: &Plan, month: Month, t: &Texts) -> BarChart {
    let first_day =
        chrono::NaiveDate::from_ymd_opt(month.year(), month.month(), 1).unwrap_or_default();
    let range = PeriodRange::new(Period::containing(Granularity::Month, first_day), 1);
    let stages: Vec<_> = plan
        .stages
        .iter()
        .map(|stage| {
            let actual = plan.entries.entered_total(stage.primary_metric, range);
            (stage, actual, stage.count_targets.get(&month).copied())
        })
        .collect();
    // Stages without a target share the scale of the largest count.
    let common = stages
        .iter()
        .map(|(_, actual, _)| actual.unwrap_or(0))
        .max()
        .unwrap_or(0)
        .max(1);
    let mut table_rows = Vec::new();
    let rows = stages
        .iter()
        .map(|(stage, actual, target)| {
            let count = actual.unwrap_or(0);
            let axis = target.map_or(common, |tg| tg.max(count)).max(1) as f64;
            let remaining = target.map(|tg| tg.saturating_sub(count));
            let note = remaining.map(|left| {
                if left == 0 {
                    t.target_met.to_owned()
                } else {
                    Texts::fill(t.to_go, &[&format_count(left)])
                }
            });
            table_rows.push(vec![
                stage.name.clone(),
                actual.map_or_else(|| "—".to_owned(), format_count),
                target.map_or_else(|| "—".to_owned(), format_count),
                remaining.map_or_else(|| "—".to_owned(), format_count),
            ]);
            BarRow {
                label: stage.name.clone(),
                sublabel: plan.department(stage.owner).map(|d| d.name.clone()),
                value: count as f64 / axis,
                colour: hue_colour(plan.hue_of(stage)),
                marker: target.map(|tg| tg as f64 / axis),
                end_label: match target {
                    Some(tg) => format!("{} / {}", format_count(count), format_count(*tg)),
                    None => format_count(count),
                },
                note,
            }
        })
        .collect();
    BarChart {
        empty: stages
            .iter()
            .all(|(_, actual, target)| actual.is_none() && target.is_none()),
        rows,
        empty_message: t.no_values_yet.to_owned(),
        table: ChartTable {
            headers: [t.col_stage, t.col_actual, t.target, t.col_remaining]
                .map(str::to_owned)
                .to_vec(),
            rows: table_rows,
        },
    }
}

/// The share of each lost reason over the range.
pub fn lost_reasons(plan: &Plan, range: PeriodRange, t: &Texts) -> BarChart {
    let shares = lost_reason_shares(plan, range);
    let mut table_rows = Vec::new();
    let rows = shares
        .iter()
        .enumerate()
        .map(|(i, share)| {
            let name = plan
                .metric(share.metric)
                .map(|m| m.name.clone())
                .unwrap_or_default();
            table_rows.push(vec![
                name.clone(),
                format_count(share.count),
                format_rate(share.share),
            ]);
            BarRow {
                label: name,
                sublabel: None,
                value: share.share.unwrap_or(0.0),
                colour: series_colour(i + 1),
                marker: None,
                end_label: format!(
                    "{} ({})",
                    format_rate(share.share),
                    format_count(share.count)
                ),
                note: None,
            }
        })
        .collect();
    BarChart {
        empty: shares.iter().all(|s| s.share.is_none()),
        rows,
        empty_message: if shares.is_empty() {
            t.no_lost_reasons
        } else {
            t.no_values_yet
        }
        .to_owned(),
        table: ChartTable {
            headers: [t.col_reason, t.col_count, t.col_share]
                .map(str::to_owned)
                .to_vec(),
            rows: table_rows,
        },
    }
}

/// The chosen KPIs over every period of the range, with their targets.
pub fn trend(plan: &Plan, range: PeriodRange, kpis: &[KpiId], t: &Texts) -> TrendChart {
    let periods: Vec<Period> = range.periods().collect();
    let chosen: Vec<_> = kpis.iter().filter_map(|id| plan.kpi(*id)).collect();
    let series = chosen
        .iter()
        .enumerate()
        .map(|(i, kpi)| {
            let readings: Vec<_> = periods
                .iter()
                .map(|p| read_kpi(plan, kpi, PeriodRange::new(*p, 1)))
                .collect();
            TrendSeries {
                name: kpi.name.clone(),
                display: kpi.display,
                colour: series_colour(i),
                values: readings.iter().map(|r| r.value).collect(),
                targets: readings.iter().map(|r| r.target).collect(),
            }
        })
        .collect();
    TrendChart {
        periods: periods.iter().map(|p| t.period(*p)).collect(),
        series,
        display: chosen.first().map_or(KpiDisplay::Percent, |k| k.display),
        currency: plan.currency,
        lang: t.lang,
        empty_message: if kpis.is_empty() {
            t.choose_kpis
        } else {
            t.no_values_yet
        }
        .to_owned(),
        period_header: t.col_period.to_owned(),
        target_label: t.target.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::locale::Lang;
    use crate::domain::presets::inside_sales;
    use crate::i18n::texts;

    fn november() -> PeriodRange {
        let first = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        PeriodRange::new(Period::containing(Granularity::Month, first), 1)
    }

    fn seed_plan() -> Plan {
        let mut plan = inside_sales(Lang::En);
        for (i, count) in [1000, 250, 40, 30, 12].into_iter().enumerate() {
            let metric = plan.stages[i].primary_metric;
            plan.set_entry(metric, november().first(), Some(count))
                .unwrap();
        }
        let month = Month::new(2026, 11).unwrap();
        let nurturing = plan.stages[1].id;
        plan.set_step_target(nurturing, month, Some(0.3)).unwrap();
        plan.set_count_target(nurturing, month, Some(300)).unwrap();
        plan
    }

    #[test]
    fn conversion_rows_carry_rate_target_gap_and_status() {
        let chart = conversion_vs_target(&seed_plan(), november(), texts(Lang::En));
        assert_eq!(chart.rows.len(), 4);
        let nurturing = &chart.rows[0];
        assert_eq!(nurturing.end_label, "25.0%");
        assert_eq!(
            nurturing.note.as_deref(),
            Some("Target 30.0% · Gap −5.0 pt · Off track")
        );
        assert_eq!(nurturing.sublabel.as_deref(), Some("from Lead generation"));
        assert_eq!(nurturing.value, 0.25);
        assert_eq!(nurturing.marker, Some(0.3));
        assert_eq!(
            chart.table.rows[0],
            [
                "Lead generation → Lead nurturing",
                "25.0%",
                "30.0%",
                "−5.0 pt",
                "Off track"
            ]
        );
        assert!(!chart.empty);
    }

    #[test]
    fn stage_targets_show_what_is_left() {
        let chart = targets_vs_actual(&seed_plan(), Month::new(2026, 11).unwrap(), texts(Lang::En));
        let nurturing = &chart.rows[1];
        assert_eq!(nurturing.end_label, "250 / 300");
        assert_eq!(nurturing.note.as_deref(), Some("50 to go"));
        assert_eq!(
            (nurturing.value, nurturing.marker),
            (250.0 / 300.0, Some(1.0)),
            "its own scale: the target is the end of the bar's track"
        );
        assert_eq!(chart.table.rows[1], ["Lead nurturing", "250", "300", "50"]);
        assert_eq!(chart.rows[0].note, None, "no target, no note");
        let december =
            targets_vs_actual(&seed_plan(), Month::new(2026, 12).unwrap(), texts(Lang::En));
        assert!(december.empty);
    }

    #[test]
    fn lost_reason_shares_become_bars() {
        let mut plan = seed_plan();
        let price = plan
            .metrics
            .iter()
            .find(|m| m.name == "Lost: price")
            .unwrap()
            .id;
        plan.set_entry(price, november().first(), Some(3)).unwrap();
        let chart = lost_reasons(&plan, november(), texts(Lang::En));
        assert_eq!(chart.rows[0].end_label, "100.0% (3)");
        assert_eq!(chart.table.rows[1], ["Lost: timing", "0", "0.0%"]);
        assert!(lost_reasons(&seed_plan(), november(), texts(Lang::En)).empty);
    }

    #[test]
    fn trends_follow_the_chosen_kpis() {
        let plan = seed_plan();
        let shared: Vec<KpiId> = plan
            .kpis_in(crate::domain::plan::KpiScope::Shared)
            .filter(|k| k.name.contains('→'))
            .map(|k| k.id)
            .collect();
        let range = PeriodRange::ending_at(november().first(), 3);
        let chart = trend(&plan, range, &shared, texts(Lang::En));
        assert_eq!(
            chart.periods,
            ["September 2026", "October 2026", "November 2026"]
        );
        assert_eq!(chart.series.len(), 2);
        assert_eq!(chart.series[0].values, [None, None, Some(0.04)]);
        assert!(trend(&plan, range, &[], texts(Lang::En)).series.is_empty());
    }

    /// Each `<text>` of an SVG as a box: left, right, top, bottom, its
    /// width estimated from its characters (CJK ones are twice as wide).
    fn text_boxes(svg: &str) -> Vec<(f64, f64, f64, f64, String)> {
        let attribute = |tag: &str, name: &str| -> f64 {
            let start = tag.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
            tag[start..start + tag[start..].find('"').expect("ends")]
                .parse()
                .expect("a number")
        };
        svg.split("<text")
            .skip(1)
            .map(|part| {
                let (tag, rest) = part.split_once('>').expect("a tag");
                let content = rest[..rest.find("</text>").expect("closed")]
                    .trim()
                    .to_owned();
                let (x, y, size) = (
                    attribute(tag, "x"),
                    attribute(tag, "y"),
                    attribute(tag, "font-size"),
                );
                let width: f64 = content
                    .chars()
                    .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
                    .sum::<f64>()
                    * size;
                let left = if tag.contains("text-anchor=\"middle\"") {
                    x - width / 2.0
                } else if tag.contains("text-anchor=\"end\"") {
                    x - width
                } else {
                    x
                };
                // plotters places text by its top, centre or bottom through `dy`.
                let top = if tag.contains("dy=\"0.76em\"") {
                    y
                } else if tag.contains("dy=\"-0.5ex\"") {
                    y - size * 0.9
                } else {
                    y - size * 0.45
                };
                (left, left + width, top, top + size * 0.9, content)
            })
            .filter(|b| !b.4.is_empty())
            .collect()
    }

    /// Projector type on a dashboard card and on a phone: no label runs
    /// into another (they overlapped in the stacked funnel), and none is
    /// cut off at the right edge (the trend's legend and last period).
    #[test]
    fn labels_never_overlap_or_leave_the_chart_in_projector_type() {
        let plan = seed_plan();
        let t = texts(Lang::En);
        let ids: Vec<KpiId> = plan
            .kpis_in(crate::domain::plan::KpiScope::Shared)
            .map(|k| k.id)
            .collect();
        let range = PeriodRange::ending_at(november().first(), 3);
        let charts = [
            super::super::Chart::Funnel(super::super::funnel::FunnelChart::from_plan(
                &plan,
                november(),
                t,
            )),
            super::super::Chart::Bars(conversion_vs_target(&plan, november(), t)),
            super::super::Chart::Trend(trend(&plan, range, &ids, t)),
        ];
        let style = super::super::ChartStyle::scaled(1.0, true);
        for chart in &charts {
            for width in [560, 340] {
                let svg = chart.to_svg(width, chart.height(true), &style).unwrap();
                let boxes = text_boxes(&svg);
                for (i, a) in boxes.iter().enumerate() {
                    assert!(
                        a.1 <= f64::from(width) + 2.0,
                        "{width}px: {:?} leaves the chart",
                        a.4
                    );
                    for b in &boxes[i + 1..] {
                        let apart = a.1 <= b.0 || b.1 <= a.0 || a.3 <= b.2 || b.3 <= a.2;
                        assert!(apart, "{width}px: {:?} overlaps {:?}", a.4, b.4);
                    }
                }
            }
        }
    }

    #[test]
    fn every_dashboard_chart_draws_in_both_languages() {
        for lang in Lang::ALL {
            let mut plan = inside_sales(lang);
            for (i, count) in [1000, 250, 40, 30, 12].into_iter().enumerate() {
                let metric = plan.stages[i].primary_metric;
                plan.set_entry(metric, november().first(), Some(count))
                    .unwrap();
            }
            let t = texts(lang);
            let ids: Vec<KpiId> = plan.kpis.iter().map(|k| k.id).take(3).collect();
            let charts = [
                super::super::Chart::Bars(conversion_vs_target(&plan, november(), t)),
                super::super::Chart::Bars(targets_vs_actual(
                    &plan,
                    Month::new(2026, 11).unwrap(),
                    t,
                )),
                super::super::Chart::Bars(lost_reasons(&plan, november(), t)),
                super::super::Chart::Trend(trend(&plan, november(), &ids, t)),
            ];
            for chart in charts {
                let svg = chart
                    .to_svg(
                        800,
                        chart.preferred_height(),
                        &super::super::ChartStyle::default(),
                    )
                    .unwrap();
                assert!(svg.starts_with("<svg"));
                assert!(svg.contains("</text>"), "labels drawn");
            }
        }
    }
}
