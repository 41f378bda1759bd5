//! The example plan: the default flow with six months of daily counts,
//! monthly targets, agreements between the departments, a goal, improvement
//! cycles and an inside-sales team, so a newcomer sees every page alive
//! before typing anything. Its story: inside sales turns fewer and fewer
//! contacts into opportunities over the last months, so that step is the
//! bottleneck and the hand-over promise to field sales is broken, while
//! every other step stays on target.
//!
//! Everything is built through [`apply`], so the plan keeps every rule an
//! edit in the app keeps.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::{inside_sales, pick, Name, INSIDE_SALES, SHARED};
use crate::domain::actions::{ActionId, ActionStatus};
use crate::domain::departments::DepartmentId;
use crate::domain::edit::{apply, Edit};
use crate::domain::ids::{CycleId, IdGen, KpiId, MemberId, MetricId, SlaId, StageId, ThresholdId};
use crate::domain::locale::Lang;
use crate::domain::members::Member;
use crate::domain::pdca::review::Review;
use crate::domain::pdca::Decision;
use crate::domain::period::{Granularity, Period};
use crate::domain::plan::{valid_entry_date, Plan};
use crate::domain::planning::{is_working_day, working_days, Goal};
use crate::domain::sla::{new_card, Comparison, Measure, Threshold};

/// Whole months counted before today's (which is counted up to yesterday).
const HISTORY_MONTHS: usize = 6;

/// Fixed, so the same day gives the same plan.
const SEED: u64 = 0x00F0_4E1E_2026;

/// Contacts that become opportunities, by months before today's (0 is
/// today's month): steady at 16 %, then falling from two months ago. This
/// is the bottleneck.
const OPPORTUNITY_RATE: [f64; HISTORY_MONTHS + 1] = [0.08, 0.085, 0.12, 0.16, 0.165, 0.16, 0.165];

/// Each month brings 1.5 % more than the one before.
const GROWTH: f64 = 0.015;

/// Monday to Friday: more calls and sign-ups early in the week (mean 1).
const WEEKDAY_LEVEL: [f64; 5] = [1.08, 1.04, 1.0, 0.98, 0.9];

/// Money in minor units: ¥ in a Japanese plan, cents in an English one
/// (¥1,500,000 or $15,000 a deal), which keeps the figures alike.
const AD_SPEND_PER_DAY: f64 = 200_000.0;
const DEAL_SIZE: f64 = 1_500_000.0;
const REVENUE_GOAL: u64 = 30_000_000;

/// The inside-sales team: names, share of the calls, contact rate.
const TEAM: [(Name, f64, f64); 3] = [
    (("Emma Clark", "佐藤 美咲"), 0.36, 0.30),
    (("Daniel Reyes", "田中 翔太"), 0.34, 0.27),
    (("Priya Shah", "鈴木 彩"), 0.30, 0.23),
];

/// A stage's count target per working day, by stage.
const COUNT_TARGETS: [f64; 5] = [40.0, 10.0, 3.1, 2.0, 0.8];

/// The conversion into each stage after the first the team aims for.
const STEP_TARGETS: [f64; 4] = [0.22, 0.27, 0.6, 0.35];

/// KPI targets, by the preset's English name: ratios, minor units for
/// money, days.
const KPI_TARGETS: &[(&str, f64)] = &[
    ("CPA", 5_000.0),
    // Just above what marketing reaches: "at risk", not off track.
    ("CVR", 0.026),
    ("Contact rate", 0.25),
    ("Contact → opportunity rate", 0.15),
    ("Win rate", 0.25),
    ("Average deal size", 1_400_000.0),
    ("Sales cycle", 45.0),
    ("Lead → opportunity rate", 0.07),
    ("Opportunity → won", 0.25),
    ("Average lead time", 90.0),
];

const NAME: Name = (
    "Example: inside sales funnel",
    "サンプル: インサイドセールスのファネル",
);

