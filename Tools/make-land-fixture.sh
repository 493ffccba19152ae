#!/usr/bin/env bash
# Writes Tests/SelatGeoDataTests/Fixtures/gmt-land-100k.csv: 100,000 seeded random points in the
# GeoData box, each classified land (1) or water (0) by GMT itself on GSHHG full resolution
# (`gmt select -Df`, level-1 land; lakes and islands in lakes count as water, as in GeoData).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v gmt >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gmt gmt-gshhg-full; }
out="$root/Tests/SelatGeoDataTests/Fixtures/gmt-land-100k.csv"
python3 - "$out" <<'PY'
import random, subprocess, sys
rng = random.Random(20261123)
pts = [(round(rng.uniform(103.0, 109.8), 6), round(rng.uniform(-1.6, 5.4), 6)) for _ in range(100_000)]
text = "".join(f"{x:.6f} {y:.6f} p{i}\n" for i, (x, y) in enumerate(pts))
out = subprocess.run(["gmt", "select", "-R103/109.8/-1.6/5.4", "-Df", "-Ns/k/s/s/s"], input=text,
                     capture_output=True, text=True, check=True).stdout
land = {int(r.split()[-1][1:]) for r in out.splitlines() if r.strip()}
with open(sys.argv[1], "w") as fh:
    fh.write("lon,lat,land\n")
    for i, (x, y) in enumerate(pts):
        fh.write(f"{x:.6f},{y:.6f},{1 if i in land else 0}\n")
print(f"{len(pts)} points, {len(land)} on land")
PY
