//! Stable identities. An id is never reused within a plan, so a removed and
//! restored stage, metric or KPI keeps its id and every reference to it
//! (in the plan, in the undo history, in another tab's pending edits) stays
//! valid.
//!
//! Ids are handed out by an [`IdGen`] that belongs to one editing session
//! (one browser tab): its high bits are a random session tag and its low
//! bits a counter, so two tabs adding a stage at the same moment do not
//! pick the same id. Every id stays below 2^53, so JavaScript reads it exactly.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
        #[serde(transparent)]
        pub struct $name(
            #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(range(max = MAX_ID)))]
            pub u64,
        );
    };
}

id_type!(
    /// A department that owns stages.
    DepartmentId
);
id_type!(
    /// An improvement action.
    ActionId
);
id_type!(
    /// A person of a department.
    MemberId
);
id_type!(
    /// A saved what-if of planning from the goal.
    ScenarioId
);
id_type!(
    /// A Plan-Do-Check-Act improvement cycle.
    CycleId
);
id_type!(
    /// An agreement between two departments.
    SlaId
);
id_type!(
    /// A numeric promise of an agreement.
    ThresholdId
);
id_type!(
    /// A stage of the funnel.
    StageId
);
id_type!(
    /// Something the team counts: leads, calls, ad spend ...
    MetricId
);
id_type!(
    /// A ratio of two metrics: contact rate, CPA ...
    KpiId
);

/// The largest id a file may hold: JavaScript numbers are exact up to 2^53.
pub const MAX_ID: u64 = (1 << 53) - 1;

const COUNTER_BITS: u32 = 32;
const TAG_BITS: u32 = 20;

/// Hands out fresh ids for one session.
#[derive(Clone, Debug)]
pub struct IdGen {
    tag: u64,
    counter: u32,
}

impl IdGen {
    /// A generator for a session; `seed` should be random (the browser's
    /// `Math.random`), so two sessions get different tags. Tag 0 is kept for
    /// the built-in presets, whose ids count from 1.
    pub fn for_session(seed: u32) -> IdGen {
        let tag = u64::from(seed) % ((1 << TAG_BITS) - 1) + 1;
        IdGen { tag, counter: 0 }
    }

    /// Small ids counting from 1, for presets and tests.
    pub fn sequential() -> IdGen {
        IdGen { tag: 0, counter: 0 }
    }

    /// The next id that `taken` does not know: two sessions that drew the
    /// same tag (one chance in a million) still never share an id in a plan.
    pub fn fresh(&mut self, taken: impl Fn(u64) -> bool) -> u64 {
        loop {
            // 2^32 ids in one session is more than anyone can type; wrapping
            // only starts over within this session's own tag.
            self.counter = self.counter.wrapping_add(1);
            let id = self.tag << COUNTER_BITS | u64::from(self.counter);
            if !taken(id) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_hand_out_different_ids_below_two_to_the_53() {
        let free = |_| false;
        let mut a = IdGen::for_session(7);
        let mut b = IdGen::for_session(8);
        let (x, y) = (a.fresh(free), b.fresh(free));
        assert_ne!(x, y);
        assert_ne!(a.fresh(free), x, "a session never repeats an id");
        assert!(IdGen::for_session(u32::MAX).fresh(free) <= MAX_ID);
        assert_eq!(IdGen::sequential().fresh(free), 1);
        assert!(IdGen::for_session(0).fresh(free) > u64::from(u32::MAX));
    }

    #[test]
    fn ids_in_use_are_skipped() {
        let mut ids = IdGen::sequential();
        assert_eq!(ids.fresh(|id| id < 4), 4);
    }
}
