"""Peers for `selat-bench sea`: an exact shortest-path reference and the `searoute` package.

Reads the pairs Selat routed (CSV from `selat-bench sea --out DIR`), and for each pair computes
  * the exact shortest path by water keeping the same clearance from the same GSHHG polygons:
    the land is buffered by the clearance in the same gnomonic plane (straight = great circle),
    a visibility graph is built over every convex vertex of the buffered land (bitangent legs
    only, checked with Shapely against the land buffered by clearance - 0.5 m), and Dijkstra
    (scipy) finds the shortest path; its length is measured geodesically with geographiclib;
  * searoute's route (its global shipping-lane graph) and whether that route crosses land.
Writes a CSV with every figure and prints a summary.
"""
import csv
import json
import math
import sys
import time

import numpy as np
import shapely
from geographiclib.geodesic import Geodesic
from pyproj import Transformer
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra
from shapely.geometry import LineString, Point, shape
from shapely.ops import unary_union

GEOD = Geodesic.WGS84
R1 = 6371008.771415


def geodesic_length(lonlat):
    return sum(GEOD.Inverse(a[1], a[0], b[1], b[0])["s12"] for a, b in zip(lonlat, lonlat[1:]))


class Reference:
    """Exact visibility-graph shortest paths round the land buffered by `clearance`.

    For a pair A, B whose route Selat measured as L, every shorter path lies inside the ellipse
    |A-p| + |p-B| <= L (with a margin for the plane's scale), so only the convex vertices of the
    buffered land inside that ellipse can be turning points of the exact shortest path: the
    visibility graph is built over those alone. The result is still exact.
    """

    def __init__(self, land, clearance, centre):
        lon0, lat0 = centre
        crs = f"+proj=gnom +lat_0={lat0} +lon_0={lon0} +R={R1} +units=m"
        self.fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        self.inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        proj = [shapely.transform(p, lambda xy: np.column_stack(self.fwd.transform(xy[:, 0], xy[:, 1]))) for p in land]
        buffered = unary_union([p.buffer(clearance, quad_segs=8) for p in proj])
        # chords of the buffer's arcs sag by clearance * (1 - cos(pi/32)) < 0.5 % inside the circle
        self.blocking = [p.buffer(clearance * 0.99 - 0.5, quad_segs=8) for p in proj]
        self.tree = shapely.STRtree(self.blocking)
        geoms = list(buffered.geoms) if hasattr(buffered, "geoms") else [buffered]
        nodes, prevs, nexts = [], [], []
        for g in geoms:
            g = shapely.geometry.polygon.orient(g, 1.0)
            for ring in [g.exterior] + list(g.interiors):
                pts = np.asarray(ring.coords)[:-1]
                a = pts - np.roll(pts, 1, axis=0)
                b = np.roll(pts, -1, axis=0) - pts
                convex = a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0] > 1e-9
                nodes.append(pts[convex])
                prevs.append(np.roll(pts, 1, axis=0)[convex])
                nexts.append(np.roll(pts, -1, axis=0)[convex])
        self.nodes = np.vstack(nodes)
        self.prev = np.vstack(prevs)
        self.next = np.vstack(nexts)

    def _tangent(self, idx, d):
        v = self.nodes[idx]
        cp = d[:, 0] * (self.prev[idx][:, 1] - v[:, 1]) - d[:, 1] * (self.prev[idx][:, 0] - v[:, 0])
        cq = d[:, 0] * (self.next[idx][:, 1] - v[:, 1]) - d[:, 1] * (self.next[idx][:, 0] - v[:, 0])
        return cp * cq >= -1e-9

    def _blocked(self, a, b):
        """For segments a[k]-b[k]: whether each comes nearer the land than the clearance allows."""
        if len(a) == 0:
            return np.zeros(0, dtype=bool)
        lines = shapely.linestrings(np.stack([a, b], axis=1))
        hit = self.tree.query(lines, predicate="intersects")
        blocked = np.zeros(len(a), dtype=bool)
        blocked[np.unique(hit[0])] = True
        return blocked

    def route(self, a_lonlat, b_lonlat, bound_m):
        """The exact path (lon/lat list) or None; `bound_m` is an upper bound on its planar length."""
        a = np.array(self.fwd.transform(*a_lonlat))
        b = np.array(self.fwd.transform(*b_lonlat))
        if not self._blocked(a[None, :], b[None, :])[0]:
            return self._lonlat([a, b]), 0
        inside = np.nonzero(np.hypot(*(self.nodes - a).T) + np.hypot(*(self.nodes - b).T) <= bound_m)[0]
        n = len(inside)
        pts = np.vstack([self.nodes[inside], a[None, :], b[None, :]])
        rows, cols = [], []
        for i in range(n):
            js = np.arange(i + 1, n)
            d = pts[js] - pts[i]
            ok = self._tangent(inside[[i] * len(js)], d) & self._tangent(inside[js], d)
            js = js[ok]
            rows.append(np.full(len(js), i))
            cols.append(js)
        for k in (n, n + 1):  # the ends see any vertex whose leg is tangent there
            d = pts[:n] - pts[k]
            js = np.nonzero(self._tangent(inside, d))[0]
            rows.append(np.full(len(js), k))
            cols.append(js)
        r = np.concatenate(rows)
        c = np.concatenate(cols)
        keep = np.zeros(len(r), dtype=bool)
        step = 200000
        for s in range(0, len(r), step):
            keep[s:s + step] = ~self._blocked(pts[r[s:s + step]], pts[c[s:s + step]])
        r, c = r[keep], c[keep]
        w = np.hypot(*(pts[r] - pts[c]).T)
        m = coo_matrix((w, (r, c)), shape=(n + 2, n + 2)).tocsr()
        dist, pred = dijkstra(m, directed=False, indices=n, return_predecessors=True)
        if not np.isfinite(dist[n + 1]):
            return None, n
        seq = [n + 1]
        while seq[-1] != n:
            seq.append(pred[seq[-1]])
        return self._lonlat([pts[k] for k in reversed(seq)]), n

    def _lonlat(self, path):
        lon, lat = self.inv.transform([p[0] for p in path], [p[1] for p in path])
        return list(zip(lon, lat))


