//! Replaying one tab's unsaved edits on top of another tab's newer save.
//!
//! The edits are values, so they apply to the newer plan as they applied to
//! the older one. They either all apply, and nothing is lost on either
//! side, or the first that no longer applies (it touches a stage the other
//! tab removed) is the conflict the user decides on.

use super::{apply, Edit};
use crate::domain::plan::{EditError, Plan};

/// The first pending edit that no longer applies, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Its position among the pending edits.
    pub index: usize,
    pub edit: Edit,
    pub error: EditError,
}

/// `newer` with `pending` applied in order, or the first conflict.
pub fn replay(newer: &Plan, pending: &[Edit]) -> Result<Plan, Conflict> {
    let mut plan = newer.clone();
    for (index, edit) in pending.iter().enumerate() {
        apply(&mut plan, edit.clone()).map_err(|error| Conflict {
            index,
            edit: edit.clone(),
            error,
        })?;
    }
    Ok(plan)
}
