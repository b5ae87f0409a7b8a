//! The `rules` tool's `drafts` and `compile` commands. `drafts` (used by the browser benchmark's
//! summary of 500 assessments) prints an export file the app accepts, with the number of made-up
//! assessments asked for, each valid for the rule set; a count that is not a number is refused with
//! the usage line. `compile` (used by the build) writes compiled forms that read back.
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

/// `rules compile DIR OUT` (run by the build): a compiled form of the index and of every rule file,
/// each reading back as its file loads, the index listing the rule files it compiled.
#[test]
fn compile_writes_a_compiled_form_of_every_rule_file_and_the_index() {
    use case_assessor::engine::{catalogue, compiled};
    let out = std::env::temp_dir().join(format!("rules-compile-{}", std::process::id()));
    let run = Command::new(env!("CARGO_BIN_EXE_rules"))
        .args(["compile", "rules", out.to_str().unwrap()])
        .output()
        .expect("the rules tool runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = |name: &str| std::fs::read(out.join(format!("{name}.bin"))).expect(name);
    let index_text = std::fs::read_to_string("rules/index.toml").unwrap();
    let index = read("index.toml");
    let entries = compiled::read_index(&index, &index_text).expect("the index reads back");
    assert_eq!(entries, catalogue::parse(&index_text).unwrap());
    let built = compiled::built(&index);
    for e in &entries {
        assert!(built.has(&e.file), "{} listed as compiled", e.file);
        let text = std::fs::read_to_string(format!("rules/{}", e.file)).unwrap();
        let rules = compiled::read_rule_file(&read(&e.file), &text).expect("reads back");
        assert_eq!(rules.meta.id, e.id);
    }
    std::fs::remove_dir_all(&out).ok();
}

/// A folder with a broken rule file: `rules compile` says which and exits 1; the good files are
/// still compiled, and the index lists only those.
#[test]
fn compile_fails_on_a_broken_rule_file() {
    use case_assessor::engine::compiled;
    let dir = std::env::temp_dir().join(format!("rules-compile-broken-{}", std::process::id()));
    let out = dir.join("compiled");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("tests/fixtures/example.toml", dir.join("example.toml")).unwrap();
    std::fs::write(dir.join("broken.toml"), "format = 1\n[meta]\nid = 3\n").unwrap();
    std::fs::write(dir.join("index.toml"), "").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_rules"))
        .args(["compile", dir.to_str().unwrap(), out.to_str().unwrap()])
        .output()
        .expect("the rules tool runs");
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("broken.toml"));
    let built = compiled::built(&std::fs::read(out.join("index.toml.bin")).unwrap());
    assert!(built.has("example.toml"));
    assert!(!built.has("broken.toml"));
    assert!(!out.join("broken.toml.bin").exists());
    std::fs::remove_dir_all(&dir).ok();
}
