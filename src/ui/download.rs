//! Files the app hands to the user: chart images, plan files, stored data.

use leptos::prelude::*;

use super::state::{use_app, AppState};
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
        if let Ok(text) = state.session.plan_file() {
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
    let name = state.plan.with_untracked(|p| p.name.clone());
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}-{}.json", state.today.get_untracked())
}
