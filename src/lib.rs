//! Case Assessor: case assessment rules and guidance as a static web app.
//!
//! [`engine`] is pure Rust and compiles everywhere; the web side (`ui`, `storage`) only for wasm32.
#![forbid(unsafe_code)]

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
