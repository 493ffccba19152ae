#!/usr/bin/env bash
# Patrol-planning benchmark, side by side in one run (see Benchmarks/README.md):
#   * Selat's planner on 12 seeded instances (3–8 boats from 2–4 GeoData bases, 20–200 targets in
#     the Batam–Bintan–Karimun waters, 8 h window, real sea distances from Selat's router);
#   * Google OR-Tools' routing solver on the same instances and distance matrices, given the time
#     Selat took (rounded up to whole seconds) and again a longer limit; both solutions checked.
# Usage: Tools/bench-plan.sh [--seed N] [--longer SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seed=1; longer=10
while [ "$#" -gt 0 ]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --longer) longer="$2"; shift 2 ;;
    *) echo "unknown option $1 (use --seed N, --longer SECONDS)" >&2; exit 2 ;;
  esac
done
swift build -c release --product selat-bench >&2
out=bench-out/plan
.build/release/selat-bench plan --out "$out" --seed "$seed"
python="$(Tools/venv.sh ortools)"
"$python" Tools/bench_plan_peer.py "$out" "$longer"
