//! Fuzz target: the condition parser must never panic, and what it parses must print and parse back.
//!
//! Takes arbitrary bytes; parses those that are UTF-8 as a condition. When the text parses, its
//! canonical printed form must parse too and print the same text again.
#![no_main]

use case_assessor::engine::cond;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(expr) = cond::parse(text) {
        let printed = expr.to_string();
        let again = cond::parse(&printed).unwrap_or_else(|e| {
            panic!("`{text}` printed as `{printed}`, which does not parse: {e:?}")
        });
        assert_eq!(
            again.to_string(),
            printed,
            "printing is not canonical for `{text}`"
        );
    }
});
