"""Words and scripts."""

import re

#: Word characters plus the combining marks Indic and Arabic scripts need inside a word.
WORD_RE = re.compile(
    r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff]+"
)


def words(text: str) -> list[str]:
    """The words of already-normalised ``text``, in order."""
    return WORD_RE.findall(text)


def script_of(word: str) -> str:
    """ "latin", "devanagari", "bengali", "arabic", "sinhala", "tamil" or "other"."""
    for char in word:
        code = ord(char)
        if code < 0x0250:
            if char.isalpha():
                return "latin"
        elif 0x0600 <= code <= 0x06FF:
            return "arabic"
        elif 0x0900 <= code <= 0x097F:
            return "devanagari"
        elif 0x0980 <= code <= 0x09FF:
            return "bengali"
        elif 0x0B80 <= code <= 0x0BFF:
            return "tamil"
        elif 0x0D80 <= code <= 0x0DFF:
            return "sinhala"
    return "other"
