//! Who owns the stages: the plan's departments, each with a name and a
//! colour. The three of the domain source come with every preset; teams add
//! their own (a BPO calling vendor, a partner channel, customer success) or
//! merge two. A department's name is plan data, typed by the team.

use serde::{Deserialize, Serialize};

pub use super::ids::DepartmentId;
use super::locale::Lang;
use super::plan::{clean_name, EditError, Plan, Stage};

/// A colour from the Okabe–Ito palette, which colour-blind viewers can
/// tell apart. The UI always shows the department's name beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Hue {
    Blue,
    Vermillion,
    Green,
    Purple,
    Orange,
    Sky,
    Yellow,
    Black,
}

impl Hue {
    /// In the order a new department takes them.
    pub const ALL: [Hue; 8] = [
        Hue::Blue,
        Hue::Vermillion,
        Hue::Green,
        Hue::Purple,
        Hue::Orange,
        Hue::Sky,
        Hue::Yellow,
        Hue::Black,
    ];

    /// Stable key used in files, CSS and form values.
    pub fn key(self) -> &'static str {
        match self {
            Hue::Blue => "blue",
            Hue::Vermillion => "vermillion",
            Hue::Green => "green",
            Hue::Purple => "purple",
            Hue::Orange => "orange",
            Hue::Sky => "sky",
            Hue::Yellow => "yellow",
            Hue::Black => "black",
        }
    }

    pub fn from_key(key: &str) -> Option<Hue> {
        Hue::ALL.into_iter().find(|h| h.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Department {
    pub id: DepartmentId,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = super::plan::MAX_NAME_CHARS))
    )]
    pub name: String,
    pub hue: Hue,
}

pub const MAX_DEPARTMENTS: usize = 12;

/// The departments of the domain source's flow, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    Marketing,
    InsideSales,
    FieldSales,
}

impl Standard {
    pub const ALL: [Standard; 3] = [
        Standard::Marketing,
        Standard::InsideSales,
        Standard::FieldSales,
    ];

    /// The key version 5 files used for the owner.
    pub fn key(self) -> &'static str {
        match self {
            Standard::Marketing => "marketing",
            Standard::InsideSales => "inside_sales",
            Standard::FieldSales => "field_sales",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Standard::Marketing, Lang::En) => "Marketing",
            (Standard::Marketing, Lang::Ja) => "マーケティング",
            (Standard::InsideSales, Lang::En) => "Inside sales",
            (Standard::InsideSales, Lang::Ja) => "インサイドセールス",
            (Standard::FieldSales, Lang::En) => "Field sales",
            (Standard::FieldSales, Lang::Ja) => "フィールドセールス",
        }
    }

    pub fn department(self, id: DepartmentId, lang: Lang) -> Department {
        Department {
            id,
            name: self.name(lang).to_owned(),
            hue: Hue::ALL[self as usize],
        }
    }
}

