//! Routing, in one of two modes. On its own page (and in an iframe) the app routes by the
//! address's hash: every page has its own URL (`#/draft/<id>/section/<sid>`), so back, forward and
//! reload work, also under a sub-path. As a `<case-assessor>` element on another page (see
//! [`super::embed`]) the address belongs to the host page: the route lives in memory only, and
//! links within the app are followed without touching the address ([`use_memory`]).

use leptos::prelude::{RwSignal, Set};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when this page hosts `<case-assessor>` elements rather than being the app's own page.
static IN_MEMORY: AtomicBool = AtomicBool::new(false);

/// Keeps routes in memory from now on (this page hosts `<case-assessor>` elements).
pub fn use_memory() {
    IN_MEMORY.store(true, Ordering::Relaxed);
}

/// Whether routes live in memory ([`use_memory`]) rather than in the address.
pub fn in_memory() -> bool {
    IN_MEMORY.load(Ordering::Relaxed)
}

/// The pages of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Your assessments.
    Home,
    /// Start an assessment: choose a rule set.
    New,
    /// Task list of a draft.
    Tasks(String),
    /// Case facts of a draft.
    Facts(String),
    /// One section of a draft.
    Section(String, String),
    /// Check your answers of a draft.
    Check(String),
    /// Print view of a draft.
    Print(String),
    /// Summary across assessments.
    Summary,
    /// Assessors compared on one case.
    Compare,
    /// An address that matches no page.
    NotFound,
}

fn enc(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

fn dec(s: &str) -> Option<String> {
    js_sys::decode_uri_component(s).ok().map(String::from)
}

impl Route {
    /// Reads a location hash such as `#/draft/abc/facts`.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#');
        // `#/draft/x/section/s#q-2-1-11`: the part after a second '#' is an anchor, not the page.
        let path = path
            .split('#')
            .next()
            .unwrap_or_default()
            .trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["new"] => Route::New,
            ["summary"] => Route::Summary,
            ["compare"] => Route::Compare,
            ["draft", id] => dec(id).map_or(Route::NotFound, Route::Tasks),
            ["draft", id, "facts"] => dec(id).map_or(Route::NotFound, Route::Facts),
            ["draft", id, "check"] => dec(id).map_or(Route::NotFound, Route::Check),
            ["draft", id, "print"] => dec(id).map_or(Route::NotFound, Route::Print),
            ["draft", id, "section", s] => match (dec(id), dec(s)) {
                (Some(id), Some(s)) => Route::Section(id, s),
                _ => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }

    /// The href of the page.
    pub fn href(&self) -> String {
        match self {
            Route::Home | Route::NotFound => "#/".into(),
            Route::New => "#/new".into(),
            Route::Summary => "#/summary".into(),
            Route::Compare => "#/compare".into(),
            Route::Tasks(id) => format!("#/draft/{}", enc(id)),
            Route::Facts(id) => format!("#/draft/{}/facts", enc(id)),
            Route::Section(id, s) => format!("#/draft/{}/section/{}", enc(id), enc(s)),
            Route::Check(id) => format!("#/draft/{}/check", enc(id)),
            Route::Print(id) => format!("#/draft/{}/print", enc(id)),
        }
    }

    /// The draft the page is about.
    pub fn draft(&self) -> Option<&str> {
        match self {
            Route::Tasks(id)
            | Route::Facts(id)
            | Route::Section(id, _)
            | Route::Check(id)
            | Route::Print(id) => Some(id),
            _ => None,
        }
    }
}

/// The anchor in a hash such as `#/draft/x/section/s#q-2-1-11` (`q-2-1-11`), if any.
pub fn anchor(hash: &str) -> Option<String> {
    hash.trim_start_matches('#')
        .split_once('#')
        .map(|(_, a)| a.to_string())
        .filter(|a| !a.is_empty())
}

/// The DOM id of a question's block (see `components::question`): `q-` and the id with every
/// character other than an ASCII letter or digit replaced by `-`.
pub fn question_dom_id(item_id: &str) -> String {
    format!(
        "q-{}",
        item_id.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    )
}

/// The href of the page showing item `ix` of the draft's rule set, anchored at the question.
pub fn item_href(
    draft: &str,
    rules: &crate::engine::RuleSet,
    ix: crate::engine::model::ItemIx,
) -> String {
    let item = &rules.items[ix];
    let page = match rules.shown_in(ix).and_then(|s| rules.sections.get(s)) {
        Some(s) => Route::Section(draft.to_string(), s.id.to_string()),
        None => Route::Facts(draft.to_string()),
    };
    format!("{}#{}", page.href(), question_dom_id(&item.id))
}

/// Goes to a page of the app whose route is `route`: by the address (adds a history entry; the
/// app follows the address), or in memory.
pub fn go(route: RwSignal<Route>, r: &Route) {
    if in_memory() {
        route.set(r.clone());
        super::embed::focus_heading();
    } else if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&r.href());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn an_anchor_is_not_part_of_the_page() {
        let cases = [
            ("#/draft/a%2Fb/check", Route::Check("a/b".into()), None),
            ("#/draft/x/print", Route::Print("x".into()), None),
            (
                "#/draft/x/section/court#q-2-1-11",
                Route::Section("x".into(), "court".into()),
                Some("q-2-1-11"),
            ),
            ("#/draft/x/facts#", Route::Facts("x".into()), None),
        ];
        for (hash, route, a) in cases {
            assert_eq!(Route::parse(hash), route, "{hash}");
            assert_eq!(anchor(hash).as_deref(), a, "{hash}");
            assert_eq!(Route::parse(&route.href()), route);
        }
        assert_eq!(question_dom_id("2.1.11"), "q-2-1-11");
        assert_eq!(question_dom_id("psr_in_region_12m"), "q-psr-in-region-12m");
    }
}
