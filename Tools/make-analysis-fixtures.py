"""Writes the reference numbers the SelatAnalysis tests compare with, computed by the peer
libraries (esda/libpysal, scikit-learn, pyproj, pymannkendall). Run through
Tools/make-analysis-fixtures.sh; the outputs are committed, this script is not run by the tests."""
import csv, math, os, sys, warnings
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261123)

# --- Gi* on a hexagonal patch with holes (land) and two planted hot areas -------------------
import libpysal
from esda.getisord import G_Local
from esda import fdr

cells = []
for r in range(-12, 13):
    for q in range(-12, 13):
        if abs(q) + abs(r) + abs(q + r) > 24:
            continue
        if (q - 3) ** 2 + (r + 2) ** 2 < 6:   # an island: no cells
            continue
        cells.append((q, r))
index = {c: i for i, c in enumerate(cells)}
counts = []
for (q, r) in cells:
    lam = 0.6
    for (cq, cr, a) in ((-5, 4, 9.0), (6, 5, 5.0)):
        d2 = (q - cq) ** 2 + (r - cr) ** 2 + (q - cq) * (r - cr)
        lam += a * math.exp(-d2 / 4.0)
    counts.append(int(rng.poisson(lam)))
y = np.array(counts, dtype=float)

def centre(c, spacing=1000.0):
    q, r = c
    return spacing * (q + r / 2), spacing * math.sqrt(3) / 2 * r

adjacent = {}
for i, (q, r) in enumerate(cells):
    adjacent[i] = [index[n] for n in ((q + 1, r), (q + 1, r - 1), (q, r - 1), (q - 1, r), (q - 1, r + 1), (q, r + 1)) if n in index]
band = {}
xy = np.array([centre(c) for c in cells])
for i in range(len(cells)):
    d = np.hypot(xy[:, 0] - xy[i, 0], xy[:, 1] - xy[i, 1])
    band[i] = [int(j) for j in np.nonzero(d <= 2600.0)[0] if j != i]

warnings.simplefilter("ignore")
rows = []
g_adj = G_Local(y, libpysal.weights.W(adjacent, silence_warnings=True), transform="B", star=True, permutations=0)
g_band = G_Local(y, libpysal.weights.W(band, silence_warnings=True), transform="B", star=True, permutations=0)
p_two = 2 * g_adj.p_norm
sig = {}
for alpha in (0.01, 0.05, 0.10):
    cut = fdr(p_two, alpha)
    sig[alpha] = p_two < cut
with open(os.path.join(out, "gistar_hex.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["q", "r", "count", "z_adjacent", "z_band2600", "p_adjacent", "fdr01", "fdr05", "fdr10"])
    for i, (q, r) in enumerate(cells):
        w.writerow([q, r, counts[i], repr(float(g_adj.Zs[i])), repr(float(g_band.Zs[i])), repr(float(p_two[i])),
                    int(sig[0.01][i]), int(sig[0.05][i]), int(sig[0.10][i])])

# --- DBSCAN with the haversine metric --------------------------------------------------------
from sklearn.cluster import DBSCAN
R = 6371008.771415
pts = []
for (lat, lon, n, sd) in ((1.20, 104.05, 400, 0.004), (1.25, 104.10, 300, 0.006), (1.10, 103.90, 250, 0.003),
                          (1.32, 104.22, 120, 0.010), (1.205, 104.062, 150, 0.002)):
    for _ in range(n):
        pts.append((lat + rng.normal(0, sd), lon + rng.normal(0, sd)))
for _ in range(800):
    pts.append((rng.uniform(1.0, 1.4), rng.uniform(103.8, 104.3)))
order = rng.permutation(len(pts))
pts = [pts[i] for i in order]
X = np.radians(np.array(pts))
for eps, mins, name in ((500.0, 10, "dbscan_500_10.csv"), (300.0, 5, "dbscan_300_5.csv")):
    model = DBSCAN(eps=eps / R, min_samples=mins, metric="haversine", algorithm="ball_tree").fit(X)
    core = np.zeros(len(pts), dtype=int)
    core[model.core_sample_indices_] = 1
    with open(os.path.join(out, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["lat", "lon", "label", "core"])
        for (lat, lon), lab, c in zip(pts, model.labels_, core):
            w.writerow([repr(float(lat)), repr(float(lon)), int(lab), int(c)])

# --- Transverse Mercator against PROJ (UTM zones 48N and 49N) --------------------------------
from pyproj import Transformer
with open(os.path.join(out, "..", "..", "SelatGeoTests", "Fixtures", "utm.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["zone", "lat", "lon", "x", "y"])
    for zone, epsg, lo, hi in ((48, 32648, 100.0, 109.9), (49, 32649, 106.0, 115.9)):
        t = Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
        for _ in range(150):
            lat, lon = rng.uniform(-1.6, 5.4), rng.uniform(lo, hi)
            x, yv = t.transform(lon, lat)
            w.writerow([zone, repr(lat), repr(lon), repr(x), repr(yv)])

# --- Mann-Kendall ------------------------------------------------------------------------------
import pymannkendall as mk
series = [
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    [5, 3, 4, 2, 2, 1, 0, 1, -1, -2, -3, -2],
    [2, 2, 2, 3, 3, 1, 1, 4, 4, 4, 2, 5, 5, 6],
    list(np.round(rng.normal(0, 1, 30), 3)),
    list(np.round(np.arange(40) * 0.05 + rng.normal(0, 1, 40), 3)),
    [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1],
]
with open(os.path.join(out, "mann_kendall.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["series", "s", "var_s", "z", "p", "tau", "slope"])
    for s in series:
        res = mk.original_test(s)
        w.writerow([" ".join(repr(float(v)) for v in s), int(res.s), repr(float(res.var_s)), repr(float(res.z)),
                    repr(float(res.p)), repr(float(res.Tau)), repr(float(res.slope))])
print("fixtures written to", out)
