use chrono::NaiveDate;

use super::figures::{figures, Group, Reading, Subject};
use super::*;
use crate::domain::actions::{Action, ActionId, ActionStatus};
use crate::domain::edit::{apply, Edit};
use crate::domain::ids::{KpiId, MetricId};
use crate::domain::kpi::Status;
use crate::domain::locale::Lang;
use crate::domain::members::{Member, MemberId};
use crate::domain::month::Month;
use crate::domain::pdca::Cycle;
use crate::domain::pdca::CycleId;
use crate::domain::period::{Granularity, Period};
use crate::domain::plan::KpiDisplay;
use crate::domain::planning::Holiday;
use crate::domain::presets::inside_sales;
use crate::domain::sla::Threshold;
use crate::domain::sla::{new_card, new_promise, SlaId, ThresholdId};

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, d).unwrap()
}

fn state(plan: &Plan, review: Review, today: NaiveDate) -> ReviewState {
    plan.reviews_on(today)
        .into_iter()
        .find(|s| s.review == review)
        .unwrap()
}

fn held(plan: &mut Plan, review: Review, on: NaiveDate) {
    apply(plan, Edit::SetHeld(review, on, true)).unwrap();
}

#[test]
fn a_review_is_due_until_held_in_its_day_week_or_month() {
    let mut plan = inside_sales(Lang::En);
    // Thursday 26 November 2026: everything is due.
    let thursday = day(11, 26);
    assert!(plan.reviews_on(thursday).iter().all(|s| s.due));
    held(&mut plan, Review::ActivityCounts, thursday);
    held(&mut plan, Review::ConversionRates, day(11, 23));
    held(&mut plan, Review::DepartmentKpis, day(11, 2));

    let activity = state(&plan, Review::ActivityCounts, thursday);
    assert_eq!((activity.held_on, activity.due), (Some(thursday), false));
    assert!(state(&plan, Review::ResponseRates, thursday).due);
    // Held on Monday: done for the week of the 23rd.
    let weekly = state(&plan, Review::ConversionRates, thursday);
    assert_eq!(weekly.period.start(), day(11, 23));
    assert_eq!((weekly.held_on, weekly.due), (Some(day(11, 23)), false));
    assert!(state(&plan, Review::ScriptAndTargets, thursday).due);
    let monthly = state(&plan, Review::DepartmentKpis, thursday);
    assert_eq!((monthly.held_on, monthly.due), (Some(day(11, 2)), false));

    // Friday: the daily review is due again, held the day before.
    let friday = state(&plan, Review::ActivityCounts, day(11, 27));
    assert_eq!(
        (friday.held_on, friday.held_before, friday.due),
        (None, Some(thursday), true)
    );
    // No daily review on a Saturday or a holiday; the weekly one waits.
    assert!(!state(&plan, Review::ActivityCounts, day(11, 28)).due);
    assert!(state(&plan, Review::ScriptAndTargets, day(11, 28)).due);
    apply(&mut plan, Edit::SetHolidays(vec![Holiday(day(11, 27))])).unwrap();
    assert!(!state(&plan, Review::ResponseRates, day(11, 27)).due);
    // A new week and a new month ask again.
    let next_week = state(&plan, Review::ConversionRates, day(11, 30));
    assert_eq!(
        (next_week.held_before, next_week.due),
        (Some(day(11, 23)), true)
    );
    let december = state(&plan, Review::DepartmentKpis, day(12, 1));
    assert_eq!(
        (december.held_before, december.due),
        (Some(day(11, 2)), true)
    );
}

