"""One canonical spelling per word, applied at indexing and at query time.

The rules, each pinned by a test in ``tests/search/test_analysis_normalise.py``:

- Unicode NFC. NFC leaves the Devanagari and Bengali nukta letters (U+0958–U+095F, U+09DC,
  U+09DD, U+09DF) decomposed (they are composition exclusions), so a precomposed ``ड़`` and a typed
  ``ड`` + U+093C become the same two code points.
- Devanagari nukta, candrabindu and "dead n" folded as Lucene's ``HindiNormalizer`` does (after
  Larkey, Connell & AbdulJaleel, "Hindi CLIR in thirty days", 2003): the nukta is dropped
  (``ज़मीन`` and ``जमीन``, ``रोज़गार`` and ``रोजगार`` are both common spellings of one word), ``ँ``
  becomes ``ं`` (``योजनाएँ`` / ``योजनाएं``), and a class nasal with virama before a consonant of
  its class becomes ``ं`` (``हिन्दी`` / ``हिंदी``, ``सम्बन्ध`` / ``संबंध``). Lucene's other folds
  (virama deletion, long vowels to short) are not applied: the Hindi stemmer's suffixes need them.
  Bengali keeps its nukta (``য়`` and ``য`` are different letters); its pre-Unicode-4.1 khanda ta
  (``ত্‍``, with ZWJ) becomes ``ৎ``.
- Arabic letters folded to their Urdu/Persian forms so Arabic-keyboard spellings agree with
  Urdu ones: ``ك``→``ک``, ``ي``/``ى``→``ی``, ``ه``/``ە``→``ہ``, ``ة``/``ۃ``→``ہ``. Persian and Dari already use
  ``ک``/``ی``, so they agree too; Pashto's distinct ``ي`` (i) and ``ی`` (ay) are merged, which only
  ever widens a match. Urdu ``ھ`` (do-chashmi he, aspiration) stays apart from ``ہ``: ``کہا`` (said)
  and ``کھا`` (eat) are different words.
- Removed: tatweel, Arabic harakat and other diacritics (U+064B–U+065F, U+0670), Quranic marks
  (U+0610–U+061A, U+06D6–U+06ED), zero-width space/joiner/non-joiner, word joiner, soft hyphen,
  byte-order mark, and bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates).
- Arabic presentation forms (contextual shapes and ligatures, U+FB50–U+FDFF, U+FE70–U+FEFE, as
  text extracted from PDFs often has them) → their letters, then folded as above.
- Native digits of every script in the region (Arabic-Indic, Extended Arabic-Indic, Devanagari,
  Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala Lith) → ASCII.
- Case folding (``str.casefold``).

Pure-ASCII text (nearly all English) takes a fast path: only ``str.lower``, done in C.
"""

import functools
import re
import unicodedata

_DELETED_RANGES = (
    (0x0610, 0x061A),  # Quranic honorifics and marks above/below
    (0x061C, 0x061C),  # Arabic letter mark (bidi)
    (0x0640, 0x0640),  # tatweel
    (0x064B, 0x065F),  # harakat: tanwin, fatha, damma, kasra, shadda, sukun, small marks
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06DC),  # Quranic small high ligatures
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x093C, 0x093C),  # Devanagari nukta (see module docstring)
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x200B, 0x200F),  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner and invisible operators
    (0x2066, 0x2069),  # bidi isolates
    (0xFEFF, 0xFEFF),  # byte-order mark / zero-width no-break space
)

_LETTER_FOLDS = {
    "\u0643": "\u06a9",  # Arabic kaf -> Urdu keheh
    "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
    "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
    "\u0647": "\u06c1",  # Arabic heh -> Urdu heh goal
    "\u06d5": "\u06c1",  # ae -> heh goal
    "\u0629": "\u06c1",  # teh marbuta -> heh goal
    "\u06c3": "\u06c1",  # teh marbuta goal -> heh goal
    "\u0901": "\u0902",  # Devanagari candrabindu -> anusvara
    # Devanagari nukta letters that NFC composes (not composition exclusions): nukta dropped.
    "\u0929": "\u0928",  # ऩ -> न
    "\u0931": "\u0930",  # ऱ -> र
    "\u0934": "\u0933",  # ऴ -> ळ
}

# A Devanagari nasal consonant with virama before a consonant of its own class is what the
# anusvara writes (हिन्दी / हिंदी, सम्बन्ध / संबंध, पङ्क्ति / पंक्ति): Larkey et al.'s rule for न्,
# Lucene's "dead n", widened to the other class nasals.
_CLASS_NASALS = re.compile(
    "\u0919\u094d(?=[\u0915-\u0918])"  # ङ् before क-घ
    "|\u091e\u094d(?=[\u091a-\u091d])"  # ञ् before च-झ
    "|\u0923\u094d(?=[\u091f-\u0922])"  # ण् before ट-ढ
    "|\u0928\u094d(?=[\u0915-\u0939])"  # न् before any consonant
    "|\u092e\u094d(?=[\u092a-\u092d])"  # म् before प-भ
)
_DEVANAGARI_VIRAMA = "\u094d"
_BENGALI_KHANDA_TA_OLD = "\u09a4\u09cd\u200d"  # ত + hasanta + ZWJ, before U+09CE existed


@functools.cache
def _replacements() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every character a rule changes, and what each becomes (built on first
    use). Such characters are rare in running text, so a regex substitution touches only them
    (``str.translate`` with a dict looks up every character, several times slower)."""
    table = dict(_LETTER_FOLDS)
    for first, last in _DELETED_RANGES:
        for code in range(first, last + 1):
            table[chr(code)] = ""
    for code in range(0x0660, 0x0E00):  # Arabic to Sinhala blocks
        char = chr(code)
        if unicodedata.category(char) == "Nd":
            table[char] = str(unicodedata.decimal(char))
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):  # presentation forms
        char = chr(code)
        letters = unicodedata.normalize("NFKC", char)
        if letters != char:
            table[char] = "".join(table.get(letter, letter) for letter in letters)
    return re.compile("[" + "".join(map(re.escape, table)) + "]"), table


def normalise(text: str) -> str:
    """``text`` in the spelling every engine indexes and searches (see the module docstring)."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _BENGALI_KHANDA_TA_OLD in text:
        text = text.replace(_BENGALI_KHANDA_TA_OLD, "\u09ce")
    pattern, table = _replacements()
    text = pattern.sub(lambda match: table[match.group()], text)
    if _DEVANAGARI_VIRAMA in text:
        text = _CLASS_NASALS.sub("\u0902", text)
    return text.casefold()
