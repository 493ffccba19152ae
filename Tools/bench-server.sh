#!/usr/bin/env bash
# The station server under write load: sustained POST /api/v1/sightings from 64 concurrent
# connections (wrk), sightings/s and p50/p99 latency, beside — in the same run — the rate of
# single-row durable commits in the sqlite3 shell (WAL, synchronous=FULL): the limit a server that
# commits each request on its own cannot pass.
#   Tools/bench-server.sh [SECONDS] [CONNECTIONS] [IDS]     (needs: apt-get install wrk sqlite3)
# IDS: `random` (default: every id random, the worst case for the id index) or `v7` (time-ordered
# UUIDs, as the web app makes them).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-64}
ids=${3:-random}
case "$ids" in random|v7) ;; *) echo "IDS is random or v7, not $ids"; exit 2;; esac
. Tools/bench-station.sh
bench_start bench-server
bench_serve officer
bench_post_lua "$work/post.lua" "$ids"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "http://localhost:$port" >"$work/wrk.txt"
result=$(grep '^RESULT' "$work/wrk.txt")
echo "$result"
stored=$(sqlite3 "$db" 'SELECT count(*) FROM sighting')
# The peer: one durable commit per row, WAL, synchronous=FULL, in the sqlite3 shell.
peer_db=$work/peer.sqlite
rows=2000
{
  echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(id TEXT PRIMARY KEY, v TEXT);"
  for i in $(seq $rows); do echo "INSERT INTO t VALUES ('$i', 'x');"; done
} >"$work/peer.sql"
start=$(date +%s.%N)
sqlite3 "$peer_db" <"$work/peer.sql" >/dev/null
end=$(date +%s.%N)
python3 - "$result" "$stored" "$rows" "$start" "$end" "$ids" "$connections" <<'PY'
import sys, re
result, stored, rows, start, end, ids, connections = sys.argv[1:]
f = dict(re.findall(r"(\w+)=([\d.]+)", result))
rate = float(f["requests"]) / float(f["seconds"])
peer = int(rows) / (float(end) - float(start))
print(f"server: {rate:.0f} sightings/s from {connections} connections ({ids} ids), p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms, "
      f"{int(f['errors'])} socket errors, {int(f['non2xx'])} non-2xx; {stored} stored")
print(f"sqlite3 single-row durable commits (WAL, synchronous=FULL): {peer:.0f}/s")
print(f"ratio: {rate / peer:.2f}x")
PY
