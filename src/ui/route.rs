//! Hash routing: every page has its own URL (`#/draft/<id>/section/<sid>`), so back, forward and
//! reload work, also under a sub-path and inside an iframe.

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
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["new"] => Route::New,
            ["draft", id] => dec(id).map_or(Route::NotFound, Route::Tasks),
            ["draft", id, "facts"] => dec(id).map_or(Route::NotFound, Route::Facts),
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
            Route::Tasks(id) => format!("#/draft/{}", enc(id)),
            Route::Facts(id) => format!("#/draft/{}/facts", enc(id)),
            Route::Section(id, s) => format!("#/draft/{}/section/{}", enc(id), enc(s)),
        }
    }

    /// The draft the page is about.
    pub fn draft(&self) -> Option<&str> {
        match self {
            Route::Tasks(id) | Route::Facts(id) | Route::Section(id, _) => Some(id),
            _ => None,
        }
    }
}

/// Goes to a page (adds a history entry).
pub fn go(r: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&r.href());
    }
}
