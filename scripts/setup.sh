#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs every Debian 12 package Tideline needs to build, test and run.
# Safe to run again; uses sudo when not root.
set -eu

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

PACKAGES="
  build-essential cmake ninja-build ccache pkg-config git file
  clang libclang-rt-14-dev
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql postgresql libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
  libgl-dev libxkbcommon-dev
  libssl-dev libyaml-cpp-dev libarchive-dev libsimdjson-dev libzstd-dev libsqlite3-dev zlib1g-dev
  fonts-dejavu-core
  poppler-utils openssl jq sqlite3 xauth xvfb
  dpkg-dev fakeroot lintian man-db
"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

if [ -n "$missing" ]; then
  echo "setup: installing$missing"
  $SUDO apt-get update
  # shellcheck disable=SC2086
  $SUDO apt-get install -y --no-install-recommends $missing
else
  echo "setup: all packages present"
fi
