//! The session of the open draft: the one owner of the assessment on screen, its lock and its saver.
//!
//! Takes the draft named by the address (or a new one); gives the pages its [`Assessment`], its save
//! status and the actions that change it. Every write of the open draft goes through here to the
//! storage module, naming the revision it was read as, so a draft deleted, replaced by an import or
//! written by another tab is never overwritten: the save is refused and the page says why, offering a
//! download of what is on screen. Leaving the draft's pages ends the session: what is waiting is
//! saved, the lock released and the draft dropped from memory.

use super::browser;
use super::route::Route;
use super::state::AppCtx;
use crate::engine::assessment::{Assessment, Changed};
use crate::engine::catalogue::Entry;
use crate::engine::model::ItemIx;
use crate::engine::{Answer, Draft};
use crate::storage::{self, browser::store, ErrorKind, Revision, StorageError, Summary};
use leptos::prelude::*;

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
    /// The last save failed or was refused: the work is only on this page.
    Failed(StorageError),
}

impl SaveState {
    /// Whether saving was refused because the stored draft was deleted or replaced elsewhere.
    fn refused(&self) -> bool {
        matches!(self, SaveState::Failed(e) if matches!(e.kind, ErrorKind::Deleted | ErrorKind::Replaced))
    }
}

/// The open draft's session (a handle: copies share it).
#[derive(Clone, Copy)]
pub struct Session {
    app: AppCtx,
    /// The assessment open on screen.
    pub current: RwSignal<Option<Assessment>>,
    /// Why the draft in the address could not be opened, and the draft itself when it could be
    /// read (its rule set is missing): it can still be exported or deleted.
    pub open_error: RwSignal<Option<(String, Option<Draft>)>>,
    /// Set when another tab holds the open draft: this tab only shows it.
    pub read_only: RwSignal<Option<String>>,
    /// Said once when the stored draft changed under this tab and the page now shows the stored one.
    pub notice: RwSignal<Option<String>>,
    /// Save status of the open draft.
    pub save: RwSignal<SaveState>,
    /// The items changed since the last save that was stored (marked on the page while saving fails).
    pub unsaved: RwSignal<Vec<String>>,
    /// The stored text the draft on screen was read as or last saved as.
    revision: StoredValue<Option<Revision>>,
    /// A change is not saved yet (its generation number, for the typing debounce), so page hide
    /// must save now.
    pending_save: StoredValue<Option<u64>>,
    /// A save is scheduled to run right after the page shows the change (see [`Session::save_soon`]).
    save_scheduled: StoredValue<bool>,
    /// The items changed since the views were last woken (`None`: any may have).
    changed: StoredValue<Option<Changed>>,
    /// The question views on screen: (registration, item, trigger to wake it).
    views: StoredValue<Vec<(u64, ItemIx, Trigger)>>,
    /// The next registration number.
    next_view: StoredValue<u64>,
    /// Whether the page must not take changes (see [`Session::locked`]). Every control of every
    /// question on the page reads it, so it is a signal set only when its value changes: not a
    /// memo of `save`, whose readers would all be woken to check it each time an answer's save
    /// status goes from saved to saving and back (hundreds of controls, twice per answer).
    locked: RwSignal<bool>,
    /// Whether the last save failed (read by every question, through [`Session::not_saved`]): set
    /// only when it changes, for the same reason as `locked`.
    failed: RwSignal<bool>,
}

impl Session {
    /// The session handle of the app; starts following other tabs.
    pub fn new(app: AppCtx) -> Session {
        let read_only = RwSignal::new(None::<String>);
        let save = RwSignal::new(SaveState::Idle);
        let (locked, failed) = (RwSignal::new(false), RwSignal::new(false));
        Effect::new(move |_| {
            let (refused, failed_now) =
                save.with(|s| (s.refused(), matches!(s, SaveState::Failed(_))));
            let locked_now = refused || read_only.with(Option::is_some);
            if locked.get_untracked() != locked_now {
                locked.set(locked_now);
            }
            if failed.get_untracked() != failed_now {
                failed.set(failed_now);
            }
        });
        let s = Session {
            app,
            current: RwSignal::new(None),
            open_error: RwSignal::new(None),
            read_only,
            notice: RwSignal::new(None),
            save,
            unsaved: RwSignal::new(Vec::new()),
            revision: StoredValue::new(None),
            pending_save: StoredValue::new(None),
            save_scheduled: StoredValue::new(false),
            changed: StoredValue::new(None),
            views: StoredValue::new(Vec::new()),
            next_view: StoredValue::new(0),
            locked,
            failed,
        };
        // After each change, wake the question views it may have affected (all of them when it is
        // not known: a draft opened, reloaded or replaced).
        Effect::new(move |_| {
            s.current.track();
            let changed = s
                .changed
                .try_update_value(|c| c.replace(Vec::new()))
                .flatten();
            s.views.with_value(|v| {
                for (_, ix, t) in v {
                    if changed.as_ref().is_none_or(|c| c.binary_search(ix).is_ok()) {
                        t.notify();
                    }
                }
            });
        });
        s.watch_other_tabs();
        s
    }

