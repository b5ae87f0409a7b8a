//! Shared by the native integration tests: the example fixture, the shipped rule sets and the case
//! files, each found and loaded one way (`case_assessor::authoring::files`).
//!
//! A file that does not load fails the test that asked for it, with its whole error report: no test
//! passes on fewer rule sets than the folder holds.
#![allow(dead_code)] // each test file uses its own part of this module

pub mod strategies;

use case_assessor::authoring::files;
use case_assessor::engine::model::{AnswerType, ItemIx, Rows};
use case_assessor::engine::{Answer, Draft, RuleSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The text of `tests/fixtures/example.toml`, the small rule set most tests use.
pub const FIXTURE: &str = include_str!("../fixtures/example.toml");

/// The fixture, loaded once.
pub fn fixture() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load("example.toml", FIXTURE).unwrap_or_else(|r| panic!("{r}")))
}

/// Every rule set shipped in `rules/`, loaded once; panics with the reports of any that do not load.
pub fn shipped() -> &'static [RuleSet] {
    static RULES: OnceLock<Vec<RuleSet>> = OnceLock::new();
    RULES.get_or_init(|| {
        let paths = files::toml_files(&files::shipped_dir()).expect("rules/ is readable");
        assert!(!paths.is_empty(), "no rule files in rules/");
        let (ok, failed): (Vec<_>, Vec<_>) = paths
            .iter()
            .map(|p| files::load(p))
            .partition(Result::is_ok);
        let failed: Vec<String> = failed
            .into_iter()
            .filter_map(Result::err)
            .map(|e| e.to_string())
            .collect();
        assert!(
            failed.is_empty(),
            "shipped rule files do not load:\n{}",
            failed.join("\n\n")
        );
        ok.into_iter().filter_map(Result::ok).collect()
    })
}

/// The case files in `tests/cases/`, sorted.
pub fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    files::toml_files(&dir).expect("tests/cases/ is readable")
}

/// A valid answer for item `ix` of `rules` in `draft` (a grid's rows from a multiple choice read
/// it), picked by `pick`: the random answers of the property tests.
pub fn answer_for(rules: &RuleSet, ix: ItemIx, draft: &Draft, pick: u32) -> Answer {
    let item = &rules.items[ix];
    let values: Vec<String> = rules
        .scale_of(item)
        .map(|s| s.options.iter().map(|o| o.value.clone()).collect())
        .unwrap_or_default();
    let p = pick as usize;
    match &item.answer {
        AnswerType::Bool => Answer::Bool(pick % 2 == 0),
        AnswerType::Choice { .. } => Answer::Choice(values[p % values.len()].clone()),
        AnswerType::Multi { .. } => Answer::Multi(
            values
                .iter()
                .enumerate()
                .filter(|(i, _)| p >> i & 1 == 1)
                .map(|(_, v)| v.clone())
                .collect(),
        ),
        AnswerType::Grid { rows, .. } => {
            let ids: Vec<String> = match rows {
                Rows::Fixed(rows) => rows.iter().map(|r| r.id.clone()).collect(),
                Rows::From(src) => match draft.answers.get(rules.items[*src].id.as_str()) {
                    Some(Answer::Multi(v)) => v.clone(),
                    _ => vec![],
                },
            };
            Answer::Grid(
                ids.into_iter()
                    .enumerate()
                    .filter(|(i, _)| p >> (2 * i) & 3 != 0)
                    .map(|(i, id)| (id, values[(p >> (2 * i + 1)) % values.len()].clone()))
                    .collect(),
            )
        }
        // Around the thresholds the rule sets use (days, months, scores).
        AnswerType::Number { .. } => Answer::Number(f64::from(pick % 40)),
        AnswerType::Date => Answer::Date(format!("2024-{:02}-{:02}", 1 + pick % 12, 1 + pick % 28)),
        AnswerType::Text => Answer::Text(if pick % 3 == 0 {
            String::new()
        } else {
            "x".into()
        }),
    }
}
