//! Every change to a plan, as a value.
//!
//! An [`Edit`] says what changes; [`apply`] is the only function that
//! changes a plan through it. It checks the edit, changes nothing when it
//! refuses, and otherwise returns the edit's inverse: the edit that puts
//! the plan back exactly. Undo, redo and replaying one tab's edits on top
//! of another tab's save are all built on that one function.
//!
//! Edits that create things carry the ids they create (from an
//! [`IdGen`](super::ids::IdGen)), so applying an edit twice to equal plans
//! gives equal plans, and a redo brings back the very ids later edits name.

pub mod history;
pub mod outbox;
pub mod rebase;

use chrono::NaiveDate;

use super::actions::{Action, ActionId};
use super::departments::{Department, DepartmentId, Hue};
use super::diagnosis::StageKind;
use super::entries::members::{MetricFigures, Parts};
use super::format;
use super::ids::ScenarioId;
use super::ids::{KpiId, MetricId, StageId};
use super::members::{Member, MemberId};
use super::money::Currency;
use super::month::Month;
use super::pdca::review::Review;
use super::pdca::{Cycle, CycleId};
use super::period::Period;
use super::plan::{
    Direction, EditError, Kpi, KpiDraft, Metric, MetricKind, MoneyAmounts, Plan, RemovedStage,
};
use super::planning::{DealSize, Goal, Holiday, RateSource, Scenario, Step};
use super::sla::{SlaCard, SlaId, Threshold, ThresholdId};

