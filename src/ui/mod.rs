//! Leptos components. They only wire signals to the domain core: every rule
//! and every number comes from `domain`, every word from `i18n`.

pub(crate) mod actions;
mod bottleneck;
mod chart_backend;
mod chart_card;
pub mod compression;
mod csv_import;
mod dashboard;
mod download;
mod file_input;
mod file_problems;
mod flow;
mod getting_started;
mod grid;
mod history_buttons;
mod kpi_cell;
mod kpi_strip;
mod kpis;
mod numbers;
mod pdca;
mod planning;
mod plans;
mod present;
mod range_toolbar;
mod save_status;
mod session;
mod sla_compliance;
mod sla_sheet;
mod snapshots;
mod state;
mod summary;
mod swimlane;
mod team;
mod toggle;
mod validated_input;

use chrono::Datelike;
use leptos::ev;
use leptos::prelude::*;

use crate::charts::palette::{css_hex, hue_colour};
use crate::domain::departments::Hue;
use crate::domain::locale::Lang;
use crate::domain::month::Month;
use crate::domain::period::{RangeChoice, RangePreset};
use crate::domain::plan::{KpiDisplay, KpiScope};
use crate::i18n::texts;
use crate::route::{in_plan, plan_in_hash, present_href, Route};
use crate::storage::browser::BrowserStore;
use crate::storage::{load_lang, load_range, save_lang, save_range};

use session::{today, Session};
pub use state::{use_app, AppState};

/// How often the page looks whether the day has changed.
const DAY_CHECK_SECONDS: u64 = 30;

