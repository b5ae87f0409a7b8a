//! The one place that touches browser storage.
//!
//! Takes drafts; gives them back across reloads. Layout, under versioned keys so that one corrupt
//! entry affects one draft only:
//! - `case-assessor/v1/index`: JSON list of [`Summary`] (what the home page lists);
//! - `case-assessor/v1/draft/<id>`: one draft as JSON.
//!
//! Every write is read back and compared. Storage may be missing or refused (a cross-site iframe,
//! private mode, a locked-down browser): [`local`] then gives `None` and nothing here panics.

use crate::engine::Draft;
use serde::{Deserialize, Serialize};
use web_sys::Storage;

const PREFIX: &str = "case-assessor/v1/";
const INDEX: &str = "case-assessor/v1/index";

/// What the home page shows of a draft without reading it whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Draft id.
    pub id: String,
    /// Case reference.
    pub case_ref: String,
    /// Rule set id.
    pub rule_set: String,
    /// Rule set title when it was last saved.
    pub rule_set_title: String,
    /// Answered questions.
    pub answered: u32,
    /// Questions to answer.
    pub total: u32,
    /// Last change, milliseconds since 1970.
    pub updated: f64,
}

/// Browser local storage, when the page may use it.
pub fn local() -> Option<Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn draft_key(id: &str) -> String {
    format!("{PREFIX}draft/{id}")
}

fn describe(e: wasm_bindgen::JsValue) -> String {
    let text = js_sys::Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    match text.as_deref() {
        Some("QuotaExceededError") => "the browser's storage for this site is full".into(),
        Some(n) => format!("the browser refused to save ({n})"),
        None => "the browser refused to save".into(),
    }
}

/// The drafts saved in this browser, newest first.
pub fn list() -> Result<Vec<Summary>, String> {
    let s = local().ok_or("this browser does not let the page keep data")?;
    let Some(text) = s.get_item(INDEX).map_err(describe)? else {
        return Ok(vec![]);
    };
    let mut list: Vec<Summary> = serde_json::from_str(&text)
        .map_err(|e| format!("the list of drafts cannot be read ({e})"))?;
    list.sort_by(|a, b| b.updated.total_cmp(&a.updated));
    Ok(list)
}

/// Reads one draft.
pub fn load(id: &str) -> Result<Option<Draft>, String> {
    let s = local().ok_or("this browser does not let the page keep data")?;
    let Some(text) = s.get_item(&draft_key(id)).map_err(describe)? else {
        return Ok(None);
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| format!("the saved draft {id} cannot be read ({e})"))
}

/// Saves a draft and its summary; reads both back to verify.
pub fn save(draft: &Draft, summary: &Summary) -> Result<(), String> {
    let s = local().ok_or("this browser does not let the page keep data")?;
    let text = serde_json::to_string(draft).map_err(|e| e.to_string())?;
    let key = draft_key(&draft.id);
    s.set_item(&key, &text).map_err(describe)?;
    if s.get_item(&key).map_err(describe)?.as_deref() != Some(text.as_str()) {
        return Err("the saved copy did not read back the same".into());
    }
    let mut list = list().unwrap_or_default();
    list.retain(|x| x.id != summary.id);
    list.push(summary.clone());
    let index = serde_json::to_string(&list).map_err(|e| e.to_string())?;
    s.set_item(INDEX, &index).map_err(describe)?;
    Ok(())
}

/// Deletes a draft and its summary.
pub fn delete(id: &str) -> Result<(), String> {
    let s = local().ok_or("this browser does not let the page keep data")?;
    s.remove_item(&draft_key(id)).map_err(describe)?;
    let mut list = list().unwrap_or_default();
    list.retain(|x| x.id != id);
    let index = serde_json::to_string(&list).map_err(|e| e.to_string())?;
    s.set_item(INDEX, &index).map_err(describe)
}
