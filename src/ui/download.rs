//! Files the app hands to the user: chart images, plan files, stored data.

use leptos::prelude::*;
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
