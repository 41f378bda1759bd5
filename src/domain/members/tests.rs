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

mod counting {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::entries::members::Counter;
    use crate::domain::entries::EntryRefused;
    use crate::domain::grid::{parse_block, plan_paste, PasteError};
    use crate::domain::ids::MetricId;
    use crate::domain::kpi::{kpi_value, kpi_value_of};
    use crate::domain::members::review::{daily_review, member_table, Column, Row};
    use crate::domain::period::{Granularity, Period, PeriodRange};
    use crate::domain::plan::MetricKind;

    const AYA: MemberId = MemberId(900);
    const KEN: MemberId = MemberId(901);
    const MIO: MemberId = MemberId(902);

    fn day(d: u32) -> Period {
        Period::containing(
            Granularity::Day,
            NaiveDate::from_ymd_opt(2026, 11, d).unwrap(),
        )
    }

    /// Monday 9 to Sunday 15 November 2026.
    fn week() -> PeriodRange {
        PeriodRange::new(day(9), 7)
    }

    fn named(plan: &Plan, name: &str) -> MetricId {
        plan.metrics.iter().find(|m| m.name == name).unwrap().id
    }

    /// Inside sales with three reps counting calls and contacts per member,
    /// 10 calls counted on 2 November before that (unassigned), and a week
    /// of calls and contacts: Aya 40 and 10 a day, Ken 30 and 12, Mio 50
    /// and 5 from Monday to Wednesday only.
    fn team() -> (Plan, MetricId, MetricId) {
        let mut plan = inside_sales(Lang::En);
        let inside = plan.departments[1].id;
        for (id, name) in [(AYA, "Aya"), (KEN, "Ken"), (MIO, "Mio")] {
            apply(&mut plan, member(id.0, name, inside)).unwrap();
        }
        let (calls, contacts) = (named(&plan, "Calls"), named(&plan, "Contacts"));
        apply(&mut plan, Edit::SetEntry(calls, day(2), Some(10))).unwrap();
        for metric in [calls, contacts] {
            apply(&mut plan, Edit::SetPerMember(metric, true)).unwrap();
        }
        for (member, days, per_day) in [(AYA, 5, (40, 10)), (KEN, 5, (30, 12)), (MIO, 3, (50, 5))] {
            for d in 9..9 + days {
                for (metric, value) in [(calls, per_day.0), (contacts, per_day.1)] {
                    apply(
                        &mut plan,
                        Edit::SetMemberEntry(member, metric, day(d), Some(value)),
                    )
                    .unwrap();
                }
            }
        }
        (plan, calls, contacts)
    }

    fn contact_rate(plan: &Plan) -> &crate::domain::plan::Kpi {
        plan.kpis.iter().find(|k| k.name == "Contact rate").unwrap()
    }

    #[test]
    fn totals_are_the_members_sums_and_each_member_reads_their_own_rates() {
        let (plan, calls, contacts) = team();
        format::validate(&plan).unwrap();
        assert_eq!(plan.entries.entered_total(calls, week()), Some(500));
        assert_eq!(plan.entries.entered_total(contacts, week()), Some(125));
        let rate = contact_rate(&plan);
        assert_eq!(kpi_value(&plan, rate, week()), Some(0.25));
        let member_rate = |member| kpi_value_of(&plan, Counter::Member(member), rate, week());
        assert_eq!(member_rate(AYA), Some(0.25));
        assert_eq!(member_rate(KEN), Some(0.4));
        assert_eq!(member_rate(MIO), Some(0.1));
        // The week before holds only the calls counted before per member.
        let before = week().previous();
        assert_eq!(plan.entries.entered_total(calls, before), Some(10));
        assert_eq!(
            plan.entered_total_of(Counter::Unassigned, calls, before),
            Some(10)
        );
        assert_eq!(
            plan.entered_total_of(Counter::Member(AYA), calls, before),
            None
        );

        let table = member_table(&plan, week());
        assert_eq!(
            table.columns,
            [
                Column::Metric(calls),
                Column::Metric(contacts),
                Column::Kpi(rate.id)
            ]
        );
        let row = |counter, values: [Option<f64>; 3], previous: [Option<f64>; 3]| Row {
            counter,
            values: values.into(),
            previous: previous.into(),
        };
        let none = [None; 3];
        assert_eq!(
            table.rows,
            [
                row(
                    Counter::Member(AYA),
                    [Some(200.0), Some(50.0), Some(0.25)],
                    none
                ),
                row(
                    Counter::Member(KEN),
                    [Some(150.0), Some(60.0), Some(0.4)],
                    none
                ),
                row(
                    Counter::Member(MIO),
                    [Some(150.0), Some(15.0), Some(0.1)],
                    none
                ),
                row(Counter::Unassigned, none, [Some(10.0), None, None]),
            ]
        );
        assert_eq!(
            table.team,
            row(
                Counter::Team,
                [Some(500.0), Some(125.0), Some(0.25)],
                [Some(10.0), None, None]
            )
        );
    }

