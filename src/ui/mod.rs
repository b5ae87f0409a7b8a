//! The web UI: Leptos, client-side rendered, compiled to WebAssembly.
//!
//! Components are thin: they display the engine's [`crate::engine::Evaluation`] and call
//! [`crate::engine::assessment::Assessment`] methods. Shared state goes through [`state::AppCtx`];
//! all browser storage through [`crate::storage`].

pub mod browser;
pub mod components;
pub mod offline;
pub mod pages;
pub mod route;
pub mod state;

mod app;
pub use app::App;

/// Mounts the app in place of the static loading message.
pub fn start() {
    console_error_panic_hook::set_once();
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-loading"))
    {
        el.remove();
    }
    leptos::mount::mount_to_body(App);
}
