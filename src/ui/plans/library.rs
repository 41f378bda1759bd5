//! The plans this browser keeps: open, rename, copy and delete them, and
//! start a new one from a preset. The open plan changes only through its
//! session (a rename is an undoable edit); the others through the
//! storage's library rules, which never overwrite a newer save. A deletion
//! is undone from the status line.

use leptos::prelude::*;

use crate::ui::focus_on;

use super::super::session::{new_plan_id, new_writer_tag, today};
use super::super::state::{use_app, AppState};
use crate::domain::edit::Edit;
use crate::domain::plan::{copy_name, Plan};
use crate::domain::plan_file::PlanSummary;
use crate::domain::presets::Preset;
use crate::i18n::{Problem, Texts};
use crate::route::Route;
use crate::storage::browser::BrowserStore;
use crate::storage::library::{
    add_plan, delete_plan, duplicate_plan, list_plans, rename_plan, replace_plan, restore_plan,
    undo_replace, Deleted, LibraryError, Listed, Replaced,
};
use crate::storage::{SaveError, StoreError};

/// What the last library action did, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    Added {
        id: String,
        name: String,
    },
    Copied {
        id: String,
        name: String,
    },
    Renamed(String),
    Deleted {
        name: String,
        deleted: Deleted,
    },
    Restored(String),
    /// Plan `id`, named `name`, replaced by a file's, to put back.
    Replaced {
        id: String,
        name: String,
        replaced: Box<Replaced>,
    },
}

/// The library's shared state: the import card adds plans to it.
#[derive(Clone, Copy)]
pub struct LibraryState {
    /// Bumped after every change, to read the list again.
    version: RwSignal<u64>,
    done: RwSignal<Option<Done>>,
    problem: RwSignal<Option<String>>,
}

impl LibraryState {
    pub fn new() -> LibraryState {
        LibraryState {
            version: RwSignal::new(0),
            done: RwSignal::new(None),
            problem: RwSignal::new(None),
        }
    }

    /// Runs a library action on the store and reports how it went. A
    /// failure leaves the last status (and its undo) in place.
    fn run(
        &self,
        state: AppState,
        action: impl FnOnce(&BrowserStore) -> Result<Done, LibraryError>,
    ) -> bool {
        let t = state.texts_untracked();
        let result = match BrowserStore::open() {
            Some(store) => action(&store).map_err(|error| library_error(t, &error)),
            None => Err(t.plans.lib_failed.to_owned()),
        };
        self.version.update(|v| *v += 1);
        match result {
            Ok(done) => {
                self.problem.set(None);
                self.done.set(Some(done));
                true
            }
            Err(message) => {
                self.problem.set(Some(message));
                false
            }
        }
    }

    /// Stores `plan` as a new plan, leaving the open one as it is; its id
    /// when stored.
    pub fn add(&self, state: AppState, plan: &Plan) -> Option<String> {
        let id = new_plan_id();
        let added = self.run(state, |store| {
            add_plan(store, &id, plan, new_writer_tag(), today())?;
            Ok(Done::Added {
                id: id.clone(),
                name: plan.name.clone(),
            })
        });
        added.then_some(id)
    }

    /// Deletes a plan; the status line, which takes the focus from the
    /// button that went with the plan, can undo it.
    fn delete(&self, state: AppState, id: &str, name: &str) {
        self.run(state, |store| {
            let deleted = delete_plan(store, id)?;
            Ok(Done::Deleted {
                name: name.to_owned(),
                deleted,
            })
        });
        focus_on("library-status".into());
    }

    /// Puts a file's plan in place of stored plan `id` (not the open one);
    /// the status line can undo it.
    pub fn replace(&self, state: AppState, id: &str, plan: &Plan, name: &str) {
        self.run(state, |store| {
            let replaced = replace_plan(store, id, plan, new_writer_tag(), today())?;
            Ok(Done::Replaced {
                id: id.to_owned(),
                name: name.to_owned(),
                replaced: Box::new(replaced),
            })
        });
        focus_on("library-status".into());
    }

    /// The message of the last failure.
    pub fn problem(&self) -> Option<String> {
        self.problem.get_untracked()
    }
}

