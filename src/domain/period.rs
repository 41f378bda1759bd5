//! Periods counts are entered and viewed in: days, ISO weeks (Monday
//! start) and months, and ranges of them.

use chrono::{Datelike, Duration, Months, NaiveDate};

use serde::{Deserialize, Serialize};

use super::month::Month;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
// As `key` spells them, for mappings remembered in storage.
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    #[default]
    Week,
    Month,
}

/// Reads a day written as `YYYY-MM-DD` (how files store days). Written by
/// hand: chrono's general parser would add kilobytes to every download.
pub fn parse_iso_day(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number =
        |range: std::ops::Range<usize>| parse_digits(text.get(range.clone())?, range.len());
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// Serde for a day as `YYYY-MM-DD`, through `parse_iso_day`.
pub mod iso_day {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        // Owned: a plan decoded through a JSON value has no text to borrow.
        let text = String::deserialize(deserializer)?;
        super::parse_iso_day(&text).ok_or_else(|| D::Error::custom("a day is written YYYY-MM-DD"))
    }

    /// The same for a day that may be absent.
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer};

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<NaiveDate>, D::Error> {
            #[derive(Deserialize)]
            struct Day(#[serde(deserialize_with = "super::deserialize")] NaiveDate);
            Ok(Option::<Day>::deserialize(deserializer)?.map(|Day(day)| day))
        }
    }
}

impl Granularity {
    pub const ALL: [Granularity; 3] = [Granularity::Day, Granularity::Week, Granularity::Month];

    pub fn key(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
        }
    }

    pub fn from_key(key: &str) -> Option<Granularity> {
        Granularity::ALL.into_iter().find(|g| g.key() == key)
    }
}

/// One day, ISO week or month, identified by its first day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    granularity: Granularity,
    start: NaiveDate,
}

impl Period {
    /// The period of the given granularity that contains `date`.
    pub fn containing(granularity: Granularity, date: NaiveDate) -> Period {
        let start = match granularity {
            Granularity::Day => date,
            Granularity::Week => date
                .checked_sub_signed(Duration::days(i64::from(
                    date.weekday().num_days_from_monday(),
                )))
                .unwrap_or(date),
            Granularity::Month => date.with_day(1).unwrap_or(date),
        };
        Period { granularity, start }
    }

    pub fn granularity(self) -> Granularity {
        self.granularity
    }

    /// The first day of the period.
    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// The first day after the period (the period itself at the end of
    /// the calendar, where there is no day after).
    pub fn end(self) -> NaiveDate {
        let end = match self.granularity {
            Granularity::Day => self.start.checked_add_signed(Duration::days(1)),
            Granularity::Week => self.start.checked_add_signed(Duration::days(7)),
            Granularity::Month => self.start.checked_add_months(Months::new(1)),
        };
        end.unwrap_or(self.start)
    }

    /// The last day of the period.
    pub fn last_day(self) -> NaiveDate {
        self.end().pred_opt().unwrap_or(self.start).max(self.start)
    }

    pub fn next(self) -> Period {
        self.offset(1)
    }

    pub fn previous(self) -> Period {
        self.offset(-1)
    }

