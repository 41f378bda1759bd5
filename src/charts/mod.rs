//! Charts, drawn with plotters on any `DrawingBackend`: a canvas in the
//! browser, SVG in native tests (and later for downloads). Chart functions
//! take plain data built from the domain, never signals.

pub mod funnel;
pub mod palette;

use std::fmt;

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
            font_family: "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, system-ui, sans-serif",
            font_px: 18.0,
        }
    }
}
