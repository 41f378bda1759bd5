//! A text field whose value is checked on every keystroke. Valid text goes
//! to the model at once. Invalid text stays in the field with a message
//! beside it, and the model goes back to the value the field had when this
//! edit began: a rejected "12.5" never counts as the 12 typed on the way.
//! Leaving the field with invalid text shows that value again and says so.
//! Everything typed while the field has focus is one undo step.

use leptos::prelude::*;

use super::state::use_app;
use crate::i18n::{Problem, Texts};

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
    let group = StoredValue::new(id.clone());
    // The model's text when this edit began: what invalid text falls back to.
    let before = StoredValue::new(None::<String>);
    // Undo, redo or another tab changed the plan: show it, not the typing,
    // and let the next typing start a new edit from what the plan now holds.
    Effect::new(move |seen: Option<u64>| {
        let now = session.outside_changes();
        if seen.is_some_and(|seen| seen != now) {
            before.set_value(None);
            if draft.with_untracked(Option::is_some) {
                draft.set(None);
                error.set(None);
            }
        }
        now
    });
    // Invalid text the field dropped when the user left it, to say so.
    let dropped = RwSignal::new(None::<String>);
    // Applies `text`, or on refusal puts the model back as this edit found it.
    let commit_or_fall_back = move |text: String| {
        let result = on_commit.try_run(text)?;
        if result.is_err() {
            if let Some(Some(start)) = before.try_get_value() {
                // Only when a valid prefix of this typing went to the model;
                // the field's own earlier text applies as it did then.
                if value.try_get_untracked().as_ref() != Some(&start) {
                    let _ = on_commit.try_run(start);
                }
            }
        }
        Some(result)
    };

    // The browser can still fire events at a field while a re-render is
    // removing it (blur on removal); by then its signals are disposed, so
    // handlers use the `try_` accessors and do nothing instead of panicking.
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        if before.try_with_value(Option::is_none) == Some(true) {
            before.try_set_value(value.try_get_untracked());
        }
        dropped.try_set(None);
        let commit = || commit_or_fall_back(text.clone());
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
    // Leaving with invalid text: the field shows the value that counts.
    let on_blur = move |_| {
        session.close_group();
        before.try_set_value(None);
        if error.try_with(Option::is_some) == Some(true) {
            dropped.try_set(draft.try_get_untracked().flatten());
            draft.try_set(None);
            error.try_set(None);
        }
    };
    // Escape takes back this edit's typing.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            if let Some(Some(start)) = before.try_get_value() {
                if value.try_get_untracked().as_ref() != Some(&start) {
                    group.try_with_value(|group| {
                        session.typing_in(group, || on_commit.try_run(start))
                    });
                }
            }
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
            on:blur=on_blur
            on:keydown=on_keydown
        />
        <p id=error_id class="field-error" aria-live="polite">
            {move || {
                let t = state.texts();
                match (error.get(), dropped.get()) {
                    (Some(problem), _) => t.problem(&problem),
                    (None, Some(text)) => Texts::fill(t.value_dropped, &[&text]),
                    (None, None) => String::new(),
                }
            }}
        </p>
    }
}
