//! Shared state, provided as a typed context: the route, the catalogue of rule sets, the loaded
//! assessment and its save status. Actions that change the draft live here too, so components only
//! call them.

use super::browser;
use super::route::Route;
use crate::engine::assessment::Assessment;
use crate::engine::catalogue::{self, Entry};
use crate::engine::model::ItemIx;
use crate::engine::{Answer, Draft, RuleSet};
use crate::storage;
use leptos::prelude::*;
use std::sync::Arc;

/// A lock older than this is stale (its tab was closed or crashed).
const LOCK_FRESH_MS: f64 = 6_000.0;
/// Typing is saved this long after the last keystroke (and at once when the page is hidden).
pub const SAVE_DELAY_MS: u64 = 300;
/// How often the editing tab refreshes its lock.
const LOCK_REFRESH_MS: u64 = 2_000;

/// Whether the draft on screen is safely stored.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing changed yet.
    Idle,
    /// A change is waiting to be saved (within [`SAVE_DELAY_MS`]).
    Saving,
    /// Saved and verified at this time.
    Saved(f64),
    /// The last save failed: the work is only in memory.
    Failed(String),
}

/// The app's shared state.
#[derive(Clone, Copy)]
pub struct AppCtx {
    /// The page shown.
    pub route: RwSignal<Route>,
    /// Shipped rule sets, once `rules/index.toml` is read.
    pub catalogue: RwSignal<Option<Result<Vec<Entry>, String>>>,
    /// The assessment open on screen.
    pub current: RwSignal<Option<Assessment>>,
    /// Why the draft in the address could not be opened, and the draft itself when it could be
    /// read (its rule set is missing): it can still be exported or deleted.
    pub open_error: RwSignal<Option<(String, Option<Draft>)>>,
    /// Set when another tab holds the open draft: this tab only shows it.
    pub read_only: RwSignal<Option<String>>,
    /// This tab's id, for the draft locks.
    pub tab: StoredValue<String>,
    /// Save status of the open draft.
    pub save: RwSignal<SaveState>,
    /// A change is not saved yet (its generation number, for the typing debounce), so page hide
    /// must save now.
    pending_save: StoredValue<Option<u64>>,
    /// A save is scheduled to run right after the page shows the change (see [`AppCtx::save_soon`]).
    save_scheduled: StoredValue<bool>,
    /// Rule sets already fetched and checked, by file name.
    rules: StoredValue<Vec<(String, Arc<RuleSet>)>>,
    /// The question views on screen: (registration, item, trigger to wake it).
    views: StoredValue<Vec<(u64, ItemIx, Trigger)>>,
    /// The next registration number.
    next_view: StoredValue<u64>,
}

impl AppCtx {
    /// Creates the state and starts reading the catalogue.
    pub fn new(route: Route) -> AppCtx {
        let ctx = AppCtx {
            route: RwSignal::new(route),
            catalogue: RwSignal::new(None),
            current: RwSignal::new(None),
            open_error: RwSignal::new(None),
            save: RwSignal::new(SaveState::Idle),
            read_only: RwSignal::new(None),
            tab: StoredValue::new(browser::new_id()),
            pending_save: StoredValue::new(None),
            save_scheduled: StoredValue::new(false),
            rules: StoredValue::new(Vec::new()),
            views: StoredValue::new(Vec::new()),
            next_view: StoredValue::new(0),
        };
        // After each change, wake the question views it may have affected (all of them when the
        // assessment does not say: a draft opened, reloaded or changed some other way).
        Effect::new(move |_| {
            ctx.current.with(|c| {
                let affected = c.as_ref().and_then(|a| a.affected.as_deref());
                ctx.views.with_value(|v| {
                    for (_, ix, t) in v {
                        if affected.is_none_or(|a| a.binary_search(ix).is_ok()) {
                            t.notify();
                        }
                    }
                });
            });
        });
        ctx.watch_other_tabs();
        leptos::task::spawn_local(async move {
            let _ = ctx.entries().await;
        });
        ctx
    }

    /// The catalogue, read from `rules/index.toml` the first time it is needed.
    pub async fn entries(&self) -> Result<Vec<Entry>, String> {
        if let Some(c) = self.catalogue.get_untracked() {
            return c;
        }
        let result = browser::fetch_text("rules/index.toml")
            .await
            .and_then(|t| catalogue::parse(&t));
        self.catalogue.set(Some(result.clone()));
        result
    }

    /// Fetches and checks the rule file of a catalogue entry (once per page load).
    pub async fn rule_set(&self, entry: &Entry) -> Result<Arc<RuleSet>, String> {
        if let Some(rs) = self.rules.with_value(|v| {
            v.iter()
                .find(|(f, _)| f == &entry.file)
                .map(|(_, r)| r.clone())
        }) {
            return Ok(rs);
        }
        let text = browser::fetch_text(&format!("rules/{}", entry.file)).await?;
        let rs = Arc::new(
            RuleSet::load(&entry.file, &text)
                .map_err(|r| format!("The rule set {} has errors:\n{r}", entry.file))?,
        );
        self.rules
            .update_value(|v| v.push((entry.file.clone(), rs.clone())));
        Ok(rs)
    }

