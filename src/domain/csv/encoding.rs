//! Which encoding a CSV file's bytes are in. The browser's `TextDecoder`
//! decodes them (it carries the Shift_JIS table, so the bundle need not);
//! this only guesses the label to give it, which the user can override.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextEncoding {
    #[default]
    Utf8,
    Utf16Le,
    Utf16Be,
    /// As Excel in Japan saves "CSV (comma delimited)" (in fact Windows-31J,
    /// which the WHATWG `shift_jis` decoder reads).
    ShiftJis,
}

impl TextEncoding {
    pub const ALL: [TextEncoding; 4] = [
        TextEncoding::Utf8,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::ShiftJis,
    ];

    /// The WHATWG label `TextDecoder` takes.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::ShiftJis => "shift_jis",
        }
    }
}

/// The encoding of a file: its byte-order mark, else UTF-8 when the bytes
/// are valid UTF-8, else Shift_JIS when they could be, else UTF-8 (the
/// decoder then shows what it cannot read as U+FFFD).
pub fn sniff(bytes: &[u8]) -> TextEncoding {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => TextEncoding::Utf8,
        [0xFF, 0xFE, ..] => TextEncoding::Utf16Le,
        [0xFE, 0xFF, ..] => TextEncoding::Utf16Be,
        _ if std::str::from_utf8(bytes).is_ok() => TextEncoding::Utf8,
        _ if could_be_shift_jis(bytes) => TextEncoding::ShiftJis,
        _ => TextEncoding::Utf8,
    }
}

/// Whether every byte is ASCII, a half-width katakana, or a lead byte
/// followed by a byte that may trail it.
fn could_be_shift_jis(bytes: &[u8]) -> bool {
    let mut bytes = bytes.iter();
    while let Some(&byte) = bytes.next() {
        match byte {
            0x00..=0x7F | 0xA1..=0xDF => {}
            0x81..=0x9F | 0xE0..=0xFC => {
                if !matches!(bytes.next(), Some(0x40..=0x7E | 0x80..=0xFC)) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        bytes
    }

    /// Decodes as the browser would with the sniffed label.
    fn decode(bytes: &[u8]) -> String {
        let encoding = encoding_rs::Encoding::for_label(sniff(bytes).label().as_bytes())
            .expect("every label is a WHATWG label");
        encoding.decode(bytes).0.into_owned()
    }

    const SAMPLE: &str = "期間,リード数\r\n2026年9月,１，２００\r\n";

    #[test]
    fn each_encoding_is_sniffed_and_decodes_to_the_text() {
        let (shift_jis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(SAMPLE);
        assert!(!unmappable);
        let ascii = "Period,Leads\r\n";
        let table: [(Vec<u8>, TextEncoding, &str); 6] = [
            (SAMPLE.as_bytes().to_vec(), TextEncoding::Utf8, SAMPLE),
            (
                [b"\xEF\xBB\xBF", SAMPLE.as_bytes()].concat(),
                TextEncoding::Utf8,
                SAMPLE,
            ),
            (utf16(SAMPLE, true), TextEncoding::Utf16Le, SAMPLE),
            (utf16(SAMPLE, false), TextEncoding::Utf16Be, SAMPLE),
            (shift_jis.into_owned(), TextEncoding::ShiftJis, SAMPLE),
            (ascii.as_bytes().to_vec(), TextEncoding::Utf8, ascii),
        ];
        for (bytes, expected, text) in table {
            assert_eq!(sniff(&bytes), expected, "{bytes:?}");
            // The decoder drops the byte-order mark.
            assert_eq!(decode(&bytes), text);
        }
    }

    #[test]
    fn bytes_that_are_neither_are_read_as_utf8() {
        // Windows-1252 "Café," then a comma: 0xE9 leads no Shift_JIS pair.
        assert_eq!(sniff(b"Caf\xE9,1"), TextEncoding::Utf8);
        // A Shift_JIS lead byte cut off at the end.
        assert_eq!(sniff(b"abc\x82"), TextEncoding::Utf8);
        assert_eq!(sniff(b""), TextEncoding::Utf8);
        // Half-width katakana alone (ｱ) is plausible Shift_JIS.
        assert_eq!(sniff(b"\xB1"), TextEncoding::ShiftJis);
    }
}
