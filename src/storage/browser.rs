//! [`KeyValue`] over the browser's `window.localStorage`, and what the browser says of the site's
//! storage (persistence, estimate).
//!
//! Not `gloo-storage`, which the design card names: its `LocalStorage` reads and writes values through
//! serde (a stored string would be written JSON-quoted, so existing drafts would read differently, and
//! an entry that does not parse comes back as an error without its raw text, which the policy must
//! keep and offer for download), and `LocalStorage::raw()` panics where the browser refuses storage
//! (a cross-site iframe with third-party storage blocked), where this must return an error.

use super::{ErrorKind, KeyValue, Result, StorageError};
use wasm_bindgen::JsValue;

/// The page's local storage, when the browser gives one.
#[derive(Debug, Clone)]
pub struct Local(Option<web_sys::Storage>);

impl Local {
    /// The page's local storage (reads and writes fail with [`ErrorKind::Unavailable`] without one).
    pub fn new() -> Local {
        Local(web_sys::window().and_then(|w| w.local_storage().ok().flatten()))
    }

    /// Whether the browser lets the page keep data here.
    pub fn available(&self) -> bool {
        self.0.is_some()
    }

    fn storage(&self) -> Result<&web_sys::Storage> {
        self.0
            .as_ref()
            .ok_or_else(|| StorageError::new(ErrorKind::Unavailable, ""))
    }
}

impl Default for Local {
    fn default() -> Local {
        Local::new()
    }
}

fn describe(e: JsValue) -> StorageError {
    let name = js_sys::Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    match name.as_deref() {
        Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED") => {
            StorageError::new(ErrorKind::Full, "")
        }
        Some(n) => StorageError::new(ErrorKind::Refused, n),
        None => StorageError::new(ErrorKind::Refused, ""),
    }
}

impl KeyValue for Local {
    fn get(&self, key: &str) -> Result<Option<String>> {
        self.storage()?.get_item(key).map_err(describe)
    }

    fn set(&self, key: &str, value: &str) -> Result<()> {
        self.storage()?.set_item(key, value).map_err(describe)
    }

    fn remove(&self, key: &str) -> Result<()> {
        self.storage()?.remove_item(key).map_err(describe)
    }

    fn keys(&self) -> Result<Vec<String>> {
        let s = self.storage()?;
        let n = s.length().map_err(describe)?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}

/// The storage policy over this page's local storage.
pub fn store() -> super::Store<Local> {
    super::Store::new(Local::new())
}

/// Asks the browser to keep this site's storage (not evict it under pressure); gives whether it will.
pub async fn persist() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    let granted = wasm_bindgen_futures::JsFuture::from(manager.persist().ok()?)
        .await
        .ok()?;
    granted.as_bool()
}

/// (bytes used, bytes available) for this site, as the browser estimates them.
pub async fn estimate() -> Option<(f64, f64)> {
    let manager = web_sys::window()?.navigator().storage();
    let est = wasm_bindgen_futures::JsFuture::from(manager.estimate().ok()?)
        .await
        .ok()?;
    let est: web_sys::StorageEstimate = wasm_bindgen::JsCast::unchecked_into(est);
    Some((est.get_usage()?, est.get_quota()?))
}
