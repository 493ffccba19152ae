#!/usr/bin/env python3
"""Builds GeoData/ from GSHHG full resolution (through GMT) and ../shared/reference/.

Run through Tools/make-geodata.sh, which installs gmt + gmt-gshhg-full if missing and creates the
virtualenv (shapely, geographiclib). Deterministic: same inputs, same files.

Coastline method
  1. `gmt coast -Df -M -W -A0/1/1` (level 1: land/ocean shorelines) and `-A0/2/2` (level 2: lake
     shores) dump GSHHG's full-resolution shorelines for the box, clipped to it.
  2. All that linework plus the box outline is polygonized (Shapely), giving every face.
  3. Each face is classified with GMT itself: a point inside it goes through `gmt select -Df
     -Ns/k/s/s/s` (keep land, level 1; drop ocean, lakes and islands in lakes).
  4. Land faces, with lakes as holes, are oriented per RFC 7946 (exterior counter-clockwise),
     checked valid, and measured (geodesic area on WGS84 with geographiclib).
"""
import csv, json, math, os, struct, subprocess, sys
from shapely.geometry import LineString, Polygon, Point, box, mapping
from shapely.geometry.polygon import orient
from shapely.ops import polygonize, unary_union
from geographiclib.geodesic import Geodesic

WEST, EAST, SOUTH, NORTH = 103.0, 109.8, -1.6, 5.4
REGION = f"-R{WEST}/{EAST}/{SOUTH}/{NORTH}"

# Names of the islands and coasts people will ask about, each with a point on it (compiled from
# public maps; a name goes to the GSHHG polygon containing its point).
NAMES = [
    ("Batam", 1.08, 104.03), ("Bintan", 1.10, 104.50), ("Karimun Besar", 1.05, 103.40),
    ("Kundur", 0.78, 103.42), ("Rempang", 0.90, 104.15), ("Galang", 0.75, 104.22),
    ("Lingga", -0.18, 104.62), ("Singkep", -0.50, 104.45),
    ("Natuna Besar", 3.90, 108.20), ("Jemaja", 2.93, 105.76), ("Siantan", 3.20, 106.25),
    ("Singapore (Pulau Ujong)", 1.35, 103.82), ("Sentosa", 1.249, 103.83), ("Pulau Tekong", 1.41, 104.05),
    ("Peninsular Malaysia (Johor)", 1.70, 103.70), ("Sumatra", -0.50, 103.05),
    ("Kalimantan (Borneo)", 1.20, 109.50), ("Pulau Nipa", 1.153, 103.653),
]

def run(args, stdin=None):
    return subprocess.run(args, input=stdin, capture_output=True, text=True, check=True).stdout

def shore_lines(level):
    out = run(["gmt", "coast", REGION, "-Df", "-M", "-W", f"-A0/{level}/{level}"])
    lines, cur = [], []
    for row in out.splitlines():
        if row.startswith(">"):
            if len(cur) > 1: lines.append(LineString(cur))
            cur = []
        elif row.strip():
            x, y = map(float, row.split()[:2])
            cur.append((x, y))
    if len(cur) > 1: lines.append(LineString(cur))
    return lines

def geodesic_area_km2(poly):
    g = Geodesic.WGS84
    def ring_area(coords):
        p = g.Polygon()
        for x, y in coords[:-1]: p.AddPoint(y, x)
        _, _, area = p.Compute(False, True)
        return abs(area)
    a = ring_area(list(poly.exterior.coords)) - sum(ring_area(list(r.coords)) for r in poly.interiors)
    return a / 1e6

