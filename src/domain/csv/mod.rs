//! Counts to and from spreadsheets. `export` writes the counts in view as
//! CSV that Excel and other spreadsheets open as they are; the rest reads
//! a CSV file back: its encoding sniffed (`encoding`), its records read
//! (`read`), its dates read (`cells`).

pub mod cells;
pub mod encoding;
pub mod export;
pub mod read;
