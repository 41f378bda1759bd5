//! The one place where numbers typed by people become counts.
//!
//! People paste from spreadsheets and type with Japanese input methods, so
//! the parser accepts thousands separators ("1,234"), full-width digits
//! ("１２３") and surrounding spaces, and rejects everything else with a
//! reason the UI can show next to the field.

/// The largest count a field accepts. Far above any real funnel, yet small
/// enough that sums over thousands of periods never overflow a `u64`.
pub const MAX_COUNT: u64 = 999_999_999_999;

/// The largest stored value: a maximal amount in cents (two decimals).
pub const MAX_ENTRY: u64 = (MAX_COUNT + 1) * 100 - 1;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CountError {
    #[error("enter a number")]
    Empty,
    #[error("counts cannot be negative")]
    Negative,
    #[error("counts are whole numbers")]
    NotWhole,
    #[error("too many decimal places")]
    TooManyDecimals,
    #[error("too large (at most {MAX_COUNT})")]
    TooLarge,
    #[error("not a number")]
    NotANumber,
}

/// Parses a whole, non-negative count.
pub fn parse_count(input: &str) -> Result<u64, CountError> {
    parse_scaled(input, 0)
}

/// Parses a non-negative amount with up to `decimals` decimal places and
/// returns it scaled to whole minor units: with 2 decimals "12.5" is 1250.
/// A leading currency sign (¥ ￥ $ €, or a backslash: the yen sign of Shift_JIS) is allowed.
pub fn parse_scaled(input: &str, decimals: u32) -> Result<u64, CountError> {
    let normalized: String = input.chars().map(to_half_width).collect();
    let text = normalized.trim();
    if text.is_empty() {
        return Err(CountError::Empty);
    }
    let (negative, unsigned) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    // A backslash is the yen sign of Shift_JIS text (byte 0x5C), as
    // Excel in Japan saves "¥1,200" in a CSV file.
    let unsigned = unsigned
        .strip_prefix(['¥', '$', '€', '\\'])
        .map_or(unsigned, str::trim_start);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let whole = strip_thousands_separators(whole)?;
    let fraction = match fraction {
        None => "",
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(CountError::NotANumber)
        }
        Some(_) if decimals == 0 => return Err(CountError::NotWhole),
        Some(f) if f.len() > decimals as usize => return Err(CountError::TooManyDecimals),
        Some(f) => f,
    };
    let digits = format!("{whole}{fraction:0<width$}", width = decimals as usize);
    if negative {
        // "-0" is still zero; anything else below zero is refused.
        return if digits.bytes().all(|b| b == b'0') {
            Ok(0)
        } else {
            Err(CountError::Negative)
        };
    }
    let limit = (MAX_COUNT + 1).saturating_mul(10_u64.saturating_pow(decimals)) - 1;
    let mut value: u64 = 0;
    for digit in digits.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(digit - b'0')))
            .filter(|v| *v <= limit)
            .ok_or(CountError::TooLarge)?;
    }
    Ok(value)
}

/// Maps full-width digits, signs, separators and the ideographic space to
/// their ASCII forms so the rest of the parser sees one alphabet.
pub(crate) fn to_half_width(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
        '\u{FF0C}' | '\u{3001}' => ',',
        '\u{FF0E}' => '.',
        '\u{FF0D}' => '-',
        '\u{FF0B}' => '+',
        '\u{FFE5}' => '¥',
        '\u{FF04}' => '$',
        '\u{3000}' => ' ',
        other => other,
    }
}

