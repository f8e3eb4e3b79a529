#!/usr/bin/env python3
"""Build chronoatlas's embedded base-map assets from Natural Earth 4.1 (npm package world-atlas 2.0.2).

How to run it (from the repository root; Python 3.11, standard library only):

    python3 scripts/build_basemap.py
        runs `npm pack world-atlas@2.0.2` in a temporary directory (needs npm and the npm registry),
        and writes assets/basemap/countries-{110m,50m,10m}.cabm
    python3 scripts/build_basemap.py --package-dir /path/to/package
        uses an already unpacked package (the directory holding countries-110m.json); no network
    python3 scripts/build_basemap.py --check
        rebuilds in memory and compares with the committed assets byte for byte (exit status 1 if they differ)

The inputs are checked against the SHA-256 sums below, and the output is deterministic: the same input gives
byte-identical assets. The format (and why the geometry is cut at the antimeridian) is described in
docs/BASEMAP.md; the Rust reader is src/map/basemap.rs.

Natural Earth is in the public domain; world-atlas is ISC-licensed (Mike Bostock).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import struct
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
LEVELS = ("110m", "50m", "10m")
SHA256 = {
    "countries-110m.json": "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
    "countries-50m.json": "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394",
    "countries-10m.json": "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79",
}
MAGIC = b"CABM"
VERSION = 1
SCALE_DENOMINATOR = {"110m": 110_000_000, "50m": 50_000_000, "10m": 10_000_000}
ARC_CUT = 1  # flag bit: the arc is an artificial edge (antimeridian or pole), neither coast nor border
REPO = Path(__file__).resolve().parent.parent


class TopologyError(Exception):
    pass


# ---------------------------------------------------------------------------------------------------------------
# TopoJSON decoding


def decode_arcs(topology: dict) -> list[list[tuple[int, int]]]:
    """Quantized, delta-encoded arcs → absolute quantized integer positions (the transform is applied later)."""
    if "transform" not in topology:
        raise TopologyError("expected a quantized topology (with a transform)")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x, y))
        if len(points) < 2:
            raise TopologyError(f"arc {len(arcs)} has fewer than two positions")
        arcs.append(points)
    return arcs


def arc_index(ref: int) -> int:
    """TopoJSON arc reference → arc index; a negative reference ~i means arc i reversed."""
    return ref if ref >= 0 else ~ref


def ref_points(arcs: list, ref: int) -> list[tuple[int, int]]:
    points = arcs[arc_index(ref)]
    return points if ref >= 0 else points[::-1]


def check_ring(arcs: list, ring: list[int], where: str) -> None:
    if not ring:
        raise TopologyError(f"{where}: empty ring")
    for ref in ring:
        if arc_index(ref) >= len(arcs):
            raise TopologyError(f"{where}: arc reference {ref} out of range")
    for prev, ref in zip(ring, ring[1:] + ring[:1]):
        if ref_points(arcs, prev)[-1] != ref_points(arcs, ref)[0]:
            raise TopologyError(f"{where}: arcs {prev} and {ref} do not connect")


def read_countries(topology: dict, arcs: list) -> list[dict]:
    """Each geometry of objects.countries → {id, name, polygons: [[ring of arc refs, …], …]}, in file order."""
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        elif kind is None:
            polygons = []
        else:
            raise TopologyError(f"unexpected geometry type {kind!r}")
        name = (geometry.get("properties") or {}).get("name") or ""
        country = {"id": str(geometry.get("id") or ""), "name": name, "polygons": polygons}
        for p, polygon in enumerate(polygons):
            for r, ring in enumerate(polygon):
                check_ring(arcs, ring, f"{name} polygon {p} ring {r}")
        countries.append(country)
    return countries


# ---------------------------------------------------------------------------------------------------------------
# Antimeridian and pole: world-atlas is "stitched" for spherical rendering (d3-geo), so rings that cross ±180° jump
# from one edge to the other. A planar map would draw such a jump as a line across the world. We split arcs where
# they cross, close the pieces along the map's edge (or via the pole, for Antarctica) with new arcs flagged CUT, and
# flag leftover edge segments (Natural Earth's own cut lines) as CUT too. Country interiors are on the right of
# every ring in world-atlas (d3's convention: clockwise exteriors, anticlockwise holes), which tells how to close.


class Frame:
    """The map's rectangle in quantized units: x from WEST (−180°) to EAST (+180°), y from SOUTH to NORTH pole."""

    def __init__(self, transform: dict):
        (self.sx, self.sy), (self.tx, self.ty) = transform["scale"], transform["translate"]
        self.west = round((-180 - self.tx) / self.sx)
        self.east = round((180 - self.tx) / self.sx)
        if abs(self.west - (-180 - self.tx) / self.sx) > 1e-6 or abs(self.east - (180 - self.tx) / self.sx) > 1e-6:
            raise TopologyError("±180° do not fall on quantized positions")
        self.period = self.east - self.west
        self.south = math.ceil((-90 - self.ty) / self.sy)
        self.north = math.floor((90 - self.ty) / self.sy)
        # Pole lines: segments nearer the pole than this are artificial (50m Antarctica runs along −89.999°).
        self.south_cut = math.floor((-89.99 - self.ty) / self.sy)
        self.north_cut = math.ceil((89.99 - self.ty) / self.sy)

    def is_cut(self, p: tuple[int, int], q: tuple[int, int]) -> bool:
        if p[0] == q[0] and p[0] in (self.west, self.east):
            return True
        return p[1] == q[1] and (p[1] <= self.south_cut or p[1] >= self.north_cut)

    def perimeter(self) -> int:
        return 2 * (self.period + (self.north - self.south))

    def position(self, p: tuple[int, int]) -> int:
        """Distance of a point on the frame, walking clockwise from the north-east corner."""
        height = self.north - self.south
        x, y = p
        if x == self.east:
            return self.north - y
        if y == self.south:
            return height + (self.east - x)
        if x == self.west:
            return height + self.period + (y - self.south)
        if y == self.north:
            return 2 * height + self.period + (x - self.west)
        raise TopologyError(f"point {p} is not on the map's edge")

    def walk(self, start: tuple[int, int], end: tuple[int, int]) -> list[tuple[int, int]]:
        """The clockwise path along the frame from start to end, corners included."""
        corners = [(self.east, self.south), (self.west, self.south), (self.west, self.north), (self.east, self.north)]
        length = self.perimeter()
        t0 = self.position(start)
        distance = (self.position(end) - t0) % length
        path = [start]
        passed = sorted(((self.position(c) - t0) % length, c) for c in corners)
        path += [c for d, c in passed if 0 < d < distance]
        if end != start:
            path.append(end)
        return path


