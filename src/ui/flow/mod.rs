//! The Flow page: the funnel's stages in order, their owners, and the
//! departments that own them.

mod agreements;
mod departments;
mod members;

use leptos::prelude::*;

use crate::i18n::{Problem, Texts};
use wasm_bindgen::JsCast;

use super::state::{use_app, AppState};
use super::swimlane::SwimlaneDiagram;
use super::validated_input::ValidatedInput;
use super::{department_options, department_style};
use crate::domain::departments::DepartmentId;
use crate::domain::diagnosis::StageKind;
use crate::domain::edit::{Edit, EditKind};
use crate::domain::ids::MetricId;
use crate::domain::plan::{Direction, Stage, StageId};
use agreements::Agreements;
use departments::Departments;

#[component]
pub fn FlowPage() -> impl IntoView {
    let state = use_app();
    // The stage just removed and the KPIs that went with it, named until
    // the next change; undo brings them back.
    let removed = RwSignal::new(None::<(String, Vec<String>)>);
    let add_error = RwSignal::new(None::<Problem>);
    let stage_ids = move || state.stage_ids();

    // A new stage at `at`, its name selected for typing over.
    let add_stage = Callback::new(move |at: usize| {
        let t = state.texts();
        let id = StageId(state.session.fresh_id());
        let edit = Edit::AddStage {
            id,
            count: MetricId(state.session.fresh_id()),
            name: t.new_stage_name.to_owned(),
            count_name: t.new_stage_count.to_owned(),
            at,
        };
        match state.dispatch(edit) {
            Ok(()) => {
                add_error.set(None);
                focus_after_render(format!("stage-name-{}", id.0));
            }
            Err(message) => add_error.set(Some(message)),
        }
    });
    let undo_remove = move |_| {
        removed.set(None);
        state.session.undo();
    };

    view! {
        <section class="page" aria-labelledby="flow-heading">
            <h2 id="flow-heading" tabindex="-1">{state.tr(|t| t.flow_heading)}</h2>
            <p class="intro">{state.tr(|t| t.flow_intro)}</p>
            <super::getting_started::GettingStarted />
            <ol class="stage-list">
                <For each=stage_ids key=|id| *id let:id>
                    <StageCard id=id removed=removed add_stage=add_stage />
                </For>
            </ol>
            <div class="row-actions">
                <button type="button" class="primary" on:click=move |_| add_stage.run(usize::MAX)>
                    "+ " {state.tr(|t| t.add_stage)}
                </button>
                <p class="field-error" aria-live="polite">{move || add_error.get().map(|p| state.texts().problem(&p))}</p>
            </div>
            {move || {
                // Shown while undo would bring this removal back.
                removed
                    .get()
                    .filter(|_| state.session.undo_kind() == Some(EditKind::RemoveStage))
                    .map(|(name, kpis)| {
                        let kpis = kpis.join(", ");
                        let t = state.texts();
                        view! {
                            <div class="toast" role="status">
                                <span>{t.stage_removed} " " <strong>{name}</strong></span>
                                {(!kpis.is_empty())
                                    .then(|| view! { <span>{t.kpis_removed_with_stage} " " {kpis}</span> })}
                                <button type="button" id="undo-remove" on:click=undo_remove>
                                    {t.undo}
                                </button>
                                <button type="button" on:click=move |_| removed.set(None)>
                                    {t.dismiss}
                                </button>
                            </div>
                        }
                    })
            }}
            <section class="flow-swimlane" aria-labelledby="swimlane-heading">
                <h3 id="swimlane-heading">{state.tr(|t| t.swimlane.heading)}</h3>
                <p class="intro">{state.tr(|t| t.swimlane.intro)}</p>
                <SwimlaneDiagram />
            </section>
            <Departments />
            <Agreements />
        </section>
    }
}

