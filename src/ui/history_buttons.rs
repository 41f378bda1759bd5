//! Undo and redo in the header, labelled with what they will do.

use leptos::prelude::*;

use super::state::use_app;
use crate::domain::edit::EditKind;
use crate::i18n::Texts;

#[component]
pub fn HistoryButtons() -> impl IntoView {
    let state = use_app();
    let session = state.session;
    let label = |t: &Texts, kind: Option<EditKind>, template: &str, bare: &str| {
        kind.map_or_else(
            || bare.to_owned(),
            |kind| Texts::fill(template, &[t.edit_kind(kind)]),
        )
    };
    let undo_label =
        state.text(move |t| label(t, session.undo_kind(), t.session.undo_what, t.session.undo));
    let redo_label =
        state.text(move |t| label(t, session.redo_kind(), t.session.redo_what, t.session.redo));
    let nothing_to_undo = state.tr(|t| t.session.nothing_to_undo);
    let nothing_to_redo = state.tr(|t| t.session.nothing_to_redo);
    view! {
        <div class="history-buttons">
            <button
                type="button"
                aria-keyshortcuts="Control+Z Meta+Z"
                disabled=move || session.undo_kind().is_none()
                title=move || session.undo_kind().is_none().then(|| nothing_to_undo.get())
                on:click=move |_| session.undo()
            >
                <span aria-hidden="true">"↶ "</span>
                {undo_label}
            </button>
            <button
                type="button"
                aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z"
                disabled=move || session.redo_kind().is_none()
                title=move || session.redo_kind().is_none().then(|| nothing_to_redo.get())
                on:click=move |_| session.redo()
            >
                <span aria-hidden="true">"↷ "</span>
                {redo_label}
            </button>
        </div>
    }
}
