"""Light stemmers: inflections collapse to one stem, different words do not."""

import pytest

from search.analysis import normalise, stem


def stems(text, language):
    return {stem(normalise(word), language) for word in text.split()}


@pytest.mark.parametrize(
    ("inflections", "language"),
    [
        ("किसान किसानों किसानो", "hi"),
        ("सरकार सरकारें सरकारी", "hi"),
        ("योजना योजनाएँ योजनाओं", "hi"),
        ("सरकार सरकारले सरकारको सरकारलाई", "ne"),
        ("किसान किसानहरू किसानहरूको", "ne"),
        ("সরকার সরকারের সরকারকে", "bn"),
        ("কৃষক কৃষকদের কৃষকেরা", "bn"),
        ("کسان کسانوں", "ur"),
        ("سرکار سرکاری", "ur"),
        ("بات باتیں", "ur"),
        ("لڑکا لڑکے لڑکوں", "ur"),
        ("விவசாயி விவசாயிகள்", "ta"),
    ],
)
def test_inflections_collapse_to_one_stem(inflections, language):
    assert len(stems(inflections, language)) == 1


@pytest.mark.parametrize(
    ("first", "second", "language"),
    [
        ("की", "का", "hi"),  # short words are never cut to one letter
        ("किसान", "किसने", "hi"),
        ("मन", "मान", "hi"),
        ("সরকার", "সংসার", "bn"),
        ("بات", "بت", "ur"),
        ("کہا", "کھا", "ur"),
        ("அரசு", "அரசன்", "ta"),
    ],
)
def test_different_words_keep_different_stems(first, second, language):
    assert stem(normalise(first), language) != stem(normalise(second), language)


def test_latin_words_are_left_for_the_engines_english_stemmer():
    assert stem("farmers", "hi") == "farmers"


def test_a_word_of_another_script_is_stemmed_by_its_script_language():
    assert stem("किसानों", "en") == "किसान"


def test_sinhala_is_not_stemmed():
    assert stem("රජයේ", "si") == "රජයේ"


@pytest.mark.parametrize(
    ("word", "language"),
    [("काका", "ne"), ("ছাতা", "bn")],
)
def test_a_stem_keeps_at_least_two_letters_besides_vowel_signs(word, language):
    """काका (uncle) cut to का, the commonest postposition, matched nearly every Hindi page."""
    assert stem(normalise(word), language) == word


@pytest.mark.parametrize(
    ("word", "language"),
    [("किसने", "hi"), ("किसने", "ne"), ("उनको", "ne"), ("উনিকে", "bn"), ("کسی", "ur")],
)
def test_a_word_whose_stem_is_a_function_word_stays_whole(word, language):
    """किसने (who did) cut to किस (which) met किसी on nearly every Hindi page."""
    assert stem(normalise(word), language) == word


@pytest.mark.parametrize(
    ("noun", "plural", "other_word"),
    [
        ("अधिकारी", "अधिकारियों", "अधिकार"),  # officer, right
        ("मंत्री", "मंत्रियों", "मंत्र"),  # minister, mantra
        ("दर्जी", "दर्जियों", "दर्ज"),  # tailor, registered
    ],
)
def test_an_agent_noun_keeps_its_own_stem_apart_from_the_word_it_contains(noun, plural, other_word):
    """Snowball's Hindi stems अधिकारी (officer) to अधिकार (right): the RTI's "सूचना का अधिकार"
    and every page about officers became one word."""
    assert stem(noun, "hi") == stem(plural, "hi") == noun
    assert stem(other_word, "hi") != noun
