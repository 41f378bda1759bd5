//! The count grid: rows are metrics grouped by stage, columns the periods
//! of the range. Metric cells are typed into (arrow keys, Tab and Enter
//! move, a spreadsheet block can be pasted); step conversions and KPI rows
//! are computed under each stage's metrics.
//!
//! Only the rows and columns in view (and a margin) are rendered: a year by
//! day is 365 columns, and every rendered field costs the browser time on
//! every keystroke. The grid scrolls in its own box with sticky headers;
//! spacers keep the size of what is left out, keys and pastes work on the
//! plan's rows and columns and scroll to cells not rendered yet, and the
//! table tells screen readers its whole size (`aria-rowcount` and
//! `aria-colcount`, with each rendered row and cell's index).

mod question;
mod rows;

use std::ops::Range;
use std::sync::Arc;

use leptos::ev::{ClipboardEvent, FocusEvent, KeyboardEvent};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use self::question::{question_text, Question};
use self::rows::{Columns, ConversionRow, GridRow, KpiRow, MetricRow, StageRow};
use super::flow::focus_after_render;
use super::state::use_app;
use super::team::breakdown::{Breakdown, Open};
use super::team::picker::CounterPicker;
use crate::domain::grid::{parse_block, plan_paste};
use crate::domain::ids::MetricId;
use crate::domain::period::Granularity;
use crate::grid_window::{bounds, scroll_into_view, visible, Span};
use crate::i18n::Problem;

fn cell_id(metric: MetricId, column: usize) -> String {
    format!("cell-{}-{column}", metric.0)
}

fn band_id(metric: MetricId, column: usize) -> String {
    format!("band-{}-{column}", metric.0)
}

fn parse_cell_id(id: &str) -> Option<(MetricId, usize)> {
    let (metric, column) = id.strip_prefix("cell-")?.split_once('-')?;
    Some((MetricId(metric.parse().ok()?), column.parse().ok()?))
}

/// How far beyond the view rows and columns are rendered, in pixels: a
/// small scroll shows cells that are already there.
const MARGIN: f64 = 240.0;

/// The part of the grid the scroller shows, in pixels.
#[derive(Clone, Copy, PartialEq)]
struct Viewport {
    top: f64,
    left: f64,
    height: f64,
    width: f64,
}

/// Sizes read from the rendered grid, in pixels: the metric name column,
/// a period column and the header row (both sticky).
#[derive(Clone, Copy, PartialEq)]
struct Measured {
    head: f64,
    column: f64,
    header: f64,
}

impl Measured {
    /// Where the period columns are scrolled to and how much of them shows
    /// beside the sticky name column: (offset, extent).
    fn columns_view(self, view: Viewport) -> (f64, f64) {
        (view.left, view.width - self.head)
    }

    /// The same for the rows, below the sticky header row.
    fn rows_view(self, view: Viewport) -> (f64, f64) {
        (view.top, view.height - self.header)
    }
}

