//! Small wrappers over browser APIs: time, ids, fetching same-origin files, downloads.

use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// Where the rule sets are when the page is not the app's own (a page hosting
    /// `<case-assessor>` elements): an absolute folder address.
    static RULES: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Fetches `rules/...` from `folder` (an absolute address ending in `/`) from now on, unless a
/// folder is already set (the first element of a page decides).
pub fn set_rules_folder(folder: &str) {
    RULES.with(|b| {
        b.borrow_mut().get_or_insert_with(|| folder.to_string());
    });
}

/// The address to fetch for one of the app's files (`rules/index.toml`).
fn resolve(url: &str) -> String {
    RULES.with(
        |b| match (b.borrow().as_deref(), url.strip_prefix("rules/")) {
            (Some(folder), Some(file)) => web_sys::Url::new_with_base(file, folder)
                .map_or_else(|_| url.to_string(), |u| u.href()),
            _ => url.to_string(),
        },
    )
}

/// The element with this id: in the app's element when the page hosts `<case-assessor>`
/// elements, else in the document.
pub fn element_by_id(id: &str) -> Option<web_sys::Element> {
    if super::route::in_memory() {
        return super::embed::find(id);
    }
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
}

/// Milliseconds since 1970.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// A new draft id: time plus randomness, unique within a browser.
pub fn new_id() -> String {
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("{:x}-{:x}", now() as u64, r)
}

/// "23 November 2026 at 10:42" in the browser's time zone.
pub fn format_time(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!(
        "{} {} {} at {:02}:{:02}",
        d.get_date(),
        MONTHS[d.get_month() as usize % 12],
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// "10:42"
pub fn format_clock(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// A fetch of a file of this site, started when made, so that several can run at once.
pub struct Fetch {
    url: String,
    started: Option<js_sys::Promise>,
}

/// Starts fetching a file of this site (relative URLs resolve against the page).
pub fn start_fetch(url: &str) -> Fetch {
    Fetch {
        url: url.to_string(),
        started: web_sys::window().map(|w| w.fetch_with_str(&resolve(url))),
    }
}

impl Fetch {
    /// The response, once it has come, if the server found the file.
    async fn response(&mut self) -> Result<web_sys::Response, String> {
        let url = &self.url;
        let resp = JsFuture::from(self.started.take().ok_or("no window")?)
            .await
            .map_err(|_| format!("{url} could not be fetched"))?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
        if !resp.ok() {
            return Err(format!("{url}: the server answered {}", resp.status()));
        }
        Ok(resp)
    }

    /// The file's text, once it has come.
    pub async fn text(mut self) -> Result<String, String> {
        let resp = self.response().await?;
        let url = self.url;
        let text = JsFuture::from(resp.text().map_err(|_| "no body")?)
            .await
            .map_err(|_| format!("{url} could not be read"))?;
        text.as_string().ok_or_else(|| format!("{url} is not text"))
    }

    /// The file's bytes, once they have come.
    pub async fn bytes(mut self) -> Result<Vec<u8>, String> {
        let resp = self.response().await?;
        let url = self.url;
        let buf = JsFuture::from(resp.array_buffer().map_err(|_| "no body")?)
            .await
            .map_err(|_| format!("{url} could not be read"))?;
        Ok(js_sys::Uint8Array::new(&buf).to_vec())
    }
}

/// Fetches a file of this site as text (relative URLs resolve against the page).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    start_fetch(url).text().await
}

/// Opens the browser's print dialogue (a browser without one does nothing).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "cannot make the file")?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "cannot make the file")?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "no anchor")?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    super::embed::exported(name, mime, text);
    Ok(())
}

/// Moves keyboard focus to the element with `id` (after a navigation), if it exists.
pub fn focus(id: &str) {
    if let Some(el) = element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
