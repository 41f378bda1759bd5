//! The grid's rows. Each renders only the columns in view (`Columns::shown`)
//! between two spacer cells that keep the width of the columns left out.
//!
//! Performance: a cell must not read the plan itself. Every closure that
//! reads `plan` is re-run on every edit and re-subscribes, which costs time
//! in proportion to the number of subscribers; with a cell per subscription
//! a 96-row grid took ~50 ms per keystroke. Rows read the plan once into a
//! memo, for the columns in view, and cells read their row.

use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;

use super::question::{Question, Replacing};
use super::{band_id, cell_id};
use crate::domain::entries::members::Counter;
use crate::domain::entries::{Cell, EntryRefused};
use crate::domain::grid::parse_cell;
use crate::domain::ids::{KpiId, MetricId, StageId};
use crate::domain::kpi::{
    change, count_target_reading, read_kpi, read_kpi_at, step_conversion, CountTargetReading,
};
use crate::domain::period::{Granularity, Period, PeriodRange};
use crate::domain::plan::{EditError, KpiDisplay, KpiScope, MetricKind, Plan};
use crate::grid_window::{segments, Segment};
use crate::i18n::{format_count, format_rate, Texts};
use crate::ui::department_style;
use crate::ui::flow::focus_after_render;
use crate::ui::kpi_cell::KpiReadingView;
use crate::ui::state::{use_app, AppState};
use crate::ui::team::breakdown::Open;
use crate::ui::validated_input::ValidatedInput;

/// The grid's columns: every period of the range, and those rendered.
#[derive(Clone, Copy)]
pub(super) struct Columns {
    pub periods: Memo<Vec<Period>>,
    pub shown: Memo<Range<usize>>,
}

impl Columns {
    /// `value` for each shown period, computed from the plan.
    fn per_shown<T>(self, plan: &Plan, value: impl Fn(&Plan, Period) -> T) -> Shown<T> {
        let shown = self.shown.get();
        let values = self.periods.with(|periods| {
            periods
                .get(shown.clone())
                .unwrap_or_default()
                .iter()
                .map(|period| value(plan, *period))
                .collect()
        });
        Shown {
            start: shown.start,
            values,
        }
    }

    /// One `cell` per shown column, keyed by column so scrolling keeps the
    /// cells that stay in view. Not generic: every row and the header share
    /// one copy of the keyed list's code (each copy costs kilobytes).
    pub fn cells(self, cell: Arc<dyn Fn(usize) -> AnyView + Send + Sync>) -> AnyView {
        view! { <For each=move || self.shown.get() key=|column| *column children=move |column| cell(column) /> }
            .into_any()
    }
}

/// Values for the shown columns, looked up by column.
#[derive(Clone, PartialEq, Default)]
struct Shown<T> {
    start: usize,
    values: Vec<T>,
}

impl<T: Copy> Shown<T> {
    fn at(&self, column: usize) -> Option<T> {
        column
            .checked_sub(self.start)
            .and_then(|i| self.values.get(i).copied())
    }
}

/// What keeps a row's cell while the window moves: a field by its column
/// and period, a band by the figure it shows (its columns change as the
/// window cuts it).
fn segment_key(segment: &Segment) -> (Option<usize>, Period, u64) {
    match *segment {
        Segment::Field(column, period) => (Some(column), period, 0),
        Segment::Band { by, total, .. } => (None, by, total),
    }
}

/// Where the columns left out of view are: their width comes from the header.
fn spacer() -> impl IntoView {
    view! { <td class="spacer" aria-hidden="true"></td> }
}

fn col_index(column: usize) -> usize {
    column + 2
}

