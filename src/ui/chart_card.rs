//! A chart on a canvas with its title, a table view of the same numbers,
//! and SVG and PNG downloads. Redrawn whenever its data, the language, the
//! projector mode or the window size changes.

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use super::chart_backend::PageBackend;
use super::download::{click_download, download_text};
use super::state::{use_app, AppState};
use crate::charts::funnel::FunnelChart;
use crate::charts::{download_name, Chart, ChartStyle, Slide};

/// The funnel of the range in view, in the UI language.
pub fn funnel_chart(state: AppState) -> Memo<Chart> {
    Memo::new(move |_| {
        let texts = state.texts();
        let range = state.range.get();
        state
            .plan
            .with(|p| Chart::Funnel(FunnelChart::from_plan(p, range, texts)))
    })
}

#[component]
pub fn ChartCard(
    /// Used for element ids.
    name: &'static str,
    #[prop(into)] title: Signal<String>,
    chart: Memo<Chart>,
    /// Controls shown above the chart (the trend's KPI picker).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let state = use_app();
    let canvas = NodeRef::<Canvas>::new();
    let show_table = RwSignal::new(false);
    // The browser's or plotters' words are for developers (the console);
    // the user reads ours, in their language.
    let failed = RwSignal::new(false);
    let draw_error = move |error: Option<String>| {
        if let Some(detail) = &error {
            leptos::logging::warn!("chart {name}: {detail}");
        }
        failed.set(error.is_some());
    };
    let resized = RwSignal::new(0_u32);
    let css_height = move || {
        let large = state.large_charts.get();
        chart.with(|c| c.height(large))
    };
    let heading_id = format!("chart-{name}-title");
    let labelled_by = heading_id.clone();
    // Five cards have the same buttons; the chart title tells them apart.
    let described_by = heading_id.clone();

    // Reading the element's width forces a layout of the whole page, so it
    // is measured once and again only after a resize, not on every edit.
    let css_width = StoredValue::new(None::<f64>);
    let resize_listener = window_event_listener(ev::resize, move |_| {
        css_width.set_value(None);
        resized.update(|n| *n += 1);
    });
    on_cleanup(move || resize_listener.remove());

    let drawing = StoredValue::new(0_u64);
    Effect::new(move |_| {
        resized.track();
        let large = state.large_charts.get();
        let height = css_height();
        // A hidden canvas (table view) has no width: draw when it shows again.
        if show_table.get() {
            return;
        }
        let Some(element) = canvas.get() else { return };
        let width = match css_width.get_value() {
            Some(width) => width,
            None => {
                let width = f64::from(element.client_width());
                if width < 1.0 {
                    return;
                }
                css_width.set_value(Some(width));
                width
            }
        };
        chart.track();
        // Drawn after the next paint: a key press shows its numbers in the
        // frame it causes and the chart follows a frame later, instead of
        // holding that frame back. Only the latest request draws.
        let request = drawing.try_update_value(|n| {
            *n += 1;
            *n
        });
        request_animation_frame(move || {
            set_timeout(
                move || {
                    if drawing.try_get_value() == request {
                        let result = chart
                            .try_with_untracked(|data| draw(&element, data, width, height, large));
                        draw_error(result.and_then(Result::err));
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    });

    // Downloads are slides: titled, with the period, 1,600 px wide, and
    // named after the plan, the chart and the period.
    let slide_texts = move || {
        let period = state.texts().range(state.range.get_untracked());
        let plan = state.plan.with_untracked(|p| p.name.clone());
        (title.get_untracked(), period, plan)
    };
    let download_svg = move |_| {
        let (title, period, plan) = slide_texts();
        let slide = Slide {
            title: &title,
            period: &period,
            large: state.large_charts.get_untracked(),
        };
        let result = chart.with_untracked(|c| {
            let mut svg = String::new();
            c.slide_svg(&mut svg, &slide, PageBackend::Svg)
                .map(|()| svg)
        });
        let file = download_name(&[&plan, &title, &period], "svg");
        match result {
            Ok(svg) => draw_error(download_text(&svg, "image/svg+xml", &file).err()),
            Err(error) => draw_error(Some(error.to_string())),
        }
    };
    let download_png = move |_| {
        let (title, period, plan) = slide_texts();
        let slide = Slide {
            title: &title,
            period: &period,
            large: state.large_charts.get_untracked(),
        };
        let file = download_name(&[&plan, &title, &period], "png");
        let url = chart.with_untracked(|c| slide_png(c, &slide));
        draw_error(url.and_then(|url| click_download(&url, &file)).err());
    };

    view! {
        <section class="chart-card" aria-labelledby=labelled_by>
            <header class="chart-card-header">
                <h3 id=heading_id>{move || title.get()}</h3>
                <div class="chart-actions">
                    <button
                        type="button"
                        aria-describedby=described_by.clone()
                        aria-pressed=move || show_table.get().to_string()
                        on:click=move |_| show_table.update(|s| *s = !*s)
                    >
                        {state.tr(|t| t.show_table)}
                    </button>
                    <button type="button" aria-describedby=described_by.clone() on:click=download_svg>
                        {state.tr(|t| t.download_svg)}
                    </button>
                    <button type="button" aria-describedby=described_by.clone() on:click=download_png>
                        {state.tr(|t| t.download_png)}
                    </button>
                </div>
            </header>
            {children.map(|c| c())}
            <canvas
                node_ref=canvas
                class="chart-canvas"
                role="img"
                aria-label=move || title.get()
                hidden=move || show_table.get()
                style:height=move || format!("{}px", css_height())
            ></canvas>
            <Show when=move || show_table.get()>
                <ChartTableView chart=chart title=title />
            </Show>
            <p class="field-error" aria-live="polite">
                {state.text(move |t| if failed.get() { t.chart_failed.to_owned() } else { String::new() })}
            </p>
        </section>
    }
}

#[component]
pub(super) fn ChartTableView(chart: Memo<Chart>, title: Signal<String>) -> impl IntoView {
    let table = Memo::new(move |_| chart.with(Chart::table));
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="chart-table">
                <caption class="visually-hidden">{move || title.get()}</caption>
                <thead>
                    <tr>
                        {move || {
                            table.with(|t| {
                                t.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()
                            })
                        }}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        table
                            .with(|t| {
                                t.rows
                                    .iter()
                                    .map(|row| {
                                        let mut cells = row.iter();
                                        let head = cells.next().cloned().unwrap_or_default();
                                        let rest = cells.map(|c| view! { <td>{c.clone()}</td> }).collect_view();
                                        view! {
                                            <tr>
                                                <th scope="row">{head}</th>
                                                {rest}
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// The chart drawn as a slide on a canvas of its own, as a PNG data URL.
fn slide_png(chart: &Chart, slide: &Slide) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    let canvas = document()
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or_else(|| "no canvas".to_owned())?;
    let (width, height) = chart.slide_size(slide.large);
    canvas.set_width(width);
    canvas.set_height(height);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "no 2D canvas context".to_owned())?;
    chart
        .draw_slide(&PageBackend::Canvas(backend).into_drawing_area(), slide)
        .map_err(|e| e.to_string())?;
    canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| "the canvas gave no image".to_owned())
}

/// Sizes the bitmap to the element's CSS size × device pixels, so charts
/// are sharp on high-density screens and projectors, then draws.
fn draw(
    element: &web_sys::HtmlCanvasElement,
    chart: &Chart,
    css_width: f64,
    css_height: u32,
    large: bool,
) -> Result<(), String> {
    let scale = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0);
    // Resizing the bitmap invalidates layout; skip it when the size holds
    // (every chart fills its background, so nothing stale stays visible).
    let width = (css_width * scale).round() as u32;
    let height = (f64::from(css_height) * scale).round() as u32;
    if element.width() != width || element.height() != height {
        element.set_width(width);
        element.set_height(height);
    }
    let backend = CanvasBackend::with_canvas_object(element.clone())
        .ok_or_else(|| "no 2D canvas context".to_owned())?;
    chart
        .draw(
            &PageBackend::Canvas(backend).into_drawing_area(),
            &ChartStyle::scaled(scale, large),
        )
        .map_err(|e| e.to_string())
}
