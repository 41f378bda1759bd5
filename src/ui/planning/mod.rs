//! Plan & what-if: the month's goal, where the rates come from, the
//! volume each department needs with its pace, the working days, and the
//! what-if with its sensitivity ranking (`whatif.rs`).

mod scenarios;
mod whatif;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use super::kpis::TargetMonth;
use super::select_options as options;
use super::state::{use_app, AppState};
use super::validated_input::ValidatedInput;
use crate::domain::departments::DepartmentId;
use crate::domain::edit::Edit;
use crate::domain::ids::MetricId;
use crate::domain::kpi::{parse_count_target, parse_target};
use crate::domain::month::Month;
use crate::domain::number::CountError;
use crate::domain::period::PeriodRange;
use crate::domain::plan::{KpiDisplay, MetricKind, Plan};
use crate::domain::planning::{
    japanese_holidays, months_read, working_days, Blocked, DealSize, Goal, GoalProblem, Holiday,
    MonthPlan, RateProblem, RateSource, Step,
};
use crate::i18n::{editable_number, format_count, format_money, format_rate, Problem, Texts};

/// The month read by rates and averages: the choices offered.
const MONTH_CHOICES: [u32; 4] = [1, 3, 6, 12];

#[component]
pub fn PlanningPage() -> impl IntoView {
    let state = use_app();
    let calc = Memo::new(move |_| {
        let (month, today) = (state.target_month.get(), state.today.get());
        state.plan.with(|p| MonthPlan::of(p, month, today))
    });
    view! {
        <section class="page planning" aria-labelledby="planning-heading">
            <h2 id="planning-heading">{state.tr(|t| t.planning.heading)}</h2>
            <p class="intro">{state.tr(|t| t.planning.intro)}</p>
            <TargetMonth label=state.tr(|t| t.planning.month) />
            <div class="planning-settings">
                <GoalCard calc=calc />
                <RatesCard calc=calc />
            </div>
            <NeededCard calc=calc />
            <whatif::WhatIf calc=calc />
            <scenarios::Scenarios calc=calc />
            <HolidaysCard />
        </section>
    }
}

/// What a click did, or why not: shown until the month or, by an undo or
/// another tab, the plan changes under it.
fn outcome() -> RwSignal<Option<Result<String, Problem>>> {
    let state = use_app();
    let message = RwSignal::new(None);
    Effect::new(move |seen: Option<(Month, u64)>| {
        let now = (state.target_month.get(), state.session.outside_changes());
        if seen.is_some_and(|seen| seen != now) {
            message.set(None);
        }
        now
    });
    message
}

#[component]
fn Outcome(message: RwSignal<Option<Result<String, Problem>>>) -> impl IntoView {
    let state = use_app();
    let class = move || match message.get() {
        Some(Err(_)) => "field-error",
        _ => "hint",
    };
    view! {
        <p aria-live="polite" class=class>
            {move || message.get().map(|m| m.unwrap_or_else(|p| state.texts().problem(&p)))}
        </p>
    }
}

/// The months a rate or an average reads: "Aug 2026 – Oct 2026".
fn months_text(t: &'static Texts, range: PeriodRange) -> String {
    let (first, last) = (range.first().month(), range.last().month());
    if first == last {
        t.month(first)
    } else {
        format!("{} – {}", t.month(first), t.month(last))
    }
}

/// A select's options for the months read, the chosen one selected.
fn month_options(state: AppState, chosen: u32) -> impl IntoView {
    let t = state.texts();
    let label = |m: u32| t.period_count(m as usize, crate::domain::period::Granularity::Month);
    // A file may hold another number of months: it is offered too.
    let stored = (!MONTH_CHOICES.contains(&chosen)).then_some(chosen);
    options(
        MONTH_CHOICES
            .iter()
            .copied()
            .chain(stored)
            .map(|m| (m.to_string(), label(m)))
            .collect(),
        chosen.to_string(),
    )
}

/// Options with fixed values and texts, the chosen one selected.
fn fixed_options<const N: usize>(
    choices: [(&'static str, &'static str); N],
    chosen: &str,
) -> impl IntoView {
    options(
        choices
            .iter()
            .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
            .collect(),
        chosen.to_owned(),
    )
}

