//! The first visit's guide: three steps from an empty plan to numbers on
//! the dashboard, and the example plan one click away. It shows on the
//! Flow page while the open plan has no counts, until the user hides it.

use leptos::prelude::*;

use super::focus_on;
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
    // A memo: typing on the Flow page must not draw the guide again.
    let shown = Memo::new(move |_| !hidden.get() && state.plan.with(|p| p.entries.is_empty()));
    let hide = move |_| {
        hidden.set(true);
        focus_on("flow-heading".into());
        if let Some(store) = BrowserStore::open() {
            // Not remembered, it shows again next time: harmless.
            let _ = save_guide_hidden(&store);
        }
    };
    // The page reloads into the example: a second click meanwhile must not
    // store a second one.
    let opening = StoredValue::new(false);
    let open_example = move |_| {
        if opening.get_value() {
            return;
        }
        let plan = Preset::Example.plan(state.lang.get_untracked(), state.today.get_untracked());
        match add_and_open(state, &plan) {
            Ok(()) => opening.set_value(true),
            Err(message) => problem.set(Some(message)),
        }
    };
    move || {
        shown.get().then(|| {
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
                            " "
                            <a href=move || state.href(Route::Planning)>{state.tr(|t| t.guide.targets_goal)}</a>
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
