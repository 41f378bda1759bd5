//! Decoded CSV text as records of cells (RFC 4180, as spreadsheets and
//! CRMs write it): the delimiter detected, quoted fields holding
//! delimiters, doubled quotes and line breaks, any line end.

use std::iter::Peekable;
use std::str::Chars;

use serde::{Deserialize, Serialize};

/// The largest file read: far above a year of CRM records, far below what
/// would freeze the page.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// The most text read: a file's, decoded to UTF-8, which takes 3 bytes for
/// the 2 of a Japanese character in Shift_JIS or UTF-16.
pub const MAX_TEXT_BYTES: usize = MAX_FILE_BYTES / 2 * 3;
/// The most records read.
pub const MAX_RECORDS: usize = 200_000;
/// The most cells read, over all records: what bounds the memory a file
/// takes when its records are wide and mostly empty.
pub const MAX_CELLS: usize = 4_000_000;
/// How many records the delimiter is guessed from.
const SNIFFED_RECORDS: usize = 20;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delimiter {
    #[default]
    Comma,
    Tab,
    /// As Excel writes CSV where the decimal separator is a comma.
    Semicolon,
}

impl Delimiter {
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Tab, Delimiter::Semicolon];

    pub fn char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Tab => '\t',
            Delimiter::Semicolon => ';',
        }
    }
}

/// One record: its cells and the line of the file it starts on (1-based;
/// a line break inside quotes makes the next record start lines later).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Record {
    /// The cell in `column`, trimmed; empty past the record's end.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", |c| c.trim())
    }

    /// The first cell with text, trimmed.
    pub fn first_text(&self) -> &str {
        self.cells
            .iter()
            .map(|c| c.trim())
            .find(|c| !c.is_empty())
            .unwrap_or_default()
    }

    pub fn is_blank(&self) -> bool {
        self.first_text().is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub delimiter: Delimiter,
    /// The header first; blank lines left out.
    pub records: Vec<Record>,
}

impl Table {
    /// The first record's cells (none in an empty file).
    pub fn header(&self) -> &[String] {
        self.records.first().map_or(&[], |r| &r.cells)
    }

    /// The records after the header.
    pub fn rows(&self) -> &[Record] {
        self.records.get(1..).unwrap_or_default()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the text is larger than {MAX_TEXT_BYTES} bytes")]
    TooLarge,
    #[error("the file has more than {MAX_RECORDS} records")]
    TooManyRecords,
    #[error("the file has more than {MAX_CELLS} cells")]
    TooManyCells,
}

/// Reads `text` with the delimiter that splits its first records most
/// consistently.
pub fn read_table(text: &str) -> Result<Table, ReadError> {
    read_table_with(text, detect_delimiter(text))
}

/// Reads `text` split by `delimiter`; a leading byte-order mark is dropped.
pub fn read_table_with(text: &str, delimiter: Delimiter) -> Result<Table, ReadError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(ReadError::TooLarge);
    }
    let mut records = Vec::new();
    let mut reader = Records::new(text, delimiter);
    for record in reader.by_ref() {
        if records.len() == MAX_RECORDS {
            return Err(ReadError::TooManyRecords);
        }
        records.push(record);
    }
    if reader.cells > MAX_CELLS {
        return Err(ReadError::TooManyCells);
    }
    Ok(Table { delimiter, records })
}

/// The delimiter whose split of the first records has the most records
/// with as many cells as the header (which has more than one); a comma
/// when none splits anything.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let score = |delimiter: Delimiter| {
        let mut widths = Records::new(text, delimiter)
            .take(SNIFFED_RECORDS)
            .map(|r| r.cells.len());
        let header = widths.next().unwrap_or(0);
        let consistent = widths.filter(|w| *w == header).count();
        (header > 1).then_some((consistent, header))
    };
    Delimiter::ALL
        .into_iter()
        .filter_map(|d| Some((score(d)?, d)))
        // The first of equals wins: comma, then tab.
        .reduce(|best, next| if next.0 > best.0 { next } else { best })
        .map_or(Delimiter::Comma, |(_, d)| d)
}

