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
# The machine's ceiling for this load: the same wrk, threads and connections against the same server
# asking for no work at all (GET /healthz: no body, one read of the database, no write). A server that
# did nothing for a sighting could not answer faster than this on these two shared cores.
bench_done_lua CEILING >"$work/ceiling.lua"
wrk -t2 -c"$connections" -d"$(( seconds < 10 ? seconds : 10 ))s" --latency -s "$work/ceiling.lua" \
  "http://localhost:$port/healthz" >"$work/ceiling.txt"
ceiling=$(grep '^CEILING' "$work/ceiling.txt")
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
# The second peer: what a server without group commit would write for each sighting — the row in
# Selat's own schema (its indexes), its origin, its audit entry and both chain heads — one durable
# transaction per sighting, in the sqlite3 shell (a new database made by selat, so it has the schema).
schema_db=$work/peer-schema.sqlite
printf '%s\n' 'benchmark password 1' |
  "$selat" user add bench --role officer --agency POLAIRUD --password-stdin --db "$schema_db" >/dev/null
python3 - "$rows" "$(sqlite3 "$db" 'SELECT cell FROM sighting LIMIT 1')" >"$work/peer-schema.sql" <<'PY'
import random, sys, uuid
rows, cell = int(sys.argv[1]), int(sys.argv[2])
print("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
for i in range(rows):
    lat = 1.22 + (i % 997) * 0.00002
    at = 1795_700_000_000 + (i % 60) * 60_000
    print("BEGIN;"
          "INSERT INTO sighting (id, observed_at, observed_offset_min, lat, lon, cell, vessel_type, activity,"
          " content_sha256, created_at, chain_sha256, seal_sha256)"
          f" VALUES ('{uuid.uuid4()}', {at}, 420, {lat:.5f}, 104.16, {cell}, 'speedboat', 'unknown',"
          f" randomblob(32), {at}, randomblob(32), randomblob(32));"
          "INSERT INTO sighting_origin VALUES (last_insert_rowid(), 'POLAIRUD', 'bench');"
          "INSERT INTO setting VALUES ('chain_head', hex(randomblob(32)))"
          " ON CONFLICT(key) DO UPDATE SET value = excluded.value;"
          f"INSERT INTO audit (at, user_name, action, target, address, link_sha256) VALUES ({at}, 'bench',"
          f" 'sighting_add', 'peer-{i}', '127.0.0.1', randomblob(32));"
          "INSERT INTO setting VALUES ('audit_head', hex(randomblob(32)))"
          " ON CONFLICT(key) DO UPDATE SET value = excluded.value;"
          "COMMIT;")
PY
schema_start=$(date +%s.%N)
sqlite3 "$schema_db" <"$work/peer-schema.sql" >/dev/null
schema_end=$(date +%s.%N)
[ "$(sqlite3 "$schema_db" 'SELECT count(*) FROM sighting')" = "$rows" ] || { echo "the schema peer did not store $rows rows"; exit 1; }
python3 - "$result" "$stored" "$rows" "$start" "$end" "$ids" "$connections" "$schema_start" "$schema_end" "$ceiling" <<'PY'
import sys, re
result, stored, rows, start, end, ids, connections, schema_start, schema_end, ceiling = sys.argv[1:]
f = dict(re.findall(r"(\w+)=([\d.]+)", result))
c = dict(re.findall(r"(\w+)=([\d.]+)", ceiling))
ceiling_rate = float(c["requests"]) / float(c["seconds"])
rate = float(f["requests"]) / float(f["seconds"])
peer = int(rows) / (float(end) - float(start))
schema_peer = int(rows) / (float(schema_end) - float(schema_start))
print(f"server: {rate:.0f} sightings/s from {connections} connections ({ids} ids), p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms, "
      f"{int(f['errors'])} socket errors, {int(f['non2xx'])} non-2xx; {stored} stored")
print(f"sqlite3 single-row durable commits (WAL, synchronous=FULL), a two-column table: {peer:.0f}/s")
print(f"sqlite3 one durable transaction per sighting in Selat's schema (row, origin, audit entry): {schema_peer:.0f}/s")
print(f"ratio: {rate / peer:.2f}x the two-column commits, {rate / schema_peer:.2f}x the per-sighting transactions")
print(f"ceiling: GET /healthz (no body, no write), same wrk and connections: {ceiling_rate:.0f}/s, "
      f"p99 {c['p99_ms']} ms = {ceiling_rate / peer:.2f}x the two-column commits; "
      f"the server's sightings are {100 * rate / ceiling_rate:.0f} % of it")
PY
