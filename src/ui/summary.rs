//! The plan on one page, for the wall or the printer: the funnel with each
//! stage's department, the shared KPIs against their targets, the
//! bottleneck, the month planned from the goal, the agreements with how
//! often their promises were kept, and the cycle under way. On screen it
//! is the print preview; the print stylesheet leaves only the page, which
//! fits one sheet of A4 or Letter.

use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_svg::SVGBackend;

use super::bottleneck::describe;
use super::chart_backend::PageBackend;
use super::chart_card::{funnel_chart, ChartTableView};
use super::kpi_cell::KpiReadingView;
use super::pdca::summary::CurrentCycle;
use super::planning::blocked_text;
use super::print_page;
use super::sla_compliance::promise_text;
use super::state::use_app;
use crate::charts::{Chart, ChartStyle};
use crate::domain::diagnosis::bottleneck;
use crate::domain::kpi::read_kpi;
use crate::domain::plan::KpiScope;
use crate::domain::planning::MonthPlan;
use crate::domain::sla::tally;
use crate::i18n::{format_count, Texts};
use crate::route::Route;

/// The funnel is drawn this many CSS pixels wide and scaled to the page,
/// as vector graphics, so it prints sharp at any size.
const FUNNEL_WIDTH: u32 = 640;

#[component]
pub fn SummaryPage() -> impl IntoView {
    let state = use_app();
    let funnel = funnel_chart(state);
    let meta = move || {
        let t = state.texts();
        Texts::fill(
            t.summary.meta,
            &[&t.range(state.range.get()), &t.date(state.today.get())],
        )
    };
    view! {
        <section class="page summary-page" aria-labelledby="summary-heading">
            <div class="sheet-actions">
                <a href=move || state.href(Route::Dashboard)>"← " {state.tr(|t| t.summary.back)}</a>
                <button type="button" class="primary" on:click=print_page>{state.tr(|t| t.sheet_print)}</button>
            </div>
            <header class="summary-header">
                <h2 id="summary-heading">{move || state.plan.with(|p| p.name.clone())}</h2>
                <p>{meta}</p>
            </header>
            <div class="summary-grid">
                <section class="summary-part summary-funnel" aria-labelledby="summary-funnel-heading">
                    <h3 id="summary-funnel-heading">{state.tr(|t| t.summary.flow_heading)}</h3>
                    <FunnelDrawing chart=funnel />
                    <ChartTableView chart=funnel title=state.text(|t| t.summary.flow_heading.to_owned()) />
                </section>
                <SharedKpis />
                <Bottleneck />
                <PlannedMonth />
                <Agreements />
                <div class="summary-part summary-cycle">
                    <CurrentCycle />
                </div>
            </div>
        </section>
    }
}