def split_arc(frame: Frame, points: list[tuple[int, int]]) -> list[tuple[list[tuple[int, int]], bool]]:
    """Split an arc at antimeridian crossings (jumps) and where it enters or leaves a CUT stretch.

    Returns its pieces as (points, cut); consecutive pieces connect except across a jump."""
    pieces: list[tuple[list[tuple[int, int]], bool]] = []
    current = [points[0]]
    cut: bool | None = None  # decided by the piece's first segment of non-zero length

    def finish() -> None:
        if len(current) >= 2:
            pieces.append((current, bool(cut)))

    for p, q in zip(points, points[1:]):
        dx = q[0] - p[0]
        if abs(dx) * 2 > frame.period:
            eastward = dx < 0  # the short way round goes east across +180°
            qx = q[0] + frame.period if eastward else q[0] - frame.period
            edge, other = (frame.east, frame.west) if eastward else (frame.west, frame.east)
            num, den = (edge - p[0]) * (q[1] - p[1]), qx - p[0]
            if den < 0:
                num, den = -num, -den
            # Rounded, in integers (deterministic). den == 0: p and q both lie on the antimeridian, cross at p.
            yc = p[1] + (2 * num + den) // (2 * den) if den else p[1]
            if (edge, yc) != current[-1]:
                current.append((edge, yc))
            finish()
            current, cut = [(other, yc)], None
            if q == current[-1]:
                continue
            p = current[-1]
        if p != q:
            seg_cut = frame.is_cut(p, q)
            if cut is None:
                cut = seg_cut
            elif seg_cut != cut:
                finish()
                current, cut = [p], seg_cut
        current.append(q)
    finish()
    return pieces


