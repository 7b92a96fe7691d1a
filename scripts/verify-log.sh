#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rechecks a Tideline case's log with stock tools only (sqlite3, openssl, sha256sum, and jq for a pack), as
# README.md ("How it keeps the record") describes the scheme: every entry's hash chain, every signature and the
# key that made it, and, given an evidence pack, that the log head the pack recorded is still in the chain.
#
#   scripts/verify-log.sh CASE [PACK [SIGNER_SHA256]]     exit 0: it holds; 1: it does not
set -eu
[ $# -ge 1 ] || { echo "usage: $0 CASE [PACK [SIGNER_SHA256]]" >&2; exit 2; }
kase=$(realpath "$1")
pack=${2:+$(realpath "$2")}
expected=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
q() { sqlite3 -batch "$kase" "$1"; }
fail() { echo "DOES NOT HOLD: $*"; exit 1; }

# The keys that signed entries, as DER SubjectPublicKeyInfo files named by their sha256; each name is checked.
q "SELECT writefile(sha256 || '.der', spki) FROM log_keys" >/dev/null
for k in *.der; do
  [ -e "$k" ] || break
  [ "$(sha256sum <"$k" | cut -c1-64).der" = "$k" ] || fail "log_keys: $k is not the key its sha256 says"
done

# Each entry's bytes, which its hash and its signatures cover: "tideline-log-v1", the hash before it (64 zeros
# for the first), the time in ms, actor, action and detail, each followed by a newline.
q "SELECT writefile(id || '.msg', CAST('tideline-log-v1' || char(10) || lag(hash, 1, hex(zeroblob(32))) OVER (ORDER BY id)
   || char(10) || at || char(10) || actor || char(10) || action || char(10) || detail || char(10) AS BLOB)) FROM log" >/dev/null
# The chain: every stored hash is the sha256 of its entry's bytes, which hold the hash before it.
q "SELECT hash || '  ' || id || '.msg' FROM log" | sha256sum -c --quiet || fail "the hash chain is broken"

# The signatures. Every entry names the log key it was written under (signer); the last entry of each transaction
# carries that key's signature, which seals it and the entries of that key back to the one signed before (the hash
# before it chains them). So every run of entries under one key must end in a signature. A reviewer's own
# signature (cosignature, by cosigner) is over its entry alone.
[ "$(q "SELECT count(*) FROM log WHERE (signature IS NOT NULL AND signer IS NULL) OR (cosignature IS NULL) <> (cosigner IS NULL)
        OR signer NOT IN (SELECT sha256 FROM log_keys) OR cosigner NOT IN (SELECT sha256 FROM log_keys)")" = 0 ] \
  || fail "an entry's signature and its key do not go together"
[ "$(q "SELECT count(*) FROM (SELECT signer, signature, lead(signer) OVER (ORDER BY id) AS next FROM log)
        WHERE signer IS NOT NULL AND signature IS NULL AND next IS NOT signer")" = 0 ] \
  || fail "entries written under a log key are not sealed by its signature: a signature was removed"
# A decision that names its reviewer's key must carry that key's signature, and only then.
[ "$(q "SELECT count(*) FROM log WHERE action = 'review' AND json_extract(detail, '\$.reviewer_key') IS NOT cosigner")" = 0 ] \
  || fail "a decision's reviewer_key and its cosignature do not match"
q "SELECT writefile(id || '.sig', signature) FROM log WHERE signature IS NOT NULL" >/dev/null
q "SELECT writefile(id || '.cosig', cosignature) FROM log WHERE cosignature IS NOT NULL" >/dev/null
q "SELECT log.id, 'sig', signer, algorithm FROM log JOIN log_keys ON log_keys.sha256 = log.signer WHERE signature IS NOT NULL
   UNION ALL SELECT log.id, 'cosig', cosigner, algorithm FROM log JOIN log_keys ON log_keys.sha256 = log.cosigner" >signed.txt
while IFS='|' read -r id kind key algorithm; do
  case $algorithm in
    ed25519) digest= ;;                      # Ed25519 signs the bytes themselves
    ecdsa-p256-sha256) digest="-digest sha256" ;;
    ecdsa-p384-sha384) digest="-digest sha384" ;;
    *) fail "entry $id: a key of unknown kind $algorithm" ;;
  esac
  # shellcheck disable=SC2086
  openssl pkeyutl -verify -pubin -keyform DER -inkey "$key.der" -rawin $digest -in "$id.msg" -sigfile "$id.$kind" >/dev/null \
    || fail "entry $id: its $kind by the key $key does not verify"
done <signed.txt
echo "log: $(q "SELECT count(*) FROM log") entries, chain and signatures hold; unsigned entries: $(q "SELECT count(*) FROM log WHERE signer IS NULL")"
q "SELECT '  sealed by ' || signer || ': ' || count(*) || ' entries, ' || count(signature) || ' signatures' FROM log WHERE signer IS NOT NULL GROUP BY signer ORDER BY signer"

[ -n "$pack" ] || exit 0
# The pack: its files, its signature, and who made it (see README.md, Evidence packs).
(cd "$pack" && sha256sum -c --quiet SHA256SUMS) || fail "the pack's files do not match SHA256SUMS"
signer=$(openssl pkey -pubin -in "$pack/signer.pub" -outform DER | sha256sum | cut -c1-64)
case $(jq -r '.signature_algorithm // "ed25519"' "$pack/manifest.json") in
  ed25519) digest= ;;
  ecdsa-p256-sha256) digest="-digest sha256" ;;
  ecdsa-p384-sha384) digest="-digest sha384" ;;
  *) fail "the pack's signature is of an unknown kind" ;;
esac
# shellcheck disable=SC2086
openssl pkeyutl -verify -pubin -inkey "$pack/signer.pub" -rawin $digest -in "$pack/manifest.json" -sigfile "$pack/manifest.sig" >/dev/null \
  || fail "the pack's manifest.sig does not verify"
[ "$(jq -r .signer_fingerprint "$pack/manifest.json")" = "$signer" ] || fail "the pack's manifest names another signer"
[ "$(jq -r .case_id "$pack/manifest.json")" = "$(q "SELECT value FROM meta WHERE key = 'case_id'")" ] || fail "the pack is of another case"
if [ -n "$expected" ]; then
  [ "$signer" = "$expected" ] || fail "the pack is signed by $signer, not by the expected $expected"
else
  echo "pack: signed by $signer (unpinned: compare it with the one you were given)"
fi
# The head it recorded: the same hash at the same place in the chain checked above.
n=$(jq -r '.log.entries' "$pack/manifest.json")
head=$(jq -r '.log.head' "$pack/manifest.json")
if [ "$n" -gt 0 ]; then
  [ "$(q "SELECT hash FROM log ORDER BY id LIMIT 1 OFFSET $((n - 1))")" = "$head" ] \
    || fail "the log head the pack recorded (entry $n, $head) is no longer in the chain"
fi
# The same entries up to it, signed by the same keys as often as the pack counted.
q "SELECT signer || ' ' || count(*) FROM (SELECT signer FROM log ORDER BY id LIMIT $n) WHERE signer IS NOT NULL GROUP BY signer ORDER BY signer" >now.txt
jq -r '.log.signers | sort_by(.sha256)[] | "\(.sha256) \(.entries)"' "$pack/manifest.json" >then.txt
cmp -s now.txt then.txt || fail "the entries up to the pack's head are not signed as the pack says"
echo "pack: the log head it recorded, entry $n ($head), is still in the chain, signed as it says"
