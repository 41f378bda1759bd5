//! Everything the UI says, in Japanese and English, and how it writes numbers.
//! Texts are a struct, so a string missing in one language fails to compile.

mod en;
mod ja;

use crate::domain::kpi::SharedKpi;
use crate::domain::locale::Lang;
use crate::domain::month::Month;
use crate::domain::number::CountError;
use crate::domain::plan::{Department, EditError, Milestone};
use crate::domain::presets::PresetNames;

pub struct Texts {
    pub lang: Lang,
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language: &'static str,
    pub main_navigation: &'static str,
    pub nav_flow: &'static str,
    pub nav_numbers: &'static str,
    pub not_applicable: &'static str,

    pub flow_heading: &'static str,
    pub flow_intro: &'static str,
    pub stage_name: &'static str,
    pub owner: &'static str,
    pub milestone: &'static str,
    pub no_milestone: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub remove: &'static str,
    pub add_stage: &'static str,
    pub new_stage_name: &'static str,
    pub stage_removed: &'static str,
    pub undo: &'static str,
    pub dismiss: &'static str,

    pub numbers_heading: &'static str,
    pub numbers_intro: &'static str,
    pub numbers_empty: &'static str,
    pub col_stage: &'static str,
    pub col_owner: &'static str,
    pub col_count: &'static str,
    pub col_step: &'static str,
    pub col_cumulative: &'static str,

    pub shared_kpis: &'static str,
    pub shared_kpis_intro: &'static str,
    pub missing_milestone: &'static str,
    pub funnel_chart: &'static str,
    pub funnel_chart_empty: &'static str,

    pub storage_note: &'static str,
    pub corrupt_data_kept: &'static str,
    pub newer_version: &'static str,
    pub unreadable_left_alone: &'static str,
    pub storage_unavailable: &'static str,
    pub save_failed_quota: &'static str,
    pub save_failed_other: &'static str,

    /// In the order of `Department::ALL`.
    pub departments: [&'static str; 3],
    /// In the order of `Milestone::ALL`.
    pub milestones: [&'static str; 3],
    /// In the order of `SharedKpi::ALL`.
    pub shared_kpi_names: [&'static str; 2],
    pub count_errors: CountErrorTexts,
    pub edit_errors: EditErrorTexts,
    pub preset_names: PresetNames,
}

pub struct CountErrorTexts {
    pub empty: &'static str,
    pub negative: &'static str,
    pub not_whole: &'static str,
    pub too_large: &'static str,
    pub not_a_number: &'static str,
}

pub struct EditErrorTexts {
    pub empty_name: &'static str,
    pub name_too_long: &'static str,
    pub too_many_stages: &'static str,
    pub last_stage: &'static str,
    pub unknown_stage: &'static str,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Ja => &ja::TEXTS,
        Lang::En => &en::TEXTS,
    }
}

impl Texts {
    pub fn department(&self, department: Department) -> &'static str {
        self.departments[department as usize]
    }

    pub fn milestone_name(&self, milestone: Milestone) -> &'static str {
        self.milestones[milestone as usize]
    }

    pub fn shared_kpi(&self, kpi: SharedKpi) -> &'static str {
        self.shared_kpi_names[kpi as usize]
    }

    pub fn count_error(&self, error: &CountError) -> &'static str {
        let t = &self.count_errors;
        match error {
            CountError::Empty => t.empty,
            CountError::Negative => t.negative,
            CountError::NotWhole => t.not_whole,
            CountError::TooLarge => t.too_large,
            CountError::NotANumber => t.not_a_number,
        }
    }

    pub fn edit_error(&self, error: &EditError) -> &'static str {
        let t = &self.edit_errors;
        match error {
            EditError::EmptyName => t.empty_name,
            EditError::NameTooLong => t.name_too_long,
            EditError::TooManyStages => t.too_many_stages,
            EditError::LastStage => t.last_stage,
            EditError::UnknownStage => t.unknown_stage,
        }
    }

    /// "Mark a stage as Opportunity in Flow" for a KPI that cannot be measured.
    pub fn missing_milestone(&self, milestone: Milestone) -> String {
        self.missing_milestone
            .replace("{milestone}", self.milestone_name(milestone))
    }

    pub fn month(&self, month: Month) -> String {
        match self.lang {
            Lang::Ja => format!("{}年{}月", month.year(), month.month()),
            Lang::En => format!(
                "{} {}",
                en::MONTHS[(month.month() as usize - 1) % 12],
                month.year()
            ),
        }
    }
}

/// A whole count with thousands separators: 1,234,567.
pub fn format_count(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A rate as a percentage with one decimal ("25.0%"), or "—" without a value.
pub fn format_rate(rate: Option<f64>) -> String {
    match rate {
        Some(r) if r.is_finite() => format!("{:.1}%", r * 100.0),
        _ => "—".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(1_234_567), "1,234,567");
        assert_eq!(format_count(999_999_999_999), "999,999,999,999");
    }

    #[test]
    fn rates_show_one_decimal_or_a_dash() {
        assert_eq!(format_rate(Some(0.25)), "25.0%");
        assert_eq!(format_rate(Some(0.012)), "1.2%");
        assert_eq!(format_rate(Some(2.0)), "200.0%");
        assert_eq!(format_rate(None), "—");
        assert_eq!(format_rate(Some(f64::NAN)), "—");
        assert_eq!(format_rate(Some(f64::INFINITY)), "—");
    }

    #[test]
    fn months_read_naturally_in_each_language() {
        let month = Month::new(2026, 11).unwrap();
        assert_eq!(texts(Lang::Ja).month(month), "2026年11月");
        assert_eq!(texts(Lang::En).month(month), "November 2026");
    }

    #[test]
    fn every_enum_has_a_name_in_every_language() {
        for lang in Lang::ALL {
            let t = texts(lang);
            assert_eq!(t.lang, lang);
            for d in Department::ALL {
                assert!(!t.department(d).is_empty());
            }
            assert_ne!(
                t.department(Department::Marketing),
                t.department(Department::FieldSales)
            );
            for m in Milestone::ALL {
                assert!(!t.milestone_name(m).is_empty());
                assert!(!t.missing_milestone(m).contains('{'), "placeholder filled");
            }
        }
        assert_eq!(
            texts(Lang::En).department(Department::InsideSales),
            "Inside sales"
        );
        assert_eq!(
            texts(Lang::Ja).department(Department::InsideSales),
            "インサイドセールス"
        );
    }
}
