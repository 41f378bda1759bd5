//! What one tab owes the shared storage: its edits not yet saved, and its
//! recent saves until storage is known to keep them.
//!
//! Local storage is shared by every tab of a site, but each tab may read a
//! slightly stale copy: two tabs can save "revision 5" at the same moment,
//! and the later write silently replaces the earlier. So a tab keeps the
//! edits of its last few saves, and whenever it meets another tab's save it
//! checks (in the save's `seen`) which of its own saves that plan includes,
//! replaying the edits of any that it lacks. Nothing typed in either tab is
//! lost; only an edit that no longer applies comes back as a conflict.

use super::rebase::{replay, Conflict};
use super::Edit;
use crate::domain::format::{Head, Stored};
use crate::domain::plan::Plan;

/// Saves whose edits are kept for replaying: a stale overwrite happens
/// within moments of a save, so only the last few can be lost.
const SAVES_KEPT: usize = 3;

#[derive(Clone, Debug)]
pub struct Outbox {
    /// This tab's session tag, written as the `writer` of its saves.
    me: u64,
    /// The stored save this tab's plan is built on.
    base: Head,
    /// Edits applied here since the last save.
    pending: Vec<Edit>,
    /// This tab's recent saves: (its count of saves, the edits it wrote).
    saved: Vec<(u64, Vec<Edit>)>,
}

impl Outbox {
    pub fn new(me: u64, base: Head) -> Outbox {
        Outbox {
            me,
            base,
            pending: Vec::new(),
            saved: Vec::new(),
        }
    }

    pub fn me(&self) -> u64 {
        self.me
    }

    pub fn base(&self) -> &Head {
        &self.base
    }

    pub fn push(&mut self, edit: Edit) {
        self.pending.push(edit);
    }

    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The head the next save writes.
    pub fn next_head(&self) -> Head {
        self.base.next(self.me)
    }

    /// The save with `head` (from `next_head`) is written.
    pub fn saved(&mut self, head: Head) {
        let count = head.saves_of(self.me);
        self.saved.push((count, std::mem::take(&mut self.pending)));
        let surplus = self.saved.len().saturating_sub(SAVES_KEPT);
        self.saved.drain(..surplus);
        self.base = head;
    }

    /// Whether `head` lacks saves of this tab: another tab overwrote them.
    pub fn lost_saves(&self, head: &Head) -> bool {
        let kept = head.saves_of(self.me);
        self.saved.iter().any(|(count, _)| *count > kept)
    }

    /// Another tab's save: the plan this tab should now show, which is
    /// theirs with every edit of this tab it lacks replayed on top (those
    /// edits are then pending, for the next save). On a conflict nothing
    /// changes here; the user decides.
    pub fn rebase(&mut self, theirs: &Stored) -> Result<Plan, Conflict> {
        let kept = theirs.head.saves_of(self.me);
        let missing: Vec<Edit> = self
            .saved
            .iter()
            .filter(|(count, _)| *count > kept)
            .flat_map(|(_, edits)| edits.iter().cloned())
            .chain(self.pending.iter().cloned())
            .collect();
        let plan = replay(&theirs.plan, &missing)?;
        self.pending = missing;
        self.saved.clear();
        self.base = theirs.head.clone();
        Ok(plan)
    }

