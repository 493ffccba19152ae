#!/usr/bin/env bash
# 5 nm searches over a million sightings while the station server takes a write load: wrk sends
# GET /api/v1/sightings?near=…&within=5nm from 8 connections beside 64 connections logging
# sightings, and prints both rates and latencies.
#   Tools/bench-server-search.sh [ROWS] [SECONDS]      (needs: apt-get install wrk sqlite3)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
seconds=${2:-20}
. Tools/bench-station.sh
bench_start bench-search
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
bench_serve admin
bench_post_lua "$work/post.lua" random
cat >"$work/search.lua" <<LUA
init = function(args) math.randomseed(os.time() + tonumber(string.sub(tostring({}), 10), 16)) end
request = function()
  local lat = 0.95 + math.random() * 0.5
  local lon = 103.55 + math.random() * 1.1
  local path = string.format("/api/v1/sightings?near=%.4f,%.4f&within=5nm&limit=100", lat, lon)
  return wrk.format("GET", path, {["Authorization"]="Bearer $token"})
end
$(bench_done_lua SEARCH)
LUA
wrk -t1 -c64 -d"$((seconds + 4))s" --latency -s "$work/post.lua" "http://localhost:$port" >"$work/write.txt" &
writer=$!
sleep 2
wrk -t1 -c8 -d"${seconds}s" --latency -s "$work/search.lua" "http://localhost:$port" >"$work/search.txt"
wait $writer
grep '^SEARCH' "$work/search.txt"
echo "writes beside them: $(grep 'Requests/sec' "$work/write.txt")"
echo "sightings now: $(sqlite3 "$db" 'SELECT count(*) FROM sighting')"
