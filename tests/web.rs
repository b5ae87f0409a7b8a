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
        rule_set: rules.meta.id.clone(),
        rule_set_title: rules.meta.title.clone(),
        answered: 1,
        total: 3,
        updated: 1.0,
    };
    storage::save(&draft, &summary).expect("saved");
    assert_eq!(storage::load("web-test").expect("readable"), Some(draft));
    assert!(storage::list()
        .expect("index readable")
        .iter()
        .any(|s| s.id == "web-test"));
    storage::delete("web-test").expect("deleted");
    assert_eq!(storage::load("web-test").expect("readable"), None);
}

#[wasm_bindgen_test]
fn a_corrupt_entry_is_reported_not_panicked_on() {
    let s = storage::local().expect("storage in the test page");
    s.set_item("case-assessor/v1/draft/broken", "{not json")
        .unwrap();
    let err = storage::load("broken").expect_err("corrupt entry is an error");
    assert!(err.contains("cannot be read"), "{err}");
    s.remove_item("case-assessor/v1/draft/broken").unwrap();
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
