#!/usr/bin/env python3
"""Build the small font the tests use as a "system font": a subset of DejaVu Sans (Debian's package
fonts-dejavu-core 2.37-6, /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; licence in
tests/fixtures/fonts/LICENSE-DejaVu.txt) holding only the Arabic, Hebrew, Armenian and Georgian letters.

The tests point the app's font search at tests/fixtures/fonts (CHRONOATLAS_FONT_DIRS), so they pass the same on a
machine with no fonts installed: the subset stands for a system font that covers some scripts the bundled fonts lack,
and Thai and Devanagari, which DejaVu Sans does not hold, stand for scripts no font covers.

How to run it (from the repository root; fonttools 4.60.1 from PyPI):

    apt-get install fonts-dejavu-core=2.37-6      (or `apt-get download` it and `dpkg-deb -x` it)
    python3 scripts/build_test_font.py [--ttf PATH]      writes tests/fixtures/fonts/DejaVuSans-subset.ttf
    python3 scripts/build_test_font.py --check           rebuilds in memory and compares byte for byte

The input is checked against its SHA-256 sum; the subset is deterministic (no timestamp is recalculated).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

TTF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TTF_SHA256 = "abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322"
FONTTOOLS = "4.60.1"
REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "fixtures" / "fonts" / "DejaVuSans-subset.ttf"

KEEP = (
    [0x20]
    + list(range(0x0621, 0x064B))  # Arabic letters
    + list(range(0x05D0, 0x05EB))  # Hebrew letters
    + list(range(0x0531, 0x0557)) + list(range(0x0561, 0x0588))  # Armenian letters
    + list(range(0x10D0, 0x10FB))  # Georgian Mkhedruli
)


def build(ttf: Path) -> bytes:
    import fontTools
    from fontTools import subset
    from fontTools.ttLib import TTFont

    if fontTools.version != FONTTOOLS:
        raise SystemExit(f"fonttools {fontTools.version} is not the pinned {FONTTOOLS}")
    raw = ttf.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != TTF_SHA256:
        raise SystemExit(f"{ttf}: SHA-256 {digest}, expected {TTF_SHA256}")
    font = TTFont(io.BytesIO(raw), recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=KEEP)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ttf", type=Path, default=TTF)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    data = build(args.ttf)
    if args.check:
        same = OUT.read_bytes() == data
        print("same" if same else f"{OUT} differs from a rebuild")
        return 0 if same else 1
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes), SHA-256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