#[component]
pub fn App() -> impl IntoView {
    let lang = BrowserStore::open()
        .as_ref()
        .and_then(load_lang)
        .unwrap_or_else(browser_lang);
    let (session, start_notice) = Session::start(lang);
    let plan = session.plan();
    let today = today();
    let chosen = BrowserStore::open()
        .as_ref()
        .and_then(|store| load_range(store, today))
        .unwrap_or(RangeChoice::Preset(RangePreset::default()));
    // The shared percentage KPIs make a sensible first trend.
    let initial_trend = plan.with_untracked(|plan| {
        plan.kpis_in(KpiScope::Shared)
            .filter(|k| k.display == KpiDisplay::Percent)
            .map(|k| k.id)
            .collect()
    });
    let state = AppState {
        plan,
        session,
        currency: Memo::new(move |_| plan.with(|p| p.currency)),
        lang: RwSignal::new(lang),
        today: RwSignal::new(today),
        range: RwSignal::new(chosen.range(today)),
        preset: RwSignal::new(match chosen {
            RangeChoice::Preset(preset) => Some(preset),
            RangeChoice::Custom(_) => None,
        }),
        compare: RwSignal::new(false),
        counter: RwSignal::new(Default::default()),
        large_charts: RwSignal::new(false),
        trend_kpis: RwSignal::new(initial_trend),
        target_month: RwSignal::new(Month::clamped(today.year(), today.month())),
        start_notice: RwSignal::new(start_notice),
    };
    provide_context(state);
    let shortcuts = window_event_listener(ev::keydown, move |ev| history_shortcut(session, &ev));
    on_cleanup(move || shortcuts.remove());

    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(store) = BrowserStore::open() {
            // A language that cannot be remembered is harmless; the plan matters.
            let _ = save_lang(&store, lang);
        }
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            document.set_title(texts(lang).app_title);
        }
    });

    // The view and range chosen are there again after a reload.
    Effect::new(move |first: Option<()>| {
        let choice = match state.preset.get() {
            Some(preset) => RangeChoice::Preset(preset),
            None => RangeChoice::Custom(state.range.get()),
        };
        if first.is_some() {
            if let Some(store) = BrowserStore::open() {
                let _ = save_range(&store, choice);
            }
        }
    });

    // A page left open overnight (a dashboard on the wall) moves on to the
    // new day: a preset range follows it, a range the user picked stays.
    let clock = set_interval_with_handle(
        move || {
            let now = session::today();
            if state.today.get_untracked() != now {
                state.today.set(now);
                if let Some(preset) = state.preset.get_untracked() {
                    state.range.set(preset.range(now));
                }
            }
        },
        std::time::Duration::from_secs(DAY_CHECK_SECONDS),
    )
    .ok();
    on_cleanup(move || {
        if let Some(clock) = clock {
            clock.clear();
        }
    });

    let route = RwSignal::new(current_route());
    // The address the presentation was entered from in this visit, where
    // leaving it goes back to (a share link's data and all).
    let presenting_from = RwSignal::new(None::<String>);
    let hash_listener = window_event_listener(ev::hashchange, move |ev| {
        let hash = current_hash();
        match plan_in_hash(&hash) {
            // Another plan: save this one, and start afresh with that one.
            Some(id) if id != session.plan_id() => {
                if session.leave() {
                    let _ = window().location().reload();
                } else {
                    // Unsaved changes stay in view, and the address they were at.
                    show_in_url(&ev.old_url());
                }
                return;
            }
            Some(_) => {}
            // A share link is no page of the open plan.
            None if Route::from_hash(&hash) == Route::Share => {}
            // A link inside the plan: the URL keeps naming the plan.
            None => show_in_url(&in_plan(&hash, &session.plan_id())),
        }
        let next = Route::from_hash(&hash);
        let previous = route.get_untracked();
        // Moving between the presentation's steps keeps the page mounted.
        if !(next == Route::Present && previous == Route::Present) {
            presenting_from.set((next == Route::Present).then(|| ev.old_url()));
            route.set(next);
        }
    });
    on_cleanup(move || hash_listener.remove());

    view! {
        <div class="app" class:presenting=move || route.get() == Route::Present>
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {state.tr(|t| t.skip_to_content)}
            </a>
            <header class="app-header">
                <div class="brand">
                    <h1>{state.tr(|t| t.app_title)}</h1>
                    <p class="tagline">{state.tr(|t| t.tagline)}</p>
                </div>
                <nav class="main-nav" aria-label=state.tr(|t| t.main_navigation)>
                    {Route::NAV
                        .into_iter()
                        .map(|r| {
                            view! {
                                <a
                                    href=move || r.href(&session.open_id())
                                    aria-current=move || (route.get() == r).then_some("page")
                                >
                                    {move || nav_label(state, r)}
                                </a>
                            }
                        })
                        .collect_view()}
                </nav>
                <div class="header-tools">
                    <a class="present-link" href=move || present_href(&session.open_id(), 1)>
                        "▶ " {state.tr(|t| t.present.link)}
                    </a>
                    <history_buttons::HistoryButtons />
                    <save_status::SaveStatus />
                    <label class="lang-picker">
                    <span>{state.tr(|t| t.language)}</span>
                    <select
                        prop:value=move || state.lang.get().code()
                        on:change=move |ev| {
                            if let Ok(lang) = event_target_value(&ev).parse() {
                                state.lang.set(lang);
                            }
                        }
                    >
                        <option value="ja">"日本語"</option>
                        <option value="en">"English"</option>
                        </select>
                    </label>
                </div>
            </header>
            <save_status::SaveNotices />
            <main id="main" tabindex="-1">
                {move || match route.get() {
                    Route::Flow => view! { <flow::FlowPage /> }.into_any(),
                    Route::Numbers => view! { <numbers::NumbersPage /> }.into_any(),
                    Route::Team => view! { <team::TeamPage /> }.into_any(),
                    Route::Dashboard => view! { <dashboard::DashboardPage /> }.into_any(),
                    Route::Kpis => view! { <kpis::KpisPage /> }.into_any(),
                    Route::Planning => view! { <planning::PlanningPage /> }.into_any(),
                    Route::Pdca => view! { <pdca::PdcaPage /> }.into_any(),
                    Route::Review => view! { <pdca::review::ReviewPage /> }.into_any(),
                    Route::Plans => view! { <plans::PlansPage /> }.into_any(),
                    Route::SlaSheet => view! { <sla_sheet::SlaSheetPage /> }.into_any(),
                    Route::Summary => view! { <summary::SummaryPage /> }.into_any(),
                    Route::Present => {
                        view! { <present::PresentPage from=presenting_from.read_only() /> }.into_any()
                    }
                    Route::Share => view! { <plans::share::SharePage /> }.into_any(),
                }}
            </main>
            <footer class="app-footer">
                <p>{state.tr(|t| t.storage_note)}</p>
                <snapshots::Snapshots />
            </footer>
        </div>
    }
}

