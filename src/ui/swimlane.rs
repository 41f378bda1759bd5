//! The flow as the seed draws it: a lane per department, the stages in
//! their owners' lanes and the hand-offs between them with their
//! agreements' status (`domain::swimlane`, drawn by `charts::swimlane`).
//! Inline SVG, so it is sharp on a projector and on paper; each step is a
//! focus stop that says what it shows, and the whole flow is also a list.

use leptos::prelude::*;

use super::state::use_app;
use crate::charts::palette::{css_hex, hue_colour};
use crate::charts::swimlane::{Lane, StageBox, StepArrow, SwimlaneChart};
use crate::domain::plan::Plan;
use crate::domain::swimlane::{HandOff, HandOffStatus, Swimlane};
use crate::i18n::{format_count, format_rate, Texts};

#[component]
pub fn SwimlaneDiagram() -> impl IntoView {
    let state = use_app();
    let chart = Memo::new(move |_| {
        let t = state.texts();
        let (range, today) = (state.range.get(), state.today.get());
        state
            .plan
            .with(|p| chart(p, t, &Swimlane::of(p, range, today)))
    });
    // The stages and steps in funnel order, as sentences.
    let words = move || {
        chart.with(|c| {
            let mut lines = Vec::new();
            for (i, stage) in c.stages.iter().enumerate() {
                lines.push(stage.words.clone());
                if let Some(step) = c.steps.get(i) {
                    lines.push(step.words.clone());
                }
            }
            lines
                .into_iter()
                .map(|line| view! { <li>{line}</li> })
                .collect_view()
        })
    };
    view! {
        <figure class="swimlane">
            <div class="swimlane-scroll" inner_html=move || chart.with(SwimlaneChart::svg)></div>
            <details class="swimlane-words">
                <summary>{state.tr(|t| t.swimlane.in_words)}</summary>
                <ul>{words}</ul>
            </details>
        </figure>
    }
}

fn chart(plan: &Plan, t: &Texts, swimlane: &Swimlane) -> SwimlaneChart {
    let department = |id| plan.department(id);
    let lanes = swimlane
        .lanes
        .iter()
        .filter_map(|id| department(*id))
        .map(|d| Lane {
            name: d.name.clone(),
            colour: css_hex(hue_colour(d.hue)),
        })
        .collect();
    let stage_name = |i: usize| plan.stages.get(i).map_or("", |s| s.name.as_str());
    let stages = swimlane
        .stages
        .iter()
        .zip(&plan.stages)
        .enumerate()
        .map(|(i, (placed, stage))| {
            let count = format_count(placed.count);
            let owner = department(stage.owner).map_or("", |d| d.name.as_str());
            StageBox {
                lane: placed.lane,
                name: stage.name.clone(),
                words: Texts::fill(
                    t.swimlane.stage_line,
                    &[&(i + 1).to_string(), &stage.name, owner, &count],
                ),
                count,
            }
        })
        .collect();
    let steps = swimlane
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let conversion = format_rate(step.conversion);
            let mut words = match step.conversion {
                Some(_) => Texts::fill(
                    t.swimlane.step_line,
                    &[stage_name(i), stage_name(i + 1), &conversion],
                ),
                None => Texts::fill(t.swimlane.step_no_data, &[stage_name(i), stage_name(i + 1)]),
            };
            let hand_off = step.hand_off.as_ref().map(|hand_off| {
                words.push_str(" · ");
                words.push_str(&hand_off_words(plan, t, hand_off));
                badge(t, hand_off.status)
            });
            StepArrow {
                conversion,
                hand_off,
                words,
            }
        })
        .collect();
    SwimlaneChart {
        label: t.swimlane.label.to_owned(),
        lanes,
        stages,
        steps,
    }
}

/// "hand-off from Marketing to Inside sales: agreement breached, 1 of 3
/// promise checks broken".
fn hand_off_words(plan: &Plan, t: &Texts, hand_off: &HandOff) -> String {
    let name = |id| plan.department(id).map_or("", |d| d.name.as_str());
    let status = match hand_off.status {
        HandOffStatus::NoAgreement => t.swimlane.no_agreement.to_owned(),
        HandOffStatus::NoPromises => t.swimlane.agreement_no_promises.to_owned(),
        HandOffStatus::NoData => t.swimlane.agreement_no_data.to_owned(),
        HandOffStatus::Met { judged } => Texts::fill(
            t.swimlane.agreement_met,
            &[&judged.to_string(), &judged.to_string()],
        ),
        HandOffStatus::Breached { broken, judged } => Texts::fill(
            t.swimlane.agreement_breached,
            &[&broken.to_string(), &judged.to_string()],
        ),
    };
    format!(
        "{}: {status}",
        Texts::fill(
            t.swimlane.hand_off,
            &[name(hand_off.from), name(hand_off.to)]
        )
    )
}

/// The hand-off's mark and word (never colour alone) and its class.
fn badge(t: &Texts, status: HandOffStatus) -> (String, &'static str) {
    let (mark, word, class) = match status {
        HandOffStatus::NoAgreement => ("—", t.swimlane.no_agreement_badge, "no-agreement"),
        HandOffStatus::NoPromises => ("—", t.swimlane.no_promises_badge, "no-data"),
        HandOffStatus::NoData => ("—", t.verdict_no_data, "no-data"),
        HandOffStatus::Met { .. } => ("✓", t.verdict_met, "met"),
        HandOffStatus::Breached { .. } => ("✗", t.verdict_breached, "breached"),
    };
    (format!("{mark} {word}"), class)
}
