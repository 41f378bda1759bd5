//! The KPIs page: plan settings, each stage's metrics and KPIs with their
//! monthly targets, and the shared KPIs. Every change applies at once.

use leptos::prelude::*;

use super::department_style;
use super::flow::focus_after_render;
use super::state::{use_app, AppState};
use super::validated_input::ValidatedInput;
use crate::domain::diagnosis::{default_reference_range, parse_reference_range};
use crate::domain::edit::{change_kpi, Edit};
use crate::domain::ids::{KpiId, MetricId, StageId};
use crate::domain::kpi::{parse_count_target, parse_target, rate_target_warning, RateWarning};
use crate::domain::money::Currency;
use crate::domain::number::parse_count;
use crate::domain::plan::EditError;
use crate::domain::plan::{Better, KpiDisplay, KpiDraft, KpiScope, MetricKind};
use crate::i18n::{editable_number, format_count, format_decimal, format_rate, Problem, Texts};

/// A lag typed into a field: a whole number of periods.
fn parse_lag(text: &str) -> Result<u32, Problem> {
    let value = parse_count(text)?;
    Ok(u32::try_from(value).map_err(|_| EditError::LagTooLarge)?)
}

#[component]
pub fn KpisPage() -> impl IntoView {
    let state = use_app();
    let stage_ids = move || state.stage_ids();
    view! {
        <section class="page" aria-labelledby="kpis-heading">
            <h2 id="kpis-heading">{state.tr(|t| t.kpis_heading)}</h2>
            <p class="intro">{state.tr(|t| t.kpis_intro)}</p>
            <PlanSettings />
            <TargetMonth label=state.tr(|t| t.targets_for) />
            <For each=stage_ids key=|id| *id let:id>
                <StageKpis id=id />
            </For>
            <section class="card" aria-labelledby="shared-kpi-defs">
                <h3 id="shared-kpi-defs">{state.tr(|t| t.shared_kpis)}</h3>
                <p class="hint">{state.tr(|t| t.shared_kpis_intro)}</p>
                <KpiTable scope=KpiScope::Shared />
            </section>
        </section>
    }
}

#[component]
fn PlanSettings() -> impl IntoView {
    let state = use_app();
    let margin = Signal::derive(move || state.plan.with(|p| p.at_risk_margin_percent.to_string()));
    let currency_error = RwSignal::new(None::<Problem>);
    let set_margin = Callback::new(move |text: String| {
        let value = parse_count(&text)?;
        let value = u32::try_from(value).map_err(|_| EditError::MarginTooLarge)?;
        state.dispatch(Edit::SetAtRiskMargin(value))
    });
    view! {
        <section class="card settings" aria-labelledby="settings-heading">
            <h3 id="settings-heading">{state.tr(|t| t.settings)}</h3>
            <div class="settings-fields">
                <div class="field">
                    <label for="plan-currency">{state.tr(|t| t.plan_currency)}</label>
                    <select
                        id="plan-currency"
                        prop:value=move || state.plan.with(|p| p.currency.code())
                        on:change=move |ev| {
                            if let Some(currency) = Currency::from_code(&event_target_value(&ev)) {
                                currency_error.set(state.dispatch(Edit::SetCurrency(currency)).err());
                            }
                        }
                    >
                        {Currency::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.code()>{format!("{} ({})", c.code(), c.symbol())}</option> })
                            .collect_view()}
                    </select>
                    <p class="field-error" aria-live="polite">{move || currency_error.get().map(|p| state.texts().problem(&p))}</p>
                </div>
                <div class="field">
                    <label for="at-risk-margin">{state.tr(|t| t.at_risk_margin)}</label>
                    <ValidatedInput id="at-risk-margin".to_owned() value=margin on_commit=set_margin numeric=true class="short-input" />
                    <p class="hint">{state.tr(|t| t.at_risk_margin_help)}</p>
                </div>
            </div>
        </section>
    }
}

