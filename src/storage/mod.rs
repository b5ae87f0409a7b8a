//! The one place that touches browser storage.
//!
//! Takes drafts; gives them back across reloads and tabs. Layout, under versioned keys so that one
//! corrupt entry affects one draft only:
//! - `case-assessor/v1/index`: JSON list of [`Summary`] (what the home page lists);
//! - `case-assessor/v1/draft/<id>`: one draft as JSON;
//! - `case-assessor/v1/lock/<id>`: which tab is editing the draft ([`Lock`]), refreshed while open;
//! - `case-assessor/v1/aside/<name>`: unreadable entries moved aside, never overwritten.
//!
//! Every write is read back and compared. Storage may be missing or refused (a cross-site iframe,
//! private mode, a locked-down browser, a full quota): functions then return an error message and
//! nothing here panics. Version 1 is the first layout; a later layout must migrate these keys, never
//! discard them.

use crate::engine::Draft;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use web_sys::Storage;

thread_local! {
    /// The text this tab last wrote and read back under each key. An entry that still holds it is
    /// known to be readable, so a save need not parse the entry it replaces (the parse is what
    /// finds an unreadable entry to set aside, and it cost more than the rest of a save).
    static WRITTEN: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Whether `text` is what this tab last wrote under `key`.
fn ours(key: &str, text: &str) -> bool {
    WRITTEN.with(|w| w.borrow().get(key).is_some_and(|t| t == text))
}

/// Writes `text` under `key`, reads it back and remembers it.
fn write_verified(s: &Storage, key: &str, text: String) -> Result<(), String> {
    s.set_item(key, &text).map_err(describe)?;
    if s.get_item(key).map_err(describe)?.as_deref() != Some(text.as_str()) {
        return Err("the saved copy did not read back the same".into());
    }
    WRITTEN.with(|w| w.borrow_mut().insert(key.to_string(), text));
    Ok(())
}

/// Prefix of every key this app writes.
pub const PREFIX: &str = "case-assessor/v1/";
const INDEX: &str = "case-assessor/v1/index";
const DRAFT: &str = "case-assessor/v1/draft/";
const LOCK: &str = "case-assessor/v1/lock/";
const ASIDE: &str = "case-assessor/v1/aside/";

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

impl Summary {
    /// The summary of an assessment as it is now.
    pub fn of(a: &crate::engine::assessment::Assessment) -> Summary {
        Summary {
            id: a.draft.id.clone(),
            case_ref: a.draft.case_ref.clone(),
            rule_set: a.rules.meta.id.clone(),
            rule_set_title: a.rules.meta.title.clone(),
            answered: a.eval.progress.answered,
            total: a.eval.progress.total,
            updated: a.draft.updated,
        }
    }
}

/// An entry that cannot be read: kept as it is, reported with its key, exportable as raw text.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// The storage key.
    pub key: String,
    /// Its text, as stored.
    pub raw: String,
    /// Why it cannot be read.
    pub error: String,
}

/// Everything the home page needs from storage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scan {
    /// Readable drafts, newest first.
    pub drafts: Vec<Summary>,
    /// Entries that cannot be read.
    pub unreadable: Vec<Unreadable>,
}

/// Which tab holds a draft, and when it last said so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lock {
    /// The holding tab's id.
    pub tab: String,
    /// Milliseconds since 1970.
    pub at: f64,
}

/// Browser local storage, when the page may use it.
pub fn local() -> Option<Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn storage() -> Result<Storage, String> {
    local().ok_or_else(|| "this browser does not let the page keep data here".to_string())
}

/// The key of a draft.
pub fn draft_key(id: &str) -> String {
    format!("{DRAFT}{id}")
}

/// The key of a draft's tab lock.
pub fn lock_key(id: &str) -> String {
    format!("{LOCK}{id}")
}

fn describe(e: wasm_bindgen::JsValue) -> String {
    let name = js_sys::Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    match name.as_deref() {
        Some("QuotaExceededError") => "the browser's storage for this site is full".into(),
        Some(n) => format!("the browser refused to save ({n})"),
        None => "the browser refused to save".into(),
    }
}

fn keys(s: &Storage) -> Vec<String> {
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
}

/// Moves an unreadable entry's text aside (once), so nothing unreadable is lost by a later write.
fn set_aside(s: &Storage, key: &str, raw: &str) {
    let name = format!(
        "{ASIDE}{}",
        key.trim_start_matches(PREFIX).replace('/', "-")
    );
    if s.get_item(&name).ok().flatten().is_none() {
        let _ = s.set_item(&name, raw);
    }
}

