//! The `rules` tool's `drafts` command (used by the browser benchmark's summary of 500 assessments):
//! its output is an export file the app accepts, with the number of made-up assessments asked for,
//! each valid for the rule set; a count that is not a number is refused with the usage line.
#![cfg(not(target_arch = "wasm32"))]

use case_assessor::engine::draft::{parse_export, validate_import};
use case_assessor::engine::RuleSet;
use std::process::Command;

const CARAG: &str = "rules/carag-2024-pdu-domain-two.toml";

#[test]
fn drafts_prints_an_export_of_valid_made_up_assessments() {
    let out = Command::new(env!("CARGO_BIN_EXE_rules"))
        .args(["drafts", CARAG, "3"])
        .output()
        .expect("the rules tool runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let file = parse_export(&text).expect("an export file the app reads");
    assert_eq!(file.drafts.len(), 3);
    let rules = RuleSet::load(CARAG, &std::fs::read_to_string(CARAG).unwrap()).expect("loads");
    assert!(file.drafts.iter().all(|d| !d.answers.is_empty()));
    assert_eq!(
        validate_import(&file, |id| (id == rules.meta.id).then_some(&rules)),
        vec![]
    );
    let ids: std::collections::HashSet<_> = file.drafts.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids.len(), 3, "distinct ids");
}

#[test]
fn drafts_refuses_a_count_that_is_not_a_number() {
    let out = Command::new(env!("CARGO_BIN_EXE_rules"))
        .args(["drafts", CARAG, "many"])
        .output()
        .expect("the rules tool runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("rules drafts FILE COUNT"));
}
