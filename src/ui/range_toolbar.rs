//! Granularity, range presets, previous/next and the comparison switch,
//! shared by the Numbers page and the dashboard.

use leptos::prelude::*;

use super::state::use_app;
use super::toggle::Toggle;
use crate::domain::period::{parse_iso_day, Granularity, PeriodRange, RangePreset};

/// Granularity, range preset, previous/next and the comparison switch.
#[component]
pub fn RangeToolbar() -> impl IntoView {
    let state = use_app();
    let set_granularity = move |ev| {
        if let Some(granularity) = Granularity::from_key(&event_target_value(&ev)) {
            state.range.update(|r| *r = r.with_granularity(granularity));
            state.preset.set(None);
        }
    };
    let set_preset = move |ev| {
        if let Some(preset) = RangePreset::from_key(&event_target_value(&ev)) {
            state.range.set(preset.range(state.today.get_untracked()));
            state.preset.set(Some(preset));
        }
    };
    // A day picked as the range's first (or last): the periods of the
    // current view from there to the other end. A day past the other end
    // moves it along; a range no grid can show (a year half typed, say)
    // is not taken.
    let set_end = move |ev, first: bool| {
        let Some(day) = parse_iso_day(&event_target_value(&ev)) else {
            return;
        };
        let range = state.range.get_untracked();
        let (from, to) = if first {
            (day, range.last().last_day().max(day))
        } else {
            (range.start().min(day), day)
        };
        if let Some(picked) =
            PeriodRange::picked(range.granularity(), from, to, state.today.get_untracked())
        {
            state.range.set(picked);
            state.preset.set(None);
        }
    };
    let shift = move |forward: bool| {
        state
            .range
            .update(|r| *r = if forward { r.next() } else { r.previous() });
        state.preset.set(None);
    };
    view! {
        <div class="toolbar" role="group" aria-label=state.tr(|t| t.range)>
            <label class="toolbar-field">
                <span>{state.tr(|t| t.view)}</span>
                <select
                    prop:value=move || state.range.get().granularity().key()
                    on:change=set_granularity
                >
                    {Granularity::ALL
                        .into_iter()
                        .map(|g| view! { <option value=g.key()>{move || state.texts().granularity(g)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="toolbar-field">
                <span>{state.tr(|t| t.range)}</span>
                <select
                    prop:value=move || state.preset.get().map_or("custom", RangePreset::key)
                    on:change=set_preset
                >
                    {RangePreset::ALL
                        .into_iter()
                        .map(|p| view! { <option value=p.key()>{move || state.texts().range_preset(p)}</option> })
                        .collect_view()}
                    <option value="custom" disabled=true>{state.tr(|t| t.custom_range)}</option>
                </select>
            </label>
            <label class="toolbar-field">
                <span>{state.tr(|t| t.range_from)}</span>
                <input type="date" prop:value=move || state.range.get().start().to_string() on:change=move |ev| set_end(ev, true) />
            </label>
            <label class="toolbar-field">
                <span>{state.tr(|t| t.range_to)}</span>
                <input type="date" prop:value=move || state.range.get().last().last_day().to_string() on:change=move |ev| set_end(ev, false) />
            </label>
            <div class="range-stepper">
                <button type="button" aria-label=state.tr(|t| t.previous_range) on:click=move |_| shift(false)>
                    "◀"
                </button>
                <strong class="range-label" aria-live="polite">
                    {move || state.texts().range(state.range.get())}
                </strong>
                <button type="button" aria-label=state.tr(|t| t.next_range) on:click=move |_| shift(true)>
                    "▶"
                </button>
            </div>
            <Toggle value=state.compare label=|t| t.compare_with_previous />
        </div>
    }
}
