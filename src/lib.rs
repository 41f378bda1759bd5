//! Funnel Planner: a browser-only planning and KPI workbench for B2B sales.
//!
//! Dependencies flow one way: `domain` (pure model and math) ← `i18n`,
//! `route`, `charts` (pure presentation, drawn on any plotters backend) and
//! `grid_window` (which part of a long grid to render)
//! ← `storage` (save/load rules; its browser adapter is wasm-only) ← `ui`
//! (Leptos components that wire signals to the core, wasm-only).

pub mod charts;
pub mod domain;
pub mod grid_window;
pub mod i18n;
pub mod route;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Entry point of the browser build.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}
