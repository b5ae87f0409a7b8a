//! Fuzz target: the rule-file loader must never panic, whatever the text.
//!
//! Takes arbitrary bytes; runs `RuleSet::load` on those that are UTF-8 (the loader's input is text).
//! A file that loads is also evaluated with an empty draft; a report is rendered, carets and all.
#![no_main]

use case_assessor::engine::{Draft, Evaluation, RuleSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match RuleSet::load("fuzz.toml", text) {
        Ok(rules) => {
            let draft = Draft::new("fuzz".into(), "fuzz".into(), &rules, 0.0);
            let _ = Evaluation::new(&rules, &draft);
        }
        Err(report) => {
            let _ = report.to_string();
        }
    }
});