    /// The user chose: this tab's plan (which holds all its edits) is
    /// written over `theirs`, or this tab takes `theirs` as it is.
    pub fn settle_on(&mut self, theirs: &Head) {
        self.pending.clear();
        self.saved.clear();
        self.base = theirs.clone();
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::edit::apply;
    use crate::domain::locale::Lang;
    use crate::domain::period::{Granularity, Period};
    use crate::domain::plan::EditError;
    use crate::domain::presets::inside_sales;

    fn november() -> Period {
        Period::containing(
            Granularity::Month,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        )
    }

    /// A tab: its plan and its outbox.
    struct Tab {
        plan: Plan,
        outbox: Outbox,
    }

    impl Tab {
        fn open(me: u64, stored: &Stored) -> Tab {
            Tab {
                plan: stored.plan.clone(),
                outbox: Outbox::new(me, stored.head.clone()),
            }
        }

        fn edit(&mut self, edit: Edit) {
            apply(&mut self.plan, edit.clone()).unwrap();
            self.outbox.push(edit);
        }

        /// Saves without looking at storage (as a tab with a stale copy does).
        fn save_blind(&mut self) -> Stored {
            let head = self.outbox.next_head();
            self.outbox.saved(head.clone());
            Stored {
                plan: self.plan.clone(),
                head,
            }
        }

        /// Meets another tab's save, as the storage event or a save's check does.
        fn meet(&mut self, theirs: &Stored) -> Result<(), Conflict> {
            self.plan = self.outbox.rebase(theirs)?;
            Ok(())
        }
    }

    /// Two tabs opened on the same stored default plan.
    fn two_tabs() -> (Tab, Tab) {
        let start = Stored {
            plan: inside_sales(Lang::En),
            head: Head::default(),
        };
        (Tab::open(1, &start), Tab::open(2, &start))
    }

    fn count(plan: &Plan, stage: usize) -> Option<u64> {
        plan.entries
            .cell(plan.stages[stage].primary_metric, november())
            .total()
    }

    #[test]
    fn a_save_overwritten_by_a_stale_tab_is_replayed_and_both_edits_are_kept() {
        let (mut a, mut b) = two_tabs();
        let leads = a.plan.stages[0].primary_metric;
        let nurtured = a.plan.stages[1].primary_metric;
        a.edit(Edit::SetEntry(leads, november(), Some(700)));
        b.edit(Edit::SetEntry(nurtured, november(), Some(70)));
        // Both read revision 0 and save revision 1: B's write replaces A's.
        let from_a = a.save_blind();
        let from_b = b.save_blind();
        assert!(from_a.head.same_save(&from_a.head) && !from_a.head.same_save(&from_b.head));
        assert!(a.outbox.lost_saves(&from_b.head), "A's save is not in B's");
        assert!(!b.outbox.lost_saves(&from_b.head));
        // A meets B's save: it replays its own lost edit on B's plan ...
        a.meet(&from_b).unwrap();
        assert_eq!(
            (count(&a.plan, 0), count(&a.plan, 1)),
            (Some(700), Some(70))
        );
        assert!(a.outbox.has_pending());
        let merged = a.save_blind();
        assert_eq!(merged.head.revision, 2);
        assert_eq!(merged.head.saves_of(2), 1, "B's save is included");
        // ... and B, meeting the merged save, has nothing to replay.
        assert!(!b.outbox.lost_saves(&merged.head));
        b.meet(&merged).unwrap();
        assert_eq!(b.plan, merged.plan);
        assert!(!b.outbox.has_pending());
    }

    #[test]
    fn a_tab_that_met_the_others_save_carries_it_forward() {
        let (mut a, mut b) = two_tabs();
        let leads = a.plan.stages[0].primary_metric;
        a.edit(Edit::SetEntry(leads, november(), Some(1)));
        let first = a.save_blind();
        b.meet(&first).unwrap();
        b.edit(Edit::SetEntry(leads, november(), Some(2)));
        let second = b.save_blind();
        assert_eq!(second.head.saves_of(1), 1, "A's save is inside B's");
        assert!(!a.outbox.lost_saves(&second.head));
        a.meet(&second).unwrap();
        assert_eq!(count(&a.plan, 0), Some(2), "B's later value stands");
    }

    #[test]
    fn an_edit_that_no_longer_applies_is_a_conflict_and_changes_nothing() {
        let (mut a, mut b) = two_tabs();
        let won = a.plan.stages[4].id;
        a.edit(Edit::RenameStage(won, "Closed".into()));
        b.edit(Edit::RemoveStage(won));
        let theirs = b.save_blind();
        let before = a.outbox.clone();
        let conflict = a.meet(&theirs).unwrap_err();
        assert_eq!(conflict.error, EditError::UnknownStage);
        assert_eq!(a.outbox.base(), before.base());
        assert!(a.outbox.has_pending());
        a.outbox.settle_on(&theirs.head);
        assert!(!a.outbox.has_pending());
        assert_eq!(a.outbox.next_head().revision, theirs.head.revision + 1);
    }

    #[test]
    fn only_the_last_saves_are_kept_for_replay() {
        let (mut a, _) = two_tabs();
        let leads = a.plan.stages[0].primary_metric;
        for value in 0..10 {
            a.edit(Edit::SetEntry(leads, november(), Some(value)));
            a.save_blind();
        }
        assert_eq!(a.outbox.saved.len(), SAVES_KEPT);
    }
}
