#!/usr/bin/env python3
"""Generate the Amu Darya board (assets/map/board.ron) from Natural Earth boundaries.

Standard library only.  Usage:

    python3 tools/make_board.py --data ../shared/data/naturalearth \\
        --config tools/board-config.json --out assets/map/board.ron

Pipeline:
 1. Load the source polygons ("atoms"): Afghan provinces (admin-1) and country
    outlines (admin-0), outer rings only, small islands/exclaves dropped.  China and
    Russia are clipped to a lon/lat box (the clipped edge is not a border).
 2. Snap lone vertices lying within `snap_km` of another atom's vertex, and insert a
    vertex into a neighbour's edge where one side of a border has a vertex the other
    lacks (within `node_km`), so that both sides of every border coincide.
 3. Build a planar edge graph: an edge used by two atoms of the same game region is
    interior (dropped); otherwise it belongs to one or two regions.  Chaining a
    region's boundary edges gives its unioned outline.
 4. Split the boundary graph into arcs at junctions (degree != 2 or a change of
    neighbour), simplify each arc once with Douglas-Peucker, and keep the same
    vertices in every ring that uses the arc: shared borders stay gap-free.  Where
    simplified lines would cross, dropped vertices are restored.
 5. Each pair of regions sharing at least `min_border_km` of arcs is a border;
    its length is geodesic (haversine) along the unsimplified arcs.
 6. Write RON.  The output is deterministic (sorted or insertion-ordered iteration).
"""
import argparse
import heapq
import json
import math
import os
import sys
from collections import defaultdict

KIND_ORDER = {"Afghan": 0, "State": 1, "Neighbour": 2, "Outside": 3}


# ----------------------------------------------------------------------------- geometry

def signed_area(ring):
    """Shoelace area of a ring of (x, y); positive when counter-clockwise."""
    n = len(ring)
    return 0.5 * sum(ring[i][0] * ring[(i + 1) % n][1] - ring[(i + 1) % n][0] * ring[i][1]
                     for i in range(n))


