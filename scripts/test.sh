#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up (idempotent), lint, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen OMP_THREAD_LIMIT=1
.venv/bin/ruff check app ui tests tools bench
.venv/bin/python -m pytest "$@"
