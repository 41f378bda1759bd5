use super::{CountErrorTexts, EditErrorTexts, Texts};
use crate::domain::locale::Lang;
use crate::domain::presets::PresetNames;

pub(super) const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

pub(super) static TEXTS: Texts = Texts {
    lang: Lang::En,
    app_title: "Funnel Planner",
    tagline: "Plan and track the inside-sales funnel",
    skip_to_content: "Skip to content",
    language: "Language",
    main_navigation: "Main",
    nav_flow: "Flow",
    nav_numbers: "Numbers",
    not_applicable: "not applicable",

    flow_heading: "Flow: stages and owners",
    flow_intro: "Name the stages of your funnel in order, and give each to the department that owns it. Milestones mark where the shared KPIs are measured.",
    stage_name: "Stage name",
    owner: "Owner",
    milestone: "Milestone",
    no_milestone: "None",
    move_up: "Move up",
    move_down: "Move down",
    remove: "Remove",
    add_stage: "Add stage",
    new_stage_name: "New stage",
    stage_removed: "Stage removed:",
    undo: "Undo",
    dismiss: "Dismiss",

    numbers_heading: "Numbers",
    numbers_intro: "Counts for",
    numbers_empty: "Enter this month's count for each stage to see the conversion at every step.",
    col_stage: "Stage",
    col_owner: "Owner",
    col_count: "Count",
    col_step: "From previous stage",
    col_cumulative: "From first stage",

    shared_kpis: "Shared KPIs",
    shared_kpis_intro: "One definition for marketing, inside sales and field sales.",
    missing_milestone: "Mark a stage as “{milestone}” in Flow to measure this.",
    funnel_chart: "Funnel chart of this month's counts",
    funnel_chart_empty: "No counts yet",

    storage_note: "Saved automatically in this browser only. It is not a backup.",
    corrupt_data_kept: "Your saved plan could not be read, so a fresh plan was started. The unreadable data was kept in this browser under the key",
    newer_version: "Your saved plan comes from a newer version of Funnel Planner. It is left untouched; changes made here will not be saved.",
    unreadable_left_alone: "Your saved plan could not be read, and there is no room to keep a copy of it. It is left untouched; changes made here will not be saved.",
    storage_unavailable: "This browser does not allow saving (storage is disabled or in private mode). Changes will be lost when the tab closes.",
    save_failed_quota: "Could not save: the browser's storage is full. Your last saved copy is kept.",
    save_failed_other: "Could not save. Your last saved copy is kept.",

    departments: ["Marketing", "Inside sales", "Field sales"],
    milestones: ["Lead", "Opportunity", "Won"],
    shared_kpi_names: ["Lead → opportunity", "Opportunity → won"],
    count_errors: CountErrorTexts {
        empty: "Enter a number (0 if none).",
        negative: "Counts cannot be negative.",
        not_whole: "Counts are whole numbers.",
        too_large: "That number is too large.",
        not_a_number: "Enter digits only, like 1,234.",
    },
    edit_errors: EditErrorTexts {
        empty_name: "A stage needs a name.",
        name_too_long: "Names have at most 60 characters.",
        too_many_stages: "A plan has at most 20 stages.",
        last_stage: "A plan keeps at least one stage.",
        unknown_stage: "That stage no longer exists.",
    },
    preset_names: PresetNames::ENGLISH,
};
