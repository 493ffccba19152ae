#!/usr/bin/env bash
# Concurrent loggers: P processes each log N sightings with `selat sighting add`, one after
# another, while `selat sighting import` loads a file into the same new database. Passes when the
# log ends with exactly P×N + the file's rows, every command exited 0, no error (no "database is
# locked") was shown, SQLite's integrity check is ok and the chain verifies.
#
# Beside the writers, `selat verify` runs in a loop (issue 16): every run that ends before a real
# edit is made must pass (0 false alarms, although records are added all the time), and every run
# that starts after the edit must name the edited record. The edit (made with the sqlite3 shell
# once the import has finished, undone after the loggers have finished) is a changed person
# count of the first record.
#
#   Tools/concurrency-test.sh [--selat BIN] [--loggers P] [--adds N] [--import-rows R]
#
# Defaults: 4 loggers × 2,000 adds and a 100,000-row import (a bulk load: indexes dropped and
# rebuilt while the loggers write), the release build of selat (built if BIN is not given).
# The tests run a smaller version with the debug build. Needs python3 and the sqlite3 shell.
set -euo pipefail
cd "$(dirname "$0")/.."
selat="" loggers=4 adds=2000 rows=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --selat) selat=$2; shift 2 ;;
    --loggers) loggers=$2; shift 2 ;;
    --adds) adds=$2; shift 2 ;;
    --import-rows) rows=$2; shift 2 ;;
    *) echo "unknown option $1; see the top of $0"; exit 2 ;;
  esac
done
if [ -z "$selat" ]; then
  swift build -c release --product selat >/dev/null
  selat="$(swift build -c release --show-bin-path)/selat"
fi
command -v sqlite3 >/dev/null || { echo "concurrency test: needs the sqlite3 shell (apt-get install sqlite3)"; exit 2; }
work=$(mktemp -d)
# Whatever ends the script, its background writers and the verify loop end with it (an orphaned
# loop would hold the caller's pipe open for ever).
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
python3 Tools/make-sightings.py --rows "$rows" --seed 11 --prefix IMP > "$work/in.csv"
export SELAT_DB="$work/log.sqlite"   # not created yet: the first of them creates it

logger() {
  local p=$1 i failures=0
  for ((i = 0; i < adds; i++)); do
    # A distinct time and position per sighting, at sea.
    local minute=$((i % 60)) hour=$(((i / 60) % 24)) day=$((1 + (i / 1440) % 28))
    # Latitude 1.55 + 0.15 p + 0.00007 (i mod 1500), longitude 104.95 + 0.0002 i, in 1e-5 degrees.
    local lat=$((155000 + 15000 * p + 7 * (i % 1500))) lon=$((10495000 + 20 * i))
    if ! "$selat" sighting add --time "$(printf '2026-09-%02dT%02d:%02d+07:00' "$day" "$hour" "$minute")" \
         --position "${lat:0:-5}.${lat: -5} ${lon:0:-5}.${lon: -5}" --vessel-type speedboat --activity smuggling --persons $((i % 9 + 1)) \
         --unit "LOGGER-$p" >>"$work/out-$p.txt" 2>>"$work/err-$p.txt"; then
      failures=$((failures + 1))
    fi
  done
  echo "$failures" > "$work/failures-$p"
}

verifier() {  # runs `selat verify` until the stop file appears: "start end status first-line" per run
  while [ ! -e "$work/stop-verify" ] && [ -d "$work" ]; do
    if [ -e "$SELAT_DB" ]; then
      local t0 t1 st=0 msg
      t0=$(date +%s.%N)
      msg=$("$selat" verify 2>&1) || st=$?
      t1=$(date +%s.%N)
      printf '%s %s %s %s\n' "$t0" "$t1" "$st" "$(printf '%s' "$msg" | head -1 | tr -d '\n')" >>"$work/verify-runs.txt"
    else
      sleep 0.05
    fi
  done
}

start=$(date +%s.%N)
"$selat" sighting import "$work/in.csv" >"$work/import.txt" 2>"$work/import-err.txt" &
importer=$!
pids=()
for ((p = 0; p < loggers; p++)); do logger "$p" & pids+=($!); done
verifier & verifier_pid=$!
import_status=0
wait "$importer" || import_status=$?
if [ "$import_status" != 0 ]; then
  # The import failed: say why, and stop the writers (the summary below reports the failure).
  echo "concurrency test: the import exited with $import_status:"; head -20 "$work/import-err.txt"
