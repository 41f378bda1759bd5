//! Charts, drawn with plotters on any `DrawingBackend`: a canvas in the
//! browser, SVG in native tests and for downloads. Chart functions take
//! plain data built from the domain, never signals.

pub mod bars;
pub mod dashboard;
pub mod funnel;
pub mod palette;
pub mod trend;

use std::fmt;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use self::bars::BarChart;
use self::funnel::FunnelChart;
use self::trend::TrendChart;

/// A chart that could not be drawn; the UI shows it instead of the chart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the chart could not be drawn: {0}")]
pub struct ChartError(pub String);

impl ChartError {
    fn from_drawing<E: fmt::Display>(error: E) -> ChartError {
        ChartError(error.to_string())
    }
}

/// Fonts and sizes shared by every chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// A CSS font family list; must cover Japanese for stage names.
    pub font_family: &'static str,
    pub font_px: f64,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            font_family: "'Noto Sans CJK JP', 'Noto Sans JP', 'IPAGothic', 'Hiragino Sans', 'Yu Gothic', Meiryo, system-ui, sans-serif",
            font_px: 18.0,
        }
    }
}

impl ChartStyle {
    /// The style for a canvas with `scale` device pixels per CSS pixel,
    /// larger still in projector mode.
    pub fn scaled(scale: f64, large: bool) -> ChartStyle {
        let base = ChartStyle::default();
        ChartStyle {
            font_px: base.font_px * scale * if large { 1.4 } else { 1.0 },
            ..base
        }
    }
}

/// The same numbers as a chart, as rows of text for an accessible table.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Any chart the app shows, so one component can draw, tabulate and
/// download each of them.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    Funnel(FunnelChart),
    Bars(BarChart),
    Trend(TrendChart),
}

impl Chart {
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> Result<(), ChartError> {
        match self {
            Chart::Funnel(chart) => funnel::draw_funnel(root, chart, style),
            Chart::Bars(chart) => bars::draw_bars(root, chart, style),
            Chart::Trend(chart) => trend::draw_trend(root, chart, style),
        }
    }

    pub fn table(&self) -> ChartTable {
        match self {
            Chart::Funnel(chart) => chart.table(),
            Chart::Bars(chart) => chart.table.clone(),
            Chart::Trend(chart) => chart.table(),
        }
    }

    /// The height in CSS pixels that gives every row room to read.
    pub fn preferred_height(&self) -> u32 {
        match self {
            Chart::Funnel(chart) => chart.bars.len() as u32 * 76 + 24,
            Chart::Bars(chart) => (chart.rows.len().max(1) as u32) * 64 + 24,
            Chart::Trend(_) => 360,
        }
    }

    /// Renders the chart as an SVG document (for downloads).
    pub fn to_svg(
        &self,
        width: u32,
        height: u32,
        style: &ChartStyle,
    ) -> Result<String, ChartError> {
        let mut svg = String::new();
        self.draw_svg(&mut svg, (width, height), style, |backend| backend)?;
        Ok(svg)
    }

    /// Writes the chart as an SVG document into `svg`, drawing through
    /// `wrap`: the browser wraps the SVG writer in its one backend, so the
    /// chart code is compiled once for the page and for the downloads.
    pub fn draw_svg<'a, DB: DrawingBackend>(
        &self,
        svg: &'a mut String,
        size: (u32, u32),
        style: &ChartStyle,
        wrap: impl FnOnce(SVGBackend<'a>) -> DB,
    ) -> Result<(), ChartError> {
        // The document is complete when the backend is dropped, on return.
        let root = wrap(SVGBackend::with_string(svg, size)).into_drawing_area();
        self.draw(&root, style)
    }
}

/// A text style in the chart font.
fn text_style(style: &ChartStyle, px: f64, colour: RGBColor, pos: Pos) -> TextStyle<'static> {
    TextStyle {
        font: (style.font_family, px).into_font(),
        color: colour.to_backend_color(),
        pos,
    }
}

/// Chart geometry is computed in `f64`; plotters wants whole pixels.
fn px(value: f64) -> i32 {
    value.round() as i32
}

/// Clears the area to the chart background and returns its size, or `None`
/// when it is too small to draw anything readable in.
fn clear<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    min_side: f64,
) -> Result<Option<(f64, f64)>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&palette::BACKGROUND)?;
    let (width, height) = root.dim_in_pixel();
    let (width, height) = (f64::from(width), f64::from(height));
    Ok((width >= min_side && height >= min_side).then_some((width, height)))
}

/// A message in a white box in the middle of an area, for empty charts.
fn draw_message<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    message: &str,
    (x, y): (f64, f64),
    max_half_width: f64,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let message_px = style.font_px * 1.2;
    let half_width =
        (message.chars().count() as f64 * message_px * 0.6 / 2.0 + message_px).min(max_half_width);
    root.draw(&Rectangle::new(
        [
            (px(x - half_width), px(y - message_px)),
            (px(x + half_width), px(y + message_px)),
        ],
        palette::BACKGROUND.filled(),
    ))?;
    root.draw(&Text::new(
        message.to_owned(),
        (px(x), px(y)),
        text_style(
            style,
            message_px,
            palette::TEXT,
            Pos::new(HPos::Center, VPos::Center),
        ),
    ))
}
