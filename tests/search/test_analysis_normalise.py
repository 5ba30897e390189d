"""One failing example per normalisation rule (search.analysis.normalise)."""

import unicodedata

import pytest

from search.analysis import normalise


def test_precomposed_and_decomposed_nukta_are_one_spelling():
    precomposed = "\u095c"  # ड़ as one code point (a composition exclusion)
    decomposed = "\u0921\u093c"  # ड + nukta
    assert unicodedata.normalize("NFC", precomposed) == decomposed  # what NFC alone does
    assert normalise(f"पढ{precomposed}") == normalise(f"पढ{decomposed}")


def test_devanagari_nukta_is_dropped_as_lucene_hindi_normaliser_does():
    assert normalise("रोज़गार") == normalise("रोजगार") == "रोजगार"
    assert normalise("ज़मीन") == "जमीन"


def test_devanagari_candrabindu_folds_to_anusvara():
    assert normalise("योजनाएँ") == normalise("योजनाएं")


def test_bengali_nukta_letter_is_kept_apart_from_its_base():
    assert normalise("\u09df") == "\u09af\u09bc"  # য় stays য + nukta, not য
    assert normalise("\u09df") != normalise("\u09af")


@pytest.mark.parametrize(
    ("arabic", "urdu"),
    [
        ("\u0643\u062a\u0627\u0628", "کتاب"),  # Arabic kaf
        ("\u0639\u0644\u064a", "علی"),  # Arabic yeh
        ("\u0645\u0648\u0633\u0649", "موسی"),  # alef maksura
        ("\u0645\u062f\u0631\u0633\u0647", "مدرسہ"),  # Arabic heh
        ("\u0645\u062f\u0631\u0633\u0629", "مدرسہ"),  # teh marbuta
    ],
)
def test_arabic_keyboard_letters_fold_to_urdu(arabic, urdu):
    assert normalise(arabic) == normalise(urdu)


def test_do_chashmi_he_stays_apart_so_said_and_eat_differ():
    assert normalise("کہا") != normalise("کھا")


def test_tatweel_is_removed():
    assert normalise("سرــــکار") == normalise("سرکار")


def test_harakat_and_superscript_alef_are_removed():
    assert normalise("خِدْمَت") == normalise("خدمت")
    assert normalise("اللّٰہ") == normalise("اللہ")


def test_quranic_marks_are_removed():
    assert normalise("محمد\u0610") == normalise("محمد")
    assert normalise("قال\u06d6") == normalise("قال")


@pytest.mark.parametrize(
    "invisible", ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u200e", "\u200f", "\u2066"]
)
def test_invisible_format_characters_are_removed(invisible):
    assert normalise(f"किसा{invisible}न") == normalise("किसान")


def test_sinhala_zwj_conjunct_equals_the_plain_spelling():
    assert normalise("ශ්‍රී") == normalise("ශ්රී")


@pytest.mark.parametrize(
    "digits",
    ["२०२४", "২০২৪", "٢٠٢٤", "۲۰۲۴", "௨௦௨௪", "෨෦෨෪", "੨੦੨੪"],
    ids=[
        "devanagari",
        "bengali",
        "arabic-indic",
        "extended-arabic-indic",
        "tamil",
        "sinhala",
        "gurmukhi",
    ],
)
def test_native_digits_fold_to_ascii(digits):
    assert normalise(digits) == "2024"


def test_case_is_folded_in_ascii_and_other_text():
    assert normalise("Social AUDIT") == "social audit"
    assert normalise("ÉTAT Straße") == "état strasse"


def test_ascii_text_takes_the_fast_path_unchanged_but_lower_case():
    text = "Gram Sabha audits, 2019-2021: what worked?"
    assert normalise(text) == text.lower()


def test_empty_and_none_give_empty():
    assert normalise("") == ""
    assert normalise(None) == ""


def test_arabic_presentation_forms_from_pdfs_become_urdu_letters():
    assert normalise("\ufedb\ufe98\ufe8e\ufe8f") == "کتاب"  # ﻛﺘﺎﺏ, contextual shapes of كتاب
    assert normalise("\ufefb") == "لا"  # lam-alef ligature


def test_devanagari_nukta_letters_that_nfc_composes_lose_their_nukta_too():
    assert normalise("\u0928\u093c") == normalise("\u0929") == "\u0928"  # ऩ


@pytest.mark.parametrize(
    ("conjunct", "anusvara"),
    [("हिन्दी", "हिंदी"), ("सम्बन्ध", "संबंध"), ("पङ्क्ति", "पंक्ति"), ("अण्डा", "अंडा")],
)
def test_devanagari_class_nasal_before_its_class_is_the_anusvara(conjunct, anusvara):
    assert normalise(conjunct) == normalise(anusvara)


def test_word_final_dead_n_stays_for_nepali_verb_endings():
    assert normalise("छन्") == "छन्"


def test_bengali_old_khanda_ta_equals_the_new_letter():
    assert normalise("উৎসব") == normalise("উত্\u200dসব")
