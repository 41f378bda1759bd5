//! Leptos components. They only wire signals to the domain core: every rule
//! and every number comes from `domain`, every word from `i18n`.

mod chart_card;
mod dashboard;
mod flow;
mod grid;
mod kpi_cell;
mod kpi_strip;
mod kpis;
mod notices;
mod numbers;
mod range_toolbar;
mod state;
mod toggle;
mod validated_input;

use chrono::{Datelike, NaiveDate};
use leptos::ev;
use leptos::prelude::*;

use crate::charts::palette::{css_hex, department_colour};
use crate::domain::locale::Lang;
use crate::domain::month::Month;
use crate::domain::period::RangePreset;
use crate::domain::plan::{Department, KpiDisplay, KpiScope, Plan};
use crate::domain::presets::inside_sales;
use crate::i18n::texts;
use crate::route::Route;
use crate::storage::browser::BrowserStore;
use crate::storage::{load_lang, load_plan, save_lang, save_plan, Loaded, PLAN_KEY};

pub use state::{use_app, AppState, StorageNotice};

#[component]
pub fn App() -> impl IntoView {
    let store = BrowserStore::open();
    let lang = store
        .as_ref()
        .and_then(load_lang)
        .unwrap_or_else(browser_lang);
    let Start {
        plan,
        notice,
        may_save,
        save_now: save_at_start,
    } = initial_plan(store.as_ref(), lang);
    let may_save = RwSignal::new(may_save);
    let today = today();
    // The shared percentage KPIs make a sensible first trend.
    let initial_trend = plan
        .kpis_in(KpiScope::Shared)
        .filter(|k| k.display == KpiDisplay::Percent)
        .map(|k| k.id)
        .collect();
    let plan = RwSignal::new(plan);
    let state = AppState {
        plan,
        currency: Memo::new(move |_| plan.with(|p| p.currency)),
        lang: RwSignal::new(lang),
        today,
        range: RwSignal::new(RangePreset::default().range(today)),
        preset: RwSignal::new(Some(RangePreset::default())),
        compare: RwSignal::new(false),
        large_charts: RwSignal::new(false),
        trend_kpis: RwSignal::new(initial_trend),
        target_month: RwSignal::new(Month::clamped(today.year(), today.month())),
        notice: RwSignal::new(notice),
        save_error: RwSignal::new(None),
    };
    provide_context(state);

    // Autosave, debounced: a burst of keystrokes is written once, 300 ms
    // after the last, and at once when the page is hidden or closed, so
    // typing never waits for serialising a large plan.
    let save_now = move || {
        if !may_save.get_untracked() {
            return;
        }
        let Some(store) = BrowserStore::open() else {
            return;
        };
        let result = state.plan.with_untracked(|plan| save_plan(&store, plan));
        state.save_error.set(result.err());
    };
    let pending_save = StoredValue::new(None::<TimeoutHandle>);
    let flush = move || {
        if let Some(handle) = pending_save.get_value() {
            handle.clear();
            pending_save.set_value(None);
            save_now();
        }
    };
    Effect::new(move |first_run: Option<()>| {
        state.plan.track();
        // Loading is not a change, unless storage does not hold this plan yet.
        if first_run.is_none() {
            if save_at_start {
                save_now();
            }
            return;
        }
        if let Some(handle) = pending_save.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending_save.set_value(None);
                save_now();
            },
            std::time::Duration::from_millis(300),
        );
        pending_save.set_value(handle.ok());
    });
    let pagehide_listener = window_event_listener(ev::pagehide, move |_| flush());
    let visibility_listener = window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        }
    });
    on_cleanup(move || {
        pagehide_listener.remove();
        visibility_listener.remove();
    });

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

    // Another tab saved the plan: saving here would overwrite its work, so
    // this tab stops saving and asks for a reload.
    let storage_listener = window_event_listener(ev::storage, move |ev| {
        if ev.key().as_deref() == Some(PLAN_KEY) {
            may_save.set(false);
            state.notice.set(Some(StorageNotice::ChangedElsewhere));
        }
    });
    on_cleanup(move || storage_listener.remove());

    let route = RwSignal::new(current_route());
    let hash_listener = window_event_listener(ev::hashchange, move |_| route.set(current_route()));
    on_cleanup(move || hash_listener.remove());

    view! {
        <div class="app" style=department_colour_variables()>
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {move || state.texts().skip_to_content}
            </a>
            <header class="app-header">
                <div class="brand">
                    <h1>{move || state.texts().app_title}</h1>
                    <p class="tagline">{move || state.texts().tagline}</p>
                </div>
                <nav class="main-nav" aria-label=move || state.texts().main_navigation>
                    {Route::ALL
                        .into_iter()
                        .map(|r| {
                            view! {
                                <a
                                    href=r.hash()
                                    aria-current=move || (route.get() == r).then_some("page")
                                >
                                    {move || nav_label(state, r)}
                                </a>
                            }
                        })
                        .collect_view()}
                </nav>
                <label class="lang-picker">
                    <span>{move || state.texts().language}</span>
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
            </header>
            <notices::StorageNotices />
            <main id="main" tabindex="-1">
                {move || match route.get() {
                    Route::Flow => view! { <flow::FlowPage /> }.into_any(),
                    Route::Numbers => view! { <numbers::NumbersPage /> }.into_any(),
                    Route::Dashboard => view! { <dashboard::DashboardPage /> }.into_any(),
                    Route::Kpis => view! { <kpis::KpisPage /> }.into_any(),
                }}
            </main>
            <footer class="app-footer">
                <p>{move || state.texts().storage_note}</p>
            </footer>
        </div>
    }
}

