//! Whose counts the Numbers page shows and types: the team's totals, one
//! member's, or those typed for no member.

use leptos::prelude::*;

use crate::domain::entries::members::Counter;
use crate::domain::ids::MemberId;
use crate::i18n::Texts;
use crate::ui::state::use_app;

fn option_value(counter: Counter) -> String {
    match counter {
        Counter::Team => "team".to_owned(),
        Counter::Unassigned => "unassigned".to_owned(),
        Counter::Member(member) => member.0.to_string(),
    }
}

fn counter_of(value: &str) -> Counter {
    match value {
        "unassigned" => Counter::Unassigned,
        _ => value
            .parse()
            .map_or(Counter::Team, |id| Counter::Member(MemberId(id))),
    }
}

/// The picker, shown once the plan counts a metric per member, with a line
/// on what the chosen view types.
#[component]
pub fn CounterPicker() -> impl IntoView {
    let state = use_app();
    let counter = state.counter;
    let counts_per_member = Memo::new(move |_| {
        state
            .plan
            .with(|p| !p.members.is_empty() && p.metrics.iter().any(|m| m.per_member))
    });
    // A member removed (undo, another tab) or nothing counted per member
    // any more: back to the team's view.
    Effect::new(move |_| {
        let gone = match counter.get() {
            Counter::Team => false,
            Counter::Member(member) => state.plan.with(|p| p.member(member).is_none()),
            Counter::Unassigned => false,
        };
        if gone || (!counts_per_member.get() && counter.get_untracked() != Counter::Team) {
            counter.set(Counter::Team);
        }
    });
    // Read apart from the plan, so typing a count does not rebuild the options.
    let members = Memo::new(move |_| {
        state.plan.with(|p| {
            p.members
                .iter()
                .map(|m| (m.id, m.name.clone(), m.active))
                .collect::<Vec<_>>()
        })
    });
    let options = move || {
        let t = state.texts();
        let chosen = counter.get();
        let option = |value: Counter, label: String| {
            view! { <option value=option_value(value) selected=value == chosen>{label}</option> }
        };
        let members = members
            .get()
            .into_iter()
            .map(|(id, name, active)| {
                let label = if active {
                    name
                } else {
                    Texts::fill(t.team.inactive, &[&name])
                };
                option(Counter::Member(id), label)
            })
            .collect_view();
        view! {
            {option(Counter::Team, t.team.counter_team.to_owned())}
            {members}
            {option(Counter::Unassigned, t.team.counter_unassigned.to_owned())}
        }
    };
    let hint = move || {
        let t = state.texts();
        match counter.get() {
            Counter::Team => t.team.team_view_hint.to_owned(),
            Counter::Unassigned => t.team.unassigned_view_hint.to_owned(),
            Counter::Member(member) => {
                let name = state
                    .plan
                    .with(|p| p.member(member).map(|m| m.name.clone()))
                    .unwrap_or_default();
                Texts::fill(t.team.member_view_hint, &[&name])
            }
        }
    };
    view! {
        <Show when=move || counts_per_member.get()>
            <div class="counter-picker">
                <label>
                    {state.tr(|t| t.team.counts_of)}
                    " "
                    <select id="counter-picker" on:change=move |ev| counter.set(counter_of(&event_target_value(&ev)))>
                        {options}
                    </select>
                </label>
                <p class="hint">{hint}</p>
            </div>
        </Show>
    }
}