def seg_dist(p, a, b):
    """Distance from p to segment ab, and the closest point."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / ll))
    q = (a[0] + t * dx, a[1] + t * dy)
    return math.hypot(p[0] - q[0], p[1] - q[1]), q


def point_in_ring(p, ring):
    """Even-odd point-in-polygon test."""
    inside = False
    for i in range(len(ring)):
        a, b = ring[i - 1], ring[i]
        if (a[1] > p[1]) != (b[1] > p[1]) and p[0] < a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]):
            inside = not inside
    return inside


class Projection:
    """Spherical Lambert azimuthal equal-area projection, output in km (x east, y north)."""

    def __init__(self, lon0, lat0, radius):
        self.l0, self.p0, self.r = math.radians(lon0), math.radians(lat0), radius

    def __call__(self, lon, lat):
        l, p = math.radians(lon) - self.l0, math.radians(lat)
        cos_c = math.sin(self.p0) * math.sin(p) + math.cos(self.p0) * math.cos(p) * math.cos(l)
        k = self.r * math.sqrt(2.0 / (1.0 + cos_c))
        return (k * math.cos(p) * math.sin(l),
                k * (math.cos(self.p0) * math.sin(p) - math.sin(self.p0) * math.cos(p) * math.cos(l)))

    def geodesic(self, a, b):
        """Great-circle distance in km between two (lon, lat) points."""
        la1, la2 = math.radians(a[1]), math.radians(b[1])
        h = (math.sin((la2 - la1) / 2) ** 2
             + math.cos(la1) * math.cos(la2) * math.sin(math.radians(b[0] - a[0]) / 2) ** 2)
        return 2 * self.r * math.asin(min(1.0, math.sqrt(h)))


def clip_ring_to_box(ring, box):
    """Clip a counter-clockwise lon/lat ring to a rectangle (Weiler-Atherton for a box).

    Returns a list of rings.  Walks along the box edge are densified every `step_deg`
    degrees so that they stay curved after projection.
    """
    x0, x1, y0, y1 = box["lon_min"], box["lon_max"], box["lat_min"], box["lat_max"]
    w, h = x1 - x0, y1 - y0
    perim = 2 * (w + h)
    inside = lambda p: x0 < p[0] < x1 and y0 < p[1] < y1

    def liang_barsky(p, q):  # parameter range of segment pq inside the box, or None
        t0, t1, dx, dy = 0.0, 1.0, q[0] - p[0], q[1] - p[1]
        for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
            if pk == 0 and qk < 0:
                return None
            if pk < 0:
                t0 = max(t0, qk / pk)
            elif pk > 0:
                t1 = min(t1, qk / pk)
        return (t0, t1) if t0 < t1 else None

    def param(p):  # position along the box edge, counter-clockwise from (x0, y0)
        d = [abs(p[1] - y0), abs(p[0] - x1), abs(p[1] - y1), abs(p[0] - x0)]
        return [p[0] - x0, w + p[1] - y0, w + h + x1 - p[0], 2 * w + h + y1 - p[1]][d.index(min(d))]

    def at(t):
        t %= perim
        for start, (ax, ay), (ux, uy) in ((0, (x0, y0), (1, 0)), (w, (x1, y0), (0, 1)),
                                           (w + h, (x1, y1), (-1, 0)), (2 * w + h, (x0, y1), (0, -1))):
            if t <= start + (w if ux else h):
                return (ax + ux * (t - start), ay + uy * (t - start))

    def walk(ta, tb):  # box points strictly between ta and tb, counter-clockwise
        span = (tb - ta) % perim
        ts = {0.0, w, w + h, 2 * w + h} | {k * box["step_deg"] for k in range(int(perim / box["step_deg"]) + 1)}
        return [at(ta + d) for d in sorted((t - ta) % perim for t in ts) if 1e-9 < d < span - 1e-9]

    if all(inside(p) for p in ring):
        return [ring]
    start = next(i for i, p in enumerate(ring) if not inside(p))
    r = ring[start:] + ring[:start]
    runs, cur = [], None  # pieces of the ring inside the box, entry to exit
    for i, p in enumerate(r):
        q = r[(i + 1) % len(r)]
        lb = liang_barsky(p, q)
        if lb is None:
            continue
        lerp = lambda t: (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
        if lb[0] > 0:
            cur = [lerp(lb[0])]
        if lb[1] < 1:
            runs.append(cur + [lerp(lb[1])])
        else:
            cur.append(q)
    if not runs:
        return [walk(0.0, perim)] if point_in_ring(((x0 + x1) / 2, (y0 + y1) / 2), ring) else []
    out, used = [], set()
    for i in range(len(runs)):
        ring_out, j = [], i
        while j not in used:  # follow exit -> next entry counter-clockwise along the box
            used.add(j)
            ring_out += runs[j]
            te = param(runs[j][-1])
            k = min(range(len(runs)), key=lambda m: ((param(runs[m][0]) - te) % perim, m))
            ring_out += walk(te, param(runs[k][0]))
            j = k
        if ring_out:
            out.append(ring_out)
    return out


def douglas_peucker(pts, tol):
    """Indices kept by Douglas-Peucker on an open polyline (endpoints always kept)."""
    keep, stack = {0, len(pts) - 1}, [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        d, k = max((seg_dist(pts[k], pts[i], pts[j])[0], k) for k in range(i + 1, j))
        if d > tol:
            keep.add(k)
            stack += [(i, k), (k, j)]
    return keep


def polylabel(ring, precision=1.0):
    """Pole of inaccessibility of a polygon ring (Mapbox's polylabel algorithm)."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    minx, miny, maxx, maxy = min(xs), min(ys), max(xs), max(ys)
    size = min(maxx - minx, maxy - miny)
    if size <= 0:
        return ring[0]
    heap = []

    def push(x, y, half):
        d = min(seg_dist((x, y), ring[i - 1], ring[i])[0] for i in range(len(ring)))
        d = d if point_in_ring((x, y), ring) else -d
        heapq.heappush(heap, (-(d + half * math.sqrt(2)), len(heap), x, y, half, d))
        return d, x, y

    for i in range(int((maxx - minx) / size) + 1):
        for j in range(int((maxy - miny) / size) + 1):
            push(minx + (i + 0.5) * size, miny + (j + 0.5) * size, size / 2)
    best = push((minx + maxx) / 2, (miny + maxy) / 2, 0)
    while heap:
        neg_max, _, x, y, half, d = heapq.heappop(heap)
        best = max(best, (d, x, y))
        if -neg_max - best[0] > precision:
            for dx in (-half / 2, half / 2):
                for dy in (-half / 2, half / 2):
                    push(x + dx, y + dy, half / 2)
    return best[1], best[2]


# ----------------------------------------------------------------------------- loading

def load_rings(path):
    """Outer rings (lon/lat, counter-clockwise, not closed) of a GeoJSON Feature."""
    with open(path, encoding="utf-8") as f:
        geom = json.load(f)["geometry"]
    rings = []
    for poly in geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]:
        ring = [tuple(c[:2]) for c in poly[0]]
        ring = ring[:-1] if ring[0] == ring[-1] else ring
        rings.append(ring if signed_area(ring) > 0 else ring[::-1])
    return rings