    #[test]
    fn the_daily_review_shows_today_beside_the_last_working_day_and_who_has_not_entered() {
        let (mut plan, calls, _) = team();
        // Friday: Mio has counted nothing since Wednesday.
        let friday = NaiveDate::from_ymd_opt(2026, 11, 13).unwrap();
        let review = daily_review(&plan, friday);
        assert_eq!(review.not_entered_today, [MIO]);
        let aya = &review.table.rows[0];
        assert_eq!(aya.values, [Some(40.0), Some(10.0), Some(0.25)]);
        assert_eq!(aya.previous, [Some(40.0), Some(10.0), Some(0.25)]);
        assert_eq!(
            review.table.team.values,
            [Some(70.0), Some(22.0), Some(22.0 / 70.0)]
        );
        // Ken leaves on Friday: his week still counts, and nobody waits for
        // his figures any more.
        apply(&mut plan, Edit::SetMemberActive(KEN, false)).unwrap();
        assert_eq!(plan.entries.entered_total(calls, week()), Some(500));
        let review = daily_review(&plan, friday);
        assert_eq!(review.not_entered_today, [MIO]);
        assert!(review
            .table
            .rows
            .iter()
            .any(|r| r.counter == Counter::Member(KEN)));
        // A Monday reads beside the Friday before.
        let monday = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        let review = daily_review(&plan, monday);
        assert_eq!(review.previous_day, friday);
        assert_eq!(review.table.rows[0].values, [None, None, None]);
        assert_eq!(
            review.table.rows[0].previous,
            [Some(40.0), Some(10.0), Some(0.25)]
        );
        // A week later his row is gone; Aya and Mio are still expected.
        let later = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let review = daily_review(&plan, later);
        assert_eq!(review.not_entered_today, [AYA, MIO]);
        let counters: Vec<Counter> = review.table.rows.iter().map(|r| r.counter).collect();
        assert_eq!(counters, [Counter::Member(AYA), Counter::Member(MIO)]);
    }

