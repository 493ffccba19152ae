#!/usr/bin/env bash
# Selat's planner against OR-Tools on instance files neither has seen (see Benchmarks/README.md and
# Benchmarks/PlanInstances.md): Tools/make_plan_instances.py writes seeded instances of 40–200
# targets; OR-Tools gets T seconds, Selat T/10, T and 10·T; both checked on the exact model.
# Usage: Tools/bench-plan-instances.sh [--seconds T] [--seed N] [--folder DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=2; seed=7; folder=bench-out/plan-instances
while [ "$#" -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --folder) folder="$2"; shift 2 ;;
    *) echo "unknown option $1 (use --seconds T, --seed N, --folder DIR)" >&2; exit 2 ;;
  esac
done
swift build -c release --product selat-bench >&2
python="$(Tools/venv.sh ortools)"
rm -rf "$folder"
"$python" Tools/make_plan_instances.py "$folder" --seed "$seed" >/dev/null
"$python" Tools/bench_plan_instances.py .build/release/selat-bench "$folder" --seconds "$seconds"