def load_atoms(cfg, data, proj):
    """Source polygons as (atom id, region id, ring of (lon, lat) vertex keys)."""
    with open(os.path.join(data, "regions", "index.json"), encoding="utf-8") as f:
        provinces = sorted(e["region_code"] for e in json.load(f) if e["country_a2"] == "AF")
    if sorted(p for r in cfg["regions"] for p in r.get("provinces", [])) != provinces:
        sys.exit("the grouping must use each of the %d Afghan provinces exactly once" % len(provinces))
    atoms = []
    for reg in cfg["regions"]:
        if reg["kind"] == "Afghan":
            sources = [(p, os.path.join(data, "regions", p + ".json")) for p in reg["provinces"]]
        else:
            sources = [(reg["country"], os.path.join(data, "countries", reg["country"] + ".json"))]
        for atom, path in sources:
            rings = load_rings(path)
            for ring in rings:
                for piece in clip_ring_to_box(ring, cfg["clip_box"]) if reg.get("clip") else [ring]:
                    # drop islands and exclaves, never a whole single-polygon atom
                    if len(rings) == 1 or signed_area([proj(*p) for p in piece]) >= cfg["min_polygon_km2"]:
                        atoms.append((atom, reg["id"], piece))
    return atoms


# ----------------------------------------------------------------------------- topology

