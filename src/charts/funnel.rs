//! The funnel chart: one centred bar per stage, as wide as its count, with
//! the conversion from the previous stage written in the gap above it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{hue_colour, EMPTY_BAR, MUTED_TEXT, TEXT};
use super::{clear, draw_message, fitted_px, px, text_style, ChartError, ChartStyle, ChartTable};
use crate::domain::departments::Hue;
use crate::domain::kpi::funnel_conversions;
use crate::domain::period::PeriodRange;
use crate::domain::plan::Plan;
use crate::i18n::{format_count, format_rate, Texts};

#[derive(Clone, Debug, PartialEq)]
pub struct FunnelBar {
    pub label: String,
    pub hue: Hue,
    pub department_label: String,
    pub count: u64,
    pub count_label: String,
    /// Conversion from the previous stage, already formatted.
    pub step_label: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunnelChart {
    pub bars: Vec<FunnelBar>,
    pub empty_message: String,
    /// Column headers of the table view: stage, owner, count, conversion.
    pub headers: [String; 4],
}

impl FunnelChart {
    pub fn from_plan(plan: &Plan, range: PeriodRange, texts: &Texts) -> FunnelChart {
        let bars = plan
            .stages
            .iter()
            .zip(funnel_conversions(plan, range))
            .enumerate()
            .map(|(i, (stage, row))| {
                let owner = plan.department(stage.owner);
                FunnelBar {
                    label: stage.name.clone(),
                    hue: plan.hue_of(stage),
                    department_label: owner.map(|d| d.name.clone()).unwrap_or_default(),
                    count: row.count,
                    count_label: format_count(row.count),
                    step_label: (i > 0).then(|| format!("↓ {}", format_rate(row.step))),
                }
            })
            .collect();
        FunnelChart {
            bars,
            empty_message: texts.funnel_chart_empty.to_owned(),
            headers: [
                texts.col_stage,
                texts.col_owner,
                texts.col_count,
                texts.col_step,
            ]
            .map(str::to_owned),
        }
    }

    fn is_empty(&self) -> bool {
        self.bars.iter().all(|b| b.count == 0)
    }

    pub fn table(&self) -> ChartTable {
        ChartTable {
            headers: self.headers.to_vec(),
            rows: self
                .bars
                .iter()
                .map(|b| {
                    let step = b
                        .step_label
                        .clone()
                        .unwrap_or_default()
                        .trim_start_matches("↓ ")
                        .to_owned();
                    vec![
                        b.label.clone(),
                        b.department_label.clone(),
                        b.count_label.clone(),
                        step,
                    ]
                })
                .collect(),
        }
    }
}

pub fn draw_funnel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &FunnelChart,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    draw(root, chart, style).map_err(ChartError::from_drawing)
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &FunnelChart,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let Some((width, height)) = clear(root, 40.0)? else {
        return Ok(());
    };
    let rows = chart.bars.len();
    if rows == 0 {
        return Ok(());
    }
    let font = |px: f64, colour: &RGBColor, pos: Pos| text_style(style, px, *colour, pos);
    // Smaller type on small canvases, so labels never overlap the bars.
    let font_px = style.font_px.min(height / rows as f64 * 0.3).max(9.0);
    let padding = font_px;
    // On a narrow canvas (a phone) names go above the bars, not beside.
    let stacked = width < font_px * 30.0;
    let zone_left = if stacked {
        padding / 2.0
    } else {
        (width * 0.3).min(font_px * 14.0) + padding
    };
    let zone_width = (width - zone_left - padding / 2.0).max(1.0);
    let zone_centre = zone_left + zone_width / 2.0;
    let empty = chart.is_empty();
    // Without counts the message gets a line of its own above the rows, so
    // it never covers a stage's name.
    let message_room = if empty { font_px * 2.4 } else { 0.0 };
    let row_height = (height - padding - message_room) / rows as f64;
    // Stacked rows hold two lines above each bar: the step, then the name.
    let gap = if stacked {
        row_height * 0.55
    } else {
        (row_height * 0.38).max(font_px * 1.3).min(row_height * 0.6)
    };
    let bar_height = row_height - gap;
    let max_count = chart.bars.iter().map(|b| b.count).max().unwrap_or(0);

