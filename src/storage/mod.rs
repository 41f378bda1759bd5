//! Keeping plans in the browser, safely.
//!
//! The rules live here, over a tiny key-value trait, so they are tested
//! natively against an in-memory store (with injected faults); `browser`
//! adapts local storage.
//! - Each plan has its own key, listed in a small index; `library` lists,
//!   adds, renames, copies and deletes them. A plan saved by an older version under the single old key is
//!   read from there and moved on its first save.
//! - Never write before a successful load: unreadable data is first copied
//!   to a backup key, and if even that fails nothing is written at all.
//! - A plan from a newer app version is left untouched.
//! - Every save first reads the stored head: a save this tab did not build
//!   on means another tab saved, and this tab must replay its edits on that
//!   plan instead of overwriting it (`domain::edit::outbox`).
//! - A failed save leaves the previous stored copy as it was (a single
//!   `setItem` either replaces the value or throws).
//! - The first save of a day keeps the plan as the last editing day left it
//!   as that day's snapshot; the last [`SNAPSHOTS_KEPT`] are kept.

#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod csv_mappings;
pub mod library;
mod snapshots;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::format::{self, FormatError, Head, Stored};
use crate::domain::locale::Lang;
use crate::domain::period::RangeChoice;
use crate::domain::plan::Plan;

pub use snapshots::{
    list_snapshots, load_snapshot, remove_old_copies, Snapshot, SnapshotError, SNAPSHOTS_KEPT,
};

/// Where versions 1 to 3 kept the one plan.
pub const LEGACY_PLAN_KEY: &str = "funnel-planner/plan";
pub const INDEX_KEY: &str = "funnel-planner/index";
pub const LANG_KEY: &str = "funnel-planner/lang";
/// Set once the user hides the first visit's guide.
pub const GUIDE_HIDDEN_KEY: &str = "funnel-planner/guide-hidden";
/// The plan last opened, which a new tab opens.
pub const LAST_PLAN_KEY: &str = "funnel-planner/last-plan";
/// The range and view last chosen, for every plan.
pub const RANGE_KEY: &str = "funnel-planner/range";
/// A random name for this browser's library: every browser's first plan
/// is "main", so a file names its plan with it.
pub const LIBRARY_TOKEN_KEY: &str = "funnel-planner/library-token";
pub const BACKUP_KEY_PREFIX: &str = "funnel-planner/unreadable-plan/";
pub(crate) const PLAN_KEY_PREFIX: &str = "funnel-planner/plans/";
/// The plan a first visit starts, and the one versions before the library
/// kept.
pub const MAIN_PLAN: &str = "main";

pub fn plan_key(plan_id: &str) -> String {
    format!("{PLAN_KEY_PREFIX}{plan_id}")
}

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
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key, for finding backups and snapshots.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// The plans this browser keeps, newest save last.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub plans: Vec<IndexEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub id: String,
    pub name: String,
    /// The day of the last save: the next day's first save snapshots it.
    #[serde(deserialize_with = "crate::domain::period::iso_day::deserialize")]
    pub saved_on: NaiveDate,
}

/// The index, or an empty one when missing or unreadable (it is rebuilt
/// from the plans as they are saved, so nothing is lost with it).
pub fn load_index(store: &impl KeyValueStore) -> Index {
    read_json(store, INDEX_KEY).unwrap_or_default()
}

/// A stored JSON value of type `T`, read through a `Value` as plans are:
/// the text reader is already in the bundle for `Value`, so it is not
/// compiled again for each type.
fn read_json<T: serde::de::DeserializeOwned>(store: &impl KeyValueStore, key: &str) -> Option<T> {
    let text = store.get(key).ok().flatten()?;
    let value = serde_json::from_str::<serde_json::Value>(&text).ok()?;
    serde_json::from_value(value).ok()
}

/// What the app found in storage at start-up.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Nothing saved yet: start the default plan and save it.
    Nothing,
    Plan(Box<Stored>),
    /// Unreadable data, copied to `backup_key` before anything else is written.
    Recovered {
        backup_key: String,
        error: FormatError,
    },
    /// Readable only by a newer app, or unreadable and impossible to back
    /// up: leave storage alone. `raw` is the stored text, for the user to
    /// download before deciding to start afresh.
    Untouchable {
        error: FormatError,
        raw: String,
    },
}

/// Reads a plan. `stamp` makes the backup key unique (a timestamp).
pub fn load_plan(
    store: &impl KeyValueStore,
    plan_id: &str,
    stamp: u64,
) -> Result<Loaded, StoreError> {
    Ok(match stored_text(store, plan_id)? {
        Some(text) => read_or_back_up(store, text, stamp),
        None => Loaded::Nothing,
    })
}

/// A plan's stored text: under its key, or for the main plan under the
/// key versions 1 to 3 used.
fn stored_text(store: &impl KeyValueStore, plan_id: &str) -> Result<Option<String>, StoreError> {
    match store.get(&plan_key(plan_id))? {
        None if plan_id == MAIN_PLAN => store.get(LEGACY_PLAN_KEY),
        text => Ok(text),
    }
}

fn read_or_back_up(store: &impl KeyValueStore, text: String, stamp: u64) -> Loaded {
    match format::decode(&text) {
        Ok(stored) => Loaded::Plan(Box::new(stored)),
        Err(error @ FormatError::NewerVersion { .. }) => Loaded::Untouchable { error, raw: text },
        Err(error) => {
            let backup_key = format!("{BACKUP_KEY_PREFIX}{stamp}");
            match store.set(&backup_key, &text) {
                Ok(()) => Loaded::Recovered { backup_key, error },
                Err(_) => Loaded::Untouchable { error, raw: text },
            }
        }
    }
}

