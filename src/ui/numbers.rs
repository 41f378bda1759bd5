//! The Numbers page: pick the periods, see the shared KPIs and the funnel
//! over them, and enter counts in the grid; everything updates as you type.

use leptos::prelude::*;

use super::funnel_canvas::FunnelCanvas;
use super::grid::CountGrid;
use super::kpi_cell::KpiReadingView;
use super::state::use_app;
use crate::domain::kpi::{funnel_conversions, lost_reason_shares, read_kpi, StageConversion};
use crate::domain::period::{Granularity, RangePreset};
use crate::domain::plan::{Department, KpiScope, StageId};
use crate::i18n::{format_count, format_rate};

#[component]
pub fn NumbersPage() -> impl IntoView {
    let state = use_app();
    let conversions = Memo::new(move |_| {
        let range = state.range.get();
        state.plan.with(|p| funnel_conversions(p, range))
    });
    let stage_ids = move || {
        state
            .plan
            .with(|p| p.stages.iter().map(|s| s.id).collect::<Vec<_>>())
    };
    let all_zero = move || conversions.with(|rows| rows.iter().all(|r| r.count == 0));

    view! {
        <section class="page" aria-labelledby="numbers-heading">
            <h2 id="numbers-heading">{move || state.texts().numbers_heading}</h2>
            <p class="intro">{move || state.texts().numbers_intro}</p>
            <RangeToolbar />
            <SharedKpiStrip />
            <section class="funnel-section" aria-labelledby="funnel-heading">
                <h3 id="funnel-heading">{move || state.texts().funnel_heading}</h3>
                <Show when=all_zero>
                    <p class="empty-hint">{move || state.texts().numbers_empty}</p>
                </Show>
                <div class="numbers-layout">
                    <table class="count-table" aria-labelledby="funnel-heading">
                        <thead>
                            <tr>
                                <th scope="col">{move || state.texts().col_stage}</th>
                                <th scope="col">{move || state.texts().col_owner}</th>
                                <th scope="col" class="numeric">{move || state.texts().col_count}</th>
                                <th scope="col" class="numeric">{move || state.texts().col_step}</th>
                                <th scope="col" class="numeric">{move || state.texts().col_cumulative}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=stage_ids key=|id| *id let:id>
                                <FunnelRow id=id conversions=conversions />
                            </For>
                        </tbody>
                    </table>
                    <FunnelCanvas />
                </div>
            </section>
            <CountGrid />
            <LostReasons />
        </section>
    }
}

/// Granularity, range preset, previous/next and the comparison switch.
#[component]
fn RangeToolbar() -> impl IntoView {
    let state = use_app();
    let set_granularity = move |ev| {
        if let Some(granularity) = Granularity::from_key(&event_target_value(&ev)) {
            state.range.update(|r| *r = r.with_granularity(granularity));
            state.preset.set(None);
        }
    };
    let set_preset = move |ev| {
        if let Some(preset) = RangePreset::from_key(&event_target_value(&ev)) {
            state.range.set(preset.range(state.today));
            state.preset.set(Some(preset));
        }
    };
    let shift = move |forward: bool| {
        state
            .range
            .update(|r| *r = if forward { r.next() } else { r.previous() });
        state.preset.set(None);
    };
    view! {
        <div class="toolbar" role="group" aria-label=move || state.texts().range>
            <label class="toolbar-field">
                <span>{move || state.texts().view}</span>
                <select
                    prop:value=move || state.range.get().granularity().key()
                    on:change=set_granularity
                >
                    {Granularity::ALL
                        .into_iter()
                        .map(|g| view! { <option value=g.key()>{move || state.texts().granularity(g)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="toolbar-field">
                <span>{move || state.texts().range}</span>
                <select
                    prop:value=move || state.preset.get().map_or("custom", RangePreset::key)
                    on:change=set_preset
                >
                    {RangePreset::ALL
                        .into_iter()
                        .map(|p| view! { <option value=p.key()>{move || state.texts().range_preset(p)}</option> })
                        .collect_view()}
                    <option value="custom" disabled=true>{move || state.texts().custom_range}</option>
                </select>
            </label>
            <div class="range-stepper">
                <button type="button" aria-label=move || state.texts().previous_range on:click=move |_| shift(false)>
                    "◀"
                </button>
                <strong class="range-label" aria-live="polite">
                    {move || state.texts().range(state.range.get())}
                </strong>
                <button type="button" aria-label=move || state.texts().next_range on:click=move |_| shift(true)>
                    "▶"
                </button>
            </div>
            <label class="toolbar-check">
                <input
                    type="checkbox"
                    prop:checked=move || state.compare.get()
                    on:change=move |ev| state.compare.set(event_target_checked(&ev))
                />
                {move || state.texts().compare_with_previous}
            </label>
        </div>
    }
}

#[component]
fn FunnelRow(id: StageId, conversions: Memo<Vec<StageConversion>>) -> impl IntoView {
    let state = use_app();
    let name = move || {
        state
            .plan
            .with(|p| p.stage(id).map(|s| s.name.clone()).unwrap_or_default())
    };
    let owner = move || {
        state
            .plan
            .with(|p| p.stage(id).map_or(Department::Marketing, |s| s.owner))
    };
    let row = move || conversions.with(|rows| rows.iter().find(|r| r.stage == id).cloned());
    view! {
        <tr data-dept=move || owner().key()>
            <th scope="row">{name}</th>
            <td>
                <span class="dept-tag">
                    <span class="swatch" aria-hidden="true"></span>
                    {move || state.texts().department(owner())}
                </span>
            </td>
            <td class="numeric count">{move || row().map(|r| format_count(r.count))}</td>
            <td class="numeric rate">{move || format_rate(row().and_then(|r| r.step))}</td>
            <td class="numeric rate">{move || format_rate(row().and_then(|r| r.cumulative))}</td>
        </tr>
    }
}

/// The KPIs every department shares, over the whole range.
#[component]
fn SharedKpiStrip() -> impl IntoView {
    let state = use_app();
    let readings = Memo::new(move |_| {
        let range = state.range.get();
        state.plan.with(|p| {
            p.kpis_in(KpiScope::Shared)
                .map(|k| (k.id, k.name.clone(), k.display, read_kpi(p, k, range)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="kpi-strip" aria-labelledby="shared-kpis-heading">
            <div class="kpi-strip-heading">
                <h3 id="shared-kpis-heading">{move || state.texts().shared_kpis}</h3>
                <p>{move || state.texts().shared_kpis_intro}</p>
            </div>
            <ul class="kpi-tiles">
                {move || {
                    readings
                        .get()
                        .into_iter()
                        .map(|(_, name, display, reading)| {
                            view! {
                                <li class="kpi-tile">
                                    <span class="kpi-name">{name}</span>
                                    <KpiReadingView reading=reading display=display large=true />
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
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
                <h3 id="lost-heading">{move || state.texts().lost_reasons_heading}</h3>
                <table class="count-table compact" aria-labelledby="lost-heading">
                    <thead>
                        <tr>
                            <th scope="col">{move || state.texts().col_reason}</th>
                            <th scope="col" class="numeric">{move || state.texts().col_count}</th>
                            <th scope="col" class="numeric">{move || state.texts().col_share}</th>
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
