//! A cycle's four parts. Every change is the whole cycle changed through
//! one `ChangeCycle` edit; a closed cycle's fields are disabled (and the
//! core refuses changes to it anyway).

use leptos::prelude::*;

use crate::domain::actions::ActionId;
use crate::domain::edit::Edit;
use crate::domain::kpi::{parse_count_target, parse_target};
use crate::domain::pdca::check::check;
use crate::domain::pdca::{planned_targets, Cycle, CycleId, Decision, Goal, Target};
use crate::domain::period::parse_iso_day;
use crate::domain::plan::{KpiDisplay, Plan, StageId};
use crate::i18n::{editable_number, format_count, Problem, Texts};
use crate::ui::actions::ActionRow;
use crate::ui::state::{use_app, AppState};
use crate::ui::validated_input::ValidatedInput;

type Shown = Memo<Option<Cycle>>;

/// Changes the cycle through one edit.
fn change(state: AppState, cycle: Shown, update: impl FnOnce(&mut Cycle)) -> Result<(), Problem> {
    let Some(mut changed) = cycle.get_untracked() else {
        return Ok(());
    };
    update(&mut changed);
    state.dispatch(Edit::ChangeCycle(Box::new(changed)))
}

/// A goal as an option value and in field ids.
fn goal_key(goal: Goal) -> String {
    match goal {
        Goal::Kpi(k) => format!("k{}", k.0),
        Goal::Count(s) => format!("s{}", s.0),
    }
}

/// A goal's name, and how its values read: a KPI's display, or a count.
pub(super) fn goal_of(plan: &Plan, t: &Texts, goal: Goal) -> (String, Option<KpiDisplay>) {
    match goal {
        Goal::Kpi(kpi) => plan
            .kpi(kpi)
            .map_or((String::new(), None), |k| (k.name.clone(), Some(k.display))),
        Goal::Count(stage) => {
            let name = plan
                .stage(stage)
                .and_then(|s| plan.metric(s.primary_metric))
                .map_or(String::new(), |m| m.name.clone());
            (Texts::fill(t.pdca.count_of, &[&name]), None)
        }
    }
}

pub(super) fn value_text(
    state: AppState,
    display: Option<KpiDisplay>,
    value: Option<f64>,
) -> String {
    match display {
        Some(display) => state
            .texts()
            .kpi_value(value, display, state.currency.get()),
        None => value.map_or_else(|| "—".to_owned(), |v| format_count(v.round() as u64)),
    }
}

/// A list of lines (hypotheses, decisions) with a field to add one.
fn add_line(
    state: AppState,
    label: fn(&'static Texts) -> &'static str,
    add: impl Fn(String) -> Result<(), Problem> + Copy + Send + Sync + 'static,
    id: String,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Problem>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = add(text.get_untracked());
        if result.is_ok() {
            text.set(String::new());
        }
        error.set(result.err());
    };
    view! {
        <form class="inline-form" on:submit=submit>
            <label for=id.clone()>{state.tr(label)}</label>
            <input id=id type="text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
            <button type="submit">"+"</button>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </form>
    }
}

