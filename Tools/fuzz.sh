#!/usr/bin/env bash
# Fuzzes Selat's parsers with libFuzzer (coverage-guided), each against the properties in
# Sources/SelatFuzz (never crash; what is accepted is in range and reads back the same; every
# row of a file is imported or refused with a reason).
#
#   Tools/fuzz.sh [SECONDS] [TARGET…]     TARGET: coordinate time csv geojson (default: all)
#
# Builds the fuzz products with -sanitize=fuzzer (release, own build folder .build-fuzz), copies
# the seed corpus (Tests/SelatFuzzTests/Fixtures/corpus/TARGET) into .fuzz/corpus/TARGET, and
# runs two targets at a time (this machine has 2 cores) for SECONDS each (default 600). Prints
# executions, corpus size and crashes per target. A crash input is copied to
# Tests/SelatFuzzTests/Fixtures/crashers/TARGET/ so the tests keep it once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(coordinate time csv geojson)
work=.fuzz
mkdir -p "$work"

echo "Building the fuzz targets (libFuzzer, release)…"
# lld: gold fails to link the sanitizer build.
flags=(-c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DSELAT_LIBFUZZER -Xswiftc -use-ld=lld)
for t in "${targets[@]}"; do
  if ! swift build "${flags[@]}" --product "fuzz-$t" >"$work/build-$t.log" 2>&1; then
    grep -E "error" "$work/build-$t.log" | head -20
    echo "Building fuzz-$t failed; the whole log is $work/build-$t.log"
    exit 1
  fi
done
bin=$(swift build "${flags[@]}" --show-bin-path)

run() {
  local t=$1
  local corpus="$work/corpus/$t" artifacts="$work/artifacts/$t/"
  mkdir -p "$corpus" "$artifacts"
  cp -n Tests/SelatFuzzTests/Fixtures/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  # -rss_limit_mb: GeoData and the JSON decoder stay well under it; -timeout catches hangs.
  # Swift's own crash reporter would take the signal before libFuzzer saves the input.
  SWIFT_BACKTRACE=enable=no "$bin/fuzz-$t" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$artifacts" >"$work/$t.log" 2>&1 || true
  local execs size crashes
  execs=$(grep -E "^stat::number_of_executed_units" "$work/$t.log" | awk '{print $2}')
  size=$(ls "$corpus" | wc -l)
  crashes=$(ls "$artifacts" 2>/dev/null | wc -l)
  printf '%-10s %6ss  executions %-10s  corpus %-6s  crashes %s\n' "$t" "$seconds" "${execs:-?}" "$size" "$crashes"
  for c in "$artifacts"*; do
    [ -e "$c" ] || continue
    cp "$c" Tests/SelatFuzzTests/Fixtures/crashers/"$t"/
    echo "  kept $(basename "$c") in Tests/SelatFuzzTests/Fixtures/crashers/$t/ (see $work/$t.log)"
  done
}

echo "Fuzzing ${targets[*]} for ${seconds}s each, two at a time…"
i=0
while [ $i -lt ${#targets[@]} ]; do
  run "${targets[$i]}" &
  if [ $((i + 1)) -lt ${#targets[@]} ]; then run "${targets[$((i + 1))]}" & fi
  wait
  i=$((i + 2))
done
