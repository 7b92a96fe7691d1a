#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Set up, build, and run every test (offscreen); then harden: the engine's tests again under AddressSanitizer
# and UndefinedBehaviorSanitizer, and every fuzz target for a few seconds (TIDELINE_FUZZ_SECONDS, default 6).
# One clang build (build-fuzz/) serves both hardening stages. TIDELINE_HARDENING=0 runs the first stage only.
# Prints how long each stage took.
set -eu
cd "$(dirname "$0")/.."

began=$(date +%s)
last=$began
stages=""
lap() {
  now=$(date +%s)
  stages="$stages$(printf '  %-34s %4ds' "$1" $((now - last)))
"
  last=$now
}

./scripts/setup.sh
lap "set up"
./scripts/build.sh
lap "build"
export QT_QPA_PLATFORM=offscreen
# ctest's output is kept so that its summary can be printed again as the last lines.
{ if ctest --test-dir build --output-on-failure --timeout 600 -j "$(nproc)"; then rc=0; else rc=$?; fi
  echo "$rc" > build/ctest.rc; } 2>&1 | tee build/ctest.log
rc=$(cat build/ctest.rc)
[ "$rc" = 0 ] || exit "$rc"
lap "tests"

if [ "${TIDELINE_HARDENING:-1}" != 0 ]; then
  TIDELINE_ASAN_BUILD=build-fuzz TIDELINE_ASAN_FUZZ=1 ./scripts/sanitize.sh
  lap "ASan/UBSan build and engine tests"
  ./scripts/fuzz.sh "${TIDELINE_FUZZ_SECONDS:-6}"
  lap "fuzz targets"
fi
printf 'stages:\n%s  %-34s %4ds\n' "$stages" total $(($(date +%s) - began))
echo "ctest (offscreen, build/):"
grep -E "tests passed|tests failed|Total Test time" build/ctest.log
