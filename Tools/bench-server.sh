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
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk"; exit 1; }
swift build -c release --product selat >/dev/null
selat=$(swift build -c release --show-bin-path)/selat
work=$(mktemp -d /tmp/selat-bench-server.XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/station.sqlite
printf '%s\n' 'benchmark password 1' | "$selat" user add bench --role officer --agency POLAIRUD --password-stdin --db "$db" >/dev/null
port=$((20000 + RANDOM % 20000))
"$selat" serve --db "$db" --port $port >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(curl -s -X POST "localhost:$port/api/v1/session" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"benchmark password 1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
cat >"$work/post.lua" <<LUA
-- One new sighting per request, each with its own id (a different position and minute).
counter = 0
-- Each wrk thread has its own Lua state: seed it by the state's own address so ids never repeat.
init = function(args)
  math.randomseed(os.time() + tonumber(string.sub(tostring({}), 10), 16))
end
request = function()
  counter = counter + 1
  local id
  if "$ids" == "v7" then
    -- RFC 9562 version 7: milliseconds first (this thread's clock, moved on by its counter).
    local ms = os.time() * 1000 + counter
    id = string.format("%08x-%04x-7%03x-%x%03x-%04x%08x", math.floor(ms / 65536), ms % 65536,
      math.random(0, 4095), 8 + math.random(0, 3), math.random(0, 4095), math.random(0, 65535),
      math.random(0, 0x7fffffff))
  else
    id = string.format("%08x-bench-%d-%d", math.random(0, 0x7fffffff), counter, math.random(0, 1e9))
  end
  local lat = 1.22 + (counter % 997) * 0.00002
  local body = string.format('{"id":"%s","observed_at":"2026-11-20T21:%02d+07:00","lat":%.5f,"lon":104.16,"vessel_type":"speedboat"}', id, counter % 60, lat)
  return wrk.format("POST", "/api/v1/sightings", {["Content-Type"]="application/json", ["Authorization"]="Bearer $token"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f seconds=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
LUA
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
python3 - "$result" "$stored" "$rows" "$start" "$end" "$ids" <<'PY'
import sys, re
result, stored, rows, start, end, _ = sys.argv[1:]
f = dict(re.findall(r"(\w+)=([\d.]+)", result))
rate = float(f["requests"]) / float(f["seconds"])
peer = int(rows) / (float(end) - float(start))
print(f"server: {rate:.0f} sightings/s from 64 connections ({sys.argv[6]} ids), p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms, "
      f"{int(f['errors'])} socket errors, {int(f['non2xx'])} non-2xx; {stored} stored")
print(f"sqlite3 single-row durable commits (WAL, synchronous=FULL): {peer:.0f}/s")
print(f"ratio: {rate / peer:.2f}x")
PY
