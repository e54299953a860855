#!/usr/bin/env python3
"""Check that PNG screenshots exist and are not blank (standard library only).

Usage: check_png.py FILE...   exits 1 naming any file that is missing, unreadable,
or nearly one colour.
"""
import struct
import sys
import zlib


def pixels(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, ctype, depth = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if depth != 8 or ctype not in (2, 6):
        raise ValueError(f"unexpected PNG format (depth {depth}, colour type {ctype})")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        filt = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if filt == 1:
                line[x] = (line[x] + a) & 255
            elif filt == 2:
                line[x] = (line[x] + b) & 255
            elif filt == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def main(paths):
    bad = 0
    for path in paths:
        try:
            w, h, bpp, rows = pixels(path)
        except (OSError, ValueError, zlib.error) as e:
            print(f"{path}: {e}")
            bad += 1
            continue
        colours = set()
        for y in range(0, h, max(1, h // 60)):
            row = rows[y]
            for x in range(0, w, max(1, w // 80)):
                colours.add(bytes(row[x * bpp:x * bpp + 3]))
        if len(colours) < 8:
            print(f"{path}: looks blank ({len(colours)} colours in a {w}x{h} sample)")
            bad += 1
        else:
            print(f"{path}: {w}x{h}, {len(colours)} colours sampled: ok")
    return 1 if bad or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
