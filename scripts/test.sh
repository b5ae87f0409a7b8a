#!/usr/bin/env bash
# Sets up whatever is missing, then runs every test: native engine tests (every case file of the rule
# sets included) and lints, the rule sets' checks, the release build, wasm tests in headless Chromium,
# end-to-end tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

step() { local name=$1; shift; local t0=$SECONDS; say "$name"; "$@"; say "$name: $((SECONDS - t0)) s"; }

step "format"            cargo fmt --check
step "lint (native)"     cargo clippy --all-targets --quiet -- -D warnings
step "lint (wasm)"       cargo clippy --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings
step "native tests"      cargo test --quiet
step "rule sets: check"  cargo run --quiet --bin rules -- check rules/
step "release build"     trunk build --release
step "app shell size"    node scripts/size.mjs
step "wasm tests"        cargo test --target wasm32-unknown-unknown
step "end-to-end tests"  node --test e2e/
