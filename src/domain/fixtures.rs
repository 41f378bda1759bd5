//! The largest plan the product promises to keep fast and small, for the
//! benchmark and the memory budget tests. Native builds only: no user ever
//! downloads it.

use chrono::NaiveDate;

use super::edit::{apply, Edit};
use super::ids::{IdGen, MetricId, StageId};
use super::locale::Lang;
use super::members::{Member, MemberId};
use super::period::{Granularity, Period, PeriodRange};
use super::plan::{MetricKind, Plan};
use super::presets::inside_sales;

pub const STAGES: usize = 12;
pub const METRICS_PER_STAGE: usize = 8;
pub const WEEKS: usize = 156;
pub const MEMBERS: usize = 10;
pub const PER_MEMBER_METRICS: usize = 4;

/// The 156 weeks the large plan is counted in, from Monday 1 January 2024.
pub fn weeks() -> PeriodRange {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    PeriodRange::new(Period::containing(Granularity::Week, start), WEEKS)
}

/// The default plan grown to 12 stages of 8 metrics, each counted weekly;
/// 10 members of the last stage's department count its last 4 metrics.
pub fn large_plan() -> Plan {
    let mut plan = inside_sales(Lang::En);
    let mut ids = IdGen::for_session(1);
    let mut fresh = |plan: &Plan| ids.fresh(|id| plan.uses_id(id));
    let add = |plan: &mut Plan, edit: Edit| {
        apply(plan, edit).expect("the large plan stays within the limits");
    };
    while plan.stages.len() < STAGES {
        let (id, count) = (StageId(fresh(&plan)), MetricId(fresh(&plan)));
        let edit = Edit::AddStage {
            id,
            count,
            name: "Stage".into(),
            count_name: "Count".into(),
            at: usize::MAX,
        };
        add(&mut plan, edit);
    }
    let stage_ids: Vec<_> = plan.stages.iter().map(|s| s.id).collect();
    for stage in stage_ids {
        while plan.metrics_of(stage).count() < METRICS_PER_STAGE {
            let edit = Edit::AddMetric {
                id: MetricId(fresh(&plan)),
                stage,
                name: "Metric".into(),
                kind: MetricKind::Count,
                lost_reason: false,
            };
            add(&mut plan, edit);
        }
    }
    let counting = plan.stages[STAGES - 1].id;
    let per_member: Vec<MetricId> = plan
        .metrics_of(counting)
        .skip(METRICS_PER_STAGE - PER_MEMBER_METRICS)
        .map(|m| m.id)
        .collect();
    for metric in &per_member {
        add(&mut plan, Edit::SetPerMember(*metric, true));
    }
    let department = plan.stages[STAGES - 1].owner;
    let mut members = Vec::new();
    for n in 1..=MEMBERS {
        let id = MemberId(fresh(&plan));
        let member = Member {
            id,
            name: format!("Member {n}"),
            department,
            active: true,
        };
        add(&mut plan, Edit::AddMember(member));
        members.push(id);
    }
    let metrics: Vec<_> = plan.metrics.iter().map(|m| m.id).collect();
    for (i, metric) in metrics.into_iter().enumerate() {
        for (week, period) in weeks().periods().enumerate() {
            let value = |k: usize| ((i * 7919 + week * 104_729 + k * 31) % 1_000) as u64;
            if per_member.contains(&metric) {
                for (k, member) in members.iter().enumerate() {
                    let each = value(k) / 10;
                    add(
                        &mut plan,
                        Edit::SetMemberEntry(*member, metric, period, Some(each)),
                    );
                }
            } else {
                add(&mut plan, Edit::SetEntry(metric, period, Some(value(0))));
            }
        }
    }
    plan
}
