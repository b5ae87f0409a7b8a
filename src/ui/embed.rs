//! Embedding in an intranet page. Takes the `<case-assessor>` elements' mount points (from the
//! module `case-assessor.js`, written into the build by `tools/post-build.mjs` from
//! `assets/case-assessor.js`) and gives each its own app, in a shadow root, with its route in
//! memory ([`super::route::use_memory`]). Tells the host page about saves and exports: as DOM
//! events from an element (`saved`, `exported`: `CustomEvent`s that cross the shadow boundary),
//! or, when the app runs in an iframe whose host named its origin (`?host-origin=`), as messages
//! posted to that origin only.

use super::route::Route;
use super::session::{SaveState, Session};
use super::state::AppCtx;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The mount points of the elements on this page, by number.
    static MOUNTS: RefCell<Vec<web_sys::HtmlElement>> = const { RefCell::new(Vec::new()) };
    /// The element the user last clicked or typed in.
    static ACTIVE: Cell<usize> = const { Cell::new(0) };
    /// An export file made by the click being handled: (file name, JSON).
    static EXPORTED: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// The element an app runs in (a context, only in `<case-assessor>` elements).
#[derive(Clone, Debug)]
pub struct Embed {
    /// Its number on the page.
    pub index: usize,
    /// The rule set the host fixed for it, if any (the `rule-set` attribute).
    pub rule_set: Option<String>,
}

/// Gives each `<case-assessor>` element of this page its app when the element asks (the module
/// sends `case-assessor:connect` with the element's mount point, once this module is running).
pub fn listen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::CustomEvent)>::new(
        |ev: web_sys::CustomEvent| {
            if let Ok(el) = ev.detail().dyn_into::<web_sys::HtmlElement>() {
                if !el.has_attribute("data-mounted") {
                    let _ = el.set_attribute("data-mounted", "");
                    el.set_inner_html("");
                    let rules = el.get_attribute("data-rules").unwrap_or_default();
                    let rule_set = el.get_attribute("data-rule-set");
                    mount(el, rules, rule_set);
                }
            }
        },
    );
    let _ =
        doc.add_event_listener_with_callback("case-assessor:connect", cb.as_ref().unchecked_ref());
    cb.forget();
}

/// Mounts an app in `mount` (an element in a `<case-assessor>` element's shadow root). `rules` is
/// the absolute address of the folder holding the rule sets' `index.toml` (the first element's
/// choice holds for the page); `rule_set` fixes the rule set of new assessments.
fn mount(mount: web_sys::HtmlElement, rules: String, rule_set: Option<String>) {
    super::route::use_memory();
    if !rules.is_empty() {
        super::browser::set_rules_folder(&rules);
    }
    let index = MOUNTS.with(|m| {
        let mut m = m.borrow_mut();
        m.push(mount.clone());
        m.len() - 1
    });
    let rule_set = rule_set.filter(|r| !r.trim().is_empty());
    leptos::mount::mount_to(mount, move || {
        provide_context(Embed { index, rule_set });
        view! { <super::App/> }
    })
    .forget();
}

/// The mount point of the element the user last used (or the only one).
fn active_mount() -> Option<web_sys::HtmlElement> {
    let i = ACTIVE.get();
    MOUNTS.with(|m| m.borrow().get(i).cloned())
}

/// The element with this id in the element the user last used, when the page hosts elements.
pub fn find(id: &str) -> Option<web_sys::Element> {
    active_mount()?
        .query_selector(&format!("#{id}"))
        .ok()
        .flatten()
}

/// After a navigation in memory, focuses the new page's main heading (as the address route does).
pub fn focus_heading() {
    leptos::task::spawn_local(async {
        super::browser::focus("main-heading");
    });
}

/// Records a download the app offers; an export goes to the host too (see [`frame`], [`report`]).
pub fn exported(name: &str, mime: &str, text: &str) {
    if !mime.starts_with("application/json") {
        return;
    }
    if super::route::in_memory() {
        EXPORTED.with(|e| *e.borrow_mut() = Some((name.to_string(), text.to_string())));
    } else if let Some(origin) = host_origin() {
        post(&origin, "exported", &export_detail(name, text));
    }
}

fn export_detail(name: &str, text: &str) -> serde_json::Value {
    serde_json::json!({ "fileName": name, "json": text })
}

