//! Everything the UI says, in Japanese and English, and how it writes
//! numbers, money, periods and dates. Texts are a struct, so a string
//! missing in one language fails to compile.

mod en;
mod ja;

use chrono::{Datelike, NaiveDate};

use crate::domain::actions::ActionStatus;
use crate::domain::departments::Hue;
use crate::domain::diagnosis::StageKind;
use crate::domain::edit::EditKind;
use crate::domain::entries::EntryRefused;
use crate::domain::format::{FormatError, Rule};
use crate::domain::grid::PasteError;
use crate::domain::kpi::{Change, Status};
use crate::domain::locale::Lang;
use crate::domain::money::Currency;
use crate::domain::month::Month;
use crate::domain::number::CountError;
use crate::domain::period::{Granularity, Period, PeriodRange, RangePreset};
use crate::domain::plan::{Better, EditError, KpiDisplay, MetricKind};
use crate::domain::sla::{Comparison, Unit};
use crate::storage::StoreError;

pub struct Texts {
    pub lang: Lang,
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language: &'static str,
    pub main_navigation: &'static str,
    pub nav_flow: &'static str,
    pub nav_numbers: &'static str,
    pub nav_kpis: &'static str,

    pub flow_heading: &'static str,
    pub flow_intro: &'static str,
    pub stage_name: &'static str,
    pub owner: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub remove: &'static str,
    pub add_stage: &'static str,
    pub add_stage_after: &'static str,
    /// Under a blank step conversion: the stage before counted nothing.
    pub no_counts_before: &'static str,
    pub target_over_100: &'static str,
    pub target_looks_like_fraction: &'static str,
    pub new_stage_name: &'static str,
    pub new_stage_count: &'static str,
    pub stage_removed: &'static str,
    /// `{}` is the stage's name.
    pub remove_stage_question: &'static str,
    pub removes_metrics: &'static str,
    pub removes_kpis: &'static str,
    pub removes_shared_kpis: &'static str,
    /// `{}` monthly targets, `{}` days of counts.
    pub removes_data: &'static str,
    pub removal_undo_hint: &'static str,
    pub confirm_remove_stage: &'static str,
    pub cancel: &'static str,
    pub kpis_removed_with_stage: &'static str,
    pub departments_heading: &'static str,
    pub departments_intro: &'static str,
    pub department_name: &'static str,
    pub department_colour: &'static str,
    pub add_department: &'static str,
    pub new_department_name: &'static str,
    /// `{}` is the list of stages.
    pub owns_stages: &'static str,
    pub owns_no_stage: &'static str,
    pub sla_heading: &'static str,
    pub sla_intro: &'static str,
    pub propose_sla: &'static str,
    pub add_sla: &'static str,
    pub no_agreements: &'static str,
    pub sla_from: &'static str,
    pub sla_to: &'static str,
    pub sla_criteria: &'static str,
    pub sla_follow_up: &'static str,
    pub promises_heading: &'static str,
    pub promise_kept_by: &'static str,
    pub promise_measure: &'static str,
    pub promise_comparison: &'static str,
    pub promise_value: &'static str,
    pub per_month: &'static str,
    pub add_promise: &'static str,
    pub remove_promise: &'static str,
    pub remove_sla: &'static str,
    pub group_metrics: &'static str,
    pub group_kpis: &'static str,
    pub compliance_heading: &'static str,
    pub compliance_kept: &'static str,
    pub compliance_no_data: &'static str,
    pub compliance_none: &'static str,
    pub verdict_met: &'static str,
    pub verdict_breached: &'static str,
    pub verdict_no_data: &'static str,
    pub sheet_link: &'static str,
    pub sheet_heading: &'static str,
    pub sheet_back: &'static str,
    pub sheet_print: &'static str,
    pub sheet_criteria: &'static str,
    pub sheet_signature: &'static str,
    pub sheet_agreed_on: &'static str,
    pub stage_kind: &'static str,
    pub bottleneck_heading: &'static str,
    pub bottleneck_count: &'static str,
    pub bottleneck_step: &'static str,
    pub reference_target: &'static str,
    pub reference_previous: &'static str,
    pub hypotheses_heading: &'static str,
    pub no_bottleneck: &'static str,
    pub no_diagnosis: &'static str,
    pub steps_heading: &'static str,
    pub col_reference: &'static str,
    pub col_gap: &'static str,
    /// "3 months": a number of periods, in the order of `Granularity::ALL`.
    pub period_counts: [&'static str; 3],
    /// In the order of `StageKind::ALL`.
    pub stage_kinds: [&'static str; 5],
    /// The seed's hypotheses for a bottleneck, in the order of `StageKind::ALL`.
    pub hypotheses: [&'static [&'static str]; 5],
    pub actions_heading: &'static str,
    pub no_actions: &'static str,
    pub add_action: &'static str,
    pub new_action: &'static str,
    pub action_text: &'static str,
    pub action_kpi: &'static str,
    pub action_status: &'static str,
    pub turn_into_action: &'static str,
    /// In the order of `ActionStatus::ALL`.
    pub action_statuses: [&'static str; 4],
    pub reference_range_label: &'static str,
    pub reference_range_default: &'static str,
    pub reference_range_none: &'static str,
    pub reference_range_text: &'static str,
    /// In the order of `Comparison::ALL`.
    pub comparisons: [&'static str; 2],
    pub undo: &'static str,
    pub dismiss: &'static str,

    pub numbers_heading: &'static str,
    pub numbers_intro: &'static str,
    pub numbers_empty: &'static str,
    pub view: &'static str,
    pub range: &'static str,
    pub previous_range: &'static str,
    pub next_range: &'static str,
    pub compare_with_previous: &'static str,
    pub custom_range: &'static str,
    pub range_from: &'static str,
    pub range_to: &'static str,
    pub funnel_heading: &'static str,
    pub col_stage: &'static str,
    pub col_owner: &'static str,
    pub col_count: &'static str,
    pub col_step: &'static str,
    pub col_cumulative: &'static str,
    pub grid_heading: &'static str,
    pub grid_help: &'static str,
    pub week_of: &'static str,
    pub col_metric: &'static str,
    pub col_total: &'static str,
    pub col_previous_total: &'static str,
    pub col_change: &'static str,
    pub step_conversion: &'static str,
    pub lag_note: &'static str,
    /// How a rate is computed: "Opportunities ÷ Contacts".
    pub definition: &'static str,
    pub stage_count_title: &'static str,
    pub over_100_warning: &'static str,
    /// Title of a cell that adds up figures typed for shorter periods.
    pub summed_weeks: &'static str,
    pub summed_days: &'static str,
    /// A month's (a week's) own figure across the weeks (days) it holds.
    pub month_band: &'static str,
    pub week_band: &'static str,
    /// Asked before a month's (week's) figure goes to make room for finer ones.
    pub replace_month_question: &'static str,
    pub replace_week_question: &'static str,
    pub replace_month: &'static str,
    pub replace_week: &'static str,
    pub keep_figure: &'static str,
    /// Week view: weeks that span two months.
    pub straddling_week: &'static str,
    pub target: &'static str,
    pub gap: &'static str,
    pub lost_reasons_heading: &'static str,
    pub col_reason: &'static str,
    pub col_share: &'static str,
    pub paste_refused: &'static str,
    pub paste_outside: &'static str,
    pub paste_unknown_labels: &'static str,
    pub paste_label_twice: &'static str,
    /// The paste preview: what lands where, asked before it happens.
    pub paste_question: &'static str,
    pub paste_by_labels: &'static str,
    pub paste_crosses_stages: &'static str,
    pub paste_overwrites: &'static str,
    pub paste_more: &'static str,
    pub paste_confirm: &'static str,

    pub nav_dashboard: &'static str,
    pub dashboard_heading: &'static str,
    pub dashboard_intro: &'static str,
    pub chart_conversion: &'static str,
    pub chart_trend: &'static str,
    pub chart_targets: &'static str,
    pub chart_lost: &'static str,
    pub kpis_to_plot: &'static str,
    pub large_fonts: &'static str,
    pub show_table: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
    pub from_stage: &'static str,
    pub to_go: &'static str,
    pub target_met: &'static str,
    pub no_values_yet: &'static str,
    pub no_lost_reasons: &'static str,
    pub choose_kpis: &'static str,
    pub col_step_name: &'static str,
    pub col_conversion: &'static str,
    pub col_status: &'static str,
    pub col_actual: &'static str,
    pub col_remaining: &'static str,
    pub col_period: &'static str,
    pub count_target: &'static str,
    pub step_target: &'static str,
    pub shared_kpis: &'static str,
    pub shared_kpis_intro: &'static str,
    pub funnel_chart: &'static str,
    pub funnel_chart_empty: &'static str,
    /// `{}` is the invalid text the field dropped.
    pub value_dropped: &'static str,
    pub chart_failed: &'static str,

    pub kpis_heading: &'static str,
    pub kpis_intro: &'static str,
    pub settings: &'static str,
    pub plan_currency: &'static str,
    pub at_risk_margin: &'static str,
    pub at_risk_margin_help: &'static str,
    pub targets_for: &'static str,
    pub previous_month: &'static str,
    pub next_month: &'static str,
    pub metrics: &'static str,
    pub metric_name: &'static str,
    pub metric_kind: &'static str,
    pub lost_reason: &'static str,
    pub stage_count_badge: &'static str,
    pub add_metric: &'static str,
    pub new_metric_name: &'static str,
    pub step_lag: &'static str,
    pub kpis: &'static str,
    pub kpi_name: &'static str,
    pub numerator: &'static str,
    pub denominator: &'static str,
    pub shown_as: &'static str,
    pub better: &'static str,
    pub lag: &'static str,
    pub add_kpi: &'static str,
    pub add_shared_kpi: &'static str,
    pub new_kpi_name: &'static str,
    pub no_kpis: &'static str,

    pub storage_note: &'static str,
    pub corrupt_data_kept: &'static str,

    /// Colour names, in the order of `Hue::ALL`.
    pub hues: [&'static str; 8],
    /// In the order of `Granularity::ALL`.
    pub granularities: [&'static str; 3],
    /// In the order of `RangePreset::ALL`.
    pub range_presets: [&'static str; 7],
    /// In the order of `MetricKind::ALL`.
    pub metric_kinds: [&'static str; 4],
    /// In the order of `KpiDisplay::ALL`.
    pub kpi_displays: [&'static str; 5],
    /// Higher, lower.
    pub betters: [&'static str; 2],
    /// On track, at risk, off track.
    pub statuses: [&'static str; 3],
    pub weekdays: [&'static str; 7],
    pub count_errors: CountErrorTexts,
    pub members_of: &'static str,
    pub member_name: &'static str,
    pub member_active: &'static str,
    pub add_member: &'static str,
    pub new_member_name: &'static str,
    pub no_members: &'static str,
    pub member_department: &'static str,
    pub edit_errors: EditErrorTexts,
    pub format_errors: FormatErrorTexts,
    pub session: SessionTexts,
    pub planning: PlanningTexts,
    pub team: TeamTexts,
    pub pdca: PdcaTexts,
    pub review: ReviewTexts,
    pub plans: PlansTexts,
    pub summary: SummaryTexts,
    pub swimlane: SwimlaneTexts,
    pub present: PresentTexts,
    pub csv_import: CsvImportTexts,
    pub guide: GuideTexts,
    pub csv: CsvTexts,
}

/// The PDCA page. `{}` are filled in order.
pub struct PdcaTexts {
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub no_cycle: &'static str,
    pub start_cycle: &'static str,
    pub history: &'static str,
    pub closed: &'static str,
    pub open: &'static str,
    pub targets_met: &'static str,
    pub cycle_of: &'static str,
    pub closed_note: &'static str,
    pub close_cycle: &'static str,
    pub current_cycle: &'static str,
    /// {name}: {actual} of {asked so far}.
    pub target_line: &'static str,
    pub in_progress: &'static str,
    pub reopen_cycle: &'static str,
    pub next_cycle: &'static str,
    pub next_rule: &'static str,
    pub plan_heading: &'static str,
    pub starts: &'static str,
    pub ends: &'static str,
    pub focus: &'static str,
    pub targets: &'static str,
    pub count_of: &'static str,
    pub retake_targets: &'static str,
    pub add_target: &'static str,
    pub hypotheses: &'static str,
    pub add_hypothesis: &'static str,
    pub seed_hypotheses: &'static str,
    pub do_heading: &'static str,
    pub check_heading: &'static str,
    pub day_of: &'static str,
    pub col_asked: &'static str,
    pub col_actual: &'static str,
    pub col_status: &'static str,
    pub col_weeks: &'static str,
    pub actions_check: &'static str,
    pub col_before: &'static str,
    pub col_after: &'static str,
    pub findings: &'static str,
    pub act_heading: &'static str,
    pub carry: &'static str,
    pub add_decision: &'static str,
    pub remove_from_cycle: &'static str,
}

/// The Plans page: export and import. `{}` are filled in order.
pub struct PlansTexts {
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub export_heading: &'static str,
    pub export_hint: &'static str,
    pub import_heading: &'static str,
    pub choose_file: &'static str,
    pub drop_hint: &'static str,
    pub preview_heading: &'static str,
    pub col_open: &'static str,
    pub col_file: &'static str,
    pub row_name: &'static str,
    pub row_stages: &'static str,
    pub row_departments: &'static str,
    pub row_members: &'static str,
    pub row_counts: &'static str,
    pub row_sla: &'static str,
    pub row_scenarios: &'static str,
    pub row_cycles: &'static str,
    pub counts_value: &'static str,
    pub none: &'static str,
    pub replace: &'static str,
    pub cancel: &'static str,
    pub imported: &'static str,
    pub refused: &'static str,
    pub detail: &'static str,
    pub unreadable: &'static str,
    pub changed: &'static str,
    pub library_heading: &'static str,
    pub library_hint: &'static str,
    pub col_plan: &'static str,
    pub col_stages: &'static str,
    pub col_saved: &'static str,
    pub col_actions: &'static str,
    pub open_now: &'static str,
    pub rename: &'static str,
    pub rename_label: &'static str,
    pub save: &'static str,
    pub duplicate: &'static str,
    pub delete: &'static str,
    pub action_on: &'static str,
    pub unreadable_plan: &'static str,
    pub start_from: &'static str,
    pub preset_inside_sales: &'static str,
    pub preset_small_team: &'static str,
    pub preset_outsourced: &'static str,
    pub preset_empty: &'static str,
    pub preset_example: &'static str,
    pub create: &'static str,
    pub added: &'static str,
    pub copied: &'static str,
    pub renamed: &'static str,
    pub deleted: &'static str,
    pub restored: &'static str,
    pub open: &'static str,
    pub undo: &'static str,
    pub add_new: &'static str,
    pub lib_full: &'static str,
    pub lib_newer: &'static str,
    pub lib_missing: &'static str,
    pub lib_failed: &'static str,
    pub share_heading: &'static str,
    pub share_hint: &'static str,
    pub make_link: &'static str,
    pub link_label: &'static str,
    pub link_length: &'static str,
    pub link_long: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub link_too_long: &'static str,
    pub link_failed: &'static str,
    pub link_reading: &'static str,
    pub link_refused: &'static str,
    pub link_damaged: &'static str,
    pub link_newer: &'static str,
    pub shared_plan: &'static str,
    pub col_link: &'static str,
    pub import_link: &'static str,
    pub share_page_heading: &'static str,
    pub share_page_intro: &'static str,
    /// The column of the stored plan a file is a copy of.
    pub col_original: &'static str,
    pub copy_of_open: &'static str,
    /// `{}` is the stored plan's name.
    pub copy_of_stored: &'static str,
    pub replace_stored: &'static str,
    pub replaced: &'static str,
}

/// The Numbers page's CSV downloads.
pub struct CsvTexts {
    pub label: &'static str,
    pub wide: &'static str,
    pub long: &'static str,
    pub period: &'static str,
    pub stage: &'static str,
    pub metric: &'static str,
    pub value: &'static str,
}

/// The first visit's guide on the Flow page.
pub struct GuideTexts {
    pub heading: &'static str,
    pub flow: &'static str,
    pub flow_hint: &'static str,
    pub targets: &'static str,
    pub targets_hint: &'static str,
    pub targets_goal: &'static str,
    pub numbers: &'static str,
    pub numbers_hint: &'static str,
    pub example_hint: &'static str,
    pub open_example: &'static str,
    pub hide: &'static str,
}

/// The review cadence page. `{}` are filled in order.
pub struct ReviewTexts {
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub show: &'static str,
    pub due_today: &'static str,
    pub all_reviews: &'static str,
    pub nothing_due: &'static str,
    pub held_on: &'static str,
    pub due_since: &'static str,
    pub due_never: &'static str,
    pub day_off: &'static str,
    pub mark_held: &'static str,
    pub take_back: &'static str,
    pub team: &'static str,
    pub col_figure: &'static str,
    pub today: &'static str,
    pub this_week: &'static str,
    pub last_week: &'static str,
    pub this_month: &'static str,
    pub last_month: &'static str,
    pub cycle_targets: &'static str,
    pub cycle_actions: &'static str,
    pub nothing_counted: &'static str,
    pub no_cycle: &'static str,
    pub open_pdca: &'static str,
    pub no_actions: &'static str,
    pub no_targets: &'static str,
    pub no_promises: &'static str,
    pub open_flow: &'static str,
    pub no_kpis: &'static str,
    pub open_kpis: &'static str,
    pub weakest: &'static str,
    pub no_weakness: &'static str,
    pub dashboard_due: &'static str,
    /// Daily, weekly, monthly.
    pub cadences: [&'static str; 3],
    /// Each review's name, in `Review::ALL` order.
    pub titles: [&'static str; 7],
    /// What each review is for.
    pub purposes: [&'static str; 7],
}

/// Counting per member: the Numbers page's picker, the Team page and the
/// daily review. `{}` are filled in order.
pub struct TeamTexts {
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub counts_of: &'static str,
    pub counter_team: &'static str,
    pub counter_unassigned: &'static str,
    pub inactive: &'static str,
    pub team_view_hint: &'static str,
    pub member_view_hint: &'static str,
    pub unassigned_view_hint: &'static str,
    pub by_member: &'static str,
    pub breakdown_of: &'static str,
    pub total: &'static str,
    pub close: &'static str,
    pub per_member: &'static str,
    pub per_member_on: &'static str,
    pub per_member_off: &'static str,
    pub table_heading: &'static str,
    pub col_member: &'static str,
    pub sort_by: &'static str,
    pub team_row: &'static str,
    pub daily_heading: &'static str,
    pub daily_intro: &'static str,
    /// {}: the last working day, and its value, under today's.
    pub previous_day: &'static str,
    pub not_entered: &'static str,
    pub all_entered: &'static str,
    pub no_per_member: &'static str,
    pub no_members: &'static str,
    pub enter_counts: &'static str,
}

/// The Plan & what-if page. `{}` are filled in order.
pub struct PlanningTexts {
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub month: &'static str,
    pub previous_month: &'static str,
    pub next_month: &'static str,
    pub goal_heading: &'static str,
    pub goal_kind: &'static str,
    pub goal_wins: &'static str,
    pub goal_revenue: &'static str,
    pub goal_value: &'static str,
    pub goal_is_wins: &'static str,
    pub deal_size: &'static str,
    pub deal_size_counted: &'static str,
    pub deal_size_typed: &'static str,
    pub deal_size_metric: &'static str,
    pub deal_metric_auto: &'static str,
    pub deal_size_value: &'static str,
    pub deal_size_is: &'static str,
    pub months_read: &'static str,
    pub rates_heading: &'static str,
    pub rate_source: &'static str,
    pub source_targets: &'static str,
    pub source_actual: &'static str,
    pub source_typed: &'static str,
    pub rates_from_targets: &'static str,
    pub rates_from_actual: &'static str,
    pub rates_from_typed: &'static str,
    pub required_heading: &'static str,
    pub col_volume: &'static str,
    pub col_rate: &'static str,
    pub col_required: &'static str,
    pub col_so_far: &'static str,
    pub col_pace: &'static str,
    pub col_per_day: &'static str,
    pub step_from: &'static str,
    pub rate_of: &'static str,
    pub working_days_summary: &'static str,
    pub on_pace: &'static str,
    pub behind: &'static str,
    pub no_pace_yet: &'static str,
    pub blocked_no_goal: &'static str,
    pub blocked_zero_goal: &'static str,
    pub blocked_no_deal_size: &'static str,
    pub blocked_too_large: &'static str,
    pub blocked_missing_target: &'static str,
    pub blocked_missing_actual: &'static str,
    pub blocked_missing_typed: &'static str,
    pub blocked_zero_rate: &'static str,
    pub blocked_over_100: &'static str,
    pub blocked_after: &'static str,
    pub set_targets: &'static str,
    pub targets_set: &'static str,
    pub whatif_heading: &'static str,
    pub whatif_intro: &'static str,
    pub whatif_rate: &'static str,
    pub whatif_volume: &'static str,
    pub limited_by: &'static str,
    pub whatif_wins: &'static str,
    pub whatif_revenue: &'static str,
    pub whatif_revenue_goal: &'static str,
    pub whatif_reset: &'static str,
    pub sensitivity_heading: &'static str,
    pub sensitivity_intro: &'static str,
    pub sensitivity_points: &'static str,
    pub sensitivity_percent: &'static str,
    pub improvement: &'static str,
    pub improvement_volume: &'static str,
    pub held_back: &'static str,
    pub revenue_gain: &'static str,
    pub no_gain: &'static str,
    pub scenarios_heading: &'static str,
    pub scenario_name: &'static str,
    pub save_scenario: &'static str,
    pub new_scenario_name: &'static str,
    pub no_scenarios: &'static str,
    pub compare_caption: &'static str,
    pub actual_column: &'static str,
    pub revenue_row: &'static str,
    pub scenario_targets: &'static str,
    pub remove_scenario: &'static str,
    pub scenario_targets_set: &'static str,
    pub holidays_heading: &'static str,
    pub holidays_intro: &'static str,
    pub holidays_count: &'static str,
    pub add_holiday: &'static str,
    pub add_japan_holidays: &'static str,
    pub remove_holiday: &'static str,
    pub no_holidays: &'static str,
}

/// Importing counts from a CSV file (Numbers page).
pub struct CsvImportTexts {
    pub heading: &'static str,
    pub paste: &'static str,
    pub read_pasted: &'static str,
    /// Names pasted rows where a file's name would be.
    pub pasted_rows: &'static str,
    pub choose: &'static str,
    pub hint: &'static str,
    pub too_large: &'static str,
    pub too_many: &'static str,
    pub unreadable: &'static str,
    pub preview_heading: &'static str,
    /// `{}` is `one_figure` or `figures`.
    pub import: &'static str,
    pub one_figure: &'static str,
    pub figures: &'static str,
    pub cancel: &'static str,
    pub imported: &'static str,
    pub encoding: &'static str,
    /// In the order of `TextEncoding::ALL`.
    pub encodings: [&'static str; 4],
    pub not_recognised: &'static str,
    pub as_records: &'static str,
    pub periods: &'static str,
    pub shape_rows: &'static str,
    pub shape_columns: &'static str,
    pub shape_records: &'static str,
    pub metric_of: &'static str,
    pub ignore: &'static str,
    pub none: &'static str,
    pub no_member: &'static str,
    pub stage_column: &'static str,
    pub date_column: &'static str,
    pub amount_column: &'static str,
    pub amount_metric: &'static str,
    pub owner_column: &'static str,
    pub stage_values: &'static str,
    pub owner_values: &'static str,
    pub stage_value: &'static str,
    pub owner_value: &'static str,
    pub span: &'static str,
    pub summary: &'static str,
    pub more: &'static str,
    pub line: &'static str,
    pub skip_summary: &'static str,
    pub skip_no_stage_or_date: &'static str,
    pub skip_not_a_record: &'static str,
    pub cannot_type: &'static str,
    pub too_large_figure: &'static str,
    pub below_members: &'static str,
    pub too_many_cells: &'static str,
    pub ignored: &'static str,
    pub changes_heading: &'static str,
    pub col_period: &'static str,
    pub col_before: &'static str,
    pub col_after: &'static str,
    pub problems_heading: &'static str,
    pub refused_heading: &'static str,
    pub skipped_heading: &'static str,
    pub bad_date: &'static str,
    pub not_a_period: &'static str,
    pub bad_number: &'static str,
    pub twice: &'static str,
    pub no_stage: &'static str,
    pub unmapped_stage: &'static str,
}

/// The one-page summary of the plan (`#/summary`).
pub struct SummaryTexts {
    /// The dashboard's link to it.
    pub link: &'static str,
    pub heading: &'static str,
    pub back: &'static str,
    /// `{}` is the range in view, `{}` today.
    pub meta: &'static str,
    pub flow_heading: &'static str,
    /// `{}` is the stage, `{}` what it needs, `{}` what it has so far.
    pub needed_line: &'static str,
    pub agreements_heading: &'static str,
    /// `{}` periods kept of `{}` with data.
    pub kept_of: &'static str,
    pub no_data: &'static str,
}

/// The flow drawn as lanes, one per department.
pub struct SwimlaneTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    /// The diagram's name for screen readers.
    pub label: &'static str,
    /// The text alternative's disclosure.
    pub in_words: &'static str,
    /// `{}` position, `{}` stage, `{}` department, `{}` count.
    pub stage_line: &'static str,
    /// `{}` from stage, `{}` into stage, `{}` conversion.
    pub step_line: &'static str,
    /// `{}` from stage, `{}` into stage, with nothing to convert yet.
    pub step_no_data: &'static str,
    /// `{}` sending department, `{}` receiving one.
    pub hand_off: &'static str,
    /// `{}` promise checks kept of `{}` judged.
    pub agreement_met: &'static str,
    /// `{}` promise checks broken of `{}` judged.
    pub agreement_breached: &'static str,
    pub agreement_no_data: &'static str,
    pub agreement_no_promises: &'static str,
    pub no_agreement: &'static str,
    /// The short words on a hand-off without an agreement, and with one
    /// without promises.
    pub no_agreement_badge: &'static str,
    pub no_promises_badge: &'static str,
}

/// The presentation for the projector.
pub struct PresentTexts {
    /// The header's link into it.
    pub link: &'static str,
    /// `{}` step of `{}`.
    pub step_of: &'static str,
    /// One title per step, in order.
    pub steps: [&'static str; 6],
    pub previous: &'static str,
    pub next: &'static str,
    pub full_screen: &'static str,
    pub leave: &'static str,
    pub keys: &'static str,
    /// The list of steps' name for screen readers.
    pub steps_label: &'static str,
    /// Steps with nothing to show yet.
    pub no_promises: &'static str,
    pub no_cycle: &'static str,
}

/// Why stored data or a file could not be read.
pub struct FormatErrorTexts {
    pub too_large: &'static str,
    pub not_json: &'static str,
    pub not_text: &'static str,
    pub not_a_plan: &'static str,
    /// `{}` is the format version found.
    pub newer_version: &'static str,
    pub damaged: &'static str,
    /// `{}` is how many are listed: the first of more.
    pub first_listed: &'static str,
    /// The rules of `format::Rule`; `{}` as each says.
    pub rules: RuleTexts,
}

/// What a broken rule of a plan file means, beside its JSON path.
pub struct RuleTexts {
    /// How many there are, the least and the most allowed.
    pub count: &'static str,
    pub name: &'static str,
    /// A text (of a PDCA cycle) empty, too long or padded.
    pub text: &'static str,
    pub name_twice: &'static str,
    pub id_twice: &'static str,
    /// `{}` is the largest value allowed.
    pub too_large: &'static str,
    pub dangling: &'static str,
    pub not_own_metric: &'static str,
    pub reference_range: &'static str,
    pub target: &'static str,
    pub date: &'static str,
    pub order: &'static str,
    pub not_per_member: &'static str,
    pub empty_parts: &'static str,
    pub not_the_sum: &'static str,
    /// `{}` and `{}` are the two periods' keys.
    pub overlap: &'static str,
    /// `{}` is the reader's own (English) words.
    pub shape: &'static str,
    /// The save's revision, writer or tabs seen, not a whole number.
    pub not_whole: &'static str,
    pub version: &'static str,
}

/// Undo and redo, saving, other tabs and stored copies.
pub struct SessionTexts {
    pub undo: &'static str,
    pub redo: &'static str,
    /// `{}` is what the step did, from `edit_kinds`.
    pub undo_what: &'static str,
    pub redo_what: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    /// `{}` is the reason.
    pub undo_failed: &'static str,
    /// In the order of `EditKind::ALL`.
    pub edit_kinds: [&'static str; 25],
    pub save_status: &'static str,
    pub saved_just_now: &'static str,
    /// `{}` is a number of seconds.
    pub saved_seconds_ago: &'static str,
    /// `{}` is a number of minutes.
    pub saved_minutes_ago: &'static str,
    pub saving: &'static str,
    pub not_saved_full: &'static str,
    pub not_saved_unavailable: &'static str,
    pub not_saved_conflict: &'static str,
    pub not_saved_newer_elsewhere: &'static str,
    pub not_saved_left_alone: &'static str,
    /// `{}` is the reason.
    pub not_saved_refused: &'static str,
    pub download_plan: &'static str,
    pub delete_snapshots: &'static str,
    /// `{}` is how many.
    pub snapshots_deleted: &'static str,
    pub download_stored_data: &'static str,
    pub start_fresh: &'static str,
    pub start_fresh_help: &'static str,
    pub conflict_heading: &'static str,
    /// `{}` is what the refused change did, `{}` why it no longer applies.
    pub conflict_explain: &'static str,
    pub keep_mine: &'static str,
    pub take_theirs: &'static str,
    pub keep_both: &'static str,
    pub copy_suffix: &'static str,
    pub updated_elsewhere: &'static str,
    pub stayed_unsaved: &'static str,
    pub snapshots_heading: &'static str,
    pub snapshots_intro: &'static str,
    /// `{}` stages, `{}` KPIs, `{}` counts.
    pub snapshot_summary: &'static str,
    pub snapshot_unreadable: &'static str,
    pub restore: &'static str,
    pub no_snapshots: &'static str,
    /// `{}` is the date.
    pub restored_from: &'static str,
    pub store_full: &'static str,
    pub store_failed: &'static str,
    /// `{}` is why the stored plan cannot be used.
    pub stored_left_untouched: &'static str,
}

pub struct CountErrorTexts {
    pub empty: &'static str,
    pub negative: &'static str,
    pub not_whole: &'static str,
    pub too_many_decimals: &'static str,
    pub too_large: &'static str,
    pub not_a_number: &'static str,
}

pub struct EditErrorTexts {
    pub empty_name: &'static str,
    pub name_too_long: &'static str,
    pub too_many_stages: &'static str,
    pub too_many_items: &'static str,
    pub last_stage: &'static str,
    pub unknown: &'static str,
    pub primary_metric: &'static str,
    pub metric_in_use: &'static str,
    pub lag_too_large: &'static str,
    pub margin_too_large: &'static str,
    pub bad_target: &'static str,
    pub entry_summed: &'static str,
    pub entry_covered: &'static str,
    pub id_in_use: &'static str,
    pub department_name_in_use: &'static str,
    pub too_many_departments: &'static str,
    pub department_in_use: &'static str,
    pub same_department: &'static str,
    pub too_many_sla_cards: &'static str,
    pub too_many_thresholds: &'static str,
    pub too_many_criteria: &'static str,
    pub text_too_long: &'static str,
    pub rate_over_100: &'static str,
    pub used_by_sla: &'static str,
    pub too_many_actions: &'static str,
    pub bad_reference_range: &'static str,
    pub too_many_holidays: &'static str,
    pub bad_months: &'static str,
    pub too_many_scenarios: &'static str,
    pub member_name_in_use: &'static str,
    pub too_many_members: &'static str,
    pub department_has_members: &'static str,
    /// {}: how many figures the member typed.
    pub member_has_counts: &'static str,
    pub not_counted_per_member: &'static str,
    pub counts_changed: &'static str,
    pub ends_before_start: &'static str,
    pub cycle_closed: &'static str,
    pub cycles_overlap: &'static str,
    pub cycle_too_long: &'static str,
    pub too_many_cycles: &'static str,
    pub too_many_reviews_held: &'static str,
    /// Followed by the first days of the cycles.
    pub used_by_cycle: &'static str,
    pub used_by_action: &'static str,
    pub date_out_of_range: &'static str,
    pub invalid_plan: &'static str,
}

/// Something the user must be told about their input, kept untranslated so
/// the message follows the language when the user switches it.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Count(CountError),
    Edit(EditError),
    Paste(PasteError),
}

impl From<CountError> for Problem {
    fn from(error: CountError) -> Self {
        Problem::Count(error)
    }
}

impl From<EditError> for Problem {
    fn from(error: EditError) -> Self {
        Problem::Edit(error)
    }
}

impl From<PasteError> for Problem {
    fn from(error: PasteError) -> Self {
        Problem::Paste(error)
    }
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Ja => &ja::TEXTS,
        Lang::En => &en::TEXTS,
    }
}

impl Texts {
    pub fn hue(&self, hue: Hue) -> &'static str {
        self.hues[hue as usize]
    }

    pub fn granularity(&self, granularity: Granularity) -> &'static str {
        self.granularities[granularity as usize]
    }

    pub fn range_preset(&self, preset: RangePreset) -> &'static str {
        self.range_presets[preset as usize]
    }

    pub fn metric_kind(&self, kind: MetricKind) -> &'static str {
        self.metric_kinds[kind as usize]
    }

    pub fn kpi_display(&self, display: KpiDisplay) -> &'static str {
        self.kpi_displays[display as usize]
    }

    pub fn better_name(&self, better: Better) -> &'static str {
        self.betters[better as usize]
    }

    pub fn status(&self, status: Status) -> &'static str {
        self.statuses[status as usize]
    }

    pub fn count_error(&self, error: &CountError) -> &'static str {
        let t = &self.count_errors;
        match error {
            CountError::Empty => t.empty,
            CountError::Negative => t.negative,
            CountError::NotWhole => t.not_whole,
            CountError::TooManyDecimals => t.too_many_decimals,
            CountError::TooLarge => t.too_large,
            CountError::NotANumber => t.not_a_number,
        }
    }

    pub fn edit_error(&self, error: &EditError) -> String {
        let t = &self.edit_errors;
        match error {
            EditError::EmptyName => t.empty_name.to_owned(),
            EditError::NameTooLong => t.name_too_long.to_owned(),
            EditError::TooManyStages => t.too_many_stages.to_owned(),
            EditError::TooManyItems => t.too_many_items.to_owned(),
            EditError::LastStage => t.last_stage.to_owned(),
            EditError::UnknownStage
            | EditError::UnknownMetric
            | EditError::UnknownKpi
            | EditError::UnknownDepartment
            | EditError::UnknownSla
            | EditError::UnknownAction
            | EditError::UnknownScenario
            | EditError::UnknownMember
            | EditError::UnknownCycle => t.unknown.to_owned(),
            EditError::PrimaryMetric => t.primary_metric.to_owned(),
            EditError::MetricInUse(users) => format!("{} {}", t.metric_in_use, users.join(", ")),
            EditError::LagTooLarge => t.lag_too_large.to_owned(),
            EditError::MarginTooLarge => t.margin_too_large.to_owned(),
            EditError::BadTarget => t.bad_target.to_owned(),
            EditError::ValueTooLarge => self.count_errors.too_large.to_owned(),
            EditError::EntryRefused(EntryRefused::Summed) => t.entry_summed.to_owned(),
            EditError::EntryRefused(EntryRefused::Covered(by)) => {
                Texts::fill(t.entry_covered, &[&self.period_name(*by)])
            }
            EditError::IdInUse => t.id_in_use.to_owned(),
            EditError::DepartmentNameInUse => t.department_name_in_use.to_owned(),
            EditError::TooManyDepartments => t.too_many_departments.to_owned(),
            EditError::DepartmentInUse(stages) => {
                format!("{} {}", t.department_in_use, stages.join(", "))
            }
            EditError::SameDepartment => t.same_department.to_owned(),
            EditError::TooManySlaCards => t.too_many_sla_cards.to_owned(),
            EditError::TooManyThresholds => t.too_many_thresholds.to_owned(),
            EditError::TooManyCriteria => t.too_many_criteria.to_owned(),
            EditError::TextTooLong => t.text_too_long.to_owned(),
            EditError::RateOver100 => t.rate_over_100.to_owned(),
            EditError::UsedBySla(cards) => format!("{} {}", t.used_by_sla, cards.join(", ")),
            EditError::TooManyActions => t.too_many_actions.to_owned(),
            EditError::BadReferenceRange => t.bad_reference_range.to_owned(),
            EditError::TooManyHolidays => t.too_many_holidays.to_owned(),
            EditError::BadMonths => t.bad_months.to_owned(),
            EditError::TooManyScenarios => t.too_many_scenarios.to_owned(),
            EditError::MemberNameInUse => t.member_name_in_use.to_owned(),
            EditError::TooManyMembers => t.too_many_members.to_owned(),
            EditError::MemberHasCounts(count) => {
                Texts::fill(t.member_has_counts, &[&format_count(*count as u64)])
            }
            EditError::NotCountedPerMember => t.not_counted_per_member.to_owned(),
            EditError::CountsChanged => t.counts_changed.to_owned(),
            EditError::EndsBeforeStart => t.ends_before_start.to_owned(),
            EditError::CycleClosed => t.cycle_closed.to_owned(),
            EditError::CyclesOverlap => t.cycles_overlap.to_owned(),
            EditError::CycleTooLong => t.cycle_too_long.to_owned(),
            EditError::TooManyCycles => t.too_many_cycles.to_owned(),
            EditError::TooManyReviewsHeld => t.too_many_reviews_held.to_owned(),
            EditError::UsedByCycle(starts) => {
                let days: Vec<String> = starts.iter().map(|d| self.date(*d)).collect();
                format!("{} {}", t.used_by_cycle, days.join(", "))
            }
            EditError::DepartmentHasMembers(names) => {
                format!("{} {}", t.department_has_members, names.join(", "))
            }
            EditError::UsedByAction(actions) => {
                format!("{} {}", t.used_by_action, actions.join(", "))
            }
            EditError::DateOutOfRange => t.date_out_of_range.to_owned(),
            // The rule's own words are for developers; the user reads ours.
            EditError::InvalidPlan(_) => t.invalid_plan.to_owned(),
        }
    }

    pub fn format_error(&self, error: &FormatError) -> String {
        let t = &self.format_errors;
        match error {
            FormatError::TooLarge => t.too_large.to_owned(),
            FormatError::NotJson(_) => t.not_json.to_owned(),
            FormatError::NotText => t.not_text.to_owned(),
            FormatError::NotAPlan => t.not_a_plan.to_owned(),
            FormatError::NewerVersion { found } => {
                Texts::fill(t.newer_version, &[&found.to_string()])
            }
            FormatError::Broken(_) => t.damaged.to_owned(),
        }
    }

    /// What a broken rule means, without its path.
    pub fn rule(&self, rule: &Rule) -> String {
        let t = &self.format_errors.rules;
        let n = |n: &dyn ToString| n.to_string();
        match rule {
            Rule::Count { found, min, max } => Texts::fill(t.count, &[&n(found), &n(min), &n(max)]),
            Rule::Name => t.name.to_owned(),
            Rule::Text => t.text.to_owned(),
            Rule::NameTwice => t.name_twice.to_owned(),
            Rule::IdTwice => t.id_twice.to_owned(),
            Rule::TooLarge { max } => Texts::fill(t.too_large, &[&n(max)]),
            Rule::Dangling => t.dangling.to_owned(),
            Rule::NotOwnMetric => t.not_own_metric.to_owned(),
            Rule::ReferenceRange => t.reference_range.to_owned(),
            Rule::Target => t.target.to_owned(),
            Rule::Date => t.date.to_owned(),
            Rule::Order => t.order.to_owned(),
            Rule::NotPerMember => t.not_per_member.to_owned(),
            Rule::EmptyParts => t.empty_parts.to_owned(),
            Rule::NotTheSum => t.not_the_sum.to_owned(),
            Rule::Overlap(a, b) => Texts::fill(t.overlap, &[a, b]),
            Rule::Edit(error) => self.edit_error(error),
            Rule::Shape(detail) => Texts::fill(t.shape, &[detail]),
            Rule::NotWhole => t.not_whole.to_owned(),
            Rule::Version => t.version.to_owned(),
        }
    }

    pub fn store_error(&self, error: &StoreError) -> &'static str {
        match error {
            StoreError::QuotaExceeded => self.session.store_full,
            StoreError::Other(_) => self.session.store_failed,
        }
    }

    pub fn edit_kind(&self, kind: EditKind) -> &'static str {
        self.session.edit_kinds[kind as usize]
    }

    pub fn problem(&self, problem: &Problem) -> String {
        match problem {
            Problem::Count(error) => self.count_error(error).to_owned(),
            Problem::Edit(error) => self.edit_error(error),
            Problem::Paste(PasteError::Invalid { row, column, .. }) => {
                Texts::fill(self.paste_refused, &[&row.to_string(), &column.to_string()])
            }
            Problem::Paste(PasteError::DoesNotFit) => self.paste_outside.to_owned(),
            Problem::Paste(PasteError::UnknownLabels(labels)) => {
                Texts::fill(self.paste_unknown_labels, &[&labels.join(", ")])
            }
            Problem::Paste(PasteError::LabelTwice(name)) => {
                Texts::fill(self.paste_label_twice, &[name])
            }
        }
    }

    pub fn month(&self, month: Month) -> String {
        match self.lang {
            Lang::Ja => format!("{}年{}月", month.year(), month.month()),
            Lang::En => format!(
                "{} {}",
                en::MONTHS[(month.month() as usize + 11) % 12],
                month.year()
            ),
        }
    }

    /// A full date: "2026年11月24日" or "Nov 24, 2026".
    pub fn date(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::Ja => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
            Lang::En => format!(
                "{} {}, {}",
                en::SHORT_MONTHS[date.month0() as usize % 12],
                date.day(),
                date.year()
            ),
        }
    }

    /// A grid column header: "Tue 24", "W48 Nov 23", "Nov 2026" (and the
    /// Japanese equivalents); short enough for narrow columns.
    pub fn period(&self, period: Period) -> String {
        let start = period.start();
        let weekday = self.weekdays[start.weekday().num_days_from_monday() as usize % 7];
        match (period.granularity(), self.lang) {
            (Granularity::Day, Lang::Ja) => format!("{}/{}({weekday})", start.month(), start.day()),
            (Granularity::Day, Lang::En) => {
                format!(
                    "{weekday} {} {}",
                    en::SHORT_MONTHS[start.month0() as usize % 12],
                    start.day()
                )
            }
            (Granularity::Week, Lang::Ja) => format!(
                "第{}週 {}/{}〜",
                period.iso_week().1,
                start.month(),
                start.day()
            ),
            (Granularity::Week, Lang::En) => {
                format!(
                    "W{} {} {}",
                    period.iso_week().1,
                    en::SHORT_MONTHS[start.month0() as usize % 12],
                    start.day()
                )
            }
            (Granularity::Month, _) => self.month(period.month()),
        }
    }

    /// A period in a sentence: "November 2026", "the week of Nov 2, 2026",
    /// "Nov 3, 2026".
    pub fn period_name(&self, period: Period) -> String {
        match period.granularity() {
            Granularity::Month => self.month(period.month()),
            Granularity::Week => Texts::fill(self.week_of, &[&self.date(period.start())]),
            Granularity::Day => self.date(period.start()),
        }
    }

    /// A rate's definition in words: "Opportunities ÷ Contacts (lag 1
    /// periods)".
    pub fn rate_definition(&self, numerator: &str, denominator: &str, lag: u32) -> String {
        let definition = Texts::fill(self.definition, &[numerator, denominator]);
        if lag == 0 {
            return definition;
        }
        format!(
            "{definition} ({})",
            Texts::fill(self.lag_note, &[&lag.to_string()])
        )
    }

    /// "Oct 1, 2026 – Dec 31, 2026".
    pub fn range(&self, range: PeriodRange) -> String {
        format!(
            "{} – {}",
            self.date(range.start()),
            self.date(range.last().last_day())
        )
    }

    /// A metric's value in its own unit.
    pub fn metric_value(&self, value: u64, kind: MetricKind, currency: Currency) -> String {
        match kind {
            MetricKind::Money => format_money(value as f64, currency),
            _ => format_count(value),
        }
    }

    /// A KPI value as its display says, or "—" without a value.
    pub fn kpi_value(&self, value: Option<f64>, display: KpiDisplay, currency: Currency) -> String {
        let Some(value) = value.filter(|v| v.is_finite()) else {
            return "—".to_owned();
        };
        match display {
            KpiDisplay::Percent => format_rate(Some(value)),
            KpiDisplay::Money => format_money(value, currency),
            KpiDisplay::Days => format!("{}{}", format_decimal(value, 1), self.unit_days()),
            KpiDisplay::Minutes => format!("{}{}", format_decimal(value, 1), self.unit_minutes()),
            KpiDisplay::Ratio => format_decimal(value, 2),
        }
    }

    /// A promise's figure in its unit; volumes shared out over a week or a
    /// day keep one decimal.
    pub fn measure_value(&self, unit: Unit, value: f64, currency: Currency) -> String {
        match unit {
            Unit::Kpi(display) => self.kpi_value(Some(value), display, currency),
            Unit::Metric(MetricKind::Money) => format_money(value, currency),
            Unit::Metric(_) if value.fract() == 0.0 && value >= 0.0 => format_count(value as u64),
            Unit::Metric(_) => format_decimal(value, 1),
        }
    }

    /// A difference in a promise's unit, with its sign.
    pub fn measure_difference(&self, unit: Unit, difference: f64, currency: Currency) -> String {
        match unit {
            Unit::Kpi(display) => self.kpi_difference(difference, display, currency),
            Unit::Metric(_) => {
                let sign = if difference < 0.0 { "−" } else { "+" };
                format!(
                    "{sign}{}",
                    self.measure_value(unit, difference.abs(), currency)
                )
            }
        }
    }

    pub fn period_count(&self, count: usize, granularity: Granularity) -> String {
        Texts::fill(
            self.period_counts[granularity as usize],
            &[&count.to_string()],
        )
    }

    pub fn stage_kind(&self, kind: StageKind) -> &'static str {
        self.stage_kinds[kind as usize]
    }

    pub fn hypotheses(&self, kind: StageKind) -> &'static [&'static str] {
        self.hypotheses[kind as usize]
    }

    pub fn action_status_name(&self, status: ActionStatus) -> &'static str {
        self.action_statuses[status as usize]
    }

