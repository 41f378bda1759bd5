//! The cycle under way, on the dashboard: its focus, each target against
//! what the days so far ask, and the actions in progress.

use leptos::prelude::*;

use super::parts::{goal_of, value_text};
use crate::domain::actions::ActionStatus;
use crate::domain::pdca::check::check;
use crate::i18n::Texts;
use crate::route::Route;
use crate::ui::state::use_app;

#[component]
pub fn CurrentCycle() -> impl IntoView {
    let state = use_app();
    // (focus, target lines, actions in progress) of the cycle holding today.
    let summary = Memo::new(move |_| {
        let today = state.today.get();
        let t = state.texts();
        state.plan.with(|p| {
            let cycle = p.cycle_on(today)?;
            let focus = cycle.focus.map(|s| state.stage_name(s));
            let targets: Vec<(String, Option<&'static str>)> = check(p, cycle, today)
                .targets
                .into_iter()
                .map(|target| {
                    let (name, display) = goal_of(p, t, target.goal);
                    let line = Texts::fill(
                        t.pdca.target_line,
                        &[
                            &name,
                            &value_text(state, display, target.actual),
                            &value_text(state, display, Some(target.target_to_date)),
                        ],
                    );
                    (line, target.status.map(|s| t.status(s)))
                })
                .collect();
            let doing = cycle
                .actions
                .iter()
                .filter_map(|a| p.action(*a))
                .filter(|a| a.status == ActionStatus::Doing)
                .map(|a| a.text.clone())
                .collect::<Vec<_>>();
            Some((focus, targets, doing))
        })
    });
    view! {
        <Show when=move || summary.with(Option::is_some)>
            <section class="card" aria-labelledby="current-cycle-heading">
                <h3 id="current-cycle-heading">
                    <a href=move || state.href(Route::Pdca)>{state.tr(|t| t.pdca.current_cycle)}</a>
                </h3>
                {move || {
                    let t = state.texts();
                    summary.get().map(|(focus, targets, doing)| {
                        view! {
                            <p>{focus.map(|f| format!("{}: {f}", t.pdca.focus))}</p>
                            <ul>
                                {targets
                                    .into_iter()
                                    .map(|(line, status)| view! { <li>{line} " " <strong>{status}</strong></li> })
                                    .collect_view()}
                            </ul>
                            <p>{format!("{}: {}", t.pdca.in_progress, if doing.is_empty() { "—".to_owned() } else { doing.join(", ") })}</p>
                        }
                    })
                }}
            </section>
        </Show>
    }
}

/// "Reviews due today: …", linking to the review page; nothing when all
/// are held.
#[component]
pub fn ReviewsDue() -> impl IntoView {
    let state = use_app();
    let due = Memo::new(move |_| {
        let today = state.today.get();
        state.plan.with(|p| {
            p.reviews_on(today)
                .into_iter()
                .filter(|s| s.due)
                .map(|s| s.review)
                .collect::<Vec<_>>()
        })
    });
    let line = move || {
        let t = state.texts();
        let names: Vec<&str> = due
            .get()
            .into_iter()
            .map(|r| t.review.titles[r as usize])
            .collect();
        Texts::fill(t.review.dashboard_due, &[&names.join(", ")])
    };
    view! {
        <Show when=move || due.with(|d| !d.is_empty())>
            <p class="notice reviews-due">
                <a href=move || state.href(Route::Review)>{line}</a>
            </p>
        </Show>
    }
}
