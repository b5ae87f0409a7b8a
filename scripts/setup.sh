#!/usr/bin/env bash
# Installs whatever is missing to build and test Case Assessor, and nothing that is there already.
# Sourced by scripts/serve.sh and scripts/test.sh. Works on a fresh Debian 12 machine with the Rust
# toolchain (rustup), Node.js and npm; reaches package registries only (crates.io, npm, Debian).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

TRUNK_VERSION=0.21.14   # trunk 0.22 needs rustc >= 1.96.1
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Debian packages the tests use, installed in one step when any is missing: Chromium and ChromeDriver
# (end-to-end and wasm tests), Firefox ESR (the core end-to-end tests run in it too), pdftotext from
# poppler-utils (the print tests read the PDF's text), nginx (e2e/nginx.test.mjs runs the hosting
# guide's configuration, started and stopped by the test). A test that needs one fails without it.
APT_PACKAGES=()
command -v chromium >/dev/null || APT_PACKAGES+=(chromium)
command -v chromedriver >/dev/null || APT_PACKAGES+=(chromium-driver)
command -v firefox-esr >/dev/null || APT_PACKAGES+=(firefox-esr)
command -v pdftotext >/dev/null || APT_PACKAGES+=(poppler-utils)
[ -x /usr/sbin/nginx ] || APT_PACKAGES+=(nginx)
if [ ${#APT_PACKAGES[@]} -gt 0 ]; then
  say "installing ${APT_PACKAGES[*]} from Debian"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${APT_PACKAGES[@]}"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (govuk-frontend, sass, binaryen's wasm-opt, playwright-core, puppeteer-core, axe-core)"
  npm ci --no-audit --no-fund
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (takes about 7 minutes once)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes about 2 minutes once)"
  # no --locked: its lock file pins a webpki-roots version the registry mirror does not serve
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt 132 from the npm binaryen package must come before any other (Debian's 108 breaks the module).
export PATH="$PWD/node_modules/.bin:$PATH"
