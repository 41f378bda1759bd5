//! The plan: the funnel's stages, who owns each, and the counts entered for
//! them. Every edit goes through a method here so the rules (valid names,
//! unique milestones, stage limits) hold whatever the UI does.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::month::Month;

/// Stable identity of a stage: counts and (later) KPIs and SLAs refer to it,
/// so renaming or reordering never breaks a reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StageId(pub u32);

/// The department that owns a stage. Each has one colour in the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    Marketing,
    InsideSales,
    FieldSales,
}

impl Department {
    pub const ALL: [Department; 3] = [
        Department::Marketing,
        Department::InsideSales,
        Department::FieldSales,
    ];

    /// Stable key used in CSS classes and form values.
    pub fn key(self) -> &'static str {
        match self {
            Department::Marketing => "marketing",
            Department::InsideSales => "inside_sales",
            Department::FieldSales => "field_sales",
        }
    }

    pub fn from_key(key: &str) -> Option<Department> {
        Department::ALL.into_iter().find(|d| d.key() == key)
    }
}

/// The points of the funnel the shared KPIs are measured between. At most
/// one stage carries each milestone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    Lead,
    Opportunity,
    Won,
}

impl Milestone {
    pub const ALL: [Milestone; 3] = [Milestone::Lead, Milestone::Opportunity, Milestone::Won];

    pub fn key(self) -> &'static str {
        match self {
            Milestone::Lead => "lead",
            Milestone::Opportunity => "opportunity",
            Milestone::Won => "won",
        }
    }

    pub fn from_key(key: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
    pub owner: Department,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<Milestone>,
    /// Counts entered per month; a month without an entry has no data.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counts: BTreeMap<Month, u64>,
}

impl Stage {
    pub fn count(&self, month: Month) -> u64 {
        self.counts.get(&month).copied().unwrap_or(0)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub name: String,
    pub stages: Vec<Stage>,
}

pub const MAX_STAGES: usize = 20;
pub const MAX_NAME_CHARS: usize = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("a name cannot be empty")]
    EmptyName,
    #[error("a name has at most {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("a plan has at most {MAX_STAGES} stages")]
    TooManyStages,
    #[error("a plan keeps at least one stage")]
    LastStage,
    #[error("that stage no longer exists")]
    UnknownStage,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// A stage taken out of the plan, kept so the removal can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedStage {
    pub index: usize,
    pub stage: Stage,
}

/// Checks and tidies a name typed by a user.
pub fn clean_name(name: &str) -> Result<String, EditError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        Err(EditError::EmptyName)
    } else if trimmed.chars().count() > MAX_NAME_CHARS {
        Err(EditError::NameTooLong)
    } else {
        Ok(trimmed.to_owned())
    }
}

