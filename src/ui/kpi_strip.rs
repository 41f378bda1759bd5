//! The shared KPIs as large tiles: value, target, status and the change
//! from the previous range.

use leptos::prelude::*;

use super::kpi_cell::KpiReadingView;
use super::state::use_app;
use crate::domain::kpi::read_kpi;
use crate::domain::plan::KpiScope;

/// The KPIs every department shares, over the whole range.
#[component]
pub fn SharedKpiStrip() -> impl IntoView {
    let state = use_app();
    let readings = Memo::new(move |_| {
        let range = state.range.get();
        state.plan.with(|p| {
            p.kpis_in(KpiScope::Shared)
                .map(|k| {
                    let name = |m| p.metric(m).map_or(String::new(), |m| m.name.clone());
                    let parts = (name(k.numerator), name(k.denominator), k.lag);
                    (parts, k.name.clone(), k.display, read_kpi(p, k, range))
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="kpi-strip" aria-labelledby="shared-kpis-heading">
            <div class="kpi-strip-heading">
                <h3 id="shared-kpis-heading">{state.tr(|t| t.shared_kpis)}</h3>
                <p>{state.tr(|t| t.shared_kpis_intro)}</p>
            </div>
            <ul class="kpi-tiles">
                {move || {
                    readings
                        .get()
                        .into_iter()
                        .map(|((numerator, denominator, lag), name, display, reading)| {
                            let definition = state.texts().rate_definition(&numerator, &denominator, lag);
                            view! {
                                <li class="kpi-tile">
                                    <span class="kpi-name">{name}</span>
                                    <span class="definition">{definition}</span>
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
