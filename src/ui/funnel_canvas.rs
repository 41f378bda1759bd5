//! The funnel chart on a canvas, redrawn whenever the plan, the language
//! or the window size changes.

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use super::state::use_app;
use crate::charts::funnel::{draw_funnel, FunnelChart};
use crate::charts::ChartStyle;

/// CSS pixels per stage row: room for a name, its department and a bar.
const ROW_HEIGHT: u32 = 76;

#[component]
pub fn FunnelCanvas() -> impl IntoView {
    let state = use_app();
    let canvas = NodeRef::<Canvas>::new();
    let draw_error = RwSignal::new(None::<String>);
    let resized = RwSignal::new(0_u32);
    let chart = Memo::new(move |_| {
        let texts = state.texts();
        let range = state.range.get();
        state.plan.with(|p| FunnelChart::from_plan(p, range, texts))
    });
    let css_height = move || chart.with(|c| c.bars.len() as u32 * ROW_HEIGHT + 24);

    // Reading the element's width forces a layout of the whole page, so it
    // is measured once and again only after a resize, not on every edit.
    let css_width = StoredValue::new(None::<f64>);
    let resize_listener = window_event_listener(ev::resize, move |_| {
        css_width.set_value(None);
        resized.update(|n| *n += 1);
    });
    on_cleanup(move || resize_listener.remove());

    Effect::new(move |_| {
        resized.track();
        let height = css_height();
        let Some(element) = canvas.get() else { return };
        let width = css_width.get_value().unwrap_or_else(|| {
            let width = f64::from(element.client_width().max(1));
            css_width.set_value(Some(width));
            width
        });
        let result = chart.with(|data| draw(&element, data, width, height));
        draw_error.set(result.err());
    });

    view! {
        <figure class="chart">
            <canvas
                node_ref=canvas
                class="funnel-canvas"
                role="img"
                aria-label=move || state.texts().funnel_chart
                style:height=move || format!("{}px", css_height())
            ></canvas>
            <figcaption class="visually-hidden">{move || state.texts().funnel_chart}</figcaption>
            <p class="field-error" aria-live="polite">{move || draw_error.get()}</p>
        </figure>
    }
}

/// Sizes the bitmap to the element's CSS size × device pixels, so the chart
/// is sharp on high-density screens and projectors, then draws it.
fn draw(
    element: &web_sys::HtmlCanvasElement,
    chart: &FunnelChart,
    css_width: f64,
    css_height: u32,
) -> Result<(), String> {
    let scale = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0);
    // Resizing the bitmap invalidates layout; skip it when the size holds
    // (the chart fills its background, so nothing stale stays visible).
    let (width, height) = (
        (css_width * scale).round() as u32,
        (f64::from(css_height) * scale).round() as u32,
    );
    if element.width() != width || element.height() != height {
        element.set_width(width);
        element.set_height(height);
    }
    let backend = CanvasBackend::with_canvas_object(element.clone())
        .ok_or_else(|| "no 2D canvas context".to_owned())?;
    let style = ChartStyle {
        font_px: ChartStyle::default().font_px * scale,
        ..ChartStyle::default()
    };
    draw_funnel(&backend.into_drawing_area(), chart, &style).map_err(|e| e.to_string())
}
