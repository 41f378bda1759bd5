//! Who counted what of a per-member metric's total in one period: what a
//! team's-view cell opens instead of being typed over.

use leptos::prelude::*;

use crate::domain::entries::members::Counter;
use crate::domain::ids::MetricId;
use crate::domain::period::Period;
use crate::i18n::Texts;
use crate::ui::state::use_app;

/// The cell whose breakdown is open, if any.
pub type Open = RwSignal<Option<(MetricId, Period)>>;

#[component]
pub fn Breakdown(open: Open) -> impl IntoView {
    let state = use_app();
    // The heading, then "who: value" lines, the total last.
    let lines = Memo::new(move |_| {
        let (metric, period) = open.get()?;
        let t = state.texts();
        let currency = state.currency.get();
        state.plan.with(|p| {
            let m = p.metric(metric)?;
            let value = |v: u64| t.metric_value(v, m.kind, currency);
            let heading = Texts::fill(t.team.breakdown_of, &[&m.name, &t.period_name(period)]);
            let mut lines: Vec<String> = p
                .breakdown(metric, period)
                .into_iter()
                .map(|(counter, v)| {
                    let who = match counter {
                        Counter::Member(id) => p.member(id).map(|m| m.name.clone()),
                        _ => None,
                    };
                    let who = who.unwrap_or_else(|| t.team.counter_unassigned.to_owned());
                    format!("{who}: {}", value(v))
                })
                .collect();
            let total = p
                .entries
                .cell(metric, period)
                .total()
                .map_or_else(String::new, value);
            lines.push(format!("{}: {total}", t.team.total));
            Some((heading, lines))
        })
    });
    view! {
        <Show when=move || lines.with(Option::is_some)>
            <div class="breakdown notice" role="region" aria-labelledby="breakdown-heading">
                <h4 id="breakdown-heading">{move || lines.with(|l| l.as_ref().map(|l| l.0.clone()))}</h4>
                <ul>
                    {move || {
                        lines
                            .get()
                            .map(|(_, lines)| lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view())
                    }}
                </ul>
                <button type="button" id="breakdown-close" on:click=move |_| open.set(None)>
                    {state.tr(|t| t.team.close)}
                </button>
            </div>
        </Show>
    }
}
