//! Ready-made plans. The default is the inside-sales flow of the domain
//! source: marketing generates leads, inside sales nurtures them and creates
//! opportunities, field sales proposes and closes.

use super::plan::{Department, Milestone, Plan, Stage, StageId};

/// Stage names of the default flow in one language. The names become plan
/// data: once created they are the user's, and are never translated.
pub struct PresetNames {
    pub plan: &'static str,
    pub lead_generation: &'static str,
    pub lead_nurturing: &'static str,
    pub opportunity_creation: &'static str,
    pub hand_off: &'static str,
    pub won: &'static str,
}

impl PresetNames {
    pub const ENGLISH: PresetNames = PresetNames {
        plan: "Inside sales funnel",
        lead_generation: "Lead generation",
        lead_nurturing: "Lead nurturing",
        opportunity_creation: "Opportunity creation",
        hand_off: "Hand-off → proposal",
        won: "Won",
    };

    pub const JAPANESE: PresetNames = PresetNames {
        plan: "インサイドセールスのファネル",
        lead_generation: "リード獲得",
        lead_nurturing: "リード育成",
        opportunity_creation: "商談化",
        hand_off: "引き継ぎ〜提案",
        won: "受注",
    };
}

pub fn inside_sales(names: &PresetNames) -> Plan {
    let stages = [
        (
            names.lead_generation,
            Department::Marketing,
            Some(Milestone::Lead),
        ),
        (names.lead_nurturing, Department::InsideSales, None),
        (
            names.opportunity_creation,
            Department::InsideSales,
            Some(Milestone::Opportunity),
        ),
        (names.hand_off, Department::FieldSales, None),
        (names.won, Department::FieldSales, Some(Milestone::Won)),
    ];
    Plan {
        name: names.plan.to_owned(),
        stages: stages
            .into_iter()
            .zip(1..)
            .map(|((name, owner, milestone), id)| Stage {
                id: StageId(id),
                name: name.to_owned(),
                owner,
                milestone,
                counts: Default::default(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_flow_has_the_seed_stages_and_owners() {
        let plan = inside_sales(&PresetNames::JAPANESE);
        let shape: Vec<_> = plan
            .stages
            .iter()
            .map(|s| (s.id.0, s.name.as_str(), s.owner, s.milestone))
            .collect();
        assert_eq!(
            shape,
            [
                (
                    1,
                    "リード獲得",
                    Department::Marketing,
                    Some(Milestone::Lead)
                ),
                (2, "リード育成", Department::InsideSales, None),
                (
                    3,
                    "商談化",
                    Department::InsideSales,
                    Some(Milestone::Opportunity)
                ),
                (4, "引き継ぎ〜提案", Department::FieldSales, None),
                (5, "受注", Department::FieldSales, Some(Milestone::Won)),
            ]
        );
    }
}
