"""Light stemmers for the region's languages, applied by the content's language.

- Hindi (``hi``), Nepali (``ne``), Tamil (``ta``): the Snowball stemmers of the ``snowballstemmer``
  package. Snowball's Hindi is Ramanathan & Rao's lightweight stemmer ("A Lightweight Stemmer for
  Hindi", EACL 2003 workshop on Computational Linguistics for South Asian Languages); Nepali is
  Ingroj Shrestha & Shreeya Singh Dhakal's ("A new stemmer for Nepali language", 2016); Tamil is
  Damodharan Rajalingam's.
- Bengali (``bn``): the light suffix stripper of Apache Lucene's ``BengaliStemmer`` (which cites
  P. Sengupta & B. B. Chaudhuri, "Natural Language Processing in an Indian Language (Bengali)-I:
  Verb Phrase Analysis", and J. Savoy's ``BengaliStemmerLight`` for CLEF): the longest suffix of its
  list is removed when at least two letters would remain. Re-implemented here from its suffix
  list, written in NFC (so ``য়`` counts as two code points, as ``normalise`` leaves it).
- Urdu (``ur``): Ramanathan & Rao's Hindi suffix classes (above) written in Urdu script. Hindi and
  Urdu share one inflectional grammar (Hindustani), so the noun, adjective and verb endings are the
  same morphemes; Urdu writes only the long vowels, so the short-vowel suffixes ``ि``/``ु`` have no
  Urdu counterpart. Same rule as the Hindi stemmer: the longest listed suffix goes when at least
  two letters remain. (The published Urdu light stemmers, Kansal, Goyal & Lehal 2012 and the
  affix-exception-list "Assas-Band" of Akram, Naseer & Hussain 2009, strip suffixes the same way;
  their full lists are not published in their papers, so this one is not theirs.)
- Sinhala (``si``) and every other language: no stemming.

A word whose stem would be a pronoun's oblique base (``FUNCTION_STEMS``: किसने -> किस, उनको ->
उन, উনিকে -> উনি) stays whole: the suffix was a case ending of a pronoun, and matching by that
base meets किसी, उसका, उनकी on nearly every page. Pronouns are a closed class, so the bases are
listed here; the stopword lists of ``stopwords-iso`` were considered and rejected, since they mix in
content words the region's governance texts search for (कर is "tax", উত্তর "north") and their
Urdu list is mis-encoded (بہت written ثہت).

Hindi agent nouns in -ी whose light stem is another common word of governance text
(``AGENT_NOUNS``: अधिकारी officer -> अधिकार right, मंत्री minister -> मंत्र) keep the singular as
the stem of both their forms, as Lucene's ``StemmerOverrideFilter`` does for such pairs.

A stem is never shorter than two code points (Ramanathan & Rao's condition; Snowball's Hindi
and Nepali would make ``की``, ``का`` and ``के`` all ``क``).

A word of another script than its document's language (a Hindi quotation on an English page)
is stemmed by its script's main language: Devanagari as Hindi, Bengali as Bengali, Arabic as Urdu,
Tamil as Tamil. Latin-script words are returned unchanged: the engines stem English.
"""

import functools
import unicodedata

from .words import script_of

_SNOWBALL = {"hi": "hindi", "ne": "nepali", "ta": "tamil"}

#: The language whose stemmer a script's words get when the document's language is not one
#: written in that script.
SCRIPT_LANGUAGES = {
    "devanagari": ("hi", "ne"),
    "bengali": ("bn",),
    "arabic": ("ur",),
    "tamil": ("ta",),
    "sinhala": ("si",),
}

_BENGALI_SUFFIXES = (
    "িয়াছিলাম িতেছিলাম িতেছিলেন ইতেছিলেন িয়াছিলেন ইয়াছিলেন "
    "িতেছিলি িতেছিলে িয়াছিলা িয়াছিলে িতেছিলা িয়াছিলি য়েদেরকে "
    "িতেছিস িতেছেন িয়াছিস িয়াছেন েছিলাম েছিলেন েদেরকে "
    "িতেছি িতেছা িতেছে ছিলাম ছিলেন িয়াছি িয়াছা িয়াছে েছিলে েছিলা য়েদের দেরকে "
    "িলাম িলেন িতাম িতেন িবেন ছিলি ছিলে ছিলা তেছে িতেছ খানা খানি গুলো গুলি য়েরা েদের "
    "লাম িলি ইলি িলে ইলে লেন িলা ইলা তাম িতি ইতি িতে ইতে তেন িতা িবা ইবা িবি ইবি বেন িবে "
    "ইবে ছেন য়োন য়ের েরা দের "
    "িস েন লি লে লা তি তে তা বি বে বা ছি ছা ছে ুন ুক টা টি নি ের রা কে "
    "ি ী া ো ে ব ত"
)

