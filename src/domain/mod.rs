//! The pure domain core: plan model, periods and roll-ups, KPI math, number
//! parsing and the file format with its migrations. Nothing in here knows
//! about the browser, so all of it is tested natively with `cargo test`.

pub mod actions;
pub mod csv;
pub mod departments;
pub mod diagnosis;
pub mod edit;
pub mod entries;
#[cfg(not(target_arch = "wasm32"))]
pub mod fixtures;
pub mod format;
pub mod grid;
pub mod ids;
pub mod kpi;
pub mod locale;
pub mod members;
pub mod money;
pub mod month;
pub mod number;
pub mod order;
pub mod pdca;
pub mod period;
pub mod plan;
pub mod plan_file;
pub mod planning;
pub mod presets;
pub mod share;
pub mod sla;
pub mod swimlane;