/// A change to a plan. Variants named `Restore…` are the inverses of removals
/// and conversions that round; the UI never builds them itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetPlanName(String),
    SetCurrency(Currency),
    SetAtRiskMargin(u32),
    /// Appends a stage with its count metric.
    /// A new stage with its count metric, at position `at` (clamped: past
    /// the end is the end).
    AddStage {
        id: StageId,
        count: MetricId,
        name: String,
        count_name: String,
        at: usize,
    },
    RenameStage(StageId, String),
    MoveStage(StageId, Direction),
    SetOwner(StageId, DepartmentId),
    AddDepartment {
        id: DepartmentId,
        name: String,
        hue: Hue,
    },
    RenameDepartment(DepartmentId, String),
    SetDepartmentHue(DepartmentId, Hue),
    /// Refused while a stage is owned by the department.
    RemoveDepartment(DepartmentId),
    RestoreDepartment(usize, Department),
    /// A new agreement, appended.
    AddSla(Box<SlaCard>),
    RemoveSla(SlaId),
    RestoreSla(usize, Box<SlaCard>),
    /// Who hands over to whom; each promise stays with its side.
    SetSlaHandOff(SlaId, DepartmentId, DepartmentId),
    SetSlaCriteria(SlaId, Vec<String>),
    SetSlaFollowUp(SlaId, String),
    /// Adds a promise, or replaces the one with the same id.
    PutThreshold(SlaId, Threshold),
    RemoveThreshold(SlaId, ThresholdId),
    RestoreThreshold(SlaId, usize, Threshold),
    /// A new member, appended.
    AddMember(Member),
    RenameMember(MemberId, String),
    SetMemberActive(MemberId, bool),
    SetMemberDepartment(MemberId, DepartmentId),
    RemoveMember(MemberId),
    RestoreMember(usize, Member),
    /// A new action, appended.
    AddAction(Box<Action>),
    /// Replaces the action with the same id.
    ChangeAction(Box<Action>),
    RemoveAction(ActionId),
    RestoreAction(usize, Box<Action>),
    SetStageLag(StageId, u32),
    SetStageKind(StageId, StageKind),
    SetReferenceRange(StageId, Option<(f64, f64)>),
    /// Removes a stage with its metrics, their counts and every KPI that
    /// reads them.
    RemoveStage(StageId),
    RestoreStage(Box<RemovedStage>),
    SetCountTarget(StageId, Month, Option<u64>),
    SetStepTarget(StageId, Month, Option<f64>),
    AddMetric {
        id: MetricId,
        stage: StageId,
        name: String,
        kind: MetricKind,
        lost_reason: bool,
    },
    RenameMetric(MetricId, String),
    SetMetricKind(MetricId, MetricKind),
    SetLostReason(MetricId, bool),
    RemoveMetric(MetricId),
    RestoreMetric {
        index: usize,
        metric: Metric,
        figures: Box<MetricFigures>,
    },
    RestoreMetricKind {
        id: MetricId,
        kind: MetricKind,
        figures: Box<MetricFigures>,
    },
    /// Switches a metric to counting per member or back to one total (the
    /// figures stay; the members' parts of them are dropped).
    SetPerMember(MetricId, bool),
    /// Counts a metric per member again, with the parts it had.
    RestorePerMember(MetricId, Box<Parts>),
    RestoreMoney(Box<MoneyAmounts>),
    AddKpi(KpiId, KpiDraft),
    /// Replaces everything about a KPI but its id and targets.
    ChangeKpi(KpiId, KpiDraft),
    RemoveKpi(KpiId),
    RestoreKpi(usize, Box<Kpi>),
    SetKpiTarget(KpiId, Month, Option<f64>),
    /// Sets (or with `None` clears) a month's goal.
    SetGoal(Month, Option<Goal>),
    SetRateSource(RateSource),
    SetDealSize(DealSize),
    /// Sets (or with `None` clears) the rate typed for a step.
    SetTypedRate(Step, Option<f64>),
    /// The holidays, in any order; repeats are dropped.
    SetHolidays(Vec<Holiday>),
    /// A new improvement cycle (kept in start order).
    AddCycle(Box<Cycle>),
    /// Replaces an open cycle with the same id.
    ChangeCycle(Box<Cycle>),
    /// Refused for a closed cycle.
    RemoveCycle(CycleId),
    RestoreCycle(Box<Cycle>),
    SetCycleClosed(CycleId, bool),
    /// A review of the cadence recorded as held on a day (`true`), or that
    /// record taken back.
    SetHeld(Review, NaiveDate, bool),
    /// A saved what-if, appended.
    AddScenario(Box<Scenario>),
    RemoveScenario(ScenarioId),
    RestoreScenario(usize, Box<Scenario>),
    /// A metric's value for one period (for a metric counted per member,
    /// its unassigned part); `None` clears it.
    SetEntry(MetricId, Period, Option<u64>),
    /// A member's value of a metric counted per member for one period.
    SetMemberEntry(MemberId, MetricId, Period, Option<u64>),
    /// Several edits applied together, all or none: a paste, a restore.
    Batch(Vec<Edit>),
    /// The whole plan at once: restoring a snapshot, importing a file.
    ReplacePlan(Box<Plan>),
}

/// What an edit is, in words the undo button uses ("Undo: rename stage").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditKind {
    PlanSettings,
    AddStage,
    RenameStage,
    MoveStage,
    StageOwner,
    Departments,
    Members,
    Sla,
    Actions,
    StageLag,
    RemoveStage,
    Targets,
    Planning,
    Pdca,
    Review,
    AddMetric,
    RenameMetric,
    MetricKind,
    RemoveMetric,
    AddKpi,
    ChangeKpi,
    RemoveKpi,
    Counts,
    ReplacePlan,
    Restore,
}

impl EditKind {
    /// In declaration order, the order of the texts that name them.
    pub const ALL: [EditKind; 25] = [
        EditKind::PlanSettings,
        EditKind::AddStage,
        EditKind::RenameStage,
        EditKind::MoveStage,
        EditKind::StageOwner,
        EditKind::Departments,
        EditKind::Members,
        EditKind::Sla,
        EditKind::Actions,
        EditKind::StageLag,
        EditKind::RemoveStage,
        EditKind::Targets,
        EditKind::Planning,
        EditKind::Pdca,
        EditKind::Review,
        EditKind::AddMetric,
        EditKind::RenameMetric,
        EditKind::MetricKind,
        EditKind::RemoveMetric,
        EditKind::AddKpi,
        EditKind::ChangeKpi,
        EditKind::RemoveKpi,
        EditKind::Counts,
        EditKind::ReplacePlan,
        EditKind::Restore,
    ];
}

