//! The people of a department, listed under it: named, made inactive when
//! they leave (their history keeps their name), added and removed.

use leptos::prelude::*;

use super::focus_after_render;
use crate::domain::departments::DepartmentId;
use crate::domain::edit::Edit;
use crate::domain::members::{Member, MemberId};
use crate::i18n::{Problem, Texts};
use crate::ui::state::use_app;
use crate::ui::validated_input::ValidatedInput;

#[component]
pub(super) fn Members(department: DepartmentId) -> impl IntoView {
    let state = use_app();
    let ids = move || {
        state
            .plan
            .with(|p| p.members_of(department).map(|m| m.id).collect::<Vec<_>>())
    };
    let error = RwSignal::new(None::<Problem>);
    let add = move |_| {
        let id = MemberId(state.session.fresh_id());
        let base = state.texts_untracked().new_member_name;
        let name = state.plan.with_untracked(|p| p.free_member_name(base));
        let member = Member {
            id,
            name,
            department,
            active: true,
        };
        match state.dispatch(Edit::AddMember(member)) {
            Ok(()) => {
                error.set(None);
                focus_after_render(format!("member-name-{}", id.0));
            }
            Err(problem) => error.set(Some(problem)),
        }
    };
    let heading_id = format!("members-of-{}", department.0);
    let labelled_by = heading_id.clone();
    let heading =
        state.text(move |t| Texts::fill(t.members_of, &[&state.department_name(department)]));
    let add_label =
        state.text(move |t| format!("{}: {}", t.add_member, state.department_name(department)));
    view! {
        <div class="members" role="group" aria-labelledby=labelled_by>
            <h4 id=heading_id>{heading}</h4>
            {move || ids().is_empty().then(|| view! { <p class="empty-hint">{state.tr(|t| t.no_members)}</p> })}
            <ul class="member-list">
                <For each=ids key=|id| *id let:id>
                    <MemberRow id=id />
                </For>
            </ul>
            <button type="button" class="small" aria-label=add_label on:click=add>
                "+ " {state.tr(|t| t.add_member)}
            </button>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </div>
    }
}

#[component]
fn MemberRow(id: MemberId) -> impl IntoView {
    let state = use_app();
    let name = Signal::derive(move || {
        state
            .plan
            .with(|p| p.member(id).map(|m| m.name.clone()).unwrap_or_default())
    });
    let active = move || state.plan.with(|p| p.member(id).is_some_and(|m| m.active));
    let error = RwSignal::new(None::<Problem>);
    let rename = Callback::new(move |text: String| state.dispatch(Edit::RenameMember(id, text)));
    let name_label = state.text(|t| t.member_name.to_owned());
    let active_label = state.text(move |t| format!("{}: {}", t.member_active, name.get()));
    let remove_label = state.text(move |t| format!("{}: {}", t.remove, name.get()));
    let department_label = state.text(move |t| format!("{}: {}", t.member_department, name.get()));
    let department = move || state.plan.with(|p| p.member(id).map(|m| m.department));
    let departments = move || {
        let chosen = department();
        state.plan.with(|p| {
            p.departments
                .iter()
                .map(|d| {
                    let selected = Some(d.id) == chosen;
                    view! { <option value=d.id.0.to_string() selected=selected>{d.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <li class="member" class:inactive=move || !active()>
            <ValidatedInput id=format!("member-name-{}", id.0) value=name on_commit=rename label=name_label />
            <label class="inline-check">
                <input
                    type="checkbox"
                    aria-label=active_label
                    prop:checked=active
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        error.set(state.dispatch(Edit::SetMemberActive(id, on)).err());
                    }
                />
                {state.tr(|t| t.member_active)}
            </label>
            <select
                aria-label=department_label
                on:change=move |ev| {
                    if let Ok(to) = event_target_value(&ev).parse() {
                        error.set(state.dispatch(Edit::SetMemberDepartment(id, DepartmentId(to))).err());
                    }
                }
            >
                {departments}
            </select>
            <button
                type="button"
                class="small danger"
                aria-label=remove_label
                on:click=move |_| error.set(state.dispatch(Edit::RemoveMember(id)).err())
            >
                "×"
            </button>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </li>
    }
}