/// The month whose targets are edited (shared by the KPIs and the Plan &
/// what-if pages), with ◀ ▶.
#[component]
pub(super) fn TargetMonth(label: Signal<&'static str>) -> impl IntoView {
    let state = use_app();
    let shift = move |months: i32| state.target_month.update(|m| *m = m.offset(months));
    view! {
        <div class="toolbar" role="group" aria-label=label>
            <span class="toolbar-field">{label}</span>
            <div class="range-stepper">
                <button type="button" aria-label=state.tr(|t| t.previous_month) on:click=move |_| shift(-1)>
                    "◀"
                </button>
                <strong class="range-label" aria-live="polite">
                    {move || state.texts().month(state.target_month.get())}
                </strong>
                <button type="button" aria-label=state.tr(|t| t.next_month) on:click=move |_| shift(1)>
                    "▶"
                </button>
            </div>
        </div>
    }
}

#[component]
fn StageKpis(id: StageId) -> impl IntoView {
    let state = use_app();
    let name = move || state.stage_name(id);
    let owner = move || state.stage_owner(id);
    let metric_ids = move || state.metric_ids(id);
    let is_first = move || state.plan.with(|p| p.index_of(id) == Some(0));
    let heading_id = format!("stage-kpis-{}", id.0);
    let labelled_by = heading_id.clone();
    let lag_id = format!("stage-lag-{}", id.0);
    let lag = Signal::derive(move || {
        state
            .plan
            .with(|p| p.stage(id).map_or(0, |s| s.lag).to_string())
    });
    let set_lag = Callback::new(move |text: String| {
        let value = parse_lag(&text)?;
        state.dispatch(Edit::SetStageLag(id, value))
    });
    let range_id = format!("stage-reference-range-{}", id.0);
    let reference_range = Signal::derive(move || {
        state.plan.with(|p| {
            p.stage(id)
                .and_then(|s| s.reference_range)
                .map(range_text)
                .unwrap_or_default()
        })
    });
    let set_reference_range = Callback::new(move |text: String| {
        let range = parse_reference_range(&text)?;
        state.dispatch(Edit::SetReferenceRange(id, range))
    });
    // What applies when the field is empty: the B2B default for the kind.
    let default_range_hint = move || {
        let kind = state
            .plan
            .with(|p| p.stage(id).map(|s| s.kind))
            .unwrap_or_default();
        let t = state.texts();
        match default_reference_range(kind) {
            Some(range) => Texts::fill(t.reference_range_default, &[&range_text(range)]),
            None => t.reference_range_none.to_owned(),
        }
    };
    let count_target_id = format!("stage-count-target-{}", id.0);
    let step_target_id = format!("stage-step-target-{}", id.0);
    let count_target = Signal::derive(move || {
        let month = state.target_month.get();
        state.plan.with(|p| {
            p.stage(id)
                .and_then(|s| s.count_targets.get(&month).map(|t| format_count(*t)))
                .unwrap_or_default()
        })
    });
    let set_count_target = Callback::new(move |text: String| {
        let value = parse_count_target(&text)?;
        let month = state.target_month.get_untracked();
        state.dispatch(Edit::SetCountTarget(id, month, value))
    });
    let step_target = Signal::derive(move || {
        let month = state.target_month.get();
        state.plan.with(|p| {
            p.stage(id)
                .and_then(|s| {
                    s.step_targets
                        .get(&month)
                        .map(|t| editable_number(*t, KpiDisplay::Percent, p.currency))
                })
                .unwrap_or_default()
        })
    });
    let set_step_target = Callback::new(move |text: String| {
        let currency = state.currency.get_untracked();
        let value = parse_target(&text, KpiDisplay::Percent, currency)?;
        let month = state.target_month.get_untracked();
        state.dispatch(Edit::SetStepTarget(id, month, value))
    });
    let month_label = move || state.texts().month(state.target_month.get());
    view! {
        <section class="card stage-kpis" style=move || owner().map(|o| department_style(o.hue)) aria-labelledby=labelled_by>
            <h3 id=heading_id>
                <span class="swatch" aria-hidden="true"></span>
                {name}
                <span class="stage-owner">{move || owner().map(|o| o.name)}</span>
            </h3>
            <div class="stage-settings">
                <div class="field">
                    <label for=count_target_id.clone()>
                        {state.tr(|t| t.count_target)} " (" {month_label} ")"
                    </label>
                    // Re-created per month, so a half-typed value never shows
                    // under another month's label.
                    {move || {
                        state.target_month.track();
                        view! {
                            <ValidatedInput
                                id=count_target_id.clone()
                                value=count_target
                                on_commit=set_count_target
                                numeric=true
                                class="target-input"
                            />
                        }
                    }}
                </div>
                <Show when=move || !is_first()>
                    <div class="field">
                        <label for=step_target_id.clone()>
                            {state.tr(|t| t.step_target)} " (" {month_label} ")"
                        </label>
                        {
                            let step_target_id = step_target_id.clone();
                            move || {
                            state.target_month.track();
                            view! {
                                <ValidatedInput
                                    id=step_target_id.clone()
                                    value=step_target
                                    on_commit=set_step_target
                                    class="target-input"
                                />
                            }
                        }
                        }
                        <p class="field-warning" aria-live="polite">
                            {move || {
                                let month = state.target_month.get();
                                let target = state.plan.with(|p| p.stage(id).and_then(|s| s.step_targets.get(&month).copied()));
                                rate_warning(state, target)
                            }}
                        </p>
                    </div>
                    <div class="field">
                        <label for=range_id.clone()>{state.tr(|t| t.reference_range_label)}</label>
                        <ValidatedInput id=range_id.clone() value=reference_range on_commit=set_reference_range class="target-input" />
                        <p class="hint">{default_range_hint}</p>
                    </div>
                    <div class="field">
                        <label for=lag_id.clone()>{state.tr(|t| t.step_lag)}</label>
                        <ValidatedInput id=lag_id.clone() value=lag on_commit=set_lag numeric=true class="short-input" />
                    </div>
                </Show>
            </div>
            <h4>{state.tr(|t| t.metrics)}</h4>
            <div class="table-scroll" tabindex="0">
                <table class="definition-table">
                    <thead>
                        <tr>
                            <th scope="col">{state.tr(|t| t.metric_name)}</th>
                            <th scope="col">{state.tr(|t| t.metric_kind)}</th>
                            <th scope="col">{state.tr(|t| t.lost_reason)}</th>
                            <th scope="col">{state.tr(|t| t.team.per_member)}</th>
                            <th scope="col"><span class="visually-hidden">{state.tr(|t| t.remove)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=metric_ids key=|id| *id let:metric>
                            <MetricDefinition id=metric />
                        </For>
                    </tbody>
                </table>
            </div>
            <AddMetric stage=id />
            <h4>{state.tr(|t| t.kpis)}</h4>
            <KpiTable scope=KpiScope::Stage(id) />
        </section>
    }
}

#[component]
fn MetricDefinition(id: MetricId) -> impl IntoView {
    let state = use_app();
    let name = Signal::derive(move || {
        state
            .plan
            .with(|p| p.metric(id).map(|m| m.name.clone()).unwrap_or_default())
    });
    let kind = move || {
        state
            .plan
            .with(|p| p.metric(id).map_or(MetricKind::Count, |m| m.kind))
    };
    let is_primary = move || {
        state
            .plan
            .with(|p| p.stages.iter().any(|s| s.primary_metric == id))
    };
    let lost = move || {
        state
            .plan
            .with(|p| p.metric(id).is_some_and(|m| m.lost_reason))
    };
    let per_member = move || state.plan.with(|p| p.counted_per_member(id));
    let error = RwSignal::new(None::<Problem>);
    // What switching the counting did to the counts so far.
    let switched = RwSignal::new(None::<bool>);
    let rename = Callback::new(move |text: String| state.dispatch(Edit::RenameMetric(id, text)));
    let label = move |what: &str| format!("{what}: {}", name.get());
    view! {
        <tr>
            <td>
                <span class="with-badge">
                    <ValidatedInput
                        id=format!("metric-name-{}", id.0)
                        value=name
                        on_commit=rename
                        label=Signal::derive(move || state.texts().metric_name.to_owned())
                    />
                    <Show when=is_primary>
                        <span class="badge">{state.tr(|t| t.stage_count_badge)}</span>
                    </Show>
                </span>
            </td>
            <td>
                <select
                    aria-label=move || label(state.texts().metric_kind)
                    prop:value=move || kind().key()
                    on:change=move |ev| {
                        if let Some(kind) = MetricKind::from_key(&event_target_value(&ev)) {
                            error.set(state.dispatch(Edit::SetMetricKind(id, kind)).err());
                        }
                    }
                >
                    {MetricKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.key()>{move || state.texts().metric_kind(k)}</option> })
                        .collect_view()}
                </select>
            </td>
            <td class="center">
                <input
                    type="checkbox"
                    aria-label=move || label(state.texts().lost_reason)
                    prop:checked=lost
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        let _ = state.dispatch(Edit::SetLostReason(id, checked));
                    }
                />
            </td>
            <td class="center">
                <input
                    type="checkbox"
                    aria-label=move || label(state.texts().team.per_member)
                    prop:checked=per_member
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        let result = state.dispatch(Edit::SetPerMember(id, checked));
                        switched.set(result.is_ok().then_some(checked));
                        error.set(result.err());
                    }
                />
            </td>
            <td>
                <button
                    type="button"
                    class="danger"
                    aria-label=move || label(state.texts().remove)
                    on:click=move |_| error.set(state.dispatch(Edit::RemoveMetric(id)).err())
                >
                    {state.tr(|t| t.remove)}
                </button>
                <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
                <p class="hint" aria-live="polite">
                    {move || {
                        let t = state.texts();
                        switched.get().map(|on| Texts::fill(if on { t.team.per_member_on } else { t.team.per_member_off }, &[&name.get()]))
                    }}
                </p>
            </td>
        </tr>
    }
}

