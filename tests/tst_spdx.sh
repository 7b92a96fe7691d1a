#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file of the tree carries the licence's SPDX line (scripts/spdx.sh --check), and the check itself
# tells a file that lacks it from one that has it: on a repository made here, it names exactly the files without
# the line, the fix adds it (under a #! line, keeping a script executable) and running the fix again changes nothing.
# Run by ctest as tst_spdx; exits 77 (skipped) when the tree is not a git work tree.
set -eu
export LC_ALL=C
src=$(cd "$1" && pwd)
spdx="$src/scripts/spdx.sh"

fail() { echo "FAIL: $*"; exit 1; }

# The tree as it is.
set +e
"$spdx" --check "$src"
rc=$?
set -e
[ "$rc" = 77 ] && exit 77
[ "$rc" = 0 ] || fail "source files lack the SPDX line (above); run scripts/spdx.sh"

# The check on a repository of known files.
command -v git >/dev/null || fail "no git"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
mkdir -p "$repo/src" "$repo/tests/fuzz/json" "$repo/scripts"
git -C "$repo" init -q
printf '// SPDX-License-Identifier: GPL-3.0-or-later\n#pragma once\n' > "$repo/src/good.h"
printf '#include "good.h"\nint main() { return 0; }\n' > "$repo/src/bad.cpp"
printf '#!/bin/sh\necho hello\n' > "$repo/scripts/tool.sh"
chmod +x "$repo/scripts/tool.sh"
printf '#!/bin/sh\n# SPDX-License-Identifier: GPL-3.0-or-later\necho ok\n' > "$repo/scripts/ok.sh"
printf 'cmake_minimum_required(VERSION 3.22)\n' > "$repo/CMakeLists.txt"
printf '#!/bin/sh\nexec true\n' > "$repo/run"
printf 'key: value\n' > "$repo/config.yml"
printf '# A comment first\n// SPDX-License-Identifier: GPL-3.0-or-later\nint x;\n' > "$repo/src/late.cpp"
printf '.TH TOOL 1\n' > "$repo/tool.1"
printf '{"seed": true}\n' > "$repo/tests/fuzz/json/seed.json"
printf 'policy: 1\n' > "$repo/tests/fuzz/json/seed.yml"
printf 'int ignored;\n' > "$repo/src/ignored.cpp"
printf 'src/ignored.cpp\n' > "$repo/.gitignore"
printf '# Notes\n' > "$repo/README.md"
# Some tracked, some only present: both are checked.
git -C "$repo" add src/good.h src/bad.cpp scripts/tool.sh CMakeLists.txt tests/fuzz/json/seed.json

set +e
out=$("$spdx" --check "$repo")
rc=$?
set -e
echo "$out"
[ "$rc" = 1 ] || fail "--check exited $rc on files without the line"
listed=$(echo "$out" | sed -n 's/^  //p' | sort | tr '\n' ' ')
[ "$listed" = "CMakeLists.txt config.yml run scripts/tool.sh src/bad.cpp src/late.cpp tool.1 " ] || fail "--check listed: $listed"

"$spdx" "$repo" >/dev/null
"$spdx" --check "$repo" >/dev/null || fail "the fix left files without the line"
[ "$(sed -n 1p "$repo/src/bad.cpp")" = "// SPDX-License-Identifier: GPL-3.0-or-later" ] || fail "bad.cpp line 1: $(sed -n 1p "$repo/src/bad.cpp")"
[ "$(sed -n 2p "$repo/src/bad.cpp")" = '#include "good.h"' ] || fail "bad.cpp lost its first line"
[ "$(sed -n 1p "$repo/scripts/tool.sh")" = "#!/bin/sh" ] || fail "tool.sh lost its #! line"
[ "$(sed -n 2p "$repo/scripts/tool.sh")" = "# SPDX-License-Identifier: GPL-3.0-or-later" ] || fail "tool.sh line 2: $(sed -n 2p "$repo/scripts/tool.sh")"
[ -x "$repo/scripts/tool.sh" ] || fail "tool.sh is no longer executable"
[ "$(sed -n 1p "$repo/tool.1")" = '.\" SPDX-License-Identifier: GPL-3.0-or-later' ] || fail "tool.1 line 1: $(sed -n 1p "$repo/tool.1")"
[ "$(grep -c SPDX "$repo/src/late.cpp")" = 1 ] || fail "late.cpp has the line $(grep -c SPDX "$repo/src/late.cpp") times"
[ "$(sed -n 2p "$repo/src/late.cpp")" = "# A comment first" ] || fail "late.cpp line 2: $(sed -n 2p "$repo/src/late.cpp")"
for f in tests/fuzz/json/seed.json tests/fuzz/json/seed.yml src/ignored.cpp README.md; do
  grep -q SPDX "$repo/$f" && fail "$f is not ours to mark, but got the line"
done

before=$(cd "$repo" && cksum src/*.cpp src/*.h scripts/*.sh CMakeLists.txt run config.yml tool.1)
"$spdx" "$repo" >/dev/null
after=$(cd "$repo" && cksum src/*.cpp src/*.h scripts/*.sh CMakeLists.txt run config.yml tool.1)
[ "$before" = "$after" ] || fail "running the fix again changed files"

# A folder that is not the top of a work tree is skipped, not passed.
mkdir -p "$work/plain"
set +e
"$spdx" --check "$work/plain" 2>/dev/null
rc=$?
"$spdx" --check "$repo/src" 2>/dev/null
rc2=$?
set -e
[ "$rc" = 77 ] && [ "$rc2" = 77 ] || fail "--check exited $rc and $rc2 outside the top of a work tree"
echo "tst_spdx: the tree carries the line; the check names exactly the files without it, and the fix adds it once"
