//! The agreement sheet the workshop signs: every agreement with its
//! criteria as a checklist, its follow-up, its promises and a signature
//! line for each department, in the UI language, under the flow drawn as
//! swimlanes. On screen it is the print
//! preview; the print stylesheet leaves only the sheet, on A4 or Letter.

use leptos::prelude::*;

use super::print_page;
use super::sla_compliance::promise_text;
use super::state::use_app;
use super::swimlane::SwimlaneDiagram;
use crate::i18n::Texts;
use crate::route::Route;

#[component]
pub fn SlaSheetPage() -> impl IntoView {
    let state = use_app();
    let cards = move || {
        let t = state.texts();
        state.plan.with(|p| {
            p.sla_cards
                .iter()
                .map(|card| {
                    let parties: Vec<String> = [card.from, card.to]
                        .into_iter()
                        .filter_map(|id| p.department(id).map(|d| d.name.clone()))
                        .collect();
                    let promises: Vec<String> = card
                        .thresholds
                        .iter()
                        .map(|th| promise_text(p, t, th))
                        .collect();
                    (
                        p.sla_name(card),
                        card.criteria.clone(),
                        card.follow_up.clone(),
                        promises,
                        parties,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let meta = move || {
        let t = state.texts();
        let plan = state.plan.with(|p| p.name.clone());
        let day = t.date(state.today.get());
        format!("{plan} · {}", Texts::fill(t.sheet_agreed_on, &[&day]))
    };
    view! {
        <section class="page sla-sheet" aria-labelledby="sla-sheet-heading">
            <div class="sheet-actions">
                <a href=move || state.href(Route::Flow)>"← " {state.tr(|t| t.sheet_back)}</a>
                <button type="button" class="primary" on:click=print_page>{state.tr(|t| t.sheet_print)}</button>
            </div>
            <h2 id="sla-sheet-heading">{state.tr(|t| t.sheet_heading)}</h2>
            <p class="sheet-meta">{meta}</p>
            <section class="sheet-flow" aria-labelledby="sheet-flow-heading">
                <h3 id="sheet-flow-heading">{state.tr(|t| t.swimlane.heading)}</h3>
                <SwimlaneDiagram />
            </section>
            {move || {
                let t = state.texts();
                let cards = cards();
                if cards.is_empty() {
                    return view! {
                        <p class="empty-hint">
                            {t.no_agreements} " " <a href=state.href(Route::Flow)>{t.nav_flow}</a>
                        </p>
                    }
                    .into_any();
                }
                cards
                    .into_iter()
                    .map(|(name, criteria, follow_up, promises, parties)| {
                        view! {
                            <article class="sheet-card">
                                <h3>{name}</h3>
                                <h4>{t.sheet_criteria}</h4>
                                <ul class="checklist">
                                    {criteria.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                                </ul>
                                <h4>{t.sla_follow_up}</h4>
                                <p class="sheet-follow-up">{follow_up}</p>
                                <h4>{t.promises_heading}</h4>
                                <ul class="sheet-promises">
                                    {promises.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                                </ul>
                                <div class="signatures">
                                    {parties
                                        .into_iter()
                                        .map(|party| {
                                            view! {
                                                <div class="signature">
                                                    <span class="signature-line"></span>
                                                    <span>{party} " · " {t.sheet_signature}</span>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            </article>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}
