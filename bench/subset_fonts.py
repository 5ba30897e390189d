"""Regenerate the self-hosted Urdu web font from the npm package (``make fonts``).

Source: ``@fontsource/noto-nastaliq-urdu`` (the version pinned in package.json), the Noto
Project's Noto Nastaliq Urdu under the SIL Open Font License 1.1. Its Arabic-script file
(159 KB, weight 400) is cut with fontTools' subsetter to the characters Urdu text uses, and
written as WOFF2 to site/static/fonts/, next to the licence; the font's character map goes
into site/static/css/fonts-urdu.css as its ``unicode-range``. Both are committed: ``make run``
on a fresh machine needs neither npm nor fontTools. See docs/fonts.md.

    npm ci && pip install -e ".[fonts]" && python bench/subset_fonts.py
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "node_modules" / "@fontsource" / "noto-nastaliq-urdu"
SOURCE = PACKAGE / "files" / "noto-nastaliq-urdu-arabic-400-normal.woff2"
TARGET_DIR = ROOT / "site" / "static" / "fonts"
TARGET = TARGET_DIR / "noto-nastaliq-urdu-400.woff2"
LICENCE = TARGET_DIR / "noto-nastaliq-urdu-OFL.txt"
STYLESHEET = ROOT / "site" / "static" / "css" / "fonts-urdu.css"

# What Urdu text uses: the Arabic letters and Urdu's own (ٹ پ چ ڈ ڑ ژ ک گ ں ھ ہ ۂ ۃ ی ے ۓ),
# vowel marks and the superscript alef, Arabic-Indic and Urdu digits, Urdu punctuation
# (، ؛ ؟ ۔ ٪ ٫ ٬), the tatweel, and the joiners and direction marks that shape and order it.
# Latin letters are not here: they fall through to the next font in the stack.
URDU_RANGES = [
    (0x0020, 0x0040),  # space, ASCII digits and punctuation
    (0x00A0, 0x00A0),  # no-break space
    (0x00AB, 0x00AB),  # «
    (0x00BB, 0x00BB),  # »
    (0x060C, 0x060C),
    (0x061B, 0x061C),
    (0x061F, 0x063A),
    (0x0640, 0x0670),
    (0x0679, 0x0679),
    (0x067E, 0x067E),
    (0x0686, 0x0686),
    (0x0688, 0x0688),
    (0x0691, 0x0691),
    (0x0698, 0x0698),
    (0x06A9, 0x06A9),
    (0x06AF, 0x06AF),
    (0x06BA, 0x06BA),
    (0x06BE, 0x06BE),
    (0x06C0, 0x06C3),
    (0x06CC, 0x06CC),
    (0x06D2, 0x06D4),
    (0x06F0, 0x06F9),
    (0x200C, 0x200F),
    (0x2018, 0x2019),
    (0x201C, 0x201D),
    (0x2026, 0x2026),
]


def unicode_range_css(codepoints) -> str:
    """Code points as a CSS ``unicode-range`` value: runs of neighbours become ranges."""
    runs: list[list[int]] = []
    for code in sorted(codepoints):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return ",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


def write_unicode_range(font) -> str:
    """Put the subset's own character map in the stylesheet's @font-face."""
    value = unicode_range_css(font.getBestCmap())
    css = STYLESHEET.read_text(encoding="utf-8")
    css = re.sub(r"unicode-range: [^;]*;", f"unicode-range: {value};", css, count=1)
    STYLESHEET.write_text(css, encoding="utf-8")
    return value


def main() -> int:
    try:
        from fontTools import subset
    except ImportError:
        print('fontTools is missing: pip install -e ".[fonts]"', file=sys.stderr)
        return 1
    if not SOURCE.exists():
        print(f"{SOURCE} is missing: run `npm ci` first.", file=sys.stderr)
        return 1
    codepoints = [code for start, end in URDU_RANGES for code in range(start, end + 1)]
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Nastaliq's joining and stacking live in GSUB/GPOS
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(SOURCE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    TARGET_DIR.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(TARGET), options)
    shutil.copyfile(PACKAGE / "LICENSE", LICENCE)
    print(f"{TARGET.relative_to(ROOT)}: {SOURCE.stat().st_size} -> {TARGET.stat().st_size} bytes")
    print(f"{STYLESHEET.relative_to(ROOT)}: unicode-range: {write_unicode_range(font)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
