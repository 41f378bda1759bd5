//! The library: every plan this browser keeps, and what can be done to
//! plans from the list. Writes go through `save_plan`, so a tab with one of
//! these plans open catches up with a rename as with another tab's save,
//! and a library write never overwrites a newer save.

use chrono::NaiveDate;

use super::{
    load_index, plan_key, save_plan, snapshots, stored_text, IndexEntry, KeyValueStore, SaveError,
    StoreError, INDEX_KEY, LEGACY_PLAN_KEY, MAIN_PLAN, PLAN_KEY_PREFIX,
};
use crate::domain::edit::{apply, Edit};
use crate::domain::format::{FormatError, Head, Stored};
use crate::domain::order;
use crate::domain::plan::{copy_name, EditError, Plan};
use crate::domain::plan_file::PlanSummary;

/// The longest plan id: ids travel in URLs (`#/p/<id>/flow`) and keys.
pub const MAX_PLAN_ID_CHARS: usize = 40;

/// Whether `id` can name a plan: ASCII letters, digits, `-` and `_`, so it
/// reads the same in a URL, a storage key and a file name.
pub fn is_plan_id(id: &str) -> bool {
    (1..=MAX_PLAN_ID_CHARS).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Which plan a tab opens: the first of `wanted` (the one its URL names,
/// the one the tab had open, the one last opened in this browser) that is
/// a stored plan, else the main plan. A link to a deleted plan opens
/// another rather than starting an empty one under its id.
pub fn plan_to_open<'a>(
    wanted: impl IntoIterator<Item = Option<&'a str>>,
    stored: impl Fn(&str) -> bool,
) -> String {
    wanted
        .into_iter()
        .flatten()
        .find(|id| is_plan_id(id) && stored(id))
        .unwrap_or(MAIN_PLAN)
        .to_owned()
}

/// A plan in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub id: String,
    /// What the plan holds, or why it cannot be read.
    pub content: Result<PlanSummary, FormatError>,
    /// The day of its last save, when the index knows it.
    pub saved_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LibraryError {
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("no plan {0} in this browser")]
    Missing(String),
    #[error("a plan {0} is stored already")]
    Taken(String),
    #[error("the stored plan cannot be read: {0}")]
    Unreadable(FormatError),
}

impl From<StoreError> for LibraryError {
    fn from(error: StoreError) -> Self {
        LibraryError::Save(SaveError::Store(error))
    }
}

/// The ids of every stored plan, the main plan first: read from the keys,
/// so a lost index hides nothing.
fn plan_ids(store: &impl KeyValueStore) -> Result<Vec<String>, StoreError> {
    let keys = store.keys()?;
    let mut ids: Vec<String> = keys
        .iter()
        .filter_map(|k| k.strip_prefix(PLAN_KEY_PREFIX))
        .filter(|id| is_plan_id(id))
        .map(str::to_owned)
        .collect();
    if !ids.iter().any(|id| id == MAIN_PLAN) && keys.iter().any(|k| k == LEGACY_PLAN_KEY) {
        ids.push(MAIN_PLAN.to_owned());
    }
    order::sort_by_key(&mut ids, |id| (id != MAIN_PLAN, id.clone()));
    Ok(ids)
}

/// Whether a plan is stored under `id`.
pub fn exists(store: &impl KeyValueStore, id: &str) -> bool {
    plan_ids(store).is_ok_and(|ids| ids.iter().any(|i| i == id))
}

/// Every stored plan, the most recently saved first.
pub fn list_plans(store: &impl KeyValueStore) -> Result<Vec<Listed>, StoreError> {
    let index = load_index(store);
    let mut listed: Vec<Listed> = plan_ids(store)?
        .into_iter()
        .map(|id| {
            let content = read(store, &id).map(|stored| PlanSummary::of(&stored.plan));
            let saved_on = index.plans.iter().find(|e| e.id == id).map(|e| e.saved_on);
            Listed {
                id,
                content: content.map_err(|error| match error {
                    LibraryError::Unreadable(error) => error,
                    other => FormatError::shape("$", other.to_string()),
                }),
                saved_on,
            }
        })
        .collect();
    // Stable: plans saved the same day keep the order of their ids.
    order::sort_by_key(&mut listed, |l| std::cmp::Reverse(l.saved_on));
    Ok(listed)
}

/// Reads a stored plan without side effects (no backup is written: the
/// list only looks).
fn read(store: &impl KeyValueStore, id: &str) -> Result<Stored, LibraryError> {
    let text = stored_text(store, id)?.ok_or_else(|| LibraryError::Missing(id.to_owned()))?;
    crate::domain::format::decode(&text).map_err(LibraryError::Unreadable)
}

/// Stores `plan` as a new plan under `id` (never over a stored one).
/// `writer` tags the save, as a tab's session tag does.
pub fn add_plan(
    store: &impl KeyValueStore,
    id: &str,
    plan: &Plan,
    writer: u64,
    today: NaiveDate,
) -> Result<(), LibraryError> {
    if stored_text(store, id)?.is_some() {
        return Err(LibraryError::Taken(id.to_owned()));
    }
    let base = Head::default();
    save_plan(store, id, plan, (&base, &base.next(writer)), today, 0)?;
    Ok(())
}