_URDU_SUFFIXES = (
    # Hindi's 4- and 5-letter classes: plurals in -iyan/-iyon and the oblique of -na/-ta nouns
    # (Urdu writes the future's ga/gi/ge as a separate word, so those forms do not occur).
    "ائیاں ائیوں ناؤں نائیں تاؤں تائیں یاں یوں "
    # 3: ाकर ाइए ाईं ाया ेगी ेगा ोगी ोगे ाने ाना ाते ाती ाता ाओं ाएं ुओं (not तीं/ातीं: in Urdu
    # script they are the plural یں after a stem's own ت, as in باتیں)
    "اکر ائیے ائیں ایا ےگی ےگا وگی وگے انے انا اتے اتی اتا اؤں وؤں "
    # 2: कर ाओ िए ाई ाए ने नी ना ते ीं/ें ती ता ाँ/ां ों
    "کر اؤ یے ائی ائے نے نی نا تے یں تی تا اں وں "
    # 1: ो/ू े ी ा
    "و ے ی ا"
)


#: Oblique bases of personal, demonstrative, relative and interrogative pronouns, by script
#: (a Devanagari query word is stemmed as Hindi and as Nepali, so both languages' bases count).
FUNCTION_STEMS = {
    "devanagari": frozenset(
        [
            "मुझ",
            "तुझ",
            "हम",
            "तुम",
            "आप",
            "उस",
            "इस",
            "जिस",
            "किस",
            "उन",
            "इन",
            "जिन",
            "किन",
            "मेर",
            "हाम्र",
            "तिम्र",
            "यस",
            "त्यस",
            "जस",
            "कस",
            "यी",
            "ती",
        ]
    ),
    "bengali": frozenset(["আমা", "তোমা", "তাঁ", "তাহা", "উনি", "ওঁ", "ইনি", "এঁ", "যাহা", "কাহা"]),
    "arabic": frozenset(["مجھ", "تجھ", "ہم", "تم", "آپ", "اس", "ان", "جس", "جن", "کس", "کن"]),
}

#: Hindi agent nouns whose light stem would be another word (officer/right, minister/mantra,
#: tailor/registered, employee/-, gardener/goods); their oblique plural in -ियों too.
AGENT_NOUNS = frozenset(["अधिकारी", "मंत्री", "दर्जी", "कर्मचारी", "माली"])


def _agent_noun(word: str) -> str | None:
    """The agent noun ``word`` is a form of (itself or its plural in -ियों), or None."""
    if word in AGENT_NOUNS:
        return word
    if word.endswith("ियों") and (singular := word[: -len("ियों")] + "ी") in AGENT_NOUNS:
        return singular
    return None


def _suffix_stripper(suffixes: str):
    """A stemmer that removes the longest of ``suffixes`` (space-separated) when at least two
    letters remain."""
    listed = sorted(
        {unicodedata.normalize("NFC", s) for s in suffixes.split()}, key=len, reverse=True
    )

    def strip(word: str) -> str:
        for suffix in listed:
            if len(word) > len(suffix) + 1 and word.endswith(suffix):
                return word[: -len(suffix)]
        return word

    return strip


@functools.cache
def _stemmer(language: str):
    """The stemming function of ``language`` or None; built on first use (no import-time work)."""
    if language in _SNOWBALL:
        # Imported on first use: snowballstemmer costs ~70 ms to import (all its languages),
        # paid by the first search.
        import snowballstemmer

        return snowballstemmer.stemmer(_SNOWBALL[language]).stemWord
    if language == "bn":
        return _suffix_stripper(_BENGALI_SUFFIXES)
    if language == "ur":
        return _suffix_stripper(_URDU_SUFFIXES)
    return None


def stemming_language(word: str, language: str) -> str | None:
    """The language whose stemmer ``word`` gets in a document in ``language``, or None."""
    languages = SCRIPT_LANGUAGES.get(script_of(word))
    if not languages:
        return None
    return language if language in languages else languages[0]


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """``word`` (normalised, lower-case) reduced to its stem in ``language`` ("hi", "ne", "bn",
    "ur", "ta", ...). Latin-script words are returned unchanged: the engines stem English."""
    stemming = stemming_language(word, language)
    stemmer = _stemmer(stemming) if stemming else None
    if not stemmer:
        return word
    if stemming == "hi" and (noun := _agent_noun(word)):
        return noun
    stemmed = stemmer(word)
    if stemmed in FUNCTION_STEMS.get(script_of(word), ()):
        return word
    # Snowball's Hindi and Nepali strip even short words to one letter or nothing (की→क,
    # काका→का); Ramanathan & Rao's own rule keeps at least two letters, so a stem must keep two
    # letters besides its vowel signs (which are marks, not letters) or the word stays whole.
    return stemmed if sum(char.isalpha() for char in stemmed) >= 2 else word
