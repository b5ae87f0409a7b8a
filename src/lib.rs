//! Case Assessor: case assessment rules and guidance as a static web app.
//!
//! [`engine`] is pure Rust and compiles everywhere; so does [`storage`]'s policy, tested natively over
//! an in-memory store. The web side (`ui`, and storage's browser store) compiles only for wasm32.
#![forbid(unsafe_code)]

pub mod engine;

pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
