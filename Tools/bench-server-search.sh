#!/usr/bin/env bash
# 5 nm searches over a million sightings while the station server takes a write load: wrk sends
# GET /api/v1/sightings?near=…&within=5nm from 8 connections beside 64 connections logging
# sightings, and prints both rates and latencies.
#   Tools/bench-server-search.sh [ROWS] [SECONDS]      (needs: apt-get install wrk sqlite3)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
seconds=${2:-20}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk"; exit 1; }
swift build -c release --product selat >/dev/null
selat=$(swift build -c release --show-bin-path)/selat
work=$(mktemp -d /tmp/selat-bench-search.XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/station.sqlite
echo "writing $rows seeded sightings…"
python3 - "$work/sightings.csv" "$rows" <<'PY'
import random, sys
path, rows = sys.argv[1], int(sys.argv[2])
random.seed(1)
with open(path, "w") as f:
    f.write("id,observed_at,lat,lon,vessel_type,activity\n")
    for k in range(rows):
        day = random.randint(1, 300)
        lat = 0.9 + random.random() * 0.6
        lon = 103.5 + random.random() * 1.2
        f.write(f"S{k},2026-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}T{random.randint(0,23):02d}:{random.randint(0,59):02d}+07:00,"
                f"{lat:.6f},{lon:.6f},speedboat,trafficking\n")
PY
start=$(date +%s)
"$selat" sighting import "$work/sightings.csv" --db "$db" --allow-land --allow-outside >/dev/null
echo "imported $(sqlite3 "$db" 'SELECT count(*) FROM sighting') sightings in $(( $(date +%s) - start )) s"
printf '%s\n' 'benchmark password 1' | "$selat" user add bench --role admin --agency POLAIRUD --password-stdin --db "$db" >/dev/null
port=$((20000 + RANDOM % 20000))
"$selat" serve --db "$db" --port $port >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(curl -s -X POST "localhost:$port/api/v1/session" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"benchmark password 1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
cat >"$work/post.lua" <<LUA
counter = 0
init = function(args) math.randomseed(os.time() + tonumber(string.sub(tostring({}), 10), 16)) end
request = function()
  counter = counter + 1
  local id = string.format("%08x-w-%d", math.random(0, 0x7fffffff), counter)
  local body = string.format('{"id":"%s","observed_at":"2026-11-20T21:%02d+07:00","lat":%.5f,"lon":104.16}', id, counter % 60, 1.22 + (counter % 997) * 0.00002)
  return wrk.format("POST", "/api/v1/sightings", {["Content-Type"]="application/json", ["Authorization"]="Bearer $token"}, body)
end
LUA
cat >"$work/search.lua" <<LUA
init = function(args) math.randomseed(os.time() + tonumber(string.sub(tostring({}), 10), 16)) end
request = function()
  local lat = 0.95 + math.random() * 0.5
  local lon = 103.55 + math.random() * 1.1
  local path = string.format("/api/v1/sightings?near=%.4f,%.4f&within=5nm&limit=100", lat, lon)
  return wrk.format("GET", path, {["Authorization"]="Bearer $token"})
end
done = function(summary, latency, requests)
  io.write(string.format("SEARCH requests=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f seconds=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
LUA
wrk -t1 -c64 -d"$((seconds + 4))s" --latency -s "$work/post.lua" "http://localhost:$port" >"$work/write.txt" &
writer=$!
sleep 2
wrk -t1 -c8 -d"${seconds}s" --latency -s "$work/search.lua" "http://localhost:$port" >"$work/search.txt"
wait $writer
grep '^SEARCH' "$work/search.txt"
echo "writes beside them: $(grep 'Requests/sec' "$work/write.txt")"
echo "sightings now: $(sqlite3 "$db" 'SELECT count(*) FROM sighting')"