def signed_area2(points: list[tuple[int, int]]) -> int:
    """Twice the planar signed area (positive = anticlockwise) of a closed ring."""
    return sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(points, points[1:]))


def inside(point: tuple[float, float], ring: list[tuple[int, int]]) -> bool:
    """Even-odd point-in-ring test."""
    x, y = point
    result = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            result = not result
    return result


class Builder:
    """Turns one decoded topology into the final (planar-safe) arcs and countries."""

    def __init__(self, frame: Frame, arcs: list, countries: list[dict]):
        self.frame = frame
        self.pieces: list[list[tuple[int, int]]] = []  # every arc piece, final arcs are a subset
        self.piece_cut: list[bool] = []
        self.expansion: list[list[int]] = []  # original arc index → its piece indices, in order
        for points in arcs:
            ids = []
            for piece, cut in split_arc(frame, points):
                ids.append(len(self.pieces))
                self.pieces.append(piece)
                self.piece_cut.append(cut)
            self.expansion.append(ids)
        self.countries = [dict(c, polygons=self.planar_polygons(c)) for c in countries]

    def points(self, ref: int) -> list[tuple[int, int]]:
        return ref_points(self.pieces, ref)

    def expand(self, ring: list[int]) -> list[int]:
        out = []
        for ref in ring:
            ids = self.expansion[arc_index(ref)]
            out += ids if ref >= 0 else [~i for i in reversed(ids)]
        return out

    def ring_points(self, refs: list[int]) -> list[tuple[int, int]]:
        points = list(self.points(refs[0]))
        for ref in refs[1:]:
            points += self.points(ref)[1:]
        return points

    def chains(self, refs: list[int]) -> list[list[int]] | None:
        """Split a ring (piece refs) at its jumps; None if it has none."""
        n = len(refs)
        breaks = [k for k in range(n) if self.points(refs[k - 1])[-1] != self.points(refs[k])[0]]
        if not breaks:
            return None
        rotated = refs[breaks[0] :] + refs[: breaks[0]]
        cuts = [k - breaks[0] for k in breaks] + [n]
        return [rotated[a:b] for a, b in zip(cuts, cuts[1:])]

    def new_piece(self, points: list[tuple[int, int]]) -> int:
        self.pieces.append(points)
        self.piece_cut.append(True)
        return len(self.pieces) - 1

    def planar_polygons(self, country: dict) -> list[list[list[int]]]:
        result = []
        for polygon in country["polygons"]:
            rings = [self.expand(ring) for ring in polygon]
            split = [self.chains(ring) for ring in rings]
            if all(s is None for s in split):
                result.append(rings)
                continue
            if split[0] is None:
                raise TopologyError(f"{country['name']}: a hole crosses the antimeridian but its exterior does not")
            chains = [c for s in split if s is not None for c in s]
            kept_holes = [ring for ring, s in zip(rings[1:], split[1:]) if s is None]
            new_rings = self.link(chains)
            exteriors, holes = [], list(kept_holes)
            for ring in new_rings:
                if all(self.piece_cut[arc_index(r)] for r in ring):
                    continue  # a sliver lying on the edge: nothing but cut lines
                (exteriors if signed_area2(self.ring_points(ring)) <= 0 else holes).append(ring)
            if not exteriors:
                raise TopologyError(f"{country['name']}: cutting a polygon left no exterior ring")
            groups = [[e] for e in exteriors]
            for hole in holes:
                hole_points = self.ring_points(hole)
                probe = ((hole_points[0][0] + hole_points[1][0]) / 2, (hole_points[0][1] + hole_points[1][1]) / 2)
                owners = [g for g in groups if inside(probe, self.ring_points(g[0]))]
                if not owners:
                    raise TopologyError(f"{country['name']}: a hole lies in no exterior after cutting")
                min(owners, key=lambda g: abs(signed_area2(self.ring_points(g[0])))).append(hole)
            result += groups
        return result

    def link(self, chains: list[list[int]]) -> list[list[int]]:
        """Close chains (each running from the map's edge to its edge) into rings, walking the edge clockwise."""
        frame, length = self.frame, self.frame.perimeter()
        starts = [frame.position(self.points(c[0])[0]) for c in chains]
        used = [False] * len(chains)
        rings = []
        for first in range(len(chains)):
            if used[first]:
                continue
            ring: list[int] = []
            current = first
            while True:
                used[current] = True
                ring += chains[current]
                end = self.points(chains[current][-1])[-1]
                t_end = frame.position(end)
                candidates = [((s - t_end) % length, k) for k, s in enumerate(starts) if not used[k] or k == first]
                _, nxt = min(candidates)
                start = self.points(chains[nxt][0])[0]
                if start != end:
                    ring.append(self.new_piece(frame.walk(end, start)))
                if nxt == first:
                    break
                current = nxt
            rings.append(ring)
        return rings

    def finish(self) -> tuple[list[dict], list[dict]]:
        """Renumber the pieces that rings use (in piece order) and record who lies left and right of each."""
        used = sorted({arc_index(r) for c in self.countries for p in c["polygons"] for ring in p for r in ring})
        number = {piece: k for k, piece in enumerate(used)}
        arcs = [{"points": self.pieces[i], "cut": self.piece_cut[i], "left": None, "right": None} for i in used]
        conflicts = []
        countries = []
        for index, country in enumerate(self.countries):
            polygons = []
            for polygon in country["polygons"]:
                rings = []
                for ring in polygon:
                    refs = [number[r] if r >= 0 else ~number[~r] for r in ring]
                    check_ring([a["points"] for a in arcs], refs, country["name"])
                    for r in refs:
                        arc, side = (arcs[r], "right") if r >= 0 else (arcs[~r], "left")
                        if arc[side] is None:
                            arc[side] = index
                        elif arc[side] != index:
                            conflicts.append((arc_index(r), side, arc[side], index))
                    rings.append(refs)
                polygons.append(rings)
            countries.append({"id": country["id"], "name": country["name"], "polygons": polygons})
        for a, side, kept, dropped in sorted(set(conflicts)):
            points = arcs[a]["points"]
            print(
                f"  note: arc {a} ({len(points)} points, {'degenerate' if len(set(points)) == 1 else 'short'}) "
                f"has {countries[kept]['name']} and {countries[dropped]['name']} on its {side}; kept the first",
                file=sys.stderr,
            )
        self.check(arcs)
        return countries, arcs

    def check(self, arcs: list[dict]) -> None:
        f = self.frame
        for k, arc in enumerate(arcs):
            for p, q in zip(arc["points"], arc["points"][1:]):
                if abs(q[0] - p[0]) * 2 > f.period and not (p[1] == q[1] and p[1] in (f.south, f.north)):
                    raise TopologyError(f"arc {k} still jumps across the antimeridian")
            for x, y in arc["points"]:
                if not (f.west <= x <= f.east and f.south <= y <= f.north):
                    raise TopologyError(f"arc {k} leaves the map")


