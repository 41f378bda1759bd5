//! The PDCA page: one improvement cycle at a time in its four parts, the
//! Check computed from the counts, and the cycles before it as history.

mod parts;
pub mod review;
pub mod summary;

use leptos::prelude::*;

use self::parts::{ActPart, CheckPart, DoPart, PlanPart};
use super::state::use_app;
use crate::domain::edit::Edit;
use crate::domain::kpi::Status;
use crate::domain::pdca::check::check;
use crate::domain::pdca::{Cycle, CycleId};
use crate::i18n::{Problem, Texts};

/// "Nov 1, 2026 – Nov 30, 2026".
fn span(t: &Texts, cycle: &Cycle) -> String {
    format!("{} – {}", t.date(cycle.start), t.date(cycle.end))
}

#[component]
pub fn PdcaPage() -> impl IntoView {
    let state = use_app();
    // The cycle shown: the one picked, else the one holding today, else the last.
    let picked = RwSignal::new(None::<CycleId>);
    let shown = Memo::new(move |_| {
        let today = state.today.get();
        state.plan.with(|p| {
            picked
                .get()
                .filter(|id| p.cycle(*id).is_some())
                .or_else(|| p.cycle_on(today).map(|c| c.id))
                .or_else(|| p.cycles.last().map(|c| c.id))
        })
    });
    let error = RwSignal::new(None::<Problem>);
    let start = move |_| {
        let id = CycleId(state.session.fresh_id());
        let today = state.today.get_untracked();
        let cycle = state.plan.with_untracked(|p| p.new_cycle(id, today));
        let result = state.dispatch(Edit::AddCycle(Box::new(cycle)));
        if result.is_ok() {
            picked.set(Some(id));
        }
        error.set(result.err());
    };
    // Every cycle, latest first, with how many of its targets were met.
    let history = Memo::new(move |_| {
        let today = state.today.get();
        state.plan.with(|p| {
            p.cycles
                .iter()
                .rev()
                .map(|c| {
                    let checked = check(p, c, today);
                    let met = checked
                        .targets
                        .iter()
                        .filter(|t| t.status == Some(Status::OnTrack))
                        .count();
                    (c.id, c.clone(), met, checked.targets.len())
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page" aria-labelledby="pdca-heading">
            <h2 id="pdca-heading">{state.tr(|t| t.pdca.heading)}</h2>
            <p class="intro">{state.tr(|t| t.pdca.intro)}</p>
            // This month's cycle can be started whenever no cycle holds today
            // (after a pause, say), not only the first time.
            <Show when=move || state.plan.with(|p| p.cycle_on(state.today.get()).is_none())>
                <p class="empty-hint">
                    {move || shown.get().is_none().then(|| state.tr(|t| t.pdca.no_cycle))}
                    " "
                    <button type="button" on:click=start>{state.tr(|t| t.pdca.start_cycle)}</button>
                </p>
            </Show>
            {move || shown.get().map(|id| view! { <CycleView id=id picked=picked /> })}
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
            <section class="card" aria-labelledby="history-heading">
                <h3 id="history-heading">{state.tr(|t| t.pdca.history)}</h3>
                <ol class="cycle-history">
                    {move || {
                        let t = state.texts();
                        history
                            .get()
                            .into_iter()
                            .map(|(id, cycle, met, total)| {
                                let state_text = if cycle.closed { t.pdca.closed } else { t.pdca.open };
                                let result = Texts::fill(t.pdca.targets_met, &[&met.to_string(), &total.to_string()]);
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="link-like"
                                            aria-current=move || (shown.get() == Some(id)).then_some("true")
                                            on:click=move |_| picked.set(Some(id))
                                        >
                                            {span(t, &cycle)}
                                        </button>
                                        {format!(" · {state_text} · {result}")}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </section>
        </section>
    }
}

#[component]
fn CycleView(id: CycleId, picked: RwSignal<Option<CycleId>>) -> impl IntoView {
    let state = use_app();
    let cycle = Memo::new(move |_| state.plan.with(|p| p.cycle(id).cloned()));
    let closed = Memo::new(move |_| cycle.with(|c| c.as_ref().is_some_and(|c| c.closed)));
    let error = RwSignal::new(None::<Problem>);
    let close =
        move |closed: bool| error.set(state.dispatch(Edit::SetCycleClosed(id, closed)).err());
    // The next cycle, unless one already starts the day after this one.
    let has_next = Memo::new(move |_| {
        state.plan.with(|p| {
            p.cycle(id)
                .and_then(|c| c.end.succ_opt())
                .is_some_and(|day| p.cycle_on(day).is_some())
        })
    });
    let next = move |_| {
        let next_id = CycleId(state.session.fresh_id());
        let today = state.today.get_untracked();
        let next = state
            .plan
            .with_untracked(|p| p.cycle(id).and_then(|c| p.next_cycle(c, next_id, today)));
        if let Some(next) = next {
            let result = state.dispatch(Edit::AddCycle(Box::new(next)));
            if result.is_ok() {
                picked.set(Some(next_id));
            }
            error.set(result.err());
        }
    };
    let heading = move || {
        let t = state.texts();
        cycle.with(|c| {
            c.as_ref()
                .map(|c| Texts::fill(t.pdca.cycle_of, &[&span(t, c)]))
        })
    };
    view! {
        <article class="cycle" aria-labelledby="cycle-heading">
            <h3 id="cycle-heading">{heading}</h3>
            <Show when=move || closed.get()>
                <p class="notice" role="status">{state.tr(|t| t.pdca.closed_note)}</p>
            </Show>
            <fieldset class="cycle-parts" disabled=move || closed.get()>
                <legend class="visually-hidden">{heading}</legend>
                <PlanPart id=id cycle=cycle />
                <DoPart id=id cycle=cycle />
                <CheckPart id=id cycle=cycle />
                <ActPart id=id cycle=cycle />
            </fieldset>
            <div class="notice-actions">
                <Show
                    when=move || !closed.get()
                    fallback=move || view! { <button type="button" on:click=move |_| close(false)>{state.tr(|t| t.pdca.reopen_cycle)}</button> }
                >
                    <button type="button" on:click=move |_| close(true)>{state.tr(|t| t.pdca.close_cycle)}</button>
                </Show>
                <Show when=move || !has_next.get()>
                    <button type="button" on:click=next>{state.tr(|t| t.pdca.next_cycle)}</button>
                </Show>
            </div>
            <p class="hint">{state.tr(|t| t.pdca.next_rule)}</p>
            <p class="field-error" aria-live="polite">{move || error.get().map(|p| state.texts().problem(&p))}</p>
        </article>
    }
}
