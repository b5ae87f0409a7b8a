//! Offline use: in release builds, registers the service worker `sw.js` (written into the build by
//! `tools/offline.mjs` from `assets/sw.js`), which keeps a copy of the app and its rule sets so the
//! app opens without a network after its first load. Gives [`UpdateBanner`], which offers "A new
//! version is ready" once a newer release has been installed beside the running one.
//!
//! A new version never takes over by itself while a page of the old one is open (the worker does
//! not skip waiting): it waits until the user chooses to reload, and the reload first saves the open
//! draft and goes ahead only when the draft is saved. Where the browser refuses workers (plain HTTP
//! other than localhost, a sandboxed or cross-site frame, a locked-down browser) nothing is
//! registered and the app runs as before, online only.

use super::components::banner::NotificationBanner;
use super::session::{use_session, SaveState};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The message that asks a waiting worker to take over (see `assets/sw.js`).
const ACTIVATE: &str = "case-assessor:activate";
/// How often a long-open page asks the server whether there is a new release.
const UPDATE_CHECK: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The browser's service workers, where it offers them to this page: not in an insecure context,
/// not where reading them throws (a sandboxed frame), not in a browser without them.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .dyn_into()
        .ok()
}

fn reload_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Calls `f` on each event `set` installs a handler for, for as long as the page lives.
fn on(set: impl FnOnce(Option<&js_sys::Function>), f: impl Fn() + 'static) {
    let cb = Closure::<dyn Fn()>::new(f);
    set(Some(cb.as_ref().unchecked_ref()));
    cb.forget();
}

/// Registers the worker (release builds only) and sets `ready` when a newer version waits.
/// `asked` is set when this page asked the new version to take over, so that it reloads then.
fn register(ready: RwSignal<bool>, asked: StoredValue<bool>) {
    // Not on a page that hosts `<case-assessor>` elements: that page, and its address, are the host's.
    if cfg!(debug_assertions) || super::route::in_memory() {
        return;
    }
    let Some(sw) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        // A refusal (storage blocked, a locked-down browser) rejects the promise: stay online only.
        let Ok(reg) = JsFuture::from(sw.register("sw.js")).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if reg.waiting().is_some() {
            ready.set(true);
        }
        // A newer version found while this page runs: ready once installed, if an older version
        // is the active one (on the very first install there is none, and nothing to offer).
        let found = reg.clone();
        on(
            |h| reg.set_onupdatefound(h),
            move || {
                let Some(worker) = found.installing() else {
                    return;
                };
                let (w, r) = (worker.clone(), found.clone());
                on(
                    |h| worker.set_onstatechange(h),
                    move || {
                        if w.state() == ServiceWorkerState::Installed && r.active().is_some() {
                            ready.set(true);
                        }
                    },
                );
            },
        );
        // The worker serving this page changed: this page asked for it (reload now), or another
        // page of the app did (this page still runs the old version: offer the reload).
        on(
            |h| sw.set_oncontrollerchange(h),
            move || {
                if asked.get_value() {
                    reload_page();
                } else {
                    ready.set(true);
                }
            },
        );
        let check = reg.clone();
        set_interval(
            move || {
                if let Ok(p) = check.update() {
                    // Offline the check fails: that is expected, and says nothing new.
                    leptos::task::spawn_local(async move {
                        let _ = JsFuture::from(p).await;
                    });
                }
            },
            UPDATE_CHECK,
        );
    });
}

/// Asks the waiting version to take over (the page reloads when it has), or reloads at once when
/// none waits (another page of the app already let it take over).
fn activate_and_reload(asked: StoredValue<bool>) {
    leptos::task::spawn_local(async move {
        let waiting = match container() {
            Some(sw) => JsFuture::from(sw.get_registration())
                .await
                .ok()
                .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
                .and_then(|r| r.waiting()),
            None => None,
        };
        let Some(worker) = waiting else {
            return reload_page();
        };
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &ACTIVATE.into());
        asked.set_value(true);
        if worker.post_message(&msg).is_err() {
            reload_page();
        }
    });
}

/// "A new version is ready": shown when a newer release waits to take over, unless the open draft
/// could not be saved (the save status then says so, with its export). The reload saves the open
/// draft first and goes ahead only when the save succeeded.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ctx = use_session();
    let ready = RwSignal::new(false);
    let asked = StoredValue::new(false);
    register(ready, asked);
    let reload = move |_| {
        ctx.flush();
        if matches!(ctx.save.get_untracked(), SaveState::Failed(_)) {
            return;
        }
        activate_and_reload(asked);
    };
    move || {
        (ready.get() && !matches!(ctx.save.get(), SaveState::Failed(_))).then(|| {
            view! {
                <NotificationBanner id="update-banner" title="Important" no_print=true>
                    <p class="govuk-notification-banner__heading">"A new version is ready."</p>
                    <p class="govuk-body">"Reloading saves your work first and keeps every answer."</p>
                    <button type="button" class="govuk-button govuk-!-margin-bottom-0" id="update-reload" on:click=reload>
                        "Reload"
                    </button>
                </NotificationBanner>
            }
        })
    }
}