fn library_error(t: &'static Texts, error: &LibraryError) -> String {
    match error {
        LibraryError::Save(SaveError::Store(error)) => match error {
            StoreError::QuotaExceeded => t.plans.lib_full.into(),
            StoreError::Other(_) => t.store_error(error).into(),
        },
        LibraryError::Save(SaveError::Newer(_)) => t.plans.lib_newer.into(),
        LibraryError::Save(SaveError::Refused(error) | SaveError::Unreadable(error))
        | LibraryError::Unreadable(error) => t.format_error(error),
        LibraryError::Edit(error) => t.problem(&Problem::Edit(error.clone())),
        LibraryError::Missing(_) | LibraryError::Taken(_) => t.plans.lib_missing.into(),
    }
}

/// Opens plan `id` in this tab (the App saves the open plan and reloads).
pub fn open_plan(id: &str) {
    let _ = window().location().set_hash(&Route::Flow.href(id));
}

#[component]
pub fn Library(library: LibraryState) -> impl IntoView {
    let state = use_app();
    let session = state.session;
    // Another tab's save or deletion shows here too.
    let storage = window_event_listener(leptos::ev::storage, move |_| {
        library.version.update(|v| *v += 1);
    });
    on_cleanup(move || storage.remove());
    let plans = Memo::new(move |_| {
        library.version.track();
        // The open plan's row follows its saves.
        session.save_state();
        BrowserStore::open()
            .and_then(|store| list_plans(&store).ok())
            .unwrap_or_default()
    });
    let renaming = Renaming {
        id: RwSignal::new(None),
        typed: RwSignal::new(String::new()),
    };
    let preset = RwSignal::new(Preset::InsideSales);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let plan = preset
            .get_untracked()
            .plan(state.lang.get_untracked(), state.today.get_untracked());
        if let Err(message) = super::add_and_open(state, &plan) {
            library.problem.set(Some(message));
        }
    };
    let rows = move || {
        let open_id = session.open_id();
        // The open plan's row shows what the tab has, saved or not.
        let open = state.plan.with(PlanSummary::of);
        renaming.id.track();
        // The buttons' names are in the UI language.
        state.lang.track();
        plans
            .get()
            .into_iter()
            .map(|mut listed| {
                if listed.id == open_id {
                    listed.content = Ok(open.clone());
                }
                row(state, library, renaming, listed, &open_id)
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="library-heading">
            <h3 id="library-heading">{state.tr(|t| t.plans.library_heading)}</h3>
            <p class="hint">{state.tr(|t| t.plans.library_hint)}</p>
            <div class="table-scroll" tabindex="0">
                <table class="count-table library" aria-labelledby="library-heading">
                    <thead>
                        <tr>
                            <th scope="col">{state.tr(|t| t.plans.col_plan)}</th>
                            <th scope="col">{state.tr(|t| t.plans.col_stages)}</th>
                            <th scope="col">{state.tr(|t| t.plans.col_saved)}</th>
                            <th scope="col">{state.tr(|t| t.plans.col_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <LibraryStatus library />
            <form class="inline-form" on:submit=create>
                <label>
                    {state.tr(|t| t.plans.start_from)}
                    <select on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(p) = Preset::ALL.into_iter().find(|p| preset_code(*p) == value) {
                            preset.set(p);
                        }
                    }>
                        {Preset::ALL
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <option value=preset_code(p) selected=move || preset.get() == p>
                                        {move || preset_name(state.texts(), p)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit">{state.tr(|t| t.plans.create)}</button>
            </form>
        </section>
    }
}

fn preset_code(preset: Preset) -> &'static str {
    match preset {
        Preset::InsideSales => "inside-sales",
        Preset::SmallTeam => "small-team",
        Preset::OutsourcedCalling => "outsourced-calling",
        Preset::Empty => "empty",
        Preset::Example => "example",
    }
}

fn preset_name(t: &'static Texts, preset: Preset) -> &'static str {
    match preset {
        Preset::InsideSales => t.plans.preset_inside_sales,
        Preset::SmallTeam => t.plans.preset_small_team,
        Preset::OutsourcedCalling => t.plans.preset_outsourced,
        Preset::Empty => t.plans.preset_empty,
        Preset::Example => t.plans.preset_example,
    }
}

/// The plan being renamed and the name typed so far: kept outside the
/// rows, which are drawn again when any tab saves.
#[derive(Clone, Copy)]
struct Renaming {
    id: RwSignal<Option<String>>,
    typed: RwSignal<String>,
}

/// One plan's row: its name (a link unless it is open here), what it
/// holds, and what can be done to it.
fn row(
    state: AppState,
    library: LibraryState,
    renaming: Renaming,
    listed: Listed,
    open_id: &str,
) -> impl IntoView {
    let Listed {
        id,
        content,
        saved_on,
    } = listed;
    let is_open = id == open_id;
    let name = content
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_else(|_| id.clone());
    view! {
        <tr aria-current=is_open.then_some("true")>
            <th scope="row">{name_cell(state, library, renaming, &id, &name, &content, is_open)}</th>
            <td>{content.as_ref().map(|c| c.stages.len().to_string()).unwrap_or_default()}</td>
            <td>{move || saved_on.map_or_else(|| "—".to_owned(), |day| state.texts().date(day))}</td>
            <td>{actions(state, library, renaming, id.clone(), name.clone(), is_open, content.is_ok())}</td>
        </tr>
    }
}

fn name_cell(
    state: AppState,
    library: LibraryState,
    renaming: Renaming,
    id: &str,
    name: &str,
    content: &Result<PlanSummary, crate::domain::format::FormatError>,
    is_open: bool,
) -> AnyView {
    let t = state.texts_untracked();
    if renaming.id.get_untracked().as_deref() == Some(id) {
        return rename_form(
            state,
            library,
            renaming,
            id.to_owned(),
            name.to_owned(),
            is_open,
        )
        .into_any();
    }
    let problem = content
        .as_ref()
        .err()
        .map(|error| view! { <span class="field-error">{Texts::fill(t.plans.unreadable_plan, &[&t.format_error(error)])}</span> });
    if is_open {
        view! {
            <span>{name.to_owned()}</span>
            " "
            <span class="badge">{move || state.texts().plans.open_now}</span>
        }
        .into_any()
    } else {
        view! { <a href=Route::Flow.href(id)>{name.to_owned()}</a> " " {problem} }.into_any()
    }
}

fn rename_form(
    state: AppState,
    library: LibraryState,
    renaming: Renaming,
    id: String,
    name: String,
    is_open: bool,
) -> impl IntoView {
    let t = state.texts_untracked();
    let typed = renaming.typed;
    let cancel = {
        let id = id.clone();
        move |_| {
            renaming.id.set(None);
            focus_on(format!("rename-{id}"));
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new_name = typed.get_untracked();
        if is_open {
            match state.dispatch(Edit::SetPlanName(new_name)) {
                Ok(()) => {
                    let name = state.plan.with_untracked(|p| p.name.clone());
                    library.problem.set(None);
                    library.done.set(Some(Done::Renamed(name)));
                    library.version.update(|v| *v += 1);
                }
                Err(problem) => {
                    library
                        .problem
                        .set(Some(state.texts_untracked().problem(&problem)));
                    return;
                }
            }
        } else {
            let id = id.clone();
            let renamed = library.run(state, |store| {
                rename_plan(store, &id, &new_name, new_writer_tag(), today())?;
                Ok(Done::Renamed(new_name.trim().to_owned()))
            });
            if !renamed {
                return;
            }
        }
        renaming.id.set(None);
        focus_on("library-status".into());
    };
    view! {
        <form class="inline-form" on:submit=submit>
            <label>
                <span class="visually-hidden">{Texts::fill(t.plans.rename_label, &[&name])}</span>
                <input
                    id="rename-input"
                    type="text"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
            </label>
            <button type="submit">{t.plans.save}</button>
            <button type="button" on:click=cancel>{t.plans.cancel}</button>
        </form>
    }
}

#[allow(clippy::too_many_arguments)]
fn actions(
    state: AppState,
    library: LibraryState,
    renaming: Renaming,
    id: String,
    name: String,
    is_open: bool,
    readable: bool,
) -> impl IntoView {
    let t = state.texts_untracked();
    let on = |action: &str| Texts::fill(t.plans.action_on, &[action, &name]);
    let rename = {
        let (id, name) = (id.clone(), name.clone());
        move |_| {
            renaming.typed.set(name.clone());
            renaming.id.set(Some(id.clone()));
            focus_on("rename-input".into());
        }
    };
    let copy = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            let suffix = state.texts_untracked().session.copy_suffix;
            library.run(state, move |store| {
                let new_id = new_plan_id();
                let name = if is_open {
                    // What this tab has, saved or not.
                    let mut plan = state.plan.get_untracked();
                    plan.name = copy_name(&plan.name, suffix);
                    add_plan(store, &new_id, &plan, new_writer_tag(), today())?;
                    plan.name
                } else {
                    duplicate_plan(store, &id, &new_id, suffix, new_writer_tag(), today())?
                };
                Ok(Done::Copied { id: new_id, name })
            });
            focus_on("library-status".into());
        }
    };
    let delete = {
        let (id, name) = (id.clone(), name.clone());
        move |_| library.delete(state, &id, &name)
    };
    view! {
        <div class="row-actions">
            {readable.then(|| view! {
                <button type="button" id=format!("rename-{id}") aria-label=on(t.plans.rename) on:click=rename>{t.plans.rename}</button>
                <button type="button" aria-label=on(t.plans.duplicate) on:click=copy>{t.plans.duplicate}</button>
            })}
            {(!is_open).then(|| view! {
                <button type="button" class="danger" aria-label=on(t.plans.delete) on:click=delete>{t.plans.delete}</button>
            })}
        </div>
    }
}

/// What the last library action did, or why it failed.
#[component]
pub fn LibraryStatus(library: LibraryState) -> impl IntoView {
    let state = use_app();
    view! {
        <div role="alert" class="field-error">{move || library.problem.get()}</div>
        <div id="library-status" role="status" tabindex="-1">
            {move || library.done.get().map(|done| status(state, library, done))}
        </div>
    }
}

/// The status line after an action, with its way back or on.
fn status(state: AppState, library: LibraryState, done: Done) -> impl IntoView {
    let t = state.texts();
    let open_link = |id: &str| view! { " " <a href=Route::Flow.href(id)>{t.plans.open}</a> };
    match done {
        Done::Added { id, name } => {
            // Taking an addition back is a deletion, which can be undone too.
            let undo = {
                let (id, name) = (id.clone(), name.clone());
                move |_| library.delete(state, &id, &name)
            };
            view! {
                {Texts::fill(t.plans.added, &[&name])}
                {open_link(&id)}
                " "
                <button type="button" on:click=undo>{t.plans.undo}</button>
            }
            .into_any()
        }
        Done::Copied { id, name } => {
            view! { {Texts::fill(t.plans.copied, &[&name])} {open_link(&id)} }.into_any()
        }
        Done::Renamed(name) => Texts::fill(t.plans.renamed, &[&name]).into_any(),
        Done::Deleted { name, deleted } => {
            let message = Texts::fill(t.plans.deleted, &[&name]);
            let undo = move |_| {
                let (deleted, name) = (deleted.clone(), name.clone());
                library.run(state, move |store| {
                    restore_plan(store, &deleted)?;
                    Ok(Done::Restored(name))
                });
                focus_on("library-status".into());
            };
            view! {
                {message}
                " "
                <button type="button" on:click=undo>{t.plans.undo}</button>
            }
            .into_any()
        }
        Done::Restored(name) => Texts::fill(t.plans.restored, &[&name]).into_any(),
        Done::Replaced { id, name, replaced } => {
            let message = Texts::fill(t.plans.replaced, &[&name]);
            let link = open_link(&id);
            let undo = move |_| {
                let (id, name, replaced) = (id.clone(), name.clone(), replaced.clone());
                library.run(state, move |store| {
                    undo_replace(store, &id, &replaced, new_writer_tag(), today())?;
                    Ok(Done::Restored(name))
                });
                focus_on("library-status".into());
            };
            view! {
                {message}
                {link}
                " "
                <button type="button" on:click=undo>{t.plans.undo}</button>
            }
            .into_any()
        }
    }
}
