#!/usr/bin/env python3
"""Check assets/map/board.ron and render a PNG preview.  Standard library only.

    python3 tools/check_board.py assets/map/board.ron --png /tmp/board-preview.png

Parses the RON with a small parser (Board shape, field order as the engine expects),
then checks ids, borders, shared vertices along every border (no gaps), slivers,
self-crossing edges, crossings lying on their lines, and prints the file size.
"""
import argparse
import math
import os
import re
import struct
import sys
import zlib
from collections import defaultdict

TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?)|'
                   r'(?P<id>[A-Za-z_]\w*)|(?P<p>[()\[\]{}:,]))', re.S)
OPTIONAL = {"region": ("label",)}
FIELDS = {"Board": ["projection", "regions", "borders"],
          "region": ["id", "name", "label", "kind", "centroid", "polygons", "provinces"],
          "border": ["a", "b", "length_km", "porosity", "crossings", "line"],
          "crossing": ["name", "at"]}
AFGHAN = {"af-badakhshan", "af-northeast", "af-balkh", "af-northwest", "af-herat",
          "af-central", "af-kabul", "af-east", "af-south"}


def parse_ron(src):
    """Parse the subset of RON the board uses.  Structs become (name, [(field, value)])."""
    toks, pos = [], 0
    while pos < len(src):
        if src[pos:].strip() == "":
            break
        m = TOKEN.match(src, pos)
        if not m:
            raise SyntaxError("bad token at %d: %r" % (pos, src[pos:pos + 20]))
        pos = m.end()
        kind = m.lastgroup
        val = m.group(kind)
        if kind == "str":
            val = re.sub(r"\\(.)", r"\1", val[1:-1])
        toks.append((kind, val))
    i = 0

    def peek(k=0):
        return toks[i + k] if i + k < len(toks) else (None, None)

    def expect(v):
        nonlocal i
        if toks[i] != ("p", v):
            raise SyntaxError("expected %r, got %r" % (v, toks[i]))
        i += 1

    def seq(close, item):
        out = []
        while peek() != ("p", close):
            out.append(item())
            if peek() == ("p", ","):
                expect(",")
            elif peek() != ("p", close):
                raise SyntaxError("expected , or %s, got %r" % (close, peek()))
        expect(close)
        return out

    def field():
        nonlocal i
        name = toks[i][1]
        i += 1
        expect(":")
        return (name, value())

    def value():
        nonlocal i
        kind, v = peek()
        if kind in ("str",):
            i += 1
            return v
        if kind == "num":
            i += 1
            return float(v) if "." in v else int(v)
        if kind == "id":
            i += 1
            if v == "Some" and peek() == ("p", "("):
                expect("(")
                inner = value()
                expect(")")
                return inner
            if peek() == ("p", "("):
                expect("(")
                return (v, seq(")", field))
            return ("enum", v)
        if v == "[":
            expect("[")
            return seq("]", value)
        if v == "{":
            expect("{")

            def entry():
                k = value()
                expect(":")
                return (k, value())
            return dict(seq("}", entry))
        if v == "(":
            expect("(")
            if peek()[0] == "id" and peek(1) == ("p", ":"):
                return (None, seq(")", field))
            return tuple(seq(")", value))
        raise SyntaxError("unexpected %r" % (v,))

    out = value()
    if i != len(toks):
        raise SyntaxError("trailing tokens")
    return out


def struct_fields(s, shape, errors):
    names = [f for f, _ in s[1]]
    expected = FIELDS[shape]
    # Optional fields may be left out.
    if [f for f in expected if f in names or f not in OPTIONAL.get(shape, ())] != names:
        errors.append("%s fields %s, expected %s" % (shape, names, FIELDS[shape]))
    return dict(s[1])


def seg_dist(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / ll))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def crosses(a, b, c, d):
    """Proper intersection of segments ab and cd (touching at endpoints is fine)."""
    if len({a, b, c, d}) < 4:
        return False
    o = lambda p, q, r: (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return o(a, b, c) * o(a, b, d) < 0 and o(c, d, a) * o(c, d, b) < 0


def point_in_ring(p, ring):
    inside = False
    for i in range(len(ring)):
        a, b = ring[i], ring[(i + 1) % len(ring)]
        if (a[1] > p[1]) != (b[1] > p[1]) and p[0] < a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]):
            inside = not inside
    return inside