#[test]
fn holding_a_review_is_one_undoable_edit_and_holding_it_twice_changes_nothing() {
    let mut plan = inside_sales(Lang::En);
    let before = plan.clone();
    let undo = apply(
        &mut plan,
        Edit::SetHeld(Review::SlaReview, day(11, 26), true),
    )
    .unwrap();
    assert_eq!(undo, Edit::SetHeld(Review::SlaReview, day(11, 26), false));
    let held_once = plan.clone();
    let again = apply(
        &mut plan,
        Edit::SetHeld(Review::SlaReview, day(11, 26), true),
    )
    .unwrap();
    assert_eq!(plan, held_once);
    // Undoing the second, empty, record keeps the first.
    apply(&mut plan, again).unwrap();
    assert_eq!(plan, held_once);
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before);

    // Kept in day order whatever order they are recorded in.
    held(&mut plan, Review::ActivityCounts, day(11, 26));
    held(&mut plan, Review::ActivityCounts, day(11, 24));
    held(&mut plan, Review::ResponseRates, day(11, 24));
    let days: Vec<(NaiveDate, Review)> = plan
        .reviews_held
        .iter()
        .map(|h| (h.day, h.review))
        .collect();
    assert_eq!(
        days,
        [
            (day(11, 24), Review::ActivityCounts),
            (day(11, 24), Review::ResponseRates),
            (day(11, 26), Review::ActivityCounts)
        ]
    );
    // Taking a record back undoes to the record.
    let held_twice = plan.clone();
    let undo_take_back = apply(
        &mut plan,
        Edit::SetHeld(Review::ActivityCounts, day(11, 24), false),
    )
    .unwrap();
    assert_eq!(plan.reviews_held.len(), 2);
    apply(&mut plan, undo_take_back).unwrap();
    assert_eq!(plan, held_twice);
    let far = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
    let kept = plan.clone();
    assert_eq!(
        apply(&mut plan, Edit::SetHeld(Review::ActivityCounts, far, true)),
        Err(EditError::DateOutOfRange)
    );
    assert_eq!(plan, kept);
}

const AYA: MemberId = MemberId(900);
const KEN: MemberId = MemberId(901);

fn metric(plan: &Plan, name: &str) -> MetricId {
    plan.metrics.iter().find(|m| m.name == name).unwrap().id
}

fn kpi(plan: &Plan, name: &str) -> KpiId {
    plan.kpis.iter().find(|k| k.name == name).unwrap().id
}

/// Inside sales with Aya and Ken counting calls and contacts per member on
/// Wednesday 25 (20 and 5, 10 and 3) and Thursday 26 November (40 and 10,
/// 30 and 12), 30 leads on the 26th, and a contact rate target of 25 %.
fn team() -> Plan {
    let mut plan = inside_sales(Lang::En);
    let inside = plan.departments[1].id;
    for (id, name) in [(AYA, "Aya"), (KEN, "Ken")] {
        let member = Member {
            id,
            name: name.into(),
            department: inside,
            active: true,
        };
        apply(&mut plan, Edit::AddMember(member)).unwrap();
    }
    let (calls, contacts) = (metric(&plan, "Calls"), metric(&plan, "Contacts"));
    for metric in [calls, contacts] {
        apply(&mut plan, Edit::SetPerMember(metric, true)).unwrap();
    }
    let on = |d| Period::containing(Granularity::Day, day(11, d));
    for (member, d, call, contact) in [
        (AYA, 25, 20, 5),
        (KEN, 25, 10, 3),
        (AYA, 26, 40, 10),
        (KEN, 26, 30, 12),
    ] {
        for (metric, value) in [(calls, call), (contacts, contact)] {
            apply(
                &mut plan,
                Edit::SetMemberEntry(member, metric, on(d), Some(value)),
            )
            .unwrap();
        }
    }
    let leads = metric(&plan, "Leads");
    apply(&mut plan, Edit::SetEntry(leads, on(26), Some(30))).unwrap();
    let rate = kpi(&plan, "Contact rate");
    let november = Month::new(2026, 11).unwrap();
    apply(&mut plan, Edit::SetKpiTarget(rate, november, Some(0.25))).unwrap();
    plan
}

fn plain(subject: Subject, value: Option<f64>, previous: Option<f64>) -> Reading {
    Reading {
        subject,
        value,
        previous,
        target: None,
        status: None,
    }
}

