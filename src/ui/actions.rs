//! The team's improvement actions: each with its owner department, the KPI
//! it should move and its status. Hypotheses of the bottleneck turn into
//! actions in one click; others are typed.

use leptos::prelude::*;

use super::department_options;
use super::flow::focus_after_render;
use super::state::use_app;
use super::validated_input::ValidatedInput;
use crate::domain::actions::{Action, ActionId, ActionStatus};
use crate::domain::departments::DepartmentId;
use crate::domain::edit::Edit;
use crate::domain::ids::KpiId;
use crate::domain::period::parse_iso_day;
use crate::domain::plan::{EditError, StageId};
use crate::i18n::Problem;
use crate::ui::state::AppState;

/// Adds an action about a stage (see `Plan::new_action`) and focuses its
/// text, so it can be reworded at once.
pub fn add_action(state: AppState, text: String, stage: Option<StageId>) -> Result<(), Problem> {
    let id = ActionId(state.session.fresh_id());
    let action = state
        .plan
        .with_untracked(|p| p.new_action(id, text, stage))
        .ok_or(Problem::from(EditError::UnknownDepartment))?;
    state.dispatch(Edit::AddAction(Box::new(action)))?;
    focus_after_render(format!("action-text-{}", id.0));
    Ok(())
}

#[component]
pub fn ActionList() -> impl IntoView {
    let state = use_app();
    let ids = move || {
        state
            .plan
            .with(|p| p.actions.iter().map(|a| a.id).collect::<Vec<_>>())
    };
    let error = RwSignal::new(None::<Problem>);
    let add = move |_| {
        let text = state.texts().new_action.to_owned();
        error.set(add_action(state, text, None).err());
    };
    view! {
        <section class="card actions" aria-labelledby="actions-heading">
            <h3 id="actions-heading">{state.tr(|t| t.actions_heading)}</h3>
            {move || ids().is_empty().then(|| view! { <p class="empty-hint">{state.tr(|t| t.no_actions)}</p> })}
            <ul class="action-list">
                <For each=ids key=|id| *id let:id>
                    <ActionRow id=id />
                </For>
            </ul>
            <div class="notice-actions">
                <button type="button" on:click=add>"+ " {state.tr(|t| t.add_action)}</button>
            </div>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </section>
    }
}

/// One action, each field changed through one edit. With `on_remove`, its
/// × takes it out of where it is listed (a PDCA cycle) instead of removing it.
#[component]
pub fn ActionRow(id: ActionId, #[prop(optional)] on_remove: Option<Callback<()>>) -> impl IntoView {
    let state = use_app();
    let current = move || state.plan.with(|p| p.action(id).cloned());
    let error = RwSignal::new(None::<Problem>);
    let change = move |update: &dyn Fn(&mut Action)| {
        if let Some(mut action) = current() {
            update(&mut action);
            error.set(state.dispatch(Edit::ChangeAction(Box::new(action))).err());
        }
    };
    let text = Signal::derive(move || current().map(|a| a.text).unwrap_or_default());
    let set_text = Callback::new(move |text: String| {
        let Some(action) = current() else {
            return Ok(());
        };
        state.dispatch(Edit::ChangeAction(Box::new(Action { text, ..action })))
    });
    let label = move |what: &'static str| format!("{what}: {}", text.get());
    let kpis = Memo::new(move |_| {
        state.plan.with(|p| {
            p.kpis
                .iter()
                .map(|k| (k.id, k.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let chosen_kpi = Memo::new(move |_| current().and_then(|a| a.kpi));
    let day = move |start: bool| {
        current()
            .and_then(|a| if start { a.start } else { a.end })
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    // A refused day (an end before the start) puts the field back.
    let set_day = move |ev: leptos::ev::Event, start: bool| {
        let picked = parse_iso_day(&event_target_value(&ev));
        change(&|a| {
            if start {
                a.start = picked;
            } else {
                a.end = picked;
            }
        });
        if error.get_untracked().is_some() {
            let old = untrack(move || day(start));
            event_target::<web_sys::HtmlInputElement>(&ev).set_value(&old);
        }
    };
    let remove = move |_| match on_remove {
        Some(leave) => leave.run(()),
        None => error.set(state.dispatch(Edit::RemoveAction(id)).err()),
    };
    let remove_label = move || {
        let t = state.texts();
        label(if on_remove.is_some() {
            t.pdca.remove_from_cycle
        } else {
            t.remove
        })
    };
    view! {
        <li class="action">
            <ValidatedInput
                id=format!("action-text-{}", id.0)
                value=text
                on_commit=set_text
                class="action-text"
                label=Signal::derive(move || state.texts().action_text.to_owned())
            />
            <select
                aria-label=move || label(state.texts().owner)
                prop:value=move || current().map(|a| a.owner.0.to_string())
                on:change=move |ev| {
                    if let Ok(owner) = event_target_value(&ev).parse() {
                        change(&|a| a.owner = DepartmentId(owner));
                    }
                }
            >
                {department_options(state)}
            </select>
            <select
                aria-label=move || label(state.texts().action_kpi)
                on:change=move |ev| {
                    let kpi = event_target_value(&ev).parse().ok().map(KpiId);
                    change(&|a| a.kpi = kpi);
                }
            >
                <option value="" prop:selected=move || chosen_kpi.get().is_none()>"—"</option>
                {move || {
                    kpis.get()
                        .into_iter()
                        .map(|(kpi, name)| {
                            view! {
                                <option value=kpi.0.to_string() prop:selected=move || chosen_kpi.get() == Some(kpi)>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <select
                aria-label=move || label(state.texts().action_status)
                prop:value=move || current().map(|a| a.status.key())
                on:change=move |ev| {
                    if let Some(status) = ActionStatus::from_key(&event_target_value(&ev)) {
                        change(&|a| a.status = status);
                    }
                }
            >
                {ActionStatus::ALL
                    .into_iter()
                    .map(|s| view! { <option value=s.key()>{move || state.texts().action_status_name(s)}</option> })
                    .collect_view()}
            </select>
            <input type="date" aria-label=move || label(state.texts().pdca.starts) prop:value=move || day(true) on:change=move |ev| set_day(ev, true) />
            <input type="date" aria-label=move || label(state.texts().pdca.ends) prop:value=move || day(false) on:change=move |ev| set_day(ev, false) />
            <button type="button" class="danger" aria-label=remove_label on:click=remove>
                "×"
            </button>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </li>
    }
}
