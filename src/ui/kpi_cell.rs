//! One KPI reading as text: value, target and gap, a status label (never
//! colour alone), the change from the previous range, and the >100 % warning.

use leptos::prelude::*;

use super::state::use_app;
use crate::domain::kpi::KpiReading;
use crate::domain::plan::KpiDisplay;

#[component]
pub fn KpiReadingView(
    reading: KpiReading,
    display: KpiDisplay,
    /// Tiles show the value large.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let state = use_app();
    let currency = move || state.currency.get();
    let value = move || state.texts().kpi_value(reading.value, display, currency());
    let target_line = move || {
        let t = state.texts();
        reading.target.map(|target| {
            let gap = reading
                .gap
                .map(|g| format!(" · {} {}", t.gap, t.kpi_difference(g, display, currency())))
                .unwrap_or_default();
            format!(
                "{} {}{gap}",
                t.target,
                t.kpi_value(Some(target), display, currency())
            )
        })
    };
    let status = reading.status;
    view! {
        <span class="kpi-reading" data-status=status.map(|s| s.key())>
            <span class=if large { "kpi-value" } else { "kpi-cell-value" }>
                {value}
                {reading
                    .over_100_percent
                    .then(|| {
                        view! {
                            <span class="lag-warning" title=state.tr(|t| t.over_100_warning)>
                                " ⚠"
                                <span class="visually-hidden">{state.tr(|t| t.over_100_warning)}</span>
                            </span>
                        }
                    })}
            </span>
            {move || target_line().map(|line| view! { <span class="kpi-target">{line}</span> })}
            {status
                .map(|s| view! { <span class="status-badge">{move || state.texts().status(s)}</span> })}
            // Tiles always say how the value moved; cells when it can be told.
            {(large || reading.change.is_some())
                .then(|| {
                    view! {
                        <span class="kpi-change">
                            {move || state.texts().change(reading.change, display, currency())}
                        </span>
                    }
                })}
        </span>
    }
}
