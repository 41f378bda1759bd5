//! The named bottleneck of the range in view, with the numbers it was
//! found from and the seed's hypotheses for that kind of step.

use leptos::prelude::*;

use super::actions::add_action;
use super::state::use_app;
use crate::domain::diagnosis::{bottleneck, rank_steps, Reference, StepReading};
use crate::domain::plan::{MetricKind, Plan};
use crate::domain::sla::Unit;
use crate::i18n::{format_rate, Problem, Texts};
use crate::route::Route;

#[component]
pub fn BottleneckPanel() -> impl IntoView {
    let state = use_app();
    let found = Memo::new(move |_| {
        let range = state.range.get();
        state
            .plan
            .with(|p| (bottleneck(p, range), rank_steps(p, range)))
    });
    let error = RwSignal::new(None::<Problem>);
    let summary = move || {
        let t = state.texts();
        let (worst, ranking) = found.get();
        state.plan.with(|p| match worst {
            Some(worst) => {
                let kind = p.stage(worst.stage).map(|s| s.kind).unwrap_or_default();
                let stage = worst.stage;
                let (name, actual, reference, gap) = describe(p, t, worst);
                let template = if worst.is_count(p) {
                    t.bottleneck_count
                } else {
                    t.bottleneck_step
                };
                let line = Texts::fill(template, &[&name, &actual, &reference, &gap]);
                view! {
                    <p class="bottleneck-name"><strong>{line}</strong></p>
                    <h4>{t.hypotheses_heading}</h4>
                    <ul class="hypotheses">
                        {t
                            .hypotheses(kind)
                            .iter()
                            .map(|hypothesis| {
                                let hypothesis = *hypothesis;
                                let turn = move |_| {
                                    error.set(add_action(state, hypothesis.to_owned(), Some(stage)).err());
                                };
                                view! {
                                    <li>
                                        <span>{hypothesis}</span>
                                        " "
                                        <button
                                            type="button"
                                            class="small"
                                            aria-label=format!("{}: {hypothesis}", t.turn_into_action)
                                            on:click=turn
                                        >
                                            {t.turn_into_action}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <p class="field-error" aria-live="polite">
                        {move || error.get().map(|p| state.texts().problem(&p))}
                    </p>
                }
                .into_any()
            }
            None if ranking.is_empty() => {
                view! {
                    <p class="empty-hint">
                        {t.no_diagnosis} " " <a href=state.href(Route::Numbers)>{t.nav_numbers}</a>
                    </p>
                }
                .into_any()
            }
            None => view! { <p>{t.no_bottleneck}</p> }.into_any(),
        })
    };
    let table = move || {
        let t = state.texts();
        let (_, ranking) = found.get();
        (!ranking.is_empty()).then(|| {
            let rows = state.plan.with(|p| {
                ranking
                    .iter()
                    .map(|reading| describe(p, t, *reading))
                    .collect::<Vec<_>>()
            });
            view! {
                <div class="table-scroll" tabindex="0">
                    <table class="step-ranking">
                        <caption>{t.steps_heading}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.col_step_name}</th>
                                <th scope="col">{t.col_actual}</th>
                                <th scope="col">{t.col_reference}</th>
                                <th scope="col">{t.col_gap}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|(name, actual, reference, gap)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{name}</th>
                                            <td class="numeric">{actual}</td>
                                            <td>{reference}</td>
                                            <td class="numeric">{gap}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })
    };
    view! {
        <section class="card bottleneck" aria-labelledby="bottleneck-heading">
            <h3 id="bottleneck-heading">{state.tr(|t| t.bottleneck_heading)}</h3>
            {summary}
            {table}
        </section>
    }
}

/// A step's name, actual value, what it was compared with and its gap, in words.
pub(crate) fn describe(
    plan: &Plan,
    t: &Texts,
    reading: StepReading,
) -> (String, String, String, String) {
    let name = plan
        .stage(reading.stage)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let count = reading.is_count(plan);
    let value = |v: f64| {
        if count {
            t.measure_value(Unit::Metric(MetricKind::Count), v, plan.currency)
        } else {
            format_rate(Some(v))
        }
    };
    let reference = match reading.reference {
        Reference::Target(target) => Texts::fill(t.reference_target, &[&value(target)]),
        Reference::Previous {
            level,
            periods,
            granularity,
        } => Texts::fill(
            t.reference_previous,
            &[&value(level), &t.period_count(periods, granularity)],
        ),
        Reference::Range { low, high } => Texts::fill(
            t.reference_range_text,
            &[&format!("{}–{}", value(low), value(high))],
        ),
    };
    let sign = if reading.relative_gap < 0.0 {
        "−"
    } else {
        "+"
    };
    let gap = format!("{sign}{}", format_rate(Some(reading.relative_gap.abs())));
    (name, value(reading.actual), reference, gap)
}