#[component]
pub(super) fn StageRow(
    id: StageId,
    #[prop(into)] row_index: Signal<usize>,
    #[prop(into)] width: Signal<usize>,
) -> impl IntoView {
    let state = use_app();
    let owner = move || state.stage_owner(id);
    view! {
        <tr class="stage-row" style=move || owner().map(|o| department_style(o.hue)) aria-rowindex=row_index>
            <th scope="row" colspan=width>
                // The title stays in view while the grid scrolls sideways.
                <span class="stage-title">
                    <span class="swatch" aria-hidden="true"></span>
                    {move || state.stage_name(id)}
                    <span class="stage-owner">{move || owner().map(|o| o.name)}</span>
                </span>
            </th>
        </tr>
    }
}

#[component]
pub(super) fn MetricRow(
    id: MetricId,
    #[prop(into)] row_index: Signal<usize>,
    columns: Columns,
    question: RwSignal<Option<Question>>,
    breakdown: Open,
) -> impl IntoView {
    let state = use_app();
    let info = Memo::new(move |_| {
        state
            .plan
            .with(|p| {
                p.metric(id).map(|m| {
                    let counts_stage = p.stage(m.stage).is_some_and(|s| s.primary_metric == id);
                    (m.name.clone(), m.kind, counts_stage, m.per_member)
                })
            })
            .unwrap_or((String::new(), MetricKind::Count, false, false))
    });
    let kind = Signal::derive(move || info.with(|i| i.1));
    let counter = state.counter;
    // Whether the view types this row's figures (a metric counted per
    // member shows the team its members' sums), read from the row's memo
    // rather than the plan: one subscriber less per row.
    let typed = Memo::new(move |_| counter.get().types(info.with(|i| i.3)));
    let cells = Memo::new(move |_| {
        let periods = columns.periods.get();
        let counter = counter.get();
        state.plan.with(|p| {
            periods
                .iter()
                .map(|period| p.cell_of(counter, id, *period))
                .collect::<Vec<_>>()
        })
    });
    // A member's empty cells that another part's figure overlaps: not typed into.
    let blocked = Memo::new(move |_| {
        let counter = counter.get();
        if counter == Counter::Team {
            return Vec::new();
        }
        let periods = columns.periods.get();
        state.plan.with(|p| {
            periods
                .iter()
                .map(|period| p.refusal_for(counter, id, *period))
                .collect::<Vec<_>>()
        })
    });
    let layout = Memo::new(move |_| {
        let shown = columns.shown.get();
        columns
            .periods
            .with(|p| cells.with(|c| segments(p, c, shown)))
    });
    // A stage's count row shows its count target per month and over the range.
    // Not in a member's view: targets are the team's.
    let targets = Memo::new(move |_| {
        if !info.with(|i| i.2) || counter.get() != Counter::Team {
            return CountTargets::default();
        }
        let range = state.range.get();
        state.plan.with(|p| {
            let Some(stage) = p.metric(id).and_then(|m| p.stage(m.stage)) else {
                return CountTargets::default();
            };
            let per_period = columns.per_shown(p, |p, period| {
                count_target_reading(p, stage, PeriodRange::new(period, 1))
            });
            (per_period, count_target_reading(p, stage, range))
        })
    });
    let totals = Memo::new(move |_| {
        let range = state.range.get();
        let compare = state.compare.get();
        let counter = counter.get();
        state.plan.with(|p| {
            let previous = compare
                .then(|| p.entered_total_of(counter, id, range.previous()))
                .flatten();
            (p.entered_total_of(counter, id, range), previous)
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
    let segment_view = move |segment: Segment| {
        match segment {
        Segment::Field(column, period) => view! {
            <MetricCell metric=id period=period column=column cells=cells kind=kind targets=targets typed=typed blocked=blocked breakdown=breakdown />
        }
        .into_any(),
        Segment::Band { by, total, .. } => {
            // A band keeps its element while the window cuts it anew (a
            // button replaced under the pointer would lose the click): its
            // columns follow the layout.
            let columns = Memo::new(move |_| {
                layout.with(|l| {
                    l.iter().find_map(|s| match *s {
                        Segment::Band { column, span, by: b, .. } if b == by => Some((column, span)),
                        _ => None,
                    })
                })
                .unwrap_or_default()
            });
            let ask = move |_| {
                question.set(Some(Question::Replace(Replacing {
                    metric: id,
                    by,
                    total,
                    column: columns.get_untracked().0,
                })));
                focus_after_render("question-confirm".to_owned());
            };
            view! {
                <td class="band" colspan=move || columns.get().1 aria-colindex=move || col_index(columns.get().0)>
                    // The team does not remove a figure its members typed.
                    <button type="button" class="band-button" id=move || band_id(id, columns.get().0) on:click=ask disabled=move || !typed.get()>
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
    }
    };
    view! {
        <tr class="metric-row" aria-rowindex=row_index>
            <th
                scope="row"
                id=format!("metric-{}", id.0)
                class="row-head"
                title=move || info.with(|i| i.2).then(|| state.texts().stage_count_title)
            >
                {move || info.with(|i| i.0.clone())}
                <span class="badge" aria-hidden="true" hidden=move || !info.with(|i| i.2)>
                    {state.tr(|t| t.stage_count_badge)}
                </span>
            </th>
            {spacer()}
            <For each=move || layout.get() key=segment_key children=segment_view />
            {spacer()}
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
    typed: Memo<bool>,
    blocked: Memo<Vec<Option<EntryRefused>>>,
    breakdown: Open,
) -> impl IntoView {
    let state = use_app();
    let cell = Memo::new(move |_| cells.with(|c| c.get(column).copied().unwrap_or_default()));
    let target = Memo::new(move |_| targets.with(|t| t.0.at(column).flatten()));
    let refusal = Memo::new(move |_| blocked.with(|b| b.get(column).copied().flatten()));
    let editable =
        Memo::new(move |_| typed.get() && cell.get().editable() && refusal.get().is_none());
    let counted = Memo::new(move |_| cell.get().total().is_some());
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
        state.dispatch(state.counter.get_untracked().edit(metric, period, value))
    });
    let labelled_by = format!("metric-{} period-{column}", metric.0);
    view! {
        <td class="numeric cell" aria-colindex=col_index(column)>
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
                } else if !typed.get() && counted.get() {
                    // The members' sum: it opens who counted what.
                    view! {
                        <button
                            type="button"
                            class="summed by-member"
                            aria-label=state.text(move |t| Texts::fill(t.team.by_member, &[&text.get()]))
                            on:click=move |_| {
                                breakdown.set(Some((metric, period)));
                                focus_after_render("breakdown-close".to_owned());
                            }
                        >
                            {text}
                        </button>
                    }
                        .into_any()
                } else {
                    let why = move || {
                        let t = state.texts();
                        if let Some(refusal) = refusal.get() {
                            return t.edit_error(&EditError::EntryRefused(refusal));
                        }
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

/// Count targets of a stage's count row: per shown period, and over the range.
type CountTargets = (
    Shown<Option<CountTargetReading>>,
    Option<CountTargetReading>,
);

/// "Target 1,000 · Gap −150" and a status label (never colour alone).
pub(super) fn count_target_view(
    state: AppState,
    reading: Option<CountTargetReading>,
) -> impl IntoView {
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

/// A rate with the over-100 % warning beside it.
fn rate_view(state: AppState, value: Option<f64>) -> impl IntoView {
    let warning = value.is_some_and(|v| v > 1.0).then(|| {
        view! {
            <span class="lag-warning" title=state.tr(|t| t.over_100_warning)>
                " ⚠"
                <span class="visually-hidden">{state.tr(|t| t.over_100_warning)}</span>
            </span>
        }
    });
    view! {
        {format_rate(value)}
        {warning}
    }
}

#[component]
pub(super) fn ConversionRow(
    stage: StageId,
    #[prop(into)] row_index: Signal<usize>,
    columns: Columns,
) -> impl IntoView {
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
    // Per shown period, then the range and the range before it.
    let rates = Memo::new(move |_| {
        let range = state.range.get();
        state.plan.with(|p| {
            let index = p.index_of(stage).unwrap_or(0);
            let per_period = columns.per_shown(p, |p, period| {
                step_conversion(p, index, PeriodRange::new(period, 1))
            });
            (
                per_period,
                step_conversion(p, index, range),
                step_conversion(p, index, range.previous()),
            )
        })
    });
    view! {
        <tr class="derived-row" aria-rowindex=row_index>
            <th scope="row" class="row-head" title=definition>
                {state.tr(|t| t.step_conversion)}
                <span class="definition" aria-hidden="true">{definition}</span>
            </th>
            {spacer()}
            {columns.cells(Arc::new(move |column| {
                let value = Memo::new(move |_| rates.with(|r| r.0.at(column).flatten()));
                view! { <td class="numeric" aria-colindex=col_index(column)>{move || rate_view(state, value.get())}</td> }.into_any()
            }))}
            {spacer()}
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
pub(super) fn KpiRow(
    id: KpiId,
    #[prop(into)] row_index: Signal<usize>,
    columns: Columns,
) -> impl IntoView {
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
    // Per shown period, then the range and the range before it.
    let readings = Memo::new(move |_| {
        let range = state.range.get();
        let compare = state.compare.get();
        state.plan.with(|p| {
            p.kpi(id).map(|k| {
                let per_period =
                    columns.per_shown(p, |p, period| read_kpi(p, k, PeriodRange::new(period, 1)));
                let previous = compare.then(|| read_kpi_at(p, k, range.previous()));
                (per_period, read_kpi(p, k, range), previous)
            })
        })
    });
    view! {
        <tr class="kpi-row" aria-rowindex=row_index>
            <th scope="row" class="row-head" title=definition>
                {move || info.with(|i| i.0.clone())}
                <span class="definition" aria-hidden="true">{definition}</span>
            </th>
            {spacer()}
            {columns.cells(Arc::new(move |column| {
                let cell = Memo::new(move |_| readings.with(|r| r.as_ref().and_then(|r| r.0.at(column))));
                view! {
                    <td class="kpi-cell" aria-colindex=col_index(column)>
                        {move || cell.get().map(|r| view! { <KpiReadingView reading=r display=display() /> })}
                    </td>
                }
                .into_any()
            }))}
            {spacer()}
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

/// The grid's rows in display order: each stage's title, its metrics, the
/// step conversion into it (not for the first stage), then its KPIs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum GridRow {
    Stage(StageId),
    Metric(MetricId),
    Conversion(StageId),
    Kpi(KpiId),
}

impl GridRow {
    /// The rows `counter` sees: a member (or "unassigned") sees only the
    /// metrics counted per member, under their stages.
    pub fn all(plan: &Plan, counter: Counter) -> Vec<GridRow> {
        if counter != Counter::Team {
            return plan
                .stages
                .iter()
                .flat_map(|stage| {
                    let metrics: Vec<GridRow> = plan
                        .metrics_of(stage.id)
                        .filter(|m| m.per_member)
                        .map(|m| GridRow::Metric(m.id))
                        .collect();
                    let title = (!metrics.is_empty()).then_some(GridRow::Stage(stage.id));
                    title.into_iter().chain(metrics)
                })
                .collect();
        }
        let mut rows = Vec::new();
        for (index, stage) in plan.stages.iter().enumerate() {
            rows.push(GridRow::Stage(stage.id));
            rows.extend(plan.metrics_of(stage.id).map(|m| GridRow::Metric(m.id)));
            if index > 0 {
                rows.push(GridRow::Conversion(stage.id));
            }
            rows.extend(
                plan.kpis_in(KpiScope::Stage(stage.id))
                    .map(|k| GridRow::Kpi(k.id)),
            );
        }
        rows
    }

    /// A height to assume, in pixels, until the row has been measured.
    pub fn estimated_height(self) -> f64 {
        match self {
            GridRow::Stage(_) => 46.0,
            GridRow::Metric(_) => 48.0,
            GridRow::Conversion(_) => 52.0,
            GridRow::Kpi(_) => 64.0,
        }
    }
}
