//! The presentation for the projector: the workshop step by step — the
//! flow across departments, the agreements, the KPIs against their
//! targets, the funnel and its bottleneck, the month planned from the goal
//! and the improvement cycle — in large type, over the range in view.
//! ←/→ and Page Up/Down move, F toggles full screen, Esc leaves; each step
//! is a link (`#/present/3`), so a workshop can start where it stopped.
//! Moving between steps replaces the address rather than adding history:
//! Back leaves the presentation, and so does Esc, in place of its entry.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bottleneck::BottleneckPanel;
use super::chart_card::{funnel_chart, ChartTableView};
use super::kpi_strip::SharedKpiStrip;
use super::pdca::summary::CurrentCycle;
use super::sla_compliance::{DepartmentCompliance, PromiseHistory};
use super::state::use_app;
use super::summary::{FunnelDrawing, PlannedMonth};
use super::swimlane::SwimlaneDiagram;
use super::{current_hash, focus_on, show_in_url};
use crate::i18n::Texts;
use crate::route::{present_href, present_step, Route, PRESENT_STEPS};

#[component]
pub fn PresentPage(
    /// The address of the page of this visit that opened the
    /// presentation: leaving goes back to it, else to the Flow page.
    from: ReadSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app();
    let step = RwSignal::new(present_step(&current_hash()));
    // A step typed in the address bar.
    let hash_listener = window_event_listener(ev::hashchange, move |_| {
        let hash = current_hash();
        if Route::from_hash(&hash) == Route::Present {
            step.set(present_step(&hash));
        }
    });
    let go = move |to: usize| {
        let to = to.clamp(1, PRESENT_STEPS);
        if to != step.get_untracked() {
            // A focus inside the step's content goes with it: keep it on
            // the presentation.
            let inside = document()
                .active_element()
                .and_then(|e| e.closest(".present-body").ok().flatten())
                .is_some();
            // The address first: a reload at once opens this step.
            show_in_url(&present_href(&state.session.open_id(), to));
            step.set(to);
            if inside {
                focus_on("present-heading".to_owned());
            }
        }
    };
    // In place of the presentation's entry, so Back does not return to it.
    // Full screen ends as the page goes (`on_cleanup`).
    let leave = move || {
        let to = from
            .get_untracked()
            .unwrap_or_else(|| Route::Flow.href(&state.session.open_id()));
        let _ = window().location().replace(&to);
    };
    let keys = window_event_listener(ev::keydown, move |ev| {
        if ev.default_prevented() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing(&ev) {
            return;
        }
        let now = step.get_untracked();
        match ev.key().as_str() {
            // A table or the diagram wider than the screen scrolls with them.
            "ArrowRight" | "ArrowLeft" if in_scrolling_box(&ev) => return,
            "ArrowRight" | "PageDown" => go(now + 1),
            "ArrowLeft" | "PageUp" => go(now.saturating_sub(1)),
            "Home" => go(1),
            "End" => go(PRESENT_STEPS),
            // A held key would switch full screen on and off.
            "f" | "F" if ev.repeat() => {}
            "f" | "F" => toggle_full_screen(),
            "Escape" => leave(),
            _ => return,
        }
        ev.prevent_default();
    });
    // The link that opened it is hidden now: the title takes the focus.
    focus_on("present-heading".to_owned());
    on_cleanup(move || {
        hash_listener.remove();
        keys.remove();
        exit_full_screen();
    });

    let title = move || {
        let steps = state.texts().present.steps;
        steps.get(step.get() - 1).copied().unwrap_or_default()
    };
    let position = move || {
        Texts::fill(
            state.texts().present.step_of,
            &[&step.get().to_string(), &PRESENT_STEPS.to_string()],
        )
    };
    let plan_name = move || state.plan.with(|p| p.name.clone());
    let range = move || state.texts().range(state.range.get());
    let step_links = move || {
        let t = state.texts();
        let id = state.session.open_id();
        (1..=PRESENT_STEPS)
            .zip(t.present.steps)
            .map(|(n, name)| {
                view! {
                    <li>
                        <a
                            href=present_href(&id, n)
                            aria-current=move || (step.get() == n).then_some("step")
                            title=name
                            on:click=move |ev| {
                                // A click to open a new tab stays the browser's.
                                if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0) {
                                    ev.prevent_default();
                                    go(n);
                                }
                            }
                        >
                            <span class="present-step-number">{n}</span>
                            // The step's name is the link's title and, for screen
                            // readers, its text.
                            <span class="visually-hidden">{name}</span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="presentation" aria-labelledby="present-heading">
            // The app's header is hidden: the plan's name is the page's title.
            <header class="present-top">
                <div>
                    <h1>{plan_name}</h1>
                    " · "
                    {range}
                </div>
                // Said at each step, wherever the focus is.
                <p aria-live="polite" aria-atomic="true">
                    {position}
                    <span class="visually-hidden">": " {title}</span>
                </p>
            </header>
            <h2 id="present-heading" tabindex="-1">{title}</h2>
            <div class="present-body">{move || step_view(step.get())}</div>
            <nav class="present-nav" aria-label=state.tr(|t| t.present.steps_label)>
                <button
                    type="button"
                    aria-disabled=move || (step.get() == 1).to_string()
                    on:click=move |_| go(step.get_untracked().saturating_sub(1))
                >
                    "← "
                    {state.tr(|t| t.present.previous)}
                </button>
                <ol class="present-steps">{step_links}</ol>
                <button
                    type="button"
                    class="primary"
                    aria-disabled=move || (step.get() == PRESENT_STEPS).to_string()
                    on:click=move |_| go(step.get_untracked() + 1)
                >
                    {state.tr(|t| t.present.next)}
                    " →"
                </button>
                <button type="button" on:click=move |_| toggle_full_screen()>
                    {state.tr(|t| t.present.full_screen)}
                </button>
                <button type="button" on:click=move |_| leave()>
                    {state.tr(|t| t.present.leave)}
                </button>
            </nav>
            <p class="present-keys">{state.tr(|t| t.present.keys)}</p>
        </section>
    }
}

/// What a step shows.
fn step_view(step: usize) -> AnyView {
    match step {
        1 => view! { <SwimlaneDiagram /> }.into_any(),
        2 => view! { <AgreementsStep /> }.into_any(),
        3 => view! { <SharedKpiStrip /> }.into_any(),
        4 => view! { <FunnelStep /> }.into_any(),
        5 => view! { <PlannedMonth /> }.into_any(),
        _ => view! { <CycleStep /> }.into_any(),
    }
}

#[component]
fn CycleStep() -> impl IntoView {
    let state = use_app();
    view! {
        <Show
            when=move || state.plan.with(|p| p.cycle_on(state.today.get()).is_some())
            fallback=move || view! { <p>{state.tr(|t| t.present.no_cycle)}</p> }
        >
            <CurrentCycle />
        </Show>
    }
}

/// Each department's promises kept, and every agreement's promises period
/// by period.
#[component]
fn AgreementsStep() -> impl IntoView {
    let state = use_app();
    let cards = move || state.sla_ids();
    view! {
        <DepartmentCompliance />
        <Show
            when=move || state.plan.with(|p| p.sla_cards.iter().any(|c| !c.thresholds.is_empty()))
            fallback=move || view! { <p>{state.tr(|t| t.present.no_promises)}</p> }
        >
            <For each=cards key=|id| *id let:id>
                <PromiseHistory sla=id />
            </For>
        </Show>
    }
}

#[component]
fn FunnelStep() -> impl IntoView {
    let state = use_app();
    let funnel = funnel_chart(state);
    view! {
        <div class="present-funnel">
            <div>
                <FunnelDrawing chart=funnel large=true />
                // The drawing's numbers, for screen readers and on request.
                <details>
                    <summary>{state.tr(|t| t.show_table)}</summary>
                    <ChartTableView chart=funnel title=state.text(|t| t.funnel_heading.to_owned()) />
                </details>
            </div>
            <BottleneckPanel />
        </div>
    }
}

/// Keys typed into a field are the field's.
fn typing(ev: &ev::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                || e.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// Whether the key's target is inside a box that scrolls sideways.
fn in_scrolling_box(ev: &ev::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(".table-scroll, .swimlane-scroll").ok().flatten())
        .is_some_and(|b| b.scroll_width() > b.client_width())
}

fn toggle_full_screen() {
    let document = document();
    if document.fullscreen_element().is_some() {
        exit_full_screen();
    } else if let Some(root) = document.document_element() {
        // A browser that refuses (an iframe without permission) leaves the
        // page as it is: the presentation works in the window too.
        let _ = root.request_fullscreen();
    }
}

fn exit_full_screen() {
    let document = document();
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    }
}
