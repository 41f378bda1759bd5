//! Where a plan file, a link or stored data breaks the format: each broken
//! rule beside its JSON path, in the user's language, so whoever edited a
//! file by hand finds every place at once.

use leptos::prelude::*;

use super::state::use_app;
use crate::domain::format::{FormatError, MAX_REPORTED};
use crate::i18n::Texts;

/// The places `error` names; nothing for an error that names none. JSON's
/// own reader says where it stopped in English, shown as a detail.
#[component]
pub fn FileProblems(error: FormatError) -> impl IntoView {
    let state = use_app();
    move || {
        let t = state.texts();
        match &error {
            FormatError::Broken(found) => {
                let items = found
                    .iter()
                    .map(|v| view! { <li><code>{v.path.clone()}</code>" "{t.rule(&v.rule)}</li> })
                    .collect_view();
                let more = (found.len() >= MAX_REPORTED).then(|| {
                    view! { <p class="notice-detail">{Texts::fill(t.format_errors.first_listed, &[&MAX_REPORTED.to_string()])}</p> }
                });
                view! {
                    <ul class="file-problems">{items}</ul>
                    {more}
                }
                .into_any()
            }
            FormatError::NotJson(detail) => view! {
                <p class="notice-detail">{Texts::fill(t.plans.detail, &[detail])}</p>
            }
            .into_any(),
            _ => ().into_any(),
        }
    }
}
