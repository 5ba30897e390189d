"""Loose Latin keys for cross-script matching.

A non-Latin word is first romanised: Brahmic scripts (Devanagari, Bengali, Gurmukhi, Tamil,
Sinhala, ...) with ``anyascii`` (its tables follow ISO 15919 without diacritics and drop the
inherent vowel: ``सरकार`` → ``srkar``), after mapping anusvara and candrabindu to ``n`` (as people
type ``kisanon``, not anyascii's ``kisanom``) and dropping the ``h`` of aspirate letters (``भ`` b);
Urdu/Arabic script with this module's own table, because anyascii drops every alif (``کا`` → ``k``)
and reads ``ض`` as Arabic ``d``. A Latin-typed word loses the ``h`` after a consonant (``kh``,
``th``, ``sh``, ``ch``), so ``khidmat``/``khidmath`` agree. Then, for all:

- Letter folds: ``q``→``k``, ``f``→``p``, ``z``→``j``, ``v``→``w``, ``x``→``ks`` (Urdu ``ق ف ز`` are
  typed, and written in Hindi without a nukta, as ``k ph j``); doubled letters collapsed
  (``mann``/``man``, ``baat``/``bat``).

Two kinds of key come out of that, because Urdu writes no short vowels and Brahmic scripts do:

- VOWELLED key (Brahmic and Latin words): vowel classes kept, ``a`` dropped except first and last
  (anyascii drops the inherent ``a``, and typists write long ``ā`` as ``a`` or ``aa``):
  ``ee``→``i``, ``ai``/``ei`` and a final ``ay``/``ey``→``e``, ``o``/``oo``/``au``/``ou``→``u``,
  and Roman Urdu's ``eh`` before a consonant (``pehla``, ``mehnat``) → ``ah``.
  ``sarkar``/``sarkaar``/``सरकार``/``সরকার`` → ``srkr``, ``mann``/``मन`` → ``mn`` but ``mein``/``में`` →
  ``men``.
- SKELETON key (to reach Urdu): every vowel and ``y``/``w`` dropped except as the first letter
  (a first vowel, which Urdu writes with an alif, as ``a``), then the final vowel class, which every script writes (``a``; ``i``; ``e``; ``u``), so ``ki``
  (``کی``), ``ka`` (``کا``), ``ke`` (``کے``) stay apart: ``سرکار`` → ``srkr``, ``خدمت`` → ``kdmt``,
  ``بہت`` → ``bht``.

A native word's final h is a consonant (سطح, सतह satah), while a typist's final h often stands
for a vowel (wajah/waja), so skeletons that meet only native words keep a final h
(``final_h_is_vowel=False``).

Namespaces keep the looser skeleton from matching Brahmic text a vowelled key tells apart (``q``,
``x``, ``z``, ``f`` and ``v`` never begin a vowelled key after the letter folds): an Urdu word
indexes ``q`` + skeleton and ``z`` + native skeleton, a Brahmic word its vowelled key and ``x`` +
native skeleton. A Latin query word is searched as its vowelled key and ``q`` + skeleton (it finds
Brahmic text by vowels, Urdu by consonants), a Brahmic query word as its vowelled key and ``z`` +
native skeleton, an Urdu query word as ``q`` + skeleton and ``x`` + native skeleton (it has no
vowels to offer). A Brahmic word's
vowelled key as typists write it, where that differs from its transliteration, is indexed under
``f`` (``TYPED``), which only Latin query words search.

Longer than 400 lines on purpose: this is one transliteration scheme, specified above. The
per-script romanising and the key rules are tuned against each other (the folds and vowel classes
undo what anyascii and each script's spelling do), and the key namespaces only work if both
halves change together, so they are read and changed as one.
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


# Letters typed otherwise than their transliteration: Tamil ச is typed s (sasanam) and ழ zh
# (mozhi); Sinhala æ (ැ ෑ ඇ ඈ) is typed a (paminili, uppanna); Bengali ৃ ri.
_TYPED_AS = {
    "tamil": {"\u0b9a": "s", "\u0bb4": "z"},
    "sinhala": {"\u0dd0": "a", "\u0dd1": "a", "\u0d87": "a", "\u0d88": "a"},
    "bengali": {"\u09c3": "ri", "\u098b": "ri"},  # ৃ ঋ: কৃষক krishok
}
# Scripts whose languages pronounce, and whose typists write, a word's final inherent vowel
# (ජංගම jangama, பிரதேச pirathesa), which anyascii drops as it does Hindi's silent one.
_FINAL_INHERENT_A = frozenset(("sinhala", "tamil"))


# Tamil writes one letter for a voiceless and a voiced stop: voiced between vowels and after a
# nasal (முகவரி mugavari, நடமாடும் nadamadum, செயலகங்கள் seyalagangal), voiceless at the start
# of a word and doubled (மக்கள் makkal).
_TAMIL_VOICED = {"\u0b95": "g", "\u0b9f": "d", "\u0ba4": "d", "\u0baa": "b"}
_TAMIL_NASALS = frozenset("\u0b99\u0b9e\u0ba3\u0ba8\u0bae\u0ba9")
_TAMIL_VIRAMA = "\u0bcd"


def _tamil_voiced(word: str, i: int) -> bool:
    """Whether the stop at ``word[i]`` is pronounced voiced."""
    if i == 0:
        return False
    if word[i - 1] != _TAMIL_VIRAMA:
        return True
    return i > 1 and word[i - 2] in _TAMIL_NASALS


_BENGALI_YA = "\u09af"
_BENGALI_NUKTA = "\u09bc"
_BENGALI_VIRAMA = "\u09cd"


def _bengali_typed(word: str, i: int, previous: str) -> str | None:
    """How a Bengali typist writes ``word[i]`` where that differs from anyascii: য as j
    (অভিযোগ obhijog), or after a consonant as that consonant again (উদ্যোক্তা uddokta); য়
    (য with a nukta) stays y."""
    if word[i] != _BENGALI_YA or word[i + 1 : i + 2] == _BENGALI_NUKTA:
        return None
    return previous if i > 0 and word[i - 1] == _BENGALI_VIRAMA else "j"


def _is_consonant(char: str, letters: str) -> bool:
    return bool(letters) and letters[0] not in _VOWELS and char.isalpha()


def _brahmic(word: str, script: str, *, as_typed: bool, voiced: bool = False) -> str:
    # Imported on first use: anyascii costs ~40 ms to import, which every process would pay.
    from anyascii import anyascii

    typed_as = _TYPED_AS.get(script, {}) if as_typed else {}
    out = []
    letters = ""
    word = word.translate(_NASALS)
    consonant = ""
    for i, char in enumerate(word):
        if voiced and char in _TAMIL_VOICED and _tamil_voiced(word, i):
            letters = _TAMIL_VOICED[char]
        elif as_typed and script == "bengali" and (typed := _bengali_typed(word, i, consonant)):
            letters = typed
        else:
            letters = typed_as.get(char) or anyascii(char)
        if len(letters) > 1 and letters.endswith("h") and letters[0] not in _VOWELS:
            letters = letters[:-1]  # an aspirate (भ bh, ख kh) or sibilant (श sh) letter
        if _is_consonant(char, letters):
            consonant = letters
        out.append(letters)
    if as_typed and script in _FINAL_INHERENT_A and _is_consonant(word[-1], letters):
        out.append("a")
    if as_typed and script == "bengali" and word[-2:-1] == _BENGALI_VIRAMA:
        out.append("o")  # a final conjunct keeps its vowel: সেবাকেন্দ্র sebakendro
    return "".join(out)


def romanise(word: str, *, as_typed: bool = False, voiced: bool = False) -> str:
    """``word`` (normalised) in lower-case ASCII letters, as close to how it is typed as the
    romanisers allow, without the h of aspirates and digraphs. ``as_typed`` also applies the
    typists' own letters (``_TYPED_AS``) and final vowel (``_FINAL_INHERENT_A``), which other
    scripts' spellings of the word (जंगम for ජංගම) do not have; ``voiced`` reads Tamil stops as
    pronounced (``_TAMIL_VOICED``)."""
    script = script_of(word)
    if script == "arabic":
        text = _urdu(word)
    else:
        text = _brahmic(word, script, as_typed=as_typed, voiced=voiced)
    return _NOT_LETTERS.sub("", text.lower())


def typed_letters(latin: str) -> str:
    """A Latin-typed word's letters without diacritics (IAST ``sarkār``) and without the h of
    aspirates and digraphs (kh, th, sh, ch)."""
    # Imported on first use: anyascii costs ~40 ms to import, which every process would pay.
    from anyascii import anyascii

    text = _NOT_LETTERS.sub("", anyascii(latin).lower())
    if not text:
        return ""
    return text[0] + "".join(
        c for prev, c in zip(text, text[1:], strict=False) if not (c == "h" and prev not in _VOWELS)
    )


_VOWEL_CLASSES = (
    (re.compile(r"eh(?=[^aeiou])"), "ah"),  # Roman Urdu's pehla, rehna, mehnat: a schwa before h
    (re.compile(r"ee|ii"), "i"),
    (re.compile(r"ai|ei|(?:ay|ey)$"), "e"),
    (re.compile(r"oo|uu|au|ou|o"), "u"),
)


@functools.lru_cache(maxsize=200_000)
def vowelled_key(letters: str) -> str:
    """The vowelled key of lower-case ASCII ``letters`` without aspirate h's (``romanise`` or
    ``typed_letters`` output); rules in the module docstring."""
    text = letters.translate(_LETTER_FOLDS)
    for pattern, vowel in _VOWEL_CLASSES:
        text = pattern.sub(vowel, text)
    text = _DOUBLED.sub(r"\1", text)
    if len(text) > 2:
        text = text[0] + text[1:-1].replace("a", "") + text[-1]
    return _DOUBLED.sub(r"\1", text)


@functools.lru_cache(maxsize=200_000)
def skeleton_key(letters: str, *, final_h_is_vowel: bool = True) -> str:
    """The consonant skeleton (and final vowel class) of lower-case ASCII ``letters`` without
    aspirate h's; rules in the module docstring. ``final_h_is_vowel=False`` for native words,
    whose final h is a consonant (سطح, सतह) and not the way a typist writes a final a."""
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
        if final_h_is_vowel and len(text) > 1 and text.endswith("h"):
            # A final h after a vowel or after an unwritten inherent a (यह yh, वजह, wajah) is
            # not typed consistently: it keys as the vowel a.
            final, text = "a", text[:-1].rstrip("aeiou") or text[0]
    # Every script writes a word's first vowel (Urdu with an alif), so a word that starts with one
    # keys with an "a" in front: অভিযান (abhijan) is not بھیجیں (bhejen).
    skeleton = text[0] if text[0] not in _VOWELS else "a"
    skeleton += "".join(c for c in text[1:] if c not in _VOWELS and c not in "yw")
    return skeleton + final


# Scripts of languages that share no vocabulary with Urdu: their words reaching Urdu text by a
# consonant skeleton (Tamil போர் por, Urdu پر par) is only ever a false hit.
_NO_URDU_VOCABULARY = frozenset(("tamil", "sinhala"))

URDU_SKELETON = "q"
BRAHMIC_SKELETON = "x"
# An Urdu word's skeleton as a native word of another script meets it: its final h a consonant.
NATIVE_URDU_SKELETON = "z"
# A Brahmic word's key as typists write it where that differs from its transliteration (Sinhala
# and Tamil final a: සිට sita; Tamil ச s; Bengali য j) is for Latin queries only: a native query
# word of another script is a transliteration, and met typed keys by chance (सीता, සිට).
TYPED = "f"


# Bengali typists write the inherent vowel, which no romaniser writes, as o (krishok, sorkar),
# and the vowel sign ো as o too, so an o may be either. A Latin query word with an o is also
# searched with every o read as the inherent vowel, in a namespace of its own (``v`` never occurs
# in a key after the letter folds) that only Bengali documents index, their ো read likewise; a
# য় between vowels is often not typed (খতিয়ান khotian), so there it goes too.
O_AS_A = "v"
_Y_BETWEEN_VOWELS = re.compile(r"(?<=[aeiu])y(?=[aeiu])")


def _o_as_a(letters: str) -> str:
    return _Y_BETWEEN_VOWELS.sub("", letters.replace("o", "a"))


def _keys(*keys: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for k in keys if len(k) > 1))


@functools.lru_cache(maxsize=200_000)
def document_keys(word: str) -> tuple[str, ...]:
    """The keys a document indexes for one normalised non-Latin ``word`` (none for Latin)."""
    script = script_of(word)
    if script in ("latin", "other"):
        return ()
    letters = romanise(word)
    if not letters:
        return ()
    if script == "arabic":
        return _keys(
            *(URDU_SKELETON + skeleton for skeleton in _urdu_skeletons(word, letters)),
            *(NATIVE_URDU_SKELETON + s for s in _urdu_skeletons(word, letters, native=True)),
        )
    typed = [romanise(word, as_typed=True)]
    skeleton = skeleton_key(typed[0] if script == "bengali" else letters, final_h_is_vowel=False)
    if script == "tamil":
        typed.append(romanise(word, as_typed=True, voiced=True))
    bengali_o = (O_AS_A + vowelled_key(_o_as_a(typed[0])),) if script == "bengali" else ()
    # The Brahmic skeleton serves Urdu query words, which Sinhala and Tamil text never holds.
    for_urdu = "" if script in _NO_URDU_VOCABULARY else BRAHMIC_SKELETON + skeleton
    transliterated = "" if _is_sinhala_only(word) else vowelled_key(letters)
    as_typed = (vowelled_key(letters) for letters in typed)
    return _keys(
        transliterated,
        for_urdu,
        *(TYPED + key for key in as_typed if key != transliterated),
        *bengali_o,
    )


@functools.lru_cache(maxsize=50_000)
def query_keys(word: str) -> tuple[str, ...]:
    """The keys one normalised query ``word`` of any script is searched as."""
    script = script_of(word)
    if script == "other":
        return ()
    letters = typed_letters(word) if script == "latin" else romanise(word)
    if not letters or _is_sinhala_only(word):
        return ()
    if script == "arabic":
        return _keys(
            *(URDU_SKELETON + skeleton for skeleton in _urdu_skeletons(word, letters)),
            *(BRAHMIC_SKELETON + s for s in _urdu_skeletons(word, letters, native=True)),
        )
    sounds = romanise(word, as_typed=True) if script == "bengali" else letters
    keys = _query_keys_of(letters, script, sounds)
    if script == "latin" and (english := _english_spelling(word)) not in ("", letters):
        return _keys(*keys, *_query_keys_of(english, script, english))
    return keys


# Sinhala's æ vowels, which no other script of the region writes.
_SINHALA_AE = frozenset("\u0dd0\u0dd1\u0d87\u0d88")


def _is_sinhala_only(word: str) -> bool:
    """Whether ``word`` has a Sinhala æ: no other script can spell it, so its transliterated key
    would only meet other words (පැණි paeni, keyed like පෙනී peni or पनि pani)."""
    return not _SINHALA_AE.isdisjoint(word)


def _consonants(letters: str) -> int:
    return sum(c not in _VOWELS for c in letters)


_PROTHETIC_VOWEL = re.compile(r"^[aiu](?=s[^aeiouyw])")


def _urdu_skeletons(word: str, letters: str, *, native: bool = False) -> tuple[str, ...]:
    """An Urdu ``word``'s skeletons: also without its first vowel where that is the vowel Urdu
    puts before s and a consonant (اسکول iskool, اسٹیشن, اسپتال), which Hindi and English lack.
    ``native``: as other scripts' words meet it (``final_h_is_vowel=False``), a final heh after
    a consonant read both as the vowel it usually is (ادارہ idara) and as h (وجہ, वजह wajah)."""
    spellings = [letters]
    if _PROTHETIC_VOWEL.match(letters):
        spellings.append(letters[1:])
    if native and word.endswith("ہ") and letters.endswith("a"):
        spellings += [spelling[:-1] + "h" for spelling in spellings]
    return tuple(dict.fromkeys(skeleton_key(s, final_h_is_vowel=not native) for s in spellings))


def _query_keys_of(letters: str, script: str, sounds: str) -> tuple[str, ...]:
    """The keys of a query word's ``letters``; its consonant skeleton, the key that meets Urdu,
    is taken from ``sounds``: a Bengali word as typed, since Bengali pronounces য as j (অভিযান
    obhijan, যাকাত jakat for زکات), every other word as its ``letters``."""
    vowelled = vowelled_key(letters)
    if script != "latin" and _consonants(vowelled) < _consonants(
        _DOUBLED.sub(r"\1", letters.translate(_LETTER_FOLDS))
    ):
        # The key merged two syllables whose vowel it drops (काका kaka -> ka, the key of का):
        # a native word has its native forms; a key that names another word only adds false hits.
        vowelled = ""
    if script in _NO_URDU_VOCABULARY:
        return _keys(vowelled)
    if script == "latin":
        urdu = URDU_SKELETON + skeleton_key(sounds)
    else:
        urdu = NATIVE_URDU_SKELETON + skeleton_key(sounds, final_h_is_vowel=False)
    bengali_o = (O_AS_A + vowelled_key(_o_as_a(letters)),) if "o" in letters else ()
    # A Latin word may be typed as a Brahmic word is typed (``TYPED``) or as it is transliterated.
    as_typed = (TYPED + vowelled,) if script == "latin" and vowelled else ()
    return _keys(vowelled, *as_typed, urdu, *bengali_o, *_silent_final_a(letters))


# English spelling rules, for English loanwords typed as in English that the region's scripts
# write as they sound: पेंशन for pension, गारंटी guarantee, کارڈ card, اسکول school.
_ENGLISH_SPELLING = (
    (re.compile(r"sch"), "sk"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"[st]ion$"), "shan"),
    (re.compile(r"^gu(?=[aeiou])"), "g"),
)


def _english_spelling(latin: str) -> str:
    """``latin`` respelt by the English spelling rules above, then as ``typed_letters``."""
    # Imported on first use: anyascii costs ~40 ms to import, which every process would pay.
    from anyascii import anyascii

    text = anyascii(latin).lower()
    for pattern, sound in _ENGLISH_SPELLING:
        text = pattern.sub(sound, text)
    return typed_letters(text)


def _silent_final_a(letters: str) -> tuple[str, ...]:
    """The vowelled key of a typed word without its final a, which Devanagari leaves unwritten
    and Nepali typists write (karyalaya for कार्यालय, badapatra for बडापत्र); only for a key of
    at least four letters, as a short one would meet other words (sabha, सब)."""
    if len(letters) < 3 or letters[-1] != "a" or letters[-2] in _VOWELS:
        return ()
    key = vowelled_key(letters)[:-1]
    return (key,) if len(key) >= 4 else ()


def romanised_keys(text: str) -> list[str]:
    """The document keys of each non-Latin word of normalised ``text``, in order."""
    if text.isascii():
        return []
    return [key for word in words(text) for key in document_keys(word)]
