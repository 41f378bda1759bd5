//! Currencies. Money is kept in integer minor units (yen, cents), never in
//! floating point; only ratios such as CPA become `f64` at the very end.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub enum Currency {
    #[serde(rename = "JPY")]
    Jpy,
    #[serde(rename = "USD")]
    Usd,
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    pub const ALL: [Currency; 3] = [Currency::Jpy, Currency::Usd, Currency::Eur];

    pub fn code(self) -> &'static str {
        match self {
            Currency::Jpy => "JPY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Jpy => "¥",
            Currency::Usd => "$",
            Currency::Eur => "€",
        }
    }

    /// Digits after the decimal point: yen has none, dollars and euros two.
    pub fn decimals(self) -> u32 {
        match self {
            Currency::Jpy => 0,
            Currency::Usd | Currency::Eur => 2,
        }
    }

    /// Minor units in one major unit (1 for yen, 100 for dollars).
    pub fn minor_per_major(self) -> u64 {
        10_u64.pow(self.decimals())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_units_are_right() {
        for c in Currency::ALL {
            assert_eq!(Currency::from_code(c.code()), Some(c));
        }
        assert_eq!(Currency::Jpy.minor_per_major(), 1);
        assert_eq!(Currency::Usd.minor_per_major(), 100);
        assert_eq!(serde_json::to_string(&Currency::Jpy).unwrap(), "\"JPY\"");
    }
}