def main(root, reference):
    land, lakes = shore_lines(1), shore_lines(2)
    outline = box(WEST, SOUTH, EAST, NORTH).exterior
    faces = list(polygonize(unary_union(land + lakes + [outline])))
    points = [f.representative_point() for f in faces]
    # Each point carries its face's index as trailing text, which gmt select passes through.
    text = "\n".join(f"{p.x:.9f} {p.y:.9f} face{i}" for i, p in enumerate(points)) + "\n"
    out = run(["gmt", "select", REGION, "-Df", "-Ns/k/s/s/s"], stdin=text)
    kept = {int(row.split()[-1][4:]) for row in out.splitlines() if row.strip()}
    land_faces = [orient(f, 1.0) for i, f in enumerate(faces) if i in kept]
    for f in land_faces:
        assert f.is_valid, f"invalid polygon near {f.representative_point()}"
    land_faces.sort(key=lambda f: (-f.area, f.bounds))
    features, names = [], {}
    for name, lat, lon in NAMES:
        pt = Point(lon, lat)
        hit = next((i for i, f in enumerate(land_faces) if f.contains(pt)), None)
        if hit is None:
            print(f"warning: name {name}: its point {lat},{lon} is on no GSHHG land polygon; not used", file=sys.stderr)
            continue
        if hit in names: sys.exit(f"names {names[hit]} and {name} fall on the same polygon; fix the name table")
        names[hit] = name
    for i, f in enumerate(land_faces):
        props = {"id": i, "area_km2": round(geodesic_area_km2(f), 6)}
        if i in names: props["name"] = names[i]
        features.append({"type": "Feature", "properties": props, "geometry": _geom(f)})
    geo = {"type": "FeatureCollection",
           "bbox": [WEST, SOUTH, EAST, NORTH],
           "features": features}
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "coastline.geojson"), "w") as fh:
        json.dump(geo, fh, separators=(",", ":"))
        fh.write("\n")
    write_binary(os.path.join(root, "coastline.bin"), land_faces, features)
    nv = sum(len(f.exterior.coords) + sum(len(r.coords) for r in f.interiors) for f in land_faces)
    print(f"coastline: {len(land_faces)} land polygons, {sum(len(f.interiors) for f in land_faces)} lakes as holes, "
          f"{nv} vertices, from {len(land)} shore lines and {len(lakes)} lake lines")
    write_places(root, reference)

def _geom(f):
    r = lambda c: [[round(x, 7), round(y, 7)] for x, y in c]
    return {"type": "Polygon", "coordinates": [r(f.exterior.coords)] + [r(i.coords) for i in f.interiors]}

def write_binary(path, faces, features):
    """Little-endian: magic 'SLCO', version u32, polygon count u32; per polygon: id u32, area_km2 f64,
    name length u16 + UTF-8, ring count u32, per ring: vertex count u32 then lon/lat f64 pairs
    (rings closed, exterior first)."""
    with open(path, "wb") as fh:
        fh.write(b"SLCO" + struct.pack("<II", 1, len(faces)))
        for f, feat in zip(faces, features):
            name = feat["properties"].get("name", "").encode()
            fh.write(struct.pack("<Id", feat["properties"]["id"], feat["properties"]["area_km2"]))
            fh.write(struct.pack("<H", len(name)) + name)
            rings = [list(f.exterior.coords)] + [list(r.coords) for r in f.interiors]
            fh.write(struct.pack("<I", len(rings)))
            for ring in rings:
                fh.write(struct.pack("<I", len(ring)))
                fh.write(struct.pack(f"<{2*len(ring)}d", *[v for xy in ring for v in xy]))

