//! The dashboard: what gets projected in the weekly review. Shared KPIs,
//! the funnel, conversion against target, KPI trends, this month's stage
//! targets and lost reasons, all over the selected range.

use leptos::prelude::*;

use super::actions::ActionList;
use super::bottleneck::BottleneckPanel;
use super::chart_card::{funnel_chart, ChartCard};
use super::kpi_strip::SharedKpiStrip;
use super::pdca::summary::{CurrentCycle, ReviewsDue};
use super::range_toolbar::RangeToolbar;
use super::sla_compliance::{DepartmentCompliance, PromiseHistory};
use super::state::use_app;
use super::toggle::Toggle;
use crate::charts::dashboard::{conversion_vs_target, lost_reasons, targets_vs_actual, trend};
use crate::charts::palette::{css_hex, series_colour};
use crate::charts::Chart;
use crate::domain::ids::KpiId;
use crate::domain::month::Month;
use crate::route::Route;
use chrono::Datelike;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_app();
    let trend_kpis = state.trend_kpis;
    let this_month = move || {
        let today = state.today.get();
        Month::clamped(today.year(), today.month())
    };

    let chart = move |build: fn(
        &crate::domain::plan::Plan,
        crate::domain::period::PeriodRange,
        &crate::i18n::Texts,
    ) -> Chart| {
        Memo::new(move |_| {
            let texts = state.texts();
            let range = state.range.get();
            state.plan.with(|p| build(p, range, texts))
        })
    };
    let funnel = funnel_chart(state);
    let conversion = chart(|p, r, t| Chart::Bars(conversion_vs_target(p, r, t)));
    let lost = chart(|p, r, t| Chart::Bars(lost_reasons(p, r, t)));
    let targets = Memo::new(move |_| {
        let texts = state.texts();
        state
            .plan
            .with(|p| Chart::Bars(targets_vs_actual(p, this_month(), texts)))
    });
    let trend_chart = Memo::new(move |_| {
        let texts = state.texts();
        let range = state.range.get();
        let kpis = trend_kpis.get();
        state
            .plan
            .with(|p| Chart::Trend(trend(p, range, &kpis, texts)))
    });
    let title = move |pick: fn(&crate::i18n::Texts) -> &'static str| {
        Signal::derive(move || pick(state.texts()).to_owned())
    };

    let card_ids = move || state.sla_ids();

    view! {
        <section class="page dashboard" aria-labelledby="dashboard-heading">
            <h2 id="dashboard-heading">{state.tr(|t| t.dashboard_heading)}</h2>
            <p class="intro">{state.tr(|t| t.dashboard_intro)}</p>
            <p class="page-links">
                <a class="button-link" href=move || state.href(Route::Summary)>{state.tr(|t| t.summary.link)}</a>
            </p>
            <RangeToolbar />
            <Toggle value=state.large_charts label=|t| t.large_fonts class="projector-toggle" />
            <SharedKpiStrip />
            <BottleneckPanel />
            <ReviewsDue />
            <CurrentCycle />
            <ActionList />
            <div class="chart-grid">
                <ChartCard name="funnel" title=title(|t| t.funnel_heading) chart=funnel />
                <ChartCard name="conversion-vs-target" title=title(|t| t.chart_conversion) chart=conversion />
                <ChartCard name="trend" title=title(|t| t.chart_trend) chart=trend_chart>
                    <TrendPicker chosen=trend_kpis />
                </ChartCard>
                <ChartCard name="stage-targets" title=Signal::derive(move || format!("{} ({})", state.texts().chart_targets, state.texts().month(this_month()))) chart=targets />
                <ChartCard name="lost-reasons" title=title(|t| t.chart_lost) chart=lost />
            </div>
            {move || {
                (!card_ids().is_empty())
                    .then(|| {
                        view! {
                            <section class="sla-dashboard" aria-labelledby="sla-dashboard-heading">
                                <h3 id="sla-dashboard-heading">{state.tr(|t| t.compliance_heading)}</h3>
                                <DepartmentCompliance />
                                <For each=card_ids key=|id| *id let:id>
                                    <PromiseHistory sla=id />
                                </For>
                            </section>
                        }
                    })
            }}
        </section>
    }
}

/// Checkboxes for the KPIs drawn in the trend, each with its line colour.
#[component]
fn TrendPicker(chosen: RwSignal<Vec<KpiId>>) -> impl IntoView {
    let state = use_app();
    let kpis = Memo::new(move |_| {
        state.plan.with(|p| {
            p.kpis
                .iter()
                .map(|k| (k.id, k.name.clone(), k.display))
                .collect::<Vec<_>>()
        })
    });
    // One axis, one unit: once a KPI is chosen, only KPIs shown the same way can join it.
    let unit = Memo::new(move |_| {
        let first = chosen.with(|c| c.first().copied());
        state
            .plan
            .with(|p| first.and_then(|id| p.kpi(id)).map(|k| k.display))
    });
    view! {
        <details class="trend-picker">
            <summary>{state.tr(|t| t.kpis_to_plot)}</summary>
            <div class="trend-options">
                {move || {
                    kpis.get()
                        .into_iter()
                        .map(|(id, name, display)| {
                            let position = move || chosen.with(|c| c.iter().position(|k| *k == id));
                            let other_unit = move || position().is_none() && unit.get().is_some_and(|u| u != display);
                            view! {
                                <label class="check-field">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || position().is_some()
                                        disabled=other_unit
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|k| *k != id);
                                                if on {
                                                    c.push(id);
                                                }
                                            });
                                        }
                                    />
                                    <span
                                        class="swatch"
                                        aria-hidden="true"
                                        style:background=move || position().map(|i| css_hex(series_colour(i)))
                                    ></span>
                                    {name}
                                    <span class="hint">
                                        " (" {move || state.texts().kpi_display(display)} ")"
                                    </span>
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </details>
    }
}
