//! The one write door. The session owns the plan signal; components read
//! the plan and hand changes to [`Session::dispatch`] as [`Edit`] values.
//! It keeps the undo history, saves (debounced, and at once when the page
//! is hidden), and keeps this tab in step with others: every save first
//! compares the stored head, and this tab's edits that another tab's save
//! lacks (unsaved, or overwritten by a tab with a stale copy) are replayed
//! on top of another tab's newer save. Only an edit that no longer applies
//! asks the user which version to keep.

use chrono::NaiveDate;
use leptos::ev;
use leptos::prelude::*;

use crate::domain::edit::history::History;
use crate::domain::edit::outbox::Outbox;
use crate::domain::edit::rebase::Conflict;
use crate::domain::edit::{apply, Edit, EditKind};
use crate::domain::format::{self, FormatError, Head, Stored};
use crate::domain::ids::IdGen;
use crate::domain::locale::Lang;
use crate::domain::plan::{copy_name, EditError, Plan};
use crate::domain::presets::inside_sales;
use crate::route::{in_plan, plan_in_hash, Route};
use crate::storage::browser::BrowserStore;
use crate::storage::library::{exists, plan_to_open};
use crate::storage::{
    load_last_plan, load_plan, plan_key, read_if_newer, save_last_plan, save_plan, KeyValueStore,
    Loaded, SaveError, StoreError, BACKUP_KEY_PREFIX,
};

/// Saves wait this long after the last change, so typing never waits.
const SAVE_DELAY_MS: u64 = 300;
/// Where a tab remembers which plan it has open (a copy made by "keep both").
const OPEN_PLAN_KEY: &str = "funnel-planner/open-plan";

/// Whether the plan in this tab is safely stored.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Stored; `at_ms` is the browser's clock then.
    Saved {
        at_ms: f64,
    },
    /// A save is waiting for typing to pause.
    Pending,
    NotSaved(NotSaved),
}

/// Why the plan is not stored. Shown until it no longer holds.
#[derive(Clone, Debug, PartialEq)]
pub enum NotSaved {
    Full,
    Unavailable,
    /// Another tab's change and one of ours no longer fit together.
    Conflict,
    /// Another tab wrote a version this app cannot read.
    NewerElsewhere,
    /// The stored plan could not be read and is left untouched.
    LeftAlone,
    /// The plan breaks a rule or is too large to store.
    Refused(FormatError),
}

impl NotSaved {
    /// States that only the user can end; saving waits for them.
    fn blocks_saving(&self) -> bool {
        matches!(
            self,
            NotSaved::Conflict | NotSaved::NewerElsewhere | NotSaved::LeftAlone
        )
    }
}

/// Another tab's save and the first of our edits that does not apply to it.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictState {
    pub theirs: Stored,
    pub refused: Conflict,
}

/// Something that happened to the plan without the user typing it.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionMessage {
    UndoFailed(EditError),
    UpdatedElsewhere,
    /// Another plan was asked for while this one's changes are not stored.
    StayedUnsaved,
}

/// What storage held at start-up that the user must know about.
#[derive(Clone, Debug, PartialEq)]
pub enum StartNotice {
    /// Unreadable data was kept under `backup_key`; a fresh plan was started.
    Recovered {
        backup_key: String,
        error: FormatError,
    },
    /// The stored data cannot be used and is left as it is; `raw` is it,
    /// for the user to download before starting afresh.
    LeftAlone { error: FormatError, raw: String },
}

struct Inner {
    history: History,
    /// Unsaved edits and recent saves, to replay on another tab's save.
    outbox: Outbox,
    ids: IdGen,
    plan_id: String,
    /// The field being typed in: its edits join one undo step.
    group: Option<String>,
    save_timer: Option<TimeoutHandle>,
    persist_asked: bool,
}

