//! Counting per member: the Numbers page's picker and breakdown, and the
//! Team page with each member's figures side by side and the daily review.
//! Rows can be sorted by any column; nothing is ranked or badged, since the
//! point is to find the talk worth sharing.

pub mod breakdown;
pub mod picker;

use leptos::prelude::*;

use super::range_toolbar::RangeToolbar;
use super::state::{use_app, AppState};
use crate::domain::entries::members::Counter;
use crate::domain::kpi::change;
use crate::domain::members::review::{daily_review, member_table, Column, MemberTable, Row};
use crate::domain::order;
use crate::domain::period::{Granularity, Period};
use crate::domain::plan::{KpiDisplay, MetricKind, Plan};
use crate::i18n::Texts;
use crate::route::Route;

/// How a column's values read.
#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Metric(MetricKind),
    Kpi(KpiDisplay),
}

/// Each column's name and unit.
fn headings(plan: &Plan, columns: &[Column]) -> Vec<(String, Unit)> {
    columns
        .iter()
        .filter_map(|column| match *column {
            Column::Metric(id) => plan
                .metric(id)
                .map(|m| (m.name.clone(), Unit::Metric(m.kind))),
            Column::Kpi(id) => plan.kpi(id).map(|k| (k.name.clone(), Unit::Kpi(k.display))),
        })
        .collect()
}

fn show(state: AppState, unit: Unit, value: Option<f64>) -> String {
    let (t, currency) = (state.texts(), state.currency.get());
    match unit {
        Unit::Metric(kind) => value.map_or_else(
            || "—".to_owned(),
            |v| t.metric_value(v as u64, kind, currency),
        ),
        Unit::Kpi(display) => t.kpi_value(value, display, currency),
    }
}

fn show_change(state: AppState, unit: Unit, current: Option<f64>, previous: Option<f64>) -> String {
    let (t, currency) = (state.texts(), state.currency.get());
    match (unit, current.zip(previous)) {
        (Unit::Metric(kind), Some((current, previous))) => {
            t.metric_change(current as u64, previous as u64, kind, currency)
        }
        (Unit::Metric(_), None) => "—".to_owned(),
        (Unit::Kpi(display), _) => t.change(change(current, previous), display, currency),
    }
}