# ---------------------------------------------------------------------------------------------------------------
# Output


def varint(value: int) -> bytes:
    if value < 0:
        raise ValueError("varint of a negative number")
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(value: int) -> bytes:
    return varint(value * 2 if value >= 0 else -value * 2 - 1)


def text(value: str) -> bytes:
    data = value.encode("utf-8")
    return varint(len(data)) + data


def encode(level: str, frame: Frame, countries: list[dict], arcs: list[dict]) -> bytes:
    """Serialise one level of detail; see docs/BASEMAP.md."""
    out = bytearray(MAGIC)
    out += VERSION.to_bytes(2, "little") + (0).to_bytes(2, "little")
    out += SCALE_DENOMINATOR[level].to_bytes(4, "little")
    out += struct_f64(frame.sx, frame.sy, frame.tx, frame.ty)
    out += varint(len(countries)) + varint(len(arcs)) + varint(sum(len(a["points"]) for a in arcs))
    for country in countries:
        out += text(country["id"]) + text(country["name"]) + varint(len(country["polygons"]))
        for polygon in country["polygons"]:
            out += varint(len(polygon))
            for ring in polygon:
                out += varint(len(ring)) + b"".join(zigzag(r) for r in ring)
    for arc in arcs:
        out.append(ARC_CUT if arc["cut"] else 0)
        out += varint(0 if arc["left"] is None else arc["left"] + 1)
        out += varint(0 if arc["right"] is None else arc["right"] + 1)
        out += varint(len(arc["points"]))
        x = y = 0
        for px, py in arc["points"]:
            out += zigzag(px - x) + zigzag(py - y)
            x, y = px, py
    return bytes(out)