#[derive(Clone, Copy)]
pub struct Session {
    plan: RwSignal<Plan>,
    inner: StoredValue<Inner>,
    undo_kind: RwSignal<Option<EditKind>>,
    redo_kind: RwSignal<Option<EditKind>>,
    save_state: RwSignal<SaveState>,
    conflict: RwSignal<Option<ConflictState>>,
    /// Counts changes not typed here (undo, redo, another tab): fields
    /// drop what they were showing and show the plan again.
    outside_changes: RwSignal<u64>,
    message: RwSignal<Option<SessionMessage>>,
    /// The open plan's id, for links that name it.
    open_id: RwSignal<String>,
}

impl Session {
    /// Opens the plan this tab works on and starts saving and listening to
    /// other tabs.
    pub fn start(lang: Lang) -> (Session, Option<StartNotice>) {
        let store = BrowserStore::open();
        let plan_id = open_plan_id(store.as_ref());
        remember_open_plan(&plan_id);
        let stamp = now_ms() as u64;
        let loaded = store
            .as_ref()
            .map(|store| load_plan(store, &plan_id, stamp));
        let fresh = || inside_sales(lang);
        let (plan, base, state, notice, save_at_once) = match loaded {
            None | Some(Err(_)) => (
                fresh(),
                Head::default(),
                SaveState::NotSaved(NotSaved::Unavailable),
                None,
                false,
            ),
            Some(Ok(Loaded::Nothing)) => (fresh(), Head::default(), SaveState::Pending, None, true),
            Some(Ok(Loaded::Plan(stored))) => (
                stored.plan,
                stored.head,
                SaveState::Saved { at_ms: now_ms() },
                None,
                false,
            ),
            Some(Ok(Loaded::Recovered { backup_key, error })) => (
                fresh(),
                Head::default(),
                SaveState::Pending,
                Some(StartNotice::Recovered { backup_key, error }),
                true,
            ),
            Some(Ok(Loaded::Untouchable { error, raw })) => (
                fresh(),
                Head::default(),
                SaveState::NotSaved(NotSaved::LeftAlone),
                Some(StartNotice::LeftAlone { error, raw }),
                false,
            ),
        };
        let session = Session {
            plan: RwSignal::new(plan),
            inner: StoredValue::new(Inner {
                history: History::default(),
                outbox: Outbox::new(new_writer_tag(), base),
                ids: IdGen::for_session((js_sys::Math::random() * f64::from(u32::MAX)) as u32),
                plan_id: plan_id.clone(),
                group: None,
                save_timer: None,
                persist_asked: false,
            }),
            undo_kind: RwSignal::new(None),
            redo_kind: RwSignal::new(None),
            save_state: RwSignal::new(state),
            conflict: RwSignal::new(None),
            outside_changes: RwSignal::new(0),
            message: RwSignal::new(None),
            open_id: RwSignal::new(plan_id),
        };
        if save_at_once {
            session.save_now();
        }
        session.listen();
        (session, notice)
    }

    /// The plan, read-only: the only way to change it is `dispatch`.
    pub fn plan(&self) -> ReadSignal<Plan> {
        self.plan.read_only()
    }

    /// Applies a change and records it for undo and saving. A refused
    /// change alters nothing and comes back as its reason.
    pub fn dispatch(&self, edit: Edit) -> Result<(), EditError> {
        let kind = edit.kind();
        let forward = edit.clone();
        match self.plan.try_update_untracked(|plan| apply(plan, edit)) {
            Some(Ok(inverse)) => {
                self.inner.update_value(|inner| {
                    inner.history.record(kind, inverse, inner.group.as_deref());
                    inner.outbox.push(forward);
                });
                self.changed();
                Ok(())
            }
            Some(Err(error)) => Err(error),
            // The session is gone with the page.
            None => Err(EditError::UnknownStage),
        }
    }

