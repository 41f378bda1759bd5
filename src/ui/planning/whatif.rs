//! The what-if: the month's plan with any rate or volume changed, run
//! forwards to the won deals, and the single improvements ranked by what
//! they win. Nothing here changes the plan.

use leptos::prelude::*;

use super::super::state::use_app;
use crate::domain::edit::Edit;
use crate::domain::ids::{MetricId, ScenarioId};
use crate::domain::kpi::parse_target;
use crate::domain::number::parse_count;
use crate::domain::plan::{KpiDisplay, Plan};
use crate::domain::planning::{
    forward, sensitivity, Flow, Goal, Improvement, Lever, MonthPlan, Rate, Scenario, Step,
};
use crate::i18n::{editable_number, format_count, format_money, format_rate, Problem, Texts};

/// The what-if run: every node's rate and the flow it gives.
#[derive(Clone, PartialEq)]
pub(super) struct Run {
    rates: Vec<Option<Rate>>,
    /// The volumes the what-if sets: its inputs and any changed.
    fixed: Vec<Option<u64>>,
    flow: Flow,
}

/// What the what-if changed, by metric: a few items, so plain lists.
#[derive(Clone, Copy)]
struct Changes {
    rates: RwSignal<Vec<(MetricId, Rate)>>,
    volumes: RwSignal<Vec<(MetricId, u64)>>,
}

fn changed<T: Copy>(list: &[(MetricId, T)], metric: MetricId) -> Option<T> {
    list.iter().find(|(m, _)| *m == metric).map(|(_, v)| *v)
}

/// Sets (or with `None` drops) a metric's change.
fn change<T>(list: &mut Vec<(MetricId, T)>, metric: MetricId, value: Option<T>) {
    list.retain(|(m, _)| *m != metric);
    if let Some(value) = value {
        list.push((metric, value));
    }
}

#[component]
pub fn WhatIf(calc: Memo<MonthPlan>) -> impl IntoView {
    let state = use_app();
    let changes = Changes {
        rates: RwSignal::new(Vec::new()),
        volumes: RwSignal::new(Vec::new()),
    };
    let run = Memo::new(move |_| {
        calc.with(|c| {
            let rates: Vec<Option<Rate>> = c
                .tree
                .nodes
                .iter()
                .zip(c.rates())
                .map(|(n, base)| changes.rates.with(|r| changed(r, n.metric)).or(base))
                .collect();
            let fixed: Vec<Option<u64>> = c
                .tree
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    // Where nothing with a rate feeds a volume (an input, or
                    // where the rates stop), the what-if starts from the plan's.
                    let planned = || {
                        let fed = c.tree.inputs(i).any(|input| rates[input].is_some());
                        (!fed).then(|| c.requirements[i].volume.ok()).flatten()
                    };
                    changes
                        .volumes
                        .with(|v| changed(v, n.metric))
                        .or_else(planned)
                })
                .collect();
            let flow = forward(&c.tree, &rates, &fixed);
            Run { rates, fixed, flow }
        })
    });
    let rows = move || {
        calc.with(|c| {
            c.departments
                .iter()
                .flat_map(|(_, nodes)| nodes.iter().map(|&i| c.tree.nodes[i].metric))
                .collect::<Vec<_>>()
        })
    };
    let reset = move |_| {
        changes.rates.set(Vec::new());
        changes.volumes.set(Vec::new());
    };
    let outcome = move || {
        let t = state.texts();
        let wins = run.with(|r| r.flow.wins());
        let goal = calc.with(|c| c.goal.ok());
        let (month, today) = (state.target_month.get(), state.today.get());
        let wins_line = Texts::fill(
            t.planning.whatif_wins,
            &[
                &wins.map_or_else(|| "—".to_owned(), format_count),
                &goal.map_or_else(|| "—".to_owned(), format_count),
            ],
        );
        let revenue = state.plan.with(|p| {
            let (revenue, won) = p.deal_size(month, today)?;
            let amount = format_money(wins? as f64 * revenue as f64 / won as f64, p.currency);
            Some(match p.planning.goals.get(&month) {
                Some(Goal::Revenue(goal)) => Texts::fill(
                    t.planning.whatif_revenue_goal,
                    &[&amount, &format_money(*goal as f64, p.currency)],
                ),
                _ => Texts::fill(t.planning.whatif_revenue, &[&amount]),
            })
        });
        let reached = matches!((wins, goal), (Some(w), Some(g)) if w >= g);
        view! {
            <p class=if reached { "whatif-outcome reached" } else { "whatif-outcome" } aria-live="polite">
                <strong>{wins_line}</strong>
                {revenue.map(|r| view! { <span>" · " {r}</span> })}
            </p>
        }
    };
    view! {
        <section class="card whatif" aria-labelledby="whatif-heading">
            <h3 id="whatif-heading">{state.tr(|t| t.planning.whatif_heading)}</h3>
            <p class="hint">{state.tr(|t| t.planning.whatif_intro)}</p>
            <div class="table-scroll" tabindex="0">
                <table class="whatif-table">
                    <thead>
                        <tr>
                            <th scope="col">{state.tr(|t| t.planning.col_volume)}</th>
                            <th scope="col">{state.tr(|t| t.planning.whatif_rate)}</th>
                            <th scope="col">{state.tr(|t| t.planning.whatif_volume)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|metric| *metric let:metric>
                            <WhatIfRow metric=metric calc=calc run=run changes=changes />
                        </For>
                    </tbody>
                </table>
            </div>
            {outcome}
            <div class="notice-actions">
                <button type="button" on:click=reset>{state.tr(|t| t.planning.whatif_reset)}</button>
            </div>
            <SaveScenario calc=calc run=run />
            <Sensitivity calc=calc run=run />
        </section>
    }
}