#[component]
fn GoalCard(calc: Memo<MonthPlan>) -> impl IntoView {
    let state = use_app();
    let month = state.target_month;
    let stored = move || {
        state
            .plan
            .with(|p| p.planning.goals.get(&month.get()).copied())
    };
    // The kind the field is typed in: the stored goal's, or what was picked.
    let picked_revenue = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        month.track();
        picked_revenue.set(None);
    });
    let revenue = Signal::derive(move || {
        picked_revenue
            .get()
            .unwrap_or_else(|| matches!(stored(), Some(Goal::Revenue(_))))
    });
    let value = Signal::derive(move || {
        let currency = state.currency.get();
        match (stored(), revenue.get()) {
            (Some(Goal::Wins(n)), false) => n.to_string(),
            (Some(Goal::Revenue(n)), true) => {
                editable_number(n as f64, KpiDisplay::Money, currency)
            }
            _ => String::new(),
        }
    });
    let commit = Callback::new(move |text: String| {
        let month = month.get_untracked();
        // Clearing the field keeps the kind chosen for the next typing.
        picked_revenue.set(Some(revenue.get_untracked()));
        let goal = if revenue.get_untracked() {
            parse_target(&text, KpiDisplay::Money, state.currency.get_untracked())?
                .map(|minor| Goal::Revenue(minor as u64))
        } else {
            parse_count_target(&text)?.map(Goal::Wins)
        };
        state.dispatch(Edit::SetGoal(month, goal))
    });
    let goal_label = move || {
        Texts::fill(
            state.texts().planning.goal_value,
            &[&state.texts().month(month.get())],
        )
    };
    let wins_line = move || {
        let t = state.texts();
        match calc.with(|c| c.goal) {
            Ok(wins) => Texts::fill(t.planning.goal_is_wins, &[&format_count(wins)]),
            Err(problem) => goal_problem(t, problem).to_owned(),
        }
    };
    view! {
        <section class="card" aria-labelledby="goal-heading">
            <h3 id="goal-heading">{state.tr(|t| t.planning.goal_heading)}</h3>
            <div class="field">
                <label for="goal-kind">{state.tr(|t| t.planning.goal_kind)}</label>
                <select
                    id="goal-kind"
                    on:change=move |ev| picked_revenue.set(Some(event_target_value(&ev) == "revenue"))
                >
                    {move || {
                        let t = state.texts();
                        let chosen = if revenue.get() { "revenue" } else { "wins" };
                        fixed_options([("wins", t.planning.goal_wins), ("revenue", t.planning.goal_revenue)], chosen)
                    }}
                </select>
            </div>
            <div class="field">
                <label for="goal-value">{goal_label}</label>
                <ValidatedInput id="goal-value".to_owned() value=value on_commit=commit numeric=true class="short-input" />
                <p class="hint" aria-live="polite">{wins_line}</p>
            </div>
            {move || revenue.get().then(|| view! { <DealSizeFields /> })}
        </section>
    }
}