fi
# Wait for the first record (a logger may still be creating the database), then make a real edit
# while the loggers and the verifier run.
first=""
for _ in $(seq 600); do
  first=$(sqlite3 -cmd ".timeout 30000" "$SELAT_DB" "SELECT min(seq) FROM sighting" 2>/dev/null || true)
  [ -n "$first" ] && break
  sleep 0.1
done
[ -n "$first" ] || { echo "concurrency test: FAILED — no record in the log after a minute"; exit 1; }
edit_start=$(date +%s.%N)
sqlite3 -cmd ".timeout 30000" "$SELAT_DB" "UPDATE sighting SET persons_aboard = coalesce(persons_aboard, 0) + 1000 WHERE seq = $first"
edit_done=$(date +%s.%N)
for pid in "${pids[@]}"; do wait "$pid"; done
sleep 1   # at least one whole verify run after the edit
touch "$work/stop-verify"; wait "$verifier_pid"
undo_start=$(date +%s.%N)
sqlite3 -cmd ".timeout 30000" "$SELAT_DB" "UPDATE sighting SET persons_aboard = nullif(persons_aboard - 1000, 0) WHERE seq = $first"
elapsed=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.1f", a - b }')
# Classify the verify runs: before the edit they must pass; after it they must name record #first.
read -r runs_before alarms runs_after named missed < <(awk -v es="$edit_start" -v ed="$edit_done" -v us="$undo_start" -v rec="record #$first " '
  { t0 = $1; t1 = $2; st = $3; $1 = $2 = $3 = ""; msg = $0
    if (t1 < es) { before++; if (st != 0) alarms++ }
    else if (t0 > ed && t1 < us) { after++; if (st != 0 && index(msg, rec) > 0) named++; else missed++ }
    else if (st != 0 && index(msg, rec) == 0) alarms++ }
  END { printf "%d %d %d %d %d\n", before, alarms, after, named, missed }' "$work/verify-runs.txt")

failures=0
for ((p = 0; p < loggers; p++)); do failures=$((failures + $(cat "$work/failures-$p"))); done
errors=$(cat "$work"/err-*.txt "$work/import-err.txt" | grep -v '^\s*$' || true)
locked=$(printf '%s\n' "$errors" | grep -ci "locked\|busy" || true)
ids=$(cat "$work"/out-*.txt | sort -u | wc -l)
total=$(sqlite3 "$SELAT_DB" "SELECT count(*) FROM sighting")
logged=$(sqlite3 "$SELAT_DB" "SELECT count(*) FROM sighting WHERE unit LIKE 'LOGGER-%'")
imported=$(sqlite3 "$SELAT_DB" "SELECT count(*) FROM sighting WHERE id LIKE 'IMP-%'")
integrity=$(sqlite3 "$SELAT_DB" "PRAGMA integrity_check")
verify=0
"$selat" verify >"$work/verify.txt" 2>&1 || verify=$?
expected=$((loggers * adds + rows))

echo "concurrency test: $loggers loggers × $adds adds + a $rows-row import, all at once, in ${elapsed}s"
echo "  sightings in the log: $total (expected $expected): $logged added by the loggers, $imported imported"
echo "  ids printed by the loggers: $ids distinct; failed adds: $failures; import exit status: $import_status"
echo "  error lines shown: $(printf '%s' "$errors" | grep -c . || true) (\"locked\"/\"busy\": $locked); integrity: $integrity; chain: $([ $verify = 0 ] && echo verifies || echo DOES NOT VERIFY)"
echo "  verify beside the writers: $runs_before runs before the edit, $alarms false alarms; $runs_after runs after it, $named named record #$first, $missed did not"
if [ "$runs_before" -ge 1 ] && [ "$alarms" = 0 ] && [ "$runs_after" -ge 1 ] && [ "$missed" = 0 ] && [ "$total" = "$expected" ] && [ "$logged" = $((loggers * adds)) ] && [ "$imported" = "$rows" ] && [ "$ids" = $((loggers * adds)) ] \
   && [ "$failures" = 0 ] && [ "$import_status" = 0 ] && [ -z "$errors" ] && [ "$integrity" = ok ] && [ $verify = 0 ]; then
  echo "concurrency test: passed"
else
  printf '%s\n' "$errors" | head -20
  cat "$work/verify.txt"
  awk '$3 != 0' "$work/verify-runs.txt" | head -5
  echo "concurrency test: FAILED"
  exit 1
fi
