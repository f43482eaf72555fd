#!/usr/bin/env bash
# Set up (idempotent) and start LiveComply. With no OBS on this PC it runs on the demo source.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"
exec .venv/bin/livecomply "$@"
