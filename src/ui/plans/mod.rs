//! The Plans page: the library of plans this browser keeps, the open plan
//! exported as a file, and a file imported after a preview of what it holds
//! beside the open plan, as a new plan or in place of the open one. Files
//! are untrusted: they are read by the core's rules and rendered as text.

mod library;
pub mod share;

use leptos::prelude::*;

use super::download::DownloadPlanButton;
use super::file_input::{read_bytes, DropZone, FileError, Picks};
use super::file_problems::FileProblems;
use super::focus_on;
use super::state::{use_app, AppState};
use crate::domain::edit::Edit;
use crate::domain::entries::members::Counter;
use crate::domain::format::FormatError;
use crate::domain::plan::Plan;
use crate::domain::plan_file::{read_plan_file, PlanFile, PlanSummary, MAX_FILE_BYTES};
use crate::i18n::{Problem, Texts};
use crate::storage::browser::BrowserStore;
use crate::storage::library::list_plans;
use crate::storage::{load_library_token, own_plan};
use library::{Library, LibraryState};

/// Why a file was not imported.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    /// The browser could not read it (a folder, no permission).
    Unreadable,
    File(FormatError),
    Edit(Problem),
}

/// A file read and waiting for the user's word.
#[derive(Clone, Debug, PartialEq)]
struct Candidate {
    file_name: String,
    plan: Box<Plan>,
    /// The plan of this library the file was exported from, if kept here.
    original: Option<Original>,
}

#[derive(Clone, Debug, PartialEq)]
enum Original {
    /// The open plan.
    Open,
    /// Another stored plan, as it was when the file was read.
    Stored { id: String, summary: PlanSummary },
}

/// The plan of this library a file names, read once when the file is.
fn original_of(state: AppState, file_id: Option<&str>) -> Option<Original> {
    let store = BrowserStore::open()?;
    let token = load_library_token(&store)?;
    let id = own_plan(file_id?, &token)?;
    if id == state.session.plan_id() {
        return Some(Original::Open);
    }
    let listed = list_plans(&store).ok()?.into_iter().find(|l| l.id == id)?;
    Some(Original::Stored {
        id: listed.id,
        summary: listed.content.ok()?,
    })
}

/// Reads a chosen or dropped file: its size first, so a huge one is never
/// read into memory, then its bytes through the core's file rules.
async fn read(file: &web_sys::File) -> Result<PlanFile, Refusal> {
    let bytes = read_bytes(file, MAX_FILE_BYTES)
        .await
        .map_err(|error| match error {
            FileError::TooLarge => Refusal::File(FormatError::TooLarge),
            FileError::Unreadable => Refusal::Unreadable,
        })?;
    read_plan_file(&bytes).map_err(Refusal::File)
}

