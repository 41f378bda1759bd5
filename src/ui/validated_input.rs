//! A text field whose value is checked on every keystroke. Valid text goes
//! to the model at once; invalid text stays in the field with a message
//! beside it while the model keeps its last valid value. Everything typed
//! while the field has focus is one undo step.

use leptos::prelude::*;

use super::state::use_app;
use crate::i18n::Problem;

#[component]
pub fn ValidatedInput(
    id: String,
    /// The model's value, shown whenever the user is not mid-edit.
    #[prop(into)]
    value: Signal<String>,
    /// Applies the text to the model, or says why it cannot.
    on_commit: Callback<String, Result<(), Problem>>,
    #[prop(optional)] numeric: bool,
    #[prop(optional, into)] class: String,
    /// Ids of the visible headers that name the field (grid cells).
    #[prop(optional, into)]
    labelled_by: Option<String>,
    /// A name for fields whose visible label is a column header.
    #[prop(optional, into)]
    label: Option<Signal<String>>,
) -> impl IntoView {
    let state = use_app();
    // What the user typed, while it differs from the model's formatting.
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<Problem>);
    let error_id = format!("{id}-error");
    let session = state.session;
    // Undo, redo or another tab changed the plan: show it, not the typing.
    Effect::new(move |seen: Option<u64>| {
        let now = session.outside_changes();
        if seen.is_some_and(|seen| seen != now) && draft.with_untracked(Option::is_some) {
            draft.set(None);
            error.set(None);
        }
        now
    });
    let group = StoredValue::new(id.clone());

    // The browser can still fire events at a field while a re-render is
    // removing it (blur on removal); by then its signals are disposed, so
    // handlers use the `try_` accessors and do nothing instead of panicking.
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let commit = || on_commit.try_run(text.clone());
        let result = group
            .try_with_value(|group| session.typing_in(group, commit))
            .flatten();
        if let Some(result) = result {
            error.try_set(result.err());
        }
        draft.try_set(Some(text));
    };
    // Leaving a valid field shows the model's tidy form ("1234" → "1,234").
    let on_change = move |_| {
        if error.try_with(Option::is_none) == Some(true) {
            draft.try_set(None);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            draft.try_set(None);
            error.try_set(None);
        }
    };

    view! {
        <input
            id=id
            type="text"
            class=class
            inputmode=numeric.then_some("numeric")
            autocomplete="off"
            prop:value=move || draft.get().unwrap_or_else(|| value.get())
            aria-invalid=move || error.with(Option::is_some).to_string()
            aria-describedby=error_id.clone()
            aria-labelledby=labelled_by
            aria-label=move || label.map(|l| l.get())
            on:input=on_input
            on:change=on_change
            on:blur=move |_| session.close_group()
            on:keydown=on_keydown
        />
        <p id=error_id class="field-error" aria-live="polite">
            {move || error.get().map(|p| state.texts().problem(&p))}
        </p>
    }
}
