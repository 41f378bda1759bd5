//! The review cadence of the seed: a daily meeting on each person's
//! activity counts and response rates, a weekly review of opportunity and
//! win rates with the script and targets, and a monthly analysis of the
//! departments' KPIs, the agreements and the measures. Each review shows
//! the figures it needs ([`figures`]) and records the day it was held; a
//! review is due until it is held in its day, week or month.

pub mod figures;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::period::{iso_day, Granularity, Period};
use crate::domain::plan::{valid_entry_date, EditError, Plan};
use crate::domain::planning::is_working_day;

/// Ten years of every review held on every day it could be: far beyond
/// use, and a bound on what a file may hold.
pub const MAX_REVIEWS_HELD: usize = 10 * 366 * Review::ALL.len();

/// The declared order is the order records of the same day are stored
/// in: a new review goes at the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Review {
    /// Daily: each person's activity counts (個々の活動件数).
    ActivityCounts,
    /// Daily: response rates (反応率).
    ResponseRates,
    /// Weekly: opportunity and win rates per team (商談化率・成約率).
    ConversionRates,
    /// Weekly: where the cycle's targets stand, to adjust script and targets.
    ScriptAndTargets,
    /// Monthly: the departments' KPIs compared (部門別KPIを比較).
    DepartmentKpis,
    /// Monthly: the agreements kept and broken (SLAの見直し).
    SlaReview,
    /// Monthly: what the measures did and where the flow is weakest (施策再設計).
    MeasureRedesign,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cadence {
    Daily,
    Weekly,
    Monthly,
}

impl Cadence {
    pub const ALL: [Cadence; 3] = [Cadence::Daily, Cadence::Weekly, Cadence::Monthly];

    /// The period a review of this cadence is held once in.
    pub fn granularity(self) -> Granularity {
        match self {
            Cadence::Daily => Granularity::Day,
            Cadence::Weekly => Granularity::Week,
            Cadence::Monthly => Granularity::Month,
        }
    }
}

impl Review {
    pub const ALL: [Review; 7] = [
        Review::ActivityCounts,
        Review::ResponseRates,
        Review::ConversionRates,
        Review::ScriptAndTargets,
        Review::DepartmentKpis,
        Review::SlaReview,
        Review::MeasureRedesign,
    ];

    pub fn cadence(self) -> Cadence {
        match self {
            Review::ActivityCounts | Review::ResponseRates => Cadence::Daily,
            Review::ConversionRates | Review::ScriptAndTargets => Cadence::Weekly,
            Review::DepartmentKpis | Review::SlaReview | Review::MeasureRedesign => {
                Cadence::Monthly
            }
        }
    }

    /// The period of this review's cadence that holds `day`.
    pub fn period_of(self, day: NaiveDate) -> Period {
        Period::containing(self.cadence().granularity(), day)
    }
}

/// A review held on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Held {
    // Day first: the plan keeps them in this order.
    #[serde(deserialize_with = "iso_day::deserialize")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(pattern(crate::domain::format::schema::DAY))
    )]
    pub day: NaiveDate,
    pub review: Review,
}

/// Where a review stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewState {
    pub review: Review,
    /// The day, week or month it is held once in.
    pub period: Period,
    /// The day it was held in that period, if it was.
    pub held_on: Option<NaiveDate>,
    /// The last day it was held before that period.
    pub held_before: Option<NaiveDate>,
    /// Not held yet in its period, and (for a daily review) a working day.
    pub due: bool,
}

impl Plan {
    /// Every review as it stands on `today`, in cadence order.
    pub fn reviews_on(&self, today: NaiveDate) -> Vec<ReviewState> {
        let working = is_working_day(today, &self.planning.holidays);
        Review::ALL
            .into_iter()
            .map(|review| {
                let period = review.period_of(today);
                let days = self.reviews_held.iter().filter(|h| h.review == review);
                let held_on = days
                    .clone()
                    .filter(|h| period.contains(h.day))
                    .map(|h| h.day)
                    .next_back();
                let held_before = days
                    .filter(|h| h.day < period.start())
                    .map(|h| h.day)
                    .next_back();
                let due = held_on.is_none() && (working || review.cadence() != Cadence::Daily);
                ReviewState {
                    review,
                    period,
                    held_on,
                    held_before,
                    due,
                }
            })
            .collect()
    }

    /// Records a review as held on `day` (`held`), or takes that record
    /// back; says whether anything changed, so the inverse is exact.
    pub fn set_held(
        &mut self,
        review: Review,
        day: NaiveDate,
        held: bool,
    ) -> Result<bool, EditError> {
        if !valid_entry_date(day) {
            return Err(EditError::DateOutOfRange);
        }
        let record = Held { day, review };
        match (self.reviews_held.binary_search(&record), held) {
            (Ok(_), true) | (Err(_), false) => Ok(false),
            (Ok(index), false) => {
                self.reviews_held.remove(index);
                Ok(true)
            }
            (Err(index), true) => {
                if self.reviews_held.len() >= MAX_REVIEWS_HELD {
                    return Err(EditError::TooManyReviewsHeld);
                }
                self.reviews_held.insert(index, record);
                Ok(true)
            }
        }
    }
}

#[cfg(test)]
mod tests;
