#!/usr/bin/env python3
"""OR-Tools peer for `selat-bench plan` (run by Tools/bench-plan.sh).

For each instance file written by Selat: solves the same team-orienteering problem with Google
OR-Tools' routing library (per-vehicle start and end, a time dimension whose capacity is the
boat's limit, each target an optional visit whose penalty is its risk), with the time Selat took
and again with a longer limit; checks that both solvers' routes keep every limit on the exact
(unrounded) model; prints risk covered side by side.
"""
import glob
import json
import math
import os
import statistics
import sys

from ortools.constraint_solver import pywrapcp, routing_enums_pb2


def check(inst, routes):
    """Risk covered by `routes`, or raise if a route breaks a limit or a target is visited twice."""
    m, targets, seen, value = inst["metres"], inst["targets"], set(), 0.0
    for v, route in zip(inst["vehicles"], routes):
        t, prev = 0.0, v["start"]
        for node in route:
            assert node < len(targets) and node not in seen, f"bad or repeated target {node}"
            seen.add(node)
            assert m[prev][node] >= 0, "leg with no water"
            t += m[prev][node] / v["speed"] + targets[node]["dwell"]
            value += targets[node]["weight"]
            prev = node
        t += m[prev][v["end"]] / v["speed"]
        assert t <= v["max_duration"] + 1e-6, f"{v['name']} back after {t:.0f} s > {v['max_duration']:.0f} s"
    return value


def solve(inst, seconds):
    targets, vehicles, m = inst["targets"], inst["vehicles"], inst["metres"]
    n = len(m)
    manager = pywrapcp.RoutingIndexManager(n, len(vehicles), [v["start"] for v in vehicles], [v["end"] for v in vehicles])
    routing = pywrapcp.RoutingModel(manager)
    big = 10**7
    callbacks = []
    for k, v in enumerate(vehicles):
        # Whole seconds, rounded up, so a route OR-Tools accepts also keeps the exact limit.
        def transit(i, j, speed=v["speed"]):
            a, b = manager.IndexToNode(i), manager.IndexToNode(j)
            if m[a][b] < 0:
                return big
            dwell = targets[a]["dwell"] if a < len(targets) else 0
            return int(math.ceil(m[a][b] / speed)) + int(math.ceil(dwell))
        index = routing.RegisterTransitCallback(transit)
        callbacks.append(index)
        routing.SetArcCostEvaluatorOfVehicle(index, k)
    routing.AddDimensionWithVehicleTransitAndCapacity(
        callbacks, 0, [int(v["max_duration"]) for v in vehicles], True, "Time")
    # A unit of risk outweighs any amount of sailing (at most 8 boats × 28,800 s), as in Selat.
    for i, t in enumerate(targets):
        routing.AddDisjunction([manager.NodeToIndex(i)], int(round(t["weight"])) * 1_000_000)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(seconds * 1000))
    solution = routing.SolveWithParameters(params)
    if solution is None:
        return None
    routes = []
    for k in range(len(vehicles)):
        index, route = routing.Start(k), []
        index = solution.Value(routing.NextVar(index))
        while not routing.IsEnd(index):
            route.append(manager.IndexToNode(index))
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    return routes


def main(folder, longer):
    files = sorted(glob.glob(os.path.join(folder, "instance-*.json")), key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))
    print(f"{'inst':>4} {'boats':>5} {'tgts':>4} | {'selat':>7} {'time':>6} | {'OR-Tools':>8} {'limit':>5} {'ratio':>6} | "
          f"{'OR-Tools':>8} {'limit':>5} {'ratio':>6}")
    ratios, long_ratios = [], []
    for path in files:
        inst = json.load(open(path))
        selat = check(inst, inst["selat"]["routes"])
        assert abs(selat - inst["selat"]["value"]) < 1e-6
        same = max(1.0, math.ceil(inst["selat"]["seconds"]))
        peer = solve(inst, same)
        peer_value = check(inst, peer) if peer else 0.0
        peer_long = solve(inst, longer)
        long_value = check(inst, peer_long) if peer_long else 0.0
        r1 = selat / peer_value if peer_value else float("inf")
        r2 = selat / long_value if long_value else float("inf")
        ratios.append(r1)
        long_ratios.append(r2)
        print(f"{inst['name']:>4} {inst['boats']:>5} {len(inst['targets']):>4} | {selat:7.0f} {inst['selat']['seconds']:5.2f}s | "
              f"{peer_value:8.0f} {same:4.0f}s {r1:6.3f} | {long_value:8.0f} {longer:4.0f}s {r2:6.3f}")
    print(f"Selat / OR-Tools (same time, rounded up to whole seconds): median {statistics.median(ratios):.3f}, "
          f"worst {min(ratios):.3f}; instances at ≥ 0.98: {sum(r >= 0.98 for r in ratios)} of {len(ratios)}")
    print(f"Selat / OR-Tools ({longer:.0f} s): median {statistics.median(long_ratios):.3f}, worst {min(long_ratios):.3f}")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 10.0)
