//! The count grid: rows are metrics grouped by stage, columns the periods
//! of the range. Metric cells are typed into (arrow keys, Tab and Enter
//! move, a spreadsheet block can be pasted); step conversions and KPI rows
//! are computed under each stage's metrics.

use leptos::ev::{ClipboardEvent, KeyboardEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::kpi_cell::KpiReadingView;
use super::state::use_app;
use super::validated_input::ValidatedInput;
use crate::domain::grid::{parse_block, parse_cell, paste_block, PasteError};
use crate::domain::ids::{KpiId, MetricId, StageId};
use crate::domain::kpi::{read_kpi, step_conversion};
use crate::domain::period::{Period, PeriodRange};
use crate::domain::plan::{KpiDisplay, KpiScope, MetricKind};
use crate::i18n::{format_rate, Texts};

fn cell_id(metric: MetricId, column: usize) -> String {
    format!("cell-{}-{column}", metric.0)
}

fn parse_cell_id(id: &str) -> Option<(MetricId, usize)> {
    let (metric, column) = id.strip_prefix("cell-")?.split_once('-')?;
    Some((MetricId(metric.parse().ok()?), column.parse().ok()?))
}

#[component]
pub fn CountGrid() -> impl IntoView {
    let state = use_app();
    let periods = Memo::new(move |_| state.range.get().periods().collect::<Vec<_>>());
    // Metric rows in display order: what arrow keys and pasted blocks walk.
    let metric_rows = Memo::new(move |_| {
        state.plan.with(|p| {
            p.stages
                .iter()
                .flat_map(|s| p.metrics_of(s.id).map(|m| m.id))
                .collect::<Vec<_>>()
        })
    });
    let stage_ids = move || {
        state
            .plan
            .with(|p| p.stages.iter().map(|s| s.id).collect::<Vec<_>>())
    };
    let paste_message = RwSignal::new(None::<String>);

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
        let Some((metric, column)) = parse_cell_id(&input.id()) else {
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
            "ArrowLeft" if at_start => (0, -1),
            "ArrowRight" if at_end => (0, 1),
            _ => return,
        };
        let rows = metric_rows.get_untracked();
        let columns = periods.with_untracked(Vec::len) as i64;
        let Some(row) = rows.iter().position(|m| *m == metric) else {
            return;
        };
        let (mut r, mut c) = (row as i64, column as i64);
        // Summed cells have no field: keep going in the same direction.
        loop {
            r += step.0;
            c += step.1;
            if r < 0 || c < 0 || r >= rows.len() as i64 || c >= columns {
                return;
            }
            let next = document()
                .get_element_by_id(&cell_id(rows[r as usize], c as usize))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(next) = next {
                ev.prevent_default();
                let _ = next.focus();
                next.select();
                return;
            }
        }
    };

    let on_paste = move |ev: ClipboardEvent| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some((metric, column)) = parse_cell_id(&target.id()) else {
            return;
        };
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
        let rows = metric_rows.get_untracked();
        let columns = periods.get_untracked();
        let Some(row) = rows.iter().position(|m| *m == metric) else {
            return;
        };
        let t = state.texts();
        match state
            .plan
            .try_update_untracked(|p| paste_block(p, &rows, &columns, (row, column), &block))
        {
            Some(Ok(_)) => {
                state.plan.notify();
                paste_message.set(None);
            }
            Some(Err(PasteError::Invalid { row, column, .. })) => paste_message.set(Some(
                Texts::fill(t.paste_refused, &[&row.to_string(), &column.to_string()]),
            )),
            Some(Err(PasteError::DoesNotFit)) => {
                paste_message.set(Some(t.paste_outside.to_owned()))
            }
            None => {}
        }
    };

    view! {
        <section class="grid-section" aria-labelledby="grid-heading">
            <h3 id="grid-heading">{move || state.texts().grid_heading}</h3>
            <p class="hint">{move || state.texts().grid_help}</p>
            <p class="field-error" role="alert">{move || paste_message.get()}</p>
            <div class="grid-scroll">
                <table class="count-grid" aria-labelledby="grid-heading" on:keydown=on_keydown on:paste=on_paste>
                    <thead>
                        <tr>
                            <th scope="col" class="row-head">{move || state.texts().col_metric}</th>
                            {move || {
                                let t = state.texts();
                                periods
                                    .get()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, p)| view! { <th scope="col" id=format!("period-{i}")>{t.period(p)}</th> })
                                    .collect_view()
                            }}
                            <th scope="col" id="period-total">{move || state.texts().col_total}</th>
                            <Show when=move || state.compare.get()>
                                <th scope="col">{move || state.texts().col_previous_total}</th>
                                <th scope="col">{move || state.texts().col_change}</th>
                            </Show>
                        </tr>
                    </thead>
                    <For each=stage_ids key=|id| *id let:id>
                        <StageRows id=id periods=periods />
                    </For>
                </table>
            </div>
        </section>
    }
}

