//! Snapshot tests of the loader's error reports for broken rule files.
//!
//! Each file in `tests/load_errors/` is a small, complete rule file broken in one way (or several),
//! with a comment saying how; its whole rendered [`Report`] (message, file, line, column, the source
//! line and its caret) and the [`ErrorKind`](case_assessor::engine::diag::ErrorKind) of each error
//! are snapshotted in `tests/snapshots/`. A case is added by adding a file; after
//! a deliberate change to a message, regenerate with
//! `INSTA_UPDATE=always cargo test --test load_errors` and review the diff.
// Native only: proptest and insta are native dev-dependencies (Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use case_assessor::engine::{Report, RuleSet};

/// Loads `text`, which must fail, and gives the rendered report followed by the kind of each error.
fn report(name: &str, text: &str) -> String {
    match RuleSet::load(name, text) {
        Ok(_) => panic!("{name} loaded, but it is meant to be broken"),
        Err(r) => {
            check_positions(&r, text);
            let kinds: Vec<String> = r.errors.iter().map(|e| format!("{:?}", e.kind)).collect();
            format!("{r}\n\nkinds: {}", kinds.join(", "))
        }
    }
}

/// Every error's line and column point into the text, at the line it shows.
fn check_positions(r: &Report, text: &str) {
    assert!(!r.errors.is_empty());
    for e in &r.errors {
        let line = text.lines().nth(e.line - 1).expect("line in range");
        assert_eq!(line.trim_end_matches('\r'), e.source_line);
        assert!(e.column >= 1 && e.column <= line.chars().count() + 1);
    }
}

#[test]
fn the_fixture_itself_loads() {
    support::fixture();
}

#[test]
fn load_error() {
    insta::glob!("load_errors/*.toml", |path| {
        let text = std::fs::read_to_string(path).expect("readable");
        let name = path.file_name().expect("a file").to_string_lossy();
        insta::assert_snapshot!(report(&name, &text));
    });
}