#[component]
fn AddMetric(stage: StageId) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(MetricKind::Count);
    let lost = RwSignal::new(false);
    let error = RwSignal::new(None::<Problem>);
    let name_id = format!("new-metric-name-{}", stage.0);
    let kind_id = format!("new-metric-kind-{}", stage.0);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = name.get_untracked();
        let id = MetricId(state.session.fresh_id());
        let edit = Edit::AddMetric {
            id,
            stage,
            name: text,
            kind: kind.get_untracked(),
            lost_reason: lost.get_untracked(),
        };
        match state.dispatch(edit) {
            Ok(()) => {
                name.set(String::new());
                lost.set(false);
                error.set(None);
                focus_after_render(format!("metric-name-{}", id.0));
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <form class="add-row" on:submit=add>
            <div class="field">
                <label for=name_id.clone()>{state.tr(|t| t.new_metric_name)}</label>
                <input
                    id=name_id
                    type="text"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for=kind_id.clone()>{state.tr(|t| t.metric_kind)}</label>
                <select
                    id=kind_id
                    prop:value=move || kind.get().key()
                    on:change=move |ev| {
                        if let Some(k) = MetricKind::from_key(&event_target_value(&ev)) {
                            kind.set(k);
                        }
                    }
                >
                    {MetricKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.key()>{move || state.texts().metric_kind(k)}</option> })
                        .collect_view()}
                </select>
            </div>
            <label class="check-field">
                <input type="checkbox" prop:checked=move || lost.get() on:change=move |ev| lost.set(event_target_checked(&ev)) />
                {state.tr(|t| t.lost_reason)}
            </label>
            <button type="submit">"+ " {state.tr(|t| t.add_metric)}</button>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </form>
    }
}

