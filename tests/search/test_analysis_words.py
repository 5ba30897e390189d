"""Tokenizer edge cases: words are never cut at combining marks (search.analysis.words)."""

import pytest

from search.analysis import normalise, script_of, words


def test_devanagari_vowel_signs_stay_inside_words():
    assert words("किसान भविष्य") == ["किसान", "भविष्य"]


def test_virama_conjuncts_stay_whole():
    assert words("क्षेत्र शिक्षा") == ["क्षेत्र", "शिक्षा"]


def test_nukta_in_either_spelling_stays_inside():
    assert words("पढ\u0921\u093cना लड़का") == ["पढ\u0921\u093cना", "लड़का"]


def test_danda_separates_words():
    assert words("काम हुआ।अगला") == ["काम", "हुआ", "अगला"]


def test_zwj_and_zwnj_stay_inside_words():
    assert words("ශ්‍රී ලංකාව") == ["ශ්‍රී", "ලංකාව"]
    assert words("می\u200cخواهم") == ["می\u200cخواهم"]


def test_sinhala_conjuncts_stay_whole_after_normalising():
    assert words(normalise("ශ්‍රී ලංකා ප්‍රජාතන්ත්‍රික")) == ["ශ්රී", "ලංකා", "ප්රජාතන්ත්රික"]


def test_tamil_pulli_stays_inside():
    assert words("தமிழ்நாடு அரசாங்கத்தின்") == ["தமிழ்நாடு", "அரசாங்கத்தின்"]


def test_bengali_vowel_signs_and_hasanta_stay_inside():
    assert words("কৃষকদের ক্ষেত্রে") == ["কৃষকদের", "ক্ষেত্রে"]


def test_urdu_words_split_at_spaces_not_at_non_joining_letters():
    assert words("من کی بات، سرکار") == ["من", "کی", "بات", "سرکار"]


def test_arabic_harakat_stay_inside_unnormalised_words():
    assert words("خِدْمَت") == ["خِدْمَت"]


def test_gurmukhi_vowel_signs_and_addak_stay_inside():
    assert words("ਪੰਜਾਬ ਪੱਕਾ") == ["ਪੰਜਾਬ", "ਪੱਕਾ"]


def test_latin_words_split_at_punctuation_and_underscore():
    assert words("COVID-19 e_mail") == ["COVID", "19", "e", "mail"]


@pytest.mark.parametrize(
    ("word", "script"),
    [
        ("किसान", "devanagari"),
        ("কৃষক", "bengali"),
        ("سرکار", "arabic"),
        ("ශ්‍රී", "sinhala"),
        ("தமிழ்", "tamil"),
        ("ਪੰਜਾਬ", "gurmukhi"),
        ("sarkār", "latin"),
        ("2024", "other"),
    ],
)
def test_script_of(word, script):
    assert script_of(word) == script


def test_soft_hyphen_stays_inside_a_displayed_word():
    assert words("किसा\u00adन sar\u00adkar") == ["किसा\u00adन", "sar\u00adkar"]
