"""What the engines index and search for (analyse_document, query_forms, word_matches)."""

from search.analysis import analyse_document, query_forms, word_matches


def analyse(body, language, title=""):
    return analyse_document(title=title, summary="", body=body, attachments="", language=language)


def test_english_text_is_only_lower_cased_and_gives_no_keys():
    analysed = analyse("Farmers' audits, 2019-2021.", "en", title="Social Audit")
    assert analysed.body == "farmers' audits, 2019-2021."
    assert analysed.title == "social audit"
    assert analysed.romanised == ""


def test_native_words_are_stemmed_by_the_document_language_and_latin_words_untouched():
    analysed = analyse("किसानों की MGNREGA योजनाएँ।", "hi")
    assert analysed.body == "किसान की mgnrega योज।"


def test_romanised_field_holds_keys_of_the_words_and_their_stems_title_twice():
    analysed = analyse("किसानों सरकारी", "hi", title="मन")
    # Title मन twice; किसानों's own keys, then its stem किसान's; सरकारी's own keys only.
    assert analysed.romanised.split() == ["mn", "xmn"] * 2 + [
        "kisnun", "xksnn", "kisn", "xksn", "srkri", "xsrkri"
    ]  # fmt: skip


def test_a_stem_that_only_dropped_a_final_vowel_sign_gives_no_keys():
    """पॉलिसी (policy) cut to पॉलिस keyed as ``pulis``: the Latin query ``polis`` found it."""
    assert "pulis" not in analyse("पॉलिसी", "hi").romanised.split()
    assert "qst" not in query_forms("सीता").keys  # सीत's key, which is ساتھ's


def test_devanagari_query_gets_hindi_and_nepali_stems():
    forms = query_forms("सरकारले")  # Nepali ergative
    assert "सरकार" in forms.native


def test_latin_query_keeps_itself_for_the_english_stemmer_and_adds_its_key():
    forms = query_forms("Sarkaar")
    assert forms.native == ("sarkaar",)
    assert forms.keys == ("srkr", "fsrkr", "qsrkr")


def test_native_query_key_finds_the_word_in_another_indic_script():
    bengali_document = analyse("সরকারের নতুন নিয়ম", "bn")
    assert set(query_forms("सरकार").keys) & set(bengali_document.romanised.split())


def test_query_forms_are_deduplicated():
    forms = query_forms("किसान")
    assert len(forms.native) == len(set(forms.native)) == 1


def test_highlight_marks_native_words_a_romanised_query_matched():
    forms = query_forms("sarkar")
    assert word_matches("सरकार", forms)
    assert word_matches("সরকারের", forms)
    assert word_matches("سرکار", forms)
    assert not word_matches("किसान", forms)


def test_highlight_marks_inflected_native_words_and_english_by_stem():
    assert word_matches("किसानों", query_forms("किसान"))
    assert word_matches("Farmers", query_forms("farmer"))
    assert not word_matches("farming", query_forms("farmer"))


def test_english_with_typographic_punctuation_is_left_as_normalised():
    analysed = analyse("The panchayat’s “open” meeting — café", "en")
    assert analysed.body == "the panchayat’s “open” meeting — café"
    assert analysed.romanised == ""


def test_a_hindi_word_absent_from_the_text_does_not_match_one_sharing_its_consonants():
    forms = query_forms("किसने")  # the example: 'who did' must not find 'farmer'
    assert not word_matches("किसान", forms)
    analysed = analyse("किसान", "hi")
    assert not set(forms.native) & set(analysed.body.split())
    assert not set(forms.keys) & set(analysed.romanised.split())
