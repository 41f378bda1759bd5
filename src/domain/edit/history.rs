//! Undo and redo over edits as values.
//!
//! Each step keeps the inverse of what it did. Undoing applies that inverse,
//! which returns the edit that redoes the step, and the other way round, so
//! a step moves between the two stacks without ever copying the plan.
//! Consecutive edits from one field while it keeps focus (a group) make one
//! step: typing "1234" is undone at once.

use std::collections::VecDeque;

use super::{apply, Edit, EditKind};
use crate::domain::plan::{EditError, Plan};

/// How many steps are kept; the oldest go first.
pub const HISTORY_LIMIT: usize = 200;

#[derive(Clone, Debug)]
struct Step {
    kind: EditKind,
    /// The edits that take this step back (on the undo stack) or forward
    /// again (on redo), in the order recorded: typing in one field adds
    /// one per change, and they apply newest first.
    edits: Vec<Edit>,
}

impl Step {
    fn new(kind: EditKind, edit: Edit) -> Step {
        Step {
            kind,
            edits: vec![edit],
        }
    }

    /// The step as one edit: a flat batch, newest first, so a field typed
    /// into for long (a key held down) cannot nest deeper than one level.
    fn into_edit(self) -> Edit {
        match <[Edit; 1]>::try_from(self.edits) {
            Ok([edit]) => edit,
            Err(mut edits) => {
                edits.reverse();
                Edit::Batch(edits)
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// The group the last step belongs to while it may still grow.
    open_group: Option<String>,
}

impl History {
    /// Records an applied edit by its inverse. An edit in the same group as
    /// the last step joins that step.
    pub fn record(&mut self, kind: EditKind, inverse: Edit, group: Option<&str>) {
        self.redo.clear();
        if inverse.is_empty() {
            return;
        }
        let joins = group.is_some() && self.open_group.as_deref() == group;
        if let (true, Some(top)) = (joins, self.undo.back_mut()) {
            top.edits.push(inverse);
            return;
        }
        self.open_group = group.map(str::to_owned);
        self.undo.push_back(Step::new(kind, inverse));
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.pop_front();
        }
    }

    /// The field of the open group lost focus: its next edit is a new step.
    pub fn close_group(&mut self) {
        self.open_group = None;
    }

    pub fn undo_kind(&self) -> Option<EditKind> {
        self.undo.back().map(|s| s.kind)
    }

    pub fn redo_kind(&self) -> Option<EditKind> {
        self.redo.last().map(|s| s.kind)
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Takes the last step back. A step that no longer applies (another tab
    /// removed what it touched) is dropped and its error returned.
    pub fn undo(&mut self, plan: &mut Plan) -> Option<Result<Moved, EditError>> {
        self.open_group = None;
        let step = self.undo.pop_back()?;
        Some(move_step(plan, step).map(|(redo, moved)| {
            self.redo.push(redo);
            moved
        }))
    }

    pub fn redo(&mut self, plan: &mut Plan) -> Option<Result<Moved, EditError>> {
        self.open_group = None;
        let step = self.redo.pop()?;
        Some(move_step(plan, step).map(|(undo, moved)| {
            self.undo.push_back(undo);
            moved
        }))
    }

    /// A rough count of bytes the steps hold, for the memory budget test.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn approximate_bytes(&self) -> usize {
        self.undo
            .iter()
            .chain(&self.redo)
            .map(|s| {
                std::mem::size_of::<Step>()
                    + s.edits
                        .iter()
                        .map(|e| std::mem::size_of::<Edit>() + edit_heap_bytes(e))
                        .sum::<usize>()
            })
            .sum()
    }
}

/// A step taken back or forward: what it was, and the edit that did it (a
/// change like any other, for saving and for other tabs).
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    pub kind: EditKind,
    pub applied: Edit,
}

/// Applies a step's edit; returns the step for the other stack.
fn move_step(plan: &mut Plan, step: Step) -> Result<(Step, Moved), EditError> {
    let kind = step.kind;
    let edit = step.into_edit();
    let applied = edit.clone();
    let back = apply(plan, edit)?;
    Ok((Step::new(kind, back), Moved { kind, applied }))
}

#[cfg(not(target_arch = "wasm32"))]
/// Heap bytes held by an edit, roughly: what its boxes, vectors and maps own.
fn edit_heap_bytes(edit: &Edit) -> usize {
    let entry = std::mem::size_of::<(chrono::NaiveDate, u64)>() + 16;
    match edit {
        Edit::Batch(edits) => edits
            .iter()
            .map(|e| std::mem::size_of::<Edit>() + edit_heap_bytes(e))
            .sum(),
        Edit::ReplacePlan(plan) => {
            crate::domain::format::encode(plan, &Default::default()).map_or(0, |t| t.len())
        }
        Edit::RestoreStage(removed) => {
            removed
                .metrics
                .iter()
                .map(|(_, _, days)| days.figure_count() * entry + 64)
                .sum::<usize>()
                + removed.kpis.len() * 256
                + 256
        }
        Edit::RestoreMetric { figures, .. } | Edit::RestoreMetricKind { figures, .. } => {
            figures.figure_count() * entry + 64
        }
        Edit::RestorePerMember(_, parts) => parts.figure_count() * entry + 64,
        Edit::RestoreMoney(money) => {
            money
                .metrics
                .iter()
                .map(|(_, days)| days.figure_count() * entry)
                .sum::<usize>()
                + 64
        }
        _ => 64,
    }
}
