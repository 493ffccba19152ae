# Shared by the station-server benchmarks (source it): a release build, a work folder removed on
# exit, a server on a free port with one user, and the wrk script that logs new sightings.
#   bench_start NAME          sets selat (SELAT_BIN, or a release build), work, db; needs wrk
#   bench_serve ROLE          adds user `bench` with ROLE, starts `selat serve`; sets port, server, token
#   bench_post_lua FILE IDS   writes a wrk script POSTing a new sighting per request (IDS: random or v7);
#                             its summary line starts with RESULT
#   bench_done_lua TAG        prints a wrk `done` function whose summary line starts with TAG

bench_start() {
  command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk"; exit 1; }
  # SELAT_BIN: another build of selat to measure (e.g. a copy of the previous one, for A/B runs).
  if [ -n "${SELAT_BIN:-}" ]; then
    selat=$SELAT_BIN
  else
    swift build -c release --product selat >/dev/null
    selat=$(swift build -c release --show-bin-path)/selat
  fi
  work=$(mktemp -d "/tmp/selat-$1.XXXXXX")
  server=
  trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
  db=$work/station.sqlite
}

bench_serve() {
  printf '%s\n' 'benchmark password 1' |
    "$selat" user add bench --role "$1" --agency POLAIRUD --password-stdin --db "$db" >/dev/null
  port=$((20000 + RANDOM % 20000))
  "$selat" serve --db "$db" --port $port >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.1; done
  token=$(curl -s -X POST "localhost:$port/api/v1/session" -H 'content-type: application/json' \
    -d '{"username":"bench","password":"benchmark password 1"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
}

bench_post_lua() {
  cat >"$1" <<LUA
-- One new sighting per request, each with its own id (a different position and minute).
counter = 0
-- Each wrk thread has its own Lua state: seed it by the state's own address so ids never repeat.
init = function(args)
  math.randomseed(os.time() + tonumber(string.sub(tostring({}), 10), 16))
end
request = function()
  counter = counter + 1
  local id
  if "$2" == "v7" then
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
$(bench_done_lua RESULT)
LUA
}

# A wrk `done` function printing one line: TAG requests=… errors=… non2xx=… p50_ms=… p99_ms=… seconds=…
bench_done_lua() {
  cat <<LUA
done = function(summary, latency, requests)
  io.write(string.format("$1 requests=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f seconds=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
LUA
}