/// Renames a stored plan, as one more save of it.
pub fn rename_plan(
    store: &impl KeyValueStore,
    id: &str,
    name: &str,
    writer: u64,
    today: NaiveDate,
) -> Result<(), LibraryError> {
    let Stored { mut plan, head } = read(store, id)?;
    apply(&mut plan, Edit::SetPlanName(name.to_owned()))?;
    save_plan(store, id, &plan, (&head, &head.next(writer)), today, 0)?;
    Ok(())
}

/// A stored plan replaced by a file's: what it was, and the save that
/// replaced it, for [`undo_replace`].
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    pub old: Plan,
    written: Head,
}

/// Puts `plan` in place of stored plan `id`, as one more save of it (a tab
/// with it open catches up).
pub fn replace_plan(
    store: &impl KeyValueStore,
    id: &str,
    plan: &Plan,
    writer: u64,
    today: NaiveDate,
) -> Result<Replaced, LibraryError> {
    let Stored { plan: old, head } = read(store, id)?;
    let written = head.next(writer);
    save_plan(store, id, plan, (&head, &written), today, 0)?;
    Ok(Replaced { old, written })
}

/// Puts back the plan a replacement took, unless the plan was saved again
/// since (by a tab that had it open): that newer work is never lost.
pub fn undo_replace(
    store: &impl KeyValueStore,
    id: &str,
    replaced: &Replaced,
    writer: u64,
    today: NaiveDate,
) -> Result<(), LibraryError> {
    let current = read(store, id)?;
    if !current.head.same_save(&replaced.written) {
        return Err(SaveError::Newer(Box::new(current)).into());
    }
    let next = current.head.next(writer);
    save_plan(store, id, &replaced.old, (&current.head, &next), today, 0)?;
    Ok(())
}

/// Stores a copy of plan `from` under `new_id`, named with `copy_suffix`;
/// the copy's name.
pub fn duplicate_plan(
    store: &impl KeyValueStore,
    from: &str,
    new_id: &str,
    copy_suffix: &str,
    writer: u64,
    today: NaiveDate,
) -> Result<String, LibraryError> {
    let Stored { mut plan, .. } = read(store, from)?;
    plan.name = copy_name(&plan.name, copy_suffix);
    add_plan(store, new_id, &plan, writer, today)?;
    Ok(plan.name)
}

/// What a deletion took away, to put back by [`restore_plan`].
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub id: String,
    /// Every key removed with its text: the plan and its snapshots.
    items: Vec<(String, String)>,
    entry: Option<IndexEntry>,
}

/// Removes a plan, its snapshots and its index entry. Once the plan's own
/// key is gone the plan is deleted, and what was taken comes back for an
/// undo even if removing a snapshot fails.
pub fn delete_plan(store: &impl KeyValueStore, id: &str) -> Result<Deleted, LibraryError> {
    let mut keys = vec![plan_key(id)];
    if id == MAIN_PLAN {
        keys.push(LEGACY_PLAN_KEY.to_owned());
    }
    let mut items = Vec::new();
    for key in keys {
        if let Some(text) = store.get(&key)? {
            items.push((key, text));
        }
    }
    if items.is_empty() {
        return Err(LibraryError::Missing(id.to_owned()));
    }
    for (key, _) in &items {
        store.remove(key)?;
    }
    // From here on the plan is deleted: the rest is tidying up.
    for key in snapshots::keys_of(store, id).unwrap_or_default() {
        if let Ok(Some(text)) = store.get(&key) {
            if store.remove(&key).is_ok() {
                items.push((key, text));
            }
        }
    }
    let mut index = load_index(store);
    let entry = index.plans.iter().position(|e| e.id == id);
    let entry = entry.map(|at| index.plans.remove(at));
    if let Ok(text) = serde_json::to_string(&index) {
        let _ = store.set(INDEX_KEY, &text);
    }
    Ok(Deleted {
        id: id.to_owned(),
        items,
        entry,
    })
}

/// Puts a deleted plan back as it was: the plan first, then its snapshots
/// and index entry where there is room. A plan saved again since (by a
/// tab that had it open) keeps its newer text and index entry.
pub fn restore_plan(store: &impl KeyValueStore, deleted: &Deleted) -> Result<(), LibraryError> {
    let (plans, snapshots) = deleted.items.split_at(
        deleted
            .items
            .iter()
            .take_while(|(key, _)| !key.starts_with(snapshots::SNAPSHOT_PREFIX))
            .count(),
    );
    // Stored again since, by a tab that had it open (not by an earlier
    // restore that stopped half way).
    let saved_since = stored_text(store, &deleted.id)?
        .is_some_and(|text| plans.first().is_none_or(|(_, ours)| text != *ours));
    if !saved_since {
        for (key, text) in plans {
            store.set(key, text)?;
        }
    }
    for (key, text) in snapshots {
        if store.get(key).ok().flatten().is_none() {
            let _ = store.set(key, text);
        }
    }
    if let (Some(entry), false) = (&deleted.entry, saved_since) {
        let mut index = load_index(store);
        index.plans.retain(|e| e.id != entry.id);
        index.plans.push(entry.clone());
        if let Ok(text) = serde_json::to_string(&index) {
            let _ = store.set(INDEX_KEY, &text);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