    /// The period `n` steps later (earlier when negative); at the limits of
    /// the calendar it stays where it is rather than fail.
    pub fn offset(self, n: i64) -> Period {
        let start = match self.granularity {
            Granularity::Day => {
                Duration::try_days(n).and_then(|d| self.start.checked_add_signed(d))
            }
            Granularity::Week => {
                Duration::try_weeks(n).and_then(|d| self.start.checked_add_signed(d))
            }
            Granularity::Month => {
                let months = Months::new(u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX));
                if n >= 0 {
                    self.start.checked_add_months(months)
                } else {
                    self.start.checked_sub_months(months)
                }
            }
        };
        Period {
            granularity: self.granularity,
            start: start.unwrap_or(self.start),
        }
    }

    /// The day that decides which month a period belongs to: the day itself,
    /// a week's Thursday (as ISO weeks do for years), a month's 15th.
    pub fn anchor(self) -> NaiveDate {
        let anchor = match self.granularity {
            Granularity::Day => Some(self.start),
            Granularity::Week => self.start.checked_add_signed(Duration::days(3)),
            Granularity::Month => self.start.with_day(15),
        };
        anchor.unwrap_or(self.start)
    }

    /// The month whose targets apply to the period.
    pub fn month(self) -> Month {
        let anchor = self.anchor();
        Month::clamped(anchor.year(), anchor.month())
    }

    /// ISO year and week number, for week labels ("2026-W48").
    pub fn iso_week(self) -> (i32, u32) {
        let week = self.start.iso_week();
        (week.year(), week.week())
    }

    /// A week across a month boundary (it counts in its Thursday's month).
    pub fn spans_two_months(self) -> bool {
        self.start.month() != self.last_day().month()
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end()
    }

    /// How files name the period: `2026-11-03` a day, `2026-W45` an ISO
    /// week, `2026-11` a month.
    pub fn file_key(self) -> String {
        match self.granularity {
            Granularity::Day => self.start.to_string(),
            Granularity::Week => {
                let (year, week) = self.iso_week();
                format!("{year:04}-W{week:02}")
            }
            Granularity::Month => self.month().to_string(),
        }
    }

    /// Reads what [`Period::file_key`] writes, and nothing else.
    pub fn from_file_key(text: &str) -> Option<Period> {
        let (granularity, start) = match text.len() {
            10 => (Granularity::Day, parse_iso_day(text)?),
            8 => {
                let (year, week) = text.split_once("-W")?;
                let year = parse_digits(year, 4)?;
                let week = parse_digits(week, 2)?;
                let monday = NaiveDate::from_isoywd_opt(year as i32, week, chrono::Weekday::Mon)?;
                (Granularity::Week, monday)
            }
            7 => (Granularity::Month, parse_iso_day(&format!("{text}-01"))?),
            _ => return None,
        };
        Some(Period { granularity, start })
    }
}

/// Exactly `len` ASCII digits as a number.
fn parse_digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len).then_some(())?;
    text.bytes().try_fold(0_u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// The most periods a range may hold per granularity (days, weeks,
/// months): three years by week or month, a year and a month by day.
pub const MAX_PERIODS: [usize; 3] = [400, 160, 36];

/// Consecutive periods of one granularity, oldest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PeriodRange {
    first: Period,
    len: usize,
}

/// The ranges offered in the range selector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum RangePreset {
    /// This month and the two before it.
    #[default]
    Last3Months,
    /// The days of the month containing today.
    ThisMonthDaily,
    /// The ISO weeks that overlap this quarter.
    ThisQuarterWeekly,
    Last12Weeks,
    Last12Months,
    /// The month containing today.
    ThisMonth,
    /// The month before it.
    LastMonth,
}

impl RangePreset {
    pub const ALL: [RangePreset; 7] = [
        RangePreset::ThisMonth,
        RangePreset::LastMonth,
        RangePreset::Last3Months,
        RangePreset::ThisMonthDaily,
        RangePreset::ThisQuarterWeekly,
        RangePreset::Last12Weeks,
        RangePreset::Last12Months,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RangePreset::Last3Months => "last-3-months",
            RangePreset::ThisMonthDaily => "this-month-daily",
            RangePreset::ThisQuarterWeekly => "this-quarter-weekly",
            RangePreset::Last12Weeks => "last-12-weeks",
            RangePreset::Last12Months => "last-12-months",
            RangePreset::ThisMonth => "this-month",
            RangePreset::LastMonth => "last-month",
        }
    }

    pub fn from_key(key: &str) -> Option<RangePreset> {
        RangePreset::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn range(self, today: NaiveDate) -> PeriodRange {
        match self {
            RangePreset::Last3Months => {
                PeriodRange::ending_at(Period::containing(Granularity::Month, today), 3)
            }
            RangePreset::ThisMonthDaily => {
                let month = Period::containing(Granularity::Month, today);
                PeriodRange::covering(Granularity::Day, month.start(), month.last_day())
            }
            RangePreset::ThisQuarterWeekly => {
                let quarter_start_month = (today.month0() / 3) * 3 + 1;
                let start =
                    NaiveDate::from_ymd_opt(today.year(), quarter_start_month, 1).unwrap_or(today);
                let end = start + Months::new(3) - Duration::days(1);
                PeriodRange::covering(Granularity::Week, start, end)
            }
            RangePreset::Last12Weeks => {
                PeriodRange::ending_at(Period::containing(Granularity::Week, today), 12)
            }
            RangePreset::Last12Months => {
                PeriodRange::ending_at(Period::containing(Granularity::Month, today), 12)
            }
            RangePreset::ThisMonth => {
                PeriodRange::new(Period::containing(Granularity::Month, today), 1)
            }
            RangePreset::LastMonth => {
                PeriodRange::new(Period::containing(Granularity::Month, today).previous(), 1)
            }
        }
    }
}

