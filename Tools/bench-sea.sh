#!/usr/bin/env bash
# Sea-routing benchmark, side by side in one run (see Benchmarks/README.md):
#   * Selat: graph build, save and load; 200 seeded sea-to-sea pairs in the Batam–Bintan–Karimun
#     area and 20 long ones (Batam to Natuna/Anambas); a 100×100 distance matrix;
#   * the exact shortest route for every pair (SeaRouteReference: brute-force visibility graph on
#     the unsimplified coastline, same clearance), from the same run;
#   * the `searoute` package on the same pairs: lengths, and how many of its routes cross land.
# Usage: Tools/bench-sea.sh [extra selat-bench sea options, e.g. --pairs 400 --seed 7]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product selat-bench >&2
out=bench-out/sea
.build/release/selat-bench sea --out "$out" "$@"
python="$(Tools/venv.sh searoute shapely geographiclib)"
"$python" Tools/bench_sea_peer.py "$out/pairs.csv" GeoData/coastline.geojson "$out/peer.csv"
