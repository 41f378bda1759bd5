//! Counts to and from spreadsheets. `export` writes the counts in view as
//! CSV that Excel and other spreadsheets open as they are.

pub mod export;