    /// The id of the open draft.
    pub fn open_id(&self) -> Option<String> {
        self.current
            .with_untracked(|c| c.as_ref().map(|a| a.draft().id.clone()))
    }

    /// Shows `a` (read as `rev`) as the open draft, every view rebuilt.
    fn show(&self, a: Assessment, rev: Revision) {
        self.revision.set_value(Some(rev));
        self.changed.set_value(None);
        self.current.set(Some(a));
    }

    /// Makes sure the draft `id` is the one open (reads it from storage and fetches its rule set).
    pub fn open(&self, id: String) {
        if self.open_id().as_deref() == Some(id.as_str()) {
            return;
        }
        let s = *self;
        s.end();
        leptos::task::spawn_local(async move {
            let (draft, rev) = match store().load(&id) {
                Ok(Some(d)) => d,
                Ok(None) => return s.open_error.set(Some(("There is no assessment with this address in this browser. It may have been deleted.".into(), None))),
                Err(e) => return s.open_error.set(Some((format!("This assessment cannot be read: {e}. It is kept as it is; you can download its raw text from the home page."), None))),
            };
            let rules = async {
                let entries = s.app.entries().await?;
                let entry = entries.into_iter().find(|e| e.id == draft.rule_set.id).ok_or_else(|| format!("The rule set \u{201c}{}\u{201d} of this assessment is not available in this version of the app.", draft.rule_set.id))?;
                s.app.rule_set(&entry).await
            }
            .await;
            // The address may have moved on while the rule set was fetched.
            if s.app
                .route
                .with_untracked(|r| r.draft() != Some(id.as_str()))
            {
                return;
            }
            match rules {
                Ok(rules) => {
                    s.take_or_watch(&draft.id);
                    s.show(Assessment::new(rules, draft), rev);
                }
                Err(e) => s.open_error.set(Some((e, Some(draft)))),
            }
        });
    }

    /// Ends the session: saves what is waiting, releases the lock and drops the draft.
    pub fn end(&self) {
        self.flush();
        if let Some(id) = self.open_id() {
            if self.read_only.get_untracked().is_none() {
                store().release(&id, &self.app.tab.get_value());
            }
        }
        self.revision.set_value(None);
        self.pending_save.set_value(None);
        self.changed.set_value(None);
        self.current.set(None);
        self.open_error.set(None);
        self.read_only.set(None);
        self.notice.set(None);
        self.save.set(SaveState::Idle);
        self.unsaved.set(Vec::new());
    }

    /// Whether item `id` has a change that saving failed to store (tracked).
    pub fn not_saved(&self, id: &str) -> bool {
        self.failed.get() && self.unsaved.with(|u| u.iter().any(|x| x == id))
    }

    /// Holds the draft for this tab, or shows it read-only when another tab holds it.
    fn take_or_watch(&self, id: &str) {
        let me = self.app.tab.get_value();
        match store().lock(id) {
            Some(l) if l.tab != me && browser::now() - l.at < LOCK_FRESH_MS => self.read_only.set(Some(
                "This assessment is open in another tab or window. To make sure no change is lost, this tab only shows it and follows the changes made there.".into(),
            )),
            _ => {
                let _ = store().claim(id, &me, browser::now());
            }
        }
    }

