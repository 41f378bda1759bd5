//! Local storage behind the `KeyValueStore` trait.

use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::{JsCast, JsValue};

use super::{KeyValueStore, StoreError};

/// The browser's local storage, once it is known to be usable.
pub struct BrowserStore {
    storage: web_sys::Storage,
}

impl BrowserStore {
    /// `None` when storage is disabled (some private modes, blocked cookies).
    /// gloo's `LocalStorage::raw()` panics in that case, so probe first.
    pub fn open() -> Option<BrowserStore> {
        let window = web_sys::window()?;
        window.local_storage().ok().flatten()?;
        Some(BrowserStore {
            storage: LocalStorage::raw(),
        })
    }
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(describe)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(describe)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(describe)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let count = self.storage.length().map_err(describe)?;
        (0..count)
            .filter_map(|i| self.storage.key(i).map_err(describe).transpose())
            .collect()
    }
}

/// Browsers report a full storage differently: Chromium and Safari throw
/// `QuotaExceededError` (code 22), old Firefox `NS_ERROR_DOM_QUOTA_REACHED` (1014).
fn describe(error: JsValue) -> StoreError {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e)
            if matches!(
                e.name().as_str(),
                "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED"
            ) || matches!(e.code(), 22 | 1014) =>
        {
            StoreError::QuotaExceeded
        }
        Some(e) => StoreError::Other(format!("{}: {}", e.name(), e.message())),
        None => StoreError::Other(format!("{error:?}")),
    }
}
