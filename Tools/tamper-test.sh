#!/usr/bin/env bash
# Tamper test (issue 8): edits the sighting log behind Selat's back with the sqlite3 shell — a
# position changed, a row deleted, two rows swapped, the last row cut, a row inserted — and checks
# that `selat verify` fails and names the record each time, and that an untouched copy verifies.
# Issue 16 adds the columns searches and displays rely on: the spatial key (cell: an edit hides a
# sighting from --near/--bbox), the UTC offset as entered, the plausibility flags, and the case list
# (which sightings a case's evidence bundle holds).
# Usage: Tools/tamper-test.sh [path/to/selat]   (default: builds and uses the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
SELAT=${1:-}
if [ -z "$SELAT" ]; then swift build -c release --product selat >/dev/null; SELAT=.build/release/selat; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$SELAT" demo --out "$work/demo" --count 2000 --days 30 --no-png >/dev/null
db="$work/demo/selat.sqlite"
# A case of three sightings: which sightings a case holds decides what its evidence bundle holds.
ids=$(sqlite3 "$db" "SELECT id FROM sighting ORDER BY seq LIMIT 3" | tr '\n' ' ')
# shellcheck disable=SC2086
"$SELAT" evidence case add --db "$db" "LP/1/XII/2026" $ids >/dev/null
pass=0; fail=0
check() {  # name, sql, expected text in the message
  cp "$db" "$work/t.sqlite"; rm -f "$work/t.sqlite-wal" "$work/t.sqlite-shm"
  [ -n "$2" ] && sqlite3 "$work/t.sqlite" "$2"
  if out=$("$SELAT" verify --db "$work/t.sqlite" 2>&1); then status=0; else status=$?; fi
  if { [ -z "$3" ] && [ $status -eq 0 ]; } || { [ -n "$3" ] && [ $status -eq 1 ] && grep -q -- "$3" <<<"$out"; }; then
    pass=$((pass + 1)); printf 'ok    %-10s %s\n' "$1" "$(head -c 160 <<<"$out" | head -1)"
  else
    fail=$((fail + 1)); printf 'FAIL  %-10s exit %s: %s\n' "$1" "$status" "$out"
  fi
}
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
check untouched "" ""
check edit "UPDATE sighting SET lat = lat + 0.01 WHERE seq = 500" "record #500 .*edited outside Selat"
check delete "DELETE FROM sighting WHERE seq = 900" "no record #900"
check swap "UPDATE sighting SET seq = -1 WHERE seq = 1200; UPDATE sighting SET seq = 1200 WHERE seq = 1201; UPDATE sighting SET seq = 1201 WHERE seq = -1" "record #1200 .*out of order"
check cut "DELETE FROM sighting WHERE seq = 2000" "records after #1999 were deleted"
check insert "INSERT INTO sighting (id, observed_at, lat, lon, cell, vessel_type, activity, content_sha256, created_at) SELECT 'forged-1', observed_at, lat, lon, cell, vessel_type, activity, content_sha256, created_at FROM sighting WHERE seq = 5" "forged-1.*inserted outside Selat"
check cell "UPDATE sighting SET cell = 0 WHERE seq = 700" "record #700 .*spatial key"
check offset "UPDATE sighting SET observed_offset_min = 0 WHERE seq = 800" "record #800 .*UTC offset"
check flag "UPDATE sighting SET inland_water = 1 WHERE seq = 1500" "record #1500 .*edited outside Selat"
check seal "UPDATE sighting SET seal_sha256 = NULL WHERE seq = 1600" "record #1600 .*no seal"
check case-del "DELETE FROM evidence_case WHERE seq = 2" "case list is missing entry #2"
check case-edit "UPDATE evidence_case SET sighting_id = (SELECT id FROM sighting WHERE seq = 9) WHERE seq = 3" "case list entry #3 .*edited outside Selat"
check case-cut "DELETE FROM evidence_case WHERE seq = 3" "entries were deleted outside Selat"
check case-add "INSERT INTO evidence_case (name, sighting_id, added_at) SELECT 'LP/1/XII/2026', id, 0 FROM sighting WHERE seq = 10" "inserted outside Selat"
echo "tamper test: $pass passed, $fail failed"
[ $fail -eq 0 ]
