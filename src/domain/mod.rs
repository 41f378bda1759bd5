//! The pure domain core: plan model, KPI math, number parsing and the file
//! format. Nothing in here knows about the browser, so all of it is tested
//! natively with `cargo test`.

pub mod format;
pub mod kpi;
pub mod locale;
pub mod month;
pub mod number;
pub mod plan;
pub mod presets;
