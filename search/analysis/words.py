"""Words and scripts.

A word is a run of letters, digits and combining marks (Unicode categories L*, N*, M*), plus the
zero-width joiner and non-joiner that Sinhala conjuncts (``ශ්‍රී``) and Persian/Urdu spellings
carry inside a word, and the soft hyphen (a displayed text's words are split as the indexed ones). Combining marks are what Indic vowel signs (matras), viramas (halant, pulli,
al-lakuna), nuktas, anusvaras and Arabic harakat are, so no word is ever cut at one of them:
``किसान भविष्य`` is two words, not ``क स न भव ष य``. Danda (``।``) and other punctuation separate.
"""

import functools
import re
import unicodedata


@functools.cache
def word_pattern() -> re.Pattern[str]:
    """The word regex (built on first use: it lists every combining mark of the Basic
    Multilingual Plane, where all of the region's scripts live)."""
    marks = []
    start = None
    for code in range(0x10001):
        is_mark = code < 0x10000 and unicodedata.category(chr(code))[0] == "M"
        if is_mark and start is None:
            start = code
        elif not is_mark and start is not None:
            marks.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(r"(?:[^\W_]|[" + "".join(marks) + r"\u200c\u200d\u00ad])+")


def words(text: str) -> list[str]:
    """The words of ``text`` (normalised or as displayed), in order."""
    return word_pattern().findall(text)


# The Unicode blocks of the scripts the analysis knows by name.
_SCRIPT_BLOCKS = (
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0xA8E0, 0xA8FF, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"),
    (0x0A80, 0x0AFF, "gujarati"),
    (0x0B00, 0x0B7F, "oriya"),
    (0x0B80, 0x0BFF, "tamil"),
    (0x0C00, 0x0C7F, "telugu"),
    (0x0C80, 0x0CFF, "kannada"),
    (0x0D00, 0x0D7F, "malayalam"),
    (0x0D80, 0x0DFF, "sinhala"),
)


def script_of(word: str) -> str:
    """The script of ``word``'s first letter: "latin", "devanagari", "bengali", "arabic",
    "sinhala", "tamil", "gurmukhi", "gujarati", "oriya", "telugu", "kannada", "malayalam" or
    "other" (digits only, or another script)."""
    for char in word:
        code = ord(char)
        if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:  # Latin blocks (IAST's ā, ṣ, ṭ too)
            if char.isalpha():
                return "latin"
            continue
        for first, last, script in _SCRIPT_BLOCKS:
            if first <= code <= last:
                if unicodedata.category(char)[0] in "LM":
                    return script
                break
    return "other"
