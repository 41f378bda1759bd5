//! KPIs over periods as lines, each with its target as a dashed line of
//! the same colour. Gaps (periods without a value) break the line.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{MUTED_TEXT, TEXT};
use super::{clear, draw_message, px, text_style, ChartError, ChartStyle, ChartTable};
use crate::domain::locale::Lang;
use crate::domain::money::Currency;
use crate::domain::plan::KpiDisplay;
use crate::i18n::texts;

#[derive(Clone, Debug, PartialEq)]
pub struct TrendSeries {
    pub name: String,
    /// The series' own unit, for its table column.
    pub display: KpiDisplay,
    pub colour: RGBColor,
    pub values: Vec<Option<f64>>,
    pub targets: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrendChart {
    /// One label per period, oldest first.
    pub periods: Vec<String>,
    pub series: Vec<TrendSeries>,
    /// How the value axis is written: the unit all series share (the
    /// picker only combines KPIs shown the same way).
    pub display: KpiDisplay,
    pub currency: Currency,
    pub lang: Lang,
    pub empty_message: String,
    pub period_header: String,
    pub target_label: String,
}

impl TrendChart {
    fn format(&self, value: Option<f64>, display: KpiDisplay) -> String {
        texts(self.lang).kpi_value(value, display, self.currency)
    }

    fn is_empty(&self) -> bool {
        self.series
            .iter()
            .all(|s| s.values.iter().all(Option::is_none))
    }

    pub fn table(&self) -> ChartTable {
        let mut headers = vec![self.period_header.clone()];
        for series in &self.series {
            headers.push(series.name.clone());
            headers.push(format!("{} ({})", self.target_label, series.name));
        }
        let rows = self
            .periods
            .iter()
            .enumerate()
            .map(|(i, period)| {
                let mut row = vec![period.clone()];
                for series in &self.series {
                    row.push(self.format(series.values.get(i).copied().flatten(), series.display));
                    row.push(self.format(series.targets.get(i).copied().flatten(), series.display));
                }
                row
            })
            .collect();
        ChartTable { headers, rows }
    }
}

pub fn draw_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &TrendChart,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    draw(root, chart, style).map_err(ChartError::from_drawing)
}

