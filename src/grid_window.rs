//! Which rows and columns of a long grid are rendered: those in view and a
//! margin around them, with the space of the rest kept by spacers so the
//! scrollbars stay true. Pure arithmetic on sizes in pixels, tested natively.

use std::ops::Range;

use crate::domain::entries::Cell;
use crate::domain::period::Period;

/// The items to render along one axis, and the space before and after them.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub items: Range<usize>,
    pub before: f64,
    pub after: f64,
}

/// Items of the given sizes, scrolled to `offset`, seen through a view
/// `extent` long: every item that overlaps the view widened by `margin` on
/// both sides. Bad measurements (negative, not finite) count as zero.
pub fn visible(sizes: &[f64], offset: f64, extent: f64, margin: f64) -> Span {
    let clean = |x: f64| if x.is_finite() { x.max(0.0) } else { 0.0 };
    let (offset, extent, margin) = (clean(offset), clean(extent), clean(margin));
    let (from, to) = (offset - margin, offset + extent + margin);
    let mut start = 0.0;
    let (mut first, mut end) = (sizes.len(), sizes.len());
    let (mut before, mut after) = (0.0, 0.0);
    for (index, size) in sizes.iter().map(|s| clean(*s)).enumerate() {
        let stop = start + size;
        if first == sizes.len() {
            // The first item that reaches into the view, or the last item
            // when the view is past the end.
            if stop > from || index + 1 == sizes.len() {
                first = index;
            } else {
                before += size;
            }
        }
        if first != sizes.len() && end == sizes.len() && start >= to && index > first {
            end = index;
        }
        if end != sizes.len() {
            after += size;
        }
        start = stop;
    }
    Span {
        items: first..end,
        before,
        after,
    }
}

/// Where item `index` starts and ends along the axis.
pub fn bounds(sizes: &[f64], index: usize) -> (f64, f64) {
    let start: f64 = sizes.iter().take(index).sum();
    (start, start + sizes.get(index).copied().unwrap_or(0.0))
}

/// The offset to scroll to so that the item from `start` to `end` is
/// wholly in view (nearest edge), or `None` when it already is. `hidden`
/// is the part of the view covered by sticky headers at its start.
pub fn scroll_into_view(
    start: f64,
    end: f64,
    offset: f64,
    extent: f64,
    hidden: f64,
) -> Option<f64> {
    if start < offset + hidden {
        Some((start - hidden).max(0.0))
    } else if end > offset + extent {
        Some((end - extent).max(0.0))
    } else {
        None
    }
}

/// A metric row's cells: a field per period, or one band across the
/// periods a longer period's figure holds (it is not split among them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    Field(usize, Period),
    Band {
        column: usize,
        span: usize,
        by: Period,
        total: u64,
    },
}

/// The segments of a row whose cells are `cells`, for the columns `shown`:
/// a band is cut to the columns in view, so a rendered row always has one
/// table cell per shown column.
pub fn segments(periods: &[Period], cells: &[Cell], shown: Range<usize>) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::with_capacity(shown.len());
    for (column, (period, cell)) in periods.iter().zip(cells).enumerate() {
        if !shown.contains(&column) {
            continue;
        }
        match (*cell, segments.last_mut()) {
            (Cell::Covered { by, .. }, Some(Segment::Band { by: last, span, .. }))
                if *last == by =>
            {
                *span += 1;
            }
            (Cell::Covered { by, total }, _) => segments.push(Segment::Band {
                column,
                span: 1,
                by,
                total,
            }),
            _ => segments.push(Segment::Field(column, *period)),
        }
    }
    segments
}