fn nav_label(state: AppState, route: Route) -> &'static str {
    let t = state.texts();
    match route {
        Route::Flow => t.nav_flow,
        Route::Numbers => t.nav_numbers,
        Route::Dashboard => t.nav_dashboard,
        Route::Kpis => t.nav_kpis,
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

/// The plan the app starts with, and what it may do with storage.
struct Start {
    plan: Plan,
    notice: Option<StorageNotice>,
    /// False when stored data must be left alone.
    may_save: bool,
    /// True when storage does not hold this plan yet (first visit, or
    /// unreadable data already backed up): write it at once.
    save_now: bool,
}

/// Decides the starting plan from what storage holds.
fn initial_plan(store: Option<&BrowserStore>, lang: Lang) -> Start {
    let fresh = |notice, may_save, save_now| Start {
        plan: inside_sales(lang),
        notice,
        may_save,
        save_now,
    };
    let Some(store) = store else {
        return fresh(Some(StorageNotice::Unavailable), false, false);
    };
    match load_plan(store, js_sys::Date::now() as u64) {
        Ok(Loaded::Nothing) => fresh(None, true, true),
        Ok(Loaded::Plan(plan)) => Start {
            plan,
            notice: None,
            may_save: true,
            save_now: false,
        },
        Ok(Loaded::Recovered { backup_key, error }) => fresh(
            Some(StorageNotice::Recovered { backup_key, error }),
            true,
            true,
        ),
        Ok(Loaded::Untouchable { error }) => {
            fresh(Some(StorageNotice::Untouchable { error }), false, false)
        }
        Err(_) => fresh(Some(StorageNotice::Unavailable), false, false),
    }
}

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map_or(Lang::En, |tag| Lang::from_browser_tag(&tag))
}

fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::from_hash(&hash)
}

/// Today in the user's time zone, from the browser's clock.
fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// CSS custom properties with the department colours, taken from the chart
/// palette so the stylesheet and the charts always agree.
fn department_colour_variables() -> String {
    Department::ALL
        .into_iter()
        .map(|d| format!("--dept-{}: {};", d.key(), css_hex(department_colour(d))))
        .collect()
}
