//! Snapshot tests of the loader's error reports for broken rule files.
//!
//! Each test breaks `tests/fixtures/example.toml` in one way (or several) and snapshots the whole
//! rendered [`Report`]: message, file, line, column, the source line and its caret. The snapshots live
//! in `tests/snapshots/`; after a deliberate change to a message, regenerate them with
//! `INSTA_UPDATE=always cargo test --test load_errors` and review the diff.
// Native only: proptest and insta are native dev-dependencies (Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use case_assessor::engine::{Report, RuleSet};

const FIXTURE: &str = include_str!("fixtures/example.toml");

/// The fixture with each `(from, to)` applied to the first occurrence of `from` (which must exist).
fn broken(edits: &[(&str, &str)]) -> String {
    let mut text = FIXTURE.to_string();
    for (from, to) in edits {
        assert!(
            text.contains(from),
            "the fixture no longer contains {from:?}"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// Loads `text`, which must fail, and gives the rendered report.
fn report(text: &str) -> String {
    match RuleSet::load("example.toml", text) {
        Ok(_) => panic!("the broken file loaded"),
        Err(r) => {
            check_positions(&r, text);
            r.to_string()
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
    RuleSet::load("example.toml", FIXTURE).unwrap_or_else(|r| panic!("{r}"));
}

#[test]
fn toml_syntax_error() {
    insta::assert_snapshot!(report(&broken(&[(
        "[[question]]\nid = \"2.1.12\"",
        "[[question]\nid = \"2.1.12\""
    )])));
}

#[test]
fn unclosed_string() {
    insta::assert_snapshot!(report(&broken(&[(
        "text = \"Grid test: answer for each row.\"",
        "text = \"Grid test: answer for each row."
    )])));
}

#[test]
fn unknown_field() {
    insta::assert_snapshot!(report(&broken(&[(
        "id = \"2.1.12\"\n",
        "id = \"2.1.12\"\ncolour = \"red\"\n"
    )])));
}

#[test]
fn misspelt_kind() {
    insta::assert_snapshot!(report(&broken(&[(
        "kind = \"information\"",
        "kind = \"informaton\""
    )])));
}

#[test]
fn unknown_fact() {
    insta::assert_snapshot!(report(&broken(&[(
        "when = \"custody_months >= 10\"",
        "when = \"custody_month >= 10\""
    )])));
}

#[test]
fn unknown_question() {
    insta::assert_snapshot!(report(&broken(&[("[2.1.11] == 'no'", "[2.1.10] == 'no'")])));
}

#[test]
fn value_not_in_scale() {
    insta::assert_snapshot!(report(&broken(&[(
        "[2.0.24] == 'no_should'",
        "[2.0.24] == 'no_shuold'"
    )])));
}

#[test]
fn type_mismatch() {
    insta::assert_snapshot!(report(&broken(&[(
        "when = \"custody_months >= 10\"",
        "when = \"custody_months >= 'ten' and psr_in_region_12m\""
    )])));
}

#[test]
fn number_used_as_a_condition() {
    insta::assert_snapshot!(report(&broken(&[(
        "when = \"custody_months > 0\"",
        "when = \"custody_months\""
    )])));
}

#[test]
fn grid_without_row() {
    insta::assert_snapshot!(report(&broken(&[(
        "[EX.1].public == 'no'",
        "[EX.1] == 'no'"
    )])));
}

#[test]
fn condition_syntax_error() {
    insta::assert_snapshot!(report(&broken(&[(
        "when = \"custody_months >= 10\"",
        "when = \"custody_months >= 10 and\""
    )])));
}

#[test]
fn applicability_cycle() {
    let cycle =
        "[[question.applies]]\nwhen = \"[2.1.12] is not answered\"\nquote = \"q\"\nline = 1\n\n\
                 [[question]]\nid = \"2.1.12\"";
    let back = "scale = \"yes_no\"\n\n[[question.applies]]\nwhen = \"[2.1.11] != 'no'\"\nquote = \"q\"\nline = 1\n\n\
                [[question]]\nid = \"2.2.02\"";
    insta::assert_snapshot!(report(&broken(&[
        ("[[question]]\nid = \"2.1.12\"", cycle),
        ("scale = \"yes_no\"\n\n[[question]]\nid = \"2.2.02\"", back),
    ])));
}

#[test]
fn duplicate_id() {
    insta::assert_snapshot!(report(&broken(&[("id = \"2.1.12\"", "id = \"2.1.11\"")])));
}

#[test]
fn unknown_group() {
    insta::assert_snapshot!(report(&broken(&[(
        "id = \"2.2.02\"\ngroup = \"CW\"",
        "id = \"2.2.02\"\ngroup = \"CX\""
    )])));
}

#[test]
fn bad_hint_suggestion() {
    insta::assert_snapshot!(report(&broken(&[(
        "suggest = \"no_should\"",
        "suggest = \"should_have\""
    )])));
}

#[test]
fn force_names_a_question_that_is_not_a_summary() {
    insta::assert_snapshot!(report(&broken(&[(
        "summaries = [\"*\"]",
        "summaries = [\"2.1.11\"]"
    )])));
}

#[test]
fn force_answer_not_in_scale() {
    insta::assert_snapshot!(report(&broken(&[("answer = \"no\"", "answer = \"nope\"")])));
}

#[test]
fn several_errors_in_one_file_are_all_reported() {
    insta::assert_snapshot!(report(&broken(&[
        (
            "when = \"custody_months >= 10\"",
            "when = \"custody_month >= 10\""
        ),
        ("[2.0.24] == 'no_should'", "[2.0.24] == 'no_shuold'"),
        (
            "id = \"2.2.02\"\ngroup = \"CW\"",
            "id = \"2.2.02\"\ngroup = \"CX\""
        ),
        ("suggest = \"no_should\"", "suggest = \"should_have\""),
    ])));
}

#[test]
fn structural_errors_in_several_tables_are_all_reported() {
    insta::assert_snapshot!(report(&broken(&[
        ("id = \"2.1.12\"\n", "id = \"2.1.12\"\ncolour = \"red\"\n"),
        ("line = 106", "line = \"106\""),
    ])));
}
