use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const LEADS: MetricId = MetricId(7);

fn day(y: i32, m: u32, d: u32) -> Period {
    Period::containing(Granularity::Day, date(y, m, d))
}

fn week(y: i32, m: u32, d: u32) -> Period {
    Period::containing(Granularity::Week, date(y, m, d))
}

fn month(y: i32, m: u32) -> Period {
    Period::containing(Granularity::Month, date(y, m, 1))
}

fn one(period: Period) -> PeriodRange {
    PeriodRange::new(period, 1)
}

/// The cells of `range`, as the grid shows them.
fn cells(entries: &Entries, range: PeriodRange) -> Vec<Cell> {
    range.periods().map(|p| entries.cell(LEADS, p)).collect()
}

fn entered(figures: &[(Period, u64)]) -> Entries {
    let mut entries = Entries::default();
    for (period, value) in figures {
        entries.set(LEADS, *period, Some(*value)).unwrap();
    }
    entries
}

#[test]
fn a_month_figure_stays_a_month_figure_in_every_view() {
    let entries = entered(&[(month(2026, 11), 100)]);
    assert_eq!(entries.cell(LEADS, month(2026, 11)), Cell::Entered(100));
    assert_eq!(
        entries.entered_total(LEADS, one(month(2026, 11))),
        Some(100)
    );
    // Week view: November's weeks say whose figure holds them, none counts it.
    let weeks = PeriodRange::new(week(2026, 10, 26), 6);
    let covered = Cell::Covered {
        by: month(2026, 11),
        total: 100,
    };
    assert_eq!(
        cells(&entries, weeks),
        [
            Cell::Empty, // Oct 26 – Nov 1: its Thursday is in October
            covered,
            covered,
            covered,
            covered,
            Cell::Empty, // Nov 30 – Dec 6 is December's
        ]
    );
    assert_eq!(entries.entered_total(LEADS, one(week(2026, 11, 2))), None);
    // No spike on the 1st in the day view.
    assert_eq!(entries.cell(LEADS, day(2026, 11, 1)), covered);
    assert_eq!(entries.entered_total(LEADS, one(day(2026, 11, 1))), None);
    // Ranges count it when they hold the whole month, in any granularity.
    let november_by_day =
        PeriodRange::covering(Granularity::Day, date(2026, 11, 1), date(2026, 11, 30));
    assert_eq!(entries.entered_total(LEADS, november_by_day), Some(100));
    let quarter_by_week =
        PeriodRange::covering(Granularity::Week, date(2026, 9, 28), date(2027, 1, 3));
    assert_eq!(entries.entered_total(LEADS, quarter_by_week), Some(100));
    let twelve_weeks = PeriodRange::ending_at(week(2026, 11, 23), 12);
    assert_eq!(
        entries.entered_total(LEADS, twelve_weeks),
        Some(100),
        "Sep 7 – Nov 29 holds every week whose Thursday is in November"
    );
    let three_weeks = PeriodRange::ending_at(week(2026, 11, 23), 3);
    assert_eq!(
        entries.entered_total(LEADS, three_weeks),
        None,
        "part of November"
    );
    let fortnight = PeriodRange::covering(Granularity::Day, date(2026, 11, 1), date(2026, 11, 14));
    assert_eq!(entries.entered_total(LEADS, fortnight), None);
}

#[test]
fn weekly_figures_roll_up_into_the_month_of_their_thursday() {
    let entries = entered(&[
        (week(2026, 10, 26), 7), // Thursday Oct 29: October's
        (week(2026, 11, 2), 30),
        (week(2026, 11, 9), 20),
        (week(2026, 11, 30), 5), // Thursday Dec 3: December's
    ]);
    assert_eq!(
        cells(&entries, PeriodRange::new(month(2026, 10), 3)),
        [
            Cell::Sum {
                total: 7,
                weeks: 1,
                days: 0
            },
            Cell::Sum {
                total: 50,
                weeks: 2,
                days: 0
            },
            Cell::Sum {
                total: 5,
                weeks: 1,
                days: 0
            },
        ]
    );
    // The day view shows each week as a week, on none of its days.
    assert_eq!(
        entries.cell(LEADS, day(2026, 11, 1)),
        Cell::Covered {
            by: week(2026, 10, 26),
            total: 7
        }
    );
    let november_by_day =
        PeriodRange::covering(Granularity::Day, date(2026, 11, 1), date(2026, 11, 30));
    assert_eq!(
        entries.entered_total(LEADS, november_by_day),
        Some(50),
        "a month of days counts as the month"
    );
}