/// The funnel as inline SVG: vector on paper, and the same drawing code
/// the dashboard's canvas and the downloads use.
#[component]
pub(super) fn FunnelDrawing(
    chart: Memo<Chart>,
    /// The projector's larger type.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let state = use_app();
    let svg = move || {
        chart.with(|chart| {
            let mut svg = String::new();
            let size = (FUNNEL_WIDTH, chart.height(large));
            let drawn = {
                let root =
                    PageBackend::Svg(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
                chart.draw(&root, &ChartStyle::scaled(1.0, large))
            };
            match drawn {
                Ok(()) => svg,
                Err(error) => {
                    leptos::logging::warn!("summary funnel: {error}");
                    String::new()
                }
            }
        })
    };
    view! {
        <div class="summary-chart" role="img" aria-label=state.tr(|t| t.funnel_heading) inner_html=svg></div>
    }
}

/// The shared KPIs over the range: value, target and status.
#[component]
fn SharedKpis() -> impl IntoView {
    let state = use_app();
    let rows = move || {
        let range = state.range.get();
        state.plan.with(|p| {
            p.kpis_in(KpiScope::Shared)
                .map(|k| (k.name.clone(), k.display, read_kpi(p, k, range)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="summary-part" aria-labelledby="summary-kpis-heading">
            <h3 id="summary-kpis-heading">{state.tr(|t| t.shared_kpis)}</h3>
            <ul class="summary-list">
                {move || {
                    rows()
                        .into_iter()
                        .map(|(name, display, reading)| {
                            view! {
                                <li>
                                    <strong>{name}</strong>
                                    " "
                                    <KpiReadingView reading display />
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

#[component]
fn Bottleneck() -> impl IntoView {
    let state = use_app();
    let line = move || {
        let t = state.texts();
        let range = state.range.get();
        state.plan.with(|p| match bottleneck(p, range) {
            Some(worst) => {
                let template = if worst.is_count(p) {
                    t.bottleneck_count
                } else {
                    t.bottleneck_step
                };
                let (name, actual, reference, gap) = describe(p, t, worst);
                Texts::fill(template, &[&name, &actual, &reference, &gap])
            }
            None => t.no_bottleneck.to_owned(),
        })
    };
    view! {
        <section class="summary-part" aria-labelledby="summary-bottleneck-heading">
            <h3 id="summary-bottleneck-heading">{state.tr(|t| t.bottleneck_heading)}</h3>
            <p>{line}</p>
        </section>
    }
}

/// The month planned from the goal: the goal in won deals and what each
/// stage needs, against what it has counted so far.
#[component]
pub(super) fn PlannedMonth() -> impl IntoView {
    let state = use_app();
    let heading = state.text(move |t| {
        Texts::fill(
            t.planning.required_heading,
            &[&t.month(state.target_month.get())],
        )
    });
    let lines = move || {
        let t = state.texts();
        let (month, today) = (state.target_month.get(), state.today.get());
        state.plan.with(|p| {
            let calc = MonthPlan::of(p, month, today);
            p.stages
                .iter()
                .filter_map(|stage| {
                    let i = calc.tree.position(stage.primary_metric)?;
                    let needed = match calc.requirements.get(i)?.volume {
                        Ok(volume) => format_count(volume),
                        Err(blocked) => blocked_text(t, p, month, today, blocked),
                    };
                    let so_far = format_count(*calc.so_far.get(i)?);
                    Some(Texts::fill(
                        t.summary.needed_line,
                        &[&stage.name, &needed, &so_far],
                    ))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="summary-part" aria-labelledby="summary-month-heading">
            <h3 id="summary-month-heading">{heading}</h3>
            <ul class="summary-list">
                {move || lines().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// Each agreement with its promises and how many periods of the range
/// kept each.
#[component]
fn Agreements() -> impl IntoView {
    let state = use_app();
    let cards = move || {
        let t = state.texts();
        let (range, today) = (state.range.get(), state.today.get());
        state.plan.with(|p| {
            p.sla_cards
                .iter()
                .map(|card| {
                    let promises = card
                        .thresholds
                        .iter()
                        .map(|threshold| {
                            let judged = tally(p, [threshold], range, today);
                            let (kept, judged) = (judged.kept, judged.judged());
                            let record = if judged == 0 {
                                t.summary.no_data.to_owned()
                            } else {
                                Texts::fill(
                                    t.summary.kept_of,
                                    &[&kept.to_string(), &judged.to_string()],
                                )
                            };
                            (promise_text(p, t, threshold), record, kept < judged)
                        })
                        .collect::<Vec<_>>();
                    (p.sla_name(card), promises)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || state.plan.with(|p| !p.sla_cards.is_empty())>
            <section class="summary-part summary-agreements" aria-labelledby="summary-sla-heading">
                <h3 id="summary-sla-heading">{state.tr(|t| t.summary.agreements_heading)}</h3>
                {move || {
                    cards()
                        .into_iter()
                        .map(|(name, promises)| {
                            view! {
                                <div class="summary-card">
                                    <h4>{name}</h4>
                                    <ul class="summary-list">
                                        {promises
                                            .into_iter()
                                            .map(|(promise, record, broken)| {
                                                view! { <li>{promise} " — " <span class:broken=broken>{record}</span></li> }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </section>
        </Show>
    }
}