/// Why a save did not write.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The plan breaks a rule or is too large: loading would refuse it.
    #[error("the plan cannot be saved: {0}")]
    Refused(FormatError),
    /// Another tab saved: replay this tab's edits on its plan.
    #[error("another tab saved a newer version")]
    Newer(Box<Stored>),
    /// Another tab (a newer app) wrote what this app cannot read.
    #[error("another tab saved data this version cannot read")]
    Unreadable(FormatError),
}

/// Saves `plan` with `head` (the next head after `base`, the save this
/// tab's plan is built on), unless another tab saved since.
pub fn save_plan(
    store: &impl KeyValueStore,
    plan_id: &str,
    plan: &Plan,
    (base, head): (&Head, &Head),
    today: NaiveDate,
    stamp: u64,
) -> Result<(), SaveError> {
    let text = format::encode(plan, head).map_err(SaveError::Refused)?;
    let key = plan_key(plan_id);
    let stored = store.get(&key)?;
    if let Some(stored) = &stored {
        match format::stored_head(stored) {
            // Ours, or older than ours (a write that storage lost): ours is newer.
            Some(found) if found.same_save(base) || found.revision < base.revision => {}
            Some(_) => {
                return match format::decode(stored) {
                    Ok(newer) => Err(SaveError::Newer(Box::new(newer))),
                    Err(error) => Err(SaveError::Unreadable(error)),
                };
            }
            // Damaged since it was read: keep it aside before writing over it.
            None => store.set(&format!("{BACKUP_KEY_PREFIX}{stamp}"), stored)?,
        }
    }
    let mut index = load_index(store);
    let previous_day = index
        .plans
        .iter()
        .find(|e| e.id == plan_id)
        .map(|e| e.saved_on);
    if let (Some(stored), Some(day)) = (&stored, previous_day) {
        if day < today {
            // Snapshots are a convenience: a full storage must not stop the save.
            let _ = snapshots::keep(store, plan_id, day, stored);
        }
    }
    store.set(&key, &text)?;
    if plan_id == MAIN_PLAN {
        // The plan now lives under its own key; the old one would only go stale.
        let _ = store.remove(LEGACY_PLAN_KEY);
    }
    index.plans.retain(|e| e.id != plan_id);
    index.plans.push(IndexEntry {
        id: plan_id.to_owned(),
        name: plan.name.clone(),
        saved_on: today,
    });
    // The index is rebuilt by the next save if this write fails.
    if let Ok(text) = serde_json::to_string(&index) {
        let _ = store.set(INDEX_KEY, &text);
    }
    Ok(())
}

/// The stored plan if another tab saved since `base`; cheap when nothing
/// changed (only the head is read).
pub fn read_if_newer(store: &impl KeyValueStore, plan_id: &str, base: &Head) -> Option<Stored> {
    let text = store.get(&plan_key(plan_id)).ok()??;
    if format::stored_head(&text)?.same_save(base) {
        return None;
    }
    format::decode(&text).ok()
}

/// The saved UI language, if any and if readable.
pub fn load_lang(store: &impl KeyValueStore) -> Option<Lang> {
    store.get(LANG_KEY).ok().flatten()?.parse().ok()
}

pub fn save_lang(store: &impl KeyValueStore, lang: Lang) -> Result<(), StoreError> {
    store.set(LANG_KEY, lang.code())
}

pub fn load_guide_hidden(store: &impl KeyValueStore) -> bool {
    store.get(GUIDE_HIDDEN_KEY).ok().flatten().is_some()
}

pub fn save_guide_hidden(store: &impl KeyValueStore) -> Result<(), StoreError> {
    store.set(GUIDE_HIDDEN_KEY, "1")
}

/// This browser's library token, made with `fresh` the first time; `None`
/// when it cannot be stored (files then name no plan).
pub fn library_token(store: &impl KeyValueStore, fresh: impl FnOnce() -> String) -> Option<String> {
    if let Some(token) = load_library_token(store) {
        return Some(token);
    }
    let token = fresh();
    store.set(LIBRARY_TOKEN_KEY, &token).ok()?;
    Some(token)
}

/// This browser's library token if one was made (reading a file never
/// writes one).
pub fn load_library_token(store: &impl KeyValueStore) -> Option<String> {
    store.get(LIBRARY_TOKEN_KEY).ok().flatten()
}

/// The id a file gives its plan: this library's token and the plan's id.
pub fn file_id(token: &str, plan_id: &str) -> String {
    format!("{token}:{plan_id}")
}

/// The plan of this library a file names, if it names one of this
/// library's (a file from another browser names none here).
pub fn own_plan<'a>(file_id: &'a str, token: &str) -> Option<&'a str> {
    file_id
        .split_once(':')
        .filter(|(from, _)| *from == token)
        .map(|(_, plan)| plan)
}

/// The plan last opened in this browser, if any.
pub fn load_last_plan(store: &impl KeyValueStore) -> Option<String> {
    store.get(LAST_PLAN_KEY).ok().flatten()
}

pub fn save_last_plan(store: &impl KeyValueStore, plan_id: &str) -> Result<(), StoreError> {
    store.set(LAST_PLAN_KEY, plan_id)
}

/// The remembered range, if any and if readable.
pub fn load_range(store: &impl KeyValueStore, today: NaiveDate) -> Option<RangeChoice> {
    RangeChoice::from_text(&store.get(RANGE_KEY).ok().flatten()?, today)
}

pub fn save_range(store: &impl KeyValueStore, choice: RangeChoice) -> Result<(), StoreError> {
    store.set(RANGE_KEY, &choice.to_text())
}

#[cfg(test)]
pub(crate) mod memory;

#[cfg(test)]
mod tests;