    for (i, bar) in chart.bars.iter().enumerate() {
        let top = padding / 2.0 + message_room + row_height * i as f64 + gap;
        let middle = top + bar_height / 2.0;
        // Without counts, a grey funnel silhouette shows what will appear.
        let share = if empty {
            1.0 - 0.7 * i as f64 / rows.max(2).saturating_sub(1) as f64
        } else {
            bar.count as f64 / max_count as f64
        };
        let bar_width = (zone_width * share).max(3.0);
        let (left, right) = (zone_centre - bar_width / 2.0, zone_centre + bar_width / 2.0);
        let colour = if empty {
            EMPTY_BAR
        } else {
            hue_colour(bar.hue)
        };
        root.draw(&Rectangle::new(
            [(px(left), px(top)), (px(right), px(top + bar_height))],
            colour.filled(),
        ))?;

        if stacked {
            let label = format!("{} · {}", bar.label, bar.department_label);
            let label_px = fitted_px(&label, font_px * 0.85, width - padding);
            root.draw(&Text::new(
                label,
                (px(padding / 2.0), px(top - gap * 0.28)),
                font(label_px, &TEXT, Pos::new(HPos::Left, VPos::Center)),
            ))?;
        } else {
            root.draw(&Text::new(
                bar.label.clone(),
                (px(padding / 2.0), px(middle - font_px * 0.45)),
                font(font_px, &TEXT, Pos::new(HPos::Left, VPos::Center)),
            ))?;
            root.draw(&Text::new(
                bar.department_label.clone(),
                (px(padding / 2.0), px(middle + font_px * 0.75)),
                font(
                    font_px * 0.75,
                    &MUTED_TEXT,
                    Pos::new(HPos::Left, VPos::Center),
                ),
            ))?;
        }

        if empty {
            continue;
        }
        // The count sits inside wide bars and beside narrow ones.
        let label_chars = bar.count_label.chars().count() as f64;
        let fits_inside = bar_width > font_px * (label_chars * 0.7 + 1.0);
        let (count_x, count_colour, anchor) = if fits_inside {
            (zone_centre, WHITE, HPos::Center)
        } else {
            (right + font_px * 0.4, TEXT, HPos::Left)
        };
        root.draw(&Text::new(
            bar.count_label.clone(),
            (px(count_x), px(middle)),
            font(font_px, &count_colour, Pos::new(anchor, VPos::Center)),
        ))?;

        if let Some(step) = &bar.step_label {
            // Centred between the bars (above the name when stacked).
            let y = if stacked {
                top - gap * 0.75
            } else {
                top - gap / 2.0
            };
            root.draw(&Text::new(
                step.clone(),
                (px(zone_centre), px(y)),
                font(
                    font_px * 0.85,
                    &MUTED_TEXT,
                    Pos::new(HPos::Center, VPos::Center),
                ),
            ))?;
        }
    }

    if empty {
        let message_style = ChartStyle { font_px, ..*style };
        draw_message(
            root,
            &chart.empty_message,
            (width / 2.0, padding / 2.0 + message_room / 2.0),
            width / 2.0,
            &message_style,
        )?;
    }
    root.present()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::presets::inside_sales;
    use crate::i18n::texts;

    fn month() -> PeriodRange {
        let november = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        PeriodRange::new(Period::containing(Granularity::Month, november), 1)
    }

    fn seed_plan(lang: Lang) -> Plan {
        let mut plan = inside_sales(lang);
        for (i, count) in [1000, 250, 40, 30, 12].into_iter().enumerate() {
            let metric = plan.stages[i].primary_metric;
            plan.set_entry(metric, month().first(), Some(count))
                .unwrap();
        }
        plan
    }

