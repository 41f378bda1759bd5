//! Daily snapshots: the plan as each editing day left it, so a user can go
//! back to "Tuesday evening" after a bad afternoon. Written by the first
//! save of a later day; the newest [`SNAPSHOTS_KEPT`] are kept.

use chrono::NaiveDate;

use super::{KeyValueStore, StoreError};
use crate::domain::format::{self, FormatError};
use crate::domain::order;
use crate::domain::period::parse_iso_day;
use crate::domain::plan::Plan;
use crate::domain::plan_file::PlanSummary;

pub const SNAPSHOTS_KEPT: usize = 14;
pub(super) const SNAPSHOT_PREFIX: &str = "funnel-planner/snapshots/";

fn prefix(plan_id: &str) -> String {
    format!("{SNAPSHOT_PREFIX}{plan_id}/")
}

fn key(plan_id: &str, day: NaiveDate) -> String {
    // `Display` writes ISO 8601 (2026-11-24), which sorts by date.
    format!("{}{day}", prefix(plan_id))
}

/// The keys of a plan's snapshots.
pub(super) fn keys_of(
    store: &impl KeyValueStore,
    plan_id: &str,
) -> Result<Vec<String>, StoreError> {
    let prefix = prefix(plan_id);
    Ok(store
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(&prefix))
        .collect())
}

/// The snapshot days of a plan, oldest first.
fn days(store: &impl KeyValueStore, plan_id: &str) -> Result<Vec<NaiveDate>, StoreError> {
    let prefix = prefix(plan_id);
    let mut days: Vec<NaiveDate> = store
        .keys()?
        .iter()
        .filter_map(|k| k.strip_prefix(&prefix))
        .filter_map(parse_iso_day)
        .collect();
    order::sort(&mut days);
    Ok(days)
}

/// Keeps `text` as the snapshot of `day` (if that day has none yet) and
/// drops the oldest beyond the limit.
pub(super) fn keep(
    store: &impl KeyValueStore,
    plan_id: &str,
    day: NaiveDate,
    text: &str,
) -> Result<(), StoreError> {
    let mut kept = days(store, plan_id)?;
    if !kept.contains(&day) {
        store.set(&key(plan_id, day), text)?;
        kept.push(day);
        order::sort(&mut kept);
    }
    let surplus = kept.len().saturating_sub(SNAPSHOTS_KEPT);
    for old in &kept[..surplus] {
        store.remove(&key(plan_id, *old))?;
    }
    Ok(())
}

/// One snapshot as the restore list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub day: NaiveDate,
    /// `None` when the snapshot cannot be read (it is then not offered).
    pub summary: Option<PlanSummary>,
}

/// The snapshots of a plan, newest first.
pub fn list_snapshots(store: &impl KeyValueStore, plan_id: &str) -> Vec<Snapshot> {
    let mut days = days(store, plan_id).unwrap_or_default();
    days.reverse();
    days.into_iter()
        .map(|day| Snapshot {
            day,
            summary: load_snapshot(store, plan_id, day)
                .ok()
                .map(|p| PlanSummary::of(&p)),
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SnapshotError {
    #[error("that snapshot is gone")]
    Missing,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Format(#[from] FormatError),
}

pub fn load_snapshot(
    store: &impl KeyValueStore,
    plan_id: &str,
    day: NaiveDate,
) -> Result<Plan, SnapshotError> {
    let text = store
        .get(&key(plan_id, day))?
        .ok_or(SnapshotError::Missing)?;
    Ok(format::decode(&text)?.plan)
}

/// Frees room when storage is full: removes every snapshot of every plan
/// (the plans themselves and backups of unreadable data stay). Returns how
/// many were removed.
pub fn remove_old_copies(store: &impl KeyValueStore) -> Result<usize, StoreError> {
    let snapshots: Vec<String> = store
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(SNAPSHOT_PREFIX))
        .collect();
    for key in &snapshots {
        store.remove(key)?;
    }
    Ok(snapshots.len())
}
