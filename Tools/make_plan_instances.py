#!/usr/bin/env python3
"""Writes seeded team-orienteering instances in the documented format (Benchmarks/PlanInstances.md),
made without Selat: planar positions in metres (a 100 km × 60 km sea), half the targets in 3–5
gaussian clusters (σ 4 km) and half spread evenly, integer prizes skewed towards small ones,
15–30-minute dwells, 2–4 depots on the edges, 2–6 boats of 9–15 m/s and 3–5 h — so that a third to a
half of the targets fit, and choosing them matters. Every other instance gives its own
distance matrix (the straight line times a detour factor of 1.0–1.3 per pair, as a road or a fairway
would), so both ways of giving distances are exercised.

Usage: make_plan_instances.py FOLDER [--seed N] [--sizes 40,80,120,160,200]"""
import argparse, json, math, os, random


def instance(k, targets, seed):
    rnd = random.Random(seed * 1000 + k)
    width, height = 100_000.0, 60_000.0
    centres = [(rnd.uniform(5_000, width - 5_000), rnd.uniform(5_000, height - 5_000)) for _ in range(rnd.randint(3, 5))]
    points = []
    for i in range(targets):
        if i % 2 == 0:
            cx, cy = rnd.choice(centres)
            x, y = rnd.gauss(cx, 4_000), rnd.gauss(cy, 4_000)
            x, y = min(max(x, 0), width), min(max(y, 0), height)
        else:
            x, y = rnd.uniform(0, width), rnd.uniform(0, height)
        points.append((x, y))
    depot_count = rnd.randint(2, 4)
    edges = [(0, rnd.uniform(0, height)), (width, rnd.uniform(0, height)), (rnd.uniform(0, width), 0), (rnd.uniform(0, width), height)]
    depots = [{"name": f"D{j + 1}", "x": round(edges[j][0], 1), "y": round(edges[j][1], 1)} for j in range(depot_count)]
    boats = []
    for b in range(min(6, 2 + targets // 50)):
        home = b % depot_count
        boats.append({"name": f"B{b + 1}", "depot": home, "end_depot": home,
                      "speed_m_s": rnd.choice([9.0, 11.0, 13.0, 15.0]), "max_duration_s": rnd.choice([3, 4, 5]) * 3600.0})
    doc = {
        "name": f"p{k + 1}-{targets}",
        "depots": depots,
        "targets": [{"name": f"t{i + 1}", "x": round(x, 1), "y": round(y, 1), "prize": 1 + int(rnd.random() ** 2 * 99), "dwell_s": rnd.choice([900, 1200, 1800])}
                    for i, (x, y) in enumerate(points)],
        "boats": boats,
    }
    if k % 2 == 1:
        nodes = [(t["x"], t["y"]) for t in doc["targets"]] + [(d["x"], d["y"]) for d in depots]
        n = len(nodes)
        m = [[0.0] * n for _ in range(n)]
        for a in range(n):
            for b in range(a + 1, n):
                d = math.dist(nodes[a], nodes[b]) * rnd.uniform(1.0, 1.3)
                m[a][b] = m[b][a] = round(d, 1)
        doc["distances_m"] = m
    return doc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sizes", default="40,80,120,160,200")
    a = ap.parse_args()
    os.makedirs(a.folder, exist_ok=True)
    for k, size in enumerate(int(s) for s in a.sizes.split(",")):
        doc = instance(k, size, a.seed)
        path = os.path.join(a.folder, f"{doc['name']}.json")
        with open(path, "w") as f:
            json.dump(doc, f)
        print(path)


if __name__ == "__main__":
    main()
