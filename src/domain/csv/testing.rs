//! What the import's tests share.

use chrono::NaiveDate;

use super::read::{read_table, Table};
use crate::domain::ids::MetricId;
use crate::domain::period::{Granularity, Period};
use crate::domain::plan::Plan;

pub fn named(plan: &Plan, name: &str) -> MetricId {
    plan.metrics.iter().find(|m| m.name == name).unwrap().id
}

pub fn on(granularity: Granularity, year: i32, month: u32, day: u32) -> Period {
    Period::containing(
        granularity,
        NaiveDate::from_ymd_opt(year, month, day).unwrap(),
    )
}

pub fn table(text: &str) -> Table {
    read_table(text).unwrap()
}
