//! Improvement actions: what the team will do about a bottleneck, who
//! does it and which KPI it should move. A hypothesis of the diagnosis
//! becomes an action in one click; the PDCA cycle's "Do" lists them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::departments::DepartmentId;
pub use super::ids::ActionId;
use super::ids::{KpiId, StageId};
use super::period::iso_day;
use super::plan::{valid_entry_date, EditError, KpiScope, Plan};

pub const MAX_ACTIONS: usize = 100;
pub const MAX_ACTION_CHARS: usize = 200;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Planned,
    Doing,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Planned,
        ActionStatus::Doing,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::Doing => "doing",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn from_key(key: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Action {
    pub id: ActionId,
    /// What will be done, in the team's words.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = MAX_ACTION_CHARS))
    )]
    pub text: String,
    pub owner: DepartmentId,
    /// The KPI it should move, when one is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    // Left out when absent, never written as null (so too the days).
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(required))]
    pub kpi: Option<KpiId>,
    #[serde(default)]
    pub status: ActionStatus,
    /// When it starts and ends (both days count), when planned.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "iso_day::option::deserialize"
    )]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(required, pattern(crate::domain::format::schema::DAY))
    )]
    pub start: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "iso_day::option::deserialize"
    )]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(required, pattern(crate::domain::format::schema::DAY))
    )]
    pub end: Option<NaiveDate>,
}

/// Checks and tidies an action's text.
pub fn clean_action_text(text: &str) -> Result<String, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(EditError::EmptyName);
    }
    if text.chars().count() > MAX_ACTION_CHARS {
        return Err(EditError::TextTooLong);
    }
    Ok(text.to_owned())
}

impl Plan {
    pub fn action(&self, id: ActionId) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// A new action about a stage (the bottleneck's, from one of its
    /// hypotheses): owned by the stage's department, moving its first KPI.
    /// Without a stage, owned by the first department.
    pub fn new_action(&self, id: ActionId, text: String, stage: Option<StageId>) -> Option<Action> {
        let stage = stage.and_then(|s| self.stage(s));
        let owner = stage
            .map(|s| s.owner)
            .or_else(|| self.departments.first().map(|d| d.id))?;
        let kpi = stage.and_then(|s| self.kpis_in(KpiScope::Stage(s.id)).next().map(|k| k.id));
        Some(Action {
            id,
            text,
            owner,
            kpi,
            status: ActionStatus::Planned,
            start: None,
            end: None,
        })
    }

    /// The actions that would lose their owner or KPI, by text.
    pub fn actions_using(&self, departments: &[DepartmentId], kpis: &[KpiId]) -> Vec<String> {
        self.actions
            .iter()
            .filter(|a| departments.contains(&a.owner) || a.kpi.is_some_and(|k| kpis.contains(&k)))
            .map(|a| a.text.clone())
            .collect()
    }

    /// Refuses a change that would leave an action without its owner or KPI.
    pub(super) fn check_not_in_actions(
        &self,
        departments: &[DepartmentId],
        kpis: &[KpiId],
    ) -> Result<(), EditError> {
        let users = self.actions_using(departments, kpis);
        if users.is_empty() {
            Ok(())
        } else {
            Err(EditError::UsedByAction(users))
        }
    }

    /// An action as a file or an edit brings it: its text is clean, and
    /// its owner and KPI exist.
    pub(super) fn check_action(&self, action: &Action) -> Result<(), EditError> {
        if clean_action_text(&action.text)? != action.text {
            return Err(EditError::TextTooLong);
        }
        if self.department(action.owner).is_none() {
            return Err(EditError::UnknownDepartment);
        }
        if action.kpi.is_some_and(|k| self.kpi(k).is_none()) {
            return Err(EditError::UnknownKpi);
        }
        if [action.start, action.end]
            .into_iter()
            .flatten()
            .any(|day| !valid_entry_date(day))
        {
            return Err(EditError::DateOutOfRange);
        }
        if action.start.zip(action.end).is_some_and(|(s, e)| e < s) {
            return Err(EditError::EndsBeforeStart);
        }
        Ok(())
    }

    /// Adds an action (at `index`, or its old place when restored).
    pub fn insert_action(&mut self, index: usize, action: Action) -> Result<(), EditError> {
        if self.actions.len() >= MAX_ACTIONS {
            return Err(EditError::TooManyActions);
        }
        self.check_fresh(action.id.0)?;
        let action = Action {
            text: clean_action_text(&action.text)?,
            ..action
        };
        self.check_action(&action)?;
        let index = index.min(self.actions.len());
        self.actions.insert(index, action);
        Ok(())
    }

    /// Replaces an action with the same id; returns the one replaced.
    pub fn change_action(&mut self, action: Action) -> Result<Action, EditError> {
        let action = Action {
            text: clean_action_text(&action.text)?,
            ..action
        };
        self.check_action(&action)?;
        let slot = self
            .actions
            .iter_mut()
            .find(|a| a.id == action.id)
            .ok_or(EditError::UnknownAction)?;
        Ok(std::mem::replace(slot, action))
    }