    pub fn comparison(&self, comparison: Comparison) -> &'static str {
        self.comparisons[comparison as usize]
    }

    /// A difference in a KPI's unit, with its sign: "+2.5 pt", "−¥300".
    pub fn kpi_difference(
        &self,
        difference: f64,
        display: KpiDisplay,
        currency: Currency,
    ) -> String {
        let sign = if difference < 0.0 { "−" } else { "+" };
        let magnitude = difference.abs();
        let body = match display {
            KpiDisplay::Percent => format!("{} pt", format_decimal(magnitude * 100.0, 1)),
            _ => self.kpi_value(Some(magnitude), display, currency),
        };
        format!("{sign}{body}")
    }

    /// "▲ +2.5 pt (+10.0%)" or "▼ −¥300 (−5.0%)"; "—" without a comparison.
    pub fn change(
        &self,
        change: Option<Change>,
        display: KpiDisplay,
        currency: Currency,
    ) -> String {
        let Some(change) = change else {
            return "—".to_owned();
        };
        let arrow = if change.absolute > 0.0 {
            "▲"
        } else if change.absolute < 0.0 {
            "▼"
        } else {
            "="
        };
        let relative = change
            .relative
            .map(|r| {
                format!(
                    " ({}{})",
                    if r < 0.0 { "−" } else { "+" },
                    format_rate(Some(r.abs()))
                )
            })
            .unwrap_or_default();
        format!(
            "{arrow} {}{relative}",
            self.kpi_difference(change.absolute, display, currency)
        )
    }

    /// A metric total against the previous range: "▲ +120 (+12.0%)".
    pub fn metric_change(
        &self,
        current: u64,
        previous: u64,
        kind: MetricKind,
        currency: Currency,
    ) -> String {
        let (arrow, sign, difference) = match current.cmp(&previous) {
            std::cmp::Ordering::Greater => ("▲", "+", current - previous),
            std::cmp::Ordering::Less => ("▼", "−", previous - current),
            std::cmp::Ordering::Equal => ("=", "", 0),
        };
        let relative = crate::domain::kpi::change(Some(current as f64), Some(previous as f64))
            .and_then(|c| c.relative)
            .map(|r| {
                format!(
                    " ({}{})",
                    if r < 0.0 { "−" } else { "+" },
                    format_rate(Some(r.abs()))
                )
            })
            .unwrap_or_default();
        format!(
            "{arrow} {sign}{}{relative}",
            self.metric_value(difference, kind, currency)
        )
    }

    fn unit_days(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "日",
            Lang::En => " days",
        }
    }

    fn unit_minutes(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "分",
            Lang::En => " min",
        }
    }

    /// "{n}" placeholders filled in order.
    /// The template with each `{}` replaced by the next value, in order.
    /// A value is never searched again, so a name with `{}` in it stays.
    pub fn fill(template: &str, values: &[&str]) -> String {
        let mut parts = template.split("{}");
        let mut out = parts.next().unwrap_or_default().to_owned();
        let mut values = values.iter();
        for part in parts {
            out.push_str(values.next().copied().unwrap_or("{}"));
            out.push_str(part);
        }
        out
    }
}

