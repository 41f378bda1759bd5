//! The app's shared reactive state, provided as context to every page.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::route::Route;

use crate::domain::departments::{Department, DepartmentId};
use crate::domain::edit::Edit;
use crate::domain::entries::members::Counter;
use crate::domain::locale::Lang;
use crate::domain::money::Currency;
use crate::domain::month::Month;
use crate::domain::period::{PeriodRange, RangePreset};
use crate::domain::plan::{KpiId, MetricId, Plan, StageId};
use crate::domain::sla::SlaId;
use crate::i18n::{texts, Problem, Texts};

use super::session::{Session, StartNotice};

#[derive(Clone, Copy)]
pub struct AppState {
    /// The plan, read-only; changes go through `dispatch`.
    pub plan: ReadSignal<Plan>,
    pub session: Session,
    /// The plan's currency, apart from the plan so that the many views
    /// that format money do not re-run on every count edit.
    pub currency: Memo<Currency>,
    pub lang: RwSignal<Lang>,
    /// Today in the user's time zone; moves on at midnight (`ui::clock`).
    pub today: RwSignal<NaiveDate>,
    /// The periods the Numbers page shows.
    pub range: RwSignal<PeriodRange>,
    /// The preset the range came from; `None` once the user moved it.
    pub preset: RwSignal<Option<RangePreset>>,
    pub compare: RwSignal<bool>,
    /// Whose counts the Numbers page shows and types: the team's totals,
    /// one member's, or those typed for no member.
    pub counter: RwSignal<Counter>,
    /// Larger chart text, for projectors.
    pub large_charts: RwSignal<bool>,
    /// The KPIs the dashboard's trend shows; kept while moving between pages.
    pub trend_kpis: RwSignal<Vec<KpiId>>,
    /// The month whose targets the KPIs page edits.
    pub target_month: RwSignal<Month>,
    /// What storage held at start-up, when the user must know.
    pub start_notice: RwSignal<Option<StartNotice>>,
}

impl AppState {
    /// The texts of the current language; reactive when called in a closure.
    pub fn texts(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// The texts of the current language, for event handlers.
    pub fn texts_untracked(&self) -> &'static Texts {
        texts(self.lang.get_untracked())
    }

    /// A text of the current language, as a signal. Every such text has
    /// this one type, so the view code that shows it is compiled once
    /// rather than once per closure: most of the bundle is view code.
    pub fn tr(&self, pick: fn(&'static Texts) -> &'static str) -> Signal<&'static str> {
        let lang = self.lang;
        Signal::derive(move || pick(texts(lang.get())))
    }

    /// A text built from the current language and other state, as a signal
    /// (see `tr`).
    pub fn text(
        &self,
        make: impl Fn(&'static Texts) -> String + Send + Sync + 'static,
    ) -> Signal<String> {
        let lang = self.lang;
        Signal::derive(move || make(texts(lang.get())))
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

    pub fn sla_ids(&self) -> Vec<SlaId> {
        self.plan
            .with(|p| p.sla_cards.iter().map(|c| c.id).collect())
    }

    pub fn department_ids(&self) -> Vec<DepartmentId> {
        self.plan
            .with(|p| p.departments.iter().map(|d| d.id).collect())
    }

    /// A department's name; empty once it is gone.
    pub fn department_name(&self, id: DepartmentId) -> String {
        self.plan
            .with(|p| p.department(id).map(|d| d.name.clone()).unwrap_or_default())
    }

    /// The department that owns a stage.
    pub fn stage_owner(&self, id: StageId) -> Option<Department> {
        self.plan
            .with(|p| p.stage(id).and_then(|s| p.department(s.owner)).cloned())
    }

    /// A stage's metrics, in the order they were added.
    pub fn metric_ids(&self, stage: StageId) -> Vec<MetricId> {
        self.plan
            .with(|p| p.metrics_of(stage).map(|m| m.id).collect())
    }

    /// A page of the open plan, for links (reactive: "keep both" moves the
    /// tab to a copy). The plan is in it, so a link opened in a new tab
    /// opens this plan there too.
    pub fn href(&self, route: Route) -> String {
        route.href(&self.session.open_id())
    }

    /// Applies a change to the plan (the one door, see `session`); a
    /// refusal comes back as a problem to show the user.
    pub fn dispatch(&self, edit: Edit) -> Result<(), Problem> {
        self.session.dispatch(edit).map_err(Problem::from)
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
