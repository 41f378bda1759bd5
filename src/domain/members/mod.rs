//! The team: the people of each department, by name. Members are data the
//! team types (never translated); one who leaves is made inactive rather
//! than removed, so what they counted keeps its name.

use serde::{Deserialize, Serialize};

use super::departments::{same_name, DepartmentId};
pub use super::ids::MemberId;
use super::plan::{clean_name, EditError, Plan};

mod counts;
pub mod review;

pub const MAX_MEMBERS: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Member {
    pub id: MemberId,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(length(min = 1, max = super::plan::MAX_NAME_CHARS))
    )]
    pub name: String,
    pub department: DepartmentId,
    /// An inactive member left the team: kept with their history, offered
    /// nowhere new.
    #[serde(default = "active", skip_serializing_if = "is_active")]
    pub active: bool,
}

fn active() -> bool {
    true
}

fn is_active(active: &bool) -> bool {
    *active
}

impl Plan {
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// A department's members, in the order they were added.
    pub fn members_of(&self, department: DepartmentId) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(move |m| m.department == department)
    }

    fn member_mut(&mut self, id: MemberId) -> Result<&mut Member, EditError> {
        self.members
            .iter_mut()
            .find(|m| m.id == id)
            .ok_or(EditError::UnknownMember)
    }

    /// A name no other member has, trimmed: two people called the same
    /// would read as one in every table.
    fn member_name(&self, id: MemberId, name: &str) -> Result<String, EditError> {
        let name = clean_name(name)?;
        if self
            .members
            .iter()
            .any(|m| m.id != id && same_name(&m.name, &name))
        {
            return Err(EditError::MemberNameInUse);
        }
        Ok(name)
    }

    /// `base 1`, `base 2` ...: the first name no member has.
    pub fn free_member_name(&self, base: &str) -> String {
        let taken = |name: &str| self.members.iter().any(|m| same_name(&m.name, name));
        (1..=MAX_MEMBERS + 1)
            .map(|n| format!("{base} {n}"))
            .find(|name| !taken(name))
            .unwrap_or_else(|| base.to_owned())
    }

    /// Puts a member at `index` (past the end: last).
    pub fn insert_member(&mut self, index: usize, member: Member) -> Result<(), EditError> {
        if self.members.len() >= MAX_MEMBERS {
            return Err(EditError::TooManyMembers);
        }
        self.department(member.department)
            .ok_or(EditError::UnknownDepartment)?;
        self.check_fresh(member.id.0)?;
        let name = self.member_name(member.id, &member.name)?;
        let index = index.min(self.members.len());
        self.members.insert(index, Member { name, ..member });
        Ok(())
    }

    pub fn rename_member(&mut self, id: MemberId, name: &str) -> Result<(), EditError> {
        let name = self.member_name(id, name)?;
        self.member_mut(id)?.name = name;
        Ok(())
    }

    pub fn set_member_active(&mut self, id: MemberId, active: bool) -> Result<(), EditError> {
        self.member_mut(id)?.active = active;
        Ok(())
    }

    pub fn set_member_department(
        &mut self,
        id: MemberId,
        department: DepartmentId,
    ) -> Result<(), EditError> {
        self.department(department)
            .ok_or(EditError::UnknownDepartment)?;
        self.member_mut(id)?.department = department;
        Ok(())
    }

    /// Takes a member out of the plan, with their place in the list;
    /// refused while they have figures (they are made inactive instead).
    pub fn remove_member(&mut self, id: MemberId) -> Result<(usize, Member), EditError> {
        let index = self
            .members
            .iter()
            .position(|m| m.id == id)
            .ok_or(EditError::UnknownMember)?;
        let figures = self.member_entries.figures_of(id);
        if figures > 0 {
            return Err(EditError::MemberHasCounts(figures));
        }
        Ok((index, self.members.remove(index)))
    }

    /// Refused while `department` has members: they would belong nowhere.
    pub(super) fn check_no_members(&self, department: DepartmentId) -> Result<(), EditError> {
        let names: Vec<String> = self
            .members_of(department)
            .map(|m| m.name.clone())
            .collect();
        if names.is_empty() {
            Ok(())
        } else {
            Err(EditError::DepartmentHasMembers(names))
        }
    }
}

// Property tests are native-only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