/// The origin the page hosting this app's iframe named (`?host-origin=https://intranet.example`),
/// when the app is in a frame: exactly an origin, never a wildcard.
fn host_origin() -> Option<String> {
    let w = web_sys::window()?;
    let parent = w.parent().ok().flatten()?;
    if js_sys::Object::is(&parent, &w) {
        return None;
    }
    let url = web_sys::Url::new(&w.location().href().ok()?).ok()?;
    let named = url.search_params().get("host-origin")?;
    let origin = web_sys::Url::new(&named).ok()?.origin();
    (origin == named.trim_end_matches('/') && origin != "null").then_some(origin)
}

fn to_js(v: &serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

/// Posts `{ type: "case-assessor:<kind>", detail }` to the parent window, at `origin` only.
fn post(origin: &str, kind: &str, detail: &serde_json::Value) {
    let msg = serde_json::json!({ "type": format!("case-assessor:{kind}"), "detail": detail });
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        let _ = parent.post_message(&to_js(&msg), origin);
    }
}

/// Dispatches a `CustomEvent` named `kind` from inside element `index`'s shadow root; it bubbles
/// and crosses the shadow boundary (composed), so the host sees it on the `<case-assessor>`.
fn dispatch(index: usize, kind: &str, detail: &serde_json::Value) {
    let Some(mount) = MOUNTS.with(|m| m.borrow().get(index).cloned()) else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&to_js(detail));
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(kind, &init) {
        let _ = mount.dispatch_event(&ev);
    }
}

/// Tells the host page (an element's or an iframe's) each time the open draft is saved.
pub fn report(ctx: Session) {
    let embed = use_context::<Embed>();
    let origin = if embed.is_none() { host_origin() } else { None };
    if embed.is_none() && origin.is_none() {
        return;
    }
    Effect::new(move |_| {
        let SaveState::Saved(at) = ctx.save.get() else {
            return;
        };
        let Some(detail) = ctx.current.with_untracked(|c| {
            c.as_ref().map(|a| {
                let time = js_sys::Date::new(&at.into()).to_iso_string();
                serde_json::json!({
                    "draftId": a.draft().id,
                    "caseReference": a.draft().case_ref,
                    "ruleSet": { "id": a.draft().rule_set.id, "version": a.draft().rule_set.version },
                    "time": String::from(time),
                })
            })
        }) else {
            return;
        };
        match (&embed, &origin) {
            (Some(e), _) => dispatch(e.index, "saved", &detail),
            (None, Some(o)) => post(o, "saved", &detail),
            (None, None) => {}
        }
    });
}

/// An element's app: keeps the catalogue to the rule set the host fixed, follows links within
/// the app in memory, and hands exports made by a click to the host page.
pub fn frame(ctx: AppCtx, embed: Embed, shell: AnyView) -> impl IntoView {
    if let Some(fixed) = embed.rule_set.clone() {
        Effect::new(move |_| {
            let Some(Ok(list)) = ctx.catalogue.get() else {
                return;
            };
            if list.iter().all(|e| e.id == fixed) && !list.is_empty() {
                return;
            }
            let kept: Vec<_> = list.into_iter().filter(|e| e.id == fixed).collect();
            ctx.catalogue.set(Some(if kept.is_empty() {
                Err(format!("the rule set \u{201c}{fixed}\u{201d} that this page names is not among the rule sets offered"))
            } else {
                Ok(kept)
            }));
        });
    }
    let index = embed.index;
    let click = move |ev: leptos::ev::MouseEvent| {
        ACTIVE.set(index);
        if let Some((name, json)) = EXPORTED.with(|e| e.borrow_mut().take()) {
            dispatch(index, "exported", &export_detail(&name, &json));
        }
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("a[href^='#']").ok().flatten());
        let Some(href) = link.and_then(|a| a.get_attribute("href")) else {
            return;
        };
        // The host's address is not the app's: follow the link here.
        ev.prevent_default();
        if href == "#" || href.starts_with("#/") {
            let route = Route::parse(&href);
            if ctx.route.get_untracked() != route {
                ctx.route.set(route);
            }
            leptos::task::spawn_local(async move {
                match super::route::anchor(&href) {
                    Some(a) => super::components::search::jump_to(a),
                    None => super::browser::focus("main-heading"),
                }
            });
        } else {
            // A link to a part of the page ("Skip to main content").
            super::components::search::jump_to(href.trim_start_matches('#').to_string());
        }
    };
    view! {
        <div class="app-embedded" on:click=click on:keydown=move |_| ACTIVE.set(index) on:focusin=move |_| ACTIVE.set(index)>
            {shell}
        </div>
    }
}
