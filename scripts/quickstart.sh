#!/usr/bin/env bash
# Quickstart: installs what is missing, builds crossclaim (Release), and runs the main job,
# `crossclaim report`, on the bundled demo event (datasets/events/2025-01-21-putin-xi-call).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCROSSCLAIM_BUILD_TESTS=OFF -DCROSSCLAIM_BUILD_BENCH=OFF >/dev/null
cmake --build build --target crossclaim
./build/cli/crossclaim report -o out/demo