def vertex_index(atoms, proj, cell):
    """Owners of each vertex key, projected positions, and a grid of vertices."""
    owners, grid = defaultdict(set), defaultdict(list)
    for atom, _, ring in atoms:
        for p in ring:
            owners[p].add(atom)
    xy = {p: proj(*p) for p in owners}
    for p in sorted(owners):
        grid[(int(xy[p][0] // cell), int(xy[p][1] // cell))].append(p)
    return owners, xy, grid


def snap(atoms, proj, tol):
    """Map each vertex used by one atom only onto the nearest vertex of another atom
    within `tol` km (clusters keep their most shared vertex)."""
    owners, xy, grid = vertex_index(atoms, proj, tol)
    parent = {}

    def find(p):
        while parent.get(p, p) != p:
            p = parent[p]
        return p

    for p in sorted(owners):
        if len(owners[p]) != 1:
            continue
        gx, gy = int(xy[p][0] // tol), int(xy[p][1] // tol)
        near = [(math.dist(xy[p], xy[q]), q) for i in (-1, 0, 1) for j in (-1, 0, 1)
                for q in grid[(gx + i, gy + j)] if not owners[p] & owners[q]]
        near = [x for x in near if x[0] <= tol]
        if near:
            roots = sorted({find(p), find(min(near)[1])}, key=lambda v: (-len(owners[v]), v))
            if len(roots) == 2:
                parent[roots[1]] = roots[0]
    return {p: find(p) for p in owners if find(p) != p}


def node_rings(atoms, proj, tol):
    """Insert vertex p of atom X into edge (u, v) of atom Y when p lies within `tol`
    km of the edge and X's ring runs u, p, v: closes slivers along shared borders."""
    cell = 10.0
    owners, xy, grid = vertex_index(atoms, proj, cell)
    ends = {(atom, p): {ring[i - 1], ring[(i + 1) % len(ring)]}
            for atom, _, ring in atoms for i, p in enumerate(ring)}
    out, inserted = [], 0
    for atom, region, ring in atoms:
        new = []
        for i, u in enumerate(ring):
            v = ring[(i + 1) % len(ring)]
            (ux, uy), (vx, vy) = xy[u], xy[v]
            hits = []
            for gx in range(int((min(ux, vx) - tol) // cell), int((max(ux, vx) + tol) // cell) + 1):
                for gy in range(int((min(uy, vy) - tol) // cell), int((max(uy, vy) + tol) // cell) + 1):
                    for p in grid.get((gx, gy), ()):
                        if (atom not in owners[p] and seg_dist(xy[p], xy[u], xy[v])[0] <= tol
                                and any(ends[(x, p)] == {u, v} for x in owners[p])):
                            t = ((xy[p][0] - ux) * (vx - ux) + (xy[p][1] - uy) * (vy - uy)) \
                                / ((vx - ux) ** 2 + (vy - uy) ** 2)
                            hits += [(t, p)] if 0 < t < 1 else []
            new += [u] + [p for _, p in sorted(hits)]
            inserted += len(hits)
        out.append((atom, region, new))
    return out, inserted


def clean_ring(ring):
    """Drop repeated vertices and zero-width spikes (a, b, a), also across the seam."""
    for _ in range(2):
        out = []
        for p in ring:
            if out and out[-1] == p:
                continue
            if len(out) >= 2 and out[-2] == p:
                out.pop()
                continue
            out.append(p)
        ring = out[len(out) // 2:] + out[:len(out) // 2]  # second pass cleans the seam
    return ring if len(ring) >= 3 else []


def edge_usage(atoms):
    """For each undirected edge (u, v), u < v: {region: net direction count != 0}."""
    net = defaultdict(lambda: defaultdict(int))
    for _, region, ring in atoms:
        for i, u in enumerate(ring):
            v = ring[(i + 1) % len(ring)]
            net[min(u, v), max(u, v)][region] += 1 if u < v else -1
    usage = {e: {r: s for r, s in regs.items() if s} for e, regs in net.items()}
    return {e: regs for e, regs in usage.items() if regs}


def region_rings(usage, region):
    """Chain a region's directed boundary edges into rings (its unioned outline)."""
    out_edges = defaultdict(list)
    for (u, v), regs in usage.items():
        if region in regs:
            a, b = (u, v) if regs[region] > 0 else (v, u)
            out_edges[a].append(b)
    for a in out_edges:
        out_edges[a].sort()
    rings = []
    for start in sorted(out_edges):
        while out_edges[start]:
            ring, cur = [start], out_edges[start].pop(0)
            while cur != start:
                if not out_edges[cur]:
                    sys.exit("open boundary in region %s near %s" % (region, cur))
                ring.append(cur)
                cur = out_edges[cur].pop(0)
            rings.append(ring)
    return rings


def build_arcs(usage, order):
    """Split the boundary graph into arcs between junctions: [((region, region|None), keys)]."""
    incident, label = defaultdict(list), {}
    for e, regs in usage.items():
        incident[e[0]].append(e)
        incident[e[1]].append(e)
        names = sorted(regs, key=order.get) + [None]
        if len(names) > 3:
            print("warning: edge shared by %s" % names[:-1], file=sys.stderr)
        label[e] = (names[0], names[1])
    nodes = {p for p, es in incident.items() if len(es) != 2 or label[es[0]] != label[es[1]]}
    visited, arcs = set(), []

    def walk(start, edge):
        path, cur = [start], start
        while True:
            visited.add(edge)
            cur = edge[1] if edge[0] == cur else edge[0]
            path.append(cur)
            if cur in nodes or cur == start:
                return path
            edge = next(x for x in incident[cur] if x != edge)

    for n in sorted(nodes):
        arcs += [(label[e], walk(n, e)) for e in sorted(incident[n]) if e not in visited]
    for e in sorted(usage):  # closed loops without any junction
        if e not in visited:
            arcs.append((label[e], walk(e[0], e)))
    return arcs


def crossing_segments(lines):
    """(line index, segment index) of every segment properly crossing another one."""
    cell, grid = 50.0, defaultdict(list)
    for i, pts in enumerate(lines):
        for k in range(len(pts) - 1):
            a, b = pts[k], pts[k + 1]
            for gx in range(int(min(a[0], b[0]) // cell), int(max(a[0], b[0]) // cell) + 1):
                for gy in range(int(min(a[1], b[1]) // cell), int(max(a[1], b[1]) // cell) + 1):
                    grid[(gx, gy)].append((i, k, a, b))
    orient = lambda p, q, r: (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    bad = set()
    for segs in grid.values():
        for x, (i, k, a, b) in enumerate(segs):
            for j, m, c, d in segs[x + 1:]:
                if len({a, b, c, d}) == 4 and orient(a, b, c) * orient(a, b, d) < 0 \
                        and orient(c, d, a) * orient(c, d, b) < 0:
                    bad |= {(i, k), (j, m)}
    return bad


def simplify_arcs(arcs, xy, tol_of):
    """Vertex keys kept after simplifying every arc once (junctions always kept).

    Where simplified segments cross (another arc or their own), the farthest dropped
    vertex under each crossing segment is put back, until nothing crosses.
    """
    kept_idx = []
    for lab, path in arcs:
        pts, tol = [xy[p] for p in path], tol_of(lab)
        if path[0] == path[-1]:  # closed loop: split at the farthest vertex
            m = max(range(len(pts)), key=lambda i: (math.dist(pts[0], pts[i]), -i))
            idx = douglas_peucker(pts[:m + 1], tol) | {m + i for i in douglas_peucker(pts[m:], tol)}
        else:
            idx = douglas_peucker(pts, tol)
        kept_idx.append(sorted(idx))
    for _ in range(100):
        bad = crossing_segments([[xy[path[i]] for i in idx] for (_, path), idx in zip(arcs, kept_idx)])
        if not bad:
            break
        for i, k in sorted(bad, reverse=True):
            path, idx = arcs[i][1], kept_idx[i]
            a, b = xy[path[idx[k]]], xy[path[idx[k + 1]]]
            inner = range(idx[k] + 1, idx[k + 1])
            if inner:
                far = max(inner, key=lambda j: (seg_dist(xy[path[j]], a, b)[0], -j))
                kept_idx[i] = sorted(set(idx) | {far})
        print("restored %d vertices where simplified lines crossed" % len(bad))
    return {path[i] for (_, path), idx in zip(arcs, kept_idx) for i in idx}


# ----------------------------------------------------------------------------- board

def rnd(p):
    """Round a point to 0.1 km (the precision written to the file)."""
    return (round(p[0], 1) + 0.0, round(p[1], 1) + 0.0)


def dedupe(pts, closed):
    out = [p for i, p in enumerate(pts) if i == 0 or pts[i - 1] != p]
    while closed and len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def build_regions(cfg, proj, usage, xy, kept):
    """Simplified outer rings (largest first), label point and sources of each region."""
    regions = []
    for reg in cfg["regions"]:
        polys = []
        for ring in region_rings(usage, reg["id"]):
            simple = dedupe([rnd(xy[p]) for p in ring if p in kept], closed=True)
            if signed_area([xy[p] for p in ring]) > 0 and len(simple) >= 3 and signed_area(simple) > 0:
                polys.append(simple)
        polys.sort(key=lambda r: (-signed_area(r), r))
        # The label point: the pole of inaccessibility of the largest ring, unless the
        # config places it ("anchor": [lon, lat]) to keep neighbouring names apart.
        anchor = reg.get("anchor")
        centroid = rnd(proj(*anchor)) if anchor else polylabel(polys[0], 1.0)
        regions.append({"id": reg["id"], "name": reg["name"], "label": reg.get("label"),
                        "kind": reg["kind"], "centroid": centroid, "polygons": polys,
                        "provinces": reg.get("provinces") or [reg["country"]]})
    return regions


def chain_line(arcs):
    """Join oriented arcs end to start; returns the longest chain and the pieces left over."""
    rest = sorted(arcs, key=lambda a: (-len(a), a))
    line = rest.pop(0)
    while True:
        a = next((a for a in rest if a[0] == line[-1] or a[-1] == line[0]), None)
        if a is None:
            return line, rest
        rest.remove(a)
        line = line + a[1:] if a[0] == line[-1] else a[:-1] + line


def build_borders(cfg, proj, usage, arcs, xy, kept):
    """Borders between regions sharing at least min_border_km, with config porosity/crossings."""
    regs = {r["id"]: r for r in cfg["regions"]}
    pair_arcs = defaultdict(list)
    for lab, path in arcs:
        if lab[1] is not None:
            pair_arcs[tuple(sorted(lab))].append(path)
    overrides = {}
    for b in cfg["borders"]:
        key = tuple(sorted(b["between"]))
        if key not in pair_arcs:
            sys.exit("config border %s-%s does not exist in the geometry" % key)
        overrides[key] = b
    borders = []
    for (a, b), paths in sorted(pair_arcs.items()):
        length = sum(proj.geodesic(p[i], p[i + 1]) for p in paths for i in range(len(p) - 1))
        if length < cfg["min_border_km"]:
            print("skipped touching pair %s-%s (%.1f km)" % (a, b, length))
            if (a, b) in overrides:
                sys.exit("config border %s-%s is too short" % (a, b))
            continue
        oriented = []  # each arc turned so that region a lies on its left
        for p in paths:
            forward = (usage[min(p[0], p[1]), max(p[0], p[1])][a] > 0) == (p[0] < p[1])
            oriented.append(dedupe([rnd(xy[k]) for k in (p if forward else p[::-1]) if k in kept], False))
        line, rest = chain_line(oriented)
        if rest:
            print("warning: border %s-%s has %d extra piece(s) not drawn" % (a, b, len(rest)))
        kinds = sorted((regs[a]["kind"], regs[b]["kind"]), key=KIND_ORDER.get)
        conf = overrides.get((a, b), {})
        crossings = []
        for c in conf.get("crossings", []):
            target = proj(c["lon"], c["lat"])
            d, at = min(seg_dist(target, line[i], line[i + 1]) for i in range(len(line) - 1))
            print("crossing %-30s %5.1f km from its configured position%s"
                  % (c["name"]["en"], d, "  <-- check" if d > 25 else ""))
            crossings.append({"name": c["name"], "at": at})
        borders.append({"a": a, "b": b, "length_km": int(round(length)), "raw_km": length,
                        "porosity": conf.get("porosity", cfg["porosity_default"]["-".join(kinds)]),
                        "crossings": crossings, "line": line})
    return borders


# ----------------------------------------------------------------------------- output

def num(v):
    s = "%.1f" % v
    return "0.0" if s == "-0.0" else s


def pt(p):
    return "(%s, %s)" % (num(p[0]), num(p[1]))


def quote(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def text(t):
    return "{%s}" % ", ".join("%s: %s" % (quote(k), quote(t[k])) for k in sorted(t))


def points_block(pts, indent, width=100):
    """Points wrapped over several lines, as the body of a RON list."""
    lines, cur = [], indent
    for p in pts:
        s = pt(p) + ","
        if len(cur) + len(s) + 1 > width and cur.strip():
            lines.append(cur.rstrip())
            cur = indent
        cur += s + " "
    return "\n".join(lines + [cur.rstrip()])


def write_ron(path, label, regions, borders):
    """Write the board in the engine's RON shape (field order matters to the reader)."""
    i2, i3, i4 = " " * 8, " " * 12, " " * 16
    o = ["Board(", "    projection: %s," % quote(label), "    regions: ["]
    for r in regions:
        o += [i2 + "(", i3 + "id: %s," % quote(r["id"]), i3 + "name: %s," % text(r["name"])]
        if r["label"]:
            o += [i3 + "label: Some(%s)," % text(r["label"])]
        o += [i3 + "kind: %s," % r["kind"], i3 + "centroid: %s," % pt(r["centroid"]), i3 + "polygons: ["]
        for ring in r["polygons"]:
            o += [i4 + "[", points_block(ring, " " * 20), i4 + "],"]
        o += [i3 + "],", i3 + "provinces: [%s]," % ", ".join(quote(p) for p in r["provinces"]), i2 + "),"]
    o += ["    ],", "    borders: ["]
    for b in borders:
        o += [i2 + "(", i3 + "a: %s," % quote(b["a"]), i3 + "b: %s," % quote(b["b"]),
              i3 + "length_km: %d," % b["length_km"], i3 + "porosity: %d," % b["porosity"]]
        if b["crossings"]:
            o += [i3 + "crossings: ["]
            o += [i4 + "(name: %s, at: %s)," % (text(c["name"]), pt(c["at"])) for c in b["crossings"]]
            o += [i3 + "],"]
        else:
            o += [i3 + "crossings: [],"]
        o += [i3 + "line: [", points_block(b["line"], i4), i3 + "],", i2 + "),"]
    o += ["    ],", ")", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(o))


def report(cfg, regions, borders, out):
    """Print regions, borders and Afghanistan's border lengths against reference figures."""
    for r in regions:
        print("region %-14s %-9s polygons %d, points %d" % (
            r["id"], r["kind"], len(r["polygons"]), sum(len(p) for p in r["polygons"])))
    kind = {r["id"]: r["kind"] for r in regions}
    totals = defaultdict(float)
    for b in borders:
        print("border %-14s %-14s %5d km porosity %d %s" % (
            b["a"], b["b"], b["length_km"], b["porosity"], ", ".join(c["name"]["en"] for c in b["crossings"])))
        sides = [x for x in (b["a"], b["b"]) if kind[x] != "Afghan"]
        if len(sides) == 1:
            totals[sides[0]] += b["raw_km"]
    for k, ref in sorted(cfg["reference_lengths_km"].items()):
        if not k.startswith("_"):
            print("Afghanistan-%-9s computed %5d km, reference %5d km (%+.0f%%)" % (
                k, round(totals[k]), ref, 100 * (totals[k] - ref) / ref))
    print("wrote %s (%d bytes)" % (out, os.path.getsize(out)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="naturalearth folder (countries/, regions/)")
    ap.add_argument("--config", required=True, help="tools/board-config.json")
    ap.add_argument("--out", required=True, help="assets/map/board.ron")
    args = ap.parse_args()
    with open(args.config, encoding="utf-8") as f:
        cfg = json.load(f)
    pc = cfg["projection"]
    proj = Projection(pc["lon0"], pc["lat0"], pc["radius_km"])
    kinds = {r["id"]: r["kind"] for r in cfg["regions"]}
    order = {r["id"]: i for i, r in enumerate(cfg["regions"])}

    atoms = load_atoms(cfg, args.data, proj)
    smap = snap(atoms, proj, cfg["snap_km"])
    atoms = [(a, r, clean_ring([smap.get(p, p) for p in ring])) for a, r, ring in atoms]
    atoms, inserted = node_rings([x for x in atoms if x[2]], proj, cfg["node_km"])
    atoms = [(a, r, clean_ring(ring)) for a, r, ring in atoms]
    print("atoms: %d rings, %d vertices snapped, %d inserted into edges" % (len(atoms), len(smap), inserted))

    usage = edge_usage([x for x in atoms if x[2]])
    xy = {p: proj(*p) for e in usage for p in e}
    arcs = build_arcs(usage, order)
    tol_of = lambda lab: cfg["simplify_km"]["-".join(
        sorted((kinds[r] if r else "Outside" for r in lab), key=KIND_ORDER.get))]
    kept = simplify_arcs(arcs, xy, tol_of)
    print("arcs: %d, vertices kept %d of %d" % (len(arcs), len(kept), len(xy)))

    regions = build_regions(cfg, proj, usage, xy, kept)
    borders = build_borders(cfg, proj, usage, arcs, xy, kept)
    write_ron(args.out, pc["label"], regions, borders)
    report(cfg, regions, borders, args.out)


if __name__ == "__main__":
    main()
