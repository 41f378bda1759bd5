//! The swimlane diagram as SVG markup: lane bands, a box per stage in its
//! lane's row and its funnel column, and an arrow per step (an elbow where
//! it crosses lanes) labelled with its conversion and, at a hand-off, its
//! agreement's status. Written as markup rather than through plotters so
//! the page can hold it inline: each step takes the keyboard focus and
//! carries its words, and it prints as vectors.

use std::fmt::Write;

/// The band at the left that names each lane.
const LANE_LABEL_WIDTH: f64 = 150.0;
const COLUMN_WIDTH: f64 = 200.0;
const LANE_HEIGHT: f64 = 110.0;
const BOX_WIDTH: f64 = 136.0;
const BOX_HEIGHT: f64 = 66.0;
/// The hand-off's label: conversion and agreement status on two lines.
const BADGE_WIDTH: f64 = 92.0;
const BADGE_HEIGHT: f64 = 38.0;
/// A stage name is wrapped to two lines of this many units (a CJK
/// character counts two), the rest cut with an ellipsis.
const LINE_UNITS: usize = 18;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl Rect {
    fn centre(self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Layout {
    width: f64,
    height: f64,
    /// One band per lane, top to bottom.
    lanes: Vec<Rect>,
    /// One box per stage, in funnel order.
    boxes: Vec<Rect>,
    /// One arrow per step, `arrows[i]` from box `i` to box `i + 1`.
    arrows: Vec<Arrow>,
}

#[derive(Clone, Debug, PartialEq)]
struct Arrow {
    /// SVG path data, ending at the next box's left edge.
    path: String,
    /// Where the step's label is centred: above a straight arrow, on the
    /// vertical run of an elbow.
    label: (f64, f64),
}

/// The layout of `lane_count` lanes holding stages whose lanes are
/// `stage_lanes`, in funnel order.
fn layout(lane_count: usize, stage_lanes: &[usize]) -> Layout {
    let lanes = (0..lane_count)
        .map(|i| Rect {
            x: 0.0,
            y: i as f64 * LANE_HEIGHT,
            width: LANE_LABEL_WIDTH + stage_lanes.len() as f64 * COLUMN_WIDTH,
            height: LANE_HEIGHT,
        })
        .collect();
    let boxes: Vec<Rect> = stage_lanes
        .iter()
        .enumerate()
        .map(|(column, lane)| Rect {
            x: LANE_LABEL_WIDTH + column as f64 * COLUMN_WIDTH + (COLUMN_WIDTH - BOX_WIDTH) / 2.0,
            y: *lane as f64 * LANE_HEIGHT + (LANE_HEIGHT - BOX_HEIGHT) / 2.0,
            width: BOX_WIDTH,
            height: BOX_HEIGHT,
        })
        .collect();
    let arrows = boxes
        .windows(2)
        .map(|pair| {
            let (from, to) = (pair[0], pair[1]);
            let (x1, y1) = (from.x + from.width, from.centre().1);
            let (x2, y2) = (to.x, to.centre().1);
            let middle = (x1 + x2) / 2.0;
            if y1 == y2 {
                Arrow {
                    path: format!("M{x1} {y1}H{x2}"),
                    label: (middle, y1 - 12.0),
                }
            } else {
                Arrow {
                    path: format!("M{x1} {y1}H{middle}V{y2}H{x2}"),
                    label: (middle, (y1 + y2) / 2.0),
                }
            }
        })
        .collect();
    Layout {
        width: LANE_LABEL_WIDTH + stage_lanes.len() as f64 * COLUMN_WIDTH,
        height: lane_count.max(1) as f64 * LANE_HEIGHT,
        lanes,
        boxes,
        arrows,
    }
}

/// What the diagram shows, in words: built from the plan and the texts.
#[derive(Clone, Debug, PartialEq)]
pub struct SwimlaneChart {
    /// The diagram's name for screen readers.
    pub label: String,
    pub lanes: Vec<Lane>,
    pub stages: Vec<StageBox>,
    /// `steps[i]` leads from stage `i` into stage `i + 1`.
    pub steps: Vec<StepArrow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub name: String,
    /// A CSS colour: the department's.
    pub colour: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StageBox {
    pub lane: usize,
    pub name: String,
    pub count: String,
    /// The stage in a sentence, for screen readers.
    pub words: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepArrow {
    pub conversion: String,
    /// At a hand-off: its status as a mark and word ("✗ Breached") and the
    /// class that colours it.
    pub hand_off: Option<(String, &'static str)>,
    /// The step in a sentence, for screen readers.
    pub words: String,
}

impl SwimlaneChart {
    /// The diagram as an `<svg>` element. It scales to its box; the style
    /// sheet colours it from the classes and each lane's `--dept`.
    pub fn svg(&self) -> String {
        let lanes: Vec<usize> = self.stages.iter().map(|s| s.lane).collect();
        let drawn = layout(self.lanes.len(), &lanes);
        let mut svg = format!(
            r#"<svg class="swimlane-svg" viewBox="0 0 {w} {h}" style="--natural-width: {w}px" role="group" aria-label="{label}">"#,
            w = drawn.width,
            h = drawn.height,
            label = escape(&self.label)
        );
        svg.push_str(r#"<defs><marker id="swimlane-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>"#);
        // Writing to a String cannot fail.
        for (band, lane) in drawn.lanes.iter().zip(&self.lanes) {
            let _ = write!(
                svg,
                r#"<g class="lane" style="--dept: {colour}"><rect class="lane-band" x="{x}" y="{y}" width="{w}" height="{h}"/><rect class="lane-label" x="{x}" y="{y}" width="{LANE_LABEL_WIDTH}" height="{h}"/><text class="lane-name" x="12" y="{middle}">{name}</text></g>"#,
                colour = escape(&lane.colour),
                x = band.x,
                y = band.y,
                w = band.width,
                h = band.height,
                middle = band.y + band.height / 2.0,
                name = escape(&lane.name),
            );
        }
        // Each stage, then the step out of it: the order a screen reader
        // reads them in.
        for (i, (at, stage)) in drawn.boxes.iter().zip(&self.stages).enumerate() {
            let colour = self.lanes.get(stage.lane).map_or("", |l| l.colour.as_str());
            let _ = write!(
                svg,
                r#"<g class="stage" role="img" aria-label="{}" style="--dept: {}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="8"/><text class="stage-name">"#,
                escape(&stage.words),
                escape(colour),
                escape(&stage.name),
                at.x,
                at.y,
                at.width,
                at.height
            );
            let lines = wrap_name(&stage.name);
            let first = at.y + if lines.len() > 1 { 20.0 } else { 28.0 };
            let centre = at.x + at.width / 2.0;
            for (i, line) in lines.iter().enumerate() {
                let _ = write!(
                    svg,
                    r#"<tspan x="{centre}" y="{}">{}</tspan>"#,
                    first + 17.0 * i as f64,
                    escape(line)
                );
            }
            let _ = write!(
                svg,
                r#"</text><text class="stage-count" x="{centre}" y="{}">{}</text></g>"#,
                at.y + at.height - 9.0,
                escape(&stage.count)
            );
            if let Some((arrow, step)) = drawn.arrows.get(i).zip(self.steps.get(i)) {
                step_markup(&mut svg, arrow, step);
            }
        }
        svg.push_str("</svg>");
        svg
    }
}

/// A step: its arrow, and its conversion or, at a hand-off, a label with
/// the conversion over the agreement's status; one focus stop.
fn step_markup(svg: &mut String, arrow: &Arrow, step: &StepArrow) {
    let (x, y) = arrow.label;
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        r#"<g class="step" tabindex="0" role="img" aria-label="{}"><path d="{}" marker-end="url(#swimlane-arrowhead)"/>"#,
        escape(&step.words),
        arrow.path
    );
    let _ = match &step.hand_off {
        Some((status, class)) => write!(
            svg,
            r#"<g class="hand-off {class}"><rect x="{}" y="{}" width="{BADGE_WIDTH}" height="{BADGE_HEIGHT}" rx="6"/><text x="{x}" y="{}">{}</text><text class="badge-status" x="{x}" y="{}">{}</text></g>"#,
            x - BADGE_WIDTH / 2.0,
            y - BADGE_HEIGHT / 2.0,
            y - 3.0,
            escape(&step.conversion),
            y + 13.0,
            escape(status),
        ),
        None => write!(
            svg,
            r#"<text class="conversion" x="{x}" y="{y}">{}</text>"#,
            escape(&step.conversion)
        ),
    };
    svg.push_str("</g>");
}

/// Text and attribute values as XML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A name on at most two lines that fit a box, broken at a space where
/// there is one; the full name goes in the box's title.
fn wrap_name(name: &str) -> Vec<String> {
    let units = |c: &char| if c.is_ascii() { 1 } else { 2 };
    // How many of `chars` fit in `room` units.
    let fitting = |chars: &[char], room: usize| {
        let mut taken = 0;
        chars
            .iter()
            .take_while(|c| {
                taken += units(c);
                taken <= room
            })
            .count()
    };
    let chars: Vec<char> = name.trim().chars().collect();
    let mut end = fitting(&chars, LINE_UNITS);
    if end == chars.len() {
        return if chars.is_empty() {
            Vec::new()
        } else {
            vec![chars.iter().collect()]
        };
    }
    if let Some(space) = chars[..=end].iter().rposition(|c| *c == ' ') {
        if space > 0 {
            end = space;
        }
    }
    let first: String = chars[..end].iter().collect();
    let rest: Vec<char> = chars[end..]
        .iter()
        .copied()
        .skip_while(|c| *c == ' ')
        .collect();
    let second: String = if fitting(&rest, LINE_UNITS) == rest.len() {
        rest.iter().collect()
    } else {
        let cut = fitting(&rest, LINE_UNITS - 1);
        rest[..cut].iter().chain(['…'].iter()).collect()
    };
    vec![first.trim_end().to_owned(), second]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_sit_in_their_lanes_and_arrows_run_edge_to_edge() {
        let drawn = layout(3, &[0, 1, 1, 2]);
        assert_eq!((drawn.width, drawn.height), (950.0, 330.0));
        assert_eq!(drawn.lanes.len(), 3);
        assert_eq!(
            drawn.boxes[1],
            Rect {
                x: 382.0,
                y: 132.0,
                width: 136.0,
                height: 66.0
            }
        );
        // Into another lane: right edge, half way, down, into the left edge.
        assert_eq!(drawn.arrows[0].path, "M318 55H350V165H382");
        assert_eq!(drawn.arrows[0].label, (350.0, 110.0));
        // Within a lane: straight, its label above.
        assert_eq!(drawn.arrows[1].path, "M518 165H582");
        assert_eq!(drawn.arrows[1].label, (550.0, 153.0));
    }

    #[test]
    fn a_hand_off_label_sits_between_lanes_clear_of_the_boxes() {
        // One lane down, and two lanes down past an empty middle lane.
        for stage_lanes in [[0, 1], [0, 2]] {
            let drawn = layout(3, &stage_lanes);
            let (x, y) = drawn.arrows[0].label;
            for stage in &drawn.boxes {
                let apart_across = x + BADGE_WIDTH / 2.0 <= stage.x
                    || x - BADGE_WIDTH / 2.0 >= stage.x + stage.width;
                let apart_down = y + BADGE_HEIGHT / 2.0 <= stage.y
                    || y - BADGE_HEIGHT / 2.0 >= stage.y + stage.height;
                assert!(apart_across || apart_down, "{stage_lanes:?}: {stage:?}");
            }
        }
    }

    #[test]
    fn names_wrap_at_spaces_within_two_lines() {
        assert_eq!(wrap_name("Won"), ["Won"]);
        assert_eq!(wrap_name("Hand-off → proposal"), ["Hand-off →", "proposal"]);
        assert_eq!(
            wrap_name("Opportunity creation and qualification by phone"),
            ["Opportunity", "creation and qual…"]
        );
        // Japanese: nine characters a line, no spaces to break at.
        assert_eq!(
            wrap_name("インサイドセールスによる商談化と日程調整"),
            ["インサイドセールス", "による商談化と日…"]
        );
        assert!(wrap_name("  ").is_empty());
    }

    fn seed() -> SwimlaneChart {
        SwimlaneChart {
            label: "Swimlanes".to_owned(),
            lanes: vec![
                Lane {
                    name: "Marketing".to_owned(),
                    colour: "#0072b2".to_owned(),
                },
                Lane {
                    name: "Inside sales <IS>".to_owned(),
                    colour: "#d55e00".to_owned(),
                },
            ],
            stages: vec![
                StageBox {
                    lane: 0,
                    name: "Leads".to_owned(),
                    count: "1,000".to_owned(),
                    words: "1. Leads".to_owned(),
                },
                StageBox {
                    lane: 1,
                    name: "Calls & \"meetings\"".to_owned(),
                    count: "250".to_owned(),
                    words: "2. Calls".to_owned(),
                },
            ],
            steps: vec![StepArrow {
                conversion: "25.0%".to_owned(),
                hand_off: Some(("✗ Breached".to_owned(), "breached")),
                words: "Leads → Calls: 25.0% · breached".to_owned(),
            }],
        }
    }

    #[test]
    fn a_breached_hand_off_is_a_focusable_step_with_its_words() {
        let svg = seed().svg();
        assert!(svg.starts_with(
            r#"<svg class="swimlane-svg" viewBox="0 0 550 220" style="--natural-width: 550px" role="group" aria-label="Swimlanes">"#
        ));
        assert!(svg.contains(
            r#"<g class="step" tabindex="0" role="img" aria-label="Leads → Calls: 25.0% · breached"><path d="M318 55H350V165H382""#
        ));
        assert!(svg.contains(
            r#"<g class="hand-off breached"><rect x="304" y="91" width="92" height="38" rx="6"/><text x="350" y="107">25.0%</text><text class="badge-status" x="350" y="123">✗ Breached</text></g>"#
        ));
        // The stage is drawn in its lane's colour, its name escaped.
        assert!(svg.contains(r#"aria-label="2. Calls" style="--dept: #d55e00""#));
        assert!(svg.contains(">Calls &amp; &quot;meetings&quot;</tspan>"));
        assert!(svg.contains(">Inside sales &lt;IS&gt;</text>"));
        // Read in funnel order: the first stage, its step, the next stage.
        let order: Vec<usize> = ["1. Leads", "Leads → Calls", "2. Calls"]
            .iter()
            .map(|label| svg.find(&format!(r#"aria-label="{label}"#)).unwrap())
            .collect();
        assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{order:?}");
        // A name cut short is there in full as the box's title.
        assert!(svg.contains(r#"<title>Calls &amp; &quot;meetings&quot;</title>"#));
        assert!(svg.ends_with("</g></svg>"));
    }

    #[test]
    fn a_step_within_a_lane_carries_its_conversion_alone() {
        let mut chart = seed();
        chart.stages[1].lane = 0;
        chart.steps[0].hand_off = None;
        let svg = chart.svg();
        assert!(svg.contains(r#"<text class="conversion" x="350" y="43">25.0%</text>"#));
        assert!(!svg.contains("hand-off"));
    }
}