    /// Runs `commit` as typing in field `group`: its edits join one step.
    pub fn typing_in<T>(&self, group: &str, commit: impl FnOnce() -> T) -> T {
        self.inner
            .update_value(|inner| inner.group = Some(group.to_owned()));
        let result = commit();
        self.inner.update_value(|inner| inner.group = None);
        result
    }

    /// The field lost focus: its next edit is a new undo step.
    pub fn close_group(&self) {
        self.inner.update_value(|inner| inner.history.close_group());
    }

    pub fn undo(&self) {
        self.step(|history, plan| history.undo(plan));
    }

    pub fn redo(&self) {
        self.step(|history, plan| history.redo(plan));
    }

    fn step(
        &self,
        take: impl FnOnce(
            &mut History,
            &mut Plan,
        ) -> Option<Result<crate::domain::edit::history::Moved, EditError>>,
    ) {
        let Some(mut history) = self
            .inner
            .try_update_value(|inner| std::mem::take(&mut inner.history))
        else {
            return;
        };
        let result = self
            .plan
            .try_update_untracked(|plan| take(&mut history, plan));
        self.inner.update_value(|inner| inner.history = history);
        match result.flatten() {
            Some(Ok(moved)) => {
                self.inner
                    .update_value(|inner| inner.outbox.push(moved.applied));
                self.message.set(None);
                self.outside_changes.update(|n| *n += 1);
                self.changed();
            }
            Some(Err(error)) => {
                self.message.set(Some(SessionMessage::UndoFailed(error)));
                self.refresh_labels();
            }
            None => {}
        }
    }

    pub fn undo_kind(&self) -> Option<EditKind> {
        self.undo_kind.get()
    }

    pub fn redo_kind(&self) -> Option<EditKind> {
        self.redo_kind.get()
    }

    pub fn save_state(&self) -> SaveState {
        self.save_state.get()
    }

    pub fn conflict(&self) -> Option<ConflictState> {
        self.conflict.get()
    }

    pub fn message(&self) -> Option<SessionMessage> {
        self.message.get()
    }

    pub fn dismiss_message(&self) {
        self.message.set(None);
    }

    /// Reactive: changes whenever the plan changed without typing here.
    pub fn outside_changes(&self) -> u64 {
        self.outside_changes.get()
    }

    /// A fresh id for a new stage, metric or KPI, never used in this plan.
    pub fn fresh_id(&self) -> u64 {
        let plan = self.plan;
        self.inner
            .try_update_value(|inner| inner.ids.fresh(|id| plan.with_untracked(|p| p.uses_id(id))))
            .unwrap_or_default()
    }

    /// The plan as a JSON file, for the user to keep.
    /// The open plan as text, for a share link: it names no plan, since
    /// a link is opened in other browsers.
    pub fn plan_file(&self) -> Result<String, FormatError> {
        let head = self.inner.with_value(|inner| inner.outbox.base().clone());
        self.plan.with_untracked(|plan| format::encode(plan, &head))
    }

    /// The open plan as a file to download, naming this library's plan so
    /// an import in this browser can offer to replace it.
    pub fn export_file(&self) -> Result<String, FormatError> {
        let Some(token) = own_library_token() else {
            return self.plan_file();
        };
        let (head, id) = self
            .inner
            .with_value(|inner| (inner.outbox.base().clone(), inner.plan_id.clone()));
        let id = crate::storage::file_id(&token, &id);
        self.plan
            .with_untracked(|plan| format::encode_file(plan, &head, &id))
    }

    pub fn plan_id(&self) -> String {
        self.inner.with_value(|inner| inner.plan_id.clone())
    }

    /// Reactive: the open plan's id (it changes when "keep both" makes a
    /// copy).
    pub fn open_id(&self) -> String {
        self.open_id.get()
    }

