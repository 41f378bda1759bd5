//! What the grid asks before it changes anything: removing a longer
//! period's figure to type finer ones, or a paste that needs a look first.

use leptos::prelude::*;

use crate::domain::grid::{Paste, PastedCell};
use crate::domain::ids::MetricId;
use crate::domain::period::{Granularity, Period};
use crate::domain::plan::MetricKind;
use crate::i18n::Texts;
use crate::ui::state::AppState;

/// A longer period's figure the user asked to remove, to type finer ones.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Replacing {
    pub metric: MetricId,
    pub by: Period,
    pub total: u64,
    pub column: usize,
}

/// A question the grid waits on: the user answers or cancels.
#[derive(Clone)]
pub(super) enum Question {
    Replace(Replacing),
    /// A paste to show first, with the pasted block and the id of the
    /// field it was pasted into (to check it again when confirmed).
    Paste(Paste, Vec<Vec<String>>, String),
}

impl Question {
    /// The granularity of the figure a replacement removes.
    pub fn granularity(&self) -> Option<Granularity> {
        match self {
            Question::Replace(r) => Some(r.by.granularity()),
            Question::Paste(..) => None,
        }
    }
}

/// Replaced values listed in a paste preview; the rest are counted.
const PREVIEW_ROWS: usize = 8;

/// The question in words, one line each (shown with `pre-line`): for a
/// paste, how many values, placed how, across which stages, and each value
/// it replaces (before → after).
pub(super) fn question_text(state: AppState, question: &Question) -> String {
    let t = state.texts();
    let currency = state.currency.get_untracked();
    state.plan.with_untracked(|p| {
        let value = |metric: MetricId, v: Option<u64>| {
            let kind = p.metric(metric).map_or(MetricKind::Count, |m| m.kind);
            v.map_or_else(|| "—".to_owned(), |v| t.metric_value(v, kind, currency))
        };
        let name = |metric: MetricId| p.metric(metric).map_or("", |m| m.name.as_str());
        let paste = match question {
            Question::Replace(r) => {
                let text = if r.by.granularity() == Granularity::Month {
                    t.replace_month_question
                } else {
                    t.replace_week_question
                };
                return Texts::fill(
                    text,
                    &[
                        name(r.metric),
                        &value(r.metric, Some(r.total)),
                        &t.period_name(r.by),
                    ],
                );
            }
            Question::Paste(paste, ..) => paste,
        };
        let period = |c: Option<&PastedCell>| c.map(|c| t.period(c.period)).unwrap_or_default();
        let first = period(paste.cells.iter().min_by_key(|c| c.period));
        let last = period(paste.cells.iter().max_by_key(|c| c.period));
        let count = paste.cells.len().to_string();
        let mut lines = vec![Texts::fill(t.paste_question, &[&count, &first, &last])];
        if paste.by_labels {
            lines.push(t.paste_by_labels.to_owned());
        }
        if paste.stages.len() > 1 {
            let names: Vec<&str> = paste
                .stages
                .iter()
                .filter_map(|s| p.stage(*s))
                .map(|s| s.name.as_str())
                .collect();
            lines.push(Texts::fill(t.paste_crosses_stages, &[&names.join(" → ")]));
        }
        let overwritten: Vec<_> = paste.overwritten().collect();
        if !overwritten.is_empty() {
            lines.push(Texts::fill(
                t.paste_overwrites,
                &[&overwritten.len().to_string()],
            ));
        }
        for c in overwritten.iter().take(PREVIEW_ROWS) {
            let stage = p
                .metric(c.metric)
                .and_then(|m| p.stage(m.stage))
                .map_or("", |s| s.name.as_str());
            lines.push(format!(
                "• {stage} · {} · {}: {} → {}",
                name(c.metric),
                t.period(c.period),
                value(c.metric, c.before),
                value(c.metric, c.after)
            ));
        }
        if overwritten.len() > PREVIEW_ROWS {
            lines.push(Texts::fill(
                t.paste_more,
                &[&(overwritten.len() - PREVIEW_ROWS).to_string()],
            ));
        }
        lines.join("\n")
    })
}
