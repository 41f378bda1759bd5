//! Files the app hands to the user: chart images, plan files, stored data.

use leptos::prelude::*;

use super::state::{use_app, AppState};
use crate::domain::csv;
use wasm_bindgen::JsCast;

/// Downloads `text` as a file. Errors are the browser's words, for the
/// chart cards' technical detail line.
pub fn download_text(text: &str, mime: &str, file_name: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let result = click_download(&url, file_name);
    // The download reads the URL after this returns; free it a little later.
    set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(10),
    );
    result
}

/// Starts a download the way a link with `download` does.
pub fn click_download(url: &str, file_name: &str) -> Result<(), String> {
    let link = document()
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no link element".to_owned())?;
    link.set_href(url);
    link.set_download(file_name);
    link.click();
    Ok(())
}

/// The open plan as a JSON file named after it and today's date.
#[component]
pub fn DownloadPlanButton() -> impl IntoView {
    let state = use_app();
    let download = move |_| {
        if let Ok(text) = state.session.export_file() {
            let _ = download_text(&text, "application/json", &plan_file_name(state));
        }
    };
    view! {
        <button type="button" on:click=download>
            {state.tr(|t| t.session.download_plan)}
        </button>
    }
}

fn plan_file_name(state: AppState) -> String {
    format!("{}-{}.json", file_stem(state), state.today.get_untracked())
}

/// The open plan's name as the start of a file name: letters, digits and
/// `-`, anything else as `_`.
fn file_stem(state: AppState) -> String {
    state.plan.with_untracked(|p| {
        p.name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    })
}

/// The counts in view as CSV: a column per metric, or a row per figure.
#[component]
pub fn CsvDownloads() -> impl IntoView {
    let state = use_app();
    let download = move |long: bool| {
        let t = state.texts_untracked();
        let range = state.range.get_untracked();
        let text = state.plan.with_untracked(|plan| {
            if long {
                csv::export::long(
                    plan,
                    range,
                    [t.csv.period, t.csv.stage, t.csv.metric, t.csv.value],
                )
            } else {
                csv::export::wide(plan, range, t.csv.period)
            }
        });
        let name = format!(
            "{}-{}-{}{}.csv",
            file_stem(state),
            range.first().file_key(),
            range.last().file_key(),
            if long { "-long" } else { "" }
        );
        let _ = download_text(&text, "text/csv;charset=utf-8", &name);
    };
    view! {
        <div class="csv-downloads" role="group" aria-label=state.tr(|t| t.csv.label)>
            <span>{state.tr(|t| t.csv.label)}</span>
            <button type="button" on:click=move |_| download(false)>{state.tr(|t| t.csv.wide)}</button>
            <button type="button" on:click=move |_| download(true)>{state.tr(|t| t.csv.long)}</button>
        </div>
    }
}
