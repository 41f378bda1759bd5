//! Dates, months and weeks as spreadsheets and CRMs spell them in a cell.
//! Numbers are read by [`crate::domain::grid::parse_cell`], exactly as the
//! grid reads them.
//!
//! Read, with full-width digits too:
//! - days: `2026-09-01`, `2026/09/01`, `2026/9/1`, `2026.9.1`, `9/1/2026`
//!   (a slash date with the year last is the US month/day/year; the
//!   European day/month/year is not read), `2026年9月1日`; any of them
//!   followed by a time, as CRM exports add it (`2026-09-01 10:30`,
//!   `2026-09-01T10:30:00Z`, `9/1/2026 10:30 AM`), which is dropped: the
//!   day is the one written, whatever the time zone;
//! - months: `2026-09`, `2026/9`, `2026年9月`, `Sep 2026`, `September 2026`,
//!   `Sep-2026` and Excel's month format `Sep-26` (a month name, a hyphen,
//!   two digits: the year, never a day);
//! - ISO weeks as the export writes them: `2026-W45`.

use chrono::NaiveDate;

use crate::domain::grid::half_width;
use crate::domain::period::{Granularity, Period};
use crate::domain::plan::valid_entry_date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The day, month or ISO week a cell names; `None` when it names none.
pub fn read_period(text: &str) -> Option<Period> {
    let text: String = text.trim().chars().map(half_width).collect();
    let date = match text.split_once([' ', 'T']) {
        Some((date, time)) if is_time(time) => date,
        _ => &text,
    };
    let period = Period::from_file_key(date)
        .or_else(|| japanese(date))
        .or_else(|| numeric(date))
        .or_else(|| month_name(date))?;
    valid_entry_date(period.start()).then_some(period)
}

/// `10:30`, `10:30:00.000Z`, `10:30 AM`, `10:30:00+09:00`.
fn is_time(text: &str) -> bool {
    let text = text.trim();
    text.split_once(':')
        .is_some_and(|(hour, _)| number(hour, 2).is_some())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ":.+-Z APMapm".contains(c))
}

/// 1 to `max_digits` ASCII digits as a number.
fn number(text: &str, max_digits: usize) -> Option<u32> {
    (1..=max_digits).contains(&text.len()).then_some(())?;
    text.parse()
        .ok()
        .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
}

fn day(year: u32, month: u32, day: u32) -> Option<Period> {
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(Period::containing(Granularity::Day, date))
}

fn month(year: u32, month: u32) -> Option<Period> {
    let first = day(year, month, 1)?;
    Some(Period::containing(Granularity::Month, first.start()))
}

/// `2026年9月` and `2026年9月1日`.
fn japanese(text: &str) -> Option<Period> {
    let (year, rest) = text.split_once('年')?;
    let (month_number, rest) = rest.split_once('月')?;
    let (year, month_number) = (number(year.trim(), 4)?, number(month_number.trim(), 2)?);
    match rest.trim() {
        "" => month(year, month_number),
        rest => day(
            year,
            month_number,
            number(rest.strip_suffix('日')?.trim(), 2)?,
        ),
    }
}

/// `2026-9-1`, `2026/09/01`, `2026.9.1`, `9/1/2026`, `2026/09`.
fn numeric(text: &str) -> Option<Period> {
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let year_first = parts.first().is_some_and(|p| p.len() == 4);
    match parts.as_slice() {
        [y, m] if year_first => month(number(y, 4)?, number(m, 2)?),
        [y, m, d] if year_first => day(number(y, 4)?, number(m, 2)?, number(d, 2)?),
        [m, d, y] if separator == '/' && y.len() == 4 => {
            day(number(y, 4)?, number(m, 2)?, number(d, 2)?)
        }
        _ => None,
    }
}

/// `Sep 2026`, `September 2026`, `Sep-2026`, `Sep-26`.
fn month_name(text: &str) -> Option<Period> {
    let (name, year) = text.split_once([' ', '-'])?;
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let index = MONTHS
        .iter()
        .position(|full| name.len() >= 3 && full.starts_with(&name))?;
    let year = match year.trim() {
        // Excel's `mmm-yy`.
        two if two.len() == 2 && text.contains('-') => 2000 + number(two, 2)?,
        four => number(four, 4).filter(|_| four.len() == 4)?,
    };
    month(year, u32::try_from(index).ok()? + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(g: Granularity, y: i32, m: u32, d: u32) -> Option<Period> {
        Some(Period::containing(
            g,
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        ))
    }

    #[test]
    fn each_spelling_of_a_day_month_or_week() {
        use Granularity::*;
        let sep1 = on(Day, 2026, 9, 1);
        let sep = on(Month, 2026, 9, 1);
        let table: &[(&str, Option<Period>)] = &[
            ("2026-09-01", sep1),
            ("2026/09/01", sep1),
            ("2026/9/1", sep1),
            ("2026-9-1", sep1),
            ("2026.9.1", sep1),
            ("9/1/2026", sep1),
            ("09/01/2026", sep1),
            ("12/31/2026", on(Day, 2026, 12, 31)),
            ("2026年9月1日", sep1),
            ("2026年 9月 1日", sep1),
            ("２０２６年９月１日", sep1),
            ("２０２６／０９／０１", sep1),
            ("2026-09-01 10:30", sep1),
            ("2026/09/01 10:30:00", sep1),
            ("2026-09-01T10:30:00Z", sep1),
            ("2026-09-01T23:30:00.000+09:00", sep1),
            ("9/1/2026 10:30 AM", sep1),
            ("2026年9月1日 10:30", sep1),
            ("  2026-09-01  ", sep1),
            ("2026-09", sep),
            ("2026/09", sep),
            ("2026/9", sep),
            ("2026年9月", sep),
            ("Sep 2026", sep),
            ("sep 2026", sep),
            ("SEPT 2026", sep),
            ("Sept. 2026", sep),
            ("September 2026", sep),
            ("Sep-2026", sep),
            ("Sep-26", sep),
            ("2026-W45", on(Week, 2026, 11, 2)),
            // Refused: day/month/year, two-digit years, nonsense dates.
            ("31/12/2026", None),
            ("1/9/26", None),
            ("Sep 26", None),
            ("2026-02-30", None),
            ("2026-13", None),
            ("0000-01-01", None),
            ("2026-09-01 noon", None),
            ("Se 2026", None),
            ("Total", None),
            ("", None),
            ("2026", None),
            ("12345", None),
            ("1,234", None),
            ("2026-09-01-02", None),
            ("99999/1/1", None),
        ];
        for (text, expected) in table {
            assert_eq!(read_period(text), *expected, "{text:?}");
        }
    }
}
