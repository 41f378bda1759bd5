//! The Numbers page: pick the periods, see the shared KPIs and the funnel
//! over them, and enter counts in the grid; everything updates as you type.

use leptos::prelude::*;

use super::chart_card::{funnel_chart, ChartCard};
use super::department_style;
use super::grid::CountGrid;
use super::kpi_strip::SharedKpiStrip;
use super::range_toolbar::RangeToolbar;
use super::state::use_app;
use crate::domain::kpi::{
    funnel_conversions, lost_reason_shares, step_blank_for_lack_of_counts, StageConversion,
};
use crate::domain::plan::StageId;
use crate::i18n::{format_count, format_rate, Texts};

#[component]
pub fn NumbersPage() -> impl IntoView {
    let state = use_app();
    let conversions = Memo::new(move |_| {
        let range = state.range.get();
        state.plan.with(|p| funnel_conversions(p, range))
    });
    let stage_ids = move || state.stage_ids();
    let all_zero = move || conversions.with(|rows| rows.iter().all(|r| r.count == 0));
    let funnel = funnel_chart(state);

    view! {
        <section class="page" aria-labelledby="numbers-heading">
            <h2 id="numbers-heading">{state.tr(|t| t.numbers_heading)}</h2>
            <p class="intro">{state.tr(|t| t.numbers_intro)}</p>
            <RangeToolbar />
            <super::download::CsvDownloads />
            <super::csv_import::CsvImportCard />
            <SharedKpiStrip />
            <section class="funnel-section" aria-labelledby="funnel-heading">
                <h3 id="funnel-heading">{state.tr(|t| t.funnel_heading)}</h3>
                <Show when=all_zero>
                    <p class="empty-hint">{state.tr(|t| t.numbers_empty)}</p>
                </Show>
                <div class="numbers-layout">
                    <table class="count-table funnel-table" aria-labelledby="funnel-heading">
                        <thead>
                            <tr>
                                <th scope="col">{state.tr(|t| t.col_stage)}</th>
                                <th scope="col">{state.tr(|t| t.col_owner)}</th>
                                <th scope="col" class="numeric">{state.tr(|t| t.col_count)}</th>
                                <th scope="col" class="numeric">{state.tr(|t| t.col_step)}</th>
                                <th scope="col" class="numeric">{state.tr(|t| t.col_cumulative)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=stage_ids key=|id| *id let:id>
                                <FunnelRow id=id conversions=conversions />
                            </For>
                        </tbody>
                    </table>
                    <ChartCard
                        name="funnel"
                        title=Signal::derive(move || state.texts().funnel_chart.to_owned())
                        chart=funnel
                    />
                </div>
            </section>
            <CountGrid />
            <LostReasons />
        </section>
    }
}

#[component]
fn FunnelRow(id: StageId, conversions: Memo<Vec<StageConversion>>) -> impl IntoView {
    let state = use_app();
    let name = move || state.stage_name(id);
    let owner = move || state.stage_owner(id);
    let row = move || conversions.with(|rows| rows.iter().find(|r| r.stage == id).cloned());
    // Why the step conversion is blank, when nothing was entered for the
    // stage before it over what its lag reads (a stage just inserted, say).
    let why_blank = move || {
        let range = state.range.get();
        let previous = state.plan.with(|p| {
            let index = p.index_of(id)?;
            let previous = p.stages.get(index.checked_sub(1)?)?;
            step_blank_for_lack_of_counts(p, index, range).then(|| previous.name.clone())
        })?;
        Some(Texts::fill(state.texts().no_counts_before, &[&previous]))
    };
    view! {
        <tr style=move || owner().map(|o| department_style(o.hue))>
            <th scope="row">{name}</th>
            <td>
                <span class="dept-tag">
                    <span class="swatch" aria-hidden="true"></span>
                    {move || owner().map(|o| o.name)}
                </span>
            </td>
            <td class="numeric count">{move || row().map(|r| format_count(r.count))}</td>
            <td class="numeric rate">
                {move || format_rate(row().and_then(|r| r.step))}
                <span class="definition">{why_blank}</span>
            </td>
            <td class="numeric rate">{move || format_rate(row().and_then(|r| r.cumulative))}</td>
        </tr>
    }
}

/// Lost deals by reason over the range, as counts and shares.
#[component]
fn LostReasons() -> impl IntoView {
    let state = use_app();
    let rows = Memo::new(move |_| {
        let range = state.range.get();
        state.plan.with(|p| {
            lost_reason_shares(p, range)
                .into_iter()
                .map(|r| {
                    let name = p
                        .metric(r.metric)
                        .map(|m| m.name.clone())
                        .unwrap_or_default();
                    (r.metric, name, r.count, r.share)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || rows.with(|r| !r.is_empty())>
            <section class="lost-reasons" aria-labelledby="lost-heading">
                <h3 id="lost-heading">{state.tr(|t| t.lost_reasons_heading)}</h3>
                <table class="count-table compact" aria-labelledby="lost-heading">
                    <thead>
                        <tr>
                            <th scope="col">{state.tr(|t| t.col_reason)}</th>
                            <th scope="col" class="numeric">{state.tr(|t| t.col_count)}</th>
                            <th scope="col" class="numeric">{state.tr(|t| t.col_share)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            rows.get()
                                .into_iter()
                                .map(|(_, name, count, share)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{name}</th>
                                            <td class="numeric">{format_count(count)}</td>
                                            <td class="numeric">{format_rate(share)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </section>
        </Show>
    }
}
