//! Taking one file from the user: a card with a file input that also takes
//! a dropped file, and reading its bytes with a size limit checked first.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::state::use_app;
use crate::i18n::Texts;

/// Why a chosen file's bytes were not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Over the limit: never read into memory.
    TooLarge,
    /// The browser could not read it (a folder, no permission).
    Unreadable,
}

/// A file's bytes, its size checked before anything is read.
pub async fn read_bytes(file: &web_sys::File, limit: usize) -> Result<Vec<u8>, FileError> {
    if file.size() > limit as f64 {
        return Err(FileError::TooLarge);
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Counts the user's picks, so a read that ends after a later pick began
/// (a large file, then a small one) is dropped.
#[derive(Clone, Copy)]
pub struct Picks(StoredValue<u64>);

impl Picks {
    pub fn new() -> Picks {
        Picks(StoredValue::new(0))
    }

    /// Starts a pick (or ends the current one: a cancel, an import).
    pub fn next(self) -> u64 {
        self.0.update_value(|n| *n += 1);
        self.0.get_value()
    }

    /// Whether `pick` is still the latest (false once the page is left).
    pub fn is_current(self, pick: u64) -> bool {
        self.0.try_get_value() == Some(pick)
    }
}

/// A card titled `heading` with a file input labelled `label` that also
/// takes a file dropped on it; `children` follow the input and its hint.
#[component]
pub fn DropZone(
    heading_id: &'static str,
    heading: fn(&'static Texts) -> &'static str,
    input_id: &'static str,
    label: fn(&'static Texts) -> &'static str,
    hint: fn(&'static Texts) -> &'static str,
    accept: &'static str,
    on_file: Callback<web_sys::File>,
    children: Children,
) -> impl IntoView {
    let state = use_app();
    // A file dropped beside the card would open in place of the app.
    let keep_files = |ev: leptos::ev::DragEvent| ev.prevent_default();
    let dragover = window_event_listener(leptos::ev::dragover, keep_files);
    let drop = window_event_listener(leptos::ev::drop, keep_files);
    on_cleanup(move || {
        dragover.remove();
        drop.remove();
    });
    let on_choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            on_file.run(file);
        }
        // The same file can be chosen again after a change to it.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|data| data.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            on_file.run(file);
        }
    };
    view! {
        <section
            class="card drop-zone"
            aria-labelledby=heading_id
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=on_drop
        >
            <h3 id=heading_id>{state.tr(heading)}</h3>
            <label class="block-label">
                {state.tr(label)}
                <input id=input_id type="file" accept=accept on:change=on_choose />
            </label>
            <p class="hint">{state.tr(hint)}</p>
            {children()}
        </section>
    }
}
