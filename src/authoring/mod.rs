//! Tools for rule authors, the tests and the benchmarks, kept out of the app the browser loads.
//!
//! Takes checked rule sets from [`crate::engine`]; gives what the `rules` command-line tool, the
//! tests and the benchmarks need and the app does not:
//! - [`cases`]: case files (facts and answers in, expected evaluation out) and their runner;
//! - [`dump`]: a checked rule set as JSON;
//! - [`files`]: which files in a folder are rule files or case files, and loading them;
//! - [`synth`]: synthetic rule sets of any size, for benchmarks and property tests.
//!
//! Compiled natively only (and into the crate's own unit tests), so the wasm app never carries it.

pub mod cases;
pub mod dump;
pub mod files;
pub mod synth;
