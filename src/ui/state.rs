//! The app's shared reactive state, provided as context to every page.

use leptos::prelude::*;

use crate::domain::format::FormatError;
use crate::domain::locale::Lang;
use crate::domain::month::Month;
use crate::domain::plan::Plan;
use crate::i18n::{texts, Texts};
use crate::storage::StoreError;

/// Something about stored data the user must know, shown until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageNotice {
    /// Unreadable data was kept under `backup_key`; a fresh plan was started.
    Recovered {
        backup_key: String,
        error: FormatError,
    },
    /// Saved data is left alone (newer version or not backed up); nothing is saved.
    Untouchable { error: FormatError },
    /// Local storage cannot be used at all.
    Unavailable,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub plan: RwSignal<Plan>,
    pub lang: RwSignal<Lang>,
    /// The month counts are entered for.
    pub month: Month,
    pub notice: RwSignal<Option<StorageNotice>>,
    /// The last save's failure, cleared by the next good save.
    pub save_error: RwSignal<Option<StoreError>>,
}

impl AppState {
    /// The texts of the current language; reactive when called in a closure.
    pub fn texts(&self) -> &'static Texts {
        texts(self.lang.get())
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