    pub fn remove_action(&mut self, id: ActionId) -> Result<(usize, Action), EditError> {
        let index = self
            .actions
            .iter()
            .position(|a| a.id == id)
            .ok_or(EditError::UnknownAction)?;
        self.check_not_in_cycles(&[], &[], &[id])?;
        Ok((index, self.actions.remove(index)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::edit::{apply, Edit};
    use crate::domain::locale::Lang;
    use crate::domain::presets::inside_sales;

    fn action(plan: &Plan) -> Action {
        Action {
            id: ActionId(900),
            text: "  Spread the top performers' talk into the script ".into(),
            owner: plan.departments[1].id,
            kpi: Some(plan.kpis[0].id),
            status: ActionStatus::Planned,
            start: None,
            end: None,
        }
    }

    #[test]
    fn an_action_is_added_changed_and_removed_with_exact_undo() {
        let mut plan = inside_sales(Lang::En);
        let start = plan.clone();
        let undo_add = apply(&mut plan, Edit::AddAction(Box::new(action(&start)))).unwrap();
        let added = plan.action(ActionId(900)).unwrap().clone();
        assert_eq!(
            added.text,
            "Spread the top performers' talk into the script"
        );
        let after_add = plan.clone();
        let doing = Action {
            status: ActionStatus::Doing,
            kpi: None,
            ..added.clone()
        };
        let undo_change = apply(&mut plan, Edit::ChangeAction(Box::new(doing))).unwrap();
        assert_eq!(
            plan.action(ActionId(900)).unwrap().status,
            ActionStatus::Doing
        );
        apply(&mut plan, undo_change).unwrap();
        assert_eq!(plan, after_add);
        let undo_remove = apply(&mut plan, Edit::RemoveAction(ActionId(900))).unwrap();
        assert!(plan.actions.is_empty());
        apply(&mut plan, undo_remove).unwrap();
        assert_eq!(plan, after_add);
        apply(&mut plan, undo_add).unwrap();
        assert_eq!(plan, start);
    }

    #[test]
    fn an_actions_owner_and_kpi_are_not_removed_from_under_it() {
        let mut plan = inside_sales(Lang::En);
        let mine = action(&plan);
        apply(&mut plan, Edit::AddAction(Box::new(mine.clone()))).unwrap();
        let before = plan.clone();
        let named = EditError::UsedByAction(vec![
            "Spread the top performers' talk into the script".into(),
        ]);
        assert_eq!(
            apply(&mut plan, Edit::RemoveKpi(mine.kpi.unwrap())),
            Err(named.clone())
        );
        // Inside sales owns no stage once they move, but owns the action.
        for stage in plan.stages.clone() {
            if stage.owner == mine.owner {
                plan.set_owner(stage.id, plan.departments[0].id).unwrap();
            }
        }
        assert_eq!(
            apply(&mut plan, Edit::RemoveDepartment(mine.owner)),
            Err(named)
        );
        let mut plan = before;
        let bad = [
            (
                Action {
                    text: " ".into(),
                    ..mine.clone()
                },
                EditError::EmptyName,
            ),
            (
                Action {
                    text: "x".repeat(MAX_ACTION_CHARS + 1),
                    ..mine.clone()
                },
                EditError::TextTooLong,
            ),
            (
                Action {
                    owner: DepartmentId(4242),
                    ..mine.clone()
                },
                EditError::UnknownDepartment,
            ),
            (
                Action {
                    kpi: Some(KpiId(4242)),
                    ..mine.clone()
                },
                EditError::UnknownKpi,
            ),
        ];
        let unchanged = plan.clone();
        for (action, error) in bad {
            assert_eq!(
                apply(&mut plan, Edit::ChangeAction(Box::new(action))),
                Err(error)
            );
            assert_eq!(plan, unchanged);
        }
    }

    #[test]
    fn a_new_action_about_a_stage_is_owned_by_its_department_and_moves_its_first_kpi() {
        let plan = inside_sales(Lang::En);
        let stage = &plan.stages[2];
        let action = plan
            .new_action(ActionId(900), "Bigger lists".into(), Some(stage.id))
            .unwrap();
        assert_eq!(action.owner, stage.owner);
        assert_eq!(
            action
                .kpi
                .and_then(|k| plan.kpi(k))
                .map(|k| k.name.as_str()),
            Some("Contact → opportunity rate")
        );
        assert_eq!(action.status, ActionStatus::Planned);
        let free = plan
            .new_action(ActionId(901), "Typed".into(), None)
            .unwrap();
        assert_eq!((free.owner, free.kpi), (plan.departments[0].id, None));
    }

    #[test]
    fn status_keys_read_back() {
        for status in ActionStatus::ALL {
            assert_eq!(ActionStatus::from_key(status.key()), Some(status));
        }
    }
}
