//! Banners about stored data: what happened at load, and failed saves.

use leptos::prelude::*;

use super::state::{use_app, StorageNotice};
use crate::domain::format::FormatError;
use crate::storage::StoreError;

#[component]
pub fn StorageNotices() -> impl IntoView {
    let state = use_app();
    let load_notice = move || {
        let t = state.texts();
        state.notice.get().map(|notice| {
            let reload = notice == StorageNotice::ChangedElsewhere;
            let (message, detail) = match notice {
                StorageNotice::Recovered { backup_key, error } => (
                    format!("{} “{backup_key}”.", t.corrupt_data_kept),
                    Some(error.to_string()),
                ),
                StorageNotice::Untouchable { error } => {
                    let message = if matches!(error, FormatError::NewerVersion { .. }) {
                        t.newer_version
                    } else {
                        t.unreadable_left_alone
                    };
                    (message.to_owned(), Some(error.to_string()))
                }
                StorageNotice::Unavailable => (t.storage_unavailable.to_owned(), None),
                StorageNotice::ChangedElsewhere => (t.changed_in_other_tab.to_owned(), None),
            };
            view! {
                <div class="notice notice-warning" role="alert">
                    <p>{message}</p>
                    {detail.map(|d| view! { <p class="notice-detail">{d}</p> })}
                    {reload
                        .then(|| {
                            view! {
                                <button type="button" on:click=move |_| reload_page()>
                                    {t.reload}
                                </button>
                            }
                        })}
                    <button type="button" on:click=move |_| state.notice.set(None)>
                        {t.dismiss}
                    </button>
                </div>
            }
        })
    };
    let save_error = move || {
        let t = state.texts();
        state.save_error.get().map(|error| {
            let message = match error {
                StoreError::QuotaExceeded => t.save_failed_quota.to_owned(),
                StoreError::Other(detail) => format!("{} ({detail})", t.save_failed_other),
            };
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{message}</p>
                </div>
            }
        })
    };
    view! {
        <div class="notices">
            {load_notice}
            {save_error}
        </div>
    }
}

fn reload_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
