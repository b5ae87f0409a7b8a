//! The rules reader: a second, small wasm module the app fetches only when it must read a rule file
//! or `index.toml` that has no up-to-date compiled form (`engine::compiled`): an administrator's
//! own rule file, or a shipped one edited on the host after the build. It holds the TOML parser and
//! the loader, which the app's main module does not carry. Built by Trunk (`index.html`) as an ES
//! module; the app imports it with `import()` and calls these functions.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
mod exports {
    use case_assessor::engine::compiled;
    use wasm_bindgen::prelude::*;

    /// The compiled form of the rule file `file` (its `text`), or its error report as text.
    #[wasm_bindgen]
    pub fn read_rule_file(file: &str, text: &str) -> Result<Vec<u8>, String> {
        compiled::rule_file(file, text)
    }

    /// The compiled form of `index.toml` (its `text`), or what is wrong with it.
    #[wasm_bindgen]
    pub fn read_index(text: &str) -> Result<Vec<u8>, String> {
        compiled::index(text, compiled::Built::default())
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("rules-reader is part of the web app: Trunk builds it for wasm32 (see README.md).");
}