fn goal_problem(t: &'static Texts, problem: GoalProblem) -> &'static str {
    match problem {
        GoalProblem::NoGoal => t.planning.blocked_no_goal,
        GoalProblem::Zero => t.planning.blocked_zero_goal,
        GoalProblem::NoDealSize => t.planning.blocked_no_deal_size,
        GoalProblem::TooLarge => t.planning.blocked_too_large,
    }
}

#[component]
fn DealSizeFields() -> impl IntoView {
    let state = use_app();
    let size = move || state.plan.with(|p| p.planning.deal_size);
    let error = RwSignal::new(None::<Problem>);
    let set = move |size: DealSize| error.set(state.dispatch(Edit::SetDealSize(size)).err());
    let money_metrics = move || {
        state.plan.with(|p| {
            p.metrics
                .iter()
                .filter(|m| m.kind == MetricKind::Money)
                .map(|m| (m.id.0.to_string(), m.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    // Typing starts from the counted average, or one unit of the currency.
    let typed_start = move || {
        let (month, today) = (
            state.target_month.get_untracked(),
            state.today.get_untracked(),
        );
        state.plan.with_untracked(|p| {
            let counted = p
                .deal_size(month, today)
                .map(|(revenue, wins)| revenue.div_ceil(wins));
            DealSize::Typed(counted.unwrap_or(p.currency.minor_per_major()))
        })
    };
    let typed = Signal::derive(move || match size() {
        DealSize::Typed(minor) => {
            editable_number(minor as f64, KpiDisplay::Money, state.currency.get())
        }
        DealSize::Average { .. } => String::new(),
    });
    let set_typed = Callback::new(move |text: String| {
        // Only the select changes where the deal size comes from.
        let minor = parse_target(&text, KpiDisplay::Money, state.currency.get_untracked())?
            .ok_or(Problem::Count(CountError::Empty))?;
        state.dispatch(Edit::SetDealSize(DealSize::Typed(minor as u64)))
    });
    let counted = state.text(move |t| {
        let (month, today) = (state.target_month.get(), state.today.get());
        let DealSize::Average { months, .. } = size() else {
            return String::new();
        };
        state.plan.with(|p| match p.deal_size(month, today) {
            Some((revenue, wins)) => {
                let currency = p.currency;
                Texts::fill(
                    t.planning.deal_size_is,
                    &[
                        &format_money(revenue as f64 / wins as f64, currency),
                        &format_money(revenue as f64, currency),
                        &format_count(wins),
                        &months_text(t, months_read(month, today, months)),
                    ],
                )
            }
            None => t.planning.blocked_no_deal_size.to_owned(),
        })
    });
    view! {
        <div class="field">
            <label for="deal-size-source">{state.tr(|t| t.planning.deal_size)}</label>
            <select
                id="deal-size-source"
                on:change=move |ev| {
                    set(if event_target_value(&ev) == "typed" { typed_start() } else { DealSize::default() })
                }
            >
                {move || {
                    let t = state.texts();
                    let chosen = if matches!(size(), DealSize::Typed(_)) { "typed" } else { "counted" };
                    fixed_options([("counted", t.planning.deal_size_counted), ("typed", t.planning.deal_size_typed)], chosen)
                }}
            </select>
        </div>
        {move || match size() {
            DealSize::Typed(_) => view! {
                <div class="field">
                    <label for="deal-size-typed">{state.tr(|t| t.planning.deal_size_value)}</label>
                    <ValidatedInput id="deal-size-typed".to_owned() value=typed on_commit=set_typed numeric=true class="short-input" />
                </div>
            }
            .into_any(),
            DealSize::Average { metric, months } => view! {
                <div class="field-row">
                    <label>
                        {state.tr(|t| t.planning.deal_size_metric)} " "
                        <select on:change=move |ev| {
                            let metric = event_target_value(&ev).parse().ok().map(MetricId);
                            set(DealSize::Average { metric, months });
                        }>
                            <option value="" selected=metric.is_none()>{state.tr(|t| t.planning.deal_metric_auto)}</option>
                            {options(money_metrics(), metric.map(|m| m.0.to_string()).unwrap_or_default())}
                        </select>
                    </label>
                    <label>
                        {state.tr(|t| t.planning.months_read)} " "
                        <select on:change=move |ev| {
                            if let Ok(months) = event_target_value(&ev).parse() {
                                set(DealSize::Average { metric, months });
                            }
                        }>
                            {month_options(state, months)}
                        </select>
                    </label>
                </div>
            }
            .into_any(),
        }}
        <p class="hint" aria-live="polite">{counted}</p>
        <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
    }
}

#[component]
fn RatesCard(calc: Memo<MonthPlan>) -> impl IntoView {
    let state = use_app();
    let source = move || state.plan.with(|p| p.planning.rate_source);
    let error = RwSignal::new(None::<Problem>);
    let choose = move |value: String| {
        let edit = match value.as_str() {
            "targets" => Edit::SetRateSource(RateSource::Targets),
            "typed" => typed_from_current(state, calc),
            _ => Edit::SetRateSource(RateSource::default()),
        };
        error.set(state.dispatch(edit).err());
    };
    let explanation = state.text(move |t| {
        let month = state.target_month.get();
        match source() {
            RateSource::Targets => Texts::fill(t.planning.rates_from_targets, &[&t.month(month)]),
            RateSource::Actual { months } => Texts::fill(
                t.planning.rates_from_actual,
                &[&months_text(
                    t,
                    months_read(month, state.today.get(), months),
                )],
            ),
            RateSource::Typed => t.planning.rates_from_typed.to_owned(),
        }
    });
    view! {
        <section class="card" aria-labelledby="rates-heading">
            <h3 id="rates-heading">{state.tr(|t| t.planning.rates_heading)}</h3>
            <div class="field">
                <label for="rate-source">{state.tr(|t| t.planning.rate_source)}</label>
                <select id="rate-source" on:change=move |ev| choose(event_target_value(&ev))>
                    {move || {
                        let t = state.texts();
                        let chosen = match source() {
                            RateSource::Targets => "targets",
                            RateSource::Actual { .. } => "actual",
                            RateSource::Typed => "typed",
                        };
                        fixed_options(
                            [
                                ("targets", t.planning.source_targets),
                                ("actual", t.planning.source_actual),
                                ("typed", t.planning.source_typed),
                            ],
                            chosen,
                        )
                    }}
                </select>
            </div>
            {move || match source() {
                RateSource::Actual { months } => Some(view! {
                    <div class="field">
                        <label for="rate-months">{state.tr(|t| t.planning.months_read)}</label>
                        <select id="rate-months" on:change=move |ev| {
                            if let Ok(months) = event_target_value(&ev).parse() {
                                error.set(state.dispatch(Edit::SetRateSource(RateSource::Actual { months })).err());
                            }
                        }>
                            {month_options(state, months)}
                        </select>
                    </div>
                }),
                _ => None,
            }}
            <p class="hint" aria-live="polite">{explanation}</p>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </section>
    }
}

/// Switching to typed rates starts from the rates in use, so nothing
/// computed so far is lost: one change, undone as one.
fn typed_from_current(state: AppState, calc: Memo<MonthPlan>) -> Edit {
    let mut edits = vec![Edit::SetRateSource(RateSource::Typed)];
    state.plan.with_untracked(|p| {
        calc.with_untracked(|c| {
            for (node, requirement) in c.tree.nodes.iter().zip(&c.requirements) {
                let (Some((step, _)), Some(Ok(rate))) = (node.feeds, requirement.rate) else {
                    continue;
                };
                if p.planning.typed_rate(step).is_none() {
                    edits.push(Edit::SetTypedRate(step, Some(rate.fraction())));
                }
            }
        })
    });
    Edit::Batch(edits)
}

/// A row of the needed-volumes table: a department's heading or a volume.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Row {
    Department(DepartmentId),
    Volume(MetricId),
}

#[component]
fn NeededCard(calc: Memo<MonthPlan>) -> impl IntoView {
    let state = use_app();
    let rows = move || {
        calc.with(|c| {
            c.departments
                .iter()
                .flat_map(|(d, nodes)| {
                    std::iter::once(Row::Department(*d))
                        .chain(nodes.iter().map(|&i| Row::Volume(c.tree.nodes[i].metric)))
                })
                .collect::<Vec<_>>()
        })
    };
    let message = outcome();
    let promote = move |_| {
        let month = state.target_month.get_untracked();
        let edit = state
            .plan
            .with_untracked(|p| calc.with_untracked(|c| c.count_targets(p)));
        let Edit::Batch(edits) = &edit else { return };
        let stages = edits.len();
        let t = state.texts_untracked();
        message.set(Some(state.dispatch(edit).map(|()| {
            Texts::fill(
                t.planning.targets_set,
                &[&t.month(month), &stages.to_string()],
            )
        })));
    };
    let can_promote = move || {
        state
            .plan
            .with(|p| calc.with(|c| !c.count_targets(p).is_empty()))
    };
    let working_days = state.text(move |t| {
        let month = state.target_month.get();
        let days = state
            .plan
            .with(|p| working_days(month, &p.planning.holidays));
        let worked = days.iter().filter(|d| **d < state.today.get()).count();
        Texts::fill(
            t.planning.working_days_summary,
            &[
                &t.month(month),
                &days.len().to_string(),
                &worked.to_string(),
                &(days.len() - worked).to_string(),
            ],
        )
    });
    let heading = state.text(move |t| {
        Texts::fill(
            t.planning.required_heading,
            &[&t.month(state.target_month.get())],
        )
    });
    let set_targets = state.text(move |t| {
        Texts::fill(
            t.planning.set_targets,
            &[&t.month(state.target_month.get())],
        )
    });
    view! {
        <section class="card needed" aria-labelledby="needed-heading">
            <h3 id="needed-heading">{heading}</h3>
            <div class="table-scroll" tabindex="0">
                <table class="needed-table">
                    <thead>
                        <tr>
                            <th scope="col">{state.tr(|t| t.planning.col_volume)}</th>
                            <th scope="col">{state.tr(|t| t.planning.col_rate)}</th>
                            <th scope="col" class="number">{state.tr(|t| t.planning.col_required)}</th>
                            <th scope="col" class="number">{state.tr(|t| t.planning.col_so_far)}</th>
                            <th scope="col" class="number">{state.tr(|t| t.planning.col_pace)}</th>
                            <th scope="col" class="number">{state.tr(|t| t.planning.col_per_day)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|row| *row let:row>
                            {match row {
                                Row::Department(id) => view! { <DepartmentRow id=id /> }.into_any(),
                                Row::Volume(metric) => view! { <NeededRow metric=metric calc=calc /> }.into_any(),
                            }}
                        </For>
                    </tbody>
                </table>
            </div>
            <p class="hint">{working_days}</p>
            <div class="notice-actions">
                <button type="button" disabled=move || !can_promote() on:click=promote>
                    {set_targets}
                </button>
            </div>
            <Outcome message=message />
        </section>
    }
}

#[component]
fn DepartmentRow(id: DepartmentId) -> impl IntoView {
    let state = use_app();
    let style = move || {
        state
            .plan
            .with(|p| p.department(id).map(|d| super::department_style(d.hue)))
    };
    view! {
        <tr class="department-row">
            <th scope="colgroup" colspan="6">
                <span class="swatch" style=style></span>
                {move || state.department_name(id)}
            </th>
        </tr>
    }
}

/// Why a volume could not be computed, in the page's words.
pub(super) fn blocked_text(
    t: &'static Texts,
    plan: &Plan,
    month: Month,
    today: NaiveDate,
    blocked: Blocked,
) -> String {
    let p = &t.planning;
    match blocked {
        Blocked::Goal(problem) => goal_problem(t, problem).to_owned(),
        Blocked::After => p.blocked_after.to_owned(),
        Blocked::TooLarge => p.blocked_too_large.to_owned(),
        Blocked::Rate(RateProblem::Zero) => p.blocked_zero_rate.to_owned(),
        Blocked::Rate(RateProblem::Over100) => p.blocked_over_100.to_owned(),
        Blocked::Rate(RateProblem::Missing) => match plan.planning.rate_source {
            RateSource::Targets => Texts::fill(p.blocked_missing_target, &[&t.month(month)]),
            RateSource::Actual { months } => Texts::fill(
                p.blocked_missing_actual,
                &[&months_text(t, months_read(month, today, months))],
            ),
            RateSource::Typed => p.blocked_missing_typed.to_owned(),
        },
    }
}

/// The name of a node's metric, and what its step converts into.
fn step_text(plan: &Plan, step: Step, into: MetricId) -> String {
    let into = plan
        .metric(into)
        .map(|m| m.name.as_str())
        .unwrap_or_default();
    match step.kpi().and_then(|kpi| plan.kpi(kpi)) {
        Some(kpi) => format!("→ {into} ({})", kpi.name),
        None => format!("→ {into}"),
    }
}

#[component]
fn NeededRow(metric: MetricId, calc: Memo<MonthPlan>) -> impl IntoView {
    let state = use_app();
    let index = move || calc.with(|c| c.tree.position(metric));
    let name = move || {
        state
            .plan
            .with(|p| p.metric(metric).map(|m| m.name.clone()).unwrap_or_default())
    };
    // Lookups by index read the same memo value as `index`, and still
    // never panic: a row of a node that is gone shows nothing.
    let step = move || index().and_then(|i| calc.with(|c| c.tree.nodes.get(i)?.feeds));
    let typed = move || {
        state
            .plan
            .with(|p| p.planning.rate_source == RateSource::Typed)
    };
    let rate_cell = move || {
        let t = state.texts();
        let into = step().and_then(|(step, into)| {
            Some((
                step,
                calc.with(|c| c.tree.nodes.get(into).map(|n| n.metric))?,
            ))
        });
        let (Some(i), Some((step, into))) = (index(), into) else {
            return view! { <span>{t.planning.goal_heading}</span> }.into_any();
        };
        let describe = state.plan.with(|p| step_text(p, step, into));
        let rate = calc.with(|c| c.requirements.get(i).and_then(|r| r.rate));
        if typed() {
            let field = format!("typed-rate-{}", metric.0);
            let value = Signal::derive(move || {
                state.plan.with(|p| {
                    p.planning
                        .typed_rate(step)
                        .map(|r| editable_number(r, KpiDisplay::Percent, p.currency))
                        .unwrap_or_default()
                })
            });
            let commit = Callback::new(move |text: String| {
                let rate =
                    parse_target(&text, KpiDisplay::Percent, state.currency.get_untracked())?;
                state.dispatch(Edit::SetTypedRate(step, rate))
            });
            let label =
                Signal::derive(move || Texts::fill(state.texts().planning.rate_of, &[&name()]));
            view! {
                <span class="typed-rate">
                    <ValidatedInput id=field value=value on_commit=commit numeric=true class="short-input" label=label />
                    "% " {describe}
                </span>
            }
            .into_any()
        } else {
            let shown = match rate {
                Some(Ok(rate)) => format_rate(Some(rate.fraction())),
                _ => "—".to_owned(),
            };
            view! { <span>{shown} " " {describe}</span> }.into_any()
        }
    };
    let numbers = move || {
        let t = state.texts();
        let row = index().and_then(|i| {
            calc.with(|c| {
                Some((
                    c.requirements.get(i)?.clone(),
                    *c.so_far.get(i)?,
                    *c.pace.get(i)?,
                ))
            })
        });
        let Some((requirement, so_far, pace)) = row else {
            return view! { <td colspan="4"></td> }.into_any();
        };
        match (requirement.volume, pace) {
            (Ok(required), Some(pace)) => {
                let status = match pace.on_pace() {
                    Some(true) => t.planning.on_pace,
                    Some(false) => t.planning.behind,
                    None => t.planning.no_pace_yet,
                };
                let projected = pace.projected.map_or_else(|| "—".to_owned(), format_count);
                let per_day = pace.per_day.map_or_else(|| "—".to_owned(), format_count);
                let class = match pace.on_pace() {
                    Some(false) => "number behind",
                    _ => "number",
                };
                view! {
                    <td class="number"><strong>{format_count(required)}</strong></td>
                    <td class="number">{format_count(so_far)}</td>
                    <td class=class>{projected} " (" {status} ")"</td>
                    <td class="number">{per_day}</td>
                }
                .into_any()
            }
            (volume, _) => {
                let blocked = volume.err().unwrap_or(Blocked::After);
                let (month, today) = (state.target_month.get(), state.today.get());
                let text = state
                    .plan
                    .with(|p| blocked_text(t, p, month, today, blocked));
                view! {
                    <td colspan="4" class="blocked">{text}</td>
                }
                .into_any()
            }
        }
    };
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td>{rate_cell}</td>
            {numbers}
        </tr>
    }
}

#[component]
fn HolidaysCard() -> impl IntoView {
    let state = use_app();
    let holidays = move || state.plan.with(|p| p.planning.holidays.to_vec());
    let error = RwSignal::new(None::<Problem>);
    let set = move |change: &dyn Fn(&mut Vec<Holiday>)| {
        let mut days = state.plan.with_untracked(|p| p.planning.holidays.clone());
        change(&mut days);
        error.set(state.dispatch(Edit::SetHolidays(days)).err());
    };
    let add_japan_label = state.text(move |t| {
        let year = state.today.get().year();
        Texts::fill(
            t.planning.add_japan_holidays,
            &[&year.to_string(), &(year + 1).to_string()],
        )
    });
    let add_japan = move |_| {
        let year = state.today.get_untracked().year();
        set(&|days| {
            days.extend(
                [year, year + 1]
                    .into_iter()
                    .flat_map(japanese_holidays)
                    .map(Holiday),
            );
        });
    };
    let add_day = move |ev: leptos::ev::Event| {
        if let Some(day) = crate::domain::period::parse_iso_day(&event_target_value(&ev)) {
            set(&|days| days.push(Holiday(day)));
        }
    };
    view! {
        <section class="card holidays" aria-labelledby="holidays-heading">
            <h3 id="holidays-heading">{state.tr(|t| t.planning.holidays_heading)}</h3>
            <p class="hint">{state.tr(|t| t.planning.holidays_intro)}</p>
            <div class="notice-actions">
                <button type="button" on:click=add_japan>{add_japan_label}</button>
                <label>
                    {state.tr(|t| t.planning.add_holiday)} " "
                    <input type="date" on:change=add_day />
                </label>
            </div>
            <details>
                <summary>{state.text(move |t| Texts::fill(t.planning.holidays_count, &[&holidays().len().to_string()]))}</summary>
                {move || holidays().is_empty().then(|| view! { <p class="empty-hint">{state.tr(|t| t.planning.no_holidays)}</p> })}
                <ul class="holiday-list">
                    {move || {
                        let t = state.texts();
                        holidays()
                            .into_iter()
                            .map(|day| {
                                let label = t.date(day.0);
                                let remove = Texts::fill(t.planning.remove_holiday, &[&label]);
                                view! {
                                    <li>
                                        {label}
                                        " "
                                        <button type="button" class="small" aria-label=remove on:click=move |_| set(&|days| days.retain(|d| *d != day))>"×"</button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </details>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </section>
    }
}
