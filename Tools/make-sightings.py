#!/usr/bin/env python3
"""Writes a CSV of synthetic sightings, all at sea (open water between Bintan and the Tambelan
islands), for Selat's stress tests: Tools/kill-test.sh and Tools/concurrency-test.sh.

    Tools/make-sightings.py --rows 200000 [--seed 7] [--prefix KT] > sightings.csv

Ids are PREFIX-000000…, so re-importing the file adds only what is missing.
"""
import argparse
import random
import sys

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--rows", type=int, required=True)
parser.add_argument("--seed", type=int, default=7)
parser.add_argument("--prefix", default="KT")
args = parser.parse_args()
r = random.Random(args.seed)
out = sys.stdout
out.write("id,observed_at,lat,lon,vessel_type,activity,persons_aboard\n")
kinds = ["speedboat", "pompong", "fishing", "unknown"]
acts = ["smuggling", "trafficking", "illegal_fishing", "unknown"]
for i in range(args.rows):
    lat, lon = r.uniform(1.5, 2.2), r.uniform(104.9, 105.5)
    out.write(f"{args.prefix}-{i:06d},2026-10-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}+07:00,{lat:.5f},{lon:.5f},"
              f"{kinds[i % 4]},{acts[(i // 4) % 4]},{i % 20}\n")