/// The runs of consecutive periods that have a value, as line points.
fn runs(values: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![Vec::new()];
    for (i, value) in values.iter().enumerate() {
        match value.filter(|v| v.is_finite()) {
            Some(v) => runs
                .last_mut()
                .into_iter()
                .for_each(|run| run.push((i as f64, v))),
            None => runs.push(Vec::new()),
        }
    }
    runs.retain(|run| !run.is_empty());
    runs
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &TrendChart,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let Some((width, height)) = clear(root, 80.0)? else {
        return Ok(());
    };
    if chart.series.is_empty() || chart.periods.is_empty() || chart.is_empty() {
        return draw_message(
            root,
            &chart.empty_message,
            (width / 2.0, height / 2.0),
            width / 2.0,
            style,
        );
    }
    let font_px = style.font_px.min(height / 14.0).max(9.0);
    // Legend entries flow into as many lines as the width needs, so none is
    // cut off at the right edge (large projector type, long KPI names).
    let line_height = font_px * 1.8;
    let entry_width =
        |name: &str| font_px * 2.0 + (name.chars().count() as f64 + 2.0) * font_px * 0.7;
    let mut places = Vec::with_capacity(chart.series.len());
    let (mut x, mut line) = (font_px, 0.0_f64);
    for series in &chart.series {
        let entry = entry_width(&series.name);
        if x > font_px && x + entry > width {
            (x, line) = (font_px, line + 1.0);
        }
        places.push((x, line * line_height));
        x += entry;
    }
    // Many KPIs on a narrow chart: the legend keeps half the height at most.
    let legend_height = ((line + 1.0) * line_height).min(height / 2.0);
    let (legend, plot) = root.split_vertically(px(legend_height).max(1));

    for (series, (x, top)) in chart.series.iter().zip(places) {
        legend.draw(&Rectangle::new(
            [
                (px(x), px(top + line_height * 0.3)),
                (
                    px(x + font_px * 1.6),
                    px(top + line_height * 0.3 + font_px * 0.3),
                ),
            ],
            series.colour.filled(),
        ))?;
        legend.draw(&Text::new(
            series.name.clone(),
            (px(x + font_px * 2.0), px(top + line_height * 0.4)),
            text_style(
                style,
                font_px * 0.85,
                TEXT,
                Pos::new(HPos::Left, VPos::Center),
            ),
        ))?;
    }

    let all_values = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().chain(&s.targets))
        .filter_map(|v| v.filter(|v| v.is_finite()));
    let max = all_values.fold(0.0_f64, f64::max);
    // Targets are bounded, but keep the axis finite whatever the data.
    let y_max = if max > 0.0 {
        (max * 1.15).min(f64::MAX / 2.0)
    } else {
        1.0
    };
    let last = (chart.periods.len().saturating_sub(1)).max(1) as f64;
    let label_font = text_style(
        style,
        font_px * 0.75,
        MUTED_TEXT,
        Pos::new(HPos::Center, VPos::Top),
    );
    // The last period's label is centred on the right edge of the plot:
    // leave it half its width, so it is never cut off.
    let longest_label = chart
        .periods
        .iter()
        .map(|p| p.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let right_margin = (longest_label * font_px * 0.75 * 0.62 / 2.0).max(font_px * 0.8);
    let mut cartesian = ChartBuilder::on(&plot)
        .margin(px(font_px * 0.8))
        .margin_right(px(right_margin))
        .x_label_area_size(px(font_px * 2.2))
        .y_label_area_size(px(font_px * 5.5))
        .build_cartesian_2d(-0.3..last + 0.3, 0.0..y_max)?;
    // Every `step`-th period is labelled, so labels never run into each
    // other (widths estimated as for the right margin).
    let plot_width = (width - font_px * 6.3 - right_margin).max(1.0);
    let label_width = longest_label * font_px * 0.75 * 0.62 + font_px;
    let step = (label_width / (plot_width / (last + 0.6))).ceil().max(1.0) as usize;
    let x_label = |x: &f64| {
        let i = x.round();
        if (x - i).abs() < 0.01 && i >= 0.0 && (i as usize).is_multiple_of(step) {
            chart.periods.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let y_label = |y: &f64| chart.format(Some(*y), chart.display);
    cartesian
        .configure_mesh()
        // A candidate at every period; `x_label` keeps those that fit.
        .x_labels(chart.periods.len().clamp(2, 400))
        .x_label_formatter(&x_label)
        .y_labels(5)
        .y_label_formatter(&y_label)
        .x_label_style(label_font.clone())
        .y_label_style(text_style(
            style,
            font_px * 0.75,
            MUTED_TEXT,
            Pos::new(HPos::Right, VPos::Center),
        ))
        .light_line_style(RGBColor(0xee, 0xf0, 0xf3))
        .bold_line_style(RGBColor(0xd5, 0xd9, 0xe0))
        .axis_style(RGBColor(0x9a, 0xa1, 0xad))
        .draw()?;
    let line_width = (font_px / 6.0).max(2.0) as u32;
    for series in &chart.series {
        for mut run in runs(&series.targets) {
            // A lone target (one period) becomes a short level mark.
            if let [(x, y)] = run[..] {
                run = vec![(x - 0.25, y), (x + 0.25, y)];
            }
            cartesian.draw_series(DashedLineSeries::new(
                run,
                px(font_px * 0.6),
                px(font_px * 0.4),
                series.colour.stroke_width((line_width / 2).max(1)),
            ))?;
        }
        for run in runs(&series.values) {
            cartesian.draw_series(LineSeries::new(
                run.clone(),
                series.colour.stroke_width(line_width),
            ))?;
            cartesian.draw_series(
                run.into_iter()
                    .map(|point| Circle::new(point, px(font_px * 0.25), series.colour.filled())),
            )?;
        }
    }
    root.present()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(values: Vec<Option<f64>>, targets: Vec<Option<f64>>) -> TrendChart {
        TrendChart {
            periods: (1..=values.len()).map(|i| format!("W{i}")).collect(),
            series: vec![TrendSeries {
                name: "Contact rate".into(),
                display: KpiDisplay::Percent,
                colour: RGBColor(0xd5, 0x5e, 0x00),
                values,
                targets,
            }],
            display: KpiDisplay::Percent,
            currency: Currency::Usd,
            lang: Lang::En,
            empty_message: "No values yet".into(),
            period_header: "Period".into(),
            target_label: "Target".into(),
        }
    }

    fn render(chart: &TrendChart) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (900, 360)).into_drawing_area();
            draw_trend(&root, chart, &ChartStyle::default()).expect("draws");
        }
        svg
    }

    #[test]
    fn lines_break_at_gaps_and_targets_are_dashed() {
        let values = vec![Some(0.2), Some(0.25), None, Some(0.3)];
        let chart = chart(values, vec![Some(0.3); 4]);
        let svg = render(&chart);
        let label = |text: &str| svg.contains(&format!("\n{text}\n</text>"));
        assert!(label("Contact rate"), "legend");
        assert!(label("W1") && label("W4"), "period labels");
        assert!(label("30.0%"), "percent axis labels");
        // Two runs of values around the gap; the dashed target is many short lines.
        assert!(svg.matches("<polyline").count() >= 2);
        assert_eq!(svg.matches("<circle").count(), 3, "a dot per value");
        assert_eq!(runs(&chart.series[0].values).len(), 2);
    }

    #[test]
    fn the_table_has_every_period_value_and_target() {
        let chart = chart(vec![Some(0.2), None], vec![Some(0.3), None]);
        let table = chart.table();
        assert_eq!(
            table.headers,
            ["Period", "Contact rate", "Target (Contact rate)"]
        );
        assert_eq!(table.rows, [["W1", "20.0%", "30.0%"], ["W2", "—", "—"]]);
    }

    #[test]
    fn a_lone_target_is_still_drawn() {
        let one = chart(vec![Some(0.2)], vec![Some(0.3)]);
        let svg = render(&one);
        assert!(
            svg.matches("<line").count() + svg.matches("<polyline").count() > 10,
            "grid and dashes"
        );
        let strokes = svg.matches("stroke=\"#D55E00\"").count();
        assert!(
            strokes >= 3,
            "the target's dashes in the series colour: {strokes}"
        );
    }

    #[test]
    fn no_values_draw_a_message() {
        let svg = render(&chart(vec![None, None], vec![None, None]));
        assert!(svg.contains("No values yet"));
        let mut no_periods = chart(vec![], vec![]);
        no_periods.series.clear();
        assert!(render(&no_periods).contains("No values yet"));
    }
}
