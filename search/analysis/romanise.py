"""Loose Latin keys for cross-script matching.

A non-Latin word is first romanised: Brahmic scripts (Devanagari, Bengali, Gurmukhi, Tamil,
Sinhala, ...) with ``anyascii`` (its tables follow ISO 15919 without diacritics and drop the
inherent vowel: ``सरकार`` → ``srkar``), after mapping anusvara and candrabindu to ``n`` (as people
type ``kisanon``, not anyascii's ``kisanom``); Urdu/Arabic script with this module's own table,
because anyascii drops every alif (``کا`` → ``k``) and reads ``ض`` as Arabic ``d``.

Then the romanisation, and a Latin word the same way, is reduced to a LOOSE key so that the
spellings people type agree. Urdu writes no short vowels, Latin typists write long vowels as they
please (``sarkar``/``sarkaar``, ``baat``/``bat``), and anyascii drops the inherent ``a``; so the
key keeps only what every source writes:

1. Letter folds: ``q``→``k``, ``f``→``p``, ``z``→``j``, ``v``→``w``, ``x``→``ks`` (Urdu ``ق ف ز``
   are typed, and written in Hindi without a nukta, as ``k ph j``).
2. ``h`` after a consonant is dropped (aspirates and digraphs: ``kh``→``k``, ``th``→``t``,
   ``sh``→``s``, ``ch``→``c``), so ``khidmat``/``khidmath`` agree.
3. Final vowel class, kept because every script writes a final long vowel (``की`` ``کی`` ``ki``):
   ``a``/``aa``/``ah`` → ``a``; ``i``/``ee``/``y`` → ``i``; ``e``/``ai``/``ay``/``ey`` → ``e``;
   ``o``/``u``/``oo`` → ``u``. So ``ki`` (کی) and ``ka`` (کا) and ``ke`` (کے) stay apart.
4. Doubled letters collapsed first (``mann``/``man``, ``baat``/``bat``); then the consonant skeleton
   before the final vowel: every vowel dropped, ``y``/``w``/``h`` dropped except as the first letter.

So ``sarkar``, ``sarkaar``, ``सरकार``, ``সরকার``, ``سرکار`` all key to ``srkr``; ``mann``/``मन``/``من``
to ``mn``; ``khidmat``/``ख़िदमत``/``خدمت`` to ``kdmt``; ``baat``/``बात``/``بات`` to ``bt``; ``ki``/``की``/
``کی`` to ``ki``.
"""

import functools
import re

from .words import script_of, words

_VOWELS = frozenset("aeiou")
_LETTER_FOLDS = str.maketrans({"q": "k", "f": "p", "z": "j", "v": "w", "x": "ks"})
_NOT_LETTERS = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_VOWELS = (
    ("aa", "a"),
    ("ay", "e"),
    ("ai", "e"),
    ("ey", "e"),
    ("ee", "i"),
    ("oo", "u"),
    ("a", "a"),
    ("e", "e"),
    ("i", "i"),
    ("y", "i"),
    ("o", "u"),
    ("u", "u"),
)
# Brahmic nasal signs, typed as n (anyascii writes m).
_NASALS = str.maketrans({c: "n" for c in "\u0901\u0902\u0981\u0982\u0a01\u0a02\u0a70\u0b82\u0d82"})

# Urdu (and Persian/Arabic) letters after ``normalise``; long vowels as vowels, the rest as
# they are typed in Roman Urdu without the h of aspirates and digraphs (ھ, خ kh, ش sh...).
# Position-dependent letters (ی و ہ) are handled in ``_urdu``.
_URDU_LETTERS = {
    "ا": "a", "آ": "a", "أ": "a", "إ": "i", "ع": "a", "ء": "", "ئ": "", "ؤ": "u",
    "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ث": "s", "ج": "j", "چ": "c", "ح": "h",
    "خ": "k", "د": "d", "ڈ": "d", "ذ": "z", "ر": "r", "ڑ": "r", "ز": "z", "ژ": "j",
    "س": "s", "ش": "s", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "غ": "g", "ف": "f",
    "ق": "q", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ں": "n", "ھ": "",
    "ے": "e", "ۓ": "e", "ۂ": "a",
    # Pashto and Sindhi letters that Urdu readers type like their nearest Urdu letter.
    "ټ": "t", "ډ": "d", "ړ": "r", "ښ": "s", "ږ": "j", "ځ": "z", "څ": "s", "ڼ": "n",
    "ې": "e", "ۍ": "i",
}  # fmt: skip


