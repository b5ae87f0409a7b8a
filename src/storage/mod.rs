//! The one place that writes to storage: the policy for keeping drafts, over a small key-value
//! interface.
//!
//! Takes drafts and the tab's decisions (save, delete, duplicate, import, lock); gives them back across
//! reloads and tabs. Layout, under versioned keys so that one corrupt entry affects one draft only:
//! - `case-assessor/v1/index`: JSON list of [`Summary`] (what the home page lists);
//! - `case-assessor/v1/draft/<id>`: one draft as JSON;
//! - `case-assessor/v1/lock/<id>`: which tab is editing the draft ([`Lock`]), refreshed while open;
//! - `case-assessor/v1/aside/<name>`: unreadable entries moved aside, never overwritten.
//!
//! Every write is read back and compared. A save names the [`Revision`] of the draft it changes (the
//! stored text it was read from or last wrote): when the stored draft is no longer that one (deleted,
//! replaced by an import, written by another tab) the save is refused with an error of that kind and
//! nothing is written, so a decision made elsewhere is never undone. A lock is only ever claimed for a
//! draft that exists. Storage may be missing or refused (a cross-site iframe, private mode, a
//! locked-down browser, a full quota): functions then return an error and nothing here panics.
//! Version 1 is the first layout; a later layout must migrate these keys, never discard them.
//!
//! [`KeyValue`] has two implementations: [`memory::Memory`] (native tests, several "tabs" over one
//! store) and, in the browser, `browser::Local` over `window.localStorage`.

pub mod memory;

#[cfg(target_arch = "wasm32")]
pub mod browser;

use crate::engine::assessment::Assessment;
use crate::engine::Draft;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, for a caller to decide by (a full store offers a download, a deleted draft says
/// so, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The browser gives the page no storage here.
    Unavailable,
    /// The site's storage is full.
    Full,
    /// The browser refused the operation for another reason.
    Refused,
    /// What was written did not read back the same.
    NotReadBack,
    /// The stored entry cannot be read.
    Unreadable,
    /// The draft was deleted (in another tab, or before this page was shown again).
    Deleted,
    /// The stored draft was replaced since this tab read it (an import, or another tab's change).
    Replaced,
    /// A draft with this id exists already.
    Exists,
}

/// A storage error: its kind, and a sentence for the person using the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Detail (from the browser, or the parse error), in plain words.
    pub detail: String,
}

impl StorageError {
    /// An error of `kind` with `detail`.
    pub fn new(kind: ErrorKind, detail: impl Into<String>) -> StorageError {
        StorageError {
            kind,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ErrorKind::Unavailable => "this browser does not let the page keep data here",
            ErrorKind::Full => "the browser's storage for this site is full",
            ErrorKind::Refused => "the browser refused to save",
            ErrorKind::NotReadBack => "the saved copy did not read back the same",
            ErrorKind::Unreadable => "the saved copy cannot be read",
            ErrorKind::Deleted => "this assessment has been deleted from this browser (in this or another tab or window), so it is not saved again",
            ErrorKind::Replaced => "this assessment was changed elsewhere (an import, or another tab or window) since this page read it, so it is not overwritten",
            ErrorKind::Exists => "an assessment with this id is saved already",
        };
        if self.detail.is_empty() {
            f.write_str(what)
        } else {
            write!(f, "{what} ({})", self.detail)
        }
    }
}

/// Result of a storage operation.
pub type Result<T> = std::result::Result<T, StorageError>;

/// The key-value store the policy runs on: text keys and values, every call fallible.
pub trait KeyValue {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>>;
    /// Writes `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<()>;
    /// Removes `key` (no error when it is absent).
    fn remove(&self, key: &str) -> Result<()>;
    /// Every key in the store.
    fn keys(&self) -> Result<Vec<String>>;
}

