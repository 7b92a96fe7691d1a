#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the engine, the command line and their tests with AddressSanitizer and UndefinedBehaviorSanitizer
# (clang) into build-asan/ and runs the tests; any report fails its test.
#
#   scripts/sanitize.sh            the engine's tests (what the sanitizers are for)
#   TIDELINE_SANITIZE_UI=1 ...     the window's tests too (a second, slower build of Qt Widgets code)
#   TIDELINE_ASAN_BUILD=DIR ...    another build folder; with TIDELINE_ASAN_FUZZ=1 it is configured for
#                                  libFuzzer as well, so that scripts/fuzz.sh can use the same folder (CI does).
set -eu
cd "$(dirname "$0")/.."

build=${TIDELINE_ASAN_BUILD:-build-asan}
ui=OFF
[ "${TIDELINE_SANITIZE_UI:-0}" = 1 ] && ui=ON
fuzz=OFF
[ "${TIDELINE_ASAN_FUZZ:-0}" = 1 ] && fuzz=ON

if [ ! -f "$build/build.ninja" ]; then
  command -v clang++ >/dev/null 2>&1 || { echo "sanitize.sh: clang++ is missing (scripts/setup.sh installs it)" >&2; exit 2; }
  # A unity build (sources compiled in batches): this folder is built from scratch far more often than edited.
  # The window's code is not built that way (nothing checks that it compiles in batches).
  unity=ON
  [ "$ui" = ON ] && unity=OFF
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD="$unity" \
    -DTIDELINE_SANITIZE=ON -DTIDELINE_FUZZ="$fuzz" -DTIDELINE_BUILD_UI="$ui" -DTIDELINE_BUILD_TESTS=ON
fi
cmake --build "$build" --parallel "$(nproc)"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" --output-on-failure --timeout 900 -j "$(nproc)"
