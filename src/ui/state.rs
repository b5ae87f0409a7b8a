//! Shared state, provided as a typed context: the route, the catalogue of rule sets, the loaded
//! assessment and its save status. Actions that change the draft live here too, so components only
//! call them.

use super::browser;
use super::route::Route;
use crate::engine::assessment::Assessment;
use crate::engine::catalogue::{self, Entry};
use crate::engine::{Answer, Draft, RuleSet};
use crate::storage;
use leptos::prelude::*;
use std::sync::Arc;

/// Whether the draft on screen is safely stored.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing changed yet.
    Idle,
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
    /// Why the draft in the address could not be opened.
    pub open_error: RwSignal<Option<String>>,
    /// Save status of the open draft.
    pub save: RwSignal<SaveState>,
    /// Rule sets already fetched and checked, by file name.
    rules: StoredValue<Vec<(String, Arc<RuleSet>)>>,
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
            rules: StoredValue::new(Vec::new()),
        };
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
        ctx.current.set(None);
        ctx.open_error.set(None);
        ctx.save.set(SaveState::Idle);
        leptos::task::spawn_local(async move {
            let result = async {
                let draft = storage::load(&id)?.ok_or_else(|| {
                    "There is no draft with this address in this browser.".to_string()
                })?;
                let entries = ctx.entries().await?;
                let entry = entries
                    .into_iter()
                    .find(|e| e.id == draft.rule_set.id)
                    .ok_or_else(|| {
                        format!(
                            "The rule set `{}` of this draft is not available here.",
                            draft.rule_set.id
                        )
                    })?;
                let rules = ctx.rule_set(&entry).await?;
                Ok::<_, String>(Assessment::new(rules, draft))
            }
            .await;
            match result {
                Ok(a) => ctx.current.set(Some(a)),
                Err(e) => ctx.open_error.set(Some(e)),
            }
        });
    }

    /// Starts a new draft for a rule set and opens its case facts.
    pub async fn create(&self, entry: Entry, case_ref: String) -> Result<(), String> {
        let rules = self.rule_set(&entry).await?;
        let draft = Draft::new(browser::new_id(), case_ref, &rules, browser::now());
        let a = Assessment::new(rules, draft);
        let id = a.draft.id.clone();
        self.current.set(Some(a));
        self.persist();
        super::route::go(&Route::Facts(id));
        Ok(())
    }

    /// Changes one answer, then saves.
    pub fn answer(&self, id: &str, answer: Option<Answer>) {
        self.current.update(|c| {
            if let Some(a) = c {
                a.set_answer(id, answer, browser::now());
            }
        });
        self.persist();
    }

    /// Applies any change to the assessment, then saves.
    pub fn change(&self, f: impl FnOnce(&mut Assessment, f64)) {
        self.current.update(|c| {
            if let Some(a) = c {
                f(a, browser::now());
            }
        });
        self.persist();
    }

    /// Saves the open draft and records the outcome.
    pub fn persist(&self) {
        let outcome = self.current.with_untracked(|c| {
            c.as_ref().map(|a| {
                let summary = storage::Summary {
                    id: a.draft.id.clone(),
                    case_ref: a.draft.case_ref.clone(),
                    rule_set: a.rules.meta.id.clone(),
                    rule_set_title: a.rules.meta.title.clone(),
                    answered: a.eval.progress.answered,
                    total: a.eval.progress.total,
                    updated: a.draft.updated,
                };
                storage::save(&a.draft, &summary)
            })
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
