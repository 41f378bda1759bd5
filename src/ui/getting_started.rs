//! The first visit's guide: three steps from an empty plan to numbers on
//! the dashboard, and the example plan one click away. It shows on the
//! Flow page while the open plan has no counts, until the user hides it.

use leptos::prelude::*;

use super::plans::add_and_open;
use super::state::use_app;
use crate::domain::presets::Preset;
use crate::route::Route;
use crate::storage::browser::BrowserStore;
use crate::storage::{load_guide_hidden, save_guide_hidden};

#[component]
pub fn GettingStarted() -> impl IntoView {
    let state = use_app();
    let hidden = RwSignal::new(BrowserStore::open().is_some_and(|s| load_guide_hidden(&s)));
    let problem = RwSignal::new(None::<String>);
    let shown = move || !hidden.get() && state.plan.with(|p| p.entries.is_empty());
    let hide = move |_| {
        hidden.set(true);
        if let Some(store) = BrowserStore::open() {
            // Not remembered, it shows again next time: harmless.
            let _ = save_guide_hidden(&store);
        }
    };
    let open_example = move |_| {
        let plan = Preset::Example.plan(state.lang.get_untracked(), state.today.get_untracked());
        if let Err(message) = add_and_open(state, &plan) {
            problem.set(Some(message));
        }
    };
    move || {
        shown().then(|| {
            view! {
                <section class="getting-started" aria-labelledby="getting-started-heading">
                    <h3 id="getting-started-heading">{state.tr(|t| t.guide.heading)}</h3>
                    <ol class="steps">
                        <li>
                            <strong>{state.tr(|t| t.guide.flow)}</strong>
                            " "
                            {state.tr(|t| t.guide.flow_hint)}
                        </li>
                        <li>
                            <a href=move || state.href(Route::Kpis)>{state.tr(|t| t.guide.targets)}</a>
                            " "
                            {state.tr(|t| t.guide.targets_hint)}
                        </li>
                        <li>
                            <a href=move || state.href(Route::Numbers)>{state.tr(|t| t.guide.numbers)}</a>
                            " "
                            {state.tr(|t| t.guide.numbers_hint)}
                        </li>
                    </ol>
                    <p>
                        {state.tr(|t| t.guide.example_hint)}
                        " "
                        <button type="button" on:click=open_example>{state.tr(|t| t.guide.open_example)}</button>
                    </p>
                    <p role="alert" class="field-error">{move || problem.get()}</p>
                    <button type="button" class="link-button" on:click=hide>{state.tr(|t| t.guide.hide)}</button>
                </section>
            }
        })
    }
}