def main():
    pairs_csv, coast_path, out_csv = sys.argv[1], sys.argv[2], sys.argv[3]
    rows = list(csv.DictReader(open(pairs_csv)))
    land = [shape(f["geometry"]) for f in json.load(open(coast_path))["features"]]
    land_union = shapely.STRtree(land)
    clearance = float(rows[0]["clearance_m"])
    centre = (float(rows[0]["centre_lon"]), float(rows[0]["centre_lat"]))
    results = []
    t = time.time()
    reference = Reference(land, clearance, centre)
    print(f"reference: land buffered by {clearance} m, {len(reference.nodes)} convex vertices, {time.time() - t:.1f} s",
          flush=True)
    try:
        import searoute
    except ImportError:
        searoute = None
    for r in rows:
        a = (float(r["lon1"]), float(r["lat1"]))
        b = (float(r["lon2"]), float(r["lat2"]))
        t = time.time()
        # Selat's route is a valid path, so the exact one is no longer; 2 % covers the plane's scale.
        ref, considered = reference.route(a, b, float(r["selat_nm"]) * 1852 * 1.02 + 10)
        ref_seconds = time.time() - t
        ref_m = geodesic_length(ref) if ref else float("nan")
        sr_m, sr_cross = float("nan"), ""
        if searoute is not None:
            feature = searoute.searoute(list(a), list(b), units="m")
            coords = feature["geometry"]["coordinates"]
            if len(coords) < 2:
                sr_cross = "no route"
            else:
                line = LineString(coords)
                sr_m = geodesic_length(coords)
                sr_cross = "yes" if any(land[k].intersection(line).length > 0 for k in land_union.query(line, predicate="intersects")) else "no"
        results.append(dict(id=r["id"], kind=r["kind"], selat_nm=float(r["selat_nm"]), reference_nm=ref_m / 1852,
                            searoute_nm=sr_m / 1852, searoute_crosses_land=sr_cross,
                            reference_vertices=considered, reference_s=round(ref_seconds, 3)))
        if len(results) % 20 == 0:
            print(f"  {len(results)} pairs done", flush=True)
    with open(out_csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(results[0].keys()))
        w.writeheader()
        w.writerows(results)
    for kind in sorted({x["kind"] for x in results}):
        sub = [x for x in results if x["kind"] == kind and math.isfinite(x["reference_nm"])]
        excess = sorted(100 * (x["selat_nm"] / x["reference_nm"] - 1) for x in sub)
        sr = [x for x in results if x["kind"] == kind]
        crossing = sum(1 for x in sr if x["searoute_crosses_land"] == "yes")
        sr_excess = sorted(100 * (x["searoute_nm"] / x["reference_nm"] - 1) for x in sub if math.isfinite(x["searoute_nm"]))
        print(f"{kind}: {len(sub)} pairs; Selat vs exact: median {np.median(excess):+.3f} %, "
              f"worst {max(excess):+.3f} %, best {min(excess):+.3f} %; "
              f"searoute: median {np.median(sr_excess) if sr_excess else float('nan'):+.2f} % vs exact, "
              f"{crossing}/{len(sr)} routes cross land")


if __name__ == "__main__":
    main()
