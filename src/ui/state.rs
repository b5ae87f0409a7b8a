//! App-wide state, provided as a typed context: the route, the catalogue of rule sets and the rule
//! sets fetched so far. The open draft is the session's ([`super::session`]).

use super::browser;
use super::route::Route;
use super::rules_files;
use crate::engine::catalogue::Entry;
use crate::engine::compiled::Built;
use crate::engine::RuleSet;
use leptos::prelude::*;
use std::sync::Arc;

/// What is app-wide: the route, the catalogue of rule sets, the rule sets already fetched and this
/// tab's id. The open draft has a session of its own ([`super::session::Session`]).
#[derive(Clone, Copy)]
pub struct AppCtx {
    /// The page shown.
    pub route: RwSignal<Route>,
    /// Shipped rule sets, once `rules/index.toml` is read.
    pub catalogue: RwSignal<Option<Result<Vec<Entry>, String>>>,
    /// This tab's id, for the draft locks.
    pub tab: StoredValue<String>,
    /// Rule sets already fetched and checked, by file name.
    rules: StoredValue<Vec<(String, Arc<RuleSet>)>>,
    /// The rule files the build compiled, as the catalogue's compiled form lists them.
    built: StoredValue<Built>,
}

impl AppCtx {
    /// Creates the state and starts reading the catalogue.
    pub fn new(route: Route) -> AppCtx {
        let ctx = AppCtx {
            route: RwSignal::new(route),
            catalogue: RwSignal::new(None),
            tab: StoredValue::new(browser::new_id()),
            rules: StoredValue::new(Vec::new()),
            built: StoredValue::new(Built::default()),
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
        let result = rules_files::catalogue().await.map(|(entries, built)| {
            self.built.set_value(built);
            entries
        });
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
        let built = self.built.get_value();
        let rs = Arc::new(rules_files::rule_set(&entry.file, &built).await?);
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
}

/// The app's state (panics only if used outside the app, a programming error).
pub fn use_app() -> AppCtx {
    expect_context::<AppCtx>()
}
