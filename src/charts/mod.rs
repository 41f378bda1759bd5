//! Charts, drawn with plotters on any `DrawingBackend`: a canvas in the
//! browser, SVG in native tests and for downloads. Chart functions take
//! plain data built from the domain, never signals.

pub mod bars;
pub mod dashboard;
pub mod funnel;
pub mod palette;
pub mod swimlane;
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
    /// The UI's CSS font family list (`--font` in style/main.css), which
    /// covers Japanese: charts read like the page around them.
    pub font_family: &'static str,
    pub font_px: f64,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            font_family: "system-ui, -apple-system, 'Segoe UI', 'Noto Sans JP', 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic UI', Meiryo, sans-serif",
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

    /// `preferred_height` for the type size: projector type needs rows as
    /// much taller as it is larger, or labels would run into bars.
    pub fn height(&self, large: bool) -> u32 {
        let height = self.preferred_height();
        if large {
            height * 7 / 5
        } else {
            height
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

    /// Renders the chart as an SVG document at a given size (tests).
    #[cfg(test)]
    pub fn to_svg(
        &self,
        width: u32,
        height: u32,
        style: &ChartStyle,
    ) -> Result<String, ChartError> {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            self.draw(&root, style)?;
        }
        Ok(svg)
    }

    /// Writes the chart as an SVG slide into `svg` (see `draw_slide`),
    /// drawing through `wrap`: the browser wraps the SVG writer in its one
    /// backend, so the chart code is compiled once for the page and for
    /// the downloads.
    pub fn slide_svg<'a, DB: DrawingBackend>(
        &self,
        svg: &'a mut String,
        slide: &Slide,
        wrap: impl FnOnce(SVGBackend<'a>) -> DB,
    ) -> Result<(), ChartError> {
        // The document is complete when the backend is dropped, on return.
        let root =
            wrap(SVGBackend::with_string(svg, self.slide_size(slide.large))).into_drawing_area();
        self.draw_slide(&root, slide)
    }

    /// A download's size in pixels: `SLIDE_WIDTH` wide, laid out as a card
    /// of `SLIDE_WIDTH / SLIDE_SCALE` CSS pixels drawn at that scale.
    pub fn slide_size(&self, large: bool) -> (u32, u32) {
        let style = ChartStyle::scaled(SLIDE_SCALE, large);
        let height = f64::from(self.height(large)) * SLIDE_SCALE + heading_height(&style);
        (SLIDE_WIDTH, height.round() as u32)
    }

    /// The chart as it leaves the app: its title and period above it, so a
    /// slide or a report says what it shows.
    pub fn draw_slide<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        slide: &Slide,
    ) -> Result<(), ChartError> {
        let style = ChartStyle::scaled(SLIDE_SCALE, slide.large);
        let heading = heading_height(&style);
        root.fill(&palette::BACKGROUND)
            .map_err(ChartError::from_drawing)?;
        let (top, body) = root.split_vertically(heading.round() as u32);
        // The title, then the period in smaller, muted type under it.
        let lines = [
            (slide.title, 1.3, palette::TEXT, 1.3),
            (slide.period, 0.9, palette::MUTED_TEXT, 2.7),
        ];
        for (text, size, colour, line) in lines {
            let font = text_style(
                &style,
                style.font_px * size,
                colour,
                Pos::new(HPos::Left, VPos::Center),
            );
            let at = (px(style.font_px), px(style.font_px * line));
            top.draw(&Text::new(text.to_owned(), at, font))
                .map_err(ChartError::from_drawing)?;
        }
        self.draw(&body, &style)
    }
}

/// Downloads are at least this many pixels wide, for slides.
pub const SLIDE_WIDTH: u32 = 1600;
/// Downloads are laid out as an 800 px card and drawn twice as large.
const SLIDE_SCALE: f64 = 2.0;

/// What a downloaded chart says above itself.
pub struct Slide<'a> {
    pub title: &'a str,
    /// The range the chart shows, in words.
    pub period: &'a str,
    /// Projector type sizes.
    pub large: bool,
}

fn heading_height(style: &ChartStyle) -> f64 {
    style.font_px * 3.6
}

/// A download's file name from its parts (plan, chart, period): joined
/// with " – ", without the characters file systems refuse, and not too
/// long for any of them.
pub fn download_name(parts: &[&str], extension: &str) -> String {
    let joined = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" – ");
    let safe: String = joined
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .take(120)
        .collect();
    format!("{}.{extension}", safe.trim_end_matches(['.', ' ']))
}

/// A text style in the chart font.
fn text_style(style: &ChartStyle, px: f64, colour: RGBColor, pos: Pos) -> TextStyle<'static> {
    TextStyle {
        font: (style.font_family, px).into_font(),
        color: colour.to_backend_color(),
        pos,
    }
}

/// `font_px`, or less where `text` would be wider than `room`: a long
/// name on a phone gets smaller type rather than run off the chart. The
/// width is estimated (CJK characters are about twice Latin ones).
fn fitted_px(text: &str, font_px: f64, room: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum();
    font_px.min(room / ems.max(1.0)).max(9.0)
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod font_tests {
    use super::ChartStyle;

    /// Charts drew in a monospaced Japanese face (IPAGothic) while the page
    /// used the system's: the two lists must stay the same.
    #[test]
    fn charts_use_the_page_font() {
        let css = include_str!("../../style/main.css");
        let start = css.find("--font:").expect("--font in the stylesheet") + "--font:".len();
        let end = start + css[start..].find(';').expect("--font ends");
        let words = |list: &str| {
            list.replace(['"', '\''], "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            words(ChartStyle::default().font_family),
            words(&css[start..end])
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod slide_tests {
    use super::*;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period, PeriodRange};
    use crate::domain::presets::inside_sales;
    use crate::i18n::texts;

    #[test]
    fn a_download_is_a_slide_with_its_title_and_period() {
        let november = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let range = PeriodRange::new(Period::containing(Granularity::Month, november), 1);
        let chart = Chart::Funnel(funnel::FunnelChart::from_plan(
            &inside_sales(Lang::En),
            range,
            texts(Lang::En),
        ));
        let mut svg = String::new();
        let slide = Slide {
            title: "Funnel",
            period: "Nov 1, 2026 – Nov 30, 2026",
            large: false,
        };
        chart
            .slide_svg(&mut svg, &slide, |backend| backend)
            .unwrap();
        let (width, height) = chart.slide_size(false);
        assert_eq!(width, 1600);
        assert!(
            svg.contains(&format!("width=\"{width}\" height=\"{height}\"")),
            "{}",
            &svg[..200]
        );
        assert!(svg.contains("Funnel") && svg.contains("Nov 1, 2026 – Nov 30, 2026"));
        assert!(
            svg.contains("Lead nurturing"),
            "the chart under the heading"
        );
    }

    #[test]
    fn download_names_say_what_and_when_and_suit_every_file_system() {
        assert_eq!(
            download_name(&["Q4 plan", "Funnel", "Nov 1, 2026 – Nov 30, 2026"], "png"),
            "Q4 plan – Funnel – Nov 1, 2026 – Nov 30, 2026.png"
        );
        assert_eq!(
            download_name(&["A/B: test?", " ", "2026年11月"], "svg"),
            "A-B- test- – 2026年11月.svg"
        );
        assert_eq!(
            download_name(&[&"x".repeat(300)], "svg").chars().count(),
            124
        );
    }
}
