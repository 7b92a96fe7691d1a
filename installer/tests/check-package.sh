#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package, runs lintian on it, checks its documentation (copyright, changelog, manual page),
# unpacks it into a temporary root (dpkg -x) and runs the unpacked binary: --version, help, and the headless
# demo. Run by ctest as tst_package.
set -eu
build="$1"
version="$2"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$build"
rm -f tideline_*.deb
cpack -G DEB >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls tideline_*.deb)
echo "built $deb"
# lintian, as Debian would run it on a package: no error and no warning (the README says which it still reports).
command -v lintian >/dev/null || { echo "lintian is not installed (scripts/setup.sh installs it)"; exit 1; }
if ! lintian --fail-on error,warning --display-info "$deb" >"$work/lintian.log" 2>&1; then
  echo "lintian fails the package:"; grep -v 'root privileges' "$work/lintian.log"; exit 1
fi
echo "lintian: no error, no warning; $(grep -c '^I:' "$work/lintian.log" || true) info tag(s):"
grep '^[EWIPX]:' "$work/lintian.log" || true
dpkg-deb -I "$deb" | grep -E '^ (Package|Version|Depends):'
dpkg-deb -I "$deb" | grep -q "^ Version: $version" || { echo "package version is not $version"; exit 1; }
for dep in libqt6core6 libssl3 libqt6sql6-sqlite; do
  dpkg-deb -I "$deb" | grep -q "$dep" || { echo "Depends lacks $dep"; exit 1; }
done

dpkg -x "$deb" "$work/root"
for f in usr/bin/tideline usr/share/applications/io.github.tideline.Tideline.desktop usr/share/metainfo/io.github.tideline.Tideline.metainfo.xml \
  usr/share/icons/hicolor/scalable/apps/tideline.svg usr/share/mime/packages/tideline.xml; do
  [ -e "$work/root/$f" ] || { echo "missing from the package: $f"; exit 1; }
done
# The icon in the hicolor sizes, each a PNG of its size.
for size in 16 32 48 64 128 256; do
  png="$work/root/usr/share/icons/hicolor/${size}x${size}/apps/tideline.png"
  [ -s "$png" ] || { echo "missing from the package: icon ${size}x${size}"; exit 1; }
  head -c 24 "$png" | od -An -tx1 | tr -d ' \n' | grep -q "^89504e470d0a1a0a" || { echo "icon ${size}x${size} is not a PNG"; exit 1; }
  dims=$(head -c 24 "$png" | tail -c 8 | od -An -tu1 | tr -s ' ' | sed 's/^ //')
  [ "$dims" = "$(printf '0 0 %d %d 0 0 %d %d' $((size / 256)) $((size % 256)) $((size / 256)) $((size % 256)))" ] || { echo "icon ${size}x${size} is $dims"; exit 1; }
done
# The documentation Debian's policy asks for: the copyright file in the machine-readable format, our licence for
# every file (pointing to Debian's copy of the GPL, not carrying another), and the changelog of this version,
# compressed without a timestamp.
doc="$work/root/usr/share/doc/tideline"
"$here/check-dep5.sh" "$doc/copyright" || { echo "the copyright file is not in the machine-readable format"; exit 1; }
awk '/^Files: \*$/ { p = 1 } p && /^License:/ { print; exit }' "$doc/copyright" | grep -qx 'License: GPL-3+' \
  || { echo "the copyright file's Files: * is not GPL-3+"; exit 1; }
grep -q '/usr/share/common-licenses/GPL-3' "$doc/copyright" || { echo "the copyright file does not point to the GPL-3's text"; exit 1; }
[ ! -e "$doc/LICENSE" ] || { echo "the package carries LICENSE beside its copyright file"; exit 1; }
gzip -t "$doc/changelog.gz" || { echo "changelog.gz is not gzip"; exit 1; }
[ "$(od -An -tu1 -j4 -N4 "$doc/changelog.gz" | tr -s ' ')" = " 0 0 0 0" ] || { echo "changelog.gz carries a timestamp"; exit 1; }
zcat "$doc/changelog.gz" > "$work/changelog"
[ "$(dpkg-parsechangelog -l "$work/changelog" -S Version)" = "$version" ] || { echo "the changelog's latest entry is not $version"; exit 1; }
# The manual page: man reads it without a warning, and it describes every command --help lists.
man1="$work/root/usr/share/man/man1/tideline.1.gz"
[ -s "$man1" ] || { echo "missing from the package: the manual page"; exit 1; }
warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$man1" 2>&1 >/dev/null)
[ -z "$warnings" ] || { echo "man warns about the manual page: $warnings"; exit 1; }
zcat "$man1" | grep -q "^\.TH TIDELINE 1 .*\"tideline $version\"" || { echo "the manual page is not of version $version"; exit 1; }
# The desktop entry names an icon the package ships and a file type it declares.
grep -q '^Icon=tideline$' "$work/root/usr/share/applications/io.github.tideline.Tideline.desktop" || { echo "desktop entry names another icon"; exit 1; }
grep -q 'application/x-tideline-case' "$work/root/usr/share/mime/packages/tideline.xml" || { echo "mime type missing"; exit 1; }
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$work/root/usr/share/applications/io.github.tideline.Tideline.desktop"
fi
bin="$work/root/usr/bin/tideline"
"$bin" --version | grep -q "tideline $version" || { echo "--version does not say $version"; exit 1; }
"$bin" --version | grep -q "GPL-3.0-or-later" || { echo "--version does not name the licence"; exit 1; }
"$bin" help import | grep -q "Usage: tideline import" || { echo "help import failed"; exit 1; }
commands=$("$bin" --help | awk '/^Commands:/ { p = 1; next } p && /^  [a-z]/ { print $1 } p && /^$/ { exit }')
[ -n "$commands" ] || { echo "--help lists no command"; exit 1; }
for c in $commands; do
  zcat "$man1" | grep -qx "\.B $c" || { echo "the manual page does not describe the command $c"; exit 1; }
done

# The headless demo, as on a machine without a display.
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM HOME="$work/home" XDG_DATA_HOME="$work/home/data" \
  TIDELINE_EXPORT_KEY="$work/home/key.pem" "$bin" --demo >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
grep -q "imported into" "$work/demo.log" || { cat "$work/demo.log"; exit 1; }
# ... which also writes the demo's evidence pack, PDF included, drawn offscreen with the built-in fonts.
pack="$work/home/data/tideline/demo/pack"
grep -q "Evidence pack: $pack" "$work/demo.log" || { cat "$work/demo.log"; exit 1; }
[ -s "$pack/pack.pdf" ] || { echo "the demo pack has no PDF"; exit 1; }
"$bin" verify-pack "$pack" || { echo "the demo pack does not verify"; exit 1; }
# Every font the pack embeds is named in the copyright file, with a licence whose text it gives.
fonts=$(pdffonts "$pack/pack.pdf" | awk 'NR > 2 && $(NF-4) == "yes" { n = $1; sub(/^[A-Z]{6}\+/, "", n); print n }' | sort -u)
[ -n "$fonts" ] || { echo "the demo pack embeds no font"; exit 1; }
for font in $fonts; do
  grep -E "^Files:.* $font\.ttf( |$)" "$doc/copyright" >/dev/null || { echo "the pack embeds $font, which the copyright file does not name"; exit 1; }
done
echo "the pack's fonts, each named in the copyright file: $(echo $fonts)"
echo "the unpacked package runs: --version, help, headless demo and its evidence pack"
