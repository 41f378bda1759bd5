//! The Numbers page: this month's count per stage, the conversion at every
//! step, the shared KPIs and the funnel chart, all live as the user types.

use leptos::prelude::*;

use super::funnel_canvas::FunnelCanvas;
use super::state::use_app;
use super::validated_input::ValidatedInput;
use crate::domain::kpi::{
    funnel_conversions, shared_kpi, SharedKpi, SharedKpiValue, StageConversion,
};
use crate::domain::number::parse_count;
use crate::domain::plan::{Department, StageId};
use crate::i18n::{format_count, format_rate};

#[component]
pub fn NumbersPage() -> impl IntoView {
    let state = use_app();
    let month = state.month;
    let conversions = Memo::new(move |_| state.plan.with(|p| funnel_conversions(p, month)));
    let stage_ids = move || {
        state
            .plan
            .with(|p| p.stages.iter().map(|s| s.id).collect::<Vec<_>>())
    };
    let all_zero = move || conversions.with(|rows| rows.iter().all(|r| r.count == 0));

    view! {
        <section class="page" aria-labelledby="numbers-heading">
            <h2 id="numbers-heading">{move || state.texts().numbers_heading}</h2>
            <p class="intro">
                {move || state.texts().numbers_intro} " "
                <strong class="period">{move || state.texts().month(month)}</strong>
            </p>
            <SharedKpiStrip />
            <Show when=all_zero>
                <p class="empty-hint">{move || state.texts().numbers_empty}</p>
            </Show>
            <div class="numbers-layout">
                <table class="count-table">
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
                            <CountRow id=id conversions=conversions />
                        </For>
                    </tbody>
                </table>
                <FunnelCanvas />
            </div>
        </section>
    }
}

#[component]
fn CountRow(id: StageId, conversions: Memo<Vec<StageConversion>>) -> impl IntoView {
    let state = use_app();
    let month = state.month;
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
    let count = Signal::derive(move || row().map_or_else(String::new, |r| format_count(r.count)));
    let input_id = format!("count-{}", id.0);

    let set_count = Callback::new(move |text: String| {
        let t = state.texts();
        let value = parse_count(&text).map_err(|e| t.count_error(&e).to_owned())?;
        state.plan.update(|p| {
            // The row exists while its input does; a vanished stage has nothing to set.
            let _ = p.set_count(id, month, value);
        });
        Ok(())
    });

    view! {
        <tr data-dept=move || owner().key()>
            <th scope="row">
                <label for=input_id.clone()>{name}</label>
            </th>
            <td>
                <span class="dept-tag">
                    <span class="swatch" aria-hidden="true"></span>
                    {move || state.texts().department(owner())}
                </span>
            </td>
            <td class="numeric">
                <ValidatedInput id=input_id value=count on_commit=set_count numeric=true class="count-input" />
            </td>
            <td class="numeric rate">{move || format_rate(row().and_then(|r| r.step))}</td>
            <td class="numeric rate">{move || format_rate(row().and_then(|r| r.cumulative))}</td>
        </tr>
    }
}

#[component]
fn SharedKpiStrip() -> impl IntoView {
    let state = use_app();
    let month = state.month;
    view! {
        <section class="kpi-strip" aria-labelledby="shared-kpis-heading">
            <div class="kpi-strip-heading">
                <h3 id="shared-kpis-heading">{move || state.texts().shared_kpis}</h3>
                <p>{move || state.texts().shared_kpis_intro}</p>
            </div>
            <ul class="kpi-tiles">
                {SharedKpi::ALL
                    .into_iter()
                    .map(|kpi| {
                        let value = move || state.plan.with(|p| shared_kpi(p, month, kpi));
                        view! {
                            <li class="kpi-tile">
                                <span class="kpi-name">{move || state.texts().shared_kpi(kpi)}</span>
                                <span class="kpi-value">
                                    {move || match value() {
                                        SharedKpiValue::Rate(rate) => format_rate(rate),
                                        SharedKpiValue::MissingMilestone(_) => "—".to_owned(),
                                    }}
                                </span>
                                <span class="kpi-hint">
                                    {move || match value() {
                                        SharedKpiValue::MissingMilestone(m) => state.texts().missing_milestone(m),
                                        SharedKpiValue::Rate(_) => String::new(),
                                    }}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
