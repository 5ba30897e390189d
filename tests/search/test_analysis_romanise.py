"""Cross-script loose keys: the spellings people type find the native words; different words
do not."""

import pytest

from search.analysis import normalise, query_forms, romanised_keys, script_of
from search.analysis.romanise import document_keys, query_keys


def finds(query, written):
    """Whether a query word finds ``written`` (a native word of a document) by its keys."""
    return bool(set(query_keys(normalise(query))) & set(document_keys(normalise(written))))


@pytest.mark.parametrize(
    "spellings",
    [
        "mann man मन من",
        "khidmat khidmath ख़िदमत خدمت",
        "sarkar sarkaar सरकार সরকার سرکار",
        "baat bat बात بات",
        "ki kī की کی",
        "ke kay के کے",
        "ko को کو",
        "kisan kisaan किसान کسان",
        "bahut बहुत بہت",
        "zarurat zaroorat ज़रूरत जरूरत ضرورت",
        "qanoon kanoon क़ानून قانون",
        "wajah वजह وجہ",
        "hai है ہے",
        "pehla pahla पहला پہلا",
        "mehnat mahnat मेहनत محنت",
        "bharti भर्ती بھرتی",
        "chakkar चक्कर چکر",
        "fasal phasal फ़सल فصل",  # f/ph: Hindi often drops the nukta of फ़
        "zameen jameen ज़मीन زمین",  # z/j: likewise ज़, and Urdu ز ذ ض ظ are all typed z
    ],
)
def test_every_spelling_finds_every_native_spelling(spellings):
    words = spellings.split()
    for query in words:
        for written in words:
            if script_of(written) != "latin" and written != query:
                assert finds(query, written), (query, written)


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("mann", "में"),  # man / mein: the vowelled key tells them apart
        ("ki", "का"),
        ("ka", "کی"),
        ("ke", "کو"),
        ("baat", "بہت"),  # baat / bahut
        ("sarkar", "सरकारी"),  # the stem's key is indexed separately (see analyse_document)
        ("kisan", "किसने"),
        ("सरकार", "सरदार"),
        ("کی", "का"),  # an Urdu query reaches Brahmic text by skeleton and final vowel
    ],
)
def test_different_words_are_not_found(query, written):
    assert not finds(query, written)


def test_mann_ki_baat_finds_both_scripts():
    for text in ("मन की बात", "من کی بات"):
        indexed = set(romanised_keys(normalise(text)))
        for word in ["mann", "ki", "baat"]:
            assert set(query_forms(word).keys) & indexed, (word, text)


def test_latin_text_gives_no_keys():
    assert romanised_keys("mann ki baat") == []


@pytest.mark.parametrize(
    ("query", "written"),
    [
        # Sinhala and Tamil pronounce (and typists write) a word's final inherent vowel.
        ("jangama", "ජංගම"),
        ("sahathika", "සහතික"),
        ("pradeshiya", "ප්‍රාදේශීය"),
        ("grama", "ග්‍රාම"),
        ("pirathesa", "பிரதேச"),
        # Sinhala æ (ැ) is typed a.
        ("paminili", "පැමිණිලි"),
        ("uppanna", "උප්පැන්න"),
        # Tamil ச is typed s, ழ zh.
        ("sasanam", "சாசனம்"),
        ("mozhipeyarppalar", "மொழிபெயர்ப்பாளர்"),
    ],
)
def test_sinhala_and_tamil_spellings_as_typed(query, written):
    assert finds(query, written)


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("जंगम", "ජංගම"),  # a Devanagari spelling has no final a: both readings are indexed
        ("प्रदेश", "ප්‍රදේශ"),
    ],
)
def test_other_scripts_still_find_sinhala_and_tamil(query, written):
    assert finds(query, written)


def test_typed_tamil_letters_do_not_reach_urdu_from_a_tamil_query():
    # சேவல் (rooster) read as typed (sewal) would meet Urdu سال by skeleton; a native query
    # word keeps the ISO reading (cewal).
    assert not set(query_keys(normalise("சேவல்"))) & set(document_keys(normalise("سال")))


@pytest.mark.parametrize(
    ("query", "written"),
    [
        # Tamil stops are voiced between vowels and after a nasal, and typed so...
        ("mugavari", "முகவரி"),
        ("mudhalvarin", "முதல்வரின்"),
        ("nadamadum", "நடமாடும்"),
        ("seyalagangal", "செயலகங்கள்"),
        # ...though many typists keep the letter's own sound.
        ("pirathesa", "பிரதேச"),
        ("makkal", "மக்கள்"),
    ],
)
def test_tamil_voiced_stops_as_typed(query, written):
    assert finds(query, written)


@pytest.mark.parametrize(("query", "written"), [("போர்", "پر"), ("பின்", "پن"), ("පොල්", "پل")])
def test_tamil_and_sinhala_words_do_not_reach_urdu(query, written):
    assert not finds(query, written)