/// The records of a text, one at a time, blank lines skipped; none after
/// the one with the cell past [`MAX_CELLS`].
struct Records<'a> {
    chars: Peekable<Chars<'a>>,
    delimiter: char,
    line: usize,
    /// Cells read so far.
    cells: usize,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: Delimiter) -> Self {
        Records {
            chars: text
                .strip_prefix('\u{feff}')
                .unwrap_or(text)
                .chars()
                .peekable(),
            delimiter: delimiter.char(),
            line: 1,
            cells: 0,
        }
    }

    /// Consumes a line end that started with `c`; whether it was one.
    fn line_end(&mut self, c: char) -> bool {
        let is_end = match c {
            '\n' => true,
            '\r' => {
                self.chars.next_if_eq(&'\n');
                true
            }
            _ => false,
        };
        self.line += usize::from(is_end);
        is_end
    }

    /// The next record, blank or not; `None` at the end of the text.
    fn record(&mut self) -> Option<Record> {
        if self.cells > MAX_CELLS {
            return None;
        }
        self.chars.peek()?;
        let line = self.line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        // A quote opens a quoted part only at the start of a cell.
        let mut at_start = true;
        let mut quoted = false;
        while let Some(c) = self.chars.next() {
            if quoted {
                if c == '"' {
                    if self.chars.next_if_eq(&'"').is_some() {
                        cell.push('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    // The line end stays in the cell as written.
                    cell.push(c);
                    if c == '\r' && self.chars.peek() == Some(&'\n') {
                        continue;
                    }
                    self.line += usize::from(matches!(c, '\n' | '\r'));
                }
            } else if c == '"' && at_start {
                quoted = true;
            } else if c == self.delimiter {
                cells.push(std::mem::take(&mut cell));
                self.cells += 1;
                if self.cells > MAX_CELLS {
                    break;
                }
                at_start = true;
                continue;
            } else if self.line_end(c) {
                break;
            } else {
                cell.push(c);
            }
            at_start = false;
        }
        cells.push(cell);
        self.cells += 1;
        Some(Record { line, cells })
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            let record = self.record()?;
            if !matches!(record.cells.as_slice(), [only] if only.is_empty()) {
                return Some(record);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(usize, Vec<String>)> {
        let table = read_table(text).unwrap();
        table
            .records
            .into_iter()
            .map(|r| (r.line, r.cells))
            .collect()
    }

    #[test]
    fn delimiters_quotes_and_line_ends() {
        type Lines<'a> = &'a [(usize, &'a [&'a str])];
        let table: &[(&str, Delimiter, Lines)] = &[
            (
                "a,b\r\n1,2\r\n",
                Delimiter::Comma,
                &[(1, &["a", "b"]), (2, &["1", "2"])],
            ),
            (
                "a\tb\n1\t2",
                Delimiter::Tab,
                &[(1, &["a", "b"]), (2, &["1", "2"])],
            ),
            (
                "a;b\r1,5;2\r",
                Delimiter::Semicolon,
                &[(1, &["a", "b"]), (2, &["1,5", "2"])],
            ),
            (
                "\u{feff}name,n\n\"Acme, Inc.\",1\n\"say \"\"hi\"\"\",2\n",
                Delimiter::Comma,
                &[
                    (1, &["name", "n"]),
                    (2, &["Acme, Inc.", "1"]),
                    (3, &["say \"hi\"", "2"]),
                ],
            ),
            (
                "note,n\r\n\"two\r\nlines\",1\r\n\"three\n\nlines\",2\r\nlast,3",
                Delimiter::Comma,
                &[
                    (1, &["note", "n"]),
                    (2, &["two\r\nlines", "1"]),
                    (4, &["three\n\nlines", "2"]),
                    (7, &["last", "3"]),
                ],
            ),
            (
                "a,b\n\n\r\n1,\n,\n",
                Delimiter::Comma,
                &[(1, &["a", "b"]), (4, &["1", ""]), (5, &["", ""])],
            ),
            // A quote inside an unquoted cell is kept; text after a closing
            // quote too; an unclosed quote runs to the end.
            (
                "a,b\n5\" disk,\"x\"y\n\"open,1\n2",
                Delimiter::Comma,
                &[
                    (1, &["a", "b"]),
                    (2, &["5\" disk", "xy"]),
                    (3, &["open,1\n2"]),
                ],
            ),
            ("", Delimiter::Comma, &[]),
            ("\r\n\n", Delimiter::Comma, &[]),
            ("only", Delimiter::Comma, &[(1, &["only"])]),
        ];
        for (text, delimiter, expected) in table {
            assert_eq!(read_table(text).unwrap().delimiter, *delimiter, "{text:?}");
            let expected: Vec<(usize, Vec<String>)> = expected
                .iter()
                .map(|(line, cells)| (*line, cells.iter().map(|c| c.to_string()).collect()))
                .collect();
            assert_eq!(cells(text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_delimiter_follows_the_consistent_split_not_the_most_frequent_char() {
        // Semicolons with decimal commas: commas split rows unevenly.
        let text = "Period;Revenue;Leads\n2026-09;1,5;3\n2026-10;2;4\n2026-11;2,25;5\n";
        assert_eq!(detect_delimiter(text), Delimiter::Semicolon);
        // Commas and tabs inside quotes do not count.
        let text = "Name\tLeads\n\"a,b,c\"\t1\n\"d,e\"\t2\n";
        assert_eq!(detect_delimiter(text), Delimiter::Tab);
    }

    #[test]
    fn too_much_is_refused() {
        let many = "1\n".repeat(MAX_RECORDS + 1);
        assert_eq!(read_table(&many), Err(ReadError::TooManyRecords));
        assert_eq!(
            read_table(&many[..MAX_RECORDS * 2]).map(|t| t.records.len()),
            Ok(MAX_RECORDS)
        );
        let large = " ".repeat(MAX_TEXT_BYTES + 1);
        assert_eq!(read_table(&large), Err(ReadError::TooLarge));
        // Wide, mostly empty records: one, or many.
        let wide = ",".repeat(MAX_CELLS);
        assert_eq!(read_table(&wide), Err(ReadError::TooManyCells));
        assert_eq!(
            read_table(&wide[1..]).map(|t| t.records[0].cells.len()),
            Ok(MAX_CELLS)
        );
        let rows = format!("{}\n", ",".repeat(99)).repeat(MAX_CELLS / 100 + 1);
        assert_eq!(read_table(&rows), Err(ReadError::TooManyCells));
        // Japanese text of a file at its limit (2 bytes a character in
        // Shift_JIS or UTF-16) is within the text limit in UTF-8.
        assert!(MAX_FILE_BYTES / 2 * "あ".len() <= MAX_TEXT_BYTES);
    }
}

// proptest is a host-only dev-dependency; the wasm build runs browser tests only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::domain::csv::export::text;
    use proptest::prelude::*;

    /// Cells as a spreadsheet may hold them, quotes, commas and line
    /// breaks included; none starts like a formula (the export marks those).
    fn cell() -> impl Strategy<Value = String> {
        "[a-z0-9 ,\"\r\n期間]{0,6}".prop_filter("not formula-like", |c| {
            !c.starts_with(['=', '+', '-', '@', '\t', '\r'])
        })
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,64}|[,;\t\"\r\na]{0,64}") {
            let table = read_table(&text).unwrap();
            for record in &table.records {
                prop_assert!(record.line >= 1);
            }
        }

        #[test]
        fn what_the_export_writes_reads_back(
            rows in prop::collection::vec(prop::collection::vec(cell(), 2..5), 0..8)
        ) {
            let mut csv = String::from("\u{feff}");
            for row in &rows {
                let cells: Vec<String> = row.iter().map(|c| text(c).into_owned()).collect();
                csv.push_str(&cells.join(","));
                csv.push_str("\r\n");
            }
            let table = read_table(&csv).unwrap();
            let read: Vec<Vec<String>> = table.records.into_iter().map(|r| r.cells).collect();
            prop_assert_eq!(read, rows);
        }
    }
}