    /// Makes this tab the one that edits the open draft (the other tab becomes read-only).
    pub fn take_over(&self) {
        let Some(id) = self.open_id() else {
            return;
        };
        self.reload_from_storage(&id);
        if store()
            .claim(&id, &self.app.tab.get_value(), browser::now())
            .is_ok()
        {
            self.read_only.set(None);
        }
    }

    /// Replaces the open draft with its stored copy (written by another tab, or imported). A draft
    /// no longer stored is kept on screen, and saving it is refused.
    fn reload_from_storage(&self, id: &str) {
        match store().load(id) {
            Ok(Some((d, rev))) => {
                if let Some(rules) = self
                    .current
                    .with_untracked(|c| c.as_ref().map(|a| a.rules().clone()))
                {
                    self.show(Assessment::new(rules, d), rev);
                }
            }
            Ok(None) => self
                .save
                .set(SaveState::Failed(StorageError::new(ErrorKind::Deleted, ""))),
            Err(e) => self.save.set(SaveState::Failed(e)),
        }
    }

    /// Keeps the open draft safe across tabs: refreshes this tab's lock while it edits, follows
    /// changes when another tab edits, turns read-only when another tab takes over, says so when the
    /// draft is deleted or replaced elsewhere, and releases the lock when the page is hidden for good.
    fn watch_other_tabs(&self) {
        let s = *self;
        let _ = set_interval_with_handle(
            move || {
                if let (Some(id), None) = (s.open_id(), s.read_only.get_untracked()) {
                    // Refused for a draft deleted elsewhere: a lock never outlives its draft.
                    let _ = store().claim(&id, &s.app.tab.get_value(), browser::now());
                }
            },
            std::time::Duration::from_millis(LOCK_REFRESH_MS),
        );
        let _ = window_event_listener(leptos::ev::storage, move |ev| {
            let (Some(id), Some(key)) = (s.open_id(), ev.key()) else {
                return;
            };
            if key == storage::draft_key(&id) {
                s.stored_draft_changed(&id, ev.new_value());
            } else if key == storage::lock_key(&id) {
                let me = s.app.tab.get_value();
                if store().lock(&id).is_some_and(|l| l.tab != me)
                    && s.read_only.get_untracked().is_none()
                {
                    s.flush();
                    s.reload_from_storage(&id);
                    s.read_only.set(Some("This assessment was opened for editing in another tab or window, so this tab now only shows it. Your changes here were saved before the other tab took over.".into()));
                }
            }
        });
        let _ = window_event_listener(leptos::ev::pagehide, move |_| {
            s.flush();
            if let Some(id) = s.open_id() {
                if s.read_only.get_untracked().is_none() {
                    store().release(&id, &s.app.tab.get_value());
                }
            }
        });
        // Leaving or closing the page with a change that could not be saved asks first (a change
        // still waiting is saved now; only a failed save makes the browser ask).
        let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
            s.flush();
            let failed = s.save.with_untracked(|x| matches!(x, SaveState::Failed(_)));
            if failed && s.unsaved.with_untracked(|u| !u.is_empty()) {
                ev.prevent_default();
            }
        });
        // A tab put in the background may never come back: save what is waiting.
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| s.flush());
    }

    /// Another tab or window wrote or removed the open draft (`new`: the stored text now).
    fn stored_draft_changed(&self, id: &str, new: Option<String>) {
        if self.read_only.get_untracked().is_some() {
            return self.reload_from_storage(id);
        }
        match new {
            None => {
                self.pending_save.set_value(None);
                self.save.set(SaveState::Failed(StorageError::new(
                    ErrorKind::Deleted,
                    "in another tab or window",
                )));
            }
            Some(text)
                if self
                    .revision
                    .with_value(|r| r.as_ref().is_some_and(|r| r.is(&text))) => {}
            Some(_) if self.pending_save.get_value().is_some() => {
                self.pending_save.set_value(None);
                self.save.set(SaveState::Failed(StorageError::new(
                    ErrorKind::Replaced,
                    "",
                )));
            }
            Some(_) => {
                self.reload_from_storage(id);
                self.notice.set(Some("This assessment was changed in another tab or window (or replaced by an import) and this page now shows the saved version. Nothing you entered here was waiting to be saved.".into()));
            }
        }
    }

    /// Starts a new draft for a rule set and opens its case facts.
    pub async fn create(&self, entry: Entry, case_ref: String) -> Result<(), String> {
        let rules = self.app.rule_set(&entry).await?;
        let draft = Draft::new(browser::new_id(), case_ref, &rules, browser::now());
        let a = Assessment::new(rules, draft);
        self.end();
        let rev = store()
            .create(a.draft(), &Summary::of(&a))
            .map_err(|e| format!("The assessment could not be saved: {e}."))?;
        let id = a.draft().id.clone();
        let _ = store().claim(&id, &self.app.tab.get_value(), browser::now());
        self.show(a, rev);
        self.save.set(SaveState::Saved(browser::now()));
        super::route::go(self.app.route, &Route::Facts(id));
        Ok(())
    }

    /// Applies a change to the open assessment (not in a read-only tab, nor once saving it has been
    /// refused because the stored draft was deleted or replaced); gives whether it was applied.
    fn apply(&self, id: &str, f: impl FnOnce(&mut Assessment, f64) -> Changed) -> bool {
        if self.read_only.get_untracked().is_some() || self.refused() {
            return false;
        }
        if self.unsaved.with_untracked(|u| !u.iter().any(|x| x == id)) {
            self.unsaved.update(|u| u.push(id.to_string()));
        }
        let mut applied = false;
        self.current.update(|c| {
            if let Some(a) = c {
                let changed = f(a, browser::now());
                self.changed.update_value(|all| {
                    if let Some(all) = all {
                        all.extend(changed);
                        all.sort_unstable();
                        all.dedup();
                    }
                });
                applied = true;
            }
        });
        applied
    }

    /// Whether saving the open draft was refused because it was deleted or replaced elsewhere.
    pub fn refused(&self) -> bool {
        self.save.with_untracked(SaveState::refused)
    }

    /// Whether the page must not take changes: another tab edits the draft, or saving it was refused
    /// because it was deleted or replaced elsewhere (tracked: wakes its reader only when it changes).
    pub fn locked(&self) -> bool {
        self.locked.get()
    }

    /// Changes one answer, then saves it soon.
    pub fn answer(&self, id: &str, answer: Option<Answer>) {
        if self.apply(id, |a, now| a.set_answer(id, answer, now)) {
            self.save_soon();
        }
    }

    /// Applies a change to item `id` made through the assessment's methods, then saves it soon.
    pub fn change(&self, id: &str, f: impl FnOnce(&mut Assessment, f64) -> Changed) {
        if self.apply(id, f) {
            self.save_soon();
        }
    }

    /// Applies a change to item `id` made while typing; saves it [`SAVE_DELAY_MS`] after the last
    /// keystroke.
    pub fn change_typing(&self, id: &str, f: impl FnOnce(&mut Assessment, f64) -> Changed) {
        if !self.apply(id, f) {
            return;
        }
        let generation = self.mark_unsaved();
        let s = *self;
        set_timeout(
            move || {
                if s.pending_save.get_value() == Some(generation) {
                    s.persist();
                }
            },
            std::time::Duration::from_millis(SAVE_DELAY_MS),
        );
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
    /// says "Saving..." until then, and page hide saves at once ([`Session::flush`]).
    fn save_soon(&self) {
        self.mark_unsaved();
        if self.save_scheduled.get_value() {
            return;
        }
        self.save_scheduled.set_value(true);
        let s = *self;
        leptos::task::spawn_local(async move {
            set_timeout(
                move || {
                    s.save_scheduled.set_value(false);
                    s.flush();
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

    /// Saves the open draft, if it is still the one in storage, and records the outcome.
    fn persist(&self) {
        self.pending_save.set_value(None);
        let Some(base) = self.revision.get_value() else {
            return;
        };
        let outcome = self.current.with_untracked(|c| {
            c.as_ref()
                .map(|a| store().save(a.draft(), &Summary::of(a), &base))
        });
        match outcome {
            Some(Ok(rev)) => {
                self.revision.set_value(Some(rev));
                self.save.set(SaveState::Saved(browser::now()));
                if self.unsaved.with_untracked(|u| !u.is_empty()) {
                    self.unsaved.set(Vec::new());
                }
            }
            Some(Err(e)) => self.save.set(SaveState::Failed(e)),
            None => {}
        }
    }
}

/// The open draft's session (panics only if used outside the app, a programming error).
pub fn use_session() -> Session {
    expect_context::<Session>()
}
