//! A labelled checkbox bound to a switch in the app state.

use leptos::prelude::*;

use super::state::use_app;
use crate::i18n::Texts;

#[component]
pub fn Toggle(
    value: RwSignal<bool>,
    /// Picks the label from the current language's texts.
    label: fn(&Texts) -> &'static str,
    #[prop(optional, into)] class: String,
) -> impl IntoView {
    let state = use_app();
    view! {
        <label class=format!("toolbar-check {class}")>
            <input
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            {move || label(state.texts())}
        </label>
    }
}
