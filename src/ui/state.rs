//! The app's shared reactive state, provided as context to every page.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::format::FormatError;
use crate::domain::locale::Lang;
use crate::domain::money::Currency;
use crate::domain::month::Month;
use crate::domain::period::{PeriodRange, RangePreset};
use crate::domain::plan::{Department, EditError, KpiId, MetricId, Plan, StageId};
use crate::i18n::{texts, Problem, Texts};
use crate::storage::StoreError;

/// Something about stored data the user must know, shown until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageNotice {
    /// Unreadable data was kept under `backup_key`; a fresh plan was started.
    Recovered {
        backup_key: String,
        error: FormatError,
    },
    /// Saved data is left alone (newer version or not backed up); nothing is saved.
    Untouchable { error: FormatError },
    /// Local storage cannot be used at all.
    Unavailable,
    /// Another tab saved the plan; this tab no longer saves.
    ChangedElsewhere,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub plan: RwSignal<Plan>,
    /// The plan's currency, apart from the plan so that the many views
    /// that format money do not re-run on every count edit.
    pub currency: Memo<Currency>,
    pub lang: RwSignal<Lang>,
    pub today: NaiveDate,
    /// The periods the Numbers page shows.
    pub range: RwSignal<PeriodRange>,
    /// The preset the range came from; `None` once the user moved it.
    pub preset: RwSignal<Option<RangePreset>>,
    pub compare: RwSignal<bool>,
    /// Larger chart text, for projectors.
    pub large_charts: RwSignal<bool>,
    /// The KPIs the dashboard's trend shows; kept while moving between pages.
    pub trend_kpis: RwSignal<Vec<KpiId>>,
    /// The month whose targets the KPIs page edits.
    pub target_month: RwSignal<Month>,
    pub notice: RwSignal<Option<StorageNotice>>,
    /// The last save's failure, cleared by the next good save.
    pub save_error: RwSignal<Option<StoreError>>,
}

impl AppState {
    /// The texts of the current language; reactive when called in a closure.
    pub fn texts(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// The stages in funnel order (reactive, like every reader below).
    pub fn stage_ids(&self) -> Vec<StageId> {
        self.plan.with(|p| p.stages.iter().map(|s| s.id).collect())
    }

    /// A stage's name; empty once the stage is gone.
    pub fn stage_name(&self, id: StageId) -> String {
        self.plan
            .with(|p| p.stage(id).map(|s| s.name.clone()).unwrap_or_default())
    }

    pub fn stage_owner(&self, id: StageId) -> Option<Department> {
        self.plan.with(|p| p.stage(id).map(|s| s.owner))
    }

    /// A stage's metrics, in the order they were added.
    pub fn metric_ids(&self, stage: StageId) -> Vec<MetricId> {
        self.plan
            .with(|p| p.metrics_of(stage).map(|m| m.id).collect())
    }

    /// Applies an edit to the plan. Plan methods change nothing when they
    /// refuse, so only a successful edit notifies (and so recomputes and
    /// saves); a refusal comes back as a problem to show the user.
    pub fn edit<T>(
        &self,
        edit: impl FnOnce(&mut Plan) -> Result<T, EditError>,
    ) -> Result<T, Problem> {
        match self.plan.try_update_untracked(edit) {
            Some(Ok(value)) => {
                self.plan.notify();
                Ok(value)
            }
            Some(Err(error)) => Err(error.into()),
            // The plan is gone with its page; nothing to change.
            None => Err(EditError::UnknownStage.into()),
        }
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
