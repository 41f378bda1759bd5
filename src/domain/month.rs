//! A calendar month, the period counts are entered for. Stored as `"YYYY-MM"`
//! so plan files stay readable and sort by time.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
// Written as text by hand (below).
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    schemars(with = "String", extend("pattern" = crate::domain::format::schema::MONTH))
)]
pub struct Month {
    year: i32,
    month: u32,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum MonthError {
    #[error("a month is written YYYY-MM, got {0:?}")]
    Malformed(String),
    #[error("month {0} is not between 1 and 12")]
    OutOfRange(u32),
}

impl Month {
    pub fn new(year: i32, month: u32) -> Result<Month, MonthError> {
        if (1..=12).contains(&month) && (1..=9999).contains(&year) {
            Ok(Month { year, month })
        } else {
            Err(MonthError::OutOfRange(month))
        }
    }

    /// The nearest valid month: January of year 1 to December of 9999.
    pub fn clamped(year: i32, month: u32) -> Month {
        match year {
            ..=0 => Month { year: 1, month: 1 },
            10_000.. => Month {
                year: 9999,
                month: 12,
            },
            _ => Month {
                year,
                month: month.clamp(1, 12),
            },
        }
    }

    /// The month `n` months later (earlier when negative), within the
    /// calendar the app supports.
    pub fn offset(self, n: i32) -> Month {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
        Month::clamped(year, (index.rem_euclid(12) + 1) as u32)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = MonthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let malformed = || MonthError::Malformed(s.to_owned());
        let (year, month) = s.split_once('-').ok_or_else(malformed)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(malformed());
        }
        let year = year.parse().map_err(|_| malformed())?;
        let month = month.parse().map_err(|_| malformed())?;
        Month::new(year, month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_yyyy_mm() {
        let november = Month::new(2026, 11).unwrap();
        assert_eq!(november.to_string(), "2026-11");
        assert_eq!("2026-11".parse::<Month>(), Ok(november));
        assert_eq!("0987-01".parse::<Month>().unwrap().to_string(), "0987-01");
    }

    #[test]
    fn rejects_malformed_months() {
        for bad in [
            "", "2026", "2026-1", "2026-13", "2026-00", "26-11", "2026/11", "abcd-ef",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn clamped_months_are_always_valid() {
        assert_eq!(Month::clamped(2026, 11), Month::new(2026, 11).unwrap());
        assert_eq!(Month::clamped(2026, 0).to_string(), "2026-01");
        assert_eq!(Month::clamped(-5, 99).to_string(), "0001-01");
        assert_eq!(Month::clamped(0, 12), Month::clamped(1, 1), "order is kept");
        assert_eq!(Month::clamped(12_000, 1).to_string(), "9999-12");
    }

    #[test]
    fn months_move_across_years_and_stop_at_the_ends() {
        let november = Month::new(2026, 11).unwrap();
        assert_eq!(november.offset(2).to_string(), "2027-01");
        assert_eq!(november.offset(-11).to_string(), "2025-12");
        assert_eq!(november.offset(-30_000).to_string(), "0001-01");
        assert_eq!(november.offset(i32::MAX).to_string(), "9999-12");
    }

    #[test]
    fn months_sort_by_time() {
        let dec = Month::new(2025, 12).unwrap();
        let jan = Month::new(2026, 1).unwrap();
        assert!(dec < jan);
    }
}
