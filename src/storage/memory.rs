//! An in-memory store for tests, with faults to inject.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::{KeyValueStore, StoreError};

#[derive(Default)]
pub struct MemoryStore {
    pub items: RefCell<BTreeMap<String, String>>,
    /// Every write fails as a full storage does.
    pub full: Cell<bool>,
    /// The write with this number fails with quota exceeded.
    quota_at_write: Cell<Option<usize>>,
    writes: Cell<usize>,
    /// Storage is gone (disabled mid-session): every call fails.
    pub missing: Cell<bool>,
    /// Reads of a key return this text instead of what is stored.
    pub read_override: RefCell<BTreeMap<String, String>>,
}

impl MemoryStore {
    pub fn with(key: &str, value: &str) -> MemoryStore {
        let store = MemoryStore::default();
        store.items.borrow_mut().insert(key.into(), value.into());
        store
    }

    /// The `n`th write from now (1 = the next) fails as a full storage does.
    pub fn quota_on_write(&self, n: usize) {
        self.quota_at_write.set(Some(self.writes.get() + n));
    }

    pub fn item(&self, key: &str) -> Option<String> {
        self.items.borrow().get(key).cloned()
    }

    fn check_present(&self) -> Result<(), StoreError> {
        if self.missing.get() {
            return Err(StoreError::Other("SecurityError: access denied".into()));
        }
        Ok(())
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check_present()?;
        if let Some(text) = self.read_override.borrow().get(key) {
            return Ok(Some(text.clone()));
        }
        Ok(self.item(key))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check_present()?;
        let write = self.writes.get() + 1;
        self.writes.set(write);
        if self.full.get() || self.quota_at_write.get() == Some(write) {
            return Err(StoreError::QuotaExceeded);
        }
        self.items.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.check_present()?;
        self.items.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check_present()?;
        Ok(self.items.borrow().keys().cloned().collect())
    }
}
