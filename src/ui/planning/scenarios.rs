//! Saved scenarios side by side with the month's actuals, each one a
//! click from being the month's targets.

use leptos::prelude::*;

use super::super::state::use_app;
use crate::domain::edit::Edit;
use crate::domain::ids::ScenarioId;
use crate::domain::planning::MonthPlan;
use crate::i18n::{format_count, format_money, format_rate, Texts};

/// A column of the comparison: its volumes, rates and won deals.
struct Column {
    heading: String,
    volumes: Vec<Option<u64>>,
    rates: Vec<Option<f64>>,
}

#[component]
pub fn Scenarios(calc: Memo<MonthPlan>) -> impl IntoView {
    let state = use_app();
    let message = super::outcome();
    let promote = move |id: ScenarioId| {
        let month = state.target_month.get_untracked();
        let Some((name, edit)) = state.plan.with_untracked(|p| {
            let scenario = p.scenario(id)?;
            let edit = calc.with_untracked(|c| scenario.targets(p, &c.tree, month));
            Some((scenario.name.clone(), edit))
        }) else {
            return;
        };
        let t = state.texts_untracked();
        message.set(Some(state.dispatch(edit).map(|()| {
            Texts::fill(t.planning.scenario_targets_set, &[&name, &t.month(month)])
        })));
    };
    let remove = move |id: ScenarioId| {
        message.set(state.dispatch(Edit::RemoveScenario(id)).err().map(Err));
    };
    let table = move || {
        let t = state.texts();
        let (month, today) = (state.target_month.get(), state.today.get());
        state.plan.with(|p| {
            if p.planning.scenarios.is_empty() {
                return view! { <p class="empty-hint">{t.planning.no_scenarios}</p> }.into_any();
            }
            calc.with(|c| {
                let mut columns = vec![Column {
                    heading: t.planning.actual_column.to_owned(),
                    volumes: c.so_far.iter().map(|v| Some(*v)).collect(),
                    rates: c.actual_rates(p),
                }];
                columns.extend(p.planning.scenarios.iter().map(|s| {
                    let (rates, flow) = s.run(&c.tree);
                    Column {
                        heading: s.name.clone(),
                        volumes: flow.volumes,
                        rates: rates.iter().map(|r| r.map(|r| r.fraction())).collect(),
                    }
                }));
                let deal = p.deal_size(month, today);
                let order: Vec<usize> = c.departments.iter().flat_map(|(_, n)| n.iter().copied()).collect();
                // Differences are marked against the first scenario.
                let baseline = columns.get(1).map(|b| (b.volumes.clone(), b.rates.clone()));
                let cell = |column: usize, node: usize| {
                    let col = &columns[column];
                    let (volume, rate) = (col.volumes[node], col.rates[node]);
                    let differs = column > 1
                        && baseline.as_ref().is_some_and(|(v, r)| v[node] != volume || r[node] != rate);
                    let delta = baseline.as_ref().and_then(|(v, _)| {
                        let (now, base) = (volume?, v[node]?);
                        (column > 1 && now != base).then(|| {
                            let sign = if now > base { "+" } else { "−" };
                            format!(" ({sign}{})", format_count(now.abs_diff(base)))
                        })
                    });
                    let text = format!(
                        "{}{}{}",
                        volume.map_or_else(|| "—".to_owned(), format_count),
                        delta.unwrap_or_default(),
                        rate.map(|r| format!(" · {}", format_rate(Some(r)))).unwrap_or_default()
                    );
                    view! { <td class:differs=differs class="number">{text}</td> }
                };
                let revenue = |column: usize| {
                    let wins = columns[column].volumes.first().copied().flatten();
                    let text = match (wins, deal) {
                        (Some(w), Some((revenue, won))) => format_money(w as f64 * revenue as f64 / won as f64, p.currency),
                        _ => "—".to_owned(),
                    };
                    view! { <td class="number">{text}</td> }
                };
                let metric_name = |node: usize| p.metric(c.tree.nodes[node].metric).map(|m| m.name.clone()).unwrap_or_default();
                let ids: Vec<(ScenarioId, String)> = p.planning.scenarios.iter().map(|s| (s.id, s.name.clone())).collect();
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table class="compare-table">
                            <caption>{Texts::fill(t.planning.compare_caption, &[&t.month(month)])}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.planning.col_volume}</th>
                                    {columns.iter().map(|c| view! { <th scope="col" class="number">{c.heading.clone()}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {order
                                    .iter()
                                    .map(|&node| view! {
                                        <tr>
                                            <th scope="row">{metric_name(node)}</th>
                                            {(0..columns.len()).map(|column| cell(column, node)).collect_view()}
                                        </tr>
                                    })
                                    .collect_view()}
                                <tr>
                                    <th scope="row">{t.planning.revenue_row}</th>
                                    {(0..columns.len()).map(revenue).collect_view()}
                                </tr>
                            </tbody>
                        </table>
                    </div>
                    <ul class="scenario-list">
                        {ids
                            .into_iter()
                            .map(|(id, name)| {
                                let targets = format!("{}: {name}", Texts::fill(t.planning.scenario_targets, &[&t.month(month)]));
                                let remove_label = format!("{}: {name}", t.planning.remove_scenario);
                                view! {
                                    <li>
                                        <strong>{name}</strong>
                                        " "
                                        <button type="button" aria-label=targets on:click=move |_| promote(id)>
                                            {Texts::fill(t.planning.scenario_targets, &[&t.month(month)])}
                                        </button>
                                        " "
                                        <button type="button" class="danger" aria-label=remove_label on:click=move |_| remove(id)>
                                            {t.planning.remove_scenario}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            })
        })
    };
    view! {
        <section class="card scenarios" aria-labelledby="scenarios-heading">
            <h3 id="scenarios-heading">{state.tr(|t| t.planning.scenarios_heading)}</h3>
            {table}
            <super::Outcome message=message />
        </section>
    }
}