impl Edit {
    pub fn kind(&self) -> EditKind {
        match self {
            Edit::SetPlanName(_) | Edit::SetCurrency(_) | Edit::SetAtRiskMargin(_) => {
                EditKind::PlanSettings
            }
            Edit::AddStage { .. } => EditKind::AddStage,
            Edit::RenameStage(..) => EditKind::RenameStage,
            Edit::MoveStage(..) => EditKind::MoveStage,
            Edit::SetOwner(..) => EditKind::StageOwner,
            Edit::AddDepartment { .. }
            | Edit::RenameDepartment(..)
            | Edit::SetDepartmentHue(..)
            | Edit::RemoveDepartment(_) => EditKind::Departments,
            Edit::AddMember(_)
            | Edit::RenameMember(..)
            | Edit::SetMemberActive(..)
            | Edit::SetMemberDepartment(..)
            | Edit::RemoveMember(_) => EditKind::Members,
            Edit::AddSla(_)
            | Edit::RemoveSla(_)
            | Edit::SetSlaHandOff(..)
            | Edit::SetSlaCriteria(..)
            | Edit::SetSlaFollowUp(..)
            | Edit::PutThreshold(..)
            | Edit::RemoveThreshold(..) => EditKind::Sla,
            Edit::AddAction(_) | Edit::ChangeAction(_) | Edit::RemoveAction(_) => EditKind::Actions,
            Edit::SetStageLag(..) | Edit::SetStageKind(..) | Edit::SetReferenceRange(..) => {
                EditKind::StageLag
            }
            Edit::RemoveStage(_) => EditKind::RemoveStage,
            Edit::SetCountTarget(..) | Edit::SetStepTarget(..) | Edit::SetKpiTarget(..) => {
                EditKind::Targets
            }
            Edit::SetGoal(..)
            | Edit::SetRateSource(_)
            | Edit::SetDealSize(_)
            | Edit::SetTypedRate(..)
            | Edit::SetHolidays(_)
            | Edit::AddScenario(_)
            | Edit::RemoveScenario(_) => EditKind::Planning,
            Edit::AddCycle(_)
            | Edit::ChangeCycle(_)
            | Edit::RemoveCycle(_)
            | Edit::SetCycleClosed(..) => EditKind::Pdca,
            Edit::SetHeld(..) => EditKind::Review,
            Edit::AddMetric { .. } => EditKind::AddMetric,
            Edit::RenameMetric(..) => EditKind::RenameMetric,
            Edit::SetMetricKind(..) | Edit::SetLostReason(..) | Edit::SetPerMember(..) => {
                EditKind::MetricKind
            }
            Edit::RemoveMetric(_) => EditKind::RemoveMetric,
            Edit::AddKpi(..) => EditKind::AddKpi,
            Edit::ChangeKpi(..) => EditKind::ChangeKpi,
            Edit::RemoveKpi(_) => EditKind::RemoveKpi,
            Edit::SetEntry(..) | Edit::SetMemberEntry(..) => EditKind::Counts,
            Edit::Batch(edits) => match edits.first() {
                Some(first) if edits.iter().all(|e| e.kind() == first.kind()) => first.kind(),
                _ => EditKind::Restore,
            },
            Edit::ReplacePlan(_) => EditKind::ReplacePlan,
            Edit::RestoreStage(_)
            | Edit::RestoreMetric { .. }
            | Edit::RestoreMetricKind { .. }
            | Edit::RestorePerMember(..)
            | Edit::RestoreMoney(_)
            | Edit::RestoreKpi(..)
            | Edit::RestoreDepartment(..)
            | Edit::RestoreSla(..)
            | Edit::RestoreThreshold(..)
            | Edit::RestoreAction(..)
            | Edit::RestoreScenario(..)
            | Edit::RestoreCycle(_)
            | Edit::RestoreMember(..) => EditKind::Restore,
        }
    }