def _urdu(word: str) -> str:
    out = []
    last = len(word) - 1
    for i, char in enumerate(word):
        if char == "ی":
            out.append("y" if i == 0 else "i")
        elif char == "و":
            out.append("w" if i == 0 else "u")
        elif char == "ہ":
            # Word-final heh after a consonant is a vowel (ادارہ idara, وجہ wajah).
            out.append("a" if i == last and i > 0 and word[i - 1] not in "اوی" else "h")
        else:
            out.append(_URDU_LETTERS.get(char, ""))
    return "".join(out)


def _brahmic(word: str) -> str:
    from anyascii import anyascii

    out = []
    for char in word.translate(_NASALS):
        letters = anyascii(char)
        if len(letters) > 1 and letters.endswith("h") and letters[0] not in _VOWELS:
            letters = letters[:-1]  # an aspirate (भ bh, ख kh) or sibilant (श sh) letter
        out.append(letters)
    return "".join(out)


def romanise(word: str) -> str:
    """``word`` (normalised) in lower-case ASCII letters, as close to how it is typed as the
    romanisers allow, without the h of aspirates and digraphs."""
    text = _urdu(word) if script_of(word) == "arabic" else _brahmic(word)
    return _NOT_LETTERS.sub("", text.lower())


def typed_letters(latin: str) -> str:
    """A Latin-typed word's letters without the h of aspirates and digraphs (kh, th, sh, ch)."""
    text = _NOT_LETTERS.sub("", latin.lower())
    if not text:
        return ""
    return text[0] + "".join(
        c for prev, c in zip(text, text[1:], strict=False) if not (c == "h" and prev not in _VOWELS)
    )


@functools.lru_cache(maxsize=200_000)
def loose_key(letters: str) -> str:
    """The loose key of lower-case ASCII ``letters`` without aspirate h's (``romanise`` or
    ``typed_letters`` output); rules in the module docstring."""
    text = _DOUBLED.sub(r"\1", letters.translate(_LETTER_FOLDS))
    if not text:
        return ""
    final = ""
    for ending, vowel in _FINAL_VOWELS:
        if (
            len(text) > len(ending)
            and text.endswith(ending)
            and text[-len(ending) - 1] not in _VOWELS
        ):
            final = vowel
            text = text[: -len(ending)]
            break
    else:
        if len(text) > 1 and text.endswith("h"):
            # A final h after a vowel or after an unwritten inherent a (यह yh, वजह, wajah) is
            # not typed consistently: it keys as the vowel a.
            final, text = "a", text[:-1].rstrip("aeiou") or text[0]
    skeleton = text[0] if text[0] not in _VOWELS else ""
    skeleton += "".join(c for c in text[1:] if c not in _VOWELS and c not in "yw")
    return skeleton + final


def word_key(word: str) -> str:
    """The loose key of one normalised word of any script ("" for digits and the like)."""
    if script_of(word) == "latin":
        return loose_key(typed_letters(word))
    return loose_key(romanise(word))


def romanised_keys(text: str) -> list[str]:
    """One loose Latin key per non-Latin word of normalised ``text``, in order."""
    if text.isascii():
        return []
    keys = []
    for word in words(text):
        if script_of(word) not in ("latin", "other"):
            key = word_key(word)
            if key:
                keys.append(key)
    return keys