impl Plan {
    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn index_of(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    fn stage_mut(&mut self, id: StageId) -> Result<&mut Stage, EditError> {
        self.stages
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or(EditError::UnknownStage)
    }

    pub fn stage_with(&self, milestone: Milestone) -> Option<&Stage> {
        self.stages.iter().find(|s| s.milestone == Some(milestone))
    }

    fn next_stage_id(&self) -> StageId {
        StageId(self.stages.iter().map(|s| s.id.0 + 1).max().unwrap_or(1))
    }

    pub fn rename_stage(&mut self, id: StageId, name: &str) -> Result<(), EditError> {
        let name = clean_name(name)?;
        self.stage_mut(id)?.name = name;
        Ok(())
    }

    /// Appends a stage owned by the same department as the last one.
    pub fn add_stage(&mut self, name: &str) -> Result<StageId, EditError> {
        let name = clean_name(name)?;
        if self.stages.len() >= MAX_STAGES {
            return Err(EditError::TooManyStages);
        }
        let id = self.next_stage_id();
        let owner = self
            .stages
            .last()
            .map_or(Department::Marketing, |s| s.owner);
        self.stages.push(Stage {
            id,
            name,
            owner,
            milestone: None,
            counts: BTreeMap::new(),
        });
        Ok(id)
    }

    pub fn remove_stage(&mut self, id: StageId) -> Result<RemovedStage, EditError> {
        let index = self.index_of(id).ok_or(EditError::UnknownStage)?;
        if self.stages.len() == 1 {
            return Err(EditError::LastStage);
        }
        let stage = self.stages.remove(index);
        Ok(RemovedStage { index, stage })
    }

    /// Puts a removed stage back where it was. Fails when the plan has
    /// meanwhile filled up, and drops a milestone another stage has taken.
    pub fn restore_stage(&mut self, removed: RemovedStage) -> Result<(), EditError> {
        if self.stages.len() >= MAX_STAGES {
            return Err(EditError::TooManyStages);
        }
        let mut stage = removed.stage;
        if self.stage(stage.id).is_some() {
            stage.id = self.next_stage_id();
        }
        if stage
            .milestone
            .is_some_and(|m| self.stage_with(m).is_some())
        {
            stage.milestone = None;
        }
        let index = removed.index.min(self.stages.len());
        self.stages.insert(index, stage);
        Ok(())
    }

    /// Moves a stage one place; moving past either end does nothing.
    pub fn move_stage(&mut self, id: StageId, direction: Direction) -> Result<(), EditError> {
        let index = self.index_of(id).ok_or(EditError::UnknownStage)?;
        let target = match direction {
            Direction::Up => index.checked_sub(1),
            Direction::Down => Some(index + 1).filter(|i| *i < self.stages.len()),
        };
        if let Some(target) = target {
            self.stages.swap(index, target);
        }
        Ok(())
    }

    pub fn set_owner(&mut self, id: StageId, owner: Department) -> Result<(), EditError> {
        self.stage_mut(id)?.owner = owner;
        Ok(())
    }

    /// Marks a stage with a milestone, taking it from any other stage.
    pub fn set_milestone(
        &mut self,
        id: StageId,
        milestone: Option<Milestone>,
    ) -> Result<(), EditError> {
        self.stage_mut(id)?;
        for stage in &mut self.stages {
            if stage.id == id {
                stage.milestone = milestone;
            } else if milestone.is_some() && stage.milestone == milestone {
                stage.milestone = None;
            }
        }
        Ok(())
    }

    pub fn set_count(&mut self, id: StageId, month: Month, count: u64) -> Result<(), EditError> {
        self.stage_mut(id)?.counts.insert(month, count);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::presets::{inside_sales, PresetNames};

    fn plan() -> Plan {
        inside_sales(&PresetNames::ENGLISH)
    }

    fn names(plan: &Plan) -> Vec<&str> {
        plan.stages.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn rename_trims_and_validates() {
        let mut plan = plan();
        let id = plan.stages[0].id;
        plan.rename_stage(id, "  Inbound leads ").unwrap();
        assert_eq!(plan.stages[0].name, "Inbound leads");
        assert_eq!(plan.rename_stage(id, "   "), Err(EditError::EmptyName));
        assert_eq!(
            plan.rename_stage(id, &"x".repeat(61)),
            Err(EditError::NameTooLong)
        );
        assert_eq!(
            plan.stages[0].name, "Inbound leads",
            "a refused rename changes nothing"
        );
        plan.rename_stage(id, &"営".repeat(60)).unwrap();
        assert_eq!(
            plan.rename_stage(StageId(999), "x"),
            Err(EditError::UnknownStage)
        );
    }

    #[test]
    fn names_are_kept_as_typed_even_with_markup() {
        let mut plan = plan();
        let id = plan.stages[1].id;
        plan.rename_stage(id, "<script>alert(1)</script>").unwrap();
        assert_eq!(plan.stages[1].name, "<script>alert(1)</script>");
    }

    #[test]
    fn added_stages_get_fresh_ids_and_the_last_owner() {
        let mut plan = plan();
        let id = plan.add_stage("Renewal").unwrap();
        assert_eq!(id, StageId(6));
        let added = plan.stage(id).unwrap();
        assert_eq!(added.owner, Department::FieldSales);
        assert_eq!(added.milestone, None);
        while plan.stages.len() < MAX_STAGES {
            plan.add_stage("More").unwrap();
        }
        assert_eq!(
            plan.add_stage("One too many"),
            Err(EditError::TooManyStages)
        );
    }

    #[test]
    fn ids_are_never_reused_while_the_stage_exists() {
        let mut plan = plan();
        let first = plan.stages[0].id;
        plan.remove_stage(StageId(5)).unwrap();
        let id = plan.add_stage("New").unwrap();
        assert_ne!(id, first);
        assert!(plan.stages.iter().filter(|s| s.id == id).count() == 1);
    }

    #[test]
    fn remove_and_restore_put_the_stage_back_in_place() {
        let mut plan = plan();
        let month = Month::new(2026, 11).unwrap();
        let id = plan.stages[2].id;
        plan.set_count(id, month, 40).unwrap();
        let before = plan.clone();
        let removed = plan.remove_stage(id).unwrap();
        assert_eq!(removed.index, 2);
        assert_eq!(plan.stages.len(), 4);
        plan.restore_stage(removed).unwrap();
        assert_eq!(plan, before);
    }

    #[test]
    fn the_last_stage_cannot_be_removed() {
        let mut plan = plan();
        let ids: Vec<_> = plan.stages.iter().map(|s| s.id).collect();
        for id in &ids[1..] {
            plan.remove_stage(*id).unwrap();
        }
        assert_eq!(plan.remove_stage(ids[0]), Err(EditError::LastStage));
    }

    #[test]
    fn restore_gives_up_a_milestone_taken_meanwhile() {
        let mut plan = plan();
        let won = plan.stage_with(Milestone::Won).unwrap().id;
        let removed = plan.remove_stage(won).unwrap();
        let other = plan.stages[3].id;
        plan.set_milestone(other, Some(Milestone::Won)).unwrap();
        plan.restore_stage(removed).unwrap();
        assert_eq!(plan.stage_with(Milestone::Won).unwrap().id, other);
        assert_eq!(plan.stage(won).unwrap().milestone, None);
    }

    #[test]
    fn move_swaps_neighbours_and_stops_at_the_ends() {
        let mut plan = plan();
        let first = plan.stages[0].id;
        plan.move_stage(first, Direction::Up).unwrap();
        assert_eq!(plan.stages[0].id, first);
        plan.move_stage(first, Direction::Down).unwrap();
        assert_eq!(
            names(&plan),
            [
                "Lead nurturing",
                "Lead generation",
                "Opportunity creation",
                "Hand-off → proposal",
                "Won"
            ]
        );
        let last = plan.stages[4].id;
        plan.move_stage(last, Direction::Down).unwrap();
        assert_eq!(plan.stages[4].id, last);
    }

    #[test]
    fn a_milestone_belongs_to_one_stage_at_a_time() {
        let mut plan = plan();
        let nurturing = plan.stages[1].id;
        plan.set_milestone(nurturing, Some(Milestone::Lead))
            .unwrap();
        assert_eq!(plan.stage_with(Milestone::Lead).unwrap().id, nurturing);
        assert_eq!(plan.stages[0].milestone, None);
        plan.set_milestone(nurturing, None).unwrap();
        assert!(plan.stage_with(Milestone::Lead).is_none());
        assert_eq!(plan.stage_with(Milestone::Won).unwrap().name, "Won");
    }

    #[test]
    fn owners_and_counts_are_set_per_stage() {
        let mut plan = plan();
        let month = Month::new(2026, 11).unwrap();
        let id = plan.stages[1].id;
        plan.set_owner(id, Department::Marketing).unwrap();
        plan.set_count(id, month, 250).unwrap();
        assert_eq!(plan.stages[1].owner, Department::Marketing);
        assert_eq!(plan.stages[1].count(month), 250);
        assert_eq!(plan.stages[1].count(Month::new(2026, 10).unwrap()), 0);
    }

    #[test]
    fn keys_round_trip() {
        for d in Department::ALL {
            assert_eq!(Department::from_key(d.key()), Some(d));
        }
        for m in Milestone::ALL {
            assert_eq!(Milestone::from_key(m.key()), Some(m));
        }
        assert_eq!(Department::from_key("sales"), None);
    }
}