#[component]
pub fn CountGrid() -> impl IntoView {
    let state = use_app();
    let periods = Memo::new(move |_| state.range.get().periods().collect::<Vec<_>>());
    let rows = Memo::new(move |_| {
        let counter = state.counter.get();
        state.plan.with(|p| GridRow::all(p, counter))
    });
    // Metric rows in display order: what arrow keys and pasted blocks walk.
    let metric_rows = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .filter_map(|row| match row {
                    GridRow::Metric(id) => Some(*id),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    });

    let scroller = NodeRef::<html::Div>::new();
    let table = NodeRef::<html::Table>::new();
    let viewport = RwSignal::new(Viewport {
        top: 0.0,
        left: 0.0,
        height: window_size(|w| w.inner_height()),
        width: window_size(|w| w.inner_width()),
    });
    // Until the grid is measured: its CSS sizes at the default font size.
    let measured = RwSignal::new(Measured {
        head: 224.0,
        column: 136.0,
        header: 40.0,
    });
    // Measured heights by row position (a moved row is measured again).
    let heights = RwSignal::new(Vec::<Option<f64>>::new());
    let row_sizes = Memo::new(move |_| {
        rows.with(|rows| {
            heights.with(|known| {
                rows.iter()
                    .enumerate()
                    .map(|(i, row)| {
                        known
                            .get(i)
                            .copied()
                            .flatten()
                            .unwrap_or(row.estimated_height())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let row_span = Memo::new(move |_| {
        let (offset, extent) = measured.get().rows_view(viewport.get());
        row_sizes.with(|sizes| visible(sizes, offset, extent, MARGIN))
    });
    let column_span = Memo::new(move |_| {
        let m = measured.get();
        let (offset, extent) = m.columns_view(viewport.get());
        let sizes = vec![m.column; periods.with(Vec::len)];
        visible(&sizes, offset, extent, MARGIN).items
    });
    let columns = Columns {
        periods,
        shown: column_span,
    };
    let extra_columns = move || if state.compare.get() { 3 } else { 1 };
    // Cells in a rendered row: name, two spacers, shown periods, totals.
    let row_width = Signal::derive(move || column_span.with(Range::len) + 3 + extra_columns());

    let read_viewport = move || {
        let Some(element) = scroller.get_untracked() else {
            return;
        };
        let now = Viewport {
            top: f64::from(element.scroll_top()),
            left: f64::from(element.scroll_left()),
            height: f64::from(element.client_height()),
            width: f64::from(element.client_width()),
        };
        if viewport.get_untracked() != now {
            viewport.set(now);
        }
    };
    // Rows are as tall as their content: measure what was rendered, so the
    // spacers and the next window are right.
    let measure = move || {
        read_viewport();
        let Some(table) = table.get_untracked() else {
            return;
        };
        let width = |selector: &str| {
            table
                .query_selector(selector)
                .ok()
                .flatten()
                .map(|e| e.get_bounding_client_rect())
        };
        let mut now = measured.get_untracked();
        if let Some(rect) = width("thead .row-head") {
            now.head = rect.width();
            now.header = rect.height();
        }
        if let Some(rect) = width("thead th[aria-colindex='2'], thead th.period") {
            now.column = rect.width();
        }
        if now != measured.get_untracked() && now.column > 0.0 {
            measured.set(now);
        }
        let Ok(rendered) = table.query_selector_all("tbody tr[aria-rowindex]") else {
            return;
        };
        let mut changed = Vec::new();
        row_sizes.with_untracked(|sizes| {
            for i in 0..rendered.length() {
                let Some(element) = rendered
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                else {
                    continue;
                };
                let index = element
                    .get_attribute("aria-rowindex")
                    .and_then(|index| index.parse::<usize>().ok())
                    .and_then(|index| index.checked_sub(2));
                let height = element.get_bounding_client_rect().height();
                if let Some((index, before)) = index.and_then(|i| Some((i, *sizes.get(i)?))) {
                    if (before - height).abs() > 0.5 && height > 0.0 {
                        changed.push((index, height));
                    }
                }
            }
        });
        if !changed.is_empty() {
            let count = rows.with_untracked(Vec::len);
            heights.update(|known| {
                known.resize(count, None);
                for (index, height) in changed {
                    if let Some(known) = known.get_mut(index) {
                        *known = Some(height);
                    }
                }
            });
        }
    };
    Effect::new(move |_| {
        row_span.track();
        column_span.track();
        state.plan.track();
        state.lang.track();
        state.compare.track();
        // The user may have left the page by the next frame.
        request_animation_frame(move || {
            if table.try_get_untracked().is_some() {
                measure();
            }
        });
    });
    let resize_listener = window_event_listener(leptos::ev::resize, move |_| read_viewport());
    on_cleanup(move || resize_listener.remove());

    let paste_message = RwSignal::new(None::<Problem>);
    let breakdown: Open = RwSignal::new(None);
    // What the grid asks before a change: the user answers or cancels.
    let question = RwSignal::new(None::<Question>);
    // What pasting `block` into the field `anchor` would do, as the grid
    // is now.
    let paste_at = move |anchor: &str, block: &[Vec<String>]| {
        let (metric, column) = parse_cell_id(anchor)?;
        let rows = metric_rows.get_untracked();
        let row = rows.iter().position(|m| *m == metric)?;
        let columns = periods.get_untracked();
        Some(state.plan.with_untracked(|p| {
            plan_paste(
                p,
                state.counter.get_untracked(),
                &rows,
                &columns,
                (row, column),
                block,
            )
        }))
    };
    let answer = move |confirmed: bool| {
        let Some(asked) = question.try_update(Option::take).flatten() else {
            return;
        };
        let focus = match (asked, confirmed) {
            (Question::Replace(r), true) => {
                let clear = state.counter.get_untracked().edit(r.metric, r.by, None);
                match state.dispatch(clear) {
                    Ok(()) => cell_id(r.metric, r.column),
                    Err(problem) => {
                        paste_message.set(Some(problem));
                        band_id(r.metric, r.column)
                    }
                }
            }
            (Question::Replace(r), false) => band_id(r.metric, r.column),
            (Question::Paste(paste, block, anchor), true) => {
                // The grid may have changed while the question was open:
                // what was shown is what is pasted, or it is asked again.
                match paste_at(&anchor, &block) {
                    Some(Ok(now)) if now == paste => {
                        paste_message.set(state.dispatch(paste.edit()).err());
                    }
                    Some(Ok(now)) => {
                        question.set(Some(Question::Paste(now, block, anchor)));
                        return;
                    }
                    Some(Err(error)) => paste_message.set(Some(error.into())),
                    None => {}
                }
                anchor
            }
            (Question::Paste(_, _, anchor), false) => anchor,
        };
        focus_after_render(focus);
    };
    let straddling = move || periods.with(|p| p.iter().any(|p| p.spans_two_months()));

    // A field focus is moving to once it is rendered: keys pressed before
    // then move on from it, not from the field that still has focus.
    let moving_to = StoredValue::new(None::<(MetricId, usize)>);
    // Moves focus to a field, scrolling it into view and rendering it first
    // when it is outside the rendered window.
    let go_to = move |metric: MetricId, column: usize| {
        let id = cell_id(metric, column);
        if focus_field(&id) {
            moving_to.set_value(None);
            return;
        }
        let (Some(element), Some(row)) = (
            scroller.get_untracked(),
            rows.with_untracked(|rows| rows.iter().position(|r| *r == GridRow::Metric(metric))),
        ) else {
            return;
        };
        let (m, view) = (measured.get_untracked(), viewport.get_untracked());
        let (top, bottom) = row_sizes.with_untracked(|sizes| bounds(sizes, row));
        let (offset, extent) = m.rows_view(view);
        if let Some(y) = scroll_into_view(top, bottom, offset, extent, 0.0) {
            element.set_scroll_top(y as i32);
        }
        let left = column as f64 * m.column;
        let (offset, extent) = m.columns_view(view);
        if let Some(x) = scroll_into_view(left, left + m.column, offset, extent, 0.0) {
            element.set_scroll_left(x as i32);
        }
        read_viewport();
        moving_to.set_value(Some((metric, column)));
        request_animation_frame(move || {
            if moving_to.try_get_value().flatten() == Some((metric, column)) {
                moving_to.set_value(None);
                focus_field(&id);
            }
        });
    };

    // Rows that stay in view while the window moves can be moved in the
    // page by the keyed list, which takes focus from a field in them: give
    // it back, where the caret was, once the rows are in place.
    let on_focusout = move |ev: FocusEvent| {
        if ev.related_target().is_some() {
            return;
        }
        let Some(field) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let id = field.id();
        if parse_cell_id(&id).is_none() {
            return;
        }
        let (start, end) = (field.selection_start(), field.selection_end());
        // The move ends before the next microtask: keys pressed meanwhile
        // must still reach the field.
        leptos::task::spawn_local(async move {
            let nothing_focused = document()
                .active_element()
                .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
            let field = document()
                .get_element_by_id(&id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let (true, Some(field)) = (nothing_focused, field) {
                // The caret first: on a focused field it would scroll the
                // grid back to it, away from where the user scrolled.
                if let (Ok(Some(start)), Ok(Some(end))) = (start, end) {
                    let _ = field.set_selection_range(start, end);
                }
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = field.focus_with_options(&options);
            }
        });
    };

    let on_keydown = move |ev: KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some((metric, column)) = moving_to.get_value().or_else(|| parse_cell_id(&input.id()))
        else {
            return;
        };
        let at_start = input.selection_start().ok().flatten() == Some(0)
            && input.selection_end().ok().flatten() == Some(0);
        let at_end = input.selection_start().ok().flatten()
            == Some(input.value().encode_utf16().count() as u32);
        let step: (i64, i64) = match ev.key().as_str() {
            "ArrowUp" => (-1, 0),
            "ArrowDown" => (1, 0),
            "Enter" if ev.shift_key() => (-1, 0),
            "Enter" => (1, 0),
            "Tab" if ev.shift_key() => (0, -1),
            "Tab" => (0, 1),
            "ArrowLeft" if at_start => (0, -1),
            "ArrowRight" if at_end => (0, 1),
            _ => return,
        };
        let rows = metric_rows.get_untracked();
        let Some(row) = rows.iter().position(|m| *m == metric) else {
            return;
        };
        let counter = state.counter.get_untracked();
        let target = state.plan.with_untracked(|p| {
            periods.with_untracked(|periods| {
                let (mut r, mut c) = (row as i64, column as i64);
                // Summed cells have no field: keep going in the same direction.
                loop {
                    r += step.0;
                    c += step.1;
                    let metric = *rows.get(usize::try_from(r).ok()?)?;
                    let period = *periods.get(usize::try_from(c).ok()?)?;
                    if p.can_type(counter, metric, period) {
                        return Some((metric, c as usize));
                    }
                }
            })
        });
        // Past the grid's edge, Tab leaves the grid as usual.
        if let Some((metric, column)) = target {
            ev.prevent_default();
            go_to(metric, column);
        }
    };

    let on_paste = move |ev: ClipboardEvent| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if parse_cell_id(&target.id()).is_none() {
            return;
        }
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        // One value: the browser pastes it into the field as usual.
        if !text.trim_end().contains(['\t', '\n']) {
            return;
        }
        ev.prevent_default();
        let block = parse_block(&text);
        let anchor = target.id();
        let Some(paste) = paste_at(&anchor, &block) else {
            return;
        };
        let result = match paste {
            Ok(paste) if paste.needs_confirmation() => {
                question.set(Some(Question::Paste(paste, block, anchor)));
                focus_after_render("question-confirm".to_owned());
                Ok(())
            }
            Ok(paste) => state.dispatch(paste.edit()),
            Err(error) => Err(Problem::from(error)),
        };
        paste_message.set(result.err());
    };

    view! {
        <section class="grid-section" aria-labelledby="grid-heading">
            <h3 id="grid-heading">{state.tr(|t| t.grid_heading)}</h3>
            <p class="hint">{state.tr(|t| t.grid_help)}</p>
            <CounterPicker />
            <Breakdown open=breakdown />
            <p class="field-error" role="alert">{move || paste_message.get().map(|p| state.texts().problem(&p))}</p>
            <div class="grid-question notice" role="alertdialog" aria-labelledby="grid-question" hidden=move || question.with(Option::is_none)>
                <p id="grid-question">{move || question.with(|q| q.as_ref().map(|q| question_text(state, q)))}</p>
                <div class="notice-actions">
                    <button type="button" class="danger" id="question-confirm" on:click=move |_| answer(true)>
                        {move || {
                            let t = state.texts();
                            match question.with(|q| q.as_ref().map(Question::granularity)) {
                                Some(Some(Granularity::Month)) => t.replace_month,
                                Some(Some(_)) => t.replace_week,
                                _ => t.paste_confirm,
                            }
                        }}
                    </button>
                    <button type="button" on:click=move |_| answer(false)>
                        {move || {
                            let t = state.texts();
                            if question.with(|q| matches!(q, Some(Question::Replace(_)))) { t.keep_figure } else { t.cancel }
                        }}
                    </button>
                </div>
            </div>
            <div class="grid-scroll" node_ref=scroller on:scroll=move |_| read_viewport()>
                <table
                    class="count-grid"
                    node_ref=table
                    aria-labelledby="grid-heading"
                    aria-rowcount=move || rows.with(Vec::len) + 1
                    aria-colcount=move || periods.with(Vec::len) + 1 + extra_columns()
                    style:width=move || {
                        format!("calc(var(--head) + {} * var(--col) + {} * var(--total))", periods.with(Vec::len), extra_columns())
                    }
                    on:keydown=on_keydown
                    on:focusout=on_focusout
                    on:paste=on_paste
                >
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col" class="row-head" aria-colindex="1">{state.tr(|t| t.col_metric)}</th>
                            <th class="spacer" aria-hidden="true" style:width=move || hidden_columns(column_span.with(|s| s.start))></th>
                            {columns.cells(Arc::new(move |column| {
                                let name = move || {
                                    periods.with(|p| p.get(column).copied()).map(|p| {
                                        format!("{}{}", state.texts().period(p), if p.spans_two_months() { " †" } else { "" })
                                    })
                                };
                                view! { <th scope="col" class="period" id=format!("period-{column}") aria-colindex=column + 2>{name}</th> }.into_any()
                            }))}
                            <th
                                class="spacer"
                                aria-hidden="true"
                                style:width=move || hidden_columns(periods.with(Vec::len) - column_span.with(|s| s.end))
                            ></th>
                            <th scope="col" id="period-total" aria-colindex=move || periods.with(Vec::len) + 2>{state.tr(|t| t.col_total)}</th>
                            <Show when=move || state.compare.get()>
                                <th scope="col">{state.tr(|t| t.col_previous_total)}</th>
                                <th scope="col">{state.tr(|t| t.col_change)}</th>
                            </Show>
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="spacer-row" aria-hidden="true" style:height=move || pixels(row_span.with(|s| s.before))>
                            <td colspan=row_width></td>
                        </tr>
                        <For
                            each=move || {
                                let shown = row_span.with(|s: &Span| s.items.clone());
                                rows.with(|rows| rows.get(shown).unwrap_or_default().to_vec())
                            }
                            key=|row| *row
                            let:row
                        >
                            {
                                let row_index = Signal::derive(move || {
                                    rows.with(|rows| rows.iter().position(|r| *r == row)).map_or(0, |i| i + 2)
                                });
                                match row {
                                    GridRow::Stage(id) => view! { <StageRow id=id row_index=row_index width=row_width /> }.into_any(),
                                    GridRow::Metric(id) => {
                                        view! { <MetricRow id=id row_index=row_index columns=columns question=question breakdown=breakdown /> }.into_any()
                                    }
                                    GridRow::Conversion(stage) => {
                                        view! { <ConversionRow stage=stage row_index=row_index columns=columns /> }.into_any()
                                    }
                                    GridRow::Kpi(id) => view! { <KpiRow id=id row_index=row_index columns=columns /> }.into_any(),
                                }
                            }
                        </For>
                        <tr class="spacer-row" aria-hidden="true" style:height=move || pixels(row_span.with(|s| s.after))>
                            <td colspan=row_width></td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <p class="hint" hidden=move || !straddling()>{state.tr(|t| t.straddling_week)}</p>
        </section>
    }
}

/// Focuses the grid field `id` to be typed over, if it is rendered.
fn focus_field(id: &str) -> bool {
    let field = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(field) = &field {
        let _ = field.focus();
        field.select();
    }
    field.is_some()
}

/// The width of `count` period columns left out of the window.
fn hidden_columns(count: usize) -> String {
    format!("calc({count} * var(--col))")
}

fn pixels(size: f64) -> String {
    format!("{size}px")
}

/// The window's inner width or height, before the grid is measured.
fn window_size(
    read: fn(&web_sys::Window) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>,
) -> f64 {
    read(&window())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0)
}
