//! The departments that own the stages: named, coloured, added and removed
//! by the team. A department that owns a stage is not removed; the refusal
//! names the stages to give to another department first.

use leptos::prelude::*;

use super::focus_after_render;
use super::members::Members;
use crate::domain::departments::{DepartmentId, Hue};
use crate::domain::edit::Edit;
use crate::i18n::{Problem, Texts};
use crate::ui::department_style;
use crate::ui::state::use_app;
use crate::ui::validated_input::ValidatedInput;

#[component]
pub(super) fn Departments() -> impl IntoView {
    let state = use_app();
    let add_error = RwSignal::new(None::<Problem>);
    let add = move |_| {
        let id = DepartmentId(state.session.fresh_id());
        let base = state.texts().new_department_name;
        let (name, hue) = state
            .plan
            .with_untracked(|p| (p.free_department_name(base), p.free_hue()));
        match state.dispatch(Edit::AddDepartment { id, name, hue }) {
            Ok(()) => {
                add_error.set(None);
                focus_after_render(format!("department-name-{}", id.0));
            }
            Err(problem) => add_error.set(Some(problem)),
        }
    };
    view! {
        <section class="departments" aria-labelledby="departments-heading">
            <h3 id="departments-heading">{state.tr(|t| t.departments_heading)}</h3>
            <p class="intro">{state.tr(|t| t.departments_intro)}</p>
            <ul class="department-list">
                <For each=move || state.department_ids() key=|id| *id let:id>
                    <DepartmentRow id=id />
                </For>
            </ul>
            <div class="row-actions">
                <button type="button" on:click=add>
                    "+ " {state.tr(|t| t.add_department)}
                </button>
                <p class="field-error" aria-live="polite">
                    {move || add_error.get().map(|p| state.texts().problem(&p))}
                </p>
            </div>
        </section>
    }
}

#[component]
fn DepartmentRow(id: DepartmentId) -> impl IntoView {
    let state = use_app();
    let name = Signal::derive(move || state.department_name(id));
    let hue = move || state.plan.with(|p| p.department(id).map(|d| d.hue));
    let owns = move || {
        let t = state.texts();
        let stages: Vec<String> = state
            .plan
            .with(|p| p.stages_owned_by(id).map(|s| s.name.clone()).collect());
        if stages.is_empty() {
            t.owns_no_stage.to_owned()
        } else {
            Texts::fill(t.owns_stages, &[&stages.join(", ")])
        }
    };
    let remove_error = RwSignal::new(None::<Problem>);
    // A refusal stands until the plan changes (the stages it named moved).
    Effect::new(move |_| {
        state.plan.track();
        remove_error.set(None);
    });
    let name_id = format!("department-name-{}", id.0);
    let hue_id = format!("department-hue-{}", id.0);
    let error_id = format!("department-error-{}", id.0);
    let rename =
        Callback::new(move |text: String| state.dispatch(Edit::RenameDepartment(id, text)));
    let recolour = move |ev| {
        if let Some(hue) = Hue::from_key(&event_target_value(&ev)) {
            remove_error.set(state.dispatch(Edit::SetDepartmentHue(id, hue)).err());
        }
    };
    let remove = move |_| remove_error.set(state.dispatch(Edit::RemoveDepartment(id)).err());
    view! {
        <li class="department" style=move || hue().map(department_style)>
            <span class="swatch" aria-hidden="true"></span>
            <div class="field">
                <label for=name_id.clone()>{state.tr(|t| t.department_name)}</label>
                <ValidatedInput id=name_id value=name on_commit=rename />
            </div>
            <div class="field">
                <label for=hue_id.clone()>{state.tr(|t| t.department_colour)}</label>
                <select
                    id=hue_id
                    aria-label=move || format!("{}: {}", state.texts().department_colour, name.get())
                    prop:value=move || hue().map(Hue::key)
                    on:change=recolour
                >
                    {Hue::ALL
                        .into_iter()
                        .map(|h| view! { <option value=h.key()>{move || state.texts().hue(h)}</option> })
                        .collect_view()}
                </select>
            </div>
            <p class="department-owns">{owns}</p>
            <button
                type="button"
                class="danger"
                aria-label=move || format!("{}: {}", state.texts().remove, name.get())
                aria-describedby=error_id.clone()
                on:click=remove
            >
                {state.tr(|t| t.remove)}
            </button>
            <p class="field-error" id=error_id aria-live="polite">
                {move || remove_error.get().map(|p| state.texts().problem(&p))}
            </p>
            <Members department=id />
        </li>
    }
}
