//! The team: the people of each department, by name. Members are data the
//! team types (never translated); one who leaves is made inactive rather
//! than removed, so what they counted keeps its name.

use serde::{Deserialize, Serialize};

use super::departments::{same_name, DepartmentId};
pub use super::ids::MemberId;
use super::plan::{clean_name, EditError, Plan};

pub const MAX_MEMBERS: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
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

    /// Takes a member out of the plan, with their place in the list.
    pub fn remove_member(&mut self, id: MemberId) -> Result<(usize, Member), EditError> {
        let index = self
            .members
            .iter()
            .position(|m| m.id == id)
            .ok_or(EditError::UnknownMember)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::edit::{apply, Edit};
    use crate::domain::format;
    use crate::domain::locale::Lang;
    use crate::domain::presets::inside_sales;

    fn member(id: u64, name: &str, department: DepartmentId) -> Edit {
        Edit::AddMember(Member {
            id: MemberId(id),
            name: name.into(),
            department,
            active: true,
        })
    }

    #[test]
    fn members_are_added_renamed_deactivated_moved_and_removed_undoably() {
        let start = inside_sales(Lang::Ja);
        let mut plan = start.clone();
        let inside = plan.departments[1].id;
        let field = plan.departments[2].id;
        let mut undo = Vec::new();
        for edit in [
            member(900, " 佐藤 ", inside),
            member(901, "Suzuki", inside),
            member(902, "高橋", field),
            Edit::RenameMember(MemberId(901), "Suzuki Aya".into()),
            Edit::SetMemberActive(MemberId(902), false),
            Edit::SetMemberDepartment(MemberId(901), field),
            Edit::RemoveMember(MemberId(900)),
        ] {
            undo.push(apply(&mut plan, edit).unwrap());
        }
        let names: Vec<(&str, bool)> = plan
            .members_of(field)
            .map(|m| (m.name.as_str(), m.active))
            .collect();
        assert_eq!(names, [("Suzuki Aya", true), ("高橋", false)]);
        format::validate(&plan).unwrap();
        let text = format::encode(&plan, &format::Head::default()).unwrap();
        assert_eq!(format::decode(&text).unwrap().plan, plan);
        for inverse in undo.into_iter().rev() {
            apply(&mut plan, inverse).unwrap();
        }
        assert_eq!(plan, start);
    }

    #[test]
    fn names_are_unique_and_typed_and_departments_with_members_stay() {
        let mut plan = inside_sales(Lang::En);
        let inside = plan.departments[1].id;
        apply(&mut plan, member(900, "Aya", inside)).unwrap();
        let before = plan.clone();
        assert_eq!(
            apply(&mut plan, member(901, "aya", inside)),
            Err(EditError::MemberNameInUse)
        );
        assert_eq!(
            apply(&mut plan, member(901, "  ", inside)),
            Err(EditError::EmptyName)
        );
        assert_eq!(
            apply(&mut plan, member(901, &"x".repeat(61), inside)),
            Err(EditError::NameTooLong)
        );
        assert_eq!(
            apply(&mut plan, member(900, "Ken", inside)),
            Err(EditError::IdInUse)
        );
        assert_eq!(
            apply(&mut plan, member(901, "Ken", DepartmentId(4242))),
            Err(EditError::UnknownDepartment)
        );
        assert_eq!(plan, before, "refusals change nothing");
        // A department with members is not removed; the refusal names them.
        let customer_success = DepartmentId(950);
        apply(
            &mut plan,
            Edit::AddDepartment {
                id: customer_success,
                name: "Customer success".into(),
                hue: crate::domain::departments::Hue::Sky,
            },
        )
        .unwrap();
        apply(
            &mut plan,
            Edit::SetMemberDepartment(MemberId(900), customer_success),
        )
        .unwrap();
        assert_eq!(
            apply(&mut plan, Edit::RemoveDepartment(customer_success)),
            Err(EditError::DepartmentHasMembers(vec!["Aya".into()]))
        );
        assert_eq!(plan.free_member_name("Member"), "Member 1");
        assert_eq!(
            plan.member(MemberId(900)).map(|m| m.name.as_str()),
            Some("Aya")
        );
    }
}
