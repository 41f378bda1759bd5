//! Working days, Japan's national holidays, and the pace to month end.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{month_start, Holiday};
use crate::domain::month::Month;

/// Monday to Friday, and not one of the plan's holidays.
pub fn is_working_day(day: NaiveDate, holidays: &[Holiday]) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        && holidays.binary_search(&Holiday(day)).is_err()
}

/// The last working day before `day` (a Monday's is the Friday before),
/// looked for over two weeks; else the day before.
pub fn previous_working_day(day: NaiveDate, holidays: &[Holiday]) -> NaiveDate {
    std::iter::successors(day.pred_opt(), |d| d.pred_opt())
        .take(14)
        .find(|d| is_working_day(*d, holidays))
        .or_else(|| day.pred_opt())
        .unwrap_or(day)
}

/// The month's working days: Monday to Friday, holidays excluded.
pub fn working_days(month: Month, holidays: &[Holiday]) -> Vec<NaiveDate> {
    month_start(month)
        .iter_days()
        .take_while(|d| d.month() == month.month())
        .filter(|d| is_working_day(*d, holidays))
        .collect()
}

/// Where a volume stands against what the month needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub so_far: u64,
    pub required: u64,
    pub working_days: u32,
    /// Working days before today.
    pub worked: u32,
    /// Working days from today (included) to month end.
    pub remaining: u32,
    /// At the pace of the days worked, the month ends at this many; known
    /// once a working day has passed.
    pub projected: Option<u64>,
    /// Still needed per remaining working day, rounded up; `None` when no
    /// working day remains and some is still needed.
    pub per_day: Option<u64>,
}

impl Pace {
    pub fn on_pace(&self) -> Option<bool> {
        self.projected.map(|p| p >= self.required)
    }
}

/// The pace of `so_far` towards `required` in `month`, seen on `today`:
/// today is still to be worked, so it counts among the remaining days.
pub fn pace(
    required: u64,
    so_far: u64,
    month: Month,
    today: NaiveDate,
    holidays: &[Holiday],
) -> Pace {
    let days = working_days(month, holidays);
    let worked = days.iter().filter(|d| **d < today).count() as u32;
    let total = days.len() as u32;
    let remaining = total - worked;
    let projected = (worked > 0).then(|| {
        let at_pace = u128::from(so_far) * u128::from(total) / u128::from(worked);
        u64::try_from(at_pace).unwrap_or(u64::MAX)
    });
    let missing = required.saturating_sub(so_far);
    let per_day = if missing == 0 {
        Some(0)
    } else {
        (remaining > 0).then(|| missing.div_ceil(u64::from(remaining)))
    };
    Pace {
        so_far,
        required,
        working_days: total,
        worked,
        remaining,
        projected,
        per_day,
    }
}

/// Japan's national holidays in `year` (国民の祝日に関する法律, the rules in
/// force since 2020; the equinoxes by the standard formula, good from 1980
/// to 2099), with substitute holidays for those on a Sunday and a weekday
/// between two holidays.
pub fn japanese_holidays(year: i32) -> Vec<NaiveDate> {
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let monday = |m: u32, n: u8| NaiveDate::from_weekday_of_month_opt(year, m, Weekday::Mon, n);
    let since_1980 = f64::from(year - 1980);
    let leap_days = f64::from((year - 1980).div_euclid(4));
    let equinox = |base: f64| (base + 0.242194 * since_1980 - leap_days).floor() as u32;
    let named = [
        day(1, 1),
        monday(1, 2),
        day(2, 11),
        day(2, 23),
        day(3, equinox(20.8431)),
        day(4, 29),
        day(5, 3),
        day(5, 4),
        day(5, 5),
        monday(7, 3),
        day(8, 11),
        monday(9, 3),
        day(9, equinox(23.2488)),
        monday(10, 2),
        day(11, 3),
        day(11, 23),
    ];
    // In date order already; the few days added are put in place.
    let mut days: Vec<NaiveDate> = named.into_iter().flatten().collect();
    let add = |days: &mut Vec<NaiveDate>, day: NaiveDate| {
        if let Err(at) = days.binary_search(&day) {
            days.insert(at, day);
        }
    };
    for holiday in named.into_iter().flatten() {
        // A day between two holidays is a holiday (September's "silver
        // week"), unless it is a Sunday.
        let between = holiday.succ_opt().filter(|d| d.weekday() != Weekday::Sun);
        let after = holiday.checked_add_days(chrono::Days::new(2));
        if let (Some(between), Some(after)) = (between, after) {
            if days.binary_search(&after).is_ok() {
                add(&mut days, between);
            }
        }
    }
    for holiday in named.into_iter().flatten() {
        if holiday.weekday() == Weekday::Sun {
            // The next day that is not a holiday.
            let substitute = holiday
                .iter_days()
                .skip(1)
                .find(|d| days.binary_search(d).is_err());
            if let Some(substitute) = substitute {
                add(&mut days, substitute);
            }
        }
    }
    days
}