    /// An edit that changes nothing (an empty batch): not worth an undo step.
    pub fn is_empty(&self) -> bool {
        matches!(self, Edit::Batch(edits) if edits.iter().all(Edit::is_empty))
    }
}

/// The edit that changes some fields of a KPI through its draft.
pub fn change_kpi(
    plan: &Plan,
    id: KpiId,
    change: impl FnOnce(&mut KpiDraft),
) -> Result<Edit, EditError> {
    let mut draft = plan.kpi(id).ok_or(EditError::UnknownKpi)?.draft();
    change(&mut draft);
    Ok(Edit::ChangeKpi(id, draft))
}

/// The edit that changes nothing.
fn nothing() -> Edit {
    Edit::Batch(Vec::new())
}

/// Applies `edit` to `plan` and returns its inverse. On refusal the plan is
/// exactly as it was.
pub fn apply(plan: &mut Plan, edit: Edit) -> Result<Edit, EditError> {
    let inverse = match edit {
        Edit::SetPlanName(name) => {
            let old = plan.name.clone();
            plan.set_name(&name)?;
            Edit::SetPlanName(old)
        }
        Edit::SetCurrency(currency) => {
            let old = plan.money();
            plan.set_currency(currency)?;
            Edit::RestoreMoney(Box::new(old))
        }
        Edit::RestoreMoney(money) => {
            let old = plan.money();
            plan.restore_money(*money)?;
            Edit::RestoreMoney(Box::new(old))
        }
        Edit::SetAtRiskMargin(percent) => {
            let old = plan.at_risk_margin_percent;
            plan.set_at_risk_margin(percent)?;
            Edit::SetAtRiskMargin(old)
        }
        Edit::AddStage {
            id,
            count,
            name,
            count_name,
            at,
        } => {
            plan.add_stage((id, count), &name, &count_name, at)?;
            Edit::RemoveStage(id)
        }
        Edit::RenameStage(id, name) => {
            let old = stage(plan, id)?.name.clone();
            plan.rename_stage(id, &name)?;
            Edit::RenameStage(id, old)
        }
        Edit::MoveStage(id, direction) => {
            let before = plan.index_of(id);
            plan.move_stage(id, direction)?;
            if plan.index_of(id) == before {
                nothing()
            } else {
                Edit::MoveStage(id, direction.opposite())
            }
        }
        Edit::SetOwner(id, owner) => {
            let old = stage(plan, id)?.owner;
            plan.set_owner(id, owner)?;
            Edit::SetOwner(id, old)
        }
        Edit::AddDepartment { id, name, hue } => {
            plan.add_department(id, &name, hue)?;
            Edit::RemoveDepartment(id)
        }
        Edit::RenameDepartment(id, name) => {
            let old = department(plan, id)?.name.clone();
            plan.rename_department(id, &name)?;
            Edit::RenameDepartment(id, old)
        }
        Edit::SetDepartmentHue(id, hue) => {
            let old = department(plan, id)?.hue;
            plan.set_department_hue(id, hue)?;
            Edit::SetDepartmentHue(id, old)
        }
        Edit::RemoveDepartment(id) => {
            let (index, removed) = plan.remove_department(id)?;
            Edit::RestoreDepartment(index, removed)
        }
        Edit::RestoreDepartment(index, removed) => {
            let id = removed.id;
            plan.restore_department(index, removed)?;
            Edit::RemoveDepartment(id)
        }
        Edit::AddMember(member) => {
            let id = member.id;
            plan.insert_member(usize::MAX, member)?;
            Edit::RemoveMember(id)
        }
        Edit::RenameMember(id, name) => {
            let old = known_member(plan, id)?.name.clone();
            plan.rename_member(id, &name)?;
            Edit::RenameMember(id, old)
        }
        Edit::SetMemberActive(id, active) => {
            let old = known_member(plan, id)?.active;
            plan.set_member_active(id, active)?;
            Edit::SetMemberActive(id, old)
        }
        Edit::SetMemberDepartment(id, department) => {
            let old = known_member(plan, id)?.department;
            plan.set_member_department(id, department)?;
            Edit::SetMemberDepartment(id, old)
        }
        Edit::RemoveMember(id) => {
            let (index, removed) = plan.remove_member(id)?;
            Edit::RestoreMember(index, removed)
        }
        Edit::RestoreMember(index, member) => {
            let id = member.id;
            plan.insert_member(index, member)?;
            Edit::RemoveMember(id)
        }
        Edit::AddSla(card) => {
            let id = card.id;
            plan.insert_sla_card(usize::MAX, *card)?;
            Edit::RemoveSla(id)
        }
        Edit::RemoveSla(id) => {
            let (index, card) = plan.remove_sla_card(id)?;
            Edit::RestoreSla(index, Box::new(card))
        }
        Edit::RestoreSla(index, card) => {
            let id = card.id;
            plan.insert_sla_card(index, *card)?;
            Edit::RemoveSla(id)
        }
        Edit::SetSlaHandOff(id, from, to) => {
            let old = sla(plan, id)?;
            let (old_from, old_to) = (old.from, old.to);
            plan.set_sla_hand_off(id, from, to)?;
            Edit::SetSlaHandOff(id, old_from, old_to)
        }
        Edit::SetSlaCriteria(id, lines) => {
            let old = sla(plan, id)?.criteria.clone();
            plan.set_sla_criteria(id, &lines)?;
            Edit::SetSlaCriteria(id, old)
        }
        Edit::SetSlaFollowUp(id, text) => {
            let old = sla(plan, id)?.follow_up.clone();
            plan.set_sla_follow_up(id, &text)?;
            Edit::SetSlaFollowUp(id, old)
        }
        Edit::PutThreshold(id, threshold) => {
            let threshold_id = threshold.id;
            match plan.put_threshold(id, threshold)? {
                Some(old) => Edit::PutThreshold(id, old),
                None => Edit::RemoveThreshold(id, threshold_id),
            }
        }
        Edit::RemoveThreshold(id, threshold) => {
            let (index, removed) = plan.remove_threshold(id, threshold)?;
            Edit::RestoreThreshold(id, index, removed)
        }
        Edit::RestoreThreshold(id, index, threshold) => {
            let threshold_id = threshold.id;
            plan.restore_threshold(id, index, threshold)?;
            Edit::RemoveThreshold(id, threshold_id)
        }
        Edit::AddAction(action) => {
            let id = action.id;
            plan.insert_action(usize::MAX, *action)?;
            Edit::RemoveAction(id)
        }
        Edit::ChangeAction(action) => Edit::ChangeAction(Box::new(plan.change_action(*action)?)),
        Edit::RemoveAction(id) => {
            let (index, removed) = plan.remove_action(id)?;
            Edit::RestoreAction(index, Box::new(removed))
        }
        Edit::RestoreAction(index, action) => {
            let id = action.id;
            plan.insert_action(index, *action)?;
            Edit::RemoveAction(id)
        }
        Edit::SetReferenceRange(id, range) => {
            let old = stage(plan, id)?.reference_range;
            plan.set_reference_range(id, range)?;
            Edit::SetReferenceRange(id, old)
        }
        Edit::SetStageKind(id, kind) => {
            let old = stage(plan, id)?.kind;
            plan.set_stage_kind(id, kind)?;
            Edit::SetStageKind(id, old)
        }
        Edit::SetStageLag(id, lag) => {
            let old = stage(plan, id)?.lag;
            plan.set_stage_lag(id, lag)?;
            Edit::SetStageLag(id, old)
        }
        Edit::RemoveStage(id) => Edit::RestoreStage(Box::new(plan.remove_stage(id)?)),
        Edit::RestoreStage(removed) => {
            let id = removed.stage.id;
            plan.restore_stage(*removed)?;
            Edit::RemoveStage(id)
        }
        Edit::SetCountTarget(id, month, target) => {
            let old = stage(plan, id)?.count_targets.get(&month).copied();
            plan.set_count_target(id, month, target)?;
            Edit::SetCountTarget(id, month, old)
        }
        Edit::SetGoal(month, goal) => {
            let old = plan.planning.goals.get(&month).copied();
            plan.set_goal(month, goal)?;
            Edit::SetGoal(month, old)
        }
        Edit::SetRateSource(source) => {
            let old = plan.planning.rate_source;
            plan.set_rate_source(source)?;
            Edit::SetRateSource(old)
        }
        Edit::SetDealSize(size) => {
            let old = plan.planning.deal_size;
            plan.set_deal_size(size)?;
            Edit::SetDealSize(old)
        }
        Edit::SetTypedRate(step, rate) => {
            let old = plan.planning.typed_rate(step);
            plan.set_typed_rate(step, rate)?;
            Edit::SetTypedRate(step, old)
        }
        Edit::SetHolidays(days) => {
            let old = plan.planning.holidays.clone();
            plan.set_holidays(days)?;
            Edit::SetHolidays(old)
        }
        Edit::AddCycle(cycle) | Edit::RestoreCycle(cycle) => {
            let id = cycle.id;
            plan.insert_cycle(*cycle)?;
            Edit::RemoveCycle(id)
        }
        Edit::ChangeCycle(cycle) => Edit::ChangeCycle(Box::new(plan.change_cycle(*cycle)?)),
        Edit::RemoveCycle(id) => Edit::RestoreCycle(Box::new(plan.remove_cycle(id)?)),
        Edit::SetCycleClosed(id, closed) => {
            let old = plan.cycle(id).ok_or(EditError::UnknownCycle)?.closed;
            plan.set_cycle_closed(id, closed)?;
            Edit::SetCycleClosed(id, old)
        }
        Edit::SetHeld(review, day, held) => {
            // Recording what is already recorded undoes to nothing.
            let changed = plan.set_held(review, day, held)?;
            Edit::SetHeld(review, day, held != changed)
        }
        Edit::AddScenario(scenario) => {
            let id = scenario.id;
            plan.insert_scenario(usize::MAX, *scenario)?;
            Edit::RemoveScenario(id)
        }
        Edit::RemoveScenario(id) => {
            let (index, removed) = plan.remove_scenario(id)?;
            Edit::RestoreScenario(index, Box::new(removed))
        }
        Edit::RestoreScenario(index, scenario) => {
            let id = scenario.id;
            plan.insert_scenario(index, *scenario)?;
            Edit::RemoveScenario(id)
        }
        Edit::SetStepTarget(id, month, target) => {
            let old = stage(plan, id)?.step_targets.get(&month).copied();
            plan.set_step_target(id, month, target)?;
            Edit::SetStepTarget(id, month, old)
        }
        Edit::AddMetric {
            id,
            stage,
            name,
            kind,
            lost_reason,
        } => {
            plan.add_metric(id, stage, &name, kind, lost_reason)?;
            Edit::RemoveMetric(id)
        }
        Edit::RenameMetric(id, name) => {
            let old = metric(plan, id)?.name.clone();
            plan.rename_metric(id, &name)?;
            Edit::RenameMetric(id, old)
        }
        Edit::SetMetricKind(id, kind) => {
            let old = metric(plan, id)?.kind;
            let figures = Box::new(plan.entries.metric_figures(&plan.member_entries, id));
            plan.set_metric_kind(id, kind)?;
            Edit::RestoreMetricKind {
                id,
                kind: old,
                figures,
            }
        }
        Edit::RestoreMetricKind { id, kind, figures } => {
            let old = metric(plan, id)?.kind;
            let old_figures = Box::new(plan.entries.metric_figures(&plan.member_entries, id));
            plan.restore_metric_kind(id, kind, *figures)?;
            Edit::RestoreMetricKind {
                id,
                kind: old,
                figures: old_figures,
            }
        }
        Edit::SetPerMember(id, per_member) => {
            let old = metric(plan, id)?.per_member;
            match plan.set_per_member(id, per_member)? {
                Some(parts) => Edit::RestorePerMember(id, Box::new(parts)),
                None => Edit::SetPerMember(id, old),
            }
        }
        Edit::RestorePerMember(id, parts) => {
            plan.restore_member_parts(id, *parts)?;
            Edit::SetPerMember(id, false)
        }
        Edit::SetLostReason(id, lost_reason) => {
            let old = metric(plan, id)?.lost_reason;
            plan.set_lost_reason(id, lost_reason)?;
            Edit::SetLostReason(id, old)
        }
        Edit::RemoveMetric(id) => {
            let (index, metric, figures) = plan.remove_metric(id)?;
            Edit::RestoreMetric {
                index,
                metric,
                figures: Box::new(figures),
            }
        }
        Edit::RestoreMetric {
            index,
            metric,
            figures,
        } => {
            let id = metric.id;
            plan.restore_metric(index, metric, *figures)?;
            Edit::RemoveMetric(id)
        }
        Edit::AddKpi(id, draft) => {
            plan.add_kpi(id, &draft)?;
            Edit::RemoveKpi(id)
        }
        Edit::ChangeKpi(id, draft) => {
            let old = plan.kpi(id).ok_or(EditError::UnknownKpi)?.draft();
            plan.update_kpi(id, &draft)?;
            Edit::ChangeKpi(id, old)
        }
        Edit::RemoveKpi(id) => {
            let (index, kpi) = plan.remove_kpi(id)?;
            Edit::RestoreKpi(index, Box::new(kpi))
        }
        Edit::RestoreKpi(index, kpi) => {
            let id = kpi.id;
            plan.restore_kpi(index, *kpi)?;
            Edit::RemoveKpi(id)
        }
        Edit::SetKpiTarget(id, month, target) => {
            let old = plan
                .kpi(id)
                .ok_or(EditError::UnknownKpi)?
                .targets
                .get(&month)
                .copied();
            plan.set_target(id, month, target)?;
            Edit::SetKpiTarget(id, month, old)
        }
        Edit::SetEntry(id, period, value) => {
            let old = plan.set_entry(id, period, value)?;
            Edit::SetEntry(id, period, old)
        }
        Edit::SetMemberEntry(member, id, period, value) => {
            let old = plan.set_member_entry(member, id, period, value)?;
            Edit::SetMemberEntry(member, id, period, old)
        }
        Edit::Batch(edits) => apply_all(plan, edits)?,
        Edit::ReplacePlan(new) => {
            format::validate(&new).map_err(|e| EditError::InvalidPlan(e.to_string()))?;
            Edit::ReplacePlan(Box::new(std::mem::replace(plan, *new)))
        }
    };
    Ok(inverse)
}