/// A whole count with thousands separators: 1,234,567.
pub fn format_count(count: u64) -> String {
    group_thousands(&count.to_string())
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A non-negative number with `decimals` places and thousands separators.
pub fn format_decimal(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = group_thousands(whole);
    if fraction.is_empty() {
        grouped
    } else {
        format!("{grouped}.{fraction}")
    }
}

/// Money from minor units: ¥1,234,000 or $1,234.50.
pub fn format_money(minor_units: f64, currency: Currency) -> String {
    let major = minor_units / currency.minor_per_major() as f64;
    format!(
        "{}{}",
        currency.symbol(),
        format_decimal(major, currency.decimals() as usize)
    )
}

/// A rate as a percentage with one decimal ("25.0%"), or "—" without a value.
pub fn format_rate(rate: Option<f64>) -> String {
    match rate {
        Some(r) if r.is_finite() => format!("{}%", format_decimal(r * 100.0, 1)),
        _ => "—".to_owned(),
    }
}

/// A value as typed into a field (a target): no grouping, no symbol.
pub fn editable_number(value: f64, display: KpiDisplay, currency: Currency) -> String {
    let (value, decimals) = match display {
        KpiDisplay::Percent => (value * 100.0, 2),
        KpiDisplay::Money => (
            value / currency.minor_per_major() as f64,
            currency.decimals() as usize,
        ),
        _ => (value, 2),
    };
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format::Violation;

    #[test]
    fn templates_are_filled_in_order_and_values_are_kept_as_typed() {
        assert_eq!(Texts::fill("{} of {}", &["{}", "x"]), "{} of x");
        assert_eq!(Texts::fill("「{}」を{}に", &["A", "B"]), "「A」をBに");
        assert_eq!(Texts::fill("{} and {}", &["one"]), "one and {}");
        assert_eq!(Texts::fill("none", &["extra"]), "none");
    }

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
        assert_eq!(format_rate(Some(123.456)), "12,345.6%");
        assert_eq!(format_rate(None), "—");
        assert_eq!(format_rate(Some(f64::NAN)), "—");
        assert_eq!(format_rate(Some(f64::INFINITY)), "—");
    }

    #[test]
    fn money_uses_minor_units_and_the_currency_sign() {
        assert_eq!(format_money(1_234_000.0, Currency::Jpy), "¥1,234,000");
        assert_eq!(format_money(123_450.0, Currency::Usd), "$1,234.50");
        assert_eq!(format_money(1_500.4, Currency::Jpy), "¥1,500");
        let t = texts(Lang::Ja);
        assert_eq!(
            t.metric_value(1_234_000, MetricKind::Money, Currency::Jpy),
            "¥1,234,000"
        );
        assert_eq!(
            t.metric_value(1_234_000, MetricKind::Count, Currency::Jpy),
            "1,234,000"
        );
    }

    #[test]
    fn kpi_values_follow_their_display() {
        let (en, ja) = (texts(Lang::En), texts(Lang::Ja));
        assert_eq!(
            en.kpi_value(Some(0.25), KpiDisplay::Percent, Currency::Usd),
            "25.0%"
        );
        assert_eq!(
            en.kpi_value(Some(150_000.0), KpiDisplay::Money, Currency::Usd),
            "$1,500.00"
        );
        assert_eq!(
            ja.kpi_value(Some(1_500.0), KpiDisplay::Money, Currency::Jpy),
            "¥1,500"
        );
        assert_eq!(
            en.kpi_value(Some(45.0), KpiDisplay::Days, Currency::Usd),
            "45.0 days"
        );
        assert_eq!(
            ja.kpi_value(Some(45.0), KpiDisplay::Days, Currency::Jpy),
            "45.0日"
        );
        assert_eq!(
            ja.kpi_value(Some(7.0), KpiDisplay::Minutes, Currency::Jpy),
            "7.0分"
        );
        assert_eq!(
            en.kpi_value(Some(1.0 / 3.0), KpiDisplay::Ratio, Currency::Usd),
            "0.33"
        );
        assert_eq!(en.kpi_value(None, KpiDisplay::Percent, Currency::Usd), "—");
    }

    #[test]
    fn differences_and_changes_carry_signs_and_arrows() {
        let en = texts(Lang::En);
        assert_eq!(
            en.kpi_difference(-0.05, KpiDisplay::Percent, Currency::Usd),
            "−5.0 pt"
        );
        assert_eq!(
            en.kpi_difference(300.0, KpiDisplay::Money, Currency::Jpy),
            "+¥300"
        );
        let up = Change {
            absolute: 0.05,
            relative: Some(0.25),
        };
        assert_eq!(
            en.change(Some(up), KpiDisplay::Percent, Currency::Usd),
            "▲ +5.0 pt (+25.0%)"
        );
        let down = Change {
            absolute: -300.0,
            relative: None,
        };
        assert_eq!(
            en.change(Some(down), KpiDisplay::Money, Currency::Jpy),
            "▼ −¥300"
        );
        assert_eq!(en.change(None, KpiDisplay::Money, Currency::Jpy), "—");
        assert_eq!(
            en.metric_change(1_120, 1_000, MetricKind::Count, Currency::Jpy),
            "▲ +120 (+12.0%)"
        );
        assert_eq!(
            en.metric_change(500, 1_000, MetricKind::Money, Currency::Jpy),
            "▼ −¥500 (−50.0%)"
        );
        assert_eq!(
            en.metric_change(7, 0, MetricKind::Count, Currency::Jpy),
            "▲ +7"
        );
    }

    #[test]
    fn dates_months_and_periods_read_naturally_in_each_language() {
        let (en, ja) = (texts(Lang::En), texts(Lang::Ja));
        let month = Month::new(2026, 11).unwrap();
        assert_eq!(ja.month(month), "2026年11月");
        assert_eq!(en.month(month), "November 2026");
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(ja.date(day), "2026年11月24日");
        assert_eq!(en.date(day), "Nov 24, 2026");
        assert_eq!(
            en.period(Period::containing(Granularity::Day, day)),
            "Tue Nov 24"
        );
        assert_eq!(
            ja.period(Period::containing(Granularity::Day, day)),
            "11/24(火)"
        );
        assert_eq!(
            en.period(Period::containing(Granularity::Week, day)),
            "W48 Nov 23"
        );
        assert_eq!(
            ja.period(Period::containing(Granularity::Week, day)),
            "第48週 11/23〜"
        );
        assert_eq!(
            en.period(Period::containing(Granularity::Month, day)),
            "November 2026"
        );
    }

    #[test]
    fn editable_numbers_round_trip_the_units_people_type() {
        assert_eq!(
            editable_number(0.255, KpiDisplay::Percent, Currency::Jpy),
            "25.5"
        );
        assert_eq!(
            editable_number(0.25, KpiDisplay::Percent, Currency::Jpy),
            "25"
        );
        assert_eq!(
            editable_number(150_050.0, KpiDisplay::Money, Currency::Usd),
            "1500.5"
        );
        assert_eq!(
            editable_number(1_500.0, KpiDisplay::Money, Currency::Jpy),
            "1500"
        );
        assert_eq!(editable_number(45.0, KpiDisplay::Days, Currency::Jpy), "45");
    }

    #[test]
    fn problems_read_in_the_current_language() {
        let problem = Problem::from(CountError::Negative);
        assert_eq!(
            texts(Lang::En).problem(&problem),
            "Counts cannot be negative."
        );
        assert_eq!(
            texts(Lang::Ja).problem(&problem),
            "件数にマイナスは使えません。"
        );
        let paste = Problem::from(PasteError::Invalid {
            row: 2,
            column: 3,
            error: CountError::NotANumber,
        });
        assert_eq!(
            texts(Lang::En).problem(&paste),
            "Nothing was pasted: row 2, column 3 is not a valid value."
        );
        let used = Problem::from(EditError::MetricInUse(vec!["CPA".into(), "CVR".into()]));
        assert_eq!(texts(Lang::En).problem(&used), "Used by KPI: CPA, CVR");
    }

    #[test]
    fn every_enum_has_a_name_in_every_language() {
        for lang in Lang::ALL {
            let t = texts(lang);
            assert_eq!(t.lang, lang);
            let names = Hue::ALL
                .map(|h| t.hue(h))
                .into_iter()
                .chain(Granularity::ALL.map(|g| t.granularity(g)))
                .chain(RangePreset::ALL.map(|p| t.range_preset(p)))
                .chain(MetricKind::ALL.map(|k| t.metric_kind(k)))
                .chain(KpiDisplay::ALL.map(|d| t.kpi_display(d)))
                .chain([Better::Higher, Better::Lower].map(|b| t.better_name(b)))
                .chain([Status::OnTrack, Status::AtRisk, Status::OffTrack].map(|s| t.status(s)));
            for name in names {
                assert!(!name.is_empty());
            }
        }
        assert_eq!(texts(Lang::En).hue(Hue::Vermillion), "Vermillion");
        assert_eq!(texts(Lang::Ja).hue(Hue::Sky), "空色");
        // Every kind of step has the seed's hypotheses; opportunity creation
        // its three levers (quantity, quality, targeting).
        for lang in Lang::ALL {
            let t = texts(lang);
            for kind in StageKind::ALL {
                assert!(!t.hypotheses(kind).is_empty(), "{kind:?}");
            }
            assert_eq!(t.hypotheses(StageKind::Opportunity).len(), 3);
        }
        assert!(
            texts(Lang::Ja).hypotheses(StageKind::Opportunity)[1].contains("トップ営業のトーク")
        );
        assert!(texts(Lang::En).hypotheses(StageKind::Contact)[0].contains("call timing"));
        assert_eq!(texts(Lang::Ja).status(Status::AtRisk), "要注意");
    }

    /// Stored-data, storage and edit errors reach the user in their
    /// language: every one has its own words, and the Japanese ones are
    /// Japanese (no English sentence from an error's `Display`).
    #[test]
    fn every_storage_format_and_edit_error_is_worded_in_each_language() {
        let formats = [
            FormatError::TooLarge,
            FormatError::NotJson("expected value at line 1".into()),
            FormatError::NotAPlan,
            FormatError::NewerVersion { found: 9 },
            FormatError::Broken(vec![Violation::new("$.plan", Rule::Name)]),
        ];
        let edits = [
            EditError::EmptyName,
            EditError::NameTooLong,
            EditError::TooManyStages,
            EditError::TooManyItems,
            EditError::LastStage,
            EditError::UnknownStage,
            EditError::PrimaryMetric,
            EditError::MetricInUse(vec!["CPA".into()]),
            EditError::LagTooLarge,
            EditError::MarginTooLarge,
            EditError::BadTarget,
            EditError::ValueTooLarge,
            EditError::EntryRefused(EntryRefused::Summed),
            EditError::EntryRefused(EntryRefused::Covered(Period::containing(
                crate::domain::period::Granularity::Month,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            ))),
            EditError::IdInUse,
            EditError::UnknownSla,
            EditError::SameDepartment,
            EditError::TooManySlaCards,
            EditError::TooManyThresholds,
            EditError::TooManyCriteria,
            EditError::TextTooLong,
            EditError::RateOver100,
            EditError::UsedBySla(vec!["Marketing → Inside sales".into()]),
            EditError::UnknownAction,
            EditError::TooManyActions,
            EditError::BadReferenceRange,
            EditError::UsedByAction(vec!["Bigger lists".into()]),
            EditError::UnknownDepartment,
            EditError::DepartmentNameInUse,
            EditError::TooManyDepartments,
            EditError::DepartmentInUse(vec!["Won".into()]),
            EditError::DateOutOfRange,
            EditError::InvalidPlan("name is empty".into()),
        ];
        let stores = [
            StoreError::QuotaExceeded,
            StoreError::Other("SecurityError".into()),
        ];
        for lang in Lang::ALL {
            let t = texts(lang);
            let mut words: Vec<String> = formats.iter().map(|e| t.format_error(e)).collect();
            words.extend(edits.iter().map(|e| t.edit_error(e)));
            words.extend(stores.iter().map(|e| t.store_error(e).to_owned()));
            for (i, text) in words.iter().enumerate() {
                assert!(!text.is_empty(), "{lang:?} #{i}");
                for english in ["line 1", "bad target", "name is empty", "SecurityError"] {
                    assert!(!text.contains(english), "{lang:?}: {text}");
                }
                if lang == Lang::Ja {
                    assert!(!text.is_ascii(), "English in the Japanese UI: {text}");
                }
            }
            assert!(t.format_error(&formats[3]).contains('9'));
        }
    }
}