/// Stores `plan` as a new plan and opens it in this tab; the message
/// says why when storage refuses.
pub fn add_and_open(state: AppState, plan: &Plan) -> Result<(), String> {
    // The open plan must be stored before another opens (it says why not).
    if !state.session.leave() {
        return Err(state.texts_untracked().session.stayed_unsaved.to_owned());
    }
    let library = LibraryState::new();
    match library.add(state, plan) {
        Some(id) => {
            library::open_plan(&id);
            Ok(())
        }
        None => Err(library.problem().unwrap_or_default()),
    }
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let state = use_app();
    let library = LibraryState::new();
    let candidate = RwSignal::new(None::<Candidate>);
    let refused = RwSignal::new(None::<(String, Refusal)>);
    let imported = RwSignal::new(None::<String>);
    // Each pick, cancel or import counts one.
    let picks = Picks::new();
    let next_pick = move || picks.next();
    let take = Callback::new(move |file: web_sys::File| {
        candidate.set(None);
        refused.set(None);
        imported.set(None);
        let pick = next_pick();
        leptos::task::spawn_local(async move {
            let file_name = file.name();
            let result = read(&file).await;
            if !picks.is_current(pick) {
                return;
            }
            match result {
                Ok(PlanFile { plan, id }) => {
                    candidate.set(Some(Candidate {
                        file_name,
                        plan: Box::new(plan),
                        original: original_of(state, id.as_deref()),
                    }));
                    focus_on("import-preview-heading".into());
                }
                Err(refusal) => refused.set(Some((file_name, refusal))),
            }
        });
    });
    let replace = move |_| {
        let Some(Candidate {
            file_name, plan, ..
        }) = candidate.get_untracked()
        else {
            return;
        };
        let name = plan.name.clone();
        next_pick();
        match state.dispatch(Edit::ReplacePlan(plan)) {
            Ok(()) => {
                candidate.set(None);
                imported.set(Some(name));
                // Views kept between pages name members and KPIs by id:
                // the imported plan's ids mean other things.
                state.counter.set(Counter::Team);
                state.trend_kpis.set(Vec::new());
                focus_on("import-status".into());
            }
            Err(problem) => refused.set(Some((file_name, Refusal::Edit(problem)))),
        }
    };
    let add_new = move |_| {
        let Some(Candidate { plan, .. }) = candidate.get_untracked() else {
            return;
        };
        next_pick();
        candidate.set(None);
        library.add(state, &plan);
        focus_on("library-status".into());
    };
    // Closes the preview after an action elsewhere took the file.
    let close = move || {
        next_pick();
        candidate.set(None);
    };
    let cancel = move || {
        next_pick();
        candidate.set(None);
        focus_on("plan-file".into());
    };
    let refusal = move || {
        let t = state.texts();
        refused.get().map(|(file_name, refusal)| {
            let (message, problems) = match refusal {
                Refusal::Unreadable => (t.plans.unreadable.to_owned(), None),
                Refusal::File(error) => (t.format_error(&error), Some(error)),
                Refusal::Edit(problem) => (t.problem(&problem), None),
            };
            view! {
                <p>{Texts::fill(t.plans.refused, &[&file_name, &message])}</p>
                {problems.map(|error| view! { <FileProblems error /> })}
            }
        })
    };
    view! {
        <section class="page" aria-labelledby="plans-heading">
            <h2 id="plans-heading">{state.tr(|t| t.plans.heading)}</h2>
            <p class="intro">{state.tr(|t| t.plans.intro)}</p>
            <Library library />
            <share::ShareCard />
            <section class="card" aria-labelledby="export-heading">
                <h3 id="export-heading">{state.tr(|t| t.plans.export_heading)}</h3>
                <p class="hint">{state.tr(|t| t.plans.export_hint)}</p>
                <DownloadPlanButton />
            </section>
            <DropZone
                heading_id="import-heading"
                heading=|t| t.plans.import_heading
                input_id="plan-file"
                label=|t| t.plans.choose_file
                hint=|t| t.plans.drop_hint
                accept=".json,application/json"
                on_file=take
            >
                <div role="alert" class="field-error">{refusal}</div>
                <p id="import-status" role="status" tabindex="-1">
                    {move || imported.get().map(|name| Texts::fill(state.texts().plans.imported, &[&name]))}
                </p>
                {move || candidate.get().map(|c| preview(state, library, c, add_new, replace, cancel, close))}
            </DropZone>
        </section>
    }
}