// Native only: the property tests' crate is not built for wasm.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn renders_what_the_view_and_its_margin_overlap() {
        let sizes = [10.0; 100];
        assert_eq!(
            visible(&sizes, 205.0, 50.0, 20.0),
            Span {
                items: 18..28,
                before: 180.0,
                after: 720.0,
            }
        );
    }

    #[test]
    fn the_top_of_the_grid_starts_at_the_first_item() {
        let span = visible(&[30.0, 40.0, 50.0, 60.0], 0.0, 60.0, 0.0);
        assert_eq!(span.items, 0..2);
        assert_eq!((span.before, span.after), (0.0, 110.0));
    }

    #[test]
    fn a_view_past_the_end_keeps_the_last_item() {
        let span = visible(&[10.0; 5], 500.0, 40.0, 0.0);
        assert_eq!(span.items, 4..5);
        assert_eq!((span.before, span.after), (40.0, 0.0));
    }

    #[test]
    fn nothing_to_render_in_an_empty_grid() {
        let span = visible(&[], 0.0, 100.0, 10.0);
        assert_eq!(span.items, 0..0);
    }

    #[test]
    fn bad_measurements_do_not_break_the_window() {
        let span = visible(&[f64::NAN, -5.0, 10.0], f64::INFINITY, -1.0, 0.0);
        assert!(span.items.start <= span.items.end && span.items.end <= 3);
    }

    #[test]
    fn scrolls_to_the_nearest_edge_only_when_needed() {
        // Behind a 30 px sticky header at the top.
        assert_eq!(
            scroll_into_view(100.0, 140.0, 90.0, 300.0, 30.0),
            Some(70.0)
        );
        assert_eq!(
            scroll_into_view(500.0, 540.0, 90.0, 300.0, 30.0),
            Some(240.0)
        );
        assert_eq!(scroll_into_view(200.0, 240.0, 90.0, 300.0, 30.0), None);
        assert_eq!(scroll_into_view(10.0, 40.0, 90.0, 300.0, 30.0), Some(0.0));
        assert_eq!(bounds(&[10.0, 20.0, 30.0], 2), (30.0, 60.0));
    }

    #[test]
    fn a_band_is_cut_to_the_columns_in_view() {
        use crate::domain::period::Granularity;
        let day = |d| {
            Period::containing(
                Granularity::Day,
                chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap(),
            )
        };
        let month = Period::containing(
            Granularity::Month,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        );
        let periods: Vec<Period> = (1..=6).map(day).collect();
        let covered = Cell::Covered {
            by: month,
            total: 100,
        };
        let cells = [
            Cell::Empty,
            covered,
            covered,
            covered,
            covered,
            Cell::Entered(3),
        ];
        let band = |column, span| Segment::Band {
            column,
            span,
            by: month,
            total: 100,
        };
        assert_eq!(
            segments(&periods, &cells, 0..6),
            [
                Segment::Field(0, day(1)),
                band(1, 4),
                Segment::Field(5, day(6))
            ]
        );
        assert_eq!(
            segments(&periods, &cells, 3..6),
            [band(3, 2), Segment::Field(5, day(6))]
        );
        assert_eq!(segments(&periods, &cells, 2..3), [band(2, 1)]);
        assert_eq!(segments(&periods, &cells, 6..6), []);
    }

    proptest! {
        /// The spacers and rendered items add up to the whole axis, and
        /// every item the view touches is rendered.
        #[test]
        fn spacers_and_items_fill_the_axis(
            sizes in proptest::collection::vec(0.0f64..80.0, 0..200),
            offset in 0.0f64..10_000.0,
            extent in 0.0f64..2_000.0,
            margin in 0.0f64..500.0,
        ) {
            let span = visible(&sizes, offset, extent, margin);
            let total: f64 = sizes.iter().sum();
            let rendered: f64 = sizes[span.items.clone()].iter().sum();
            prop_assert!((span.before + rendered + span.after - total).abs() < 1e-6);
            prop_assert!(span.items.end <= sizes.len());
            prop_assert!(sizes.is_empty() || span.items.start < span.items.end);
            for (index, _) in sizes.iter().enumerate() {
                let (start, end) = bounds(&sizes, index);
                let touches = end > offset && start < offset + extent && end > start;
                prop_assert!(!touches || span.items.contains(&index), "item {index} in view but not rendered");
            }
        }
    }
}