#[component]
pub fn PlanPart(id: CycleId, cycle: Shown) -> impl IntoView {
    let state = use_app();
    let error = RwSignal::new(None::<Problem>);
    let day = move |start: bool| {
        cycle.with(|c| {
            c.as_ref()
                .map(|c| if start { c.start } else { c.end }.to_string())
        })
    };
    // A refused day puts the field back to the cycle's, beside the message.
    let set_day = move |ev: leptos::ev::Event, start: bool| {
        let result = match parse_iso_day(&event_target_value(&ev)) {
            Some(picked) => change(state, cycle, |c| {
                if start {
                    c.start = picked;
                } else {
                    c.end = picked;
                }
            }),
            None => Ok(()),
        };
        if result.is_err() {
            let old = untrack(move || day(start)).unwrap_or_default();
            event_target::<web_sys::HtmlInputElement>(&ev).set_value(&old);
        }
        error.set(result.err());
    };
    let retake = move |_| {
        let targets = state.plan.with_untracked(|p| {
            cycle.with_untracked(|c| c.as_ref().map(|c| planned_targets(p, c.start, c.end)))
        });
        if let Some(targets) = targets {
            error.set(change(state, cycle, |c| c.targets = targets).err());
        }
    };
    let targets = Memo::new(move |_| {
        cycle.with(|c| {
            c.as_ref()
                .map(|c| c.targets.iter().map(|t| t.goal).collect::<Vec<_>>())
        })
    });
    // Goals not targeted yet: every KPI, then every stage's count.
    let untargeted = move || {
        let t = state.texts();
        let taken = targets.get().unwrap_or_default();
        state.plan.with(|p| {
            p.kpis
                .iter()
                .map(|k| Goal::Kpi(k.id))
                .chain(p.stages.iter().map(|s| Goal::Count(s.id)))
                .filter(|g| !taken.contains(g))
                .map(|g| (goal_key(g), goal_of(p, t, g).0))
                .collect::<Vec<_>>()
        })
    };
    let add_target = move |ev| {
        let key = event_target_value(&ev);
        let goal = state.plan.with_untracked(|p| {
            p.kpis
                .iter()
                .map(|k| Goal::Kpi(k.id))
                .chain(p.stages.iter().map(|s| Goal::Count(s.id)))
                .find(|g| goal_key(*g) == key)
        });
        if let Some(goal) = goal {
            let result = change(state, cycle, |c| {
                c.targets.push(Target { goal, value: 0.0 })
            });
            if result.is_ok() {
                crate::ui::flow::focus_after_render(format!("cycle-target-{key}"));
            }
            error.set(result.err());
        }
    };
    let stages = move || {
        state.plan.with(|p| {
            p.stages
                .iter()
                .map(|s| (s.id, s.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let focus = Memo::new(move |_| cycle.with(|c| c.as_ref().and_then(|c| c.focus)));
    let set_focus = move |ev| {
        let stage = event_target_value(&ev).parse().ok().map(StageId);
        error.set(change(state, cycle, |c| c.focus = stage).err());
    };
    let hypotheses = Memo::new(move |_| {
        cycle.with(|c| c.as_ref().map(|c| c.hypotheses.clone()).unwrap_or_default())
    });
    let add_hypothesis = move |text: String| change(state, cycle, |c| c.hypotheses.push(text));
    // The seed's hypotheses for the focus stage's kind of step.
    let add_seed = move |_| {
        let kind = state.plan.with_untracked(|p| {
            focus
                .get_untracked()
                .and_then(|s| p.stage(s))
                .map(|s| s.kind)
        });
        if let Some(kind) = kind {
            let seeds = state.texts_untracked().hypotheses(kind);
            error.set(
                change(state, cycle, |c| {
                    for seed in seeds {
                        if !c.hypotheses.iter().any(|h| h == seed) {
                            c.hypotheses.push((*seed).to_owned());
                        }
                    }
                })
                .err(),
            );
        }
    };
    view! {
        <section class="card cycle-part" aria-labelledby=format!("plan-{}", id.0)>
            <h4 id=format!("plan-{}", id.0)>{state.tr(|t| t.pdca.plan_heading)}</h4>
            <div class="field-row">
                <label>
                    {state.tr(|t| t.pdca.starts)}
                    <input type="date" prop:value=move || day(true) on:change=move |ev| set_day(ev, true) />
                </label>
                <label>
                    {state.tr(|t| t.pdca.ends)}
                    <input type="date" prop:value=move || day(false) on:change=move |ev| set_day(ev, false) />
                </label>
                <label>
                    {state.tr(|t| t.pdca.focus)}
                    <select on:change=set_focus>
                        <option value="" selected=move || focus.get().is_none()>"—"</option>
                        {move || {
                            stages()
                                .into_iter()
                                .map(|(stage, name)| view! { <option value=stage.0.to_string() selected=move || focus.get() == Some(stage)>{name}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
            </div>
            <h5>{state.tr(|t| t.pdca.targets)}</h5>
            <ul class="target-list">
                {move || targets.get().unwrap_or_default().into_iter().map(|goal| view! { <TargetField cycle=cycle goal=goal /> }).collect_view()}
            </ul>
            <label>
                {state.tr(|t| t.pdca.add_target)}
                " "
                <select on:change=add_target prop:value="">
                    <option value="">"—"</option>
                    {move || untargeted().into_iter().map(|(key, name)| view! { <option value=key>{name}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="small" on:click=retake>{state.tr(|t| t.pdca.retake_targets)}</button>
            <h5>{state.tr(|t| t.pdca.hypotheses)}</h5>
            <ul>
                {move || {
                    hypotheses
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, text)| {
                            let label = state.text({
                                let text = text.clone();
                                move |t| format!("{}: {text}", t.remove)
                            });
                            let remove = move |_| {
                                error.set(change(state, cycle, |c| {
                                    if i < c.hypotheses.len() {
                                        c.hypotheses.remove(i);
                                    }
                                }).err());
                            };
                            view! { <li>{text} " " <button type="button" class="small" aria-label=label on:click=remove>"×"</button></li> }
                        })
                        .collect_view()
                }}
            </ul>
            {add_line(state, |t| t.pdca.add_hypothesis, add_hypothesis, format!("hypothesis-{}", id.0))}
            <button type="button" class="small" on:click=add_seed disabled=move || focus.get().is_none()>
                {state.tr(|t| t.pdca.seed_hypotheses)}
            </button>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </section>
    }
}

/// One target of the cycle, typed in its unit; empty text drops it.
#[component]
fn TargetField(cycle: Shown, goal: Goal) -> impl IntoView {
    let state = use_app();
    let named = Memo::new(move |_| state.plan.with(|p| goal_of(p, state.texts(), goal)));
    let value = Signal::derive(move || {
        let target = cycle.with(|c| {
            c.as_ref()
                .and_then(|c| c.targets.iter().find(|t| t.goal == goal).map(|t| t.value))
        });
        let display = named.with(|n| n.1);
        target.map_or_else(String::new, |v| match display {
            Some(display) => editable_number(v, display, state.currency.get()),
            None => format!("{}", v.round()),
        })
    });
    let commit = Callback::new(move |text: String| {
        let value = match named.with_untracked(|n| n.1) {
            Some(display) => parse_target(&text, display, state.currency.get_untracked())?,
            None => parse_count_target(&text)?.map(|v| v as f64),
        };
        change(state, cycle, |c| match value {
            Some(value) => {
                if let Some(target) = c.targets.iter_mut().find(|t| t.goal == goal) {
                    target.value = value;
                } else {
                    c.targets.push(Target { goal, value });
                }
            }
            None => c.targets.retain(|t| t.goal != goal),
        })
    });
    let key = goal_key(goal);
    view! {
        <li>
            <ValidatedInput
                id=format!("cycle-target-{key}")
                value=value
                on_commit=commit
                class="target-input"
                label=Signal::derive(move || named.with(|n| n.0.clone()))
            />
            <span aria-hidden="true">{move || named.with(|n| n.0.clone())}</span>
        </li>
    }
}

#[component]
pub fn DoPart(id: CycleId, cycle: Shown) -> impl IntoView {
    let state = use_app();
    let actions = Memo::new(move |_| {
        cycle.with(|c| c.as_ref().map(|c| c.actions.clone()).unwrap_or_default())
    });
    let error = RwSignal::new(None::<Problem>);
    // A new action about the focus stage, from the later of today and the
    // cycle's start to its end, in one step with its place in the cycle.
    let add = move |_| {
        let Some(current) = cycle.get_untracked() else {
            return;
        };
        let action_id = ActionId(state.session.fresh_id());
        let text = state.texts_untracked().new_action.to_owned();
        let today = state.today.get_untracked();
        let action = state
            .plan
            .with_untracked(|p| p.new_action(action_id, text, current.focus));
        let Some(mut action) = action else {
            return;
        };
        action.start = Some(today.max(current.start).min(current.end));
        action.end = Some(current.end);
        let mut changed = current;
        changed.actions.push(action_id);
        let edit = Edit::Batch(vec![
            Edit::AddAction(Box::new(action)),
            Edit::ChangeCycle(Box::new(changed)),
        ]);
        let result = state.dispatch(edit);
        if result.is_ok() {
            crate::ui::flow::focus_after_render(format!("action-text-{}", action_id.0));
        }
        error.set(result.err());
    };
    view! {
        <section class="card cycle-part actions" aria-labelledby=format!("do-{}", id.0)>
            <h4 id=format!("do-{}", id.0)>{state.tr(|t| t.pdca.do_heading)}</h4>
            <ul class="action-list">
                {move || {
                    actions
                        .get()
                        .into_iter()
                        .map(|action| {
                            let leave = Callback::new(move |()| {
                                error.set(change(state, cycle, |c| c.actions.retain(|a| *a != action)).err());
                            });
                            view! { <ActionRow id=action on_remove=leave /> }
                        })
                        .collect_view()
                }}
            </ul>
            <button type="button" on:click=add>"+ " {state.tr(|t| t.add_action)}</button>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </section>
    }
}

#[component]
pub fn CheckPart(id: CycleId, cycle: Shown) -> impl IntoView {
    let state = use_app();
    let checked = Memo::new(move |_| {
        let today = state.today.get();
        cycle.with(|c| c.as_ref().map(|c| state.plan.with(|p| check(p, c, today))))
    });
    let error = RwSignal::new(None::<Problem>);
    let findings =
        move || cycle.with(|c| c.as_ref().map(|c| c.findings.clone()).unwrap_or_default());
    let set_findings = move |ev| {
        let text = event_target_value(&ev);
        error.set(change(state, cycle, |c| c.findings = text).err());
    };
    let rows = move || {
        let t = state.texts();
        let Some(checked) = checked.get() else {
            return ().into_any();
        };
        let targets = checked
            .targets
            .into_iter()
            .map(|target| {
                let (name, display) = state.plan.with(|p| goal_of(p, t, target.goal));
                let weeks = target
                    .weeks
                    .iter()
                    .map(|(week, value)| format!("{} {}", t.period(*week), value_text(state, display, *value)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                let gap = target.gap.map(|g| {
                    let sign = if g < 0.0 { "−" } else { "+" };
                    format!("{sign}{}", value_text(state, display, Some(g.abs())))
                });
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td class="numeric">{value_text(state, display, Some(target.target_to_date))}</td>
                        <td class="numeric">{value_text(state, display, target.actual)}</td>
                        <td class="numeric">{gap.unwrap_or_else(|| "—".to_owned())}</td>
                        <td>{target.status.map(|s| t.status(s))}</td>
                        <td class="weeks">{weeks}</td>
                    </tr>
                }
            })
            .collect_view();
        let actions = checked
            .actions
            .into_iter()
            .map(|a| {
                let (text, kpi) = state.plan.with(|p| {
                    (
                        p.action(a.action)
                            .map(|x| x.text.clone())
                            .unwrap_or_default(),
                        goal_of(p, t, Goal::Kpi(a.kpi)),
                    )
                });
                view! {
                    <tr>
                        <th scope="row">{text}</th>
                        <td>{kpi.0}</td>
                        <td class="numeric">{value_text(state, kpi.1, a.before)}</td>
                        <td class="numeric">{value_text(state, kpi.1, a.after)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p>{Texts::fill(t.pdca.day_of, &[&checked.days_so_far.to_string(), &checked.days.to_string()])}</p>
            <div class="table-scroll" tabindex="0">
                <table class="count-table" aria-labelledby=format!("check-{}", id.0)>
                    <thead>
                        <tr>
                            <th scope="col">{t.pdca.targets}</th>
                            <th scope="col" class="numeric">{t.pdca.col_asked}</th>
                            <th scope="col" class="numeric">{t.pdca.col_actual}</th>
                            <th scope="col" class="numeric">{t.gap}</th>
                            <th scope="col">{t.pdca.col_status}</th>
                            <th scope="col">{t.pdca.col_weeks}</th>
                        </tr>
                    </thead>
                    <tbody>{targets}</tbody>
                </table>
            </div>
            <div class="table-scroll" tabindex="0">
                <table class="count-table" aria-label=t.pdca.actions_check>
                    <thead>
                        <tr>
                            <th scope="col">{t.pdca.do_heading}</th>
                            <th scope="col">{t.action_kpi}</th>
                            <th scope="col" class="numeric">{t.pdca.col_before}</th>
                            <th scope="col" class="numeric">{t.pdca.col_after}</th>
                        </tr>
                    </thead>
                    <tbody>{actions}</tbody>
                </table>
            </div>
        }
            .into_any()
    };
    view! {
        <section class="card cycle-part" aria-labelledby=format!("check-{}", id.0)>
            <h4 id=format!("check-{}", id.0)>{state.tr(|t| t.pdca.check_heading)}</h4>
            {rows}
            <label class="block-label">
                {state.tr(|t| t.pdca.findings)}
                <textarea prop:value=findings on:change=set_findings rows="3"></textarea>
            </label>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </section>
    }
}

#[component]
pub fn ActPart(id: CycleId, cycle: Shown) -> impl IntoView {
    let state = use_app();
    let decisions = Memo::new(move |_| {
        cycle.with(|c| c.as_ref().map(|c| c.decisions.clone()).unwrap_or_default())
    });
    let error = RwSignal::new(None::<Problem>);
    let add = move |text: String| {
        change(state, cycle, |c| {
            c.decisions.push(Decision { text, carry: true })
        })
    };
    view! {
        <section class="card cycle-part" aria-labelledby=format!("act-{}", id.0)>
            <h4 id=format!("act-{}", id.0)>{state.tr(|t| t.pdca.act_heading)}</h4>
            <ul>
                {move || {
                    decisions
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, decision)| {
                            let text = decision.text.clone();
                            let carry_label = state.text({
                                let text = text.clone();
                                move |t| format!("{}: {text}", t.pdca.carry)
                            });
                            let remove_label = state.text({
                                let text = text.clone();
                                move |t| format!("{}: {text}", t.remove)
                            });
                            let set_carry = move |ev| {
                                let carry = event_target_checked(&ev);
                                error.set(change(state, cycle, |c| {
                                    if let Some(d) = c.decisions.get_mut(i) {
                                        d.carry = carry;
                                    }
                                }).err());
                            };
                            let remove = move |_| {
                                error.set(change(state, cycle, |c| {
                                    if i < c.decisions.len() {
                                        c.decisions.remove(i);
                                    }
                                }).err());
                            };
                            view! {
                                <li>
                                    {text}
                                    <label class="inline-check">
                                        <input type="checkbox" aria-label=carry_label prop:checked=decision.carry on:change=set_carry />
                                        {state.tr(|t| t.pdca.carry)}
                                    </label>
                                    <button type="button" class="small" aria-label=remove_label on:click=remove>"×"</button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {add_line(state, |t| t.pdca.add_decision, add, format!("decision-{}", id.0))}
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </section>
    }
}
