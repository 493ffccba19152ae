"""The `searoute` peer for `selat-bench sea` (run by Tools/bench-sea.sh).

Reads the pairs Selat routed (bench-out/sea/pairs.csv, with Selat's length and the exact
reference length from the same run), routes each pair with the `searoute` package (a global
shipping-lane graph), measures its route geodesically (geographiclib) and checks whether it
crosses the same GSHHG land polygons Selat routes round (Shapely). Prints a side-by-side
summary and writes every figure to peer.csv.
"""
import csv
import json
import math
import statistics
import sys
import time

import searoute
import shapely
from geographiclib.geodesic import Geodesic
from shapely.geometry import LineString, shape

GEOD = Geodesic.WGS84


def geodesic_nm(coords):
    return sum(GEOD.Inverse(a[1], a[0], b[1], b[0])["s12"] for a, b in zip(coords, coords[1:])) / 1852


def pct(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def main():
    pairs_csv, coast_path, out_csv = sys.argv[1], sys.argv[2], sys.argv[3]
    rows = list(csv.DictReader(open(pairs_csv)))
    land = [shape(f["geometry"]) for f in json.load(open(coast_path))["features"]]
    tree = shapely.STRtree(land)
    results = []
    t0 = time.time()
    for r in rows:
        a = [float(r["lon1"]), float(r["lat1"])]
        b = [float(r["lon2"]), float(r["lat2"])]
        t = time.time()
        coords = searoute.searoute(a, b, units="naut")["geometry"]["coordinates"]
        ms = (time.time() - t) * 1000
        if len(coords) < 2:
            nm, crosses = float("nan"), "no route"
        else:
            line = LineString(coords)
            nm = geodesic_nm(coords)
            hits = tree.query(line, predicate="intersects")
            crosses = "yes" if any(land[k].intersection(line).length > 0 for k in hits) else "no"
        results.append(dict(id=r["id"], kind=r["kind"], selat_nm=float(r["selat_nm"]), reference_nm=float(r["reference_nm"]),
                            searoute_nm=nm, searoute_crosses_land=crosses, searoute_ms=round(ms, 3),
                            selat_ms=float(r["selat_ms"])))
    with open(out_csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(results[0].keys()))
        w.writeheader()
        w.writerows(results)
    print(f"searoute {searoute.__version__ if hasattr(searoute, '__version__') else ''}: {len(results)} pairs in {time.time() - t0:.1f} s")
    print("| pairs | n | Selat vs exact: median / worst | > 0.5 % / > 2 % | searoute vs exact: median / worst | searoute routes crossing land | no searoute route | route time, Selat vs searoute (median) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for kind in sorted({x["kind"] for x in results}):
        sub = [x for x in results if x["kind"] == kind and math.isfinite(x["reference_nm"])]
        ex = [100 * (x["selat_nm"] / x["reference_nm"] - 1) for x in sub]
        sr = [100 * (x["searoute_nm"] / x["reference_nm"] - 1) for x in sub if math.isfinite(x["searoute_nm"])]
        crossing = sum(1 for x in sub if x["searoute_crosses_land"] == "yes")
        none = sum(1 for x in sub if x["searoute_crosses_land"] == "no route")
        routed = len(sub) - none
        print(f"| {kind} | {len(sub)} | {statistics.median(ex):+.3f} % / {max(ex):+.3f} % | {sum(e > 0.5 for e in ex)} / {sum(e > 2 for e in ex)} "
              f"| {statistics.median(sr):+.1f} % / {max(sr):+.1f} % | {crossing} of {routed} | {none} "
              f"| {statistics.median(x['selat_ms'] for x in sub):.2f} ms vs {statistics.median(x['searoute_ms'] for x in sub):.1f} ms |")


if __name__ == "__main__":
    main()