/// Reads every draft summary and reports unreadable entries. A missing or unreadable index is rebuilt
/// from the drafts themselves (the unreadable index is set aside first).
pub fn scan() -> Result<Scan, String> {
    let s = storage()?;
    let mut out = Scan::default();
    let index: Option<Vec<Summary>> = match s.get_item(INDEX).map_err(describe)? {
        None => Some(vec![]),
        Some(text) => {
            match serde_json::from_str(&text) {
                Ok(list) => Some(list),
                Err(e) => {
                    set_aside(&s, INDEX, &text);
                    out.unreadable.push(Unreadable { key: INDEX.into(), raw: text, error: format!("the list of drafts cannot be read ({e}); it was rebuilt from the drafts") });
                    None
                }
            }
        }
    };
    let mut drafts = index.clone().unwrap_or_default();
    for key in keys(&s) {
        if key.starts_with(ASIDE) {
            let raw = s.get_item(&key).ok().flatten().unwrap_or_default();
            if !out.unreadable.iter().any(|u| u.raw == raw) {
                out.unreadable.push(Unreadable {
                    key,
                    raw,
                    error: "kept aside because it could not be read".into(),
                });
            }
            continue;
        }
        let Some(id) = key.strip_prefix(DRAFT) else {
            continue;
        };
        let raw = s.get_item(&key).ok().flatten().unwrap_or_default();
        match serde_json::from_str::<Draft>(&raw) {
            Err(e) => {
                drafts.retain(|d| d.id != id);
                out.unreadable.push(Unreadable {
                    key: key.clone(),
                    raw,
                    error: format!("this draft cannot be read ({e})"),
                });
            }
            Ok(d) if !drafts.iter().any(|x| x.id == d.id) => drafts.push(Summary {
                id: d.id.clone(),
                case_ref: d.case_ref.clone(),
                rule_set: d.rule_set.id.clone(),
                rule_set_title: d.rule_set.id.clone(),
                answered: 0,
                total: 0,
                updated: d.updated,
            }),
            Ok(_) => {}
        }
    }
    // Index entries whose draft is gone are dropped from the list shown.
    drafts.retain(|d| s.get_item(&draft_key(&d.id)).ok().flatten().is_some());
    drafts.sort_by(|a, b| b.updated.total_cmp(&a.updated));
    out.drafts = drafts;
    if index.is_none() {
        let _ = write_index(&s, &out.drafts);
    }
    Ok(out)
}

/// The drafts saved in this browser, newest first.
pub fn list() -> Result<Vec<Summary>, String> {
    scan().map(|s| s.drafts)
}

/// Reads one draft.
pub fn load(id: &str) -> Result<Option<Draft>, String> {
    let s = storage()?;
    let Some(text) = s.get_item(&draft_key(id)).map_err(describe)? else {
        return Ok(None);
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| format!("the saved draft {id} cannot be read ({e})"))
}

/// Every readable draft (for "export all").
pub fn load_all() -> Result<Vec<Draft>, String> {
    let scan = scan()?;
    Ok(scan
        .drafts
        .iter()
        .filter_map(|d| load(&d.id).ok().flatten())
        .collect())
}

fn write_index(s: &Storage, list: &[Summary]) -> Result<(), String> {
    let index = serde_json::to_string(list).map_err(|e| e.to_string())?;
    if let Some(old) = s.get_item(INDEX).map_err(describe)? {
        if !ours(INDEX, &old) && serde_json::from_str::<Vec<Summary>>(&old).is_err() {
            set_aside(s, INDEX, &old);
        }
    }
    write_verified(s, INDEX, index)
}

/// Saves a draft and its summary; reads the draft back to verify. An entry that exists but cannot be
/// read is set aside before it is replaced.
pub fn save(draft: &Draft, summary: &Summary) -> Result<(), String> {
    let s = storage()?;
    let text = serde_json::to_string(draft).map_err(|e| e.to_string())?;
    let key = draft_key(&draft.id);
    if let Some(old) = s.get_item(&key).map_err(describe)? {
        if !ours(&key, &old) && serde_json::from_str::<Draft>(&old).is_err() {
            set_aside(&s, &key, &old);
        }
    }
    write_verified(&s, &key, text)?;
    let mut list = match s.get_item(INDEX).map_err(describe)? {
        Some(t) => serde_json::from_str::<Vec<Summary>>(&t)
            .unwrap_or_else(|_| scan().map(|x| x.drafts).unwrap_or_default()),
        None => vec![],
    };
    if list.iter().any(|x| x == summary) {
        // The home page's line for this draft is unchanged (a note, a reason, a same-count answer).
        return Ok(());
    }
    list.retain(|x| x.id != summary.id);
    list.push(summary.clone());
    write_index(&s, &list)
}

/// Deletes a draft, its summary and its lock.
pub fn delete(id: &str) -> Result<(), String> {
    let s = storage()?;
    s.remove_item(&draft_key(id)).map_err(describe)?;
    let _ = s.remove_item(&lock_key(id));
    let mut list = list().unwrap_or_default();
    list.retain(|x| x.id != id);
    write_index(&s, &list)
}

/// Removes an entry that was kept aside or could not be read (after the user exported it).
pub fn discard(key: &str) -> Result<(), String> {
    if !key.starts_with(PREFIX) {
        return Err("not an entry of this app".into());
    }
    storage()?.remove_item(key).map_err(describe)
}

/// The lock on a draft, if any tab holds one.
pub fn lock(id: &str) -> Option<Lock> {
    local()?
        .get_item(&lock_key(id))
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
}

/// Says that `tab` holds the draft now.
pub fn claim(id: &str, tab: &str, now: f64) {
    if let (Some(s), Ok(text)) = (
        local(),
        serde_json::to_string(&Lock {
            tab: tab.into(),
            at: now,
        }),
    ) {
        let _ = s.set_item(&lock_key(id), &text);
    }
}

/// Releases the draft if `tab` holds it.
pub fn release(id: &str, tab: &str) {
    if lock(id).is_some_and(|l| l.tab == tab) {
        if let Some(s) = local() {
            let _ = s.remove_item(&lock_key(id));
        }
    }
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

/// Bytes this app's entries take in local storage (browsers store text as UTF-16). Summed as
/// integers: an empty sum of f64 is -0.0, which the home page showed as "-0 KB".
pub fn bytes_used() -> f64 {
    let Some(s) = local() else { return 0.0 };
    keys(&s)
        .iter()
        .filter(|k| k.starts_with(PREFIX))
        .map(|k| k.len() + s.get_item(k).ok().flatten().map_or(0, |v| v.len()))
        .sum::<usize>() as f64
        * 2.0
}
