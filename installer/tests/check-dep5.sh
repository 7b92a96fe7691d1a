#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that FILE is a copyright file in Debian's machine-readable format 1.0 (DEP-5), as far as its structure
# goes: a header paragraph with Format, then Files paragraphs (Files, Copyright, License) and stand-alone License
# paragraphs; fields are "Name: value" with continuation lines indented; every licence a Files paragraph names
# without its text is given in exactly one stand-alone License paragraph. Prints what is wrong and exits 1.
#   check-dep5.sh FILE
set -eu
awk '
function fail(msg) { print FILENAME ":" NR ": " msg; bad = 1 }
function endParagraph() {
  if (!inPara) return
  inPara = 0
  n++
  if (n == 1) {
    if (field["Format"] != "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")
      fail("the header paragraph has no Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")
  } else if ("Files" in field) {
    if (!("Copyright" in field)) fail("the Files paragraph \"" field["Files"] "\" has no Copyright")
    if (!("License" in field)) fail("the Files paragraph \"" field["Files"] "\" has no License")
    else if (!licenceBody) {
      # "A and B", "A or B": each named licence needs its text somewhere.
      # Short names are case-insensitive; "A, and B or C" groups with commas.
      names = tolower(field["License"])
      gsub(/,/, "", names)
      gsub(/ (and|or) /, "\n", names)
      k = split(names, list, "\n")
      for (i = 1; i <= k; i++) used[list[i]] = NR
    }
  } else if ("License" in field) {
    if (!licenceBody) fail("the stand-alone License paragraph " field["License"] " has no text")
    if (tolower(field["License"]) in defined) fail("the licence " field["License"] " is given twice")
    defined[tolower(field["License"])] = NR
  } else {
    fail("a paragraph that is neither Files nor License")
  }
  delete field
  last = ""
  licenceBody = 0
}
/^#/ { next }   # a comment line, as in every deb822 file
/^[ \t]*$/ { endParagraph(); next }
/^[ \t]/ {
  if (!inPara || last == "") fail("a continuation line outside a field")
  if (last == "License") licenceBody = 1
  next
}
/^[A-Za-z][A-Za-z0-9-]*:/ {
  inPara = 1
  name = $0; sub(/:.*/, "", name)
  value = $0; sub(/^[^:]*:[ \t]*/, "", value)
  if (name in field) fail("the field " name " twice in one paragraph")
  field[name] = value
  last = name
  next
}
{ fail("not a field: " $0) }
END {
  endParagraph()
  if (n < 2) fail("fewer than a header and one Files paragraph")
  for (l in used) if (!(l in defined)) { print FILENAME ": the licence " l " is named but its text is nowhere"; bad = 1 }
  exit bad
}' "$1"
