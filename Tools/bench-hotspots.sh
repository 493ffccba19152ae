#!/usr/bin/env bash
# Side-by-side hotspot benchmark: Selat vs esda (Gi*) and scikit-learn (DBSCAN) on the same
# seeded synthetic sightings, 100k and 1M rows. Usage: Tools/bench-hotspots.sh [ROWS ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="$("$here/venv.sh" numpy scipy esda libpysal scikit-learn)"
cd "$here/.."
swift build -c release -q --product selat
swift build -c release -q --product selat-bench
rows=("$@")
[ "${#rows[@]}" -gt 0 ] || rows=(100000 1000000)
for n in "${rows[@]}"; do
  echo "== $n sightings =="
  .build/release/selat-bench hotspots --rows "$n" --python "$py" --peer "$here/bench_hotspots_peer.py"
done