/// What marketing hands over (MQLs) and what inside sales hands over, per
/// month: the first is kept, the second broken since the bottleneck.
const MQL_PROMISE: f64 = 200.0;
const HAND_OFF_PROMISE: f64 = 50.0;

const MQL_FOLLOW_UP: Name = (
    "Inside sales calls every MQL within one working day and tells marketing why it sends a lead back.",
    "インサイドセールスはMQLに1営業日以内に架電し、差し戻すリードには理由を添えてマーケティングに返す。",
);
const SQL_FOLLOW_UP: Name = (
    "Field sales holds the first meeting within five working days and records its outcome in the CRM the same day.",
    "フィールドセールスは5営業日以内に初回商談を行い、結果を当日中にCRMへ記録する。",
);

const HYPOTHESES: [Name; 2] = [
    (
        "Calls stop at product features: the customer's issue and timing are not heard",
        "通話が製品説明で終わり、顧客の課題と導入時期を聞けていない",
    ),
    (
        "Webinar MQLs are called before they show any buying intent",
        "ウェビナー経由のMQLに、検討意欲を確かめる前に架電している",
    ),
];
const FINDINGS: Name = (
    "The contact rate held its target, but fewer than one contact in ten became an opportunity. In the calls we listened to, most ended without a next meeting being proposed.",
    "接触率は目標を維持したが、商談化したのは接触の1割未満だった。通話を聞き直すと、多くが次回の打ち合わせを提案せずに終わっていた。",
);
/// The last month's decisions; those carried become this month's hypotheses.
const DECISIONS: [(Name, bool); 3] = [
    (
        (
            "Rewrite the call script around issue, budget and timing questions",
            "トークスクリプトを課題・予算・導入時期のヒアリング中心に書き直す",
        ),
        true,
    ),
    (
        (
            "Hold a weekly call-listening session in inside sales",
            "インサイドセールスで週1回の通話レビュー会を行う",
        ),
        true,
    ),
    (
        (
            "Review the MQL criteria with marketing at the monthly SLA review",
            "月次のSLA見直しでマーケティングとMQL基準を見直す",
        ),
        false,
    ),
];
const LAST_MONTH_ACTION: Name = (
    "Listen to 20 recorded calls and note why each one ended",
    "録音した通話を20件聞き、終わった理由を記録する",
);
const ACTIONS: [(Name, ActionStatus); 2] = [
    (DECISIONS[0].0, ActionStatus::Doing),
    (DECISIONS[1].0, ActionStatus::Planned),
];

/// The example plan in `lang`, with its counts up to the day before `today`.
pub fn example(lang: Lang, today: NaiveDate) -> Plan {
    let mut plan = inside_sales(lang);
    let Some(flow) = Flow::of(&plan) else {
        return plan;
    };
    let mut ids = IdGen::sequential();
    let this_month = Period::containing(Granularity::Month, today);
    // Oldest first, each with how many months before today's it is; none
    // before year 1.
    let months: Vec<(usize, Period)> = (0..=HISTORY_MONTHS)
        .rev()
        .map(|ago| (ago, this_month.offset(-(ago as i64))))
        .filter(|(_, month)| valid_entry_date(month.start()))
        .collect();
    let days: Vec<(usize, NaiveDate)> = months
        .iter()
        .flat_map(|&(ago, month)| {
            month
                .start()
                .iter_days()
                .take_while(move |day| month.contains(*day) && *day < today)
                .map(move |day| (ago, day))
        })
        .filter(|(_, day)| is_working_day(*day, &plan.planning.holidays))
        .collect();

    put(&mut plan, vec![Edit::SetPlanName(pick(NAME, lang))]);
    let members = add_team(&mut plan, &mut ids, &flow, lang);
    put(&mut plan, counts(&flow, &members, &days));
    let targets = targets(&plan, &flow, &months);
    put(&mut plan, targets);
    let agreements = agreements(&plan, &mut ids, &flow, lang);
    put(&mut plan, agreements);
    put(
        &mut plan,
        vec![Edit::SetGoal(
            this_month.month(),
            Some(Goal::Revenue(REVENUE_GOAL)),
        )],
    );
    // The month before today's is needed to have a cycle to close: there
    // is none in the first month of the calendar.
    if months.len() > 1 {
        cycles(&mut plan, &mut ids, &flow, this_month, today, lang);
    }
    put(&mut plan, reviews_held(&days));
    plan
}