def check(board):
    errors = []
    if board[0] != "Board":
        errors.append("top level is not Board")
    top = struct_fields(board, "Board", errors)
    regions = [struct_fields(r, "region", errors) for r in top["regions"]]
    borders = [struct_fields(b, "border", errors) for b in top["borders"]]
    ids = [r["id"] for r in regions]
    if len(set(ids)) != len(ids):
        errors.append("duplicate region ids")
    if {r["id"] for r in regions if r["kind"] == ("enum", "Afghan")} != AFGHAN:
        errors.append("Afghan region ids differ from the fixed nine")
    edges = defaultdict(set)  # directed edge -> regions
    for r in regions:
        if r["kind"] not in {("enum", k) for k in ("Afghan", "State", "Neighbour")}:
            errors.append("%s: bad kind %r" % (r["id"], r["kind"]))
        if set(r["name"]) != {"en", "ru"}:
            errors.append("%s: name needs en and ru" % r["id"])
        for ring in r["polygons"]:
            area = sum(ring[i][0] * ring[(i + 1) % len(ring)][1] - ring[(i + 1) % len(ring)][0] * ring[i][1]
                       for i in range(len(ring)))
            if area <= 0 or ring[0] == ring[-1] or len(ring) < 3:
                errors.append("%s: ring not counter-clockwise/open" % r["id"])
            for i, p in enumerate(ring):
                edges[(p, ring[(i + 1) % len(ring)])].add(r["id"])
        if not point_in_ring(r["centroid"], r["polygons"][0]):
            errors.append("%s: centroid outside its largest polygon" % r["id"])
    # pairs of regions that share at least one edge
    touching = defaultdict(int)
    for (p, q), regs in edges.items():
        for a in regs:
            for b in edges.get((q, p), ()):
                if a < b:
                    touching[(a, b)] += 1
    seen = set()
    for b in borders:
        key = tuple(sorted((b["a"], b["b"])))
        if b["a"] not in ids or b["b"] not in ids or b["a"] == b["b"]:
            errors.append("border %s-%s joins unknown/same regions" % key)
        if key in seen:
            errors.append("duplicate border %s-%s" % key)
        seen.add(key)
        if not 0 <= b["porosity"] <= 5 or b["length_km"] <= 0:
            errors.append("border %s-%s: porosity/length out of range" % key)
        line = b["line"]
        for i in range(len(line) - 1):
            e, r = (line[i], line[i + 1]), (line[i + 1], line[i])
            if not ({b["a"], b["b"]} <= (edges.get(e, set()) | edges.get(r, set()))):
                errors.append("border %s-%s: segment %s not shared by both outlines" % (key + (e,)))
                break
        if len(line) - 1 != touching.get(key, 0):
            errors.append("border %s-%s: line has %d segments but the outlines share %d edges"
                          % (key + (len(line) - 1, touching.get(key, 0))))
        for c in b["crossings"]:
            c = struct_fields(c, "crossing", errors)
            if min(seg_dist(c["at"], line[i], line[i + 1]) for i in range(len(line) - 1)) > 0.1:
                errors.append("crossing %s is off its line" % c["name"]["en"])
    for key in sorted(set(touching) - seen):
        print("note: %s-%s share %d edge(s) but have no border" % (key + (touching[key],)))
    # slivers: outline edges shared with nobody, yet within 2 km of another region
    segs = [(p, q, regs) for (p, q), regs in edges.items()]
    grid = defaultdict(list)
    for s in segs:
        for gx in range(int(min(s[0][0], s[1][0]) // 50), int(max(s[0][0], s[1][0]) // 50) + 1):
            for gy in range(int(min(s[0][1], s[1][1]) // 50), int(max(s[0][1], s[1][1]) // 50) + 1):
                grid[(gx, gy)].append(s)
    slivers = 0
    for p, q, regs in segs:
        if (q, p) in edges:
            continue
        m = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
        near = [s for s in grid[(int(m[0] // 50), int(m[1] // 50))] if not (s[2] & regs)]
        if any(seg_dist(m, s[0], s[1]) < 2.0 for s in near):
            slivers += 1
    if slivers:
        errors.append("%d unshared outline edges lie within 2 km of another region (gaps)" % slivers)
    crossings = 0
    for cell in grid.values():
        for i in range(len(cell)):
            for j in range(i + 1, len(cell)):
                if crosses(cell[i][0], cell[i][1], cell[j][0], cell[j][1]):
                    crossings += 1
    if crossings:
        errors.append("%d pairs of outline edges cross each other" % crossings)
    return regions, borders, errors


# ----------------------------------------------------------------------------- preview

PALETTE = {"Afghan": [(233, 196, 106), (244, 162, 97), (231, 111, 81), (214, 171, 120),
                      (250, 215, 140), (200, 150, 90), (240, 190, 150), (220, 130, 100), (190, 170, 110)],
           "State": [(142, 202, 230), (100, 170, 210), (120, 190, 170), (90, 150, 200), (160, 210, 200)],
           "Neighbour": [(200, 200, 200), (180, 180, 180), (215, 215, 215), (170, 170, 170)]}


def render(regions, borders, path, scale_km, bbox=None):
    """Rasterize the board: filled regions, borders coloured by porosity, crossings in red."""
    pts = [p for r in regions for ring in r["polygons"] for p in ring]
    x0, y0, x1, y1 = bbox or (min(p[0] for p in pts), min(p[1] for p in pts),
                              max(p[0] for p in pts), max(p[1] for p in pts))
    w, h = int((x1 - x0) / scale_km) + 1, int((y1 - y0) / scale_km) + 1
    img = [bytearray(b"\xff\xff\xff" * w) for _ in range(h)]
    to_px = lambda p: ((p[0] - x0) / scale_km, (y1 - p[1]) / scale_km)

    def put(x, y, c):
        if 0 <= x < w and 0 <= y < h:
            img[y][3 * x:3 * x + 3] = bytes(c)

    count = defaultdict(int)
    for r in regions:
        kind = r["kind"][1]
        colour = PALETTE[kind][count[kind] % len(PALETTE[kind])]
        count[kind] += 1
        for ring in r["polygons"]:
            px = [to_px(p) for p in ring]
            for y in range(max(0, int(min(p[1] for p in px))), min(h, int(max(p[1] for p in px)) + 1)):
                yc, xs = y + 0.5, []
                for i in range(len(px)):
                    a, b = px[i], px[(i + 1) % len(px)]
                    if (a[1] > yc) != (b[1] > yc):
                        xs.append(a[0] + (yc - a[1]) * (b[0] - a[0]) / (b[1] - a[1]))
                xs.sort()
                for k in range(0, len(xs) - 1, 2):
                    for x in range(max(0, int(xs[k] + 0.5)), min(w, int(xs[k + 1] + 0.5))):
                        put(x, y, colour)

    def line(a, b, c, thick):
        (ax, ay), (bx, by) = to_px(a), to_px(b)
        n = int(max(abs(bx - ax), abs(by - ay))) + 1
        for i in range(n + 1):
            x, y = ax + (bx - ax) * i / n, ay + (by - ay) * i / n
            for dx in range(thick):
                for dy in range(thick):
                    put(int(x) + dx, int(y) + dy, c)

    for r in regions:
        for ring in r["polygons"]:
            for i in range(len(ring)):
                line(ring[i], ring[(i + 1) % len(ring)], (90, 90, 90), 1)
    for b in borders:
        shade = 255 - 45 * b["porosity"]
        for i in range(len(b["line"]) - 1):
            line(b["line"][i], b["line"][i + 1], (shade // 3, shade // 3, shade), 2)
    for b in borders:
        for c in b["crossings"]:
            x, y = to_px(dict(c[1])["at"])
            for dx in range(-3, 4):
                for dy in range(-3, 4):
                    put(int(x) + dx, int(y) + dy, (220, 0, 0))
    for r in regions:
        x, y = to_px(r["centroid"])
        for dx in range(-2, 3):
            for dy in range(-2, 3):
                put(int(x) + dx, int(y) + dy, (0, 0, 0))
    raw = b"".join(b"\x00" + bytes(row) for row in img)
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("board")
    ap.add_argument("--png", help="write a preview of the whole board here")
    ap.add_argument("--png-afghanistan", help="write a zoomed preview of Afghanistan here")
    args = ap.parse_args()
    with open(args.board, encoding="utf-8") as f:
        board = parse_ron(f.read())
    regions, borders, errors = check(board)
    print("%d regions, %d borders, %d points, %d bytes" % (
        len(regions), len(borders),
        sum(len(ring) for r in regions for ring in r["polygons"]) + sum(len(b["line"]) for b in borders),
        os.path.getsize(args.board)))
    if args.png:
        render(regions, borders, args.png, 4.0)
    if args.png_afghanistan:
        render(regions, borders, args.png_afghanistan, 1.5, (-650, -550, 1000, 550))
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else "%d problem(s)" % len(errors))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