/// Whether two department names would read as the same in a list. Latin
/// letters only are folded: Unicode case tables would cost every user
/// their bytes, and Japanese names have no case.
pub fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl Plan {
    pub fn department(&self, id: DepartmentId) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    /// The colour of the department that owns a stage.
    pub fn hue_of(&self, stage: &Stage) -> Hue {
        self.department(stage.owner).map_or(Hue::Black, |d| d.hue)
    }

    /// The stages a department owns, in funnel order.
    pub fn stages_owned_by(&self, id: DepartmentId) -> impl Iterator<Item = &Stage> {
        self.stages.iter().filter(move |s| s.owner == id)
    }

    /// `base`, or `base 2`, `base 3` ...: the first name no department has.
    pub fn free_department_name(&self, base: &str) -> String {
        let taken = |name: &str| self.departments.iter().any(|d| same_name(&d.name, name));
        (1..=MAX_DEPARTMENTS + 1)
            .map(|n| match n {
                1 => base.to_owned(),
                n => format!("{base} {n}"),
            })
            .find(|name| !taken(name))
            .unwrap_or_else(|| base.to_owned())
    }

    /// The first colour no department has yet (the first of all when every
    /// colour is taken), for a department about to be added.
    pub fn free_hue(&self) -> Hue {
        Hue::ALL
            .into_iter()
            .find(|h| self.departments.iter().all(|d| d.hue != *h))
            .unwrap_or(Hue::ALL[0])
    }

    fn department_mut(&mut self, id: DepartmentId) -> Result<&mut Department, EditError> {
        self.departments
            .iter_mut()
            .find(|d| d.id == id)
            .ok_or(EditError::UnknownDepartment)
    }

    /// A name no other department has, trimmed.
    fn department_name(&self, id: DepartmentId, name: &str) -> Result<String, EditError> {
        let name = clean_name(name)?;
        if self
            .departments
            .iter()
            .any(|d| d.id != id && same_name(&d.name, &name))
        {
            return Err(EditError::DepartmentNameInUse);
        }
        Ok(name)
    }

    pub fn add_department(
        &mut self,
        id: DepartmentId,
        name: &str,
        hue: Hue,
    ) -> Result<(), EditError> {
        if self.departments.len() >= MAX_DEPARTMENTS {
            return Err(EditError::TooManyDepartments);
        }
        self.check_fresh(id.0)?;
        let name = self.department_name(id, name)?;
        self.departments.push(Department { id, name, hue });
        Ok(())
    }

    pub fn rename_department(&mut self, id: DepartmentId, name: &str) -> Result<(), EditError> {
        let name = self.department_name(id, name)?;
        self.department_mut(id)?.name = name;
        Ok(())
    }

    pub fn set_department_hue(&mut self, id: DepartmentId, hue: Hue) -> Result<(), EditError> {
        self.department_mut(id)?.hue = hue;
        Ok(())
    }

    /// Takes a department out of the plan, with its place in the list.
    /// Refused, naming the stages, while a stage is owned by it.
    pub fn remove_department(
        &mut self,
        id: DepartmentId,
    ) -> Result<(usize, Department), EditError> {
        let index = self
            .departments
            .iter()
            .position(|d| d.id == id)
            .ok_or(EditError::UnknownDepartment)?;
        let owned: Vec<String> = self.stages_owned_by(id).map(|s| s.name.clone()).collect();
        if !owned.is_empty() {
            return Err(EditError::DepartmentInUse(owned));
        }
        let agreements: Vec<String> = self
            .sla_cards
            .iter()
            .filter(|c| c.from == id || c.to == id)
            .map(|c| self.sla_name(c))
            .collect();
        if !agreements.is_empty() {
            return Err(EditError::UsedBySla(agreements));
        }
        self.check_not_in_actions(&[id], &[])?;
        self.check_no_members(id)?;
        Ok((index, self.departments.remove(index)))
    }

    /// Puts a removed department back where it was.
    pub fn restore_department(
        &mut self,
        index: usize,
        department: Department,
    ) -> Result<(), EditError> {
        if self.departments.len() >= MAX_DEPARTMENTS {
            return Err(EditError::TooManyDepartments);
        }
        self.check_fresh(department.id.0)?;
        let name = self.department_name(department.id, &department.name)?;
        let index = index.min(self.departments.len());
        self.departments
            .insert(index, Department { name, ..department });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::presets::inside_sales;

    fn plan() -> Plan {
        inside_sales(Lang::En)
    }

    #[test]
    fn the_presets_three_own_the_seed_stages() {
        let plan = plan();
        let names: Vec<_> = plan.departments.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["Marketing", "Inside sales", "Field sales"]);
        let hues: Vec<_> = plan.departments.iter().map(|d| d.hue).collect();
        assert_eq!(hues, [Hue::Blue, Hue::Vermillion, Hue::Green]);
        let owned: Vec<usize> = plan
            .departments
            .iter()
            .map(|d| plan.stages_owned_by(d.id).count())
            .collect();
        assert_eq!(owned, [1, 2, 2]);
        assert_eq!(plan.free_hue(), Hue::Purple);
    }

    #[test]
    fn a_department_is_added_renamed_and_recoloured() {
        let mut plan = plan();
        let id = DepartmentId(900);
        plan.add_department(id, "  BPO vendor ", Hue::Purple)
            .unwrap();
        let added = plan.department(id).unwrap();
        assert_eq!(
            (added.name.as_str(), added.hue),
            ("BPO vendor", Hue::Purple)
        );
        assert_eq!(plan.free_hue(), Hue::Orange);
        assert_eq!(plan.free_department_name("bpo VENDOR"), "bpo VENDOR 2");
        assert_eq!(plan.free_department_name("Partners"), "Partners");
        plan.rename_department(id, "Calling partner").unwrap();
        plan.set_department_hue(id, Hue::Sky).unwrap();
        let changed = plan.department(id).unwrap();
        assert_eq!(
            (changed.name.as_str(), changed.hue),
            ("Calling partner", Hue::Sky)
        );
    }

    #[test]
    fn names_are_checked_and_unique_whatever_the_case() {
        let mut plan = plan();
        let marketing = plan.departments[0].id;
        assert_eq!(
            plan.add_department(DepartmentId(900), "inside SALES", Hue::Sky),
            Err(EditError::DepartmentNameInUse)
        );
        assert_eq!(
            plan.rename_department(marketing, "Field Sales"),
            Err(EditError::DepartmentNameInUse)
        );
        assert_eq!(
            plan.rename_department(marketing, " "),
            Err(EditError::EmptyName)
        );
        // Its own name, in another case, is fine.
        plan.rename_department(marketing, "MARKETING").unwrap();
        assert_eq!(
            plan.add_department(DepartmentId(plan.stages[0].id.0), "New", Hue::Sky),
            Err(EditError::IdInUse),
            "an id a stage has"
        );
        let before = plan.clone();
        assert_eq!(
            plan.add_department(DepartmentId(901), &"x".repeat(61), Hue::Sky),
            Err(EditError::NameTooLong)
        );
        assert_eq!(plan, before);
    }

    #[test]
    fn a_department_owning_stages_is_not_removed_and_they_are_named() {
        let mut plan = plan();
        let inside = plan.departments[1].id;
        let before = plan.clone();
        assert_eq!(
            plan.remove_department(inside),
            Err(EditError::DepartmentInUse(vec![
                "Lead nurturing".into(),
                "Opportunity creation".into()
            ]))
        );
        assert_eq!(plan, before);
    }

    #[test]
    fn an_unused_department_is_removed_and_restored_in_place() {
        let mut plan = plan();
        let field = plan.departments[2].id;
        let stages: Vec<_> = plan.stages_owned_by(field).map(|s| s.id).collect();
        let marketing = plan.departments[0].id;
        for stage in stages {
            plan.set_owner(stage, marketing).unwrap();
        }
        let inside = plan.departments[1].id;
        let whole = plan.clone();
        for stage in plan.stages.clone() {
            if stage.owner == inside {
                plan.set_owner(stage.id, marketing).unwrap();
            }
        }
        let (index, removed) = plan.remove_department(inside).unwrap();
        assert_eq!(index, 1);
        assert_eq!(plan.departments.len(), 2);
        plan.restore_department(index, removed).unwrap();
        assert_eq!(plan.departments, whole.departments);
        assert_eq!(
            plan.remove_department(DepartmentId(12345)),
            Err(EditError::UnknownDepartment)
        );
    }

    #[test]
    fn a_plan_holds_at_most_twelve_departments() {
        let mut plan = plan();
        for n in 0..9 {
            plan.add_department(DepartmentId(900 + n), &format!("Team {n}"), Hue::Sky)
                .unwrap();
        }
        assert_eq!(plan.departments.len(), MAX_DEPARTMENTS);
        assert_eq!(
            plan.add_department(DepartmentId(999), "One more", Hue::Sky),
            Err(EditError::TooManyDepartments)
        );
    }

    #[test]
    fn hue_keys_read_back() {
        for hue in Hue::ALL {
            assert_eq!(Hue::from_key(hue.key()), Some(hue));
        }
        assert_eq!(Hue::from_key("red"), None);
    }
}
