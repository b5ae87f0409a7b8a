//! Reading the files in `rules/`: the catalogue (`index.toml`) and the rule files.
//!
//! Each file is fetched together with its compiled form (`rules/compiled/`, written by the build;
//! see `engine::compiled`). When the compiled form matches the text, it is read (no TOML parsing,
//! and the app carries no TOML parser). When there is none, or it is stale (the file was edited on
//! the host after the build, or it is an administrator's own file), the text goes to the rules
//! reader, a second wasm module imported on first need, which checks it as the authors' tool does
//! and gives the same compiled form, or the error report.

use super::browser;
use crate::engine::catalogue::Entry;
use crate::engine::compiled::{self, Built};
use crate::engine::RuleSet;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// The snippet sits in `snippets/<crate>/` of the built folder, two levels below the app's files;
// `import()` resolves against the snippet's own address, so this works wherever the app is hosted,
// in an iframe or as `<case-assessor>` elements on another page.
#[wasm_bindgen(
    inline_js = "export function import_reader() { return import('../../rules-reader.js'); }"
)]
extern "C" {
    fn import_reader() -> js_sys::Promise;
}

thread_local! {
    /// The rules reader's module, once imported and started.
    static READER: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Why a file without a compiled form could not be read.
const NO_READER: &str = "The part of Case Assessor that reads rule files did not load. \
     Reload the page; if you are offline, connect and reload.";

/// The rules reader's module, imported and started on first use.
async fn reader() -> Result<JsValue, &'static str> {
    if let Some(m) = READER.with(|r| r.borrow().clone()) {
        return Ok(m);
    }
    let module = JsFuture::from(import_reader())
        .await
        .map_err(|_| NO_READER)?;
    let init: js_sys::Function = js_sys::Reflect::get(&module, &"default".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(NO_READER)?;
    let started: js_sys::Promise = init
        .call0(&JsValue::NULL)
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or(NO_READER)?;
    JsFuture::from(started).await.map_err(|_| NO_READER)?;
    READER.with(|r| *r.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// Calls the reader's `function` with `args`: the compiled form, or what the reader found wrong
/// (inside); outside, [`NO_READER`] when the reader itself did not load.
async fn read_with_reader(
    function: &str,
    args: &[&str],
) -> Result<Result<Vec<u8>, String>, &'static str> {
    let module = reader().await?;
    let f: js_sys::Function = js_sys::Reflect::get(&module, &function.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(NO_READER)?;
    let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    match f.apply(&JsValue::NULL, &args) {
        Ok(v) => v
            .dyn_into::<js_sys::Uint8Array>()
            .map(|a| Ok(a.to_vec()))
            .map_err(|_| NO_READER),
        Err(e) => e.as_string().map(Err).ok_or(NO_READER),
    }
}

/// The catalogue of rule sets, from `rules/index.toml`, and the rule files the build compiled.
pub async fn catalogue() -> Result<(Vec<Entry>, Built), String> {
    const PATH: &str = "rules/index.toml";
    let text = browser::start_fetch(PATH);
    let compiled = browser::start_fetch(&compiled::path_of(PATH));
    let text = text.text().await?;
    let bytes = compiled.bytes().await.unwrap_or_default();
    let built = compiled::built(&bytes);
    if let Some(entries) = compiled::read_index(&bytes, &text) {
        return Ok((entries, built));
    }
    let bytes = read_with_reader("read_index", &[&text]).await??;
    let entries = compiled::read_index(&bytes, &text).ok_or(NO_READER)?;
    Ok((entries, built))
}

/// The checked rule set in `rules/<file>`, or its error report. Its compiled form is fetched too
/// when `built` says the build made one.
pub async fn rule_set(file: &str, built: &Built) -> Result<RuleSet, String> {
    let path = format!("rules/{file}");
    let text = browser::start_fetch(&path);
    let compiled = built
        .has(file)
        .then(|| browser::start_fetch(&compiled::path_of(&path)));
    let text = text.text().await?;
    if let Some(compiled) = compiled {
        let rules = compiled
            .bytes()
            .await
            .ok()
            .and_then(|b| compiled::read_rule_file(&b, &text));
        if let Some(rules) = rules {
            return Ok(rules);
        }
    }
    let bytes = read_with_reader("read_rule_file", &[file, &text])
        .await?
        .map_err(|report| format!("The rule set {file} has errors:\n{report}"))?;
    compiled::read_rule_file(&bytes, &text).ok_or_else(|| NO_READER.to_string())
}