/// Applies a part of the example (all its counts, its targets ...) as one
/// batch: a batch is all or nothing, so a part the plan refused would be
/// left out whole. None is, for any day the tests try; a debug build says
/// so if that ever changes.
fn put(plan: &mut Plan, edits: Vec<Edit>) {
    let applied = apply(plan, Edit::Batch(edits));
    debug_assert!(applied.is_ok(), "{applied:?}");
}

fn fresh(ids: &mut IdGen, plan: &Plan) -> u64 {
    ids.fresh(|id| plan.uses_id(id))
}

/// The ids of the preset this plan starts from.
struct Flow {
    stages: [StageId; 5],
    /// Marketing, inside sales, field sales.
    departments: [DepartmentId; 3],
    metrics: HashMap<&'static str, MetricId>,
    kpis: HashMap<&'static str, KpiId>,
}

impl Flow {
    fn of(plan: &Plan) -> Option<Flow> {
        let stage = |i: usize| plan.stages.get(i);
        let stages = [0, 1, 2, 3, 4].map(|i| stage(i).map(|s| s.id));
        let owners = [0, 1, 3].map(|i| stage(i).map(|s| s.owner));
        // `inside_sales` makes the metrics and KPIs in the order of its specs.
        let metrics = INSIDE_SALES
            .iter()
            .flat_map(|s| s.metrics)
            .map(|m| m.key)
            .zip(plan.metrics.iter().map(|m| m.id))
            .collect();
        let kpis = INSIDE_SALES
            .iter()
            .flat_map(|s| s.kpis)
            .chain(SHARED)
            .map(|k| k.name.0)
            .zip(plan.kpis.iter().map(|k| k.id))
            .collect();
        Some(Flow {
            stages: [stages[0]?, stages[1]?, stages[2]?, stages[3]?, stages[4]?],
            departments: [owners[0]?, owners[1]?, owners[2]?],
            metrics,
            kpis,
        })
    }

    fn metric(&self, key: &str) -> Option<MetricId> {
        self.metrics.get(key).copied()
    }
}

/// The inside-sales team, counting calls and contacts each.
fn add_team(plan: &mut Plan, ids: &mut IdGen, flow: &Flow, lang: Lang) -> Vec<MemberId> {
    let mut members = Vec::new();
    let mut edits: Vec<Edit> = ["calls", "contacts"]
        .into_iter()
        .filter_map(|key| flow.metric(key))
        .map(|metric| Edit::SetPerMember(metric, true))
        .collect();
    for (name, _, _) in TEAM {
        let id = MemberId(fresh(ids, plan));
        members.push(id);
        edits.push(Edit::AddMember(Member {
            id,
            name: pick(name, lang),
            department: flow.departments[1],
            active: true,
        }));
    }
    put(plan, edits);
    members
}

/// SplitMix64: a small generator, enough for day-to-day variation.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A factor from `1 − spread` to `1 + spread`.
    fn around(&mut self, spread: f64) -> f64 {
        let unit = (self.next() >> 11) as f64 / (1_u64 << 53) as f64;
        1.0 + spread * (2.0 * unit - 1.0)
    }
}

/// The team's figure, or a member's (by their place in [`TEAM`]).
type Who = Option<usize>;