    fn render(chart: &FunnelChart, size: (u32, u32)) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            draw_funnel(&root, chart, &ChartStyle::default()).expect("draws");
        }
        svg
    }

    fn bar_fills(svg: &str) -> Vec<&str> {
        svg.match_indices("<rect")
            .filter_map(|(at, _)| {
                let rest = &svg[at..];
                let fill = rest.find("fill=\"#")? + "fill=\"".len();
                Some(&rest[fill..fill + 7])
            })
            .filter(|fill| *fill != "#FFFFFF")
            .collect()
    }

    #[test]
    fn chart_data_carries_counts_and_steps() {
        let chart = FunnelChart::from_plan(&seed_plan(Lang::En), month(), texts(Lang::En));
        let steps: Vec<_> = chart.bars.iter().map(|b| b.step_label.as_deref()).collect();
        assert_eq!(
            steps,
            [
                None,
                Some("↓ 25.0%"),
                Some("↓ 16.0%"),
                Some("↓ 75.0%"),
                Some("↓ 40.0%")
            ]
        );
        assert_eq!(chart.bars[0].count_label, "1,000");
        assert_eq!(chart.bars[1].department_label, "Inside sales");
    }

    #[test]
    fn draws_one_coloured_bar_per_stage_with_all_labels() {
        let chart = FunnelChart::from_plan(&seed_plan(Lang::Ja), month(), texts(Lang::Ja));
        let svg = render(&chart, (800, 480));
        assert_eq!(
            bar_fills(&svg),
            ["#0072B2", "#D55E00", "#D55E00", "#009E73", "#009E73"]
        );
        for text in [
            "リード獲得",
            "商談化",
            "受注",
            "1,000",
            "250",
            "12",
            "↓ 25.0%",
            "↓ 40.0%",
            "マーケティング",
        ] {
            assert!(svg.contains(text), "missing {text:?}");
        }
        assert!(!svg.contains(&chart.empty_message));
    }

    #[test]
    fn bar_widths_follow_the_counts() {
        let chart = FunnelChart::from_plan(&seed_plan(Lang::En), month(), texts(Lang::En));
        let svg = render(&chart, (1000, 500));
        let widths: Vec<i32> = svg
            .match_indices("<rect")
            .filter_map(|(at, _)| {
                let rest = &svg[at..];
                let start = rest.find("width=\"")? + 7;
                let end = start + rest[start..].find('"')?;
                rest[start..end].parse().ok()
            })
            .skip(1) // the background
            .collect();
        assert_eq!(widths.len(), 5);
        assert!(widths.windows(2).all(|w| w[0] >= w[1]), "{widths:?}");
        // 250 of 1000 leads: a quarter of the widest bar, within rounding.
        assert!((widths[1] * 4 - widths[0]).abs() <= 4, "{widths:?}");
    }

    #[test]
    fn an_empty_plan_draws_grey_bars_and_a_message() {
        let plan = inside_sales(Lang::En);
        let chart = FunnelChart::from_plan(&plan, month(), texts(Lang::En));
        let svg = render(&chart, (600, 400));
        assert!(svg.contains("No counts yet"));
        assert!(!svg.contains("↓"), "no rates without counts");
        assert_eq!(bar_fills(&svg), ["#D5D9E0"; 5]);
    }

    #[test]
    fn markup_in_stage_names_is_escaped() {
        let mut plan = seed_plan(Lang::En);
        let id = plan.stages[0].id;
        plan.rename_stage(id, "<b>Leads & more</b>").unwrap();
        let svg = render(
            &FunnelChart::from_plan(&plan, month(), texts(Lang::En)),
            (600, 400),
        );
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;b&gt;Leads &amp; more&lt;/b&gt;"));
    }

    #[test]
    fn narrow_canvases_put_names_above_the_bars() {
        let chart = FunnelChart::from_plan(&seed_plan(Lang::En), month(), texts(Lang::En));
        assert!(render(&chart, (340, 400)).contains("Lead nurturing · Inside sales"));
        assert!(!render(&chart, (900, 400)).contains("Lead nurturing · Inside sales"));
    }

    /// The y of the first `<text>` whose content starts with `content`.
    fn text_y(svg: &str, content: &str) -> f64 {
        let at = svg.find(content).expect("the text is drawn");
        let open = svg[..at].rfind("<text").expect("inside a text element");
        let y = &svg[open..at][svg[open..at].find(" y=\"").expect("a y") + 4..];
        y[..y.find('"').expect("y ends")].parse().expect("a number")
    }

    #[test]
    fn the_empty_message_sits_above_every_stage_name() {
        let chart = FunnelChart::from_plan(&inside_sales(Lang::En), month(), texts(Lang::En));
        assert!(chart.is_empty());
        for size in [(450, 380), (900, 400)] {
            let svg = render(&chart, size);
            let message = text_y(&svg, &chart.empty_message);
            let first_name = text_y(&svg, "Lead generation");
            assert!(
                message + 12.0 < first_name,
                "{size:?}: message at {message}, first name at {first_name}"
            );
        }
    }

    #[test]
    fn tiny_canvases_and_empty_charts_do_not_fail() {
        let chart = FunnelChart::from_plan(&seed_plan(Lang::En), month(), texts(Lang::En));
        for size in [(1, 1), (39, 300), (320, 120), (4000, 60)] {
            render(&chart, size);
        }
        let no_stages = FunnelChart {
            bars: vec![],
            empty_message: String::new(),
            headers: Default::default(),
        };
        render(&no_stages, (300, 200));
    }
}
