//! Entry point of the web app: mounts the UI. Built for wasm32 by Trunk.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    case_assessor::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("case-assessor is the web app: build it with `trunk build` (see README.md).");
    eprintln!("For rule authors: cargo run --bin rules -- check rules/");
}
