//! The count grid: rows are metrics grouped by stage, columns the periods
//! of the range. Metric cells are typed into (arrow keys, Tab and Enter
//! move, a spreadsheet block can be pasted); step conversions and KPI rows
//! are computed under each stage's metrics.

use leptos::ev::{ClipboardEvent, KeyboardEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::flow::focus_after_render;
use super::kpi_cell::KpiReadingView;
use super::state::{use_app, AppState};
use super::validated_input::ValidatedInput;
use crate::domain::edit::Edit;
use crate::domain::entries::Cell;
use crate::domain::grid::{parse_block, parse_cell, plan_paste, Paste};
use crate::domain::ids::{KpiId, MetricId, StageId};
use crate::domain::kpi::{
    change, count_target_reading, read_kpi, read_kpi_at, step_conversion, CountTargetReading,
};
use crate::domain::period::{Granularity, Period, PeriodRange};
use crate::domain::plan::{KpiDisplay, KpiScope, MetricKind};
use crate::i18n::{format_count, format_rate, Problem, Texts};

fn cell_id(metric: MetricId, column: usize) -> String {
    format!("cell-{}-{column}", metric.0)
}

/// A longer period's figure the user asked to remove, to type finer ones.
#[derive(Clone, Copy, PartialEq)]
struct Replacing {
    metric: MetricId,
    by: Period,
    total: u64,
    column: usize,
}

/// What the grid asks before it changes anything.
#[derive(Clone)]
enum Question {
    Replace(Replacing),
    /// A paste to show first, with the pasted block and the id of the
    /// field it was pasted into (to check it again when confirmed).
    Paste(Paste, Vec<Vec<String>>, String),
}

impl Question {
    /// The granularity of the figure a replacement removes.
    fn granularity(&self) -> Option<Granularity> {
        match self {
            Question::Replace(r) => Some(r.by.granularity()),
            Question::Paste(..) => None,
        }
    }
}

/// A metric row's cells: a field per period, or one band across the
/// periods a longer period's figure holds (it is not split among them).
#[derive(Clone, Copy, PartialEq)]
enum Segment {
    Field(usize, Period),
    Band {
        column: usize,
        span: usize,
        by: Period,
        total: u64,
    },
}

fn segments(periods: &[Period], cells: &[Cell]) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::with_capacity(cells.len());
    for (column, (period, cell)) in periods.iter().zip(cells).enumerate() {
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

fn band_id(metric: MetricId, column: usize) -> String {
    format!("band-{}-{column}", metric.0)
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
    let stage_ids = move || state.stage_ids();
    let paste_message = RwSignal::new(None::<Problem>);
    // What the grid asks before a change: the user answers or cancels.
    let question = RwSignal::new(None::<Question>);
    // What pasting `block` into the field `anchor` would do, as the grid
    // is now.
    let paste_at = move |anchor: &str, block: &[Vec<String>]| {
        let (metric, column) = parse_cell_id(anchor)?;
        let rows = metric_rows.get_untracked();
        let row = rows.iter().position(|m| *m == metric)?;
        let columns = periods.get_untracked();
        Some(
            state
                .plan
                .with_untracked(|p| plan_paste(p, &rows, &columns, (row, column), block)),
        )
    };
    let answer = move |confirmed: bool| {
        let Some(asked) = question.try_update(Option::take).flatten() else {
            return;
        };
        let focus = match (asked, confirmed) {
            (Question::Replace(r), true) => {
                match state.dispatch(Edit::SetEntry(r.metric, r.by, None)) {
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
            <h3 id="grid-heading">{move || state.texts().grid_heading}</h3>
            <p class="hint">{move || state.texts().grid_help}</p>
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
                                    .map(|(i, p)| {
                        view! { <th scope="col" id=format!("period-{i}")>{t.period(p)}{p.spans_two_months().then_some(" †")}</th> }
                    })
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
                        <StageRows id=id periods=periods question=question />
                    </For>
                </table>
            </div>
            <p class="hint" hidden=move || !straddling()>{state.tr(|t| t.straddling_week)}</p>
        </section>
    }
}

#[component]
fn StageRows(
    id: StageId,
    periods: Memo<Vec<Period>>,
    question: RwSignal<Option<Question>>,
) -> impl IntoView {
    let state = use_app();
    let name = move || state.stage_name(id);
    let owner = move || state.stage_owner(id);
    let metric_ids = move || state.metric_ids(id);
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
                    // The title stays in view while the grid scrolls sideways.
                    <span class="stage-title">
                        <span class="swatch" aria-hidden="true"></span>
                        {name}
                        <span class="stage-owner">{move || owner().map(|o| state.texts().department(o))}</span>
                    </span>
                </th>
            </tr>
            <For each=metric_ids key=|id| *id let:metric>
                <MetricRow id=metric periods=periods question=question />
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

// Performance: a cell must not read the plan itself. Every closure that
// reads `plan` is re-run on every edit and re-subscribes, which costs time
// in proportion to the number of subscribers; with a cell per subscription
// a 96-row grid took ~50 ms per keystroke. Rows read the plan once into a
// memo, and cells read their row.

#[component]
fn MetricRow(
    id: MetricId,
    periods: Memo<Vec<Period>>,
    question: RwSignal<Option<Question>>,
) -> impl IntoView {
    let state = use_app();
    let info = Memo::new(move |_| {
        state
            .plan
            .with(|p| {
                p.metric(id).map(|m| {
                    let counts_stage = p.stage(m.stage).is_some_and(|s| s.primary_metric == id);
                    (m.name.clone(), m.kind, counts_stage)
                })
            })
            .unwrap_or((String::new(), MetricKind::Count, false))
    });
    let kind = Signal::derive(move || info.with(|i| i.1));
    let cells = Memo::new(move |_| {
        let periods = periods.get();
        state.plan.with(|p| {
            periods
                .iter()
                .map(|period| p.entries.cell(id, *period))
                .collect::<Vec<_>>()
        })
    });
    let layout = Memo::new(move |_| periods.with(|p| cells.with(|c| segments(p, c))));
    // A stage's count row shows its count target per month and over the range.
    let targets = Memo::new(move |_| {
        if !info.with(|i| i.2) {
            return CountTargets::default();
        }
        let range = state.range.get();
        periods.with(|periods| {
            state.plan.with(|p| {
                let Some(stage) = p.metric(id).and_then(|m| p.stage(m.stage)) else {
                    return CountTargets::default();
                };
                let per_period = periods
                    .iter()
                    .map(|period| count_target_reading(p, stage, PeriodRange::new(*period, 1)))
                    .collect();
                (per_period, count_target_reading(p, stage, range))
            })
        })
    });
    let totals = Memo::new(move |_| {
        let range = state.range.get();
        let compare = state.compare.get();
        state.plan.with(|p| {
            let previous = compare
                .then(|| p.entries.entered_total(id, range.previous()))
                .flatten();
            (p.entries.entered_total(id, range), previous)
        })
    });
    let format = move |value: Option<u64>| {
        value.map_or_else(
            || "—".to_owned(),
            |v| {
                state
                    .texts()
                    .metric_value(v, kind.get(), state.currency.get())
            },
        )
    };
    view! {
        <tr class="metric-row">
            <th
                scope="row"
                id=format!("metric-{}", id.0)
                class="row-head"
                title=move || info.with(|i| i.2).then(|| state.texts().stage_count_title)
            >
                {move || info.with(|i| i.0.clone())}
                <span class="badge" aria-hidden="true" hidden=move || !info.with(|i| i.2)>
                    {move || state.texts().stage_count_badge}
                </span>
            </th>
            {move || {
                layout
                    .get()
                    .into_iter()
                    .map(|segment| match segment {
                        Segment::Field(column, period) => {
                            view! { <MetricCell metric=id period=period column=column cells=cells kind=kind targets=targets /> }.into_any()
                        }
                        Segment::Band { column, span, by, total } => {
                            let ask = move |_| {
                                question.set(Some(Question::Replace(Replacing { metric: id, by, total, column })));
                                focus_after_render("question-confirm".to_owned());
                            };
                            view! {
                                <td class="band" colspan=span>
                                    <button type="button" class="band-button" id=band_id(id, column) on:click=ask>
                                        {move || {
                                            let t = state.texts();
                                            let band = if by.granularity() == Granularity::Month { t.month_band } else { t.week_band };
                                            Texts::fill(band, &[&t.period_name(by), &format(Some(total))])
                                        }}
                                    </button>
                                </td>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()
            }}
            <td class="numeric total">
                {move || format(totals.get().0)}
                {move || count_target_view(state, targets.with(|t| t.1))}
            </td>
            <Show when=move || state.compare.get()>
                <td class="numeric">{move || format(totals.get().1)}</td>
                <td class="numeric change">
                    {move || match totals.get() {
                        (Some(current), Some(previous)) => {
                            state.texts().metric_change(current, previous, kind.get(), state.currency.get())
                        }
                        _ => "—".to_owned(),
                    }}
                </td>
            </Show>
        </tr>
    }
}

#[component]
fn MetricCell(
    metric: MetricId,
    period: Period,
    column: usize,
    cells: Memo<Vec<Cell>>,
    kind: Signal<MetricKind>,
    targets: Memo<CountTargets>,
) -> impl IntoView {
    let state = use_app();
    let cell = Memo::new(move |_| cells.with(|c| c.get(column).copied().unwrap_or_default()));
    let target = Memo::new(move |_| targets.with(|t| t.0.get(column).copied().flatten()));
    let editable = Memo::new(move |_| cell.get().editable());
    let text = Signal::derive(move || {
        cell.get()
            .total()
            .map(|v| {
                state
                    .texts()
                    .metric_value(v, kind.get(), state.currency.get())
            })
            .unwrap_or_default()
    });
    let commit = Callback::new(move |text: String| {
        let value = parse_cell(&text, kind.get_untracked(), state.currency.get_untracked())?;
        state.dispatch(Edit::SetEntry(metric, period, value))
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
                    let why = move || {
                        let t = state.texts();
                        let Cell::Sum { weeks, days, .. } = cell.get() else {
                            return String::new();
                        };
                        let mut why = Vec::new();
                        if weeks > 0 {
                            why.push(Texts::fill(t.summed_weeks, &[&weeks.to_string()]));
                        }
                        if days > 0 {
                            why.push(Texts::fill(t.summed_days, &[&days.to_string()]));
                        }
                        why.join(" ")
                    };
                    view! {
                        <span class="summed" title=why>
                            {text}
                            <span class="visually-hidden">" " {why}</span>
                        </span>
                    }
                        .into_any()
                }
            }}
            {move || count_target_view(state, target.get())}
        </td>
    }
}

/// Count targets of a stage's count row: per period, and over the range.
type CountTargets = (Vec<Option<CountTargetReading>>, Option<CountTargetReading>);

/// "Target 1,000 · Gap −150" and a status label (never colour alone).
fn count_target_view(state: AppState, reading: Option<CountTargetReading>) -> impl IntoView {
    reading.map(|r| {
        let t = state.texts();
        let gap = r.gap().map(|gap| {
            let sign = if gap < 0 { "−" } else { "+" };
            let size = u64::try_from(gap.unsigned_abs()).unwrap_or(u64::MAX);
            format!(" · {} {sign}{}", t.gap, format_count(size))
        });
        view! {
            <span class="kpi-reading" data-status=r.status.map(|s| s.key())>
                <span class="kpi-target">{format!("{} {}", t.target, format_count(r.target))} {gap}</span>
                {r.status.map(|s| view! { <span class="status-badge">{t.status(s)}</span> })}
            </span>
        }
    })
}

/// Replaced values listed in a paste preview; the rest are counted.
const PREVIEW_ROWS: usize = 8;

/// The question in words, one line each (shown with `pre-line`): for a
/// paste, how many values, placed how, across which stages, and each value
/// it replaces (before → after).
fn question_text(state: AppState, question: &Question) -> String {
    let t = state.texts();
    let currency = state.currency.get_untracked();
    state.plan.with_untracked(|p| {
        let value = |metric: MetricId, v: Option<u64>| {
            let kind = p.metric(metric).map_or(MetricKind::Count, |m| m.kind);
            v.map_or_else(|| "—".to_owned(), |v| t.metric_value(v, kind, currency))
        };
        let name = |metric: MetricId| p.metric(metric).map_or("", |m| m.name.as_str());
        let paste = match question {
            Question::Replace(r) => {
                let text = if r.by.granularity() == Granularity::Month {
                    t.replace_month_question
                } else {
                    t.replace_week_question
                };
                return Texts::fill(
                    text,
                    &[
                        name(r.metric),
                        &value(r.metric, Some(r.total)),
                        &t.period_name(r.by),
                    ],
                );
            }
            Question::Paste(paste, ..) => paste,
        };
        let period = |c: Option<&crate::domain::grid::PastedCell>| {
            c.map(|c| t.period(c.period)).unwrap_or_default()
        };
        let first = period(paste.cells.iter().min_by_key(|c| c.period));
        let last = period(paste.cells.iter().max_by_key(|c| c.period));
        let count = paste.cells.len().to_string();
        let mut lines = vec![Texts::fill(t.paste_question, &[&count, &first, &last])];
        if paste.by_labels {
            lines.push(t.paste_by_labels.to_owned());
        }
        if paste.stages.len() > 1 {
            let names: Vec<&str> = paste
                .stages
                .iter()
                .filter_map(|s| p.stage(*s))
                .map(|s| s.name.as_str())
                .collect();
            lines.push(Texts::fill(t.paste_crosses_stages, &[&names.join(" → ")]));
        }
        let overwritten: Vec<_> = paste.overwritten().collect();
        if !overwritten.is_empty() {
            lines.push(Texts::fill(
                t.paste_overwrites,
                &[&overwritten.len().to_string()],
            ));
        }
        for c in overwritten.iter().take(PREVIEW_ROWS) {
            let stage = p
                .metric(c.metric)
                .and_then(|m| p.stage(m.stage))
                .map_or("", |s| s.name.as_str());
            lines.push(format!(
                "• {stage} · {} · {}: {} → {}",
                name(c.metric),
                t.period(c.period),
                value(c.metric, c.before),
                value(c.metric, c.after)
            ));
        }
        if overwritten.len() > PREVIEW_ROWS {
            lines.push(Texts::fill(
                t.paste_more,
                &[&(overwritten.len() - PREVIEW_ROWS).to_string()],
            ));
        }
        lines.join("\n")
    })
}

/// A rate with the over-100 % warning beside it.
fn rate_view(state: AppState, value: Option<f64>) -> impl IntoView {
    let warning = value.is_some_and(|v| v > 1.0).then(|| {
        view! {
            <span class="lag-warning" title=move || state.texts().over_100_warning>
                " ⚠"
                <span class="visually-hidden">{move || state.texts().over_100_warning}</span>
            </span>
        }
    });
    view! {
        {format_rate(value)}
        {warning}
    }
}

#[component]
fn ConversionRow(stage: StageId, periods: Memo<Vec<Period>>) -> impl IntoView {
    let state = use_app();
    // The counts the step divides, and its lag: what the row's label says.
    let parts = Memo::new(move |_| {
        state.plan.with(|p| {
            let name = |s: &crate::domain::plan::Stage| {
                p.metric(s.primary_metric)
                    .map_or(String::new(), |m| m.name.clone())
            };
            let index = p.index_of(stage).unwrap_or(0);
            let this = p.stages.get(index);
            let previous = index.checked_sub(1).and_then(|i| p.stages.get(i));
            (
                this.map(name).unwrap_or_default(),
                previous.map(name).unwrap_or_default(),
                this.map_or(0, |s| s.lag),
            )
        })
    });
    let definition = move || {
        parts.with(|(this, previous, lag)| state.texts().rate_definition(this, previous, *lag))
    };
    // Per period, then the range and the range before it.
    let rates = Memo::new(move |_| {
        let periods = periods.get();
        let range = state.range.get();
        state.plan.with(|p| {
            let index = p.index_of(stage).unwrap_or(0);
            let per_period = periods
                .iter()
                .map(|period| step_conversion(p, index, PeriodRange::new(*period, 1)))
                .collect::<Vec<_>>();
            (
                per_period,
                step_conversion(p, index, range),
                step_conversion(p, index, range.previous()),
            )
        })
    });
    view! {
        <tr class="derived-row">
            <th scope="row" class="row-head" title=definition>
                {move || state.texts().step_conversion}
                <span class="definition" aria-hidden="true">{definition}</span>
            </th>
            {move || {
                (0..periods.with(Vec::len))
                    .map(|i| {
                        let value = Memo::new(move |_| rates.with(|r| r.0.get(i).copied().flatten()));
                        view! { <td class="numeric">{move || rate_view(state, value.get())}</td> }
                    })
                    .collect_view()
            }}
            <td class="numeric total">{move || rate_view(state, rates.with(|r| r.1))}</td>
            <Show when=move || state.compare.get()>
                <td class="numeric">{move || rate_view(state, rates.with(|r| r.2))}</td>
                <td class="numeric change">
                    {move || {
                        let (current, previous) = rates.with(|r| (r.1, r.2));
                        state.texts().change(change(current, previous), KpiDisplay::Percent, state.currency.get())
                    }}
                </td>
            </Show>
        </tr>
    }
}

#[component]
fn KpiRow(id: KpiId, periods: Memo<Vec<Period>>) -> impl IntoView {
    let state = use_app();
    let info = Memo::new(move |_| {
        state
            .plan
            .with(|p| {
                p.kpi(id).map(|k| {
                    let name = |m| p.metric(m).map_or(String::new(), |m| m.name.clone());
                    (
                        k.name.clone(),
                        k.display,
                        name(k.numerator),
                        name(k.denominator),
                        k.lag,
                    )
                })
            })
            .unwrap_or((
                String::new(),
                KpiDisplay::Percent,
                String::new(),
                String::new(),
                0,
            ))
    });
    let display = move || info.with(|i| i.1);
    let definition = move || info.with(|i| state.texts().rate_definition(&i.2, &i.3, i.4));
    // Per period, then the range and the range before it.
    let readings = Memo::new(move |_| {
        let periods = periods.get();
        let range = state.range.get();
        let compare = state.compare.get();
        state.plan.with(|p| {
            p.kpi(id).map(|k| {
                let per_period = periods
                    .iter()
                    .map(|period| read_kpi(p, k, PeriodRange::new(*period, 1)))
                    .collect::<Vec<_>>();
                let previous = compare.then(|| read_kpi_at(p, k, range.previous()));
                (per_period, read_kpi(p, k, range), previous)
            })
        })
    });
    view! {
        <tr class="kpi-row">
            <th scope="row" class="row-head" title=definition>
                {move || info.with(|i| i.0.clone())}
                <span class="definition" aria-hidden="true">{definition}</span>
            </th>
            {move || {
                (0..periods.with(Vec::len))
                    .map(|i| {
                        let cell = Memo::new(move |_| readings.with(|r| r.as_ref().and_then(|r| r.0.get(i).copied())));
                        view! {
                            <td class="kpi-cell">
                                {move || cell.get().map(|r| view! { <KpiReadingView reading=r display=display() /> })}
                            </td>
                        }
                    })
                    .collect_view()
            }}
            <td class="kpi-cell total">
                {move || {
                    readings.with(|r| r.as_ref().map(|r| r.1)).map(|r| view! { <KpiReadingView reading=r display=display() /> })
                }}
            </td>
            <Show when=move || state.compare.get()>
                <td class="kpi-cell">
                    {move || {
                        readings
                            .with(|r| r.as_ref().map(|r| r.2.and_then(|previous| previous.value)))
                            .map(|value| state.texts().kpi_value(value, display(), state.currency.get()))
                    }}
                </td>
                <td class="numeric change">
                    {move || {
                        readings
                            .with(|r| r.as_ref().map(|r| r.1.change))
                            .map(|c| state.texts().change(c, display(), state.currency.get()))
                    }}
                </td>
            </Show>
        </tr>
    }
}