#[component]
fn WhatIfRow(
    metric: MetricId,
    calc: Memo<MonthPlan>,
    run: Memo<Run>,
    changes: Changes,
) -> impl IntoView {
    let state = use_app();
    let index = move || calc.with(|c| c.tree.position(metric));
    let name = move || {
        state
            .plan
            .with(|p| p.metric(metric).map(|m| m.name.clone()).unwrap_or_default())
    };
    let has_step = move || {
        index()
            .is_some_and(|i| calc.with(|c| c.tree.nodes.get(i).is_some_and(|n| n.feeds.is_some())))
    };
    let rate_text = move || {
        let rate = index().and_then(|i| run.with(|r| r.rates.get(i).copied().flatten()));
        rate.map(|r| editable_number(r.fraction(), KpiDisplay::Percent, state.currency.get()))
            .unwrap_or_default()
    };
    let volume_text = move || {
        index()
            .and_then(|i| run.with(|r| r.flow.volumes.get(i).copied().flatten()))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    let parse_rate = move |text: &str| {
        let fraction = parse_target(text, KpiDisplay::Percent, state.currency.get_untracked());
        Rate::from_fraction(fraction.ok()??).ok()
    };
    let rate_label = state.text(move |t| format!("{}: {}", t.planning.whatif_rate, name()));
    let volume_label = state.text(move |t| format!("{}: {}", t.planning.whatif_volume, name()));
    let limited = move || {
        let i = index()?;
        let by = run.with(|r| r.flow.limited_by.get(i).copied().flatten())?;
        let by = calc.with(|c| c.tree.nodes.get(by).map(|n| n.metric))?;
        let by = state.plan.with(|p| p.metric(by).map(|m| m.name.clone()))?;
        Some(Texts::fill(state.texts().planning.limited_by, &[&by]))
    };
    let is_changed = move || {
        changes.rates.with(|r| changed(r, metric).is_some())
            || changes.volumes.with(|v| changed(v, metric).is_some())
    };
    view! {
        <tr class:changed=is_changed>
            <th scope="row">{name}</th>
            <td>
                {move || {
                    has_step()
                        .then(|| what_if_field(rate_label, "decimal", rate_text, parse_rate, changes.rates, metric))
                }}
            </td>
            <td>
                {what_if_field(volume_label, "numeric", volume_text, |t| parse_count(t).ok(), changes.volumes, metric)}
                " "
                <span class="hint">{limited}</span>
            </td>
        </tr>
    }
}

/// A what-if field. Text that reads as a value changes the what-if at
/// once, other text is marked invalid, and a field left empty goes back to
/// the plan's figure (an empty field waits until it is left, so clearing
/// it to type anew does not refill it).
fn what_if_field<T: Send + Sync + 'static>(
    label: Signal<String>,
    inputmode: &'static str,
    shown: impl Fn() -> String + Send + Sync + 'static,
    parse: impl Fn(&str) -> Option<T> + Send + Sync + 'static,
    list: RwSignal<Vec<(MetricId, T)>>,
    metric: MetricId,
) -> impl IntoView {
    let invalid = RwSignal::new(false);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        if text.trim().is_empty() {
            return;
        }
        match parse(&text) {
            Some(value) => {
                invalid.set(false);
                list.update(|l| change(l, metric, Some(value)));
            }
            None => invalid.set(true),
        }
    };
    let on_leave = move |ev| {
        if event_target_value(&ev).trim().is_empty() {
            invalid.set(false);
            list.update(|l| change(l, metric, None));
        }
    };
    view! {
        <input
            type="text"
            inputmode=inputmode
            class="short-input"
            aria-label=label
            aria-invalid=move || invalid.get().to_string()
            prop:value=shown
            on:input=on_input
            on:change=on_leave
        />
    }
}

