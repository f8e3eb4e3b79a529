#!/usr/bin/env python3
"""Build chronoatlas's embedded fallback font for Chinese, Japanese and Korean text: a subset of Noto Sans CJK SC
Regular (SIL Open Font License 1.1) from Debian's package fonts-noto-cjk 1:20220127+repack1-1.

How to run it (from the repository root; Python 3.11 with fonttools 4.60.1 from PyPI: `pip install fonttools==4.60.1`):

    apt-get install fonts-noto-cjk=1:20220127+repack1-1     (or `apt-get download` it and `dpkg-deb -x` it)
    python3 scripts/build_cjk_font.py [--ttc /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
        writes assets/fonts/NotoSansCJK-subset.otf
    python3 scripts/build_cjk_font.py --check
        rebuilds in memory and compares with the committed font byte for byte (exit status 1 if they differ)

The input collection is checked against the SHA-256 sum below; the subset is deterministic (no timestamp is
recalculated). Which characters it keeps, and why:
- every Han ideograph of the national character sets in everyday use: GB 2312 (simplified Chinese), Big5 level 1
  (common traditional Chinese), JIS X 0208 (Japanese, through Python's cp932 codec) and the hanja of KS X 1001;
- the 2,350 Hangul syllables of KS X 1001 (all of modern Korean as written in practice) and the Hangul jamo;
- kana, CJK punctuation and symbols, full-width forms.
Rarer characters are not in it; the app lists texts with characters that no bundled font can show.
The face is the SC (simplified Chinese) one of the collection: the collection's faces differ only in regional
glyph variants. Latin, Greek and Cyrillic come from egui's Ubuntu Light, which the window and the exports share.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TTC_SHA256 = "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a"
FACE = 2  # Noto Sans CJK SC
FONTTOOLS = "4.60.1"
REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "assets" / "fonts" / "NotoSansCJK-subset.otf"


def double_byte(encoding: str, lead: range, trail: range = range(0x40, 0xFF)) -> set[int]:
    found = set()
    for hi in lead:
        for lo in trail:
            try:
                text = bytes([hi, lo]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                found.add(ord(text))
    return found


def is_han(c: int) -> bool:
    return 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF or 0xF900 <= c <= 0xFAFF


def code_points() -> list[int]:
    han = set()
    han |= double_byte("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    han |= double_byte("big5", range(0xA4, 0xC7))  # level 1: A440–C67E
    han |= double_byte("cp932", range(0x81, 0xF0))
    korean = double_byte("euc_kr", range(0xA1, 0xFE), range(0xA1, 0xFF))
    han |= korean
    keep = {c for c in han if is_han(c)}
    keep |= {c for c in korean if 0xAC00 <= c <= 0xD7A3}
    keep |= set(range(0x1100, 0x1200)) | set(range(0x3130, 0x3190))  # Hangul jamo
    keep |= set(range(0x3000, 0x3100))  # CJK punctuation, hiragana, katakana
    keep |= set(range(0x31F0, 0x3200)) | set(range(0xFF00, 0xFFF0))  # katakana extension, full-width forms
    return sorted(keep)


def build(ttc: Path) -> bytes:
    import fontTools
    from fontTools import subset
    from fontTools.ttLib import TTFont

    if fontTools.version != FONTTOOLS:
        raise SystemExit(f"fonttools {fontTools.version} is not the pinned {FONTTOOLS}")
    raw = ttc.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != TTC_SHA256:
        raise SystemExit(f"{ttc}: SHA-256 {digest} is not the pinned {TTC_SHA256}")
    font = TTFont(io.BytesIO(raw), fontNumber=FACE, lazy=False, recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points())
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ttc", type=Path, default=TTC)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare with the font in --out, write nothing")
    args = parser.parse_args()
    data = build(args.ttc)
    if args.check:
        committed = args.out.read_bytes() if args.out.exists() else None
        if committed != data:
            print(f"{args.out} differs from a fresh build", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes, SHA-256 {hashlib.sha256(data).hexdigest()})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
