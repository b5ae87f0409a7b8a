//! App-wide state, provided as a typed context: the route, the catalogue of rule sets and the rule
//! sets fetched so far. The open draft is the session's ([`super::session`]).

use super::browser;
use super::route::Route;
use crate::engine::catalogue::{self, Entry};
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
}

impl AppCtx {
    /// Creates the state and starts reading the catalogue.
    pub fn new(route: Route) -> AppCtx {
        let ctx = AppCtx {
            route: RwSignal::new(route),
            catalogue: RwSignal::new(None),
            tab: StoredValue::new(browser::new_id()),
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
}

/// The app's state (panics only if used outside the app, a programming error).
pub fn use_app() -> AppCtx {
    expect_context::<AppCtx>()
}
