//! Storage and components in a real browser (headless Chromium through
//! wasm-bindgen-test-runner and ChromeDriver).
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use funnel_planner::domain::format::{Head, Stored};
use funnel_planner::domain::locale::Lang;
use funnel_planner::domain::period::{Granularity, Period};
use funnel_planner::domain::presets::inside_sales;
use funnel_planner::storage::browser::BrowserStore;
use funnel_planner::storage::{
    list_snapshots, load_lang, load_plan, plan_key, save_lang, save_plan, KeyValueStore, Loaded,
    SaveError, StoreError, BACKUP_KEY_PREFIX, MAIN_PLAN,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_store() -> BrowserStore {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    BrowserStore::open().expect("local storage is available in Chromium")
}

/// Saves as tab `tab` on top of `base`; returns the head written.
fn save(
    store: &BrowserStore,
    tab: u64,
    plan: &funnel_planner::domain::plan::Plan,
    base: &Head,
    d: u32,
) -> Result<Head, SaveError> {
    let head = base.next(tab);
    save_plan(store, MAIN_PLAN, plan, (base, &head), day(d), 1).map(|()| head)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

#[wasm_bindgen_test]
fn saves_and_loads_a_plan_through_local_storage() {
    let store = fresh_store();
    assert_eq!(load_plan(&store, MAIN_PLAN, 1), Ok(Loaded::Nothing));
    let mut plan = inside_sales(Lang::Ja);
    let leads = plan.stages[0].primary_metric;
    plan.set_entry(
        leads,
        Period::containing(Granularity::Day, day(24)),
        Some(1234),
    )
    .unwrap();
    let head = save(&store, 1, &plan, &Head::default(), 24).unwrap();
    assert_eq!(
        load_plan(&store, MAIN_PLAN, 1),
        Ok(Loaded::Plan(Box::new(Stored { plan, head })))
    );
}

#[wasm_bindgen_test]
fn another_tabs_newer_save_is_never_overwritten() {
    let store = fresh_store();
    let plan = inside_sales(Lang::En);
    let first = save(&store, 1, &plan, &Head::default(), 24).unwrap();
    save(&store, 2, &plan, &first, 24).unwrap();
    let theirs = store.get(&plan_key(MAIN_PLAN)).unwrap();
    let result = save(&store, 1, &plan, &first, 24);
    assert!(matches!(result, Err(SaveError::Newer(_))), "{result:?}");
    assert_eq!(store.get(&plan_key(MAIN_PLAN)).unwrap(), theirs);
}

#[wasm_bindgen_test]
fn corrupt_data_is_copied_to_a_backup_key() {
    let store = fresh_store();
    store.set(&plan_key(MAIN_PLAN), "{\"format\": 12").unwrap();
    let Ok(Loaded::Recovered { backup_key, .. }) = load_plan(&store, MAIN_PLAN, 42) else {
        panic!("corrupt data should be recovered");
    };
    assert_eq!(backup_key, format!("{BACKUP_KEY_PREFIX}42"));
    assert_eq!(
        store.get(&backup_key).unwrap().as_deref(),
        Some("{\"format\": 12")
    );
}

#[wasm_bindgen_test]
fn a_full_storage_fails_the_save_and_keeps_the_last_good_copy() {
    let store = fresh_store();
    let plan = inside_sales(Lang::En);
    let first = save(&store, 1, &plan, &Head::default(), 24).unwrap();
    let saved = store.get(&plan_key(MAIN_PLAN)).unwrap();
    // Chromium allows about 5 million characters per origin: fill it to
    // within a kilobyte, in ever smaller pieces.
    let mut filler = 0;
    for size in [1 << 20, 1 << 15, 1 << 10] {
        let piece = "x".repeat(size);
        while store.set(&format!("filler/{filler}"), &piece).is_ok() {
            filler += 1;
        }
    }
    // Two hundred more days of counts: several kilobytes more than fit.
    let mut bigger = plan.clone();
    let leads = bigger.stages[0].primary_metric;
    for offset in 0..200 {
        let date = day(1) - chrono::Days::new(offset);
        bigger
            .set_entry(leads, Period::containing(Granularity::Day, date), Some(1))
            .unwrap();
    }
    assert_eq!(
        save(&store, 1, &bigger, &first, 24),
        Err(SaveError::Store(StoreError::QuotaExceeded))
    );
    assert_eq!(store.get(&plan_key(MAIN_PLAN)).unwrap(), saved);
    fresh_store();
}

#[wasm_bindgen_test]
fn snapshots_are_kept_and_listed_through_local_storage() {
    let store = fresh_store();
    let plan = inside_sales(Lang::En);
    let mut head = Head::default();
    for d in 1..=3 {
        head = save(&store, 1, &plan, &head, d).unwrap();
    }
    let days: Vec<_> = list_snapshots(&store, MAIN_PLAN)
        .iter()
        .map(|s| s.day)
        .collect();
    assert_eq!(days, [day(2), day(1)]);
    assert!(store.keys().unwrap().len() >= 4);
}

#[wasm_bindgen_test]
fn language_preference_is_kept() {
    let store = fresh_store();
    save_lang(&store, Lang::Ja).unwrap();
    assert_eq!(load_lang(&store), Some(Lang::Ja));
}

fn input(id: &str) -> web_sys::HtmlInputElement {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no element #{id}"))
        .dyn_into()
        .unwrap()
}

/// Scrolls the grid down, as a user would, until field `id` is rendered:
/// the grid renders only the rows in view.
async fn scroll_to_field(id: &str) {
    let grid: web_sys::Element = document()
        .query_selector(".grid-scroll")
        .unwrap()
        .expect("the grid");
    for _ in 0..20 {
        if document().get_element_by_id(id).is_some() {
            return;
        }
        grid.set_scroll_top(grid.scroll_top() + grid.client_height() / 2);
        // The browser sends `scroll` only at its next frame.
        grid.dispatch_event(&web_sys::Event::new("scroll").unwrap())
            .unwrap();
        leptos::task::tick().await;
    }
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Types into a field the way a browser does: Leptos delegates events to
/// the document, so the event must bubble.
fn type_into(id: &str, text: &str) {
    let field = input(id);
    field.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    field.dispatch_event(&event).unwrap();
}

/// Focus leaves a field (the field listens for `blur` itself: it does not bubble).
fn leave(id: &str) {
    input(id)
        .dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
}

/// A key pressed with Ctrl, as the keyboard sends it to the focused page.
fn press_with_ctrl(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().dispatch_event(&event).unwrap();
}

fn text_of(selector: &str) -> String {
    document()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn field_error(id: &str) -> String {
    text_of(&format!("#{id}-error"))
}

#[wasm_bindgen_test]
async fn typing_counts_updates_rates_and_saves() {
    fresh_store();
    save_lang(&BrowserStore::open().unwrap(), Lang::En).unwrap();
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/numbers")
        .unwrap();
    let container = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let mounted = leptos::mount::mount_to(container.unchecked_into(), funnel_planner::ui::App);

    // The default range is the last three months; column 2 is this month.
    // Leads, nurtured leads and opportunities are metrics 2, 11 and 21.
    for (id, count) in [
        ("cell-2-2", "1000"),
        ("cell-11-2", "250"),
        ("cell-21-2", "40"),
    ] {
        scroll_to_field(id).await;
        type_into(id, count);
    }
    leptos::task::tick().await;
    let funnel = text_of(".count-table");
    assert!(
        funnel.contains("25.0%") && funnel.contains("16.0%") && funnel.contains("4.0%"),
        "{funnel}"
    );

    // Leaving the field ends that edit; the next typing is a new one.
    leave("cell-21-2");
    type_into("cell-21-2", "-1");
    leptos::task::tick().await;
    assert_eq!(field_error("cell-21-2"), "Counts cannot be negative.");
    assert!(
        text_of(".count-table").contains("16.0%"),
        "the last valid count stays"
    );

    // Ctrl+Z takes back the last field's typing as one step; the field drops
    // its invalid text and shows the plan again. Ctrl+Y brings it back.
    press_with_ctrl("z");
    // The field's own effect resets it, then the view shows the plan.
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert_eq!(input("cell-21-2").value(), "");
    assert_eq!(field_error("cell-21-2"), "");
    assert!(
        !text_of(".count-table").contains("16.0%"),
        "the funnel no longer counts the undone 40"
    );
    press_with_ctrl("y");
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert_eq!(input("cell-21-2").value(), "40");
    assert!(text_of(".count-table").contains("16.0%"));

    // Saves are debounced; leaving the page writes at once.
    let pagehide = web_sys::Event::new("pagehide").unwrap();
    web_sys::window()
        .unwrap()
        .dispatch_event(&pagehide)
        .unwrap();
    let saved = BrowserStore::open()
        .unwrap()
        .get(&plan_key(MAIN_PLAN))
        .unwrap()
        .unwrap();
    assert!(
        saved.contains("\"entries\"") && saved.contains(":250"),
        "{saved}"
    );
    drop(mounted);
}

#[wasm_bindgen_test]
fn every_dashboard_chart_draws_on_a_canvas() {
    use funnel_planner::charts::dashboard::{
        conversion_vs_target, lost_reasons, targets_vs_actual, trend,
    };
    use funnel_planner::charts::funnel::FunnelChart;
    use funnel_planner::charts::{Chart, ChartStyle};
    use funnel_planner::domain::month::Month;
    use funnel_planner::domain::period::PeriodRange;
    use funnel_planner::i18n::texts;
    use plotters::prelude::IntoDrawingArea;
    use plotters_canvas::CanvasBackend;

    // Each chart is drawn from the seed counts and from a plan with none:
    // the two pictures must differ, so a chart that ignores its data (and
    // shows only its background or axes) fails.
    let draw = |chart: &Chart| {
        let canvas: web_sys::HtmlCanvasElement = document()
            .create_element("canvas")
            .unwrap()
            .unchecked_into();
        canvas.set_width(800);
        canvas.set_height(chart.preferred_height());
        let backend = CanvasBackend::with_canvas_object(canvas.clone()).expect("a 2D context");
        chart
            .draw(&backend.into_drawing_area(), &ChartStyle::default())
            .expect("draws");
        canvas.to_data_url().unwrap()
    };
    for lang in Lang::ALL {
        let empty = inside_sales(lang);
        let mut plan = empty.clone();
        let november = Period::containing(
            Granularity::Month,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        );
        for (i, count) in [1000, 250, 40, 30, 12].into_iter().enumerate() {
            let metric = plan.stages[i].primary_metric;
            plan.set_entry(metric, november, Some(count)).unwrap();
        }
        let lost = plan.metrics.iter().find(|m| m.lost_reason).unwrap().id;
        plan.set_entry(lost, november, Some(3)).unwrap();
        let month = Month::new(2026, 11).unwrap();
        for stage in plan.stages.clone() {
            plan.set_count_target(stage.id, month, Some(50)).unwrap();
            plan.set_step_target(stage.id, month, Some(0.2)).unwrap();
        }
        let range = PeriodRange::ending_at(november, 3);
        let t = texts(lang);
        // The shared conversions read the stage counts entered above.
        let kpis: Vec<_> = plan
            .kpis_in(funnel_planner::domain::plan::KpiScope::Shared)
            .map(|k| k.id)
            .take(2)
            .collect();
        let charts = |plan: &funnel_planner::domain::plan::Plan| {
            [
                Chart::Funnel(FunnelChart::from_plan(plan, range, t)),
                Chart::Bars(conversion_vs_target(plan, range, t)),
                Chart::Bars(targets_vs_actual(plan, month, t)),
                Chart::Bars(lost_reasons(plan, range, t)),
                Chart::Trend(trend(plan, range, &kpis, t)),
            ]
        };
        for (i, (with_data, without)) in charts(&plan).iter().zip(charts(&empty).iter()).enumerate()
        {
            let same = draw(with_data) == draw(without);
            assert!(!same, "{lang:?}, chart {i}: the data is drawn");
        }
    }
}

/// A window whose storage throws (blocked cookies, some private modes): the
/// app starts in memory and says, without a way to dismiss it, that nothing
/// is saved. (Synchronous: the other tests must not see storage throw.)
#[wasm_bindgen_test]
fn without_storage_the_app_starts_and_says_it_does_not_save() {
    fresh_store();
    js_sys::eval(
        "window.realStorage = Object.getOwnPropertyDescriptor(window, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, \
         get() { throw new DOMException('denied', 'SecurityError'); } })",
    )
    .unwrap();
    let container = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let mounted =
        leptos::mount::mount_to(container.clone().unchecked_into(), funnel_planner::ui::App);
    js_sys::eval("Object.defineProperty(window, 'localStorage', window.realStorage)").unwrap();
    let banner = text_of(".notice-error");
    assert!(banner.contains("storage is unavailable"), "{banner}");
    let actions: Vec<String> = (0..container
        .query_selector_all(".notice-error button")
        .unwrap()
        .length())
        .filter_map(|i| {
            container
                .query_selector_all(".notice-error button")
                .unwrap()
                .item(i)
        })
        .filter_map(|b| b.text_content())
        .collect();
    assert_eq!(
        actions,
        ["Download plan (JSON)"],
        "a way out, and no dismiss"
    );
    drop(mounted);
}

#[wasm_bindgen_test]
async fn the_browser_deflates_and_inflates_within_a_limit() {
    use funnel_planner::ui::compression::{deflate, inflate, StreamError};
    let text = "Lead generation, Lead nurturing, ".repeat(200);
    let deflated = deflate(text.as_bytes()).await.unwrap();
    assert!(deflated.len() < text.len() / 10, "{} bytes", deflated.len());
    assert_eq!(
        inflate(&deflated, text.len()).await.unwrap(),
        text.as_bytes()
    );
    // One byte over the limit is refused, however small the input.
    let over = inflate(&deflated, text.len() - 1).await;
    assert!(
        matches!(over, Err(StreamError::TooLarge)),
        "{:?}",
        over.map(|b| b.len())
    );
    let zeros = vec![0_u8; 8 * 1024 * 1024];
    let bomb = deflate(&zeros).await.unwrap();
    assert!(bomb.len() < 20_000, "{} bytes", bomb.len());
    let over = inflate(&bomb, 1024).await;
    assert!(
        matches!(over, Err(StreamError::TooLarge)),
        "{:?}",
        over.map(|b| b.len())
    );
    // Cut or foreign data is refused, never read as something else.
    assert_eq!(
        inflate(&deflated[..deflated.len() / 2], text.len()).await,
        Err(StreamError::Failed)
    );
    assert_eq!(
        inflate(b"not deflate data", 1024).await,
        Err(StreamError::Failed)
    );
}