#[component]
fn StageRows(id: StageId, periods: Memo<Vec<Period>>) -> impl IntoView {
    let state = use_app();
    let name = move || {
        state
            .plan
            .with(|p| p.stage(id).map(|s| s.name.clone()).unwrap_or_default())
    };
    let owner = move || state.plan.with(|p| p.stage(id).map(|s| s.owner));
    let metric_ids = move || {
        state
            .plan
            .with(|p| p.metrics_of(id).map(|m| m.id).collect::<Vec<_>>())
    };
    let kpi_ids = move || {
        state.plan.with(|p| {
            p.kpis_in(KpiScope::Stage(id))
                .map(|k| k.id)
                .collect::<Vec<_>>()
        })
    };
    let index = Memo::new(move |_| state.plan.with(|p| p.index_of(id)));
    let columns = move || periods.with(Vec::len) + if state.compare.get() { 4 } else { 2 };
    view! {
        <tbody class="stage-group" data-dept=move || owner().map(|o| o.key())>
            <tr class="stage-row">
                <th scope="rowgroup" colspan=columns>
                    <span class="swatch" aria-hidden="true"></span>
                    {name}
                    <span class="stage-owner">{move || owner().map(|o| state.texts().department(o))}</span>
                </th>
            </tr>
            <For each=metric_ids key=|id| *id let:metric>
                <MetricRow id=metric periods=periods />
            </For>
            <Show when=move || index.get().is_some_and(|i| i > 0)>
                <ConversionRow stage=id periods=periods />
            </Show>
            <For each=kpi_ids key=|id| *id let:kpi>
                <KpiRow id=kpi periods=periods />
            </For>
        </tbody>
    }
}

#[component]
fn MetricRow(id: MetricId, periods: Memo<Vec<Period>>) -> impl IntoView {
    let state = use_app();
    let name = move || {
        state
            .plan
            .with(|p| p.metric(id).map(|m| m.name.clone()).unwrap_or_default())
    };
    let head_id = format!("metric-{}", id.0);
    let totals = Memo::new(move |_| {
        let range = state.range.get();
        state.plan.with(|p| {
            (
                p.entries.range_total(id, range),
                p.entries.range_total(id, range.previous()),
            )
        })
    });
    let kind = move || {
        state
            .plan
            .with(|p| p.metric(id).map_or(MetricKind::Count, |m| m.kind))
    };
    let format = move |value: u64| {
        state
            .texts()
            .metric_value(value, kind(), state.plan.with(|p| p.currency))
    };
    view! {
        <tr class="metric-row">
            <th scope="row" id=head_id class="row-head">{name}</th>
            {move || {
                periods
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(column, period)| view! { <MetricCell metric=id period=period column=column /> })
                    .collect_view()
            }}
            <td class="numeric total">{move || format(totals.get().0)}</td>
            <Show when=move || state.compare.get()>
                <td class="numeric">{move || format(totals.get().1)}</td>
                <td class="numeric change">
                    {move || {
                        let (current, previous) = totals.get();
                        state.texts().metric_change(current, previous, kind(), state.plan.with(|p| p.currency))
                    }}
                </td>
            </Show>
        </tr>
    }
}

