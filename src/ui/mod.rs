//! The web UI: Leptos, client-side rendered, compiled to WebAssembly.
//!
//! Components are thin: they display the engine's [`crate::engine::Evaluation`] and call
//! [`crate::engine::assessment::Assessment`] methods. App-wide state goes through [`state::AppCtx`],
//! the open draft through its [`session::Session`]. Every write to browser storage goes through
//! [`crate::storage`]: the open draft's from its session, the home page's deletes, copies and imports
//! from there.

pub mod browser;
pub mod components;
pub mod embed;
pub mod offline;
pub mod pages;
pub mod route;
pub mod rules_files;
pub mod session;
pub mod state;

mod app;
pub use app::App;

/// Mounts the app in place of the static loading message of its own page. A page without that
/// message hosts `<case-assessor>` elements instead: each gets its app when it asks (see [`embed`]).
pub fn start() {
    console_error_panic_hook::set_once();
    match web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-loading"))
    {
        Some(el) => {
            el.remove();
            leptos::mount::mount_to_body(App);
        }
        None => embed::listen(),
    }
}