    /// After a change: undo labels, and a save once typing pauses.
    fn changed(&self) {
        self.plan.notify();
        self.refresh_labels();
        match self.save_state.get_untracked() {
            SaveState::NotSaved(state) if state.blocks_saving() => return,
            // A failure stays in view until a save succeeds.
            SaveState::NotSaved(_) | SaveState::Pending => {}
            SaveState::Saved { .. } => self.save_state.set(SaveState::Pending),
        }
        let session = *self;
        let timer = set_timeout_with_handle(
            move || {
                // The page may be gone by now (tests unmount it).
                if session
                    .inner
                    .try_update_value(|inner| inner.save_timer = None)
                    .is_some()
                {
                    session.save_now();
                }
            },
            std::time::Duration::from_millis(SAVE_DELAY_MS),
        )
        .ok();
        self.inner.update_value(|inner| {
            if let Some(old) = std::mem::replace(&mut inner.save_timer, timer) {
                old.clear();
            }
        });
    }

    fn refresh_labels(&self) {
        let (undo, redo) = self
            .inner
            .with_value(|inner| (inner.history.undo_kind(), inner.history.redo_kind()));
        if self.undo_kind.get_untracked() != undo {
            self.undo_kind.set(undo);
        }
        if self.redo_kind.get_untracked() != redo {
            self.redo_kind.set(redo);
        }
    }

    /// Saves what is waiting so another plan can open in this tab; false
    /// (and a message) when this plan's changes are not stored, since
    /// leaving would lose them.
    pub fn leave(&self) -> bool {
        let saved = || matches!(self.save_state.get_untracked(), SaveState::Saved { .. });
        self.flush();
        if !saved() {
            // A failed save is tried once more: the storage may have room now.
            self.save_now();
        }
        // Nothing typed here since the last save (or since a start that left
        // unreadable data alone): leaving loses nothing.
        let settled = saved()
            || self
                .inner
                .try_with_value(|inner| !inner.outbox.has_pending())
                .unwrap_or(true);
        if !settled {
            self.message.set(Some(SessionMessage::StayedUnsaved));
        }
        settled
    }

    /// Saves now if a save is waiting (the page is being hidden or closed).
    fn flush(&self) {
        let waiting = self
            .inner
            .try_update_value(|inner| inner.save_timer.take())
            .flatten();
        if let Some(timer) = waiting {
            timer.clear();
            self.save_now();
        }
    }

    /// Writes the plan, replaying this tab's edits on a newer stored plan
    /// first. Never overwrites another tab's save.
    pub fn save_now(&self) {
        if let SaveState::NotSaved(state) = self.save_state.get_untracked() {
            if state.blocks_saving() {
                return;
            }
        }
        let Some(store) = BrowserStore::open() else {
            self.save_state
                .set(SaveState::NotSaved(NotSaved::Unavailable));
            return;
        };
        // Each round either writes, stops, or adopts another tab's save; two
        // tabs racing settle in a round or two.
        for _ in 0..3 {
            let (plan_id, base, head) = self.inner.with_value(|inner| {
                (
                    inner.plan_id.clone(),
                    inner.outbox.base().clone(),
                    inner.outbox.next_head(),
                )
            });
            let result = self.plan.with_untracked(|plan| {
                save_plan(
                    &store,
                    &plan_id,
                    plan,
                    (&base, &head),
                    today(),
                    now_ms() as u64,
                )
            });
            match result {
                Ok(()) => {
                    self.inner.update_value(|inner| inner.outbox.saved(head));
                    self.save_state.set(SaveState::Saved { at_ms: now_ms() });
                    self.ask_for_persistent_storage();
                    return;
                }
                Err(SaveError::Newer(theirs)) => {
                    if !self.adopt(*theirs) {
                        return;
                    }
                }
                Err(SaveError::Store(StoreError::QuotaExceeded)) => {
                    self.save_state.set(SaveState::NotSaved(NotSaved::Full));
                    return;
                }
                Err(SaveError::Store(StoreError::Other(_))) => {
                    self.save_state
                        .set(SaveState::NotSaved(NotSaved::Unavailable));
                    return;
                }
                Err(SaveError::Refused(error)) => {
                    self.save_state
                        .set(SaveState::NotSaved(NotSaved::Refused(error)));
                    return;
                }
                Err(SaveError::Unreadable(_)) => {
                    self.save_state
                        .set(SaveState::NotSaved(NotSaved::NewerElsewhere));
                    return;
                }
            }
        }
    }