/// Prefix of every key this app writes.
pub const PREFIX: &str = "case-assessor/v1/";
const INDEX: &str = "case-assessor/v1/index";
const DRAFT: &str = "case-assessor/v1/draft/";
const LOCK: &str = "case-assessor/v1/lock/";
const ASIDE: &str = "case-assessor/v1/aside/";

/// The key of a draft.
pub fn draft_key(id: &str) -> String {
    format!("{DRAFT}{id}")
}

/// The key of a draft's tab lock.
pub fn lock_key(id: &str) -> String {
    format!("{LOCK}{id}")
}

/// Which stored text of a draft a change was made to: what this tab read or last wrote. A save is
/// made only while the draft in storage is still this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision(String);

impl Revision {
    /// Whether `stored` (the text now in storage) is this revision.
    pub fn is(&self, stored: &str) -> bool {
        self.0 == stored
    }
}

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
    /// Answered questions (case facts not counted).
    pub answered: u32,
    /// Applicable questions to answer.
    pub total: u32,
    /// Last change, milliseconds since 1970.
    pub updated: f64,
}

impl Summary {
    /// The summary of an assessment as it is now.
    pub fn of(a: &Assessment) -> Summary {
        let (draft, rules, eval) = (a.draft(), a.rules(), a.eval());
        let progress = eval.question_progress();
        Summary {
            id: draft.id.clone(),
            case_ref: draft.case_ref.clone(),
            rule_set: rules.meta.id.to_string(),
            rule_set_title: rules.meta.title.clone(),
            answered: progress.answered,
            total: progress.total,
            updated: draft.updated,
        }
    }

    /// What can be said of a draft without its rule set (progress not known).
    fn bare(d: &Draft) -> Summary {
        Summary {
            id: d.id.clone(),
            case_ref: d.case_ref.clone(),
            rule_set: d.rule_set.id.clone(),
            rule_set_title: d.rule_set.id.clone(),
            answered: 0,
            total: 0,
            updated: d.updated,
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

/// The storage policy over a key-value store.
#[derive(Debug, Clone)]
pub struct Store<S: KeyValue> {
    kv: S,
}

fn to_json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StorageError::new(ErrorKind::Refused, e.to_string()))
}

impl<S: KeyValue> Store<S> {
    /// The policy over `kv`.
    pub fn new(kv: S) -> Store<S> {
        Store { kv }
    }

    /// Writes `text` under `key` and reads it back.
    fn write_verified(&self, key: &str, text: &str) -> Result<()> {
        self.kv.set(key, text)?;
        if self.kv.get(key)?.as_deref() != Some(text) {
            return Err(StorageError::new(ErrorKind::NotReadBack, ""));
        }
        Ok(())
    }

    /// Moves an unreadable entry's text aside (once), so nothing unreadable is lost by a later write.
    fn set_aside(&self, key: &str, raw: &str) {
        let name = format!(
            "{ASIDE}{}",
            key.trim_start_matches(PREFIX).replace('/', "-")
        );
        if self.kv.get(&name).ok().flatten().is_none() {
            let _ = self.kv.set(&name, raw);
        }
    }