    /// The catalogue entry for a rule set id (once the catalogue is read).
    pub fn entry(&self, id: &str) -> Option<Entry> {
        self.catalogue.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.as_ref().ok())
                .and_then(|c| c.iter().find(|e| e.id == id).cloned())
        })
    }

    /// Makes sure the draft `id` is the one loaded (reads it from storage and fetches its rule set).
    pub fn open(&self, id: String) {
        if self
            .current
            .with_untracked(|c| c.as_ref().is_some_and(|a| a.draft.id == id))
        {
            return;
        }
        let ctx = *self;
        ctx.release();
        ctx.current.set(None);
        ctx.open_error.set(None);
        ctx.read_only.set(None);
        ctx.save.set(SaveState::Idle);
        leptos::task::spawn_local(async move {
            let draft = match storage::load(&id) {
                Ok(Some(d)) => d,
                Ok(None) => return ctx.open_error.set(Some(("There is no assessment with this address in this browser.".into(), None))),
                Err(e) => return ctx.open_error.set(Some((format!("This assessment cannot be read: {e}. It is kept as it is; you can download its raw text from the home page."), None))),
            };
            let rules = async {
                let entries = ctx.entries().await?;
                let entry = entries.into_iter().find(|e| e.id == draft.rule_set.id).ok_or_else(|| format!("The rule set \u{201c}{}\u{201d} of this assessment is not available in this version of the app.", draft.rule_set.id))?;
                ctx.rule_set(&entry).await
            }
            .await;
            match rules {
                Ok(rules) => {
                    ctx.take_or_watch(&draft.id);
                    ctx.current.set(Some(Assessment::new(rules, draft)));
                }
                Err(e) => ctx.open_error.set(Some((e, Some(draft)))),
            }
        });
    }

    /// Holds the draft for this tab, or shows it read-only when another tab holds it.
    fn take_or_watch(&self, id: &str) {
        let me = self.tab.get_value();
        match storage::lock(id) {
            Some(l) if l.tab != me && browser::now() - l.at < LOCK_FRESH_MS => self.read_only.set(Some(
                "This assessment is open in another tab or window. To make sure no change is lost, this tab only shows it and follows the changes made there.".into(),
            )),
            _ => storage::claim(id, &me, browser::now()),
        }
    }

    /// Makes this tab the one that edits the open draft (the other tab becomes read-only).
    pub fn take_over(&self) {
        let Some(id) = self
            .current
            .with_untracked(|c| c.as_ref().map(|a| a.draft.id.clone()))
        else {
            return;
        };
        self.reload_from_storage(&id);
        storage::claim(&id, &self.tab.get_value(), browser::now());
        self.read_only.set(None);
    }

    /// Saves what is waiting, then gives up this tab's lock on the open draft.
    fn release(&self) {
        self.flush();
        if let Some(id) = self
            .current
            .with_untracked(|c| c.as_ref().map(|a| a.draft.id.clone()))
        {
            if self.read_only.get_untracked().is_none() {
                storage::release(&id, &self.tab.get_value());
            }
        }
    }

    /// Replaces the open draft with its stored copy (written by another tab).
    fn reload_from_storage(&self, id: &str) {
        if let Ok(Some(d)) = storage::load(id) {
            self.current.update(|c| {
                if let Some(a) = c {
                    *a = Assessment::new(a.rules.clone(), d);
                }
            });
        }
    }

    /// Keeps the open draft safe across tabs: refreshes this tab's lock while it edits, follows
    /// changes when another tab edits, turns read-only when another tab takes over, and releases
    /// the lock when the page is hidden for good.
    fn watch_other_tabs(&self) {
        let ctx = *self;
        let open_id = move || {
            ctx.current
                .with_untracked(|c| c.as_ref().map(|a| a.draft.id.clone()))
        };
        let _ = set_interval_with_handle(
            move || {
                if let (Some(id), None) = (open_id(), ctx.read_only.get_untracked()) {
                    storage::claim(&id, &ctx.tab.get_value(), browser::now());
                }
            },
            std::time::Duration::from_millis(LOCK_REFRESH_MS),
        );
        let _ = window_event_listener(leptos::ev::storage, move |ev| {
            let (Some(id), Some(key)) = (open_id(), ev.key()) else {
                return;
            };
            if key == storage::draft_key(&id) && ctx.read_only.get_untracked().is_some() {
                ctx.reload_from_storage(&id);
            } else if key == storage::lock_key(&id) {
                let me = ctx.tab.get_value();
                if storage::lock(&id).is_some_and(|l| l.tab != me)
                    && ctx.read_only.get_untracked().is_none()
                {
                    ctx.reload_from_storage(&id);
                    ctx.read_only.set(Some("This assessment was opened for editing in another tab or window, so this tab now only shows it. Your changes here were saved before the other tab took over.".into()));
                }
            }
        });
        let _ = window_event_listener(leptos::ev::pagehide, move |_| {
            ctx.flush();
            ctx.release();
        });
        // A tab put in the background may never come back: save what is waiting.
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| ctx.flush());
    }

    /// Starts a new draft for a rule set and opens its case facts.
    pub async fn create(&self, entry: Entry, case_ref: String) -> Result<(), String> {
        let rules = self.rule_set(&entry).await?;
        let draft = Draft::new(browser::new_id(), case_ref, &rules, browser::now());
        let a = Assessment::new(rules, draft);
        let id = a.draft.id.clone();
        self.release();
        self.read_only.set(None);
        storage::claim(&id, &self.tab.get_value(), browser::now());
        self.current.set(Some(a));
        self.persist();
        super::route::go(&Route::Facts(id));
        Ok(())
    }

    /// Changes one answer, then saves it soon (not in a read-only tab).
    pub fn answer(&self, id: &str, answer: Option<Answer>) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        self.current.update(|c| {
            if let Some(a) = c {
                a.set_answer(id, answer, browser::now());
            }
        });
        self.save_soon();
    }

    /// The trigger that wakes a view of item `ix` after each change that may affect it, for as
    /// long as the calling component lives.
    pub fn watch_item(&self, ix: ItemIx) -> Trigger {
        let t = Trigger::new();
        let id = self.next_view.get_value();
        self.next_view.set_value(id + 1);
        self.views.update_value(|v| v.push((id, ix, t)));
        let views = self.views;
        on_cleanup(move || {
            views.try_update_value(|v| v.retain(|(k, _, _)| *k != id));
        });
        t
    }

    /// Applies any change to the assessment, then saves it soon.
    pub fn change(&self, f: impl FnOnce(&mut Assessment, f64)) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        self.current.update(|c| {
            if let Some(a) = c {
                // What `f` affects is unknown unless it goes through Assessment's own methods.
                a.affected = None;
                f(a, browser::now());
            }
        });
        self.save_soon();
    }

    /// Applies a change made while typing; saves it [`SAVE_DELAY_MS`] after the last keystroke.
    pub fn change_typing(&self, f: impl FnOnce(&mut Assessment, f64)) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        self.current.update(|c| {
            if let Some(a) = c {
                a.affected = None;
                f(a, browser::now());
            }
        });
        let generation = self.mark_unsaved();
        let ctx = *self;
        set_timeout(
            move || {
                if ctx.pending_save.get_value() == Some(generation) {
                    ctx.persist();
                }
            },
            std::time::Duration::from_millis(SAVE_DELAY_MS),
        );
    }

    /// Records that the open draft has a change not saved yet; gives the change's generation.
    fn mark_unsaved(&self) -> u64 {
        let generation = self.pending_save.get_value().map_or(1, |g| g + 1);
        self.pending_save.set_value(Some(generation));
        if self.save.with_untracked(|s| *s != SaveState::Saving) {
            self.save.set(SaveState::Saving);
        }
        generation
    }

    /// Saves the change just made (serialise, write, read back) in a task of its own, so that the
    /// click that made it is handled, and the page updated by the change's reactive effects (which
    /// run as microtasks), without waiting for the storage write. The timeout is set from a
    /// microtask, so the save is also queued after a task posted right after the click (as the
    /// browser benchmark's clock does). Changes made before it runs are saved together; the status
    /// says "Saving..." until then, and page hide saves at once ([`AppCtx::flush`]).
    fn save_soon(&self) {
        self.mark_unsaved();
        if self.save_scheduled.get_value() {
            return;
        }
        self.save_scheduled.set_value(true);
        let ctx = *self;
        leptos::task::spawn_local(async move {
            set_timeout(
                move || {
                    ctx.save_scheduled.set_value(false);
                    ctx.flush();
                },
                std::time::Duration::ZERO,
            );
        });
    }

    /// Saves now if a change is waiting to be saved.
    pub fn flush(&self) {
        if self.pending_save.get_value().is_some() {
            self.persist();
        }
    }

    /// Saves the open draft and records the outcome.
    pub fn persist(&self) {
        self.pending_save.set_value(None);
        let outcome = self.current.with_untracked(|c| {
            c.as_ref()
                .map(|a| storage::save(&a.draft, &storage::Summary::of(a)))
        });
        match outcome {
            Some(Ok(())) => self.save.set(SaveState::Saved(browser::now())),
            Some(Err(e)) => self.save.set(SaveState::Failed(e)),
            None => {}
        }
    }
}

/// The app's state (panics only if used outside the app, a programming error).
pub fn use_app() -> AppCtx {
    expect_context::<AppCtx>()
}