#[test]
fn daily_figures_roll_up_across_a_month_boundary() {
    // Friday 30 Oct to Tuesday 3 Nov 2026: one ISO week, two months.
    let entries = entered(&[
        (day(2026, 10, 30), 10),
        (day(2026, 10, 31), 20),
        (day(2026, 11, 2), 5),
        (day(2026, 11, 3), 7),
    ]);
    assert_eq!(
        entries.cell(LEADS, week(2026, 10, 30)),
        Cell::Sum {
            total: 30,
            weeks: 0,
            days: 2
        }
    );
    assert_eq!(entries.cell(LEADS, week(2026, 11, 2)).total(), Some(12));
    assert_eq!(entries.cell(LEADS, month(2026, 10)).total(), Some(30));
    assert_eq!(entries.cell(LEADS, month(2026, 11)).total(), Some(12));
    assert_eq!(entries.cell(LEADS, month(2026, 12)), Cell::Empty);
}

#[test]
fn iso_week_53_belongs_to_the_year_and_month_of_its_thursday() {
    let week53 = week(2027, 1, 1);
    assert_eq!(week53.iso_week(), (2026, 53));
    assert_eq!(week53.file_key(), "2026-W53");
    let entries = entered(&[(week53, 10)]);
    assert_eq!(
        entries.cell(LEADS, month(2026, 12)).total(),
        Some(10),
        "Thursday Dec 31"
    );
    assert_eq!(entries.cell(LEADS, month(2027, 1)), Cell::Empty);
    let split = entered(&[(day(2026, 12, 31), 4), (day(2027, 1, 3), 6)]);
    assert_eq!(split.cell(LEADS, week53).total(), Some(10));
    assert_eq!(split.cell(LEADS, month(2026, 12)).total(), Some(4));
    assert_eq!(split.cell(LEADS, month(2027, 1)).total(), Some(6));
}

#[test]
fn a_figure_that_would_overlap_another_granularity_is_refused() {
    let mut entries = entered(&[(month(2026, 11), 100)]);
    let before = entries.clone();
    assert_eq!(
        entries.set(LEADS, week(2026, 11, 2), Some(30)),
        Err(EntryRefused::Covered(month(2026, 11)))
    );
    assert_eq!(
        entries.set(LEADS, day(2026, 11, 30), Some(3)),
        Err(EntryRefused::Covered(month(2026, 11))),
        "Nov 30's week is December's, but the day is November's"
    );
    assert_eq!(entries, before, "a refusal changes nothing");
    // The week of Oct 26 counts in October: no overlap with November.
    assert_eq!(entries.set(LEADS, week(2026, 10, 26), Some(7)), Ok(None));

    // Asked and resolved: the month total goes, the weekly figures stand.
    assert_eq!(entries.set(LEADS, month(2026, 11), None), Ok(Some(100)));
    assert_eq!(entries.set(LEADS, week(2026, 11, 2), Some(30)), Ok(None));
    assert_eq!(
        entries.cell(LEADS, month(2026, 11)).total(),
        Some(30),
        "not 130"
    );
    assert_eq!(
        entries.set(LEADS, month(2026, 11), Some(100)),
        Err(EntryRefused::Summed)
    );
    assert_eq!(
        entries.set(LEADS, day(2026, 11, 3), Some(1)),
        Err(EntryRefused::Covered(week(2026, 11, 2)))
    );
    assert_eq!(
        entries.set(LEADS, week(2026, 11, 2), Some(31)),
        Ok(Some(30))
    );
    assert_eq!(entries.first_overlap(), None);
}

#[test]
fn an_entered_zero_differs_from_nothing_entered() {
    let mut entries = Entries::default();
    let november = one(month(2026, 11));
    assert_eq!(entries.entered_total(LEADS, november), None);
    entries.set(LEADS, day(2026, 11, 3), Some(0)).unwrap();
    assert_eq!(entries.entered_total(LEADS, november), Some(0));
    assert_eq!(entries.entered_total(LEADS, november.previous()), None);
    entries.set(LEADS, day(2026, 11, 3), None).unwrap();
    assert!(entries.is_empty());
}

#[test]
fn totals_saturate_instead_of_overflowing() {
    let entries = entered(&[(day(2026, 1, 1), u64::MAX), (day(2026, 1, 2), u64::MAX)]);
    assert_eq!(entries.range_total(LEADS, one(month(2026, 1))), u64::MAX);
}