/// The range the user chose, as remembered across reloads: a preset stays
/// relative to the day the app opens ("this month" moves on), a range set
/// by hand stays where it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeChoice {
    Preset(RangePreset),
    Custom(PeriodRange),
}

impl RangeChoice {
    /// `last-3-months`, or `week 2026-08-31 2026-11-29` for a custom range.
    pub fn to_text(self) -> String {
        match self {
            RangeChoice::Preset(preset) => preset.key().to_owned(),
            RangeChoice::Custom(range) => format!(
                "{} {} {}",
                range.granularity().key(),
                range.start(),
                range.last().last_day()
            ),
        }
    }

    /// Reads `to_text`'s words; anything else, or a range no grid can
    /// show (see `PeriodRange::picked`), is `None`.
    pub fn from_text(text: &str, today: NaiveDate) -> Option<RangeChoice> {
        if let Some(preset) = RangePreset::from_key(text) {
            return Some(RangeChoice::Preset(preset));
        }
        let mut words = text.split(' ');
        let granularity = Granularity::from_key(words.next()?)?;
        let from = parse_iso_day(words.next()?)?;
        let to = parse_iso_day(words.next()?)?;
        if words.next().is_some() {
            return None;
        }
        PeriodRange::picked(granularity, from, to, today).map(RangeChoice::Custom)
    }

    pub fn range(self, today: NaiveDate) -> PeriodRange {
        match self {
            RangeChoice::Preset(preset) => preset.range(today),
            RangeChoice::Custom(range) => range,
        }
    }
}

impl PeriodRange {
    pub fn new(first: Period, len: usize) -> PeriodRange {
        PeriodRange {
            first,
            len: len.max(1),
        }
    }

    /// `len` periods ending with (and including) `last`.
    pub fn ending_at(last: Period, len: usize) -> PeriodRange {
        let len = len.max(1);
        PeriodRange::new(last.offset(1 - len as i64), len)
    }

    /// The periods of `granularity` from the one containing `from` to the
    /// one containing `to`.
    pub fn covering(granularity: Granularity, from: NaiveDate, to: NaiveDate) -> PeriodRange {
        let first = Period::containing(granularity, from.min(to));
        let last = Period::containing(granularity, from.max(to));
        let mut len = 1;
        let mut period = first;
        while period != last && len < 10_000 {
            period = period.next();
            len += 1;
        }
        PeriodRange::new(first, len)
    }

    pub fn granularity(self) -> Granularity {
        self.first.granularity()
    }

    pub fn period_count(self) -> usize {
        self.len
    }

    pub fn first(self) -> Period {
        self.first
    }

    pub fn last(self) -> Period {
        self.first.offset(self.len as i64 - 1)
    }

    pub fn periods(self) -> impl Iterator<Item = Period> {
        (0..self.len as i64).map(move |i| self.first.offset(i))
    }

    /// The same range shown at another granularity: the periods whose
    /// anchor day lies in it (at least the one holding its middle), so that
    /// switching back and forth never widens the range.
    pub fn with_granularity(self, granularity: Granularity) -> PeriodRange {
        let (start, last_day) = (self.start(), self.last().last_day());
        let mut first = Period::containing(granularity, start);
        if first.anchor() < start {
            first = first.next();
        }
        let mut last = Period::containing(granularity, last_day);
        if last.anchor() > last_day {
            last = last.previous();
        }
        if first > last {
            let middle = start + (last_day - start) / 2;
            let only = Period::containing(granularity, middle);
            return PeriodRange::new(only, 1);
        }
        PeriodRange::covering(granularity, first.start(), last.start())
    }

    /// The range just before this one, for comparisons and the ◀ button.
    /// Days or weeks that make up whole months move by months.
    pub fn previous(self) -> PeriodRange {
        self.shifted(-1)
    }

    pub fn next(self) -> PeriodRange {
        self.shifted(1)
    }

    /// The months a range of days spans exactly (a month viewed by day),
    /// or `None`.
    pub fn months_it_spans(self) -> Option<PeriodRange> {
        let months =
            PeriodRange::covering(Granularity::Month, self.start(), self.last().last_day());
        (self.granularity() == Granularity::Day
            && months.start() == self.start()
            && months.end() == self.end())
        .then_some(months)
    }

