//! Agreements between departments (SLA cards) on the Flow page: the
//! hand-offs of the flow without one are proposed; each card holds the
//! qualifying criteria, the follow-up and the numeric promises, with how
//! they were kept over the range in view.

use leptos::prelude::*;

use super::focus_after_render;
use crate::domain::departments::DepartmentId;
use crate::domain::edit::Edit;
use crate::domain::sla::{
    new_card, new_promise, next_pair, parse_value, unagreed_hand_offs, Comparison, Measure, SlaId,
    Threshold, ThresholdId, Unit,
};
use crate::i18n::{Problem, Texts};
use crate::route::Route;
use crate::ui::range_toolbar::RangeToolbar;
use crate::ui::sla_compliance::{promise_subject, DepartmentCompliance, PromiseHistory};
use crate::ui::state::use_app;
use crate::ui::validated_input::ValidatedInput;
use crate::ui::{department_options, department_style, reset_select};

#[component]
pub(super) fn Agreements() -> impl IntoView {
    let state = use_app();
    let add_error = RwSignal::new(None::<Problem>);
    let card_ids = move || state.sla_ids();
    // A new card between two departments, with the seed's criteria.
    let add = move |pair: (DepartmentId, DepartmentId)| {
        let id = SlaId(state.session.fresh_id());
        let lang = state.lang.get_untracked();
        let card = state.plan.with_untracked(|p| new_card(p, id, pair, lang));
        match state.dispatch(Edit::AddSla(Box::new(card))) {
            Ok(()) => {
                add_error.set(None);
                focus_after_render(format!("sla-from-{}", id.0));
            }
            Err(problem) => add_error.set(Some(problem)),
        }
    };
    let proposals = move || {
        state.plan.with(|p| {
            unagreed_hand_offs(p)
                .into_iter()
                .map(|(from, to)| {
                    let name = |id| p.department(id).map(|d| d.name.clone()).unwrap_or_default();
                    ((from, to), format!("{} → {}", name(from), name(to)))
                })
                .collect::<Vec<_>>()
        })
    };
    // Any two departments: the first pair with no card yet, else the first two.
    let add_any = move |_| {
        if let Some(pair) = state.plan.with_untracked(next_pair) {
            add(pair);
        }
    };
    view! {
        <section class="agreements" aria-labelledby="agreements-heading">
            <h3 id="agreements-heading">{state.tr(|t| t.sla_heading)}</h3>
            <p class="intro">{state.tr(|t| t.sla_intro)}</p>
            <RangeToolbar />
            <DepartmentCompliance />
            <div class="agreement-list">
                <For each=card_ids key=|id| *id let:id>
                    <AgreementCard id=id />
                </For>
            </div>
            <div class="row-actions">
                {move || {
                    proposals()
                        .into_iter()
                        .map(|(pair, name)| {
                            view! {
                                <button type="button" class="primary" on:click=move |_| add(pair)>
                                    "+ " {move || Texts::fill(state.texts().propose_sla, &[&name])}
                                </button>
                            }
                        })
                        .collect_view()
                }}
                <button type="button" on:click=add_any>
                    "+ " {state.tr(|t| t.add_sla)}
                </button>
                <a class="button-link" href=move || state.href(Route::SlaSheet)>{state.tr(|t| t.sheet_link)}</a>
                <p class="field-error" aria-live="polite">
                    {move || add_error.get().map(|p| state.texts().problem(&p))}
                </p>
            </div>
        </section>
    }
}