#[test]
fn periods_have_file_keys_that_read_back() {
    for (period, key) in [
        (day(2026, 11, 3), "2026-11-03"),
        (week(2026, 11, 3), "2026-W45"),
        (month(2026, 11), "2026-11"),
        (week(2027, 1, 1), "2026-W53"),
    ] {
        assert_eq!(period.file_key(), key);
        assert_eq!(Period::from_file_key(key), Some(period));
    }
    for bad in [
        "2026-W54", "2025-W53", "2026-13", "2026-W4", "2026W45", "2026-1", "",
    ] {
        assert_eq!(Period::from_file_key(bad), None, "{bad}");
    }
}

#[test]
fn old_day_keyed_figures_are_read_as_they_were_typed() {
    let days: BTreeMap<NaiveDate, u64> = [
        (date(2026, 10, 1), 100), // alone in October: a month figure
        (date(2026, 11, 1), 5),   // Nov 1 with other November days: a day
        (date(2026, 11, 2), 6),   // Monday, not alone in its week
        (date(2026, 11, 3), 7),
        (date(2026, 11, 9), 30), // Monday alone in its week: a week figure
        (date(2026, 6, 29), 8),  // Monday alone, but Thursday is in July: a day
        (date(2026, 6, 16), 1),
    ]
    .into_iter()
    .collect();
    let counts = Counts::from_days(&days);
    let read: Vec<(Period, u64)> = counts.iter().collect();
    assert_eq!(
        read,
        [
            (day(2026, 6, 16), 1),
            (day(2026, 6, 29), 8),
            (day(2026, 11, 1), 5),
            (day(2026, 11, 2), 6),
            (day(2026, 11, 3), 7),
            (week(2026, 11, 9), 30),
            (month(2026, 10), 100),
        ]
    );
    // Month totals are what they were when every figure was a day's.
    let mut entries = Entries::default();
    entries.put_metric(LEADS, counts);
    assert_eq!(entries.first_overlap(), None);
    for (m, total) in [(6, 9), (7, 0), (10, 100), (11, 48)] {
        assert_eq!(
            entries.range_total(LEADS, one(month(2026, m))),
            total,
            "month {m}"
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn base() -> NaiveDate {
        date(2026, 9, 1)
    }

    /// Tries to set a figure at a random day, week or month; refusals are
    /// part of the test.
    fn attempts() -> impl Strategy<Value = Vec<(u8, i64, u64)>> {
        proptest::collection::vec((0_u8..3, 0_i64..240, 0_u64..1_000), 0..60)
    }

    fn try_all(attempts: &[(u8, i64, u64)]) -> (Entries, u64) {
        let mut entries = Entries::default();
        for (g, offset, value) in attempts {
            let period = Period::containing(
                Granularity::ALL[usize::from(*g)],
                base() + Duration::days(*offset),
            );
            let _ = entries.set(LEADS, period, Some(*value));
        }
        let sum = entries.figures().map(|(_, v)| v).sum();
        (entries, sum)
    }

    proptest! {
        /// Whatever was typed where, no figures overlap, and the months
        /// covering them count every figure exactly once.
        #[test]
        fn every_figure_counts_once_in_the_months(attempts in attempts()) {
            let (entries, sum) = try_all(&attempts);
            prop_assert_eq!(entries.first_overlap(), None);
            let months = PeriodRange::covering(Granularity::Month, base() - Duration::days(7), base() + Duration::days(250));
            let by_month: u64 = months.periods().map(|p| entries.cell(LEADS, p).total().unwrap_or(0)).sum();
            prop_assert_eq!(by_month, sum);
            prop_assert_eq!(entries.range_total(LEADS, months), sum);
        }

        /// A range's total is the sum of its cells plus the longer
        /// figures it holds whole: nothing is counted in two cells.
        #[test]
        fn cells_never_double_count(attempts in attempts(), weekly in any::<bool>()) {
            let (entries, _) = try_all(&attempts);
            let granularity = if weekly { Granularity::Week } else { Granularity::Day };
            let range = PeriodRange::covering(granularity, base() - Duration::days(7), base() + Duration::days(250));
            let in_cells: u64 = range.periods().map(|p| entries.cell(LEADS, p).total().unwrap_or(0)).sum();
            // A range of weeks holds a month when it holds all the weeks
            // whose Thursday is in it.
            let slack = Duration::days(if weekly { 3 } else { 0 });
            let held_whole: u64 = entries
                .figures()
                .filter(|(p, _)| p.granularity() > granularity)
                .filter(|(p, _)| range.start() - slack <= p.start() && p.end() - slack <= range.end())
                .map(|(_, v)| v)
                .sum();
            prop_assert_eq!(entries.range_total(LEADS, range), in_cells + held_whole);
        }
    }
}
