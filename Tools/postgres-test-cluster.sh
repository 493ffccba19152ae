#!/usr/bin/env bash
# Starts (or finds running) the PostgreSQL 15 + PostGIS cluster the tests use, and prints its URL.
#
#   bash Tools/postgres-test-cluster.sh          # start if needed; print the URL
#   bash Tools/postgres-test-cluster.sh stop     # stop it and remove its folder
#   bash Tools/postgres-test-cluster.sh down     # stop it, keeping its data (start it again: no argument)
#   bash Tools/postgres-test-cluster.sh restart  # restart it (connections are cut)
#
# The cluster lives in a temporary folder, listens on 127.0.0.1 (port SELAT_TEST_PG_PORT, default
# 55432) and trusts local connections: it is for tests only and holds nothing of value. PostgreSQL
# refuses to run as root, so as root it runs as the `postgres` user. Needs Debian's postgresql-15
# and postgresql-15-postgis-3 (`.ci/run` installs them).
set -euo pipefail
# Close whatever descriptors the caller let us inherit (beyond 0–2; 255 is bash's own script file):
# the server started below outlives this script and would keep them open. Foundation's Process on
# Linux learns that a child ended when such a descriptor closes, so a test that ran this script
# waited forever for it to end (reproduced with the cluster stopped and SELAT_TEST_POSTGRES unset).
for fd in $([ -d /proc/$$/fd ] && ls /proc/$$/fd); do
  fd=${fd##*/}
  if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then eval "exec $fd>&-"; fi
done
port="${SELAT_TEST_PG_PORT:-55432}"
dir="${SELAT_TEST_PG_DIR:-/tmp/selat-test-pg-$port}"
bin=/usr/lib/postgresql/15/bin
url="postgresql://selat@127.0.0.1:$port/postgres?sslmode=disable"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = restart ]; then
  # A fast restart (what a crash or an upgrade looks like to the clients): connections are cut.
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 restart \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c shared_buffers=256MB" \
    -l "$dir/server.log" >/dev/null 2>>"$dir/pg_ctl.log" || { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
  exit 0
fi
if [ "${1:-}" = down ]; then
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  exit 0
fi
if [ "${1:-}" = stop ]; then
  if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true; fi
  rm -rf "$dir"
  exit 0
fi

if [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL 15 is not installed: run 'apt-get install -y postgresql-15 postgresql-15-postgis-3'" >&2
  exit 1
fi
if [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
  echo "PostGIS 3 for PostgreSQL 15 is not installed: run 'apt-get install -y postgresql-15-postgis-3'" >&2
  exit 1
fi

if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  echo "$url"
  exit 0
fi

# Several test processes may ask at once: one starts the cluster, the others wait for it.
mkdir -p "$dir"
chmod 777 "$dir"
exec 9>"$dir.lock"
flock 9
if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  echo "$url"
  exit 0
fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  rm -rf "$dir/data"
  as_owner "$bin/initdb" -D "$dir/data" -U selat -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; exit 1; }
fi
# A cluster stopped by `down` (or by a crash) starts again with its data. The server must not
# inherit the start-up lock (fd 9) nor the caller's standard error: it outlives this script, and a
# caller reading our output to its end (a test's process runner) would wait for it forever.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c shared_buffers=256MB" \
  start >/dev/null 2>>"$dir/pg_ctl.log" 9>&- || { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
echo "$url"
