//! Tools for rule authors, the tests and the benchmarks, kept out of the app the browser loads.
//!
//! Takes checked rule sets from [`crate::engine`]; gives what the `rules` command-line tool, the
//! tests and the benchmarks need and the app does not:
//! - [`cases`]: case files (facts and answers in, expected evaluation out) and their runner;
//! - [`dump`]: a checked rule set as JSON;
//! - [`files`]: which files in a folder are rule files or case files, and loading them;
//! - [`schemas`]: JSON Schemas of the rule-file, case-file and export formats (`rules schemas`);
//! - [`synth`]: synthetic rule sets of any size, for benchmarks and property tests.
//!
//! Compiled natively only (and into the crate's own unit tests), so the wasm app never carries it.

pub mod cases;
pub mod dump;
pub mod files;
#[cfg(not(target_arch = "wasm32"))] // schemars is a native-only dependency
pub mod schemas;
pub mod synth;

/// The example rule set of `tests/fixtures/example.toml`, for the crate's own unit tests (the
/// integration tests have `tests/support`).
#[cfg(test)]
pub(crate) fn fixture() -> crate::engine::RuleSet {
    crate::engine::RuleSet::load(
        "example.toml",
        include_str!("../../tests/fixtures/example.toml"),
    )
    .unwrap_or_else(|r| panic!("{r}"))
}
