//! One colour per department, used everywhere (chart bars, table tags, stage
//! cards), from the Okabe–Ito palette that colour-blind viewers can tell
//! apart. The UI always puts the department's name beside the colour.

use plotters::style::RGBColor;

use crate::domain::departments::Hue;

pub const TEXT: RGBColor = RGBColor(0x1a, 0x1f, 0x2b);
pub const MUTED_TEXT: RGBColor = RGBColor(0x4a, 0x52, 0x63);
pub const BACKGROUND: RGBColor = RGBColor(0xff, 0xff, 0xff);
pub const EMPTY_BAR: RGBColor = RGBColor(0xd5, 0xd9, 0xe0);

/// A department's colour: the Okabe–Ito palette, its black softened to the
/// text colour.
pub fn hue_colour(hue: Hue) -> RGBColor {
    match hue {
        Hue::Blue => RGBColor(0x00, 0x72, 0xb2),
        Hue::Vermillion => RGBColor(0xd5, 0x5e, 0x00),
        Hue::Green => RGBColor(0x00, 0x9e, 0x73),
        Hue::Purple => RGBColor(0xcc, 0x79, 0xa7),
        Hue::Orange => RGBColor(0xe6, 0x9f, 0x00),
        Hue::Sky => RGBColor(0x56, 0xb4, 0xe9),
        Hue::Yellow => RGBColor(0xf0, 0xe4, 0x42),
        Hue::Black => TEXT,
    }
}

/// Colours for series that are not departments (KPIs in a trend, lost
/// reasons): the rest of the Okabe–Ito palette, strongest first.
pub const SERIES: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xb2),
    RGBColor(0xd5, 0x5e, 0x00),
    RGBColor(0x00, 0x9e, 0x73),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0xe6, 0x9f, 0x00),
    RGBColor(0x56, 0xb4, 0xe9),
    RGBColor(0x1a, 0x1f, 0x2b),
];

pub fn series_colour(index: usize) -> RGBColor {
    SERIES[index % SERIES.len()]
}

/// The same colour as CSS, so stylesheet and charts cannot drift apart.
pub fn css_hex(colour: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.0, colour.1, colour.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hues_have_distinct_colours() {
        let hexes: std::collections::HashSet<_> = Hue::ALL
            .into_iter()
            .map(|h| css_hex(hue_colour(h)))
            .collect();
        assert_eq!(hexes.len(), Hue::ALL.len());
        assert_eq!(css_hex(hue_colour(Hue::Blue)), "#0072b2");
    }
}