/// The KPIs of one scope, each editable in place, and a button to add one.
#[component]
fn KpiTable(scope: KpiScope) -> impl IntoView {
    let state = use_app();
    let kpi_ids = move || {
        state
            .plan
            .with(|p| p.kpis_in(scope).map(|k| k.id).collect::<Vec<_>>())
    };
    let error = RwSignal::new(None::<Problem>);
    let add = move |_| {
        let t = state.texts();
        let draft = state
            .plan
            .with_untracked(|p| p.new_kpi_draft(scope, t.new_kpi_name));
        let Some(draft) = draft else { return };
        let id = KpiId(state.session.fresh_id());
        match state.dispatch(Edit::AddKpi(id, draft)) {
            Ok(()) => {
                error.set(None);
                focus_after_render(format!("kpi-name-{}", id.0));
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let month_label = move || state.texts().month(state.target_month.get());
    view! {
        <Show
            when=move || !kpi_ids().is_empty()
            fallback=move || view! { <p class="hint">{state.tr(|t| t.no_kpis)}</p> }
        >
            <div class="table-scroll" tabindex="0">
                <table class="definition-table kpi-definitions">
                    <thead>
                        <tr>
                            <th scope="col">{state.tr(|t| t.kpi_name)}</th>
                            <th scope="col">{state.tr(|t| t.numerator)}</th>
                            <th scope="col">{state.tr(|t| t.denominator)}</th>
                            <th scope="col">{state.tr(|t| t.shown_as)}</th>
                            <th scope="col">{state.tr(|t| t.better)}</th>
                            <th scope="col">{state.tr(|t| t.lag)}</th>
                            <th scope="col">{state.tr(|t| t.target)} " " {month_label}</th>
                            <th scope="col"><span class="visually-hidden">{state.tr(|t| t.remove)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=kpi_ids key=|id| *id let:id>
                            <KpiDefinition id=id />
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
        <div class="row-actions">
            <button type="button" on:click=add>
                "+ "
                {move || if scope == KpiScope::Shared { state.texts().add_shared_kpi } else { state.texts().add_kpi }}
            </button>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </div>
    }
}

#[component]
fn KpiDefinition(id: KpiId) -> impl IntoView {
    let state = use_app();
    let kpi = move || state.plan.with(|p| p.kpi(id).cloned());
    let name = Signal::derive(move || kpi().map(|k| k.name).unwrap_or_default());
    let error = RwSignal::new(None::<Problem>);
    // Changes one field of the KPI; the domain checks the result.
    let change_with = move |apply: Box<dyn FnOnce(&mut KpiDraft)>| {
        let edit = state.plan.with_untracked(|p| change_kpi(p, id, apply))?;
        state.dispatch(edit)
    };
    let change = move |apply: Box<dyn FnOnce(&mut KpiDraft)>| {
        error.set(change_with(apply).err());
    };
    let rename = Callback::new(move |text: String| change_with(Box::new(|d| d.name = text)));
    let lag = Signal::derive(move || kpi().map_or(0, |k| k.lag).to_string());
    let set_lag = Callback::new(move |text: String| {
        let value = parse_lag(&text)?;
        change_with(Box::new(move |d| d.lag = value))
    });
    let target = Signal::derive(move || {
        let month = state.target_month.get();
        state.plan.with(|p| {
            p.kpi(id)
                .and_then(|k| {
                    k.targets
                        .get(&month)
                        .map(|t| editable_number(*t, k.display, p.currency))
                })
                .unwrap_or_default()
        })
    });
    let set_target = Callback::new(move |text: String| {
        let (display, currency) = state
            .plan
            .with_untracked(|p| (p.kpi(id).map(|k| k.display), p.currency));
        let Some(display) = display else {
            return Ok(());
        };
        let value = parse_target(&text, display, currency)?;
        let month = state.target_month.get_untracked();
        state.dispatch(Edit::SetKpiTarget(id, month, value))
    });
    let label = move |what: &str| format!("{what}: {}", name.get());
    let lag_label = Signal::derive(move || label(state.texts().lag));
    let target_label = Signal::derive(move || label(state.texts().target));
    let metric_options = move || {
        state.plan.with(|p| {
            p.stages
                .iter()
                .map(|s| {
                    let options = p
                        .metrics_of(s.id)
                        .map(|m| view! { <option value=m.id.0.to_string()>{m.name.clone()}</option> })
                        .collect_view();
                    view! { <optgroup label=s.name.clone()>{options}</optgroup> }
                })
                .collect_view()
        })
    };
    let metric_select = move |which: &'static str, numerator: bool| {
        view! {
            <select
                aria-label=move || label(which)
                prop:value=move || {
                    kpi().map(|k| if numerator { k.numerator } else { k.denominator }).map(|m| m.0.to_string())
                }
                on:change=move |ev| {
                    if let Ok(metric) = event_target_value(&ev).parse().map(MetricId) {
                        change(Box::new(move |d| if numerator { d.numerator = metric } else { d.denominator = metric }));
                    }
                }
            >
                {metric_options}
            </select>
        }
    };
    view! {
        <tr>
            <td>
                <ValidatedInput
                    id=format!("kpi-name-{}", id.0)
                    value=name
                    on_commit=rename
                    label=Signal::derive(move || state.texts().kpi_name.to_owned())
                />
            </td>
            <td>{move || metric_select(state.texts().numerator, true)}</td>
            <td>{move || metric_select(state.texts().denominator, false)}</td>
            <td>
                <select
                    aria-label=move || label(state.texts().shown_as)
                    prop:value=move || kpi().map(|k| k.display.key())
                    on:change=move |ev| {
                        if let Some(display) = KpiDisplay::from_key(&event_target_value(&ev)) {
                            change(Box::new(move |d| d.display = display));
                        }
                    }
                >
                    {KpiDisplay::ALL
                        .into_iter()
                        .map(|d| view! { <option value=d.key()>{move || state.texts().kpi_display(d)}</option> })
                        .collect_view()}
                </select>
            </td>
            <td>
                <select
                    aria-label=move || label(state.texts().better)
                    prop:value=move || kpi().map(|k| if k.better == Better::Higher { "higher" } else { "lower" })
                    on:change=move |ev| {
                        let better = if event_target_value(&ev) == "lower" { Better::Lower } else { Better::Higher };
                        change(Box::new(move |d| d.better = better));
                    }
                >
                    <option value="higher">{move || state.texts().better_name(Better::Higher)}</option>
                    <option value="lower">{move || state.texts().better_name(Better::Lower)}</option>
                </select>
            </td>
            <td>
                <ValidatedInput
                    id=format!("kpi-lag-{}", id.0)
                    value=lag
                    on_commit=set_lag
                    numeric=true
                    class="short-input"
                    label=lag_label
                />
            </td>
            <td>
                {move || {
                    state.target_month.track();
                    view! {
                        <ValidatedInput
                            id=format!("kpi-target-{}", id.0)
                            value=target
                            on_commit=set_target
                            class="target-input"
                            label=target_label
                        />
                    }
                }}
                <p class="field-warning" aria-live="polite">
                    {move || {
                        let month = state.target_month.get();
                        let target = state.plan.with(|p| {
                            p.kpi(id).filter(|k| k.display == KpiDisplay::Percent).and_then(|k| k.targets.get(&month).copied())
                        });
                        rate_warning(state, target)
                    }}
                </p>
            </td>
            <td>
                <button
                    type="button"
                    class="danger"
                    aria-label=move || label(state.texts().remove)
                    on:click=move |_| error.set(state.dispatch(Edit::RemoveKpi(id)).err())
                >
                    {state.tr(|t| t.remove)}
                </button>
                <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
            </td>
        </tr>
    }
}

/// Says when a rate target is accepted but probably not what was meant.
fn rate_warning(state: AppState, target: Option<f64>) -> Option<String> {
    let t = state.texts();
    Some(match rate_target_warning(target?)? {
        RateWarning::OverHundred => t.target_over_100.to_owned(),
        RateWarning::LooksLikeFraction => {
            let meant = target.map(|t| t * 100.0);
            Texts::fill(
                t.target_looks_like_fraction,
                &[&format_rate(target), &format_rate(meant)],
            )
        }
    })
}

/// A reference range as typed: "15–30".
fn range_text((low, high): (f64, f64)) -> String {
    format!(
        "{}–{}",
        format_decimal(low * 100.0, 1).trim_end_matches(".0"),
        format_decimal(high * 100.0, 1).trim_end_matches(".0")
    )
}
