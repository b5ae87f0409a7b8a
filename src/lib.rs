//! Case Assessor: case assessment rules and guidance as a static web app.
//!
//! [`engine`] is pure Rust and compiles everywhere; so does [`storage`]'s policy, tested natively over
//! an in-memory store. The web side (`ui`, and storage's browser store) compiles only for wasm32;
//! `authoring` (the rule authors' tools) only natively.
#![forbid(unsafe_code)]

pub mod engine;

/// Tools for rule authors, tests and benchmarks (case files, dumps, synthetic rule sets): native
/// only, never part of the app the browser loads (wasm unit tests may use them).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub mod authoring;

pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
