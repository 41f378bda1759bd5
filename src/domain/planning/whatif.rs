//! Running a plan forwards: what given volumes and rates win, and which
//! single improvement wins most.

use super::{yielded, Rate, Tree};
use crate::domain::order;

/// The volumes a what-if gives, per node of the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub volumes: Vec<Option<u64>>,
    /// For a volume fed by more than one input, the input that gives the
    /// fewest (the one it is limited by).
    pub limited_by: Vec<Option<usize>>,
}

impl Flow {
    /// The won deals: the goal's node.
    pub fn wins(&self) -> Option<u64> {
        self.volumes.first().copied().flatten()
    }
}

/// Runs the tree forwards, whole units rounded down at every step. `rates`
/// holds each node's step rate; `fixed` a volume for every input node and
/// for any other node whose volume the what-if sets (then its inputs do
/// not count). A volume fed by several inputs (opportunities from nurtured
/// leads and from contacts) is as many as the scarcest input gives; inputs
/// without a rate or volume are left out.
pub fn forward(tree: &Tree, rates: &[Option<Rate>], fixed: &[Option<u64>]) -> Flow {
    let count = tree.nodes.len();
    let mut volumes: Vec<Option<u64>> = vec![None; count];
    let mut limited_by = vec![None; count];
    // Inputs come after what they feed, so backwards is inputs first.
    for index in (0..count).rev() {
        if let Some(volume) = fixed.get(index).copied().flatten() {
            volumes[index] = Some(volume);
            continue;
        }
        // Inputs that cannot be computed (no rate) are left out: the
        // back-calculation says so at their step.
        let mut scarcest: Option<(u64, usize)> = None;
        let mut known = 0;
        for input in tree.inputs(index) {
            if let (Some(volume), Some(rate)) =
                (volumes[input], rates.get(input).copied().flatten())
            {
                known += 1;
                let given = yielded(volume, rate);
                if scarcest.is_none_or(|(least, _)| given < least) {
                    scarcest = Some((given, input));
                }
            }
        }
        volumes[index] = scarcest.map(|(v, _)| v);
        limited_by[index] = scarcest.filter(|_| known > 1).map(|(_, i)| i);
    }
    Flow {
        volumes,
        limited_by,
    }
}

/// What can be improved: a node's step rate, or an input node's volume.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lever {
    Rate(usize),
    Volume(usize),
}

/// One improvement and what it wins.
#[derive(Clone, Debug, PartialEq)]
pub struct Improvement {
    pub lever: Lever,
    /// The lever's value before and after: a rate in parts per million,
    /// or a volume.
    pub from: u64,
    pub to: u64,
    /// What the node it feeds gets before and after (for a volume: the
    /// volume itself).
    pub next_from: u64,
    pub next_to: u64,
    /// The what-if's won deals, and with this improvement alone.
    pub wins_from: u64,
    pub wins_to: u64,
    /// When another input, or a volume the what-if sets, holds back what
    /// it would win: that node, and the won deals if it kept up.
    pub limited: Option<(usize, u64)>,
}

impl Improvement {
    pub fn gain(&self) -> u64 {
        self.wins_to.saturating_sub(self.wins_from)
    }

    /// What it would win if nothing else held it back.
    fn potential(&self) -> u64 {
        self.limited.map_or(self.wins_to, |(_, wins)| wins)
    }
}

/// Won deals from `volume` at `index`, along the steps to the goal, as if
/// every other input kept up.
fn wins_along(
    tree: &Tree,
    rates: &[Option<Rate>],
    mut index: usize,
    mut volume: u64,
) -> Option<u64> {
    while let Some((_, to)) = tree.nodes.get(index)?.feeds {
        volume = yielded(volume, rates.get(index).copied().flatten()?);
        index = to;
    }
    Some(volume)
}

/// The first node on the path from `index` to the goal that holds back
/// what comes from `index`: a volume the what-if sets, or a scarcer input.
fn holding_back(
    tree: &Tree,
    fixed: &[Option<u64>],
    flow: &Flow,
    mut index: usize,
) -> Option<usize> {
    while let Some((_, to)) = tree.nodes.get(index)?.feeds {
        if fixed.get(to).copied().flatten().is_some() {
            return Some(to);
        }
        if let Some(scarcer) = flow
            .limited_by
            .get(to)
            .copied()
            .flatten()
            .filter(|l| *l != index)
        {
            return Some(scarcer);
        }
        index = to;
    }
    None
}

/// Each step's rate raised by `points` percentage points (up to 100 %) and
/// each volume the what-if sets by `percent` %, alone, run through the whole
/// what-if (`rates`, `fixed`, giving `flow`); the most wins first. Where
/// another input holds a gain back, it is named with what the improvement
/// would win if that input kept up. Never proposes a change that wins less.
pub fn sensitivity(
    tree: &Tree,
    rates: &[Option<Rate>],
    fixed: &[Option<u64>],
    flow: &Flow,
    points: u32,
    percent: u32,
) -> Vec<Improvement> {
    let Some(wins_from) = flow.wins() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut consider = |lever: Lever,
                        from: u64,
                        to: u64,
                        next: (u64, u64),
                        after: Flow,
                        potential: Option<u64>| {
        let (Some(wins_to), Some(potential)) = (after.wins(), potential) else {
            return;
        };
        let index = match lever {
            Lever::Rate(i) | Lever::Volume(i) => i,
        };
        let limited = holding_back(tree, fixed, &after, index)
            .filter(|_| potential > wins_to)
            .map(|node| (node, potential));
        out.push(Improvement {
            lever,
            from,
            to,
            next_from: next.0,
            next_to: next.1,
            wins_from,
            wins_to,
            limited,
        });
    };
    for (index, node) in tree.nodes.iter().enumerate() {
        let Some(volume) = flow.volumes.get(index).copied().flatten() else {
            continue;
        };
        if let (Some(_), Some(rate)) = (node.feeds, rates.get(index).copied().flatten()) {
            let raised = rate.raised_by(points);
            let mut better = rates.to_vec();
            better[index] = Some(raised);
            let next = (yielded(volume, rate), yielded(volume, raised));
            let potential = wins_along(tree, &better, index, volume);
            let after = forward(tree, &better, fixed);
            consider(
                Lever::Rate(index),
                u64::from(rate.0),
                u64::from(raised.0),
                next,
                after,
                potential,
            );
        }
        if fixed.get(index).copied().flatten().is_some() && node.feeds.is_some() {
            let more = volume
                .saturating_add((u128::from(volume) * u128::from(percent)).div_ceil(100) as u64);
            let mut more_fixed = fixed.to_vec();
            more_fixed.resize(tree.nodes.len(), None);
            more_fixed[index] = Some(more);
            let potential = wins_along(tree, rates, index, more);
            let after = forward(tree, rates, &more_fixed);
            consider(
                Lever::Volume(index),
                volume,
                more,
                (volume, more),
                after,
                potential,
            );
        }
    }
    ranked(out)
}

/// Most wins first; among equals the most it would win if nothing held
/// it back, then the larger relative step (the lower rate).
fn ranked(mut improvements: Vec<Improvement>) -> Vec<Improvement> {
    let relative = |i: &Improvement| i.next_to as f64 / i.next_from.max(1) as f64;
    let key = |i: &Improvement| (i.gain(), i.potential());
    order::sort_by(&mut improvements, |a, b| {
        key(b)
            .cmp(&key(a))
            .then_with(|| relative(b).total_cmp(&relative(a)))
    });
    improvements
}