fn row_name(plan: &Plan, t: &Texts, counter: Counter) -> String {
    match counter {
        Counter::Team => t.team.team_row.to_owned(),
        Counter::Unassigned => t.team.counter_unassigned.to_owned(),
        Counter::Member(id) => plan.member(id).map_or(String::new(), |m| {
            if m.active {
                m.name.clone()
            } else {
                Texts::fill(t.team.inactive, &[&m.name])
            }
        }),
    }
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let state = use_app();
    let ready = Memo::new(move |_| {
        state.plan.with(|p| {
            (
                !p.members.is_empty(),
                p.metrics.iter().any(|m| m.per_member),
            )
        })
    });
    view! {
        <section class="page" aria-labelledby="team-heading">
            <h2 id="team-heading">{state.tr(|t| t.team.heading)}</h2>
            <p class="intro">{state.tr(|t| t.team.intro)}</p>
            {move || match ready.get() {
                (false, _) => view! { <p class="empty-hint"><a href=move || state.href(Route::Flow)>{state.tr(|t| t.team.no_members)}</a></p> }.into_any(),
                (true, false) => view! { <p class="empty-hint"><a href=move || state.href(Route::Kpis)>{state.tr(|t| t.team.no_per_member)}</a></p> }.into_any(),
                (true, true) => view! { <MembersOverRange /> <DailyReview /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn MembersOverRange() -> impl IntoView {
    let state = use_app();
    let table = Memo::new(move |_| {
        let range = state.range.get();
        state.plan.with(|p| member_table(p, range))
    });
    // The column rows are sorted by (highest first); `None`: the plan's order.
    let sorted_by = RwSignal::new(None::<usize>);
    view! {
        <section aria-labelledby="members-heading">
            <h3 id="members-heading">{state.tr(|t| t.team.table_heading)}</h3>
            <RangeToolbar />
            <p class="hint"><a href=move || state.href(Route::Numbers)>{state.tr(|t| t.team.enter_counts)}</a></p>
            {move || members_view(state, table.get(), sorted_by, "members-heading", None)}
        </section>
    }
}

/// A members' table, sorted by a column when `sorted_by` says so, the
/// team's row last. Under each value: its change from the previous range,
/// or in the daily review the value of `previous_day` (the last working
/// day), named.
fn members_view(
    state: AppState,
    mut table: MemberTable,
    sorted_by: RwSignal<Option<usize>>,
    labelled_by: &'static str,
    previous_day: Option<chrono::NaiveDate>,
) -> impl IntoView {
    let t = state.texts();
    let headings = state.plan.with(|p| headings(p, &table.columns));
    if let Some(column) = sorted_by.get() {
        let key = |row: &Row| {
            row.values
                .get(column)
                .copied()
                .flatten()
                .unwrap_or(f64::NEG_INFINITY)
        };
        order::sort_by(&mut table.rows, |a, b| key(b).total_cmp(&key(a)));
    }
    let header = headings
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            let sorted = sorted_by.get() == Some(i);
            view! {
                <th scope="col" class="numeric" aria-sort=sorted.then_some("descending")>
                    <button
                        type="button"
                        class="sort-button"
                        title=Texts::fill(t.team.sort_by, &[name])
                        on:click=move |_| sorted_by.set(if sorted { None } else { Some(i) })
                    >
                        {name.clone()}
                    </button>
                </th>
            }
        })
        .collect_view();
    let body_row = |row: Row| {
        let name = state.plan.with(|p| row_name(p, t, row.counter));
        let cells = headings
            .iter()
            .enumerate()
            .map(|(i, (_, unit))| {
                let value = row.values.get(i).copied().flatten();
                let previous = row.previous.get(i).copied().flatten();
                let under = match previous_day {
                    Some(day) => Texts::fill(
                        t.team.previous_day,
                        &[
                            &t.period(Period::containing(Granularity::Day, day)),
                            &show(state, *unit, previous),
                        ],
                    ),
                    None => show_change(state, *unit, value, previous),
                };
                view! {
                    <td class="numeric">
                        {show(state, *unit, value)}
                        <span class="change">{under}</span>
                    </td>
                }
            })
            .collect_view();
        view! {
            <tr>
                <th scope="row">{name}</th>
                {cells}
            </tr>
        }
    };
    let team = body_row(table.team);
    let rows = table.rows.into_iter().map(body_row).collect_view();
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="count-table member-table" aria-labelledby=labelled_by>
                <thead>
                    <tr>
                        <th scope="col">{t.team.col_member}</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>{team}</tfoot>
            </table>
        </div>
    }
}

#[component]
fn DailyReview() -> impl IntoView {
    let state = use_app();
    let sorted_by = RwSignal::new(None::<usize>);
    let review = Memo::new(move |_| {
        let today = state.today.get();
        state.plan.with(|p| daily_review(p, today))
    });
    let missing = move || {
        let t = state.texts();
        review.with(|r| {
            let names: Vec<String> = state.plan.with(|p| {
                r.not_entered_today
                    .iter()
                    .filter_map(|id| p.member(*id).map(|m| m.name.clone()))
                    .collect()
            });
            if names.is_empty() {
                t.team.all_entered.to_owned()
            } else {
                Texts::fill(t.team.not_entered, &[&names.join(", ")])
            }
        })
    };
    view! {
        <section aria-labelledby="daily-heading">
            <h3 id="daily-heading">{state.tr(|t| t.team.daily_heading)}</h3>
            <p class="intro">{state.tr(|t| t.team.daily_intro)}</p>
            <p class="notice" role="status">{missing}</p>
            {move || members_view(state, review.with(|r| r.table.clone()), sorted_by, "daily-heading", review.with(|r| Some(r.previous_day)))}
        </section>
    }
}
