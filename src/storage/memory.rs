//! An in-memory [`KeyValue`] store, for testing the storage policy natively. Clones share one store,
//! as tabs share the browser's local storage; an optional quota makes writes fail as a full store's do.

use super::{ErrorKind, KeyValue, Result, StorageError};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Keys and values in memory, shared by its clones.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    inner: Rc<RefCell<Inner>>,
}

#[derive(Debug, Default)]
struct Inner {
    map: BTreeMap<String, String>,
    /// At most this many bytes of keys and values (as a browser counts: UTF-16 code units times 2).
    quota: Option<usize>,
}

fn size(k: &str, v: &str) -> usize {
    (k.encode_utf16().count() + v.encode_utf16().count()) * 2
}

impl Memory {
    /// An empty store with no quota.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Limits the store to `bytes` (`None`: no limit). Entries already there stay.
    pub fn set_quota(&self, bytes: Option<usize>) {
        self.inner.borrow_mut().quota = bytes;
    }

    /// Writes an entry directly, past the policy (as another program or a corrupting fault would).
    pub fn put(&self, key: &str, value: &str) {
        self.inner
            .borrow_mut()
            .map
            .insert(key.to_string(), value.to_string());
    }

    /// The entry under `key`, read directly.
    pub fn get_entry(&self, key: &str) -> Option<String> {
        self.inner.borrow().map.get(key).cloned()
    }

    /// Every entry, in key order.
    pub fn entries(&self) -> BTreeMap<String, String> {
        self.inner.borrow().map.clone()
    }
}

impl KeyValue for Memory {
    fn get(&self, key: &str) -> Result<Option<String>> {
        Ok(self.inner.borrow().map.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<()> {
        let mut inner = self.inner.borrow_mut();
        if let Some(quota) = inner.quota {
            let others: usize = inner
                .map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| size(k, v))
                .sum();
            if others + size(key, value) > quota {
                return Err(StorageError::new(ErrorKind::Full, ""));
            }
        }
        inner.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<()> {
        self.inner.borrow_mut().map.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>> {
        Ok(self.inner.borrow().map.keys().cloned().collect())
    }
}
