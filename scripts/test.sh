#!/bin/sh
# Set up, build, and run every test (offscreen); prints ctest's summary.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --timeout 600 -j "$(nproc)"
