#!/usr/bin/env python3
"""Writes Tests/SelatGeoTests/Fixtures/geodesic.csv: reference solutions of the geodesic inverse and
direct problems on WGS84, computed with Karney's own implementation (the `geographiclib` package).

Run through Tools/make-geodesic-fixture.sh, which creates the virtualenv. The cases are seeded, so
regeneration is deterministic: short (metres to a few km, the patrol scale), regional (Riau Islands),
long (intercontinental), near-antipodal, equatorial, meridional, and polar.
"""
import csv, math, os, random, sys
from geographiclib.geodesic import Geodesic

g = Geodesic.WGS84
rng = random.Random(20261123)
cases = []

def add(kind, lat1, lon1, lat2, lon2):
    cases.append((kind, lat1, lon1, lat2, lon2))

def rlat(): return math.degrees(math.asin(rng.uniform(-1, 1)))
def rlon(): return rng.uniform(-180, 180)

for _ in range(60):   # short: up to ~5 km, around the Riau Islands and anywhere
    lat, lon = rng.uniform(-1.6, 5.4), rng.uniform(103.0, 109.8)
    add("short", lat, lon, lat + rng.uniform(-0.04, 0.04), lon + rng.uniform(-0.04, 0.04))
for _ in range(20):   # very short: centimetres to metres
    lat, lon = rlat(), rlon()
    add("tiny", lat, lon, lat + rng.uniform(-1e-5, 1e-5), lon + rng.uniform(-1e-5, 1e-5))
for _ in range(60):   # regional: within the province box
    add("regional", rng.uniform(-1.6, 5.4), rng.uniform(103.0, 109.8), rng.uniform(-1.6, 5.4), rng.uniform(103.0, 109.8))
for _ in range(80):   # long: anywhere to anywhere
    add("long", rlat(), rlon(), rlat(), rlon())
for _ in range(60):   # near-antipodal: the hard case for Vincenty
    lat, lon = rlat(), rlon()
    add("antipodal", lat, lon, -lat + rng.uniform(-0.5, 0.5), lon + 180 + rng.uniform(-0.5, 0.5) - (360 if lon > 0 else 0))
for _ in range(15):   # equatorial
    add("equatorial", 0.0, rlon(), 0.0, rlon())
for _ in range(15):   # meridional
    lon = rlon()
    add("meridional", rlat(), lon, rlat(), lon)
for _ in range(10):   # across a meridian through a pole
    lon = rlon()
    add("transpolar", rng.uniform(60, 89.9), lon, rng.uniform(60, 89.9), lon + 180 - (360 if lon > 0 else 0))
add("coincident", 1.1, 104.0, 1.1, 104.0)
add("pole", 90.0, 0.0, 1.1, 104.0)

out = sys.argv[1]
with open(out, "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["kind", "lat1", "lon1", "lat2", "lon2", "s12_m", "azi1_deg", "azi2_deg",
                "direct_azi1_deg", "direct_s12_m", "direct_lat2", "direct_lon2", "direct_azi2_deg"])
    for kind, lat1, lon1, lat2, lon2 in cases:
        inv = g.Inverse(lat1, lon1, lat2, lon2)
        # An independent direct case from the same start: random course and distance.
        dazi = rng.uniform(-180, 180)
        ds = rng.choice([rng.uniform(0, 10_000), rng.uniform(0, 1_000_000), rng.uniform(0, 19_000_000)])
        d = g.Direct(lat1, lon1, dazi, ds)
        w.writerow([kind] + [repr(x) for x in (lat1, lon1, lat2, lon2, inv["s12"], inv["azi1"], inv["azi2"],
                                               dazi, ds, d["lat2"], d["lon2"], d["azi2"])])
print(f"wrote {len(cases)} cases to {out}")
