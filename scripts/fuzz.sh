#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes every reader: builds the libFuzzer targets (clang, ASan, UBSan) into build-fuzz/ and runs each for
# SECONDS (default 60), one after the other, seeded from tests/fuzz/<reader>/ plus the matching files of
# ../shared/samples (copied into a temporary corpus at run time, never into the repository).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [READER…]     e.g. scripts/fuzz.sh 600 archive junit
#
# Prints the executions of each target; on a crash, a hang or a leak it prints the reproducer's path (replay it
# with: build-fuzz/tests/fuzz/fuzz_<reader> <path>) and exits non-zero once every target has run.
# Inputs each target finds are kept in build-fuzz/fuzz-corpus/<reader>/, so later runs start where this one ended.
# Environment: TIDELINE_FUZZ_BUILD (the build folder), TIDELINE_SAMPLES (the samples folder).
set -eu
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
case $seconds in
  '' | *[!0-9]*) echo "fuzz.sh: SECONDS_PER_TARGET must be a whole number, not '$seconds'" >&2; exit 2 ;;
esac
build=${TIDELINE_FUZZ_BUILD:-build-fuzz}
samples=${TIDELINE_SAMPLES:-../shared/samples}

if [ ! -f "$build/build.ninja" ]; then
  command -v clang++ >/dev/null 2>&1 || { echo "fuzz.sh: clang++ is missing (scripts/setup.sh installs it)" >&2; exit 2; }
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTIDELINE_FUZZ=ON -DTIDELINE_BUILD_UI=OFF -DTIDELINE_BUILD_TESTS=OFF
fi
cmake --build "$build" --parallel "$(nproc)" --target fuzzers

if [ $# -gt 0 ]; then targets=$*; else targets=$(cat "$build/fuzzers.txt"); fi

# The sample files each reader reads (paths under the samples folder; globs).
samples_for() {
  case $1 in
    kubectl) echo "k8s/*.json" ;;
    kosli_snapshot) echo "kosli/*snapshot*.json" ;;
    dsse) echo "dsse/*.link dsse/*.layout* sigstore/*.json" ;;
    sigstore) echo "sigstore/*.json" ;;
    junit) echo "junit/*.xml" ;;
    sarif) echo "sarif/*.sarif sarif/*.sarif.json" ;;
    cyclonedx) echo "sbom/*.cdx.json sbom/vex/*.json" ;;
    spdx) echo "sbom/*.spdx.json" ;;
    cyclonedx_xml) echo "sbom/*.cdx.xml" ;;
    spdx_tag_value) echo "sbom/*.spdx" ;;
    osv) echo "osv/*.json" ;;
    kosli_trail) echo "kosli/trail-*.json" ;;
    flow_template) echo "kosli/*template*.yml kosli/flow-template-schema-v1.json" ;;
    policy) echo "kosli/*policy*.yml" ;;
    json) echo "k8s/*.json kosli/*.json sarif/*.sarif sbom/*.json sigstore/*.json" ;;
    filereader) echo "k8s/*.json kosli/* dsse/* junit/*.xml sarif/* sbom/* sigstore/*.json" ;;
    *) echo "" ;;
  esac
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tideline-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Samples larger than this would make every mutation slow; the readers' own seeds cover their shapes.
max_sample=262144
crashed=0
total_execs=0
printf '%-16s %12s %10s %8s  %s\n' reader executions exec/s corpus result
for t in $targets; do
  bin="$build/tests/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz.sh: no target fuzz_$t in $build" >&2; exit 2; }
  extra="$tmp/$t-samples"
  mkdir -p "$extra" "$build/fuzz-corpus/$t" "$build/fuzz-crashes/$t" "$build/fuzz-logs"
  if [ -d "$samples" ]; then
    for pattern in $(samples_for "$t"); do
      for f in "$samples"/$pattern; do
        [ -f "$f" ] || continue
        [ "$(wc -c <"$f")" -le $max_sample ] || continue
        cp "$f" "$extra/$(echo "${f#"$samples"/}" | tr '/' '_')"
      done
    done
    if [ "$t" = verify ]; then
      # One input holds a key and the evidence, split at a marker line.
      for key in "$samples"/dsse/*.pub; do
        for ev in "$samples"/dsse/*.link "$samples"/sigstore/*.json; do
          if [ ! -f "$key" ] || [ ! -f "$ev" ]; then continue; fi
          { cat "$key"; printf '\n--evidence--\n'; cat "$ev"; } >"$extra/$(basename "$key")-$(basename "$ev")"
        done
      done
    fi
  fi
  log="$build/fuzz-logs/$t.log"
  rc=0
  # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: bounds memory (and every single allocation).
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-crashes/$t/" "$build/fuzz-corpus/$t" "tests/fuzz/$t" "$extra" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  corpus=$(find "$build/fuzz-corpus/$t" -type f | wc -l)
  result=ok
  if [ "$rc" -ne 0 ]; then
    crashed=1
    reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    kind=$(grep -m 1 -o 'ERROR: [A-Za-z]*: [a-z-]*\|ERROR: libFuzzer: [a-z-]*\|runtime error: .*\|fuzz: .*' "$log" || true)
    result="FAILED (exit $rc) ${kind:-see $log}; reproducer: ${reproducer:-none written}"
  fi
  total_execs=$((total_execs + ${execs:-0}))
  printf '%-16s %12s %10s %8s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "$corpus" "$result"
done
echo "total executions: $total_execs (logs in $build/fuzz-logs/)"
[ "$crashed" -eq 0 ] || { echo "fuzz.sh: a target failed: reproducers are in $build/fuzz-crashes/" >&2; exit 1; }