#[component]
fn StageCard(
    id: StageId,
    removed: RwSignal<Option<(String, Vec<String>)>>,
    /// Adds a stage at a position (this card offers the one after it).
    add_stage: Callback<usize>,
) -> impl IntoView {
    let state = use_app();
    let name =
        Signal::derive(move || stage_field(state, id, |s| s.name.clone()).unwrap_or_default());
    let owner = move || state.stage_owner(id);
    let position = move || state.plan.with(|p| p.index_of(id).unwrap_or(0));
    let stage_count = move || state.plan.with(|p| p.stages.len());
    let remove_error = RwSignal::new(None::<Problem>);
    let name_id = format!("stage-name-{}", id.0);
    let owner_id = format!("stage-owner-{}", id.0);
    let kind_id = format!("stage-kind-{}", id.0);
    let up_id = format!("stage-up-{}", id.0);
    let down_id = format!("stage-down-{}", id.0);

    let rename = Callback::new(move |text: String| state.dispatch(Edit::RenameStage(id, text)));
    let move_stage = move |direction: Direction, focus_id: String| {
        let before = state.plan.with_untracked(|p| p.index_of(id));
        // A stage that is gone cannot move; nothing to report.
        let _ = state.dispatch(Edit::MoveStage(id, direction));
        // Focus follows a card that moved. At either end nothing moves, and
        // a frame later the focus must stay where the user went on to.
        if state.plan.with_untracked(|p| p.index_of(id)) != before {
            focus_after_render(focus_id);
        }
    };
    let (up_focus, down_focus) = (up_id.clone(), down_id.clone());
    // Removing names what goes with it first; the user confirms.
    let confirming = RwSignal::new(false);
    let confirm_id = format!("confirm-remove-{}", id.0);
    let remove_button_id = format!("stage-remove-{}", id.0);
    let question_id = format!("{confirm_id}-question");
    let ask = {
        let confirm_id = confirm_id.clone();
        move |_| {
            if stage_count() <= 1 {
                remove_error.set(state.dispatch(Edit::RemoveStage(id)).err());
                return;
            }
            confirming.set(true);
            focus_after_render(confirm_id.clone());
        }
    };
    let remove = move |_| {
        confirming.set(false);
        let gone = state.plan.with_untracked(|p| {
            p.removal_of_stage(id).map(|r| {
                let kpis = r.kpis.iter().chain(&r.shared_kpis);
                (r.stage.to_owned(), kpis.map(|k| (*k).to_owned()).collect())
            })
        });
        match state.dispatch(Edit::RemoveStage(id)) {
            Ok(()) => {
                removed.set(gone);
                focus_after_render("undo-remove".to_owned());
            }
            Err(message) => remove_error.set(Some(message)),
        }
    };
    let cancel = {
        let remove_button_id = remove_button_id.clone();
        move |_| {
            confirming.set(false);
            focus_after_render(remove_button_id.clone());
        }
    };
    // Alt+↑/↓ in any field of the card moves the stage, like in an outliner.
    let (key_up_focus, key_down_focus) = (name_id.clone(), name_id.clone());
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if !ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "ArrowUp" => {
                ev.prevent_default();
                move_stage(Direction::Up, key_up_focus.clone());
            }
            "ArrowDown" => {
                ev.prevent_default();
                move_stage(Direction::Down, key_down_focus.clone());
            }
            _ => {}
        }
    };

    view! {
        <li class="stage-card" style=move || owner().map(|o| department_style(o.hue)) on:keydown=on_keydown>
            <span class="stage-number" aria-hidden="true">{move || position() + 1}</span>
            <div class="field stage-name-field">
                <label for=name_id.clone()>{state.tr(|t| t.stage_name)}</label>
                <ValidatedInput id=name_id.clone() value=name on_commit=rename />
            </div>
            <div class="field">
                <label for=owner_id.clone()>{state.tr(|t| t.owner)}</label>
                <span class="select-with-swatch">
                    <span class="swatch" aria-hidden="true"></span>
                    <select
                        id=owner_id
                        prop:value=move || owner().map(|o| o.id.0.to_string())
                        on:change=move |ev| {
                            if let Ok(department) = event_target_value(&ev).parse() {
                                let _ = state.dispatch(Edit::SetOwner(id, DepartmentId(department)));
                            }
                        }
                    >
                        {department_options(state)}
                    </select>
                </span>
            </div>
            <div class="field">
                <label for=kind_id.clone()>{state.tr(|t| t.stage_kind)}</label>
                <select
                    id=kind_id
                    prop:value=move || stage_field(state, id, |s| s.kind.key())
                    on:change=move |ev| {
                        if let Some(kind) = StageKind::from_key(&event_target_value(&ev)) {
                            let _ = state.dispatch(Edit::SetStageKind(id, kind));
                        }
                    }
                >
                    {StageKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.key()>{move || state.texts().stage_kind(k)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="stage-actions">
                <button
                    type="button"
                    id=up_id
                    aria-disabled=move || (position() == 0).to_string()
                    aria-label=move || format!("{}: {}", state.texts().move_up, name.get())
                    on:click=move |_| move_stage(Direction::Up, up_focus.clone())
                >
                    "↑ "
                    <span class="button-text">{state.tr(|t| t.move_up)}</span>
                </button>
                <button
                    type="button"
                    id=down_id
                    aria-disabled=move || (position() + 1 >= stage_count()).to_string()
                    aria-label=move || format!("{}: {}", state.texts().move_down, name.get())
                    on:click=move |_| move_stage(Direction::Down, down_focus.clone())
                >
                    "↓ "
                    <span class="button-text">{state.tr(|t| t.move_down)}</span>
                </button>
                <button
                    type="button"
                    class="danger"
                    id=remove_button_id
                    aria-disabled=move || (stage_count() <= 1).to_string()
                    aria-expanded=move || confirming.get().to_string()
                    aria-label=move || format!("{}: {}", state.texts().remove, name.get())
                    on:click=ask
                >
                    {state.tr(|t| t.remove)}
                </button>
                <button
                    type="button"
                    class="insert-stage"
                    aria-label=move || format!("{}: {}", state.texts().add_stage_after, name.get())
                    title=move || format!("{}: {}", state.texts().add_stage_after, name.get())
                    on:click=move |_| add_stage.run(position() + 1)
                >
                    "+"
                </button>
                <p class="field-error" aria-live="polite">{move || remove_error.get().map(|p| state.texts().problem(&p))}</p>
            </div>
            <div
                class="removal-question"
                role="alertdialog"
                aria-labelledby=question_id
                hidden=move || !confirming.get()
            >
                <p id=question_id.clone() class="removal-details">
                    {move || confirming.get().then(|| removal_question(state, id))}
                </p>
                <div class="notice-actions">
                    <button type="button" class="danger" id=confirm_id on:click=remove>
                        {state.tr(|t| t.confirm_remove_stage)}
                    </button>
                    <button type="button" on:click=cancel>
                        {state.tr(|t| t.cancel)}
                    </button>
                </div>
            </div>
        </li>
    }
}

/// What removing a stage takes with it, in words, asked before it happens.
fn removal_question(state: AppState, id: StageId) -> String {
    let t = state.texts();
    state.plan.with(|p| {
        let Some(removal) = p.removal_of_stage(id) else {
            return String::new();
        };
        let mut lines = vec![Texts::fill(t.remove_stage_question, &[removal.stage])];
        for (label, names) in [
            (t.removes_metrics, &removal.metrics),
            (t.removes_kpis, &removal.kpis),
            (t.removes_shared_kpis, &removal.shared_kpis),
        ] {
            if !names.is_empty() {
                lines.push(format!("{label} {}", names.join(", ")));
            }
        }
        lines.push(Texts::fill(
            t.removes_data,
            &[&removal.targets.to_string(), &removal.counts.to_string()],
        ));
        lines.push(t.removal_undo_hint.to_owned());
        lines.join("\n")
    })
}

/// Reads one field of a stage; `None` once the stage is gone.
fn stage_field<T>(state: AppState, id: StageId, read: impl Fn(&Stage) -> T) -> Option<T> {
    state.plan.with(|p| p.stage(id).map(read))
}

/// Moves focus once the DOM reflects the latest change: reordering the list
/// detaches and reattaches the card, which drops the browser's focus.
pub(super) fn focus_after_render(element_id: String) {
    request_animation_frame(move || {
        let element = document()
            .get_element_by_id(&element_id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
            // A field is focused to be typed over.
            if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
                input.select();
            }
        }
    });
}
