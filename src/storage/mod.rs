//! Keeping the plan in the browser, safely.
//!
//! The rules live here, over a tiny key-value trait, so they are tested
//! natively against an in-memory store; `browser` adapts local storage.
//! - Never write before a successful load: unreadable data is first copied
//!   to a backup key, and if even that fails nothing is written at all.
//! - A plan from a newer app version is left untouched.
//! - A failed save leaves the previous stored copy as it was (a single
//!   `setItem` either replaces the value or throws).

#[cfg(target_arch = "wasm32")]
pub mod browser;

use crate::domain::format::{self, FormatError};
use crate::domain::locale::Lang;
use crate::domain::plan::Plan;

pub const PLAN_KEY: &str = "funnel-planner/plan";
pub const LANG_KEY: &str = "funnel-planner/lang";
pub const BACKUP_KEY_PREFIX: &str = "funnel-planner/unreadable-plan/";

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("the browser's storage is full")]
    QuotaExceeded,
    #[error("storage failed: {0}")]
    Other(String),
}

/// The little a plan store needs from local storage.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
}

/// What the app found in storage at start-up.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Nothing saved yet: start the default plan and save it.
    Nothing,
    Plan(Plan),
    /// Unreadable data, copied to `backup_key` before anything else is written.
    Recovered {
        backup_key: String,
        error: FormatError,
    },
    /// Readable only by a newer app, or unreadable and impossible to back
    /// up: leave storage alone for this session.
    Untouchable {
        error: FormatError,
    },
}

impl Loaded {
    /// Whether the app may write the plan back to storage.
    pub fn may_save(&self) -> bool {
        !matches!(self, Loaded::Untouchable { .. })
    }
}

/// Reads the saved plan. `stamp` makes the backup key unique (a timestamp).
pub fn load_plan(store: &impl KeyValueStore, stamp: u64) -> Result<Loaded, StoreError> {
    let Some(text) = store.get(PLAN_KEY)? else {
        return Ok(Loaded::Nothing);
    };
    match format::decode(&text) {
        Ok(plan) => Ok(Loaded::Plan(plan)),
        Err(error @ FormatError::NewerVersion { .. }) => Ok(Loaded::Untouchable { error }),
        Err(error) => {
            let backup_key = format!("{BACKUP_KEY_PREFIX}{stamp}");
            match store.set(&backup_key, &text) {
                Ok(()) => Ok(Loaded::Recovered { backup_key, error }),
                Err(_) => Ok(Loaded::Untouchable { error }),
            }
        }
    }
}

pub fn save_plan(store: &impl KeyValueStore, plan: &Plan) -> Result<(), StoreError> {
    let text = format::encode(plan).map_err(|e| StoreError::Other(e.to_string()))?;
    store.set(PLAN_KEY, &text)
}

/// The saved UI language, if any and if readable.
pub fn load_lang(store: &impl KeyValueStore) -> Option<Lang> {
    store.get(LANG_KEY).ok().flatten()?.parse().ok()
}

pub fn save_lang(store: &impl KeyValueStore, lang: Lang) -> Result<(), StoreError> {
    store.set(LANG_KEY, lang.code())
}

#[cfg(test)]
mod tests {
    use std::cell::{Cell, RefCell};
    use std::collections::HashMap;

    use super::*;
    use crate::domain::presets::inside_sales;

    /// In-memory storage that can be told to fail its writes.
    #[derive(Default)]
    struct MemoryStore {
        items: RefCell<HashMap<String, String>>,
        full: Cell<bool>,
    }

    impl MemoryStore {
        fn with(key: &str, value: &str) -> MemoryStore {
            let store = MemoryStore::default();
            store.items.borrow_mut().insert(key.into(), value.into());
            store
        }

        fn item(&self, key: &str) -> Option<String> {
            self.items.borrow().get(key).cloned()
        }
    }

    impl KeyValueStore for MemoryStore {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            Ok(self.item(key))
        }

        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            if self.full.get() {
                return Err(StoreError::QuotaExceeded);
            }
            self.items.borrow_mut().insert(key.into(), value.into());
            Ok(())
        }
    }

    fn plan() -> Plan {
        inside_sales(Lang::En)
    }

    #[test]
    fn saves_and_loads_a_plan() {
        let store = MemoryStore::default();
        assert_eq!(load_plan(&store, 1), Ok(Loaded::Nothing));
        save_plan(&store, &plan()).unwrap();
        assert_eq!(load_plan(&store, 1), Ok(Loaded::Plan(plan())));
    }

    #[test]
    fn unreadable_data_is_backed_up_verbatim() {
        let store = MemoryStore::with(PLAN_KEY, "{not json");
        let loaded = load_plan(&store, 1700).unwrap();
        let Loaded::Recovered { backup_key, error } = &loaded else {
            panic!("expected recovery, got {loaded:?}");
        };
        assert_eq!(backup_key, "funnel-planner/unreadable-plan/1700");
        assert!(matches!(error, FormatError::NotJson(_)));
        assert_eq!(store.item(backup_key).as_deref(), Some("{not json"));
        assert!(loaded.may_save());
    }

    #[test]
    fn unreadable_data_that_cannot_be_backed_up_is_left_alone() {
        let store = MemoryStore::with(PLAN_KEY, "garbage");
        store.full.set(true);
        let loaded = load_plan(&store, 1).unwrap();
        assert!(matches!(loaded, Loaded::Untouchable { .. }));
        assert!(!loaded.may_save());
        assert_eq!(store.item(PLAN_KEY).as_deref(), Some("garbage"));
    }

    #[test]
    fn plans_from_newer_versions_are_left_alone() {
        let newer = r#"{"format":"funnel-planner/plan","version":999,"plan":{}}"#;
        let store = MemoryStore::with(PLAN_KEY, newer);
        let loaded = load_plan(&store, 1).unwrap();
        assert_eq!(
            loaded,
            Loaded::Untouchable {
                error: FormatError::NewerVersion { found: 999 }
            }
        );
        assert_eq!(store.items.borrow().len(), 1, "no backup written");
    }

    #[test]
    fn a_failed_save_keeps_the_previous_copy() {
        let store = MemoryStore::default();
        save_plan(&store, &plan()).unwrap();
        let saved = store.item(PLAN_KEY);
        let mut changed = plan();
        changed
            .rename_stage(changed.stages[0].id, "Changed")
            .unwrap();
        store.full.set(true);
        assert_eq!(save_plan(&store, &changed), Err(StoreError::QuotaExceeded));
        assert_eq!(store.item(PLAN_KEY), saved);
    }

    #[test]
    fn language_preference_round_trips_and_ignores_junk() {
        let store = MemoryStore::default();
        assert_eq!(load_lang(&store), None);
        save_lang(&store, Lang::Ja).unwrap();
        assert_eq!(load_lang(&store), Some(Lang::Ja));
        store.set(LANG_KEY, "klingon").unwrap();
        assert_eq!(load_lang(&store), None);
    }
}