def struct_f64(*values: float) -> bytes:
    return struct.pack("<" + "d" * len(values), *values)


def build_level(package_dir: Path, level: str) -> bytes:
    name = f"countries-{level}.json"
    raw = (package_dir / name).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SHA256[name]:
        raise TopologyError(f"{name}: SHA-256 {digest} is not the one of {PACKAGE}")
    topology = json.loads(raw)
    arcs = decode_arcs(topology)
    countries = read_countries(topology, arcs)
    frame = Frame(topology["transform"])
    countries, final_arcs = Builder(frame, arcs, countries).finish()
    data = encode(level, frame, countries, final_arcs)
    sides = [(a["left"] is None) + (a["right"] is None) for a in final_arcs if not a["cut"]]
    print(
        f"{level}: {len(countries)} countries, {len(arcs)} → {len(final_arcs)} arcs "
        f"({sides.count(0)} shared, {sides.count(1)} coast, {sum(a['cut'] for a in final_arcs)} cut), "
        f"{sum(len(a['points']) for a in final_arcs)} points, {len(data)} bytes",
        file=sys.stderr,
    )
    return data


def read_or_none(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def fetch_package(workdir: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    tarballs = sorted(workdir.glob("world-atlas-*.tgz"))
    if len(tarballs) != 1:
        raise TopologyError(f"npm pack left {len(tarballs)} tarballs")
    package_dir = workdir / "package"
    package_dir.mkdir()
    with tarfile.open(tarballs[0]) as archive:
        for level in LEVELS:
            name = f"countries-{level}.json"
            source = archive.extractfile(f"package/{name}")
            if source is None:
                raise TopologyError(f"{tarballs[0].name} has no regular file {name}")
            (package_dir / name).write_bytes(source.read())
    return package_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package-dir", type=Path, help="an unpacked world-atlas 2.0.2 (skips npm)")
    parser.add_argument("--out-dir", type=Path, default=REPO / "assets" / "basemap")
    parser.add_argument("--check", action="store_true", help="compare with the assets in --out-dir, write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package_dir = args.package_dir or fetch_package(Path(tmp))
        outputs = {f"countries-{level}.cabm": build_level(package_dir, level) for level in LEVELS}
    if args.check:
        stale = [n for n, data in outputs.items() if read_or_none(args.out_dir / n) != data]
        for n in stale:
            print(f"{args.out_dir / n} differs from a fresh build", file=sys.stderr)
        return 1 if stale else 0
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for n, data in outputs.items():
        (args.out_dir / n).write_bytes(data)
        print(f"wrote {args.out_dir / n} ({len(data)} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