    /// Takes another tab's save with this tab's edits that it lacks
    /// replayed on it. False when an edit no longer applies: the user decides.
    fn adopt(&self, theirs: Stored) -> bool {
        let Some(result) = self
            .inner
            .try_update_value(|inner| inner.outbox.rebase(&theirs))
        else {
            return false;
        };
        match result {
            Ok(merged) => {
                let replayed = self.inner.with_value(|inner| inner.outbox.has_pending());
                self.plan.set(merged);
                self.outside_changes.update(|n| *n += 1);
                if replayed {
                    self.message.set(Some(SessionMessage::UpdatedElsewhere));
                }
                true
            }
            Err(refused) => {
                self.conflict.set(Some(ConflictState { theirs, refused }));
                self.save_state.set(SaveState::NotSaved(NotSaved::Conflict));
                false
            }
        }
    }

    /// Another tab may have saved: take its plan, with this tab's edits it
    /// lacks replayed and saved at once.
    fn catch_up(&self) {
        if self.conflict.with_untracked(Option::is_some) {
            return;
        }
        let Some(store) = BrowserStore::open() else {
            return;
        };
        let (plan_id, base) = self
            .inner
            .with_value(|inner| (inner.plan_id.clone(), inner.outbox.base().clone()));
        let Some(theirs) = read_if_newer(&store, &plan_id, &base) else {
            return;
        };
        if self.adopt(theirs) {
            self.refresh_labels();
            if self.inner.with_value(|inner| inner.outbox.has_pending()) {
                self.save_now();
            }
        }
    }

    /// Conflict: write this tab's plan over the other tab's save.
    pub fn keep_mine(&self) {
        let Some(conflict) = self.conflict.get_untracked() else {
            return;
        };
        self.inner
            .update_value(|inner| inner.outbox.settle_on(&conflict.theirs.head));
        self.resolved();
    }

    /// Conflict: take the other tab's plan; this tab's plan stays one undo away.
    pub fn take_theirs(&self) {
        let Some(conflict) = self.conflict.get_untracked() else {
            return;
        };
        let head = conflict.theirs.head;
        if self
            .dispatch(Edit::ReplacePlan(Box::new(conflict.theirs.plan)))
            .is_ok()
        {
            self.inner
                .update_value(|inner| inner.outbox.settle_on(&head));
            self.outside_changes.update(|n| *n += 1);
            self.resolved();
        }
    }

    /// Conflict: this tab's plan becomes a new plan of its own (named as a
    /// copy); the other tab's save stays as it is.
    pub fn keep_both(&self, copy_suffix: &str) {
        if self.conflict.with_untracked(Option::is_none) {
            return;
        }
        let copy_id = new_plan_id();
        self.inner.update_value(|inner| {
            inner.plan_id = copy_id.clone();
            inner.outbox.settle_on(&Head::default());
        });
        remember_open_plan(&copy_id);
        self.open_id.set(copy_id);
        let name = self
            .plan
            .with_untracked(|p| copy_name(&p.name, copy_suffix));
        let _ = self.dispatch(Edit::SetPlanName(name));
        self.resolved();
    }

    fn resolved(&self) {
        self.conflict.set(None);
        self.save_state.set(SaveState::Pending);
        self.save_now();
    }