    /// The range a user picked from one day to another in a view, or
    /// `None` for one no grid can show: more than `MAX_PERIODS` periods of
    /// the view, or days beyond 50 years from `today` (a year half typed).
    pub fn picked(
        granularity: Granularity,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Option<PeriodRange> {
        let near = |day: NaiveDate| (day - today).num_days().abs() <= 50 * 366;
        if from > to || !near(from) || !near(to) {
            return None;
        }
        let range = PeriodRange::covering(granularity, from, to);
        (range.period_count() <= MAX_PERIODS[granularity as usize]).then_some(range)
    }

    fn shifted(self, direction: i64) -> PeriodRange {
        if let Some(months) = self.months_it_spans() {
            let shifted = PeriodRange::new(
                months.first().offset(direction * months.len as i64),
                months.len,
            );
            return PeriodRange::covering(
                Granularity::Day,
                shifted.start(),
                shifted.last().last_day(),
            );
        }
        PeriodRange::new(self.first.offset(direction * self.len as i64), self.len)
    }

    pub fn start(self) -> NaiveDate {
        self.first.start()
    }

    pub fn end(self) -> NaiveDate {
        self.last().end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn iso_days_read_as_chrono_writes_them_and_nothing_else() {
        for day in [
            date(2026, 11, 24),
            date(1, 1, 1),
            date(9999, 12, 31),
            date(2024, 2, 29),
        ] {
            assert_eq!(parse_iso_day(&day.to_string()), Some(day));
        }
        for bad in [
            "2026-13-01",
            "2025-02-29",
            "+10000-11-01",
            "2026-1-01",
            "2026/11/01",
            "",
            "２０２６-11-01",
            "2026-11-0a",
        ] {
            assert_eq!(parse_iso_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn weeks_start_on_monday_and_cross_month_and_year_boundaries() {
        // Sunday 2026-11-01 belongs to the week of Monday 2026-10-26.
        let week = Period::containing(Granularity::Week, date(2026, 11, 1));
        assert_eq!(week.start(), date(2026, 10, 26));
        assert_eq!(week.end(), date(2026, 11, 2));
        assert_eq!(week.iso_week(), (2026, 44));
        // Friday 2027-01-01 is in ISO week 53 of 2026.
        let week53 = Period::containing(Granularity::Week, date(2027, 1, 1));
        assert_eq!(week53.start(), date(2026, 12, 28));
        assert_eq!(week53.iso_week(), (2026, 53));
        assert_eq!(week53.next().iso_week(), (2027, 1));
    }

    #[test]
    fn months_have_their_own_lengths() {
        let feb = Period::containing(Granularity::Month, date(2028, 2, 17));
        assert_eq!(feb.start(), date(2028, 2, 1));
        assert_eq!(feb.last_day(), date(2028, 2, 29));
        assert_eq!(feb.previous().start(), date(2028, 1, 1));
        assert_eq!(feb.offset(-14).start(), date(2026, 12, 1));
        assert_eq!(feb.offset(11).start(), date(2029, 1, 1));
        assert_eq!(feb.month(), Month::new(2028, 2).unwrap());
    }

    #[test]
    fn presets_pick_the_expected_periods() {
        let today = date(2026, 11, 24);
        let days = RangePreset::ThisMonthDaily.range(today);
        assert_eq!(
            (days.granularity(), days.period_count()),
            (Granularity::Day, 30)
        );
        assert_eq!(days.start(), date(2026, 11, 1));

        let quarter = RangePreset::ThisQuarterWeekly.range(today);
        assert_eq!(quarter.granularity(), Granularity::Week);
        assert_eq!(
            quarter.start(),
            date(2026, 9, 28),
            "the week holding 1 October"
        );
        assert_eq!(quarter.last().iso_week(), (2026, 53));
        assert_eq!(quarter.period_count(), 14);

        let weeks = RangePreset::Last12Weeks.range(today);
        assert_eq!(weeks.period_count(), 12);
        assert_eq!(weeks.last().start(), date(2026, 11, 23));

        let recent = RangePreset::Last3Months.range(today);
        assert_eq!(
            (recent.granularity(), recent.period_count()),
            (Granularity::Month, 3)
        );
        assert_eq!(recent.start(), date(2026, 9, 1));

        let months = RangePreset::Last12Months.range(today);
        assert_eq!(months.first().start(), date(2025, 12, 1));
        assert_eq!(months.last().start(), date(2026, 11, 1));
    }

    #[test]
    fn ranges_move_by_their_length_and_change_granularity() {
        let range =
            PeriodRange::ending_at(Period::containing(Granularity::Month, date(2026, 11, 5)), 3);
        assert_eq!(range.start(), date(2026, 9, 1));
        assert_eq!(range.previous().start(), date(2026, 6, 1));
        assert_eq!(range.next().start(), date(2026, 12, 1));
        let weekly = range.with_granularity(Granularity::Week);
        assert_eq!(
            weekly.start(),
            date(2026, 8, 31),
            "its Thursday is 3 September"
        );
        assert_eq!(
            weekly.last().start(),
            date(2026, 11, 23),
            "the week of 30 November is December's"
        );
        let daily = range.with_granularity(Granularity::Day);
        assert_eq!(daily.period_count(), 30 + 31 + 30);
        assert_eq!(daily.periods().count(), daily.period_count());
        // Back and forth never widens the range.
        let mut round_trip = range;
        for granularity in [
            Granularity::Day,
            Granularity::Week,
            Granularity::Month,
            Granularity::Week,
            Granularity::Month,
        ] {
            round_trip = round_trip.with_granularity(granularity);
        }
        assert_eq!(round_trip, range);
    }

    #[test]
    fn a_month_of_days_moves_by_whole_months() {
        let november = RangePreset::ThisMonthDaily.range(date(2026, 11, 24));
        let october = november.previous();
        assert_eq!(
            (october.start(), october.period_count()),
            (date(2026, 10, 1), 31)
        );
        assert_eq!(november.next().start(), date(2026, 12, 1));
        assert_eq!(november.next().period_count(), 31);
    }

    #[test]
    fn the_calendar_limits_stop_movement_instead_of_failing() {
        let last = Period::containing(Granularity::Month, NaiveDate::MAX);
        assert_eq!(last.next(), last);
        assert_eq!(last.end(), last.start());
        let first = Period::containing(Granularity::Week, NaiveDate::MIN);
        assert_eq!(first.offset(-5), first);
        assert_eq!(
            Period::containing(Granularity::Day, NaiveDate::MIN)
                .offset(i64::MIN)
                .start(),
            NaiveDate::MIN
        );
    }

    #[test]
    fn weeks_belong_to_the_month_of_their_thursday() {
        let week = Period::containing(Granularity::Week, date(2026, 9, 28));
        assert_eq!(week.month(), Month::new(2026, 10).unwrap());
        assert_eq!(
            Period::containing(Granularity::Week, date(2026, 11, 30)).month(),
            Month::new(2026, 12).unwrap()
        );
    }

    #[test]
    fn this_and_last_month_are_one_month_each() {
        let today = date(2027, 1, 5);
        let this = RangePreset::ThisMonth.range(today);
        assert_eq!(
            (this.granularity(), this.period_count(), this.start()),
            (Granularity::Month, 1, date(2027, 1, 1))
        );
        let last = RangePreset::LastMonth.range(today);
        assert_eq!(
            (last.start(), last.last().last_day()),
            (date(2026, 12, 1), date(2026, 12, 31))
        );
    }

    #[test]
    fn a_chosen_range_is_remembered_as_text() {
        let custom = PeriodRange::covering(Granularity::Week, date(2026, 9, 2), date(2026, 11, 25));
        for choice in [
            RangeChoice::Preset(RangePreset::LastMonth),
            RangeChoice::Custom(custom),
        ] {
            assert_eq!(
                RangeChoice::from_text(&choice.to_text(), date(2026, 11, 24)),
                Some(choice)
            );
        }
        assert_eq!(
            RangeChoice::Custom(custom).to_text(),
            "week 2026-08-31 2026-11-29"
        );
        for bad in [
            "",
            "week",
            "week 2026-11-30 2026-11-01",
            "fortnight 2026-01-01 2026-02-01",
            "day 2026-01-01 2026-02-01 x",
            "day 0002-11-01 0030-01-01",
            "day 2020-01-01 2026-01-01",
        ] {
            assert_eq!(
                RangeChoice::from_text(bad, date(2026, 11, 24)),
                None,
                "{bad}"
            );
        }
    }

    #[test]
    fn keys_round_trip() {
        for g in Granularity::ALL {
            assert_eq!(Granularity::from_key(g.key()), Some(g));
        }
        for p in RangePreset::ALL {
            assert_eq!(RangePreset::from_key(p.key()), Some(p));
        }
    }
}