/// Returns the digits of `text` once its separators are checked: commas may
/// only group thousands ("1,234,567"), never stand anywhere else ("12,34").
fn strip_thousands_separators(text: &str) -> Result<String, CountError> {
    if text.is_empty() {
        return Err(CountError::NotANumber);
    }
    if !text.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return Err(CountError::NotANumber);
    }
    if !text.contains(',') {
        return Ok(text.to_owned());
    }
    let mut groups = text.split(',');
    let first = groups.next().unwrap_or_default();
    let well_grouped = (1..=3).contains(&first.len()) && groups.all(|group| group.len() == 3);
    if well_grouped {
        Ok(text.replace(',', ""))
    } else {
        Err(CountError::NotANumber)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_inputs() {
        let table: &[(&str, u64)] = &[
            ("0", 0),
            ("7", 7),
            ("1234", 1234),
            ("1,234", 1234),
            ("1,234,567", 1_234_567),
            ("  42  ", 42),
            ("\t42\n", 42),
            ("１２３", 123),
            ("１，２３４", 1234),
            ("\u{3000}８\u{3000}", 8),
            ("+5", 5),
            ("-0", 0),
            ("007", 7),
            ("999999999999", MAX_COUNT),
            ("999,999,999,999", MAX_COUNT),
            ("¥1,200", 1200),
            ("\\1,200", 1200),
            ("￥１２００", 1200),
            ("$ 15", 15),
        ];
        for (input, expected) in table {
            assert_eq!(parse_count(input), Ok(*expected), "input {input:?}");
        }
    }

    #[test]
    fn amounts_scale_to_minor_units() {
        assert_eq!(parse_scaled("12.5", 2), Ok(1250));
        assert_eq!(parse_scaled("$1,234.56", 2), Ok(123_456));
        assert_eq!(parse_scaled("0.07", 2), Ok(7));
        assert_eq!(parse_scaled("3", 2), Ok(300));
        assert_eq!(parse_scaled("1.234", 2), Err(CountError::TooManyDecimals));
        assert_eq!(parse_scaled("-0.00", 2), Ok(0));
        assert_eq!(parse_scaled("-1.50", 2), Err(CountError::Negative));
        assert_eq!(parse_scaled("999999999999.99", 2), Ok(99_999_999_999_999));
        assert_eq!(parse_scaled("1000000000000", 2), Err(CountError::TooLarge));
    }

    #[test]
    fn rejected_inputs() {
        use CountError::*;
        let table: &[(&str, CountError)] = &[
            ("", Empty),
            ("   ", Empty),
            ("\u{3000}", Empty),
            ("-1", Negative),
            ("-1,000", Negative),
            ("－３", Negative),
            ("\u{2212}3", Negative),
            ("1.5", NotWhole),
            ("12.0", NotWhole),
            ("1,234.5", NotWhole),
            ("1.", NotANumber),
            ("1.x", NotANumber),
            ("¥1.5", NotWhole),
            ("１．５", NotWhole),
            ("abc", NotANumber),
            ("12abc", NotANumber),
            ("1e308", NotANumber),
            ("12,34", NotANumber),
            ("1,2345", NotANumber),
            (",123", NotANumber),
            ("1,,234", NotANumber),
            ("1 234", NotANumber),
            ("-", NotANumber),
            ("+", NotANumber),
            (".5", NotANumber),
            ("<b>5</b>", NotANumber),
            ("NaN", NotANumber),
            ("∞", NotANumber),
            ("1000000000000", TooLarge),
            ("18446744073709551616", TooLarge),
            ("99999999999999999999999999999999", TooLarge),
        ];
        for (input, expected) in table {
            assert_eq!(
                parse_count(input).as_ref(),
                Err(expected),
                "input {input:?}"
            );
        }
    }
}

// proptest is a host-only dev-dependency; the wasm build runs browser tests only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::i18n::format_count;
    use proptest::prelude::*;

    fn full_width(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0xFF10 + (c as u32 - '0' as u32)).unwrap_or(c),
                ',' => '，',
                other => other,
            })
            .collect()
    }

    proptest! {
        #[test]
        fn every_count_round_trips_in_every_spelling(value in 0..=MAX_COUNT) {
            prop_assert_eq!(parse_count(&value.to_string()), Ok(value));
            // The UI shows counts grouped; what it shows must parse back.
            let grouped = format_count(value);
            prop_assert_eq!(parse_count(&grouped), Ok(value));
            prop_assert_eq!(parse_count(&full_width(&grouped)), Ok(value));
            prop_assert_eq!(parse_count(&format!("  {grouped} ")), Ok(value));
        }

        #[test]
        fn arbitrary_text_never_panics_and_stays_in_range(text in "\\PC{0,24}") {
            if let Ok(value) = parse_count(&text) {
                prop_assert!(value <= MAX_COUNT);
            }
        }
    }
}
