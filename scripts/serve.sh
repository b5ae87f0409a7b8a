#!/usr/bin/env bash
# Sets up whatever is missing, then builds and serves the app on http://127.0.0.1:8080/ and rebuilds
# on changes (reload the page yourself: no reload script is injected, so the strict CSP holds).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}" --no-autoreload --no-error-reporting