#[component]
fn AgreementCard(id: SlaId) -> impl IntoView {
    let state = use_app();
    let card = move || state.plan.with(|p| p.sla_card(id).cloned());
    let name = move || {
        state
            .plan
            .with(|p| p.sla_card(id).map(|c| p.sla_name(c)).unwrap_or_default())
    };
    let error = RwSignal::new(None::<Problem>);
    let report = move |result: Result<(), Problem>| error.set(result.err());
    let heading_id = format!("sla-{}", id.0);
    let labelled_by = heading_id.clone();
    let from_id = format!("sla-from-{}", id.0);
    let to_id = format!("sla-to-{}", id.0);
    let criteria_id = format!("sla-criteria-{}", id.0);
    let follow_up_id = format!("sla-follow-up-{}", id.0);
    // Changes one side of the hand-off; a refused choice goes back on screen.
    let hand_off = move |ev: leptos::ev::Event, sender: bool| {
        let Some(card) = card() else { return };
        let picked = event_target_value(&ev).parse().ok().map(DepartmentId);
        let (from, to) = match sender {
            true => (picked.unwrap_or(card.from), card.to),
            false => (card.from, picked.unwrap_or(card.to)),
        };
        let result = state.dispatch(Edit::SetSlaHandOff(id, from, to));
        if result.is_err() {
            let shown = if sender { card.from } else { card.to };
            reset_select(&ev, &shown.0.to_string());
        }
        report(result);
    };
    let set_criteria = move |ev| {
        let lines = event_target_value(&ev).lines().map(str::to_owned).collect();
        report(state.dispatch(Edit::SetSlaCriteria(id, lines)));
    };
    let set_follow_up =
        move |ev| report(state.dispatch(Edit::SetSlaFollowUp(id, event_target_value(&ev))));
    let add_promise = move |_| {
        let Some(card) = card() else { return };
        let threshold_id = ThresholdId(state.session.fresh_id());
        let promise = state
            .plan
            .with_untracked(|p| new_promise(p, &card, threshold_id));
        let Some(threshold) = promise else { return };
        report(state.dispatch(Edit::PutThreshold(id, threshold)));
        focus_after_render(format!("promise-value-{}", threshold_id.0));
    };
    let remove = move |_| {
        report(state.dispatch(Edit::RemoveSla(id)));
        focus_after_render("agreements-heading".to_owned());
    };
    let threshold_ids = move || {
        card()
            .map(|c| c.thresholds.iter().map(|t| t.id).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let from_style = move || {
        state.plan.with(|p| {
            p.sla_card(id)
                .and_then(|c| p.department(c.from))
                .map(|d| department_style(d.hue))
        })
    };
    view! {
        <article class="agreement" style=from_style aria-labelledby=labelled_by>
            <h4 id=heading_id>{name}</h4>
            <div class="agreement-parties">
                <div class="field">
                    <label for=from_id.clone()>{state.tr(|t| t.sla_from)}</label>
                    <select
                        id=from_id
                        prop:value=move || card().map(|c| c.from.0.to_string())
                        on:change=move |ev| hand_off(ev, true)
                    >
                        {department_options(state)}
                    </select>
                </div>
                <span class="agreement-arrow" aria-hidden="true">"→"</span>
                <div class="field">
                    <label for=to_id.clone()>{state.tr(|t| t.sla_to)}</label>
                    <select
                        id=to_id
                        prop:value=move || card().map(|c| c.to.0.to_string())
                        on:change=move |ev| hand_off(ev, false)
                    >
                        {department_options(state)}
                    </select>
                </div>
            </div>
            <div class="field">
                <label for=criteria_id.clone()>{state.tr(|t| t.sla_criteria)}</label>
                <textarea
                    id=criteria_id
                    rows="3"
                    prop:value=move || card().map(|c| c.criteria.join("\n")).unwrap_or_default()
                    on:change=set_criteria
                ></textarea>
            </div>
            <div class="field">
                <label for=follow_up_id.clone()>{state.tr(|t| t.sla_follow_up)}</label>
                <textarea
                    id=follow_up_id
                    rows="2"
                    prop:value=move || card().map(|c| c.follow_up).unwrap_or_default()
                    on:change=set_follow_up
                ></textarea>
            </div>
            <h5>{state.tr(|t| t.promises_heading)}</h5>
            <ul class="promise-list">
                <For each=threshold_ids key=|t| *t let:threshold>
                    <PromiseRow sla=id threshold=threshold />
                </For>
            </ul>
            <div class="notice-actions">
                <button type="button" on:click=add_promise>"+ " {state.tr(|t| t.add_promise)}</button>
                <button type="button" class="danger" on:click=remove>{state.tr(|t| t.remove_sla)}</button>
            </div>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
            <PromiseHistory sla=id />
        </article>
    }
}

#[component]
fn PromiseRow(sla: SlaId, threshold: ThresholdId) -> impl IntoView {
    let state = use_app();
    let current = move || {
        state.plan.with(|p| {
            p.sla_card(sla)
                .and_then(|c| c.thresholds.iter().find(|t| t.id == threshold))
                .cloned()
        })
    };
    let parties = move || state.plan.with(|p| p.sla_card(sla).map(|c| [c.from, c.to]));
    let error = RwSignal::new(None::<Problem>);
    // Changes one field of the promise; the rest stays as it is.
    let change = move |update: &dyn Fn(&mut Threshold)| {
        if let Some(mut promise) = current() {
            update(&mut promise);
            error.set(state.dispatch(Edit::PutThreshold(sla, promise)).err());
        }
    };
    let unit = move || current().and_then(|t| state.plan.with(|p| p.unit_of(t.measure)));
    let value_text = Signal::derive(move || {
        let currency = state.currency.get();
        match (current(), unit()) {
            (Some(t), Some(unit)) => state.texts().measure_value(unit, t.value, currency),
            _ => String::new(),
        }
    });
    let set_value = Callback::new(move |text: String| {
        let Some(unit) = unit() else { return Ok(()) };
        let value =
            parse_value(unit, &text, state.currency.get_untracked()).map_err(Problem::from)?;
        let Some(mut promise) = current() else {
            return Ok(());
        };
        promise.value = value;
        state.dispatch(Edit::PutThreshold(sla, promise))
    });
    let set_measure = move |ev| {
        let Some(measure) = parse_measure(&event_target_value(&ev)) else {
            return;
        };
        let Some(mut promise) = current() else { return };
        promise.measure = measure;
        let first = state.dispatch(Edit::PutThreshold(sla, promise.clone()));
        // A rate cannot keep a volume's value: start it from zero.
        let result = match first {
            Err(_) => {
                promise.value = 0.0;
                state.dispatch(Edit::PutThreshold(sla, promise))
            }
            ok => ok,
        };
        if result.is_err() {
            if let Some(shown) = current() {
                reset_select(&ev, &measure_key(shown.measure));
            }
        }
        error.set(result.err());
    };
    // Rebuilt only when a name changes; each option knows whether it is
    // the chosen one, so a rebuilt list keeps the choice.
    let choices = Memo::new(move |_| {
        state.plan.with(|p| {
            let metrics: Vec<(String, String)> = p
                .stages
                .iter()
                .flat_map(|s| p.metrics_of(s.id).map(move |m| (s, m)))
                .map(|(s, m)| {
                    (
                        measure_key(Measure::Metric(m.id)),
                        format!("{} · {}", s.name, m.name),
                    )
                })
                .collect();
            let kpis: Vec<(String, String)> = p
                .kpis
                .iter()
                .map(|k| (measure_key(Measure::Kpi(k.id)), k.name.clone()))
                .collect();
            (metrics, kpis)
        })
    });
    let chosen = Memo::new(move |_| current().map(|t| measure_key(t.measure)));
    let options = move |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(key, label)| {
                let is_chosen = key.clone();
                view! { <option value=key prop:selected=move || chosen.get().as_deref() == Some(is_chosen.as_str())>{label}</option> }
            })
            .collect_view()
    };
    let measure_options = move || {
        let t = state.texts();
        let (metrics, kpis) = choices.get();
        view! {
            <optgroup label=t.group_metrics>{options(metrics)}</optgroup>
            <optgroup label=t.group_kpis>{options(kpis)}</optgroup>
        }
    };
    let label = move |what: &'static str| {
        // Who keeps it, on what: not the value, which changes as it is typed.
        let promise = current()
            .map(|t| state.plan.with(|p| promise_subject(p, &t)))
            .unwrap_or_default();
        format!("{what}: {promise}")
    };
    let value_id = format!("promise-value-{}", threshold.0);
    let error_id = format!("promise-error-{}", threshold.0);
    view! {
        <li class="promise">
            <select
                aria-label=move || label(state.texts().promise_kept_by)
                prop:value=move || current().map(|t| t.kept_by.0.to_string())
                on:change=move |ev| {
                    if let Ok(id) = event_target_value(&ev).parse() {
                        change(&|t| t.kept_by = DepartmentId(id));
                    }
                }
            >
                // The two sides of the card, sender first.
                {[0, 1]
                    .map(|side| {
                        let party = move || parties().map(|p| p[side]);
                        view! {
                            <option value=move || party().map(|d| d.0.to_string())>
                                {move || party().map(|d| state.department_name(d))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <select
                class="promise-measure"
                aria-label=move || label(state.texts().promise_measure)
                on:change=set_measure
            >
                {measure_options}
            </select>
            <select
                class="promise-comparison"
                aria-label=move || label(state.texts().promise_comparison)
                prop:value=move || current().map(|t| t.comparison.key())
                on:change=move |ev| {
                    if let Some(comparison) = Comparison::from_key(&event_target_value(&ev)) {
                        change(&|t| t.comparison = comparison);
                    }
                }
            >
                {Comparison::ALL
                    .into_iter()
                    .map(|c| view! { <option value=c.key()>{c.symbol()} " " {move || state.texts().comparison(c)}</option> })
                    .collect_view()}
            </select>
            <span class="promise-value">
                <ValidatedInput
                    id=value_id
                    value=value_text
                    on_commit=set_value
                    numeric=true
                    label=Signal::derive(move || label(state.texts().promise_value))
                />
                <span class="hint">
                    {move || matches!(unit(), Some(Unit::Metric(_))).then(|| state.texts().per_month)}
                </span>
            </span>
            <button
                type="button"
                class="danger"
                aria-label=move || label(state.texts().remove_promise)
                aria-describedby=error_id.clone()
                on:click=move |_| error.set(state.dispatch(Edit::RemoveThreshold(sla, threshold)).err())
            >
                "×"
            </button>
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get().map(|p| state.texts().problem(&p))}
            </p>
        </li>
    }
}

/// A measure as an option value: "metric:12", "kpi:40".
fn measure_key(measure: Measure) -> String {
    match measure {
        Measure::Metric(id) => format!("metric:{}", id.0),
        Measure::Kpi(id) => format!("kpi:{}", id.0),
    }
}

fn parse_measure(key: &str) -> Option<Measure> {
    let (kind, id) = key.split_once(':')?;
    let id = id.parse().ok()?;
    match kind {
        "metric" => Some(Measure::Metric(crate::domain::ids::MetricId(id))),
        "kpi" => Some(Measure::Kpi(crate::domain::ids::KpiId(id))),
        _ => None,
    }
}