    /// Reads every draft summary and reports unreadable entries. A missing or unreadable index is
    /// rebuilt from the drafts themselves (the unreadable index is set aside first).
    pub fn scan(&self) -> Result<Scan> {
        let mut out = Scan::default();
        let index: Option<Vec<Summary>> = match self.kv.get(INDEX)? {
            None => Some(vec![]),
            Some(text) => match serde_json::from_str(&text) {
                Ok(list) => Some(list),
                Err(e) => {
                    self.set_aside(INDEX, &text);
                    out.unreadable.push(Unreadable {
                        key: INDEX.into(),
                        raw: text,
                        error: format!(
                            "the list of drafts cannot be read ({e}); it was rebuilt from the drafts"
                        ),
                    });
                    None
                }
            },
        };
        let mut drafts = index.clone().unwrap_or_default();
        let mut present = Vec::new();
        for key in self.kv.keys()? {
            if key.starts_with(ASIDE) {
                let raw = self.kv.get(&key).ok().flatten().unwrap_or_default();
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
            let raw = self.kv.get(&key).ok().flatten().unwrap_or_default();
            match serde_json::from_str::<Draft>(&raw) {
                Err(e) => {
                    drafts.retain(|d| d.id != id);
                    out.unreadable.push(Unreadable {
                        key: key.clone(),
                        raw,
                        error: format!("this draft cannot be read ({e})"),
                    });
                }
                Ok(d) => {
                    present.push(d.id.clone());
                    if !drafts.iter().any(|x| x.id == d.id) {
                        drafts.push(Summary::bare(&d));
                    }
                }
            }
        }
        // Index entries whose draft is gone are dropped from the list shown.
        drafts.retain(|d| present.contains(&d.id));
        drafts.sort_by(|a, b| b.updated.total_cmp(&a.updated));
        out.drafts = drafts;
        if index.is_none() {
            let _ = self.write_index(&out.drafts);
        }
        Ok(out)
    }

    /// Reads one draft, with the revision a later save must name.
    pub fn load(&self, id: &str) -> Result<Option<(Draft, Revision)>> {
        let Some(text) = self.kv.get(&draft_key(id))? else {
            return Ok(None);
        };
        match serde_json::from_str(&text) {
            Ok(d) => Ok(Some((d, Revision(text)))),
            Err(e) => Err(StorageError::new(ErrorKind::Unreadable, e.to_string())),
        }
    }

    /// Every readable draft (for "export all").
    pub fn load_all(&self) -> Result<Vec<Draft>> {
        Ok(self
            .scan()?
            .drafts
            .iter()
            .filter_map(|d| self.load(&d.id).ok().flatten().map(|(d, _)| d))
            .collect())
    }

    fn write_index(&self, list: &[Summary]) -> Result<()> {
        let index = to_json(&list)?;
        if let Some(old) = self.kv.get(INDEX)? {
            if serde_json::from_str::<Vec<Summary>>(&old).is_err() {
                self.set_aside(INDEX, &old);
            }
        }
        self.write_verified(INDEX, &index)
    }

    /// Puts `summary` in the index in place of any line for the same draft.
    fn index_put(&self, summary: &Summary) -> Result<()> {
        let mut list = match self.kv.get(INDEX)? {
            Some(t) => match serde_json::from_str::<Vec<Summary>>(&t) {
                Ok(l) => l,
                Err(_) => self.scan()?.drafts,
            },
            None => vec![],
        };
        if list.iter().any(|x| x == summary) {
            // The home page's line for this draft is unchanged (a note, a reason, a same-count answer).
            return Ok(());
        }
        list.retain(|x| x.id != summary.id);
        list.push(summary.clone());
        self.write_index(&list)
    }

    /// Writes a draft's text under its key, then its summary.
    fn write_draft(&self, draft: &Draft, summary: &Summary) -> Result<Revision> {
        let text = to_json(draft)?;
        self.write_verified(&draft_key(&draft.id), &text)?;
        self.index_put(summary)?;
        Ok(Revision(text))
    }

    /// Saves a new draft; refuses when one with its id exists.
    pub fn create(&self, draft: &Draft, summary: &Summary) -> Result<Revision> {
        if self.kv.get(&draft_key(&draft.id))?.is_some() {
            return Err(StorageError::new(ErrorKind::Exists, ""));
        }
        self.write_draft(draft, summary)
    }

    /// Saves a change to a draft read or written as `base`, and gives the new revision. Refused,
    /// writing nothing, when the stored draft is no longer `base`: deleted ([`ErrorKind::Deleted`]) or
    /// replaced by a readable draft ([`ErrorKind::Replaced`]). A stored entry that cannot be read is
    /// set aside, then replaced.
    pub fn save(&self, draft: &Draft, summary: &Summary, base: &Revision) -> Result<Revision> {
        match self.kv.get(&draft_key(&draft.id))? {
            None => return Err(StorageError::new(ErrorKind::Deleted, "")),
            Some(old) if base.is(&old) => {}
            Some(old) => {
                if serde_json::from_str::<Draft>(&old).is_ok() {
                    return Err(StorageError::new(ErrorKind::Replaced, ""));
                }
                self.set_aside(&draft_key(&draft.id), &old);
            }
        }
        self.write_draft(draft, summary)
    }

    /// Saves a copy of draft `id` under `new_id` (see [`Draft::duplicate`]); gives the copy.
    pub fn duplicate(&self, id: &str, new_id: String, now: f64) -> Result<Draft> {
        let Some((d, _)) = self.load(id)? else {
            return Err(StorageError::new(ErrorKind::Deleted, ""));
        };
        let copy = d.duplicate(new_id, now);
        let old = self.scan()?.drafts.into_iter().find(|s| s.id == id);
        let summary = match old {
            Some(o) => Summary {
                id: copy.id.clone(),
                case_ref: copy.case_ref.clone(),
                updated: now,
                ..o
            },
            None => Summary::bare(&copy),
        };
        self.create(&copy, &summary)?;
        Ok(copy)
    }

    /// Saves an imported draft, replacing any stored draft with its id (the person confirmed that).
    /// A replaced entry that cannot be read is set aside first.
    pub fn import(&self, a: &Assessment) -> Result<Revision> {
        let draft = a.draft();
        if let Some(old) = self.kv.get(&draft_key(&draft.id))? {
            if serde_json::from_str::<Draft>(&old).is_err() {
                self.set_aside(&draft_key(&draft.id), &old);
            }
        }
        self.write_draft(draft, &Summary::of(a))
    }

    /// Deletes a draft, its summary and its lock.
    pub fn delete(&self, id: &str) -> Result<()> {
        self.kv.remove(&draft_key(id))?;
        let _ = self.kv.remove(&lock_key(id));
        let mut list = self.scan()?.drafts;
        list.retain(|x| x.id != id);
        self.write_index(&list)
    }

    /// Removes an entry that was kept aside or could not be read (after the user exported it).
    pub fn discard(&self, key: &str) -> Result<()> {
        if !key.starts_with(PREFIX) {
            return Err(StorageError::new(
                ErrorKind::Refused,
                "not an entry of this app",
            ));
        }
        self.kv.remove(key)
    }

    /// The lock on a draft, if any tab holds one.
    pub fn lock(&self, id: &str) -> Option<Lock> {
        self.kv
            .get(&lock_key(id))
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str(&t).ok())
    }

    /// Says that `tab` holds draft `id` now. Refused for a draft that is not stored (a lock never
    /// outlives its draft).
    pub fn claim(&self, id: &str, tab: &str, now: f64) -> Result<()> {
        if self.kv.get(&draft_key(id))?.is_none() {
            return Err(StorageError::new(ErrorKind::Deleted, ""));
        }
        let text = to_json(&Lock {
            tab: tab.into(),
            at: now,
        })?;
        self.kv.set(&lock_key(id), &text)
    }

    /// Releases draft `id` if `tab` holds it.
    pub fn release(&self, id: &str, tab: &str) {
        if self.lock(id).is_some_and(|l| l.tab == tab) {
            let _ = self.kv.remove(&lock_key(id));
        }
    }

    /// Bytes this app's entries take (browsers store text as UTF-16: two bytes a code unit).
    pub fn bytes_used(&self) -> u64 {
        let Ok(keys) = self.kv.keys() else {
            return 0;
        };
        keys.iter()
            .filter(|k| k.starts_with(PREFIX))
            .map(|k| {
                let v = self.kv.get(k).ok().flatten().unwrap_or_default();
                (k.encode_utf16().count() + v.encode_utf16().count()) as u64 * 2
            })
            .sum()
    }
}