/// Whole counts whose running totals follow the expected values: what a
/// day leaves over (a fraction, or what its cap held back) is carried into
/// the next, so a month adds up to what its rates say while each day varies.
struct Counting {
    noise: Noise,
    carried: HashMap<(Who, &'static str), f64>,
    figures: Vec<(Who, &'static str, u64)>,
}

impl Counting {
    /// Counts `expected`, varied by up to `spread`, and at most `cap`.
    fn count(&mut self, who: Who, key: &'static str, expected: f64, spread: f64, cap: u64) -> u64 {
        let expected = (expected * self.noise.around(spread)).max(0.0);
        let carried = self.carried.entry((who, key)).or_insert(0.0);
        let due = *carried + expected;
        let count = (due.floor() as u64).min(cap);
        *carried = due - count as f64;
        self.figures.push((who, key, count));
        count
    }

    /// The team's count of `key`: about `rate` of `of`, and at most `of`.
    fn part(&mut self, key: &'static str, of: u64, rate: f64, spread: f64) -> u64 {
        self.count(None, key, of as f64 * rate, spread, of)
    }

    /// The team's count of `key`, without a count it must stay within.
    fn level(&mut self, key: &'static str, expected: f64, spread: f64) -> u64 {
        self.count(None, key, expected, spread, u64::MAX)
    }

    /// One working day's figures, `ago` months before today's month.
    fn day(&mut self, ago: usize, day: NaiveDate) -> Vec<(Who, &'static str, u64)> {
        let growth = 1.0 + GROWTH * HISTORY_MONTHS.saturating_sub(ago) as f64;
        let weekday = day.weekday().num_days_from_monday() as usize;
        let busy = growth * WEEKDAY_LEVEL.get(weekday).copied().unwrap_or(1.0);
        // Marketing: ads and the site bring leads, webinars nurture them.
        let impressions = self.level("impressions", 52_000.0 * busy, 0.15);
        let clicks = self.part("clicks", impressions, 0.009, 0.15);
        let visits = self.level("visits", clicks as f64 + 1_250.0 * busy, 0.1);
        let leads = self.part("leads", visits, 0.025, 0.2);
        self.level("ad_spend", AD_SPEND_PER_DAY * growth, 0.1);
        self.part("document_requests", leads, 0.3, 0.25);
        let registered = self.part("webinar_registrations", leads, 0.15, 0.3);
        self.part("webinar_attendees", registered, 0.55, 0.2);
        // Inside sales: about seven calls per MQL, each member at their rate.
        let nurtured = self.part("nurtured", leads, 0.25, 0.15);
        let mut contacts = 0;
        for (member, (_, share, rate)) in TEAM.iter().enumerate() {
            let who = Some(member);
            let calls = nurtured as f64 * 7.0 * share;
            let calls = self.count(who, "calls", calls, 0.12, u64::MAX);
            contacts += self.count(who, "contacts", calls as f64 * rate, 0.15, calls);
        }
        let sent = self.level("emails_sent", nurtured as f64 * 12.0, 0.15);
        let opened = self.part("emails_opened", sent, 0.32, 0.12);
        self.count(None, "replies", sent as f64 * 0.035, 0.3, opened);
        self.level("talk_minutes", contacts as f64 * 6.5, 0.2);
        self.part("recontacts", contacts, 0.35, 0.2);
        self.level("downloads", nurtured as f64 * 0.6, 0.3);
        let rate = OPPORTUNITY_RATE.get(ago).copied().unwrap_or(0.16);
        let opportunities = self.part("opportunities", contacts, rate, 0.2);
        // Field sales: most hand-offs get a proposal, four in ten are won.
        let appointments = self.part("appointments", opportunities, 0.88, 0.1);
        let handoffs = self.part("handoffs", appointments, 0.95, 0.05);
        let proposals = self.part("proposals", handoffs, 0.8, 0.1);
        let won = self.part("won", proposals, 0.4, 0.2);
        let mut open = proposals - won;
        for (key, share) in [
            ("lost_price", 0.2),
            ("lost_timing", 0.15),
            ("lost_competitor", 0.12),
        ] {
            open -= self.count(None, key, proposals as f64 * share, 0.3, open);
        }
        self.level("revenue", won as f64 * DEAL_SIZE, 0.25);
        self.level("cycle_days", won as f64 * 42.0, 0.25);
        self.level("lead_time_days", won as f64 * 78.0, 0.2);
        std::mem::take(&mut self.figures)
    }
}

/// Every figure of every working day, as the Numbers page enters them.
fn counts(flow: &Flow, members: &[MemberId], days: &[(usize, NaiveDate)]) -> Vec<Edit> {
    let mut counting = Counting {
        noise: Noise(SEED),
        carried: HashMap::new(),
        figures: Vec::new(),
    };
    let mut edits = Vec::new();
    for &(ago, day) in days {
        let period = Period::containing(Granularity::Day, day);
        for (who, key, value) in counting.day(ago, day) {
            let Some(metric) = flow.metric(key) else {
                continue;
            };
            edits.push(match who {
                None => Edit::SetEntry(metric, period, Some(value)),
                Some(member) => match members.get(member) {
                    Some(id) => Edit::SetMemberEntry(*id, metric, period, Some(value)),
                    None => continue,
                },
            });
        }
    }
    edits
}

/// The same targets every month: stage counts by the month's working days.
fn targets(plan: &Plan, flow: &Flow, months: &[(usize, Period)]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for &(_, period) in months {
        let month = period.month();
        let working = working_days(month, &plan.planning.holidays).len() as f64;
        for (stage, per_day) in flow.stages.iter().zip(COUNT_TARGETS) {
            let target = (per_day * working).round() as u64;
            edits.push(Edit::SetCountTarget(*stage, month, Some(target)));
        }
        for (stage, target) in flow.stages[1..].iter().zip(STEP_TARGETS) {
            edits.push(Edit::SetStepTarget(*stage, month, Some(target)));
        }
        for (name, target) in KPI_TARGETS {
            if let Some(kpi) = flow.kpis.get(name) {
                edits.push(Edit::SetKpiTarget(*kpi, month, Some(*target)));
            }
        }
    }
    edits
}

/// The two hand-offs' agreements, each with the seed's criteria and one
/// promise by the department that hands over.
fn agreements(plan: &Plan, ids: &mut IdGen, flow: &Flow, lang: Lang) -> Vec<Edit> {
    let [marketing, inside, field] = flow.departments;
    let promises = [
        (marketing, inside, "nurtured", MQL_PROMISE, MQL_FOLLOW_UP),
        (inside, field, "handoffs", HAND_OFF_PROMISE, SQL_FOLLOW_UP),
    ];
    let mut edits = Vec::new();
    for (from, to, key, value, follow_up) in promises {
        let Some(metric) = flow.metric(key) else {
            continue;
        };
        let mut card = new_card(plan, SlaId(fresh(ids, plan)), (from, to), lang);
        card.follow_up = pick(follow_up, lang);
        card.thresholds.push(Threshold {
            id: ThresholdId(fresh(ids, plan)),
            kept_by: from,
            measure: Measure::Metric(metric),
            comparison: Comparison::AtLeast,
            value,
        });
        edits.push(Edit::AddSla(Box::new(card)));
    }
    edits
}

/// Last month's cycle, closed with its findings and decisions, and this
/// month's, opened from it as the PDCA page does, with the actions on the
/// bottleneck.
fn cycles(
    plan: &mut Plan,
    ids: &mut IdGen,
    flow: &Flow,
    this_month: Period,
    today: NaiveDate,
    lang: Lang,
) {
    let focus = flow.stages[2];
    let last_month = this_month.previous();
    let Some(mut listened) = plan.new_action(
        ActionId(fresh(ids, plan)),
        pick(LAST_MONTH_ACTION, lang),
        Some(focus),
    ) else {
        return;
    };
    listened.status = ActionStatus::Done;
    listened.start = Some(last_month.start());
    listened.end = last_month.start().checked_add_days(chrono::Days::new(13));
    let mut last = plan.new_cycle(CycleId(fresh(ids, plan)), last_month.start());
    last.focus = Some(focus);
    last.hypotheses = HYPOTHESES.iter().map(|h| pick(*h, lang)).collect();
    last.actions = vec![listened.id];
    last.findings = pick(FINDINGS, lang);
    last.decisions = DECISIONS
        .iter()
        .map(|(text, carry)| Decision {
            text: pick(*text, lang),
            carry: *carry,
        })
        .collect();
    let closed = last.id;
    put(
        plan,
        vec![
            Edit::AddAction(Box::new(listened)),
            Edit::AddCycle(Box::new(last.clone())),
            Edit::SetCycleClosed(closed, true),
        ],
    );
    let mut edits = Vec::new();
    let mut actions = Vec::new();
    for (text, status) in ACTIONS {
        let Some(mut action) =
            plan.new_action(ActionId(fresh(ids, plan)), pick(text, lang), Some(focus))
        else {
            continue;
        };
        action.status = status;
        action.start = Some(this_month.start());
        action.end = Some(this_month.last_day());
        actions.push(action.id);
        edits.push(Edit::AddAction(Box::new(action)));
    }
    if let Some(mut next) = plan.next_cycle(&last, CycleId(fresh(ids, plan)), today) {
        next.actions = actions;
        edits.push(Edit::AddCycle(Box::new(next)));
    }
    put(plan, edits);
}

/// The cadence as a team keeps it: the daily reviews every working day,
/// the weekly ones on Wednesdays, the monthly ones on the second working
/// day of the month (about the month before).
fn reviews_held(days: &[(usize, NaiveDate)]) -> Vec<Edit> {
    let oldest = days.first().map(|(ago, _)| *ago);
    let mut edits = Vec::new();
    let mut worked_in_month = 0;
    let mut month = None;
    for &(ago, day) in days {
        worked_in_month = if month == Some(ago) {
            worked_in_month + 1
        } else {
            1
        };
        month = Some(ago);
        let mut held = vec![Review::ActivityCounts, Review::ResponseRates];
        if day.weekday() == chrono::Weekday::Wed {
            held.extend([Review::ConversionRates, Review::ScriptAndTargets]);
        }
        // The first month has no month before it to review.
        if worked_in_month == 2 && month != oldest {
            held.extend([
                Review::DepartmentKpis,
                Review::SlaReview,
                Review::MeasureRedesign,
            ]);
        }
        edits.extend(
            held.into_iter()
                .map(|review| Edit::SetHeld(review, day, true)),
        );
    }
    edits
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::domain::diagnosis::{bottleneck, rank_steps};
    use crate::domain::format::{self, Head};
    use crate::domain::period::PeriodRange;
    use crate::domain::sla::{compliance, Compliance};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn todays() -> [NaiveDate; 3] {
        [date(2026, 11, 24), date(2026, 1, 1), date(2027, 3, 1)]
    }

    fn month_range(month: Period) -> PeriodRange {
        PeriodRange::new(month, 1)
    }

    fn last_whole_month(today: NaiveDate) -> Period {
        Period::containing(Granularity::Month, today).previous()
    }

    fn metric(plan: &Plan, key: &str) -> MetricId {
        Flow::of(plan).unwrap().metric(key).unwrap()
    }

    fn total(plan: &Plan, key: &str, range: PeriodRange) -> u64 {
        plan.entries.range_total(metric(plan, key), range)
    }

    #[test]
    fn the_app_saves_and_reads_it_back() {
        for lang in Lang::ALL {
            for today in todays() {
                let plan = example(lang, today);
                let text = format::encode(&plan, &Head::default()).unwrap();
                assert_eq!(format::decode(&text).unwrap().plan, plan);
                assert!(text.len() < format::MAX_TEXT_UNITS / 10, "{}", text.len());
            }
        }
    }

    #[test]
    fn the_same_day_gives_the_same_plan() {
        for lang in Lang::ALL {
            assert_eq!(
                example(lang, date(2026, 11, 24)),
                example(lang, date(2026, 11, 24))
            );
        }
    }

    #[test]
    fn names_follow_the_language() {
        let ja = example(Lang::Ja, date(2026, 11, 24));
        assert_eq!(ja.name, "サンプル: インサイドセールスのファネル");
        assert_eq!(ja.stages[0].name, "リード獲得");
        assert_eq!(ja.members[0].name, "佐藤 美咲");
        assert!(ja.cycles[0].findings.starts_with("接触率は"));
        let en = example(Lang::En, date(2026, 11, 24));
        assert_eq!(en.name, "Example: inside sales funnel");
        assert_eq!(en.stages[0].name, "Lead generation");
        assert_eq!(en.sla_cards[0].criteria[0], "Form submitted");
    }

    #[test]
    fn working_days_before_today_are_counted_and_no_other() {
        for today in todays() {
            let plan = example(Lang::En, today);
            let first = Period::containing(Granularity::Month, today)
                .offset(-6)
                .start();
            assert_eq!(first.day(), 1);
            let mut days = Vec::new();
            for m in &plan.metrics {
                let counts = plan.entries.counts(m.id).unwrap();
                for (period, _) in counts.iter() {
                    assert_eq!(period.granularity(), Granularity::Day);
                    let day = period.start();
                    assert!(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun));
                    assert!(first <= day && day < today, "{} on {day}", m.name);
                    days.push(day);
                }
                let working = first
                    .iter_days()
                    .take_while(|d| *d < today)
                    .filter(|d| is_working_day(*d, &[]));
                for day in working {
                    let cell = plan
                        .entries
                        .cell(m.id, Period::containing(Granularity::Day, day));
                    assert!(cell.total().is_some(), "{} on {day}", m.name);
                }
            }
            // Those three months start on a working day.
            assert_eq!(days.iter().min(), Some(&first));
        }
    }

    #[test]
    fn the_opportunity_step_is_the_bottleneck_of_the_last_months_only() {
        for lang in Lang::ALL {
            for today in todays() {
                let plan = example(lang, today);
                let opportunity = plan.stages[2].id;
                let last = month_range(last_whole_month(today));
                let found = bottleneck(&plan, last).unwrap();
                assert_eq!(found.stage, opportunity);
                assert!(found.relative_gap < -0.3, "{}", found.relative_gap);
                // Every other step is on target.
                for reading in &rank_steps(&plan, last)[1..] {
                    assert!(reading.relative_gap >= 0.0, "{reading:?}");
                }
                for ago in 4..=6 {
                    let month = Period::containing(Granularity::Month, today).offset(-ago);
                    assert_eq!(bottleneck(&plan, month_range(month)), None, "{ago}");
                }
            }
        }
    }

    #[test]
    fn marketing_keeps_its_promise_and_inside_sales_breaks_its_own() {
        for today in todays() {
            let plan = example(Lang::Ja, today);
            let [marketing, inside, _] = Flow::of(&plan).unwrap().departments;
            let last = month_range(last_whole_month(today));
            assert_eq!(
                compliance(&plan, last, today),
                [
                    Compliance {
                        department: marketing,
                        kept: 1,
                        broken: 0,
                        no_data: 0
                    },
                    Compliance {
                        department: inside,
                        kept: 0,
                        broken: 1,
                        no_data: 0
                    }
                ]
            );
            // Before the bottleneck, inside sales kept it too.
            let before = month_range(Period::containing(Granularity::Month, today).offset(-5));
            assert!(compliance(&plan, before, today)
                .iter()
                .all(|c| c.broken == 0));
        }
    }

    #[test]
    fn counts_are_consistent_and_rates_typical_for_b2b() {
        let today = date(2026, 11, 24);
        let plan = example(Lang::En, today);
        let months = (1..=6)
            .map(|ago| month_range(Period::containing(Granularity::Month, today).offset(-ago)));
        for range in months {
            let n = |key| total(&plan, key, range);
            for (part, whole) in [
                ("clicks", "impressions"),
                ("leads", "visits"),
                ("webinar_attendees", "webinar_registrations"),
                ("nurtured", "leads"),
                ("contacts", "calls"),
                ("emails_opened", "emails_sent"),
                ("replies", "emails_opened"),
                ("opportunities", "contacts"),
                ("handoffs", "opportunities"),
                ("proposals", "handoffs"),
                ("won", "proposals"),
            ] {
                assert!(n(part) <= n(whole), "{part} > {whole}");
            }
            let lost = n("lost_price") + n("lost_timing") + n("lost_competitor");
            assert!(n("won") + lost <= n("proposals"));
            let rate = |part, whole| n(part) as f64 / n(whole) as f64;
            assert!((0.15..=0.30).contains(&rate("nurtured", "leads")));
            assert!((0.20..=0.35).contains(&rate("contacts", "calls")));
            assert!((0.20..=0.30).contains(&rate("won", "opportunities")));
            let opportunity_rate = rate("opportunities", "contacts");
            assert!(
                (0.05..=0.20).contains(&opportunity_rate),
                "{opportunity_rate}"
            );
        }
        // Yesterday (a Monday) is counted: every page has today's month.
        let yesterday = Period::containing(Granularity::Day, date(2026, 11, 23));
        let calls = metric(&plan, "calls");
        let by_member = plan.breakdown(calls, yesterday);
        assert_eq!(by_member.len(), 3);
        assert_eq!(
            by_member.iter().map(|(_, n)| n).sum::<u64>(),
            plan.entries.cell(calls, yesterday).total().unwrap()
        );
    }

    #[test]
    fn targets_goal_cycles_and_team_are_there() {
        let today = date(2026, 11, 24);
        let plan = example(Lang::En, today);
        let this_month = Period::containing(Granularity::Month, today).month();
        assert_eq!(
            plan.planning.goals.get(&this_month),
            Some(&Goal::Revenue(REVENUE_GOAL))
        );
        assert_eq!(plan.stages[2].step_targets.len(), 7);
        assert_eq!(
            plan.kpis.iter().filter(|k| !k.targets.is_empty()).count(),
            10
        );
        let [last, current] = [&plan.cycles[0], &plan.cycles[1]];
        assert!(last.closed && !current.closed);
        assert_eq!(current.start, date(2026, 11, 1));
        assert_eq!(current.focus, Some(plan.stages[2].id));
        assert_eq!(current.hypotheses.len(), 2, "the decisions carried");
        assert_eq!((last.actions.len(), current.actions.len()), (1, 2));
        assert_eq!(plan.members.len(), 3);
        assert!(plan
            .reviews_held
            .iter()
            .any(|h| h.review == Review::SlaReview));
    }

    #[test]
    fn the_ends_of_the_calendar_give_a_plan_too() {
        for lang in Lang::ALL {
            for today in [
                date(1, 1, 1),
                date(1, 3, 1),
                date(1, 7, 15),
                date(9999, 12, 31),
            ] {
                let plan = example(lang, today);
                let text = format::encode(&plan, &Head::default()).unwrap();
                assert_eq!(format::decode(&text).unwrap().plan, plan);
            }
        }
        let early = example(Lang::En, date(1, 3, 1));
        let leads = metric(&early, "leads");
        let days: Vec<NaiveDate> = early
            .entries
            .counts(leads)
            .unwrap()
            .iter()
            .map(|(p, _)| p.start())
            .collect();
        assert_eq!(days.first(), Some(&date(1, 1, 1)));
        assert_eq!(days.last(), Some(&date(1, 2, 28)));
        assert!(example(Lang::En, date(1, 1, 1)).entries.is_empty());
        let late = example(Lang::En, date(9999, 12, 31));
        let last = late.entries.counts(leads).unwrap().iter().last().unwrap();
        assert_eq!(last.0.start(), date(9999, 12, 30));
        assert_eq!(late.cycles.len(), 2);
    }
}