    #[test]
    fn switching_a_metric_back_to_one_total_keeps_every_figure_and_undoes() {
        let (mut plan, calls, _) = team();
        // Typed for no member, on a day members counted too: it adds up.
        apply(&mut plan, Edit::SetEntry(calls, day(9), Some(7))).unwrap();
        assert_eq!(plan.entries.cell(calls, day(9)).total(), Some(127));
        assert_eq!(
            plan.cell_of(Counter::Unassigned, calls, day(9)).total(),
            Some(7)
        );
        assert_eq!(
            plan.cell_of(Counter::Member(KEN), calls, day(9)).total(),
            Some(30)
        );
        assert_eq!(
            plan.breakdown(calls, day(9)),
            [
                (Counter::Member(AYA), 40),
                (Counter::Member(KEN), 30),
                (Counter::Member(MIO), 50),
                (Counter::Unassigned, 7)
            ]
        );
        let before = plan.clone();
        let undo = apply(&mut plan, Edit::SetPerMember(calls, false)).unwrap();
        assert_eq!(plan.entries, before.entries, "the totals stay");
        assert!(plan.member_entries.parts(calls).is_none());
        assert_eq!(
            plan.cell_of(Counter::Member(KEN), calls, day(9)),
            Default::default()
        );
        assert_eq!(
            apply(&mut plan, Edit::SetMemberEntry(KEN, calls, day(9), Some(1))),
            Err(EditError::NotCountedPerMember)
        );
        format::validate(&plan).unwrap();
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, before);
    }

    #[test]
    fn pasting_in_a_members_view_sets_their_figures() {
        let (mut plan, calls, contacts) = team();
        let days: Vec<Period> = week().periods().collect();
        let rows = [calls, contacts];
        let block = parse_block("41\t42\n11\t12\n");
        let paste = plan_paste(&plan, Counter::Member(AYA), &rows, &days, (0, 0), &block).unwrap();
        assert_eq!(paste.overwritten().count(), 4);
        let before = plan.clone();
        let undo = apply(&mut plan, paste.edit()).unwrap();
        assert_eq!(
            plan.cell_of(Counter::Member(AYA), calls, day(10)).total(),
            Some(42)
        );
        // Aya: 1 and 2 more calls, 1 and 2 more contacts on Monday and Tuesday.
        assert_eq!(plan.entries.entered_total(calls, week()), Some(503));
        assert_eq!(plan.entries.entered_total(contacts, week()), Some(128));
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, before);
        // The team's view does not type over the members' sums, and a
        // member's view does not type a metric counted for the team.
        let team_paste = plan_paste(&plan, Counter::Team, &rows, &days, (0, 0), &block);
        assert_eq!(team_paste, Err(PasteError::DoesNotFit));
        let spend = [named(&plan, "Ad spend")];
        let member_paste = plan_paste(&plan, Counter::Member(AYA), &spend, &days, (0, 0), &block);
        assert_eq!(member_paste, Err(PasteError::DoesNotFit));
    }

    #[test]
    fn members_with_figures_are_made_inactive_not_removed() {
        let (mut plan, calls, contacts) = team();
        assert_eq!(
            apply(&mut plan, Edit::RemoveMember(MIO)),
            Err(EditError::MemberHasCounts(6))
        );
        for d in 9..12 {
            for metric in [calls, contacts] {
                apply(&mut plan, Edit::SetMemberEntry(MIO, metric, day(d), None)).unwrap();
            }
        }
        apply(&mut plan, Edit::RemoveMember(MIO)).unwrap();
        assert_eq!(plan.entries.entered_total(calls, week()), Some(350));
        format::validate(&plan).unwrap();
    }

    #[test]
    fn a_members_figure_that_overlaps_anothers_is_refused() {
        let (mut plan, calls, _) = team();
        let before = plan.clone();
        let whole_week = Period::containing(Granularity::Week, week().start());
        // The members' days are in the week: a week figure typed for no
        // member would overlap them, and that view says so before typing.
        assert_eq!(
            plan.refusal_for(Counter::Unassigned, calls, whole_week),
            Some(EntryRefused::Summed)
        );
        assert!(!plan.can_type(Counter::Unassigned, calls, whole_week));
        assert!(plan.can_type(Counter::Member(AYA), calls, day(14)));
        assert!(!plan.can_type(Counter::Team, calls, day(14)));
        assert_eq!(
            apply(
                &mut plan,
                Edit::SetMemberEntry(AYA, calls, whole_week, Some(200))
            ),
            Err(EditError::EntryRefused(EntryRefused::Summed))
        );
        assert_eq!(plan, before);
        // Each part is in bounds, their sum is not.
        let big = crate::domain::number::MAX_ENTRY - 10;
        assert_eq!(
            apply(
                &mut plan,
                Edit::SetMemberEntry(AYA, calls, day(9), Some(big))
            ),
            Err(EditError::ValueTooLarge)
        );
        assert_eq!(plan, before);
    }

    #[test]
    fn rescaling_to_money_rescales_each_part_and_undoes() {
        let (mut plan, calls, _) = team();
        let before = plan.clone();
        let undo = apply(&mut plan, Edit::SetMetricKind(calls, MetricKind::Money)).unwrap();
        format::validate(&plan).unwrap();
        assert_eq!(
            plan.entered_total_of(Counter::Member(AYA), calls, week()),
            Some(200 * 100)
        );
        assert_eq!(plan.entries.entered_total(calls, week()), Some(500 * 100));
        apply(&mut plan, undo).unwrap();
        assert_eq!(plan, before);
        // Replayed after another tab counted calls for the team again, the
        // undo would bring back members' figures of a metric no longer
        // counted per member: refused, and nothing changes.
        let undo = apply(&mut plan, Edit::SetMetricKind(calls, MetricKind::Money)).unwrap();
        apply(&mut plan, Edit::SetPerMember(calls, false)).unwrap();
        let before = plan.clone();
        assert_eq!(apply(&mut plan, undo), Err(EditError::CountsChanged));
        assert_eq!(plan, before);
    }

    /// A figure to set: whose (a member or none), which metric, where, what.
    fn figure() -> impl Strategy<Value = (usize, bool, usize, u64, Option<u64>)> {
        (
            0..4_usize,
            any::<bool>(),
            0..3_usize,
            0..40_u64,
            prop::option::of(0..1000_u64),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        /// Whatever the members and the team type, at any granularity, the
        /// totals over any range are the sum of the parts, and undoing
        /// everything gives the start.
        #[test]
        fn totals_are_always_the_sum_of_the_parts(
            figures in prop::collection::vec(figure(), 1..60),
            first in 0..40_u64,
            length in 1..6_usize,
        ) {
            let (start, calls, contacts) = team();
            let mut plan = start.clone();
            let mut undo = Vec::new();
            for (who, second, granularity, offset, value) in figures {
                let metric = if second { contacts } else { calls };
                let date = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap() + chrono::Days::new(offset);
                let period = Period::containing(Granularity::ALL[granularity], date);
                let edit = match [AYA, KEN, MIO].get(who) {
                    Some(member) => Edit::SetMemberEntry(*member, metric, period, value),
                    None => Edit::SetEntry(metric, period, value),
                };
                let before = plan.clone();
                match apply(&mut plan, edit) {
                    Ok(inverse) => undo.push(inverse),
                    Err(_) => prop_assert_eq!(&plan, &before),
                }
            }
            prop_assert!(format::validate(&plan).is_ok());
            let date = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap() + chrono::Days::new(first);
            for granularity in Granularity::ALL {
                let range = PeriodRange::new(Period::containing(granularity, date), length);
                for metric in [calls, contacts] {
                    let parts: Vec<u64> = [Counter::Unassigned, Counter::Member(AYA), Counter::Member(KEN), Counter::Member(MIO)]
                        .into_iter()
                        .filter_map(|c| plan.entered_total_of(c, metric, range))
                        .collect();
                    let sum = (!parts.is_empty()).then(|| parts.iter().sum::<u64>());
                    prop_assert_eq!(plan.entries.entered_total(metric, range), sum);
                }
            }
            for inverse in undo.into_iter().rev() {
                prop_assert!(apply(&mut plan, inverse).is_ok());
            }
            prop_assert_eq!(plan, start);
        }
    }
}
