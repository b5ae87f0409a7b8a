#!/usr/bin/env bash
# The browser benchmark (issue 11): app shell size, cold start, per-answer latency on the largest
# shipped rule set and on a generated 1,000-question rule set, and the same form in SurveyJS, in one
# run in headless Chromium. Prints every figure with its budget. Run on purpose; not part of
# scripts/test.sh. See docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

say "building the rules tool (and the release app if needed)"
cargo build --quiet --bin rules
# Rebuild the release app only when dist/ is missing or older than what it is built from.
if [ ! -f dist/index.html ] || [ -n "$(find src style rules index.html Cargo.toml Cargo.lock Trunk.toml tools -newer dist/index.html -print -quit)" ]; then
  trunk build --release >&2
fi
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  say "installing the benchmark's own npm packages (SurveyJS, pinned in bench/package-lock.json)"
  npm ci --prefix bench --no-audit --no-fund
fi
say "running the benchmark (about 5 minutes)"
node bench/run.mjs "$@"
