"""The interface exists in every language: catalogues complete, compiled, and every string marked."""

import io
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import engines
from django.template.base import Lexer, TokenType
from django.test import override_settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
TEMPLATE_FOLDERS = [
    path
    for path in ROOT.glob("*/templates")
    if path.parent.name not in {"node_modules", ".venv", "tests"}
]

# Text that is the same in every language: the product's name and mark, formats' own names.
UNTRANSLATED_TEXT = {"Policy Lab Commons", "PL", "BibTeX", "RIS"}
VISIBLE_ATTRIBUTES = re.compile(r'\b(?:alt|title|aria-label|placeholder)\s*=\s*"([^"]*)"')
TAG = re.compile(r"<[^>]*>", re.S)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S)
WORD = re.compile(r"[A-Za-z]{2,}")
# Blocks that hold class names or machine values, not text people read.
NON_TEXT_BLOCKS = {"body_class"}


def catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_every_catalogue_entry_is_translated_and_none_is_fuzzy(code):
    po = catalogue(code)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {code}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {code}: {fuzzy[:5]}"


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_shipped_compiled_catalogue_matches_its_source(code):
    """The .mo the site reads is the .po as it stands (``manage.py update_catalogues``)."""
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in catalogue(code)}
    compiled_path = LOCALE / code / "LC_MESSAGES" / "django.mo"
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.mofile(str(compiled_path))
        if e.msgid
    }
    assert compiled == source


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (Debian: gettext)")
def test_every_marked_string_in_the_source_is_in_every_catalogue(tmp_path, monkeypatch):
    """Re-extracting leaves nothing to translate.

    makemessages writes into the ``locale`` folder under the current directory, so it runs in
    a copy of the source: the checkout's catalogues are never touched (CI runs two suites at once).
    """
    copy = tmp_path / "source"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".*", "node_modules", "static", "test-artifacts", "*media*", "*.sqlite3", "tests"
        ),
    )
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("update_catalogues", stdout=io.StringIO())
    for code in TRANSLATED_LANGUAGES:
        po = polib.pofile(str(copy / "locale" / code / "LC_MESSAGES" / "django.po"))
        missing = [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()]
        assert not missing, f"{code}: {len(missing)} strings not translated yet: {missing[:5]}"


def unmarked_text(source: str) -> list[str]:
    """Words in a template that reach people outside {% translate %}/{% blocktranslate %}."""
    kept, depth, skip_block = [], 0, 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name, *rest = token.contents.split() or [""]
            if name in {"blocktranslate", "blocktrans", "comment"}:
                depth += 1
            elif name in {"endblocktranslate", "endblocktrans", "endcomment"}:
                depth -= 1
            elif name == "block" and rest and rest[0] in NON_TEXT_BLOCKS:
                skip_block += 1
            elif name == "endblock" and skip_block:
                skip_block -= 1
            kept.append("\x01")
        elif token.token_type == TokenType.TEXT and not depth and not skip_block:
            kept.append(token.contents)
        else:
            kept.append("\x01")
    text = SCRIPT_OR_STYLE.sub(" ", "".join(kept))
    found = [
        value.replace("\x01", "").strip()
        for value in VISIBLE_ATTRIBUTES.findall(text)
        if WORD.search(value.replace("\x01", ""))
    ]
    for line in TAG.sub(" ", text).splitlines():
        words = " ".join(line.replace("\x01", " ").split()).strip(" ·")
        if WORD.search(words) and words not in UNTRANSLATED_TEXT:
            found.append(words)
    return found


def test_every_template_marks_its_text_for_translation():
    offenders = {}
    for folder in TEMPLATE_FOLDERS:
        for template in folder.glob("**/*.html"):
            found = unmarked_text(template.read_text())
            if found:
                offenders[str(template.relative_to(ROOT))] = found
    assert not offenders, offenders


def test_the_unmarked_text_check_finds_plain_words_and_accepts_marked_ones():
    assert unmarked_text("<p>Hello there</p>") == ["Hello there"]
    assert unmarked_text('<img alt="A map">') == ["A map"]
    assert unmarked_text('{% load i18n %}<p>{% translate "Hello" %}</p>') == []
    assert unmarked_text("{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}") == []
    assert unmarked_text('<main class="{% block body_class %}page-home{% endblock %}">') == []


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_form_errors_from_django_and_allauth_read_in_every_language(code):
    """Strings we do not own (field errors, password rules) are in our catalogues too."""
    django_engine = engines["django"]
    with translation.override(code):
        required = str(translation.gettext("This field is required."))
        common = str(translation.gettext("This password is too common."))
        wrong = str(
            translation.gettext("The email address and/or password you specified are not correct.")
        )
        rendered = django_engine.from_string('{% load i18n %}{% translate "Log in" %}').render({})
    assert required != "This field is required."
    assert common != "This password is too common."
    assert wrong != "The email address and/or password you specified are not correct."
    assert rendered != "Log in"
