#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job: set up, build, and open the window on the demo case. Without a display it runs the
# headless demo instead (generate the demo bundle, import it, write what the case holds) and exits 0.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
exec ./build/app/tideline --demo "$@"
