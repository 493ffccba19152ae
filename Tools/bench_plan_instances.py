#!/usr/bin/env python3
"""Selat's planner against Google OR-Tools on instance files in the documented format
(Benchmarks/PlanInstances.md) that neither has seen before: OR-Tools' routing solver gets T seconds;
Selat (`selat-bench plan --instance F --time-limit S --json`) gets T/10, T and 10·T; every route of
both is checked against the exact model (each target once, every boat back within its limit); the
prizes collected are printed side by side, with Selat's as a ratio of OR-Tools'.

Usage: bench_plan_instances.py SELAT_BENCH FOLDER [--seconds T]"""
import argparse, glob, json, math, os, statistics, subprocess, sys

sys.path.insert(0, os.path.dirname(__file__))
from bench_plan_peer import check, solve  # noqa: E402


def model(doc):
    """The instance as the peer's model: metres (targets, then depots; -1 for no passage)."""
    nodes = [(t.get("x"), t.get("y"), t.get("lat"), t.get("lon")) for t in doc["targets"]]
    nodes += [(d.get("x"), d.get("y"), d.get("lat"), d.get("lon")) for d in doc["depots"]]
    n = len(nodes)
    if "distances_m" in doc:
        m = [[(-1 if v < 0 else v) for v in row] for row in doc["distances_m"]]
    else:
        def dist(a, b):
            if a[0] is not None and b[0] is not None:
                return math.hypot(a[0] - b[0], a[1] - b[1])
            r = math.pi / 180
            h = math.sin((b[2] - a[2]) * r / 2) ** 2 + math.cos(a[2] * r) * math.cos(b[2] * r) * math.sin((b[3] - a[3]) * r / 2) ** 2
            return 2 * 6371008.8 * math.asin(min(1, math.sqrt(h)))
        m = [[dist(nodes[a], nodes[b]) for b in range(n)] for a in range(n)]
    count = len(doc["targets"])
    # Only the depots some boat starts or ends at are nodes of the routing model (OR-Tools would
    # otherwise have to visit the others).
    used = sorted({b["depot"] for b in doc["boats"]} | {b.get("end_depot", b["depot"]) for b in doc["boats"]})
    keep = list(range(count)) + [count + d for d in used]
    m = [[m[a][b] for b in keep] for a in keep]
    node = {d: count + k for k, d in enumerate(used)}
    return {
        "metres": m,
        "targets": [{"weight": t["prize"], "dwell": t.get("dwell_s", 0)} for t in doc["targets"]],
        "vehicles": [{"name": b.get("name", f"boat {i + 1}"), "start": node[b["depot"]],
                      "end": node[b.get("end_depot", b["depot"])], "speed": b["speed_m_s"],
                      "max_duration": b["max_duration_s"]} for i, b in enumerate(doc["boats"])],
    }


def selat(bench, path, seconds):
    out = subprocess.run([bench, "plan", "--instance", path, "--time-limit", str(seconds), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("folder")
    ap.add_argument("--seconds", type=float, default=2.0)
    a = ap.parse_args()
    T = a.seconds
    limits = [T / 10, T, 10 * T]
    print(f"{'instance':>10} {'tgts':>4} {'boats':>5} | {'OR-Tools':>8} ({T:g} s) | "
          + " | ".join(f"{'Selat':>6} {l:g} s {'ratio':>6}" for l in limits))
    ratios = {l: [] for l in limits}
    for path in sorted(glob.glob(os.path.join(a.folder, "*.json")), key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0])):
        doc = json.load(open(path))
        inst = model(doc)
        peer = solve(inst, T)
        peer_value = check(inst, peer) if peer else 0.0
        cells = []
        for l in limits:
            r = selat(a.bench, path, l)
            value = check(inst, r["routes"])
            assert abs(value - r["score"]) < 1e-6, (value, r["score"])
            ratio = value / peer_value if peer_value else float("inf")
            ratios[l].append(ratio)
            cells.append(f"{value:6.0f} {r['seconds']:5.2f}s {ratio:6.3f}")
        print(f"{doc['name']:>10} {len(doc['targets']):>4} {len(doc['boats']):>5} | {peer_value:8.0f} {'':>7} | " + " | ".join(cells))
    for l in limits:
        print(f"Selat with {l:g} s ({l / T:g}× OR-Tools' {T:g} s) / OR-Tools: median {statistics.median(ratios[l]):.3f}, "
              f"worst {min(ratios[l]):.3f}, best {max(ratios[l]):.3f}")


if __name__ == "__main__":
    main()