@pytest.mark.parametrize(
    ("query", "written"),
    [
        # Bengali typists write the inherent vowel as o, and real o as o too...
        ("obhijog", "অভিযোগ"),
        ("protikar", "প্রতিকার"),
        ("bidhoba", "বিধবা"),
        ("krishok", "কৃষক"),
        ("khotian", "খতিয়ান"),  # ...and য় between vowels often not at all
        # য is typed j, and after a consonant doubles it (উদ্যোক্তা uddokta).
        ("uddokta", "উদ্যোক্তা"),
        # A final conjunct keeps its vowel: সেবাকেন্দ্র sebakendro.
        ("sebakendro", "সেবাকেন্দ্র"),
    ],
)
def test_bengali_spellings_as_typed(query, written):
    assert finds(query, written)


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("namaz", "নামজারি"),
        ("kisne", "किसान"),
        ("sona", "সেনা"),  # o read as the inherent vowel reaches Bengali text only
        ("mohan", "महान"),
    ],
)
def test_bengali_o_does_not_blur_other_words(query, written):
    assert not finds(query, written)


@pytest.mark.parametrize(
    ("query", "written"),
    [
        # Nepali (and often Hindi) typists write a final inherent vowel Devanagari leaves silent.
        ("karyalaya", "कार्यालय"),
        ("badapatra", "बडापत्र"),
        ("mapdanda", "मापदण्ड"),
    ],
)
def test_a_typed_final_a_finds_a_silent_one(query, written):
    assert finds(query, written)


@pytest.mark.parametrize(("query", "written"), [("sabha", "सब"), ("darta", "दर्द")])
def test_a_short_word_keeps_its_final_a(query, written):
    assert not finds(query, written)


@pytest.mark.parametrize(
    ("query", "written"),
    [
        # English loanwords typed in their English spelling find the native-script loanword.
        ("pension", "पेंशन"),
        ("guarantee", "गारंटी"),
        ("card", "کارڈ"),
        ("school", "اسکول"),
    ],
)
def test_english_spelling_of_a_loanword(query, written):
    assert finds(query, written)


@pytest.mark.parametrize(("query", "written"), [("chakkar", "कक्कड़"), ("cinema", "किनारा")])
def test_english_spelling_keeps_ch_and_soft_c(query, written):
    assert not finds(query, written)


@pytest.mark.parametrize(("query", "written"), [("काका", "का"), ("কাকা", "का")])
def test_a_repeated_syllable_is_not_one_letter(query, written):
    # काका (kaka) keyed as kka -> ka would meet the postposition का.
    assert not finds(query, written)


@pytest.mark.parametrize(("query", "written"), [("ڈومین", "දීමෙන්"), ("مرغی", "මාර්ග")])
def test_urdu_words_do_not_reach_sinhala_or_tamil(query, written):
    assert not finds(query, written)


@pytest.mark.parametrize(
    ("query", "written", "found"),
    [
        ("অভিযান", "بن", False),  # obhijan: Bengali য is j, so its skeleton is not b-n
        ("যাকাত", "زکات", True),  # jakat / zakat
        ("زکات", "যাকাত", True),
    ],
)
def test_bengali_reaches_urdu_by_how_it_sounds(query, written, found):
    assert finds(query, written) is found


@pytest.mark.parametrize(
    ("query", "written", "found"),
    [
        ("অভিযান", "بھیجیں", False),  # abhijan / bhejen: the first vowel is written in both
        ("ek", "ایک", True),
        ("एक", "ایک", True),
        ("ilm", "علم", True),
        ("umeed", "امید", True),
        ("इस", "اس", True),
        ("kisan", "اکسان", False),
    ],
)
def test_a_first_vowel_is_part_of_the_skeleton(query, written, found):
    assert finds(query, written) is found


@pytest.mark.parametrize(
    ("query", "written", "found"),
    [("පැණි", "පෙනී", False), ("pani", "පැණි", True), ("paminili", "පැමිණිලි", True)],
)
def test_sinhala_ae_is_a_not_e(query, written, found):
    assert finds(query, written) is found


@pytest.mark.parametrize(
    ("query", "written", "found"),
    [
        ("सीता", "සිට", False),  # sītā / siṭa: only the typed key of සිට ends in a
        ("sita", "සිට", True),
        ("जंगम", "ජංගම", True),
        ("jangama", "ජංගම", True),
    ],
)
def test_typed_keys_meet_latin_queries_only(query, written, found):
    assert finds(query, written) is found


@pytest.mark.parametrize(
    ("query", "written", "found"),
    [
        ("सीता", "سطح", False),  # sita / satah: a native final h is a consonant
        ("सतह", "سطح", True),
        ("سطح", "सतह", True),
        ("satah", "سطح", True),
        ("वजह", "وجہ", True),
        ("وجہ", "वजह", True),
        ("इदारा", "ادارہ", True),
    ],
)
def test_a_native_final_h_is_a_consonant(query, written, found):
    assert finds(query, written) is found