/// The file beside the open plan, and the ways on.
fn preview(
    state: AppState,
    library: LibraryState,
    candidate: Candidate,
    add_new: impl Fn(leptos::ev::MouseEvent) + 'static,
    replace: impl Fn(leptos::ev::MouseEvent) + 'static,
    cancel: impl Fn() + 'static,
    close: impl Fn() + 'static,
) -> impl IntoView {
    let t = state.texts();
    // Tracked: an undo while the preview is open shows in it.
    let open = state.plan.with(PlanSummary::of);
    let file = PlanSummary::of(&candidate.plan);
    let heading = Texts::fill(t.plans.preview_heading, &[&candidate.file_name]);
    // The plan the file was exported from, when this browser keeps it
    // and it is not the open one: set beside the file too.
    let stored = match &candidate.original {
        Some(Original::Stored { id, summary }) => Some((id.clone(), summary.clone())),
        _ => None,
    };
    let mut columns = vec![(t.plans.col_open, &open)];
    if let Some((_, original)) = &stored {
        columns.push((t.plans.col_original, original));
    }
    columns.push((t.plans.col_file, &file));
    let table = summary_table(t, "import-preview-heading", &columns);
    let original = match (&candidate.original, stored.clone()) {
        (Some(Original::Open), _) => Some(view! { <p>{t.plans.copy_of_open}</p> }.into_any()),
        (_, Some((id, summary))) => {
            let name = summary.name;
            let plan = candidate.plan.clone();
            let label = Texts::fill(t.plans.replace_stored, &[&name]);
            let note = Texts::fill(t.plans.copy_of_stored, &[&name]);
            // The preview closes: a second click would replace the
            // replacement, and its columns would be out of date.
            let replace_stored = move |_| {
                close();
                library.replace(state, &id, &plan, &name);
            };
            Some(
                view! {
                    <p>{note}</p>
                    <button type="button" on:click=replace_stored>{label}</button>
                }
                .into_any(),
            )
        }
        _ => None,
    };
    view! {
        <section class="import-preview" aria-labelledby="import-preview-heading">
            <h4 id="import-preview-heading" tabindex="-1">{heading}</h4>
            {table}
            {original}
            <div class="notice-actions">
                <button type="button" on:click=add_new>{t.plans.add_new}</button>
                <button type="button" on:click=replace>{t.plans.replace}</button>
                <button type="button" on:click=move |_| cancel()>{t.plans.cancel}</button>
            </div>
        </section>
    }
}

/// What plans hold, a column each; with two columns, the rows of the
/// second that differ are marked (bold, and "changed" for screen readers).
fn summary_table(
    t: &'static Texts,
    labelled_by: &'static str,
    columns: &[(&'static str, &PlanSummary)],
) -> impl IntoView {
    let counts = |s: &PlanSummary| match s.counted {
        Some((first, last)) => Texts::fill(
            t.plans.counts_value,
            &[&t.date(first), &t.date(last), &s.figures.to_string()],
        ),
        None => t.plans.none.to_owned(),
    };
    let values = |s: &PlanSummary| {
        [
            s.name.clone(),
            s.stages.join(", "),
            s.departments.join(", "),
            s.members.to_string(),
            counts(s),
            s.sla_cards.to_string(),
            s.scenarios.to_string(),
            s.cycles.to_string(),
        ]
    };
    let labels = [
        t.plans.row_name,
        t.plans.row_stages,
        t.plans.row_departments,
        t.plans.row_members,
        t.plans.row_counts,
        t.plans.row_sla,
        t.plans.row_scenarios,
        t.plans.row_cycles,
    ];
    let by_column: Vec<[String; 8]> = columns.iter().map(|(_, s)| values(s)).collect();
    let rows: Vec<(&str, Vec<String>)> = labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| (label, by_column.iter().map(|c| c[i].clone()).collect()))
        .collect();
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="count-table" aria-labelledby=labelled_by>
                <thead>
                    <tr>
                        <td></td>
                        {columns.iter().map(|(name, _)| view! { <th scope="col">{*name}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(name, values)| {
                            let last = values.len().saturating_sub(1);
                            // The file (last) against the plan it would replace (before it).
                            let changed = match values.as_slice() {
                                [.., before, file] => before != file,
                                _ => false,
                            };
                            view! {
                                <tr class=changed.then_some("changed")>
                                    <th scope="row">{name}</th>
                                    {values
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, value)| {
                                            let mark = (changed && i == last).then(|| view! { <span class="visually-hidden">{format!(" ({})", t.plans.changed)}</span> });
                                            view! { <td>{value}{mark}</td> }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