#[test]
fn the_daily_reviews_read_today_beside_yesterday_for_the_team_and_each_member() {
    let plan = team();
    let (leads, calls, contacts) = (
        metric(&plan, "Leads"),
        metric(&plan, "Calls"),
        metric(&plan, "Contacts"),
    );
    let activity = figures(&plan, Review::ActivityCounts, day(11, 26));
    assert_eq!(activity.range.first().start(), day(11, 26));
    assert_eq!(activity.previous.first().start(), day(11, 25));
    // Both members entered today.
    assert_eq!(activity.not_entered, Some(vec![]));
    let groups: Vec<(Group, Vec<Reading>)> = activity
        .groups
        .into_iter()
        .map(|g| (g.group, g.readings))
        .collect();
    assert_eq!(
        groups,
        [
            (
                Group::Team,
                vec![
                    plain(Subject::Metric(leads), Some(30.0), None),
                    plain(Subject::Metric(calls), Some(70.0), Some(30.0)),
                    plain(Subject::Metric(contacts), Some(22.0), Some(8.0)),
                ]
            ),
            (
                Group::Member(AYA),
                vec![
                    plain(Subject::Metric(calls), Some(40.0), Some(20.0)),
                    plain(Subject::Metric(contacts), Some(10.0), Some(5.0)),
                ]
            ),
            (
                Group::Member(KEN),
                vec![
                    plain(Subject::Metric(calls), Some(30.0), Some(10.0)),
                    plain(Subject::Metric(contacts), Some(12.0), Some(3.0)),
                ]
            ),
        ]
    );

    let rate = kpi(&plan, "Contact rate");
    let rates = figures(&plan, Review::ResponseRates, day(11, 26)).groups;
    assert_eq!(rates.len(), 3);
    // The team's rate against its target; only rates with figures.
    assert_eq!(
        rates[0].readings,
        [Reading {
            subject: Subject::Kpi(rate),
            value: Some(22.0 / 70.0),
            previous: Some(8.0 / 30.0),
            target: Some(0.25),
            status: Some(Status::OnTrack),
        }]
    );
    assert_eq!(
        rates[1].readings,
        [plain(Subject::Kpi(rate), Some(0.25), Some(0.25))]
    );
    assert_eq!(
        rates[2].readings,
        [plain(Subject::Kpi(rate), Some(0.4), Some(0.3))]
    );
}

#[test]
fn the_weekly_and_monthly_reviews_read_each_department_the_cycle_and_the_agreements() {
    let mut plan = team();
    let today = day(11, 26);
    let rate = kpi(&plan, "Contact rate");
    let departments: Vec<Group> = plan
        .departments
        .iter()
        .map(|d| Group::Department(d.id))
        .collect();

    // Rates per department that owns a stage, then the shared ones: the
    // week of Monday 23 so far, 30 contacts of 100 calls.
    let weekly = figures(&plan, Review::ConversionRates, today);
    assert_eq!(weekly.range.first().start(), day(11, 23));
    let order: Vec<Group> = weekly.groups.iter().map(|g| g.group).collect();
    assert_eq!(
        order,
        [
            departments[0],
            departments[1],
            departments[2],
            Group::Shared
        ]
    );
    let contact = weekly.groups[1]
        .readings
        .iter()
        .find(|r| r.subject == Subject::Kpi(rate))
        .unwrap();
    assert_eq!(
        (
            contact.value,
            contact.previous,
            contact.target,
            contact.status
        ),
        (Some(0.3), None, Some(0.25), Some(Status::OnTrack))
    );
    assert!(weekly
        .groups
        .iter()
        .flat_map(|g| &g.readings)
        .all(|r| matches!(r.subject, Subject::Kpi(k) if plan.kpi(k).unwrap().display == KpiDisplay::Percent)));
    // The monthly comparison reads every KPI, money and days too.
    let monthly = figures(&plan, Review::DepartmentKpis, today);
    let count =
        |groups: &[figures::FigureGroup]| groups.iter().map(|g| g.readings.len()).sum::<usize>();
    assert_eq!(count(&monthly.groups), plan.kpis.len());
    assert!(count(&weekly.groups) < plan.kpis.len());

    // No cycle holds today: no targets nor actions to read.
    assert!(figures(&plan, Review::ScriptAndTargets, today)
        .groups
        .is_empty());
    let action = Action {
        id: ActionId(950),
        text: "Call in the morning".into(),
        owner: plan.departments[1].id,
        kpi: Some(rate),
        status: ActionStatus::Doing,
        start: Some(today),
        end: None,
    };
    apply(&mut plan, Edit::AddAction(Box::new(action))).unwrap();
    let cycle = Cycle {
        actions: vec![ActionId(950)],
        ..plan.new_cycle(CycleId(951), today)
    };
    apply(&mut plan, Edit::AddCycle(Box::new(cycle))).unwrap();
    let targets = figures(&plan, Review::ScriptAndTargets, today).groups;
    assert_eq!(targets[0].group, Group::CycleTargets(CycleId(951)));
    assert_eq!(
        targets[0].readings,
        [Reading {
            subject: Subject::Kpi(rate),
            value: Some(0.3),
            previous: None,
            target: Some(0.25),
            status: Some(Status::OnTrack),
        }]
    );
    // The action since it started against the day before.
    let measures = figures(&plan, Review::MeasureRedesign, today);
    assert_eq!(measures.groups[0].group, Group::CycleActions(CycleId(951)));
    assert_eq!(
        measures.groups[0].readings,
        [plain(
            Subject::Action(ActionId(950), rate),
            Some(22.0 / 70.0),
            Some(8.0 / 30.0)
        )]
    );

    // Marketing promises 600 leads a month: 26 days of November ask 520,
    // 30 were counted.
    let mut card = new_card(
        &plan,
        SlaId(960),
        (plan.departments[0].id, plan.departments[1].id),
        Lang::En,
    );
    let promise = Threshold {
        value: 600.0,
        ..new_promise(&plan, &card, ThresholdId(961)).unwrap()
    };
    card.thresholds.push(promise);
    apply(&mut plan, Edit::AddSla(Box::new(card))).unwrap();
    let sla = figures(&plan, Review::SlaReview, today).groups;
    assert_eq!(sla.len(), 1);
    assert_eq!(sla[0].group, departments[0]);
    let reading = sla[0].readings[0];
    assert_eq!(
        reading.subject,
        Subject::Promise(SlaId(960), ThresholdId(961))
    );
    assert_eq!(reading.value, Some(30.0));
    assert_eq!(reading.status, Some(Status::OffTrack));
    assert!((reading.target.unwrap() - 520.0).abs() < 1e-9);
}

