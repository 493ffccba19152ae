"""Peer side of `selat-bench hotspots`: the same computation in esda/libpysal and scikit-learn,
timed on the inputs Selat wrote, with results written back for comparison.

  gistar DIR  reads counts.f64, start.i32, neighbours.i32 (CSR, self excluded); times
              esda.G_Local(star=True, transform='B', permutations=0); writes z.f64
  dbscan DIR  reads lat.f64, lon.f64 and eps_m/min_points from params.txt; times
              sklearn DBSCAN(metric='haversine', algorithm='ball_tree'); writes labels.i64, core.u8
"""
import os, resource, sys, time, warnings
import numpy as np

def gistar(d):
    import libpysal
    from esda.getisord import G_Local
    y = np.fromfile(os.path.join(d, "counts.f64"), dtype="<f8")
    start = np.fromfile(os.path.join(d, "start.i32"), dtype="<i4")
    nb = np.fromfile(os.path.join(d, "neighbours.i32"), dtype="<i4")
    n = len(y)
    neighbors = {i: nb[start[i]:start[i + 1]].tolist() for i in range(n)}
    w = libpysal.weights.W(neighbors, silence_warnings=True)
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    g = G_Local(y, w, transform="B", star=True, permutations=0)
    t = time.perf_counter() - t0
    np.asarray(g.Zs, dtype="<f8").tofile(os.path.join(d, "z.f64"))
    print(f"peer esda.G_Local(star=True, transform='B') on {n} cells: {t:.3f} s")

def dbscan(d):
    from sklearn.cluster import DBSCAN
    lat = np.fromfile(os.path.join(d, "lat.f64"), dtype="<f8")
    lon = np.fromfile(os.path.join(d, "lon.f64"), dtype="<f8")
    params = dict(line.split("=") for line in open(os.path.join(d, "params.txt")).read().split())
    eps, mins, R = float(params["eps_m"]), int(params["min_points"]), float(params["radius_m"])
    X = np.radians(np.column_stack([lat, lon]))
    t0 = time.perf_counter()
    m = DBSCAN(eps=eps / R, min_samples=mins, metric="haversine", algorithm="ball_tree").fit(X)
    t = time.perf_counter() - t0
    core = np.zeros(len(lat), dtype=np.uint8)
    core[m.core_sample_indices_] = 1
    m.labels_.astype("<i8").tofile(os.path.join(d, "labels.i64"))
    core.tofile(os.path.join(d, "core.u8"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peer sklearn peak memory: {peak:.0f} MB")
    print(f"peer sklearn DBSCAN(haversine, ball_tree) on {len(lat)} points: {t:.3f} s")

{"gistar": gistar, "dbscan": dbscan}[sys.argv[1]](sys.argv[2])
