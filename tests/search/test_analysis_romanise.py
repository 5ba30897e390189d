"""Cross-script loose keys: the spellings people type agree; different words do not."""

import pytest

from search.analysis import normalise, query_forms, romanised_keys
from search.analysis.romanise import word_key


def key(word):
    return word_key(normalise(word))


@pytest.mark.parametrize(
    "spellings",
    [
        "mann man मन من",
        "khidmat khidmath ख़िदमत خدمت",
        "sarkar sarkaar सरकार সরকার سرکار",
        "baat bat बात بات",
        "ki की کی",
        "ke kay के کے",
        "ko को کو",
        "kisan kisaan किसान کسان",
        "bahut bohot बहुत بہت",
        "zarurat zaroorat ज़रूरत जरूरत ضرورت",
        "qanoon kanoon क़ानून قانون",
        "wajah waja वजह وجہ",
        "hai है ہے",
        "pehla pahla पहला پہلا",
        "bharti भर्ती بھرتی",
    ],
)
def test_spellings_people_type_share_one_key(spellings):
    assert len({key(word) for word in spellings.split()}) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ki", "का"),
        ("ka", "کی"),
        ("ke", "کو"),
        ("baat", "بہت"),  # baat / bahut
        ("sarkar", "सरकारी"),
        ("mann", "मानो"),
        ("kisan", "किसने"),
    ],
)
def test_different_words_do_not_share_a_key(first, second):
    assert key(first) != key(second)


def test_mann_ki_baat_keys_agree_across_scripts():
    latin = [query_forms(word).keys[0] for word in ["mann", "ki", "baat"]]
    assert romanised_keys(normalise("मन की बात")) == latin
    assert romanised_keys(normalise("من کی بات")) == latin


def test_latin_text_gives_no_keys():
    assert romanised_keys("mann ki baat") == []
