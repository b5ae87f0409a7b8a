//! Browser tests (wasm-bindgen-test in headless Chromium): what depends on browser APIs.
//! Run with `cargo test --target wasm32-unknown-unknown` (scripts/test.sh does).
#![cfg(target_arch = "wasm32")]

use case_assessor::engine::{Answer, Draft, RuleSet};
use case_assessor::storage;
use case_assessor::ui::components::guidance::Guidance;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fixture() -> RuleSet {
    RuleSet::load("example.toml", include_str!("fixtures/example.toml")).expect("fixture loads")
}

#[wasm_bindgen_test]
fn drafts_round_trip_through_local_storage() {
    let rules = fixture();
    let mut draft = Draft::new("web-test".into(), "CASE-1".into(), &rules, 1.0);
    draft
        .answers
        .insert("2.1.11".into(), Answer::Choice("yes".into()));
    let summary = storage::Summary {
        id: draft.id.clone(),
        case_ref: draft.case_ref.clone(),
        rule_set: rules.meta.id.to_string(),
        rule_set_title: rules.meta.title.clone(),
        answered: 1,
        total: 3,
        updated: 1.0,
    };
    let store = storage::browser::store();
    let _ = store.delete("web-test");
    let rev = store.create(&draft, &summary).expect("saved");
    let (back, back_rev) = store.load("web-test").expect("readable").expect("stored");
    assert_eq!((back, back_rev), (draft, rev));
    assert!(store
        .scan()
        .expect("index readable")
        .drafts
        .iter()
        .any(|s| s.id == "web-test"));
    store.delete("web-test").expect("deleted");
    assert_eq!(store.load("web-test").expect("readable"), None);
}

#[wasm_bindgen_test]
fn a_corrupt_entry_is_reported_not_panicked_on() {
    use storage::KeyValue;
    let local = storage::browser::Local::new();
    assert!(local.available(), "storage in the test page");
    local
        .set("case-assessor/v1/draft/broken", "{not json")
        .unwrap();
    let err = storage::browser::store()
        .load("broken")
        .expect_err("corrupt entry is an error");
    assert_eq!(err.kind, storage::ErrorKind::Unreadable);
    assert!(err.to_string().contains("cannot be read"), "{err}");
    local.remove("case-assessor/v1/draft/broken").unwrap();
}

#[wasm_bindgen_test]
fn guidance_markup_renders_as_elements_never_html() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let el: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(host.clone());
    let _handle = leptos::mount::mount_to(el, || {
        view! { <Guidance text="Hello <script>alert(1)</script>\n\n- one *two*\n- [x](javascript:alert(1))".to_string()/> }
    });
    assert_eq!(host.query_selector_all("script").unwrap().length(), 0);
    assert_eq!(host.query_selector_all("li").unwrap().length(), 2);
    assert_eq!(host.query_selector_all("em").unwrap().length(), 1);
    assert_eq!(
        host.query_selector_all("a").unwrap().length(),
        0,
        "unsafe link kept as text"
    );
    assert!(host
        .text_content()
        .unwrap()
        .contains("<script>alert(1)</script>"));
}