/// Applies edits in order, all or none: on a refusal the ones already
/// applied are undone, last first.
fn apply_all(plan: &mut Plan, edits: Vec<Edit>) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match apply(plan, edit) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    // An inverse applies to the plan its edit produced, which
                    // is what the plan is again at this point.
                    let _ = apply(plan, inverse);
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    inverses.retain(|e| !e.is_empty());
    Ok(Edit::Batch(inverses))
}

fn stage(plan: &Plan, id: StageId) -> Result<&super::plan::Stage, EditError> {
    plan.stage(id).ok_or(EditError::UnknownStage)
}

fn department(plan: &Plan, id: DepartmentId) -> Result<&Department, EditError> {
    plan.department(id).ok_or(EditError::UnknownDepartment)
}

fn known_member(plan: &Plan, id: MemberId) -> Result<&Member, EditError> {
    plan.member(id).ok_or(EditError::UnknownMember)
}

fn sla(plan: &Plan, id: SlaId) -> Result<&SlaCard, EditError> {
    plan.sla_card(id).ok_or(EditError::UnknownSla)
}

fn metric(plan: &Plan, id: MetricId) -> Result<&Metric, EditError> {
    plan.metric(id).ok_or(EditError::UnknownMetric)
}

// Property tests and the large fixture are native-only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