fn nav_label(state: AppState, route: Route) -> &'static str {
    let t = state.texts();
    match route {
        Route::Flow => t.nav_flow,
        Route::Numbers => t.nav_numbers,
        Route::Team => t.team.nav,
        Route::Dashboard => t.nav_dashboard,
        Route::Kpis => t.nav_kpis,
        Route::Planning => t.planning.nav,
        Route::Pdca => t.pdca.nav,
        Route::Review => t.review.nav,
        Route::Plans => t.plans.nav,
        Route::SlaSheet => t.sheet_heading,
        Route::Summary => t.summary.heading,
        Route::Present => t.present.link,
        Route::Share => t.plans.share_page_heading,
    }
}

/// The skip link must not change the route fragment, so it focuses by hand.
fn skip_to_main(ev: ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        if let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main) {
            let _ = main.focus();
        }
    }
}

/// Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo (⌘ on macOS), wherever
/// the focus is: a field's typing is one step of the app's history.
fn history_shortcut(session: Session, ev: &ev::KeyboardEvent) {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
        return;
    }
    match (ev.key().as_str(), ev.shift_key()) {
        ("z" | "Z", false) => session.undo(),
        ("z" | "Z", true) | ("y" | "Y", false) => session.redo(),
        _ => return,
    }
    ev.prevent_default();
}

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map_or(Lang::En, |tag| Lang::from_browser_tag(&tag))
}

pub(crate) fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

fn current_route() -> Route {
    Route::from_hash(&current_hash())
}

/// Moves the focus to an element once it is drawn (after a change that
/// removes the element that had it).
pub(crate) fn focus_on(id: String) {
    request_animation_frame(move || {
        let element = document()
            .get_element_by_id(&id)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

/// Puts `href` in the address bar without a new history entry.
pub(crate) fn show_in_url(href: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
}

/// Puts a select back on what the plan holds after the plan refused the
/// choice: the plan did not change, so nothing renders the select again.
pub(crate) fn reset_select(ev: &ev::Event, value: &str) {
    use wasm_bindgen::JsCast;
    if let Some(select) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        select.set_value(value);
    }
}

/// Opens the browser's print dialog; the print stylesheet leaves only the
/// page's sheet.
pub(crate) fn print_page(_: ev::MouseEvent) {
    if let Some(window) = web_sys::window() {
        // Nothing to tell the user when the browser offers no printing.
        let _ = window.print();
    }
}

/// A select's options from `(value, label)` pairs, the chosen one selected.
pub(crate) fn select_options(choices: Vec<(String, String)>, chosen: String) -> impl IntoView {
    choices
        .into_iter()
        .map(|(value, label)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view()
}

/// The departments as options of a select. Keyed by id with the name
/// inside: renaming a department must not replace the chosen option. One
/// function for every such select, so the keyed list is compiled once.
pub(crate) fn department_options(state: AppState) -> impl IntoView {
    view! {
        <For each=move || state.department_ids() key=|id| *id let:department>
            <option value=department.0.to_string()>{move || state.department_name(department)}</option>
        </For>
    }
}

/// A department's colour for the stylesheet (`--dept`, used by swatches and
/// card borders), taken from the chart palette so the two always agree.
pub(crate) fn department_style(hue: Hue) -> String {
    format!("--dept: {}", css_hex(hue_colour(hue)))
}