    /// The stored data was left alone and the user has kept a copy of it
    /// (downloaded it): this tab's plan is saved in its place. A backup key
    /// keeps a second copy when there is room.
    pub fn start_fresh(&self, raw: &str) {
        let Some(store) = BrowserStore::open() else {
            return;
        };
        let key = plan_key(&self.plan_id());
        let backup = format!("{BACKUP_KEY_PREFIX}{}", now_ms() as u64);
        let _ = store.set(&backup, raw);
        if store.remove(&key).is_err() {
            return;
        }
        self.inner
            .update_value(|inner| inner.outbox.settle_on(&Head::default()));
        self.save_state.set(SaveState::Pending);
        self.save_now();
    }

    /// Storage is full: saves resume with the next change or now.
    pub fn retry_save(&self) {
        self.save_now();
    }

    fn ask_for_persistent_storage(&self) {
        let asked = self
            .inner
            .try_update_value(|inner| std::mem::replace(&mut inner.persist_asked, true))
            .unwrap_or(true);
        if !asked {
            // The browser may refuse; the footer says storage is no backup either way.
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().storage().persist();
            }
        }
    }

    /// Saves when the page is hidden or closed; catches up with other tabs
    /// when they save, when this page comes back from the back/forward
    /// cache, and when a frozen background tab is shown again.
    fn listen(&self) {
        let session = *self;
        let pagehide = window_event_listener(ev::pagehide, move |_| session.flush());
        let visibility = window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                session.flush();
            } else {
                session.catch_up();
            }
        });
        let pageshow = window_event_listener(ev::pageshow, move |_| session.catch_up());
        let storage = window_event_listener(ev::storage, move |ev| {
            let ours = session
                .inner
                .try_with_value(|inner| plan_key(&inner.plan_id))
                .is_some_and(|key| ev.key().as_deref() == Some(key.as_str()));
            if ours {
                session.catch_up();
            }
        });
        on_cleanup(move || {
            pagehide.remove();
            visibility.remove();
            pageshow.remove();
            storage.remove();
        });
    }
}

/// The plan this tab opens: the one its URL names, the one it had open
/// (a copy "keep both" made, before a reload), or the one last opened in
/// this browser, if stored; else the main plan.
fn open_plan_id(store: Option<&BrowserStore>) -> String {
    let window = web_sys::window();
    let hash = window
        .as_ref()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let tab = window
        .as_ref()
        .and_then(|w| w.session_storage().ok().flatten())
        .and_then(|s| s.get_item(OPEN_PLAN_KEY).ok().flatten());
    let last = store.and_then(load_last_plan);
    plan_to_open(
        [plan_in_hash(&hash), tab.as_deref(), last.as_deref()],
        |id| store.is_some_and(|store| exists(store, id)),
    )
}

/// Remembers the open plan for this tab and for the next visit, and shows
/// it in the URL (without a new history entry).
fn remember_open_plan(plan_id: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(storage) = window.session_storage().ok().flatten() {
        let _ = storage.set_item(OPEN_PLAN_KEY, plan_id);
    }
    if let Some(store) = BrowserStore::open() {
        let _ = save_last_plan(&store, plan_id);
    }
    let hash = window.location().hash().unwrap_or_default();
    let href = in_plan(&hash, plan_id);
    // A share link's data stays in the URL.
    if hash != href && Route::from_hash(&hash) != Route::Share {
        super::show_in_url(&href);
    }
}

/// A random tag that names one writer's saves (below 2^53, never 0).
pub fn new_writer_tag() -> u64 {
    (js_sys::Math::random() * 9.0e15) as u64 + 1
}

/// This browser's library token, made the first time it is asked for.
pub fn own_library_token() -> Option<String> {
    let store = BrowserStore::open()?;
    crate::storage::library_token(&store, || format!("{:x}", new_writer_tag()))
}

/// A fresh plan id: the clock and a random part, so two tabs creating
/// plans at once do not meet.
pub fn new_plan_id() -> String {
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("p-{:x}-{random:x}", now_ms() as u64)
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today in the user's time zone, from the browser's clock.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}
