#!/usr/bin/env bash
# Side-by-side hotspot benchmark: Selat vs esda (Gi*) and scikit-learn (DBSCAN) on the same
# seeded synthetic sightings, evenly spread over the province and clustered in dense hot spots,
# 100k and 1M rows. Usage: Tools/bench-hotspots.sh [--only end-to-end|gistar|dbscan]
#   [--spread province|clustered] [ROWS ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
only=all
spreads=(province clustered)
rows=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    --spread) spreads=("$2"); shift 2 ;;
    *) rows+=("$1"); shift ;;
  esac
done
py="$("$here/venv.sh" numpy scipy esda libpysal scikit-learn)"
cd "$here/.."
swift build -c release -q --product selat
swift build -c release -q --product selat-bench
[ "${#rows[@]}" -gt 0 ] || rows=(100000 1000000)
for n in "${rows[@]}"; do
  for spread in "${spreads[@]}"; do
    echo "== $n sightings, $spread =="
    .build/release/selat-bench hotspots --rows "$n" --spread "$spread" --only "$only" \
      --python "$py" --peer "$here/bench_hotspots_peer.py"
  done
done
