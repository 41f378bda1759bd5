//! Undo and redo in the header, labelled with what they will do.

use leptos::prelude::*;

use super::state::use_app;
use crate::domain::edit::EditKind;
use crate::i18n::Texts;

#[component]
pub fn HistoryButtons() -> impl IntoView {
    let state = use_app();
    let session = state.session;
    let label = move |kind: Option<EditKind>, what: fn(&Texts) -> (&'static str, &'static str)| {
        let t = state.texts();
        let (template, bare) = what(t);
        kind.map_or_else(
            || bare.to_owned(),
            |kind| Texts::fill(template, &[t.edit_kind(kind)]),
        )
    };
    let undo_label = move || {
        label(session.undo_kind(), |t| {
            (t.session.undo_what, t.session.undo)
        })
    };
    let redo_label = move || {
        label(session.redo_kind(), |t| {
            (t.session.redo_what, t.session.redo)
        })
    };
    view! {
        <div class="history-buttons">
            <button
                type="button"
                aria-keyshortcuts="Control+Z Meta+Z"
                disabled=move || session.undo_kind().is_none()
                title=move || session.undo_kind().is_none().then(|| state.texts().session.nothing_to_undo)
                on:click=move |_| session.undo()
            >
                <span aria-hidden="true">"↶ "</span>
                {undo_label}
            </button>
            <button
                type="button"
                aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z"
                disabled=move || session.redo_kind().is_none()
                title=move || session.redo_kind().is_none().then(|| state.texts().session.nothing_to_redo)
                on:click=move |_| session.redo()
            >
                <span aria-hidden="true">"↷ "</span>
                {redo_label}
            </button>
        </div>
    }
}
