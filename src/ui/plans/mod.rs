//! The Plans page: the open plan exported as a file, and a file imported
//! after a preview of what it holds beside the open plan. Files are
//! untrusted: they are read by the core's rules and rendered as text.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::download::DownloadPlanButton;
use super::state::{use_app, AppState};
use crate::domain::edit::Edit;
use crate::domain::format::FormatError;
use crate::domain::plan::Plan;
use crate::domain::plan_file::{read_plan_file, PlanSummary, MAX_FILE_BYTES};
use crate::i18n::{Problem, Texts};

/// Why a file was not imported.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    File(FormatError),
    Edit(Problem),
}

/// A file read and waiting for the user's word.
#[derive(Clone, Debug, PartialEq)]
struct Candidate {
    file_name: String,
    plan: Box<Plan>,
}

/// Reads a chosen or dropped file: its size first, so a huge one is never
/// read into memory, then its bytes through the core's file rules.
async fn read(file: &web_sys::File) -> Result<Plan, FormatError> {
    if file.size() > MAX_FILE_BYTES as f64 {
        return Err(FormatError::TooLarge);
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FormatError::NotText)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    read_plan_file(&bytes).map(|stored| stored.plan)
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let state = use_app();
    let candidate = RwSignal::new(None::<Candidate>);
    let refused = RwSignal::new(None::<(String, Refusal)>);
    let imported = RwSignal::new(None::<String>);
    let take = move |file: web_sys::File| {
        candidate.set(None);
        refused.set(None);
        imported.set(None);
        leptos::task::spawn_local(async move {
            let file_name = file.name();
            match read(&file).await {
                Ok(plan) => candidate.set(Some(Candidate {
                    file_name,
                    plan: Box::new(plan),
                })),
                Err(error) => refused.set(Some((file_name, Refusal::File(error)))),
            }
        });
    };
    let on_choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            take(file);
        }
        // The same file can be chosen again after a change to it.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|data| data.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            take(file);
        }
    };
    let replace = move |_| {
        let Some(Candidate { file_name, plan }) = candidate.get_untracked() else {
            return;
        };
        let name = plan.name.clone();
        match state.dispatch(Edit::ReplacePlan(plan)) {
            Ok(()) => {
                candidate.set(None);
                imported.set(Some(name));
            }
            Err(problem) => refused.set(Some((file_name, Refusal::Edit(problem)))),
        }
    };
    let refusal = move || {
        let t = state.texts();
        refused.get().map(|(file_name, refusal)| {
            let (message, detail) = match refusal {
                Refusal::File(error) => {
                    let detail = match &error {
                        FormatError::Invalid(reason) => Some(reason.clone()),
                        _ => None,
                    };
                    (t.format_error(&error), detail)
                }
                Refusal::Edit(problem) => (t.problem(&problem), None),
            };
            view! {
                <p>{Texts::fill(t.plans.refused, &[&file_name, &message])}</p>
                {detail.map(|d| view! { <p class="notice-detail">{Texts::fill(t.plans.detail, &[&d])}</p> })}
            }
        })
    };
    view! {
        <section class="page" aria-labelledby="plans-heading">
            <h2 id="plans-heading">{state.tr(|t| t.plans.heading)}</h2>
            <p class="intro">{state.tr(|t| t.plans.intro)}</p>
            <section class="card" aria-labelledby="export-heading">
                <h3 id="export-heading">{state.tr(|t| t.plans.export_heading)}</h3>
                <p class="hint">{state.tr(|t| t.plans.export_hint)}</p>
                <DownloadPlanButton />
            </section>
            <section
                class="card drop-zone"
                aria-labelledby="import-heading"
                on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                <h3 id="import-heading">{state.tr(|t| t.plans.import_heading)}</h3>
                <label class="block-label">
                    {state.tr(|t| t.plans.choose_file)}
                    <input type="file" accept=".json,application/json" on:change=on_choose />
                </label>
                <p class="hint">{state.tr(|t| t.plans.drop_hint)}</p>
                <div role="alert" class="field-error">{refusal}</div>
                <p role="status">
                    {move || imported.get().map(|name| Texts::fill(state.texts().plans.imported, &[&name]))}
                </p>
                {move || candidate.get().map(|c| preview(state, c, replace, move || candidate.set(None)))}
            </section>
        </section>
    }
}

/// The file beside the open plan, and the two ways on.
fn preview(
    state: AppState,
    candidate: Candidate,
    replace: impl Fn(leptos::ev::MouseEvent) + 'static,
    cancel: impl Fn() + 'static,
) -> impl IntoView {
    let t = state.texts();
    let open = state.plan.with_untracked(PlanSummary::of);
    let file = PlanSummary::of(&candidate.plan);
    let counts = |s: &PlanSummary| match s.counted {
        Some((first, last)) => Texts::fill(
            t.plans.counts_value,
            &[&s.figures.to_string(), &t.date(first), &t.date(last)],
        ),
        None => t.plans.none.to_owned(),
    };
    let list = |names: &[String]| names.join(", ");
    let rows: Vec<(&str, String, String)> = vec![
        (t.plans.row_name, open.name.clone(), file.name.clone()),
        (t.plans.row_stages, list(&open.stages), list(&file.stages)),
        (
            t.plans.row_departments,
            list(&open.departments),
            list(&file.departments),
        ),
        (
            t.plans.row_members,
            open.members.to_string(),
            file.members.to_string(),
        ),
        (t.plans.row_counts, counts(&open), counts(&file)),
        (
            t.plans.row_sla,
            open.sla_cards.to_string(),
            file.sla_cards.to_string(),
        ),
        (
            t.plans.row_scenarios,
            open.scenarios.to_string(),
            file.scenarios.to_string(),
        ),
        (
            t.plans.row_cycles,
            open.cycles.to_string(),
            file.cycles.to_string(),
        ),
    ];
    let heading = Texts::fill(t.plans.preview_heading, &[&candidate.file_name]);
    view! {
        <section class="import-preview" aria-labelledby="import-preview-heading">
            <h4 id="import-preview-heading">{heading}</h4>
            <div class="table-scroll">
                <table class="count-table" aria-labelledby="import-preview-heading">
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="col">{t.plans.col_open}</th>
                            <th scope="col">{t.plans.col_file}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(name, open, file)| {
                                let changed = (open != file).then_some("changed");
                                view! {
                                    <tr class=changed>
                                        <th scope="row">{name}</th>
                                        <td>{open}</td>
                                        <td>{file}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="notice-actions">
                <button type="button" on:click=replace>{t.plans.replace}</button>
                <button type="button" on:click=move |_| cancel()>{t.plans.cancel}</button>
            </div>
        </section>
    }
}