#[component]
fn Sensitivity(calc: Memo<MonthPlan>, run: Memo<Run>) -> impl IntoView {
    let state = use_app();
    let points = RwSignal::new(5_u32);
    let percent = RwSignal::new(10_u32);
    let number_field =
        move |id: &'static str, label: fn(&'static Texts) -> &'static str, value: RwSignal<u32>| {
            view! {
                <label for=id>{state.tr(label)} " "</label>
                <input
                    id=id
                    type="number"
                    min="1"
                    max="50"
                    class="short-input"
                    prop:value=move || value.get().to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            value.set(n.clamp(1, 50));
                        }
                    }
                />
            }
        };
    let lines = move || {
        let t = state.texts();
        let (month, today) = (state.target_month.get(), state.today.get());
        state.plan.with(|p| {
            let deal = p.deal_size(month, today);
            calc.with(|c| {
                let ranked = run.with(|r| {
                    sensitivity(
                        &c.tree,
                        &r.rates,
                        &r.fixed,
                        &r.flow,
                        points.get(),
                        percent.get(),
                    )
                });
                ranked
                    .into_iter()
                    .map(|improvement| {
                        let text = describe(p, c, t, &improvement, deal);
                        let class = if improvement.gain() > 0 {
                            "gain"
                        } else {
                            "no-gain"
                        };
                        view! { <li class=class>{text}</li> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="sensitivity" aria-labelledby="sensitivity-heading">
            <h4 id="sensitivity-heading">{state.tr(|t| t.planning.sensitivity_heading)}</h4>
            <p class="hint">{state.tr(|t| t.planning.sensitivity_intro)}</p>
            <div class="field-row">
                {number_field("sensitivity-points", |t| t.planning.sensitivity_points, points)}
                {number_field("sensitivity-percent", |t| t.planning.sensitivity_percent, percent)}
            </div>
            <ol class="sensitivity-list">{lines}</ol>
        </section>
    }
}

/// One improvement in words, with its numbers.
fn describe(
    plan: &Plan,
    calc: &MonthPlan,
    t: &'static Texts,
    i: &Improvement,
    deal: Option<(u64, u64)>,
) -> String {
    let metric_name = |index: usize| {
        calc.tree
            .nodes
            .get(index)
            .and_then(|n| plan.metric(n.metric))
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let gain = match (i.gain(), i.limited) {
        (0, Some((node, potential))) => Texts::fill(
            t.planning.held_back,
            &[&metric_name(node), &format_count(potential)],
        ),
        (0, None) => t.planning.no_gain.to_owned(),
        (gain, _) => format!("+{}", format_count(gain)),
    };
    let mut text = match i.lever {
        Lever::Rate(index) => {
            let (step, into) = calc.tree.nodes[index]
                .feeds
                .unwrap_or((Step::Stage(calc.tree.nodes[index].stage), 0));
            let rate_name = match step.kpi().and_then(|k| plan.kpi(k)) {
                Some(kpi) => kpi.name.clone(),
                None => format!("{} → {}", metric_name(index), metric_name(into)),
            };
            let rate = |ppm: u64| format_rate(Some(ppm as f64 / 1_000_000.0));
            Texts::fill(
                t.planning.improvement,
                &[
                    &rate_name,
                    &rate(i.from),
                    &rate(i.to),
                    &metric_name(into),
                    &format_count(i.next_from),
                    &format_count(i.next_to),
                    &format_count(i.wins_to),
                    &gain,
                ],
            )
        }
        Lever::Volume(index) => Texts::fill(
            t.planning.improvement_volume,
            &[
                &metric_name(index),
                &format_count(i.from),
                &format_count(i.to),
                &format_count(i.wins_to),
                &gain,
            ],
        ),
    };
    if let Some((revenue, won)) = deal.filter(|_| i.gain() > 0) {
        let amount = i.gain() as f64 * revenue as f64 / won as f64;
        text += &Texts::fill(
            t.planning.revenue_gain,
            &[&format!("+{}", format_money(amount, plan.currency))],
        );
    }
    text
}

#[component]
fn SaveScenario(calc: Memo<MonthPlan>, run: Memo<Run>) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Problem>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let count = state.plan.with_untracked(|p| p.planning.scenarios.len());
        let typed = name.get_untracked();
        let name_or_default = if typed.trim().is_empty() {
            Texts::fill(
                state.texts_untracked().planning.new_scenario_name,
                &[&(count + 1).to_string()],
            )
        } else {
            typed
        };
        let id = ScenarioId(state.session.fresh_id());
        let scenario = calc.with_untracked(|c| {
            run.with_untracked(|r| {
                Scenario::from_what_if(id, name_or_default, &c.tree, &r.rates, &r.fixed)
            })
        });
        let result = state.dispatch(Edit::AddScenario(Box::new(scenario)));
        if result.is_ok() {
            name.set(String::new());
        }
        error.set(result.err());
    };
    view! {
        <form class="field-row save-scenario" on:submit=save>
            <label>
                {state.tr(|t| t.planning.scenario_name)} " "
                <input type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <button type="submit">{state.tr(|t| t.planning.save_scenario)}</button>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </form>
    }
}