def write_places(root, reference):
    def rows(name):
        with open(os.path.join(reference, name), newline="") as fh:
            return list(csv.DictReader(fh))
    def point_feature(lon, lat, props):
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
    ports = [point_feature(float(r["lon"]), float(r["lat"]), {"kind": "port", "name": r["name"], "port_kind": r["kind"],
                                                           "country": r["country"], "source": r["source"], "notes": r["notes"]})
             for r in rows("ports.csv") if r["lat"].strip() and r["lon"].strip()]
    bases = [point_feature(float(r["lon"]), float(r["lat"]), {"kind": "base", "name": r["name"], "agency": r["agency"],
                                                           "precision": r["precision"], "source": r["source"]})
             for r in rows("bases.csv") if r["lat"].strip() and r["lon"].strip()]
    skipped = [r["name"] for r in rows("ports.csv") + rows("bases.csv") if not (r["lat"].strip() and r["lon"].strip())]
    for name, feats in (("ports.geojson", ports), ("bases.geojson", bases)):
        with open(os.path.join(root, name), "w") as fh:
            json.dump({"type": "FeatureCollection", "features": feats}, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    # Boundaries: each boundary's turning points in file order, as one LineString with its sources.
    lines = {}
    for r in rows("boundaries.csv"):
        if not (r["lat"].strip() and r["lon"].strip()): continue
        lines.setdefault(r["boundary"], []).append(r)
    feats = []
    for name, pts in lines.items():
        if len(pts) < 2: continue
        feats.append({"type": "Feature", "geometry": {"type": "LineString",
                      "coordinates": [[float(p["lon"]), float(p["lat"])] for p in pts]},
                      "properties": {"name": name, "points": [p["point"] for p in pts],
                                     "agreement": pts[0]["agreement"], "datum": sorted({p["datum"] for p in pts}),
                                     "sources": sorted({p["source"] for p in pts})}})
    with open(os.path.join(root, "boundaries.geojson"), "w") as fh:
        json.dump({"type": "FeatureCollection", "features": feats}, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    write_jurisdiction(root, rows("boundaries.csv"))
    lanes = rows("lanes.csv")
    with open(os.path.join(root, "lanes.geojson"), "w") as fh:
        json.dump({"type": "FeatureCollection", "features": []}, fh)
        fh.write("\n")
    print(f"places: {len(ports)} ports, {len(bases)} bases, {len(feats)} boundary lines, {len(lanes)} lane points; "
          f"no coordinate (kept out): {', '.join(skipped) or 'none'}")

# Indonesia's limit in this area as chains of turning points, walked so that Indonesia is always on
# the right-hand side. Each segment takes the status of the boundary its far end belongs to.
CHAINS = [
    ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "L1", "1C", "1B", "1A", "1", "2", "3", "4", "5", "6",
     "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13", "E14", "E15", "E16", "E17"],
    ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10"],
]

def segment_status(boundary):
    if "western segment" in boundary:
        return "treaty", "Singapore", "Indonesia-Singapore territorial sea, 2009 treaty (western segment)"
    if boundary.startswith("Indonesia-Singapore territorial sea"):
        return "proxy", "Singapore", "Indonesia-Singapore territorial sea, 1973 agreement (points from the WPP-711 limit; check against LIS 60)"
    if "Malacca" in boundary:
        return "proxy", "Malaysia", "Indonesia-Malaysia line, southern Malacca Strait (WPP-571 limit; 1969/1970 lines not verified)"
    if "South China Sea" in boundary:
        return "proxy", "Malaysia", "Indonesia-Malaysia continental shelf, South China Sea (WPP-711 limit; 1969 line not verified)"
    return "regulatory", "Singapore or Malaysia", "Indonesian WPP-711 fisheries limit (a regulatory line, NOT an agreed boundary)"

def write_jurisdiction(root, rows):
    points = {r["point"]: r for r in rows if r["lat"].strip() and r["lon"].strip()}
    feats = []
    for chain_id, chain in enumerate(CHAINS):
        missing = [p for p in chain if p not in points]
        if missing: sys.exit(f"boundary points missing from the reference: {missing}")
        for i in range(len(chain) - 1):
            a, b = points[chain[i]], points[chain[i + 1]]
            status, other, label = segment_status(b["boundary"])
            feats.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [
                [float(a["lon"]), float(a["lat"])], [float(b["lon"]), float(b["lat"])]]},
                "properties": {"chain": chain_id, "order": i, "from": chain[i], "to": chain[i + 1],
                               "status": status, "other_side": other, "boundary": label, "source": b["source"]}})
    with open(os.path.join(root, "jurisdiction.geojson"), "w") as fh:
        json.dump({"type": "FeatureCollection", "features": feats}, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"jurisdiction: {len(feats)} boundary segments in {len(CHAINS)} chains (Indonesia on the right)")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
