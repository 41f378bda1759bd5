//! Horizontal bars with labels, an optional target marker and a note: the
//! shape of the conversion-vs-target, target-vs-actual and lost-reason
//! charts.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{MUTED_TEXT, TEXT};
use super::{clear, draw_message, fitted_px, px, text_style, ChartError, ChartStyle, ChartTable};

#[derive(Clone, Debug, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub sublabel: Option<String>,
    /// Bar length as a share of the axis, 0 to 1.
    pub value: f64,
    pub colour: RGBColor,
    /// Where the target is, as a share of the axis.
    pub marker: Option<f64>,
    /// Written at the end of the bar: the value.
    pub end_label: String,
    /// Written under the bar: target, gap, what is left to do.
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub rows: Vec<BarRow>,
    /// True when there is nothing to show yet (no counts in the range).
    pub empty: bool,
    pub empty_message: String,
    pub table: ChartTable,
}

pub fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &BarChart,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    draw(root, chart, style).map_err(ChartError::from_drawing)
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &BarChart,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let Some((width, height)) = clear(root, 40.0)? else {
        return Ok(());
    };
    let rows = chart.rows.len();
    if rows == 0 || chart.empty {
        return draw_message(
            root,
            &chart.empty_message,
            (width / 2.0, height / 2.0),
            width / 2.0,
            style,
        );
    }
    let font_px = style.font_px.min(height / rows as f64 * 0.28).max(9.0);
    let padding = font_px;
    // On a narrow canvas (a phone) labels go above the bars, not beside.
    let stacked = width < font_px * 30.0;
    let label_width = if stacked {
        0.0
    } else {
        (width * 0.32).min(font_px * 14.0)
    };
    let zone_left = label_width + padding / 2.0 + if stacked { 0.0 } else { padding / 2.0 };
    // Room on the right for the longest value written after a bar.
    let longest = chart
        .rows
        .iter()
        .map(|r| r.end_label.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let end_room = (longest * 0.62 + 1.0) * font_px;
    let zone_width = (width - zone_left - padding - end_room)
        .max(width * 0.25)
        .max(1.0);
    let row_height = (height - padding) / rows as f64;
    let label_height = if stacked { font_px * 1.2 } else { 0.0 };
    let bar_height = ((row_height - label_height) * 0.42).max(4.0);
    let text = |px_size: f64, colour: RGBColor, h: HPos| {
        text_style(style, px_size, colour, Pos::new(h, VPos::Center))
    };

    for (i, row) in chart.rows.iter().enumerate() {
        let row_top = padding / 2.0 + row_height * i as f64;
        let top = row_top + label_height + row_height * 0.1;
        let middle = top + bar_height / 2.0;
        let value = row.value.clamp(0.0, 1.0);
        let right = zone_left + (zone_width * value).max(2.0);
        root.draw(&Rectangle::new(
            [(px(zone_left), px(top)), (px(right), px(top + bar_height))],
            row.colour.filled(),
        ))?;
        let mut label_end = right;
        if let Some(marker) = row.marker {
            let x = zone_left + zone_width * marker.clamp(0.0, 1.0);
            root.draw(&Rectangle::new(
                [
                    (px(x - 1.5), px(top - 4.0)),
                    (px(x + 1.5), px(top + bar_height + 4.0)),
                ],
                TEXT.filled(),
            ))?;
            label_end = label_end.max(x);
        }
        root.draw(&Text::new(
            row.end_label.clone(),
            (px(label_end + font_px * 0.5), px(middle)),
            text(font_px, TEXT, HPos::Left),
        ))?;
        let below = top + bar_height + font_px * 0.75;
        let small = font_px * 0.75;
        if stacked {
            // "Label · sublabel" on one line above the bar.
            let heading = match &row.sublabel {
                Some(sub) => format!("{} · {sub}", row.label),
                None => row.label.clone(),
            };
            let heading_px = fitted_px(&heading, font_px * 0.85, width - padding);
            root.draw(&Text::new(
                heading,
                (
                    px(padding / 2.0),
                    px(row_top + label_height / 2.0 + row_height * 0.05),
                ),
                text(heading_px, TEXT, HPos::Left),
            ))?;
        } else {
            root.draw(&Text::new(
                row.label.clone(),
                (px(padding / 2.0), px(middle)),
                text(font_px, TEXT, HPos::Left),
            ))?;
            if let Some(sublabel) = &row.sublabel {
                root.draw(&Text::new(
                    sublabel.clone(),
                    (px(padding / 2.0), px(below)),
                    text(small, MUTED_TEXT, HPos::Left),
                ))?;
            }
        }
        if let Some(note) = &row.note {
            let note_px = fitted_px(note, small, width - zone_left - padding / 2.0);
            root.draw(&Text::new(
                note.clone(),
                (px(zone_left), px(below)),
                text(note_px, MUTED_TEXT, HPos::Left),
            ))?;
        }
    }
    root.present()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(rows: Vec<BarRow>, empty: bool) -> BarChart {
        BarChart {
            rows,
            empty,
            empty_message: "Nothing yet".into(),
            table: ChartTable {
                headers: vec![],
                rows: vec![],
            },
        }
    }

    fn row(label: &str, value: f64, marker: Option<f64>) -> BarRow {
        BarRow {
            label: label.into(),
            sublabel: Some("sub".into()),
            value,
            colour: RGBColor(0x00, 0x72, 0xb2),
            marker,
            end_label: format!("{:.0}%", value * 100.0),
            note: marker.map(|_| "Target".into()),
        }
    }

    fn render(chart: &BarChart, size: (u32, u32)) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            draw_bars(&root, chart, &ChartStyle::default()).expect("draws");
        }
        svg
    }

    #[test]
    fn bars_markers_and_labels_are_drawn() {
        let svg = render(
            &chart(vec![row("A", 0.5, Some(0.8)), row("B", 1.0, None)], false),
            (800, 300),
        );
        for text in ["A", "B", "50%", "100%", "sub", "Target"] {
            assert!(
                svg.contains(&format!("\n{text}\n</text>")),
                "missing {text}"
            );
        }
        let rects = |fill: &str| {
            svg.split("<rect")
                .skip(1)
                .filter(|tag| tag.split('>').next().is_some_and(|t| t.contains(fill)))
                .count()
        };
        assert_eq!(rects("#0072B2"), 2, "two bars");
        assert_eq!(rects("#1A1F2B"), 1, "one target marker");
    }

    #[test]
    fn narrow_charts_put_labels_above_the_bars() {
        let svg = render(
            &chart(vec![row("Lead nurturing", 0.5, Some(0.8))], false),
            (340, 120),
        );
        assert!(svg.contains("Lead nurturing · sub"));
        let wide = render(
            &chart(vec![row("Lead nurturing", 0.5, Some(0.8))], false),
            (900, 120),
        );
        assert!(!wide.contains("Lead nurturing · sub"));
    }

    #[test]
    fn empty_charts_show_their_message_and_tiny_canvases_do_not_fail() {
        let svg = render(&chart(vec![row("A", 0.0, None)], true), (600, 200));
        assert!(svg.contains("Nothing yet"));
        assert!(!svg.contains("\nA\n</text>"));
        render(&chart(vec![], false), (600, 200));
        render(&chart(vec![row("A", 7.0, Some(-3.0))], false), (39, 39));
        render(&chart(vec![row("A", 7.0, Some(-3.0))], false), (100, 41));
    }
}