#[component]
fn MetricCell(metric: MetricId, period: Period, column: usize) -> impl IntoView {
    let state = use_app();
    let cell = Memo::new(move |_| state.plan.with(|p| p.entries.cell(metric, period)));
    let editable = Memo::new(move |_| cell.get().editable);
    let kind = move || {
        state
            .plan
            .with(|p| p.metric(metric).map_or(MetricKind::Count, |m| m.kind))
    };
    let text = Signal::derive(move || {
        let currency = state.plan.with(|p| p.currency);
        cell.get()
            .total
            .map(|v| state.texts().metric_value(v, kind(), currency))
            .unwrap_or_default()
    });
    let commit = Callback::new(move |text: String| {
        let t = state.texts();
        let currency = state.plan.with_untracked(|p| p.currency);
        let value =
            parse_cell(&text, kind(), currency).map_err(|e| t.count_error(&e).to_owned())?;
        state.edit(|p| p.set_entry(metric, period, value))
    });
    let labelled_by = format!("metric-{} period-{column}", metric.0);
    view! {
        <td class="numeric cell">
            {move || {
                if editable.get() {
                    view! {
                        <ValidatedInput
                            id=cell_id(metric, column)
                            value=text
                            on_commit=commit
                            numeric=true
                            class="cell-input"
                            labelled_by=labelled_by.clone()
                        />
                    }
                        .into_any()
                } else {
                    view! {
                        <span class="summed" title=move || state.texts().summed_cell>
                            {text}
                            <span class="visually-hidden">" " {move || state.texts().summed_cell}</span>
                        </span>
                    }
                        .into_any()
                }
            }}
        </td>
    }
}

#[component]
fn ConversionRow(stage: StageId, periods: Memo<Vec<Period>>) -> impl IntoView {
    let state = use_app();
    let index = move || state.plan.with(|p| p.index_of(stage).unwrap_or(0));
    let lag = move || state.plan.with(|p| p.stage(stage).map_or(0, |s| s.lag));
    let rate = move |range: PeriodRange| state.plan.with(|p| step_conversion(p, index(), range));
    let show = move |value: Option<f64>| {
        let warning = value.is_some_and(|v| v > 1.0).then(|| {
            view! {
                <span class="lag-warning" title=move || state.texts().over_100_warning>
                    " ⚠"
                    <span class="visually-hidden">{move || state.texts().over_100_warning}</span>
                </span>
            }
        });
        view! { {format_rate(value)} {warning} }
    };
    view! {
        <tr class="derived-row">
            <th scope="row" class="row-head">
                {move || state.texts().step_conversion}
                {move || {
                    (lag() > 0)
                        .then(|| format!(" ({})", Texts::fill(state.texts().lag_note, &[&lag().to_string()])))
                }}
            </th>
            {move || {
                periods
                    .get()
                    .into_iter()
                    .map(|period| view! { <td class="numeric">{move || show(rate(PeriodRange::new(period, 1)))}</td> })
                    .collect_view()
            }}
            <td class="numeric total">{move || show(rate(state.range.get()))}</td>
            <Show when=move || state.compare.get()>
                <td class="numeric">{move || show(rate(state.range.get().previous()))}</td>
                <td class="numeric change">
                    {move || {
                        let range = state.range.get();
                        let change = crate::domain::kpi::change(rate(range), rate(range.previous()));
                        state.texts().change(change, KpiDisplay::Percent, state.plan.with(|p| p.currency))
                    }}
                </td>
            </Show>
        </tr>
    }
}

#[component]
fn KpiRow(id: KpiId, periods: Memo<Vec<Period>>) -> impl IntoView {
    let state = use_app();
    let name = move || {
        state
            .plan
            .with(|p| p.kpi(id).map(|k| k.name.clone()).unwrap_or_default())
    };
    let display = move || {
        state
            .plan
            .with(|p| p.kpi(id).map_or(KpiDisplay::Percent, |k| k.display))
    };
    let reading = move |range: PeriodRange| {
        state
            .plan
            .with(|p| p.kpi(id).map(|k| read_kpi(p, k, range)))
    };
    view! {
        <tr class="kpi-row">
            <th scope="row" class="row-head">{name}</th>
            {move || {
                periods
                    .get()
                    .into_iter()
                    .map(|period| {
                        let cell = Memo::new(move |_| reading(PeriodRange::new(period, 1)));
                        view! {
                            <td class="kpi-cell">
                                {move || cell.get().map(|r| view! { <KpiReadingView reading=r display=display() /> })}
                            </td>
                        }
                    })
                    .collect_view()
            }}
            <td class="kpi-cell total">
                {move || reading(state.range.get()).map(|r| view! { <KpiReadingView reading=r display=display() /> })}
            </td>
            <Show when=move || state.compare.get()>
                <td class="kpi-cell">
                    {move || {
                        reading(state.range.get().previous())
                            .map(|r| state.texts().kpi_value(r.value, display(), state.plan.with(|p| p.currency)))
                    }}
                </td>
                <td class="numeric change">
                    {move || {
                        reading(state.range.get())
                            .map(|r| state.texts().change(r.change, display(), state.plan.with(|p| p.currency)))
                    }}
                </td>
            </Show>
        </tr>
    }
}
