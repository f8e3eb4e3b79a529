#!/usr/bin/env python3
"""Rebuild the southern edge of the Northeast's outline (place `northeast-china` in
data/chen-jian-1992.chronicle.json) from the base map's own data.

The outline was drawn by hand within about 50-100 km; at the scale of the Yalu it crossed the river's
meanders, so the area spilled into Korea and left Chinese banks out. This script replaces the stretch
of the outline from the China-North Korea-Russia junction on the Tumen, west along the border (the
Tumen, then the Yalu) to its mouth, and on along China's coast round the Liaodong peninsula to the
head of the Gulf of Liaodong, with the same line as the base map draws it: Natural Earth 1:10m
(assets/basemap/countries-10m.cabm, built by scripts/build_basemap.py), simplified to within
SIMPLIFY_DEGREES. The rest of the outline (the north, the borders with the USSR and Inner Mongolia)
is kept as drawn. The outline stays approximate, and its note says so.

    python3 scripts/northeast_outline.py            # rewrite the place's "area" in the chronicle
    python3 scripts/northeast_outline.py --check    # exit 1 if the chronicle's area differs

Python 3.11, standard library only; deterministic (the same asset gives the same points).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ASSET = REPO / "assets" / "basemap" / "countries-10m.cabm"
CHRONICLE = REPO / "data" / "chen-jian-1992.chronicle.json"
PLACE = "northeast-china"
CHINA, NORTH_KOREA = "156", "408"
# The hand-drawn vertices the rebuilt stretch replaces: from the first (the Tumen junction, kept as
# the base map's own junction) to the last (the head of the Gulf of Liaodong, where the outline
# leaves the coast), both exclusive of the points kept on either side.
REPLACED_FROM = (130.6, 42.4)
REPLACED_TO = (121.1, 40.8)
SIMPLIFY_DEGREES = 0.01  # about 1 km: the Yalu's bends stay, the quantization noise goes
DECIMALS = 3


class Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError(f"truncated at byte {self.pos}")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def varint(self) -> int:
        value, shift = 0, 0
        while True:
            byte = self.take(1)[0]
            value |= (byte & 0x7F) << shift
            if byte & 0x80 == 0:
                return value
            shift += 7

    def zigzag(self) -> int:
        u = self.varint()
        return (u >> 1) ^ -(u & 1)

    def text(self) -> str:
        return self.take(self.varint()).decode("utf-8")


def read_basemap(path: Path):
    """Countries (id, polygons of rings of signed arc refs) and arcs (points in degrees), as in
    docs/BASEMAP.md."""
    r = Reader(path.read_bytes())
    if r.take(4) != b"CABM":
        raise ValueError(f"{path}: not a CABM asset")
    version, flags = struct.unpack("<HH", r.take(4))
    if version != 1 or flags != 0:
        raise ValueError(f"{path}: unsupported version {version} or flags {flags}")
    r.take(4)  # scale denominator
    sx, sy, tx, ty = struct.unpack("<4d", r.take(32))
    n_countries, n_arcs = r.varint(), r.varint()
    r.varint()  # total points
    countries = []
    for _ in range(n_countries):
        cid, name = r.text(), r.text()
        polygons = []
        for _ in range(r.varint()):
            rings = []
            for _ in range(r.varint()):
                rings.append([r.zigzag() for _ in range(r.varint())])
            polygons.append(rings)
        countries.append((cid, name, polygons))
    arcs = []
    for _ in range(n_arcs):
        r.take(1)  # flags
        left, right = r.varint() - 1, r.varint() - 1
        x = y = 0
        points = []
        for _ in range(r.varint()):
            x += r.zigzag()
            y += r.zigzag()
            points.append((tx + x * sx, ty + y * sy))
        arcs.append((left, right, points))
    return countries, arcs


def ring_points(ring, arcs):
    out = []
    for ref in ring:
        points = arcs[ref][2] if ref >= 0 else list(reversed(arcs[~ref][2]))
        out.extend(points if not out else points[1:])
    return out


def simplify(points, tolerance):
    """Douglas-Peucker in degrees, keeping both ends."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / length
            if d > best:
                best, at = d, i
        if at >= 0 and best > tolerance:
            keep[at] = True
            stack.extend([(a, at), (at, b)])
    return [p for p, k in zip(points, keep) if k]


def southern_edge():
    countries, arcs = read_basemap(ASSET)
    index = {cid: i for i, (cid, _, _) in enumerate(countries)}
    china, korea = index[CHINA], index[NORTH_KOREA]
    border = [a for a in arcs if {a[0], a[1]} == {china, korea}]
    if not border:
        raise ValueError("no China-North Korea border in the base map")
    # The junction on the Tumen: the border's easternmost point.
    junction = max((p for a in border for p in a[2]), key=lambda p: p[0])
    # China's mainland: its polygon with the most points.
    mainland = max(countries[china][2], key=lambda rings: len(ring_points(rings[0], arcs)))
    ring = ring_points(mainland[0], arcs)
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    near = lambda target: min(range(len(ring)), key=lambda i: math.dist(ring[i], target))
    start, end = near(junction), near(REPLACED_TO)
    n = len(ring)
    # The country is on the right of its rings (clockwise): from the junction the ring runs north
    # along the Russian border one way and west along the Yalu the other. Take the way that passes
    # the Yalu's mouth, the shorter one.
    forward = [ring[(start + k) % n] for k in range((end - start) % n + 1)]
    backward = [ring[(start - k) % n] for k in range((start - end) % n + 1)]
    edge = min(forward, backward, key=len)
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in simplify(edge, SIMPLIFY_DEGREES)]


def rebuilt(area):
    points = [tuple(p) for p in area]
    try:
        a, b = points.index(REPLACED_FROM), points.index(REPLACED_TO)
    except ValueError:
        # Rebuilt before: the stretch runs from the base map's junction to the Gulf's head.
        a = min(range(len(points)), key=lambda i: math.dist(points[i], REPLACED_FROM))
        b = min(range(len(points)), key=lambda i: math.dist(points[i], REPLACED_TO))
    if not a < b:
        raise ValueError("the outline's vertices are not in the expected order")
    edge = southern_edge()
    return [list(p) for p in points[:a]] + edge + [list(p) for p in points[b + 1 :]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    text = CHRONICLE.read_text(encoding="utf-8")
    chronicle = json.loads(text)
    place = next(p for p in chronicle["places"] if p["id"] == PLACE)
    area = rebuilt(place["area"])
    if args.check:
        same = place["area"] == area
        print("up to date" if same else f"{CHRONICLE.name}: the outline differs from a fresh build")
        return 0 if same else 1
    # Splice the new array into the file's text, so the rest of the file keeps its layout.
    at = text.index(f'"id": "{PLACE}"')
    m = re.compile(r'( *)"area": \[').search(text, at)
    depth, i = 0, m.end() - 1
    while True:
        depth += {"[": 1, "]": -1}.get(text[i], 0)
        if depth == 0:
            break
        i += 1
    indent = m.group(1)
    body = json.dumps(area, indent=2).replace("\n", "\n" + indent)
    text = text[: m.start()] + f'{indent}"area": {body}' + text[i + 1 :]
    CHRONICLE.write_text(text, encoding="utf-8")
    print(f"{CHRONICLE.name}: {PLACE} has {len(area)} points ({len(area) - len(place['area'])} more)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
