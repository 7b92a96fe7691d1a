#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Puts the licence's SPDX line at the top of every source file of ours that lacks it (under a #! line), or,
# with --check, lists the files that lack it and exits 1. Safe to run again (after a merge, say): a file whose
# line is in place is left alone, one whose line is lower down has it moved up.
#   scripts/spdx.sh [--check] [SOURCE_DIR]     (default: the repository this script is in)
# Source files are the ones git tracks or would track (not ignored): C++, CMake, shell and other #! scripts
# (.ci/run), YAML, .clang-format, sanitizer suppressions, manual pages. Not data: the fuzz seeds in tests/fuzz/<target>/.
# Exits 77 when SOURCE_DIR is not the top of a git work tree (nothing to list the files with).
set -eu

check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
dir=${1:-"$(dirname "$0")/.."}
cd "$dir"

spdx="SPDX-License-Identifier: GPL-3.0-or-later"

top=$(git rev-parse --show-toplevel 2>/dev/null || true)
if [ -z "$top" ] || [ "$(cd "$top" && pwd -P)" != "$(pwd -P)" ]; then
  echo "spdx: $(pwd) is not the top of a git work tree; no file list to check" >&2
  exit 77
fi

# The comment that starts the line in FILE, or nothing when FILE is not a source file of ours.
comment_of() {
  case "$1" in
    tests/fuzz/*/*) return 0 ;;
    *.cpp | *.h | *.hpp | *.cc) echo "//" ;;
    CMakeLists.txt | */CMakeLists.txt | *.cmake | *.sh | *.yml | *.yaml | .clang-format | *.supp) echo "#" ;;
    *.[1-8]) printf '%s\n' '.\"' ;;
    *) if head -c 2 "$1" 2>/dev/null | grep -q '^#!'; then echo "#"; fi ;;
  esac
}

# Whether FILE has LINE first, or second under a #! line.
in_place() {
  # The line goes through the environment: awk -v would read the backslash of a manual page's comment as an escape.
  want="$2" awk 'NR == 1 && /^#!/ { next } { found = ($0 == ENVIRON["want"]); exit } END { exit !found }' "$1"
}

list=$(mktemp)
trap 'rm -f "$list" "$list.new"' EXIT
git ls-files --cached --others --exclude-standard | sort -u > "$list"
lacking=""
count=0
while IFS= read -r f; do
  [ -f "$f" ] || continue
  c=$(comment_of "$f")
  [ -n "$c" ] || continue
  count=$((count + 1))
  line="$c $spdx"
  in_place "$f" "$line" && continue
  lacking="$lacking
  $f"
  [ "$check" = 1 ] && continue
  # The line goes first (under a #! line); a copy of it further down the first lines is dropped.
  line="$line" awk 'BEGIN { line = ENVIRON["line"] }
                   NR == 1 && /^#!/ { print; print line; next }
                   NR == 1 { print line }
                   NR <= 10 && $0 == line { next }
                   { print }
                   END { if (NR == 0) print line }' "$f" > "$list.new"
  cat "$list.new" > "$f"   # keeps the file's mode (scripts stay executable)
done < "$list"

if [ -z "$lacking" ]; then
  echo "spdx: all $count source files carry '$spdx'"
  exit 0
fi
if [ "$check" = 1 ]; then
  echo "spdx: these source files lack '$spdx' on their first line (scripts/spdx.sh adds it):$lacking"
  exit 1
fi
echo "spdx: added the line to:$lacking"
