//! The back-calculation: from the goal's won deals up through every step.

use super::{needed, GoalProblem, Rate, RateProblem, Step};
use crate::domain::ids::{MetricId, StageId};
use crate::domain::number::MAX_ENTRY;
use crate::domain::plan::{Better, KpiDisplay, MetricKind, Plan};

/// A volume the goal needs: a stage's count or an activity that feeds one.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub metric: MetricId,
    /// The stage the metric is counted in (whose department reads it).
    pub stage: StageId,
    /// The step this volume converts through, and the node it feeds; the
    /// goal's own node (won deals) feeds nothing.
    pub feeds: Option<(Step, usize)>,
}

/// The volumes the goal needs, won deals first; a node always comes after
/// the node it feeds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    /// The nodes that feed `index`.
    pub fn inputs(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.feeds.is_some_and(|(_, to)| to == index))
            .map(|(i, _)| i)
    }

    pub fn is_input(&self, index: usize) -> bool {
        self.inputs(index).next().is_none()
    }

    pub fn position(&self, metric: MetricId) -> Option<usize> {
        self.nodes.iter().position(|n| n.metric == metric)
    }
}

/// The requirement tree of a plan: every stage's count from the next
/// stage's through its step conversion; then every count metric that a
/// percentage KPI turns into a needed volume (contacts through the
/// contact → opportunity rate, calls through the contact rate). A metric
/// is needed once, by the first step found nearest the goal.
pub fn tree(plan: &Plan) -> Tree {
    let mut nodes: Vec<Node> = Vec::new();
    for (i, stage) in plan.stages.iter().enumerate().rev() {
        let feeds = plan
            .stages
            .get(i + 1)
            .map(|next| (Step::Stage(next.id), nodes.len() - 1));
        nodes.push(Node {
            metric: stage.primary_metric,
            stage: stage.id,
            feeds,
        });
    }
    let mut next = 0;
    while next < nodes.len() {
        let numerator = nodes[next].metric;
        for kpi in &plan.kpis {
            let feeds_it = kpi.numerator == numerator
                && kpi.display == KpiDisplay::Percent
                && kpi.better == Better::Higher;
            let Some(input) = plan.metric(kpi.denominator).filter(|_| feeds_it) else {
                continue;
            };
            let countable = input.kind == MetricKind::Count && !input.lost_reason;
            if countable && !nodes.iter().any(|n| n.metric == input.id) {
                nodes.push(Node {
                    metric: input.id,
                    stage: input.stage,
                    feeds: Some((Step::Kpi(kpi.id), next)),
                });
            }
        }
        next += 1;
    }
    Tree { nodes }
}

/// Why a volume cannot be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    Goal(GoalProblem),
    /// This volume's own step has no usable rate.
    Rate(RateProblem),
    /// A step nearer the goal cannot be computed.
    After,
    TooLarge,
}

/// One needed volume, with the rate of the step it converts through.
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub rate: Option<Result<Rate, RateProblem>>,
    pub volume: Result<u64, Blocked>,
}

/// The volume every node of `tree` needs for `goal` won deals: required =
/// ⌈volume it feeds ÷ rate⌉ at every step, whole units.
pub fn back_calculate(
    tree: &Tree,
    goal: Result<u64, GoalProblem>,
    rate_of: impl Fn(Step) -> Result<Rate, RateProblem>,
) -> Vec<Requirement> {
    let goal = goal.map_err(Blocked::Goal);
    let mut out: Vec<Requirement> = Vec::with_capacity(tree.nodes.len());
    for node in &tree.nodes {
        let requirement = match node.feeds {
            None => Requirement {
                rate: None,
                volume: goal,
            },
            Some((step, to)) => {
                let rate = rate_of(step);
                let volume = match (out[to].volume, rate) {
                    (Err(_), _) => Err(Blocked::After),
                    (Ok(_), Err(problem)) => Err(Blocked::Rate(problem)),
                    (Ok(output), Ok(rate)) => Some(needed(output, rate))
                        .filter(|v| *v <= MAX_ENTRY)
                        .ok_or(Blocked::TooLarge),
                };
                Requirement {
                    rate: Some(rate),
                    volume,
                }
            }
        };
        out.push(requirement);
    }
    out
}