#[test]
fn a_mondays_daily_review_reads_the_friday_before_and_who_has_not_entered() {
    let mut plan = team();
    let calls = metric(&plan, "Calls");
    let on = |d| Period::containing(Granularity::Day, day(11, d));
    apply(
        &mut plan,
        Edit::SetMemberEntry(AYA, calls, on(27), Some(25)),
    )
    .unwrap();
    apply(
        &mut plan,
        Edit::SetMemberEntry(AYA, calls, on(30), Some(45)),
    )
    .unwrap();
    let monday = figures(&plan, Review::ActivityCounts, day(11, 30));
    assert_eq!(monday.previous.first().start(), day(11, 27));
    let aya = monday
        .groups
        .iter()
        .find(|g| g.group == Group::Member(AYA))
        .unwrap();
    assert_eq!(
        aya.readings[0],
        plain(Subject::Metric(calls), Some(45.0), Some(25.0))
    );
    // Ken has entered nothing on Monday.
    assert_eq!(monday.not_entered, Some(vec![KEN]));
    // With Friday a holiday, Monday reads Thursday.
    apply(&mut plan, Edit::SetHolidays(vec![Holiday(day(11, 27))])).unwrap();
    let monday = figures(&plan, Review::ActivityCounts, day(11, 30));
    assert_eq!(monday.previous.first().start(), day(11, 26));
    // Nobody counting per member: no one to name.
    let plain_plan = inside_sales(Lang::En);
    assert_eq!(
        figures(&plain_plan, Review::ActivityCounts, day(11, 30)).not_entered,
        None
    );
}

#[test]
fn the_measures_review_names_the_weakest_step_of_the_last_whole_month() {
    let mut plan = team();
    let leads = metric(&plan, "Leads");
    let october = Period::containing(Granularity::Month, day(10, 1));
    // October counted fewer leads than its target: its weakest step. The
    // 30 leads of 26 November, a month under way, are not compared.
    let stage = plan.stages[0].id;
    apply(
        &mut plan,
        Edit::SetCountTarget(stage, Month::new(2026, 10).unwrap(), Some(400)),
    )
    .unwrap();
    apply(&mut plan, Edit::SetEntry(leads, october, Some(300))).unwrap();
    let measures = figures(&plan, Review::MeasureRedesign, day(11, 26));
    let weakest = measures.bottleneck.unwrap();
    assert_eq!((weakest.stage, weakest.actual), (stage, 300.0));
    assert!((weakest.relative_gap + 0.25).abs() < 1e-9);
    // Only the measures review reads it.
    assert_eq!(
        figures(&plan, Review::DepartmentKpis, day(11, 26)).bottleneck,
        None
    );
}
