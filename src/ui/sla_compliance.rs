//! Whether the departments keep their promises over the range in view: a
//! line per department, and per agreement a table with one row per
//! promise and one cell per period. Shown on the Flow page and the
//! Dashboard.

use leptos::prelude::*;

use super::state::use_app;
use crate::domain::plan::Plan;
use crate::domain::sla::{compliance, evaluate, SlaId, Threshold, Verdict};
use crate::i18n::Texts;

/// "Marketing: kept 3 of 4 (1 without data)", one line per department
/// that keeps a promise.
#[component]
pub fn DepartmentCompliance() -> impl IntoView {
    let state = use_app();
    let lines = move || {
        let t = state.texts();
        let range = state.range.get();
        let today = state.today.get();
        state.plan.with(|p| {
            compliance(p, range, today)
                .into_iter()
                .filter_map(|c| {
                    let name = p.department(c.department)?.name.clone();
                    let total = c.kept + c.broken;
                    let mut line = Texts::fill(
                        t.compliance_kept,
                        &[&name, &c.kept.to_string(), &total.to_string()],
                    );
                    if c.no_data > 0 {
                        line.push_str(&format!(
                            " · {}",
                            Texts::fill(t.compliance_no_data, &[&c.no_data.to_string()])
                        ));
                    }
                    Some((line, c.broken > 0))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ul class="compliance-summary">
            {move || {
                lines()
                    .into_iter()
                    .map(|(line, broken)| view! { <li class:broken=broken>{line}</li> })
                    .collect_view()
            }}
        </ul>
    }
}

/// One agreement's promises, period by period.
#[component]
pub fn PromiseHistory(sla: SlaId) -> impl IntoView {
    let state = use_app();
    let table = move || {
        let t = state.texts();
        let range = state.range.get();
        let today = state.today.get();
        state.plan.with(|p| {
            let card = p.sla_card(sla)?;
            if card.thresholds.is_empty() {
                return None;
            }
            let headers: Vec<String> = range.periods().map(|period| t.period(period)).collect();
            let rows: Vec<(String, Vec<(String, &'static str)>)> = card
                .thresholds
                .iter()
                .map(|threshold| {
                    let cells = range
                        .periods()
                        .map(|period| {
                            verdict_cell(p, t, threshold, evaluate(p, threshold, period, today))
                        })
                        .collect();
                    (promise_text(p, t, threshold), cells)
                })
                .collect();
            let caption = format!("{} · {}", t.compliance_heading, p.sla_name(card));
            Some((caption, headers, rows))
        })
    };
    move || {
        table().map(|(caption, headers, rows)| {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table class="promise-history">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{state.tr(|t| t.promises_heading)}</th>
                                {headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|(promise, cells)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{promise}</th>
                                            {cells
                                                .into_iter()
                                                .map(|(text, class)| view! { <td class=class>{text}</td> })
                                                .collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })
    }
}

/// "Marketing: Leads": who keeps a promise, on what.
pub fn promise_subject(plan: &Plan, threshold: &Threshold) -> String {
    let kept_by = plan
        .department(threshold.kept_by)
        .map_or("", |d| d.name.as_str());
    let measure = match threshold.measure {
        crate::domain::sla::Measure::Metric(id) => plan.metric(id).map(|m| m.name.as_str()),
        crate::domain::sla::Measure::Kpi(id) => plan.kpi(id).map(|k| k.name.as_str()),
    }
    .unwrap_or("?");
    format!("{kept_by}: {measure}")
}

/// "Marketing: Leads ≥ 300 per month": a promise in words.
pub fn promise_text(plan: &Plan, t: &Texts, threshold: &Threshold) -> String {
    let unit = plan.unit_of(threshold.measure);
    let mut value = unit
        .map(|unit| t.measure_value(unit, threshold.value, plan.currency))
        .unwrap_or_default();
    if matches!(unit, Some(crate::domain::sla::Unit::Metric(_))) {
        value = format!("{value} {}", t.per_month);
    }
    format!(
        "{} {} {value}",
        promise_subject(plan, threshold),
        threshold.comparison.symbol()
    )
}

/// A period's verdict as the table shows it, with its class: "✓ Met 310",
/// "✗ Breached 250 (−50)", "— No data". Words as well as marks, never
/// colour alone.
fn verdict_cell(
    plan: &Plan,
    t: &Texts,
    threshold: &Threshold,
    verdict: Verdict,
) -> (String, &'static str) {
    let Some(unit) = plan.unit_of(threshold.measure) else {
        return ("—".to_owned(), "no-data");
    };
    let value = |v: f64| t.measure_value(unit, v, plan.currency);
    match verdict {
        Verdict::NoData => (format!("— {}", t.verdict_no_data), "no-data"),
        Verdict::Met { actual, .. } => (format!("✓ {} {}", t.verdict_met, value(actual)), "met"),
        Verdict::Breached { actual, required } => (
            format!(
                "✗ {} {} ({})",
                t.verdict_breached,
                value(actual),
                t.measure_difference(unit, actual - required, plan.currency)
            ),
            "breached",
        ),
    }
}
