"""Emails read in the recipient's language: every sentence is marked, and the profile's language
picks the catalogue it is rendered through."""

import re
from types import SimpleNamespace

import polib
import pytest
from django.core import mail
from django.utils import translation

from core.emails import email_send
from tests.factories import PersonFactory
from tests.test_catalogues import ROOT, unmarked_text

EMAIL_TEMPLATES = sorted(
    path
    for pattern in ("*/templates/*/emails/*.txt", "*/templates/account/email/*.txt")
    for path in ROOT.glob(pattern)
)
# What stays the same in every language: the signature (the product's name is not
# translated) and the anchors that end a link (#questions, #question-{{ pk }}).
SAME_IN_EVERY_LANGUAGE = re.compile(r"— Policy Lab Commons|(?:#[\w-]+\s*)+")


def test_there_are_email_templates_to_check():
    assert len(EMAIL_TEMPLATES) > 70


@pytest.mark.parametrize("template", EMAIL_TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_sentence_of_an_email_is_marked_for_translation(template):
    unmarked = [
        text
        for text in unmarked_text(template.read_text())
        if not SAME_IN_EVERY_LANGUAGE.fullmatch(text)
    ]
    assert not unmarked


def test_the_check_finds_an_unmarked_sentence_between_marked_ones():
    source = (
        '{% load i18n %}{% translate "Hello," %}\n'
        "Your request to join {{ lab }} was approved.\n"
        "{{ site_url }}{{ challenge.url }}#questions\n"
        "— Policy Lab Commons"
    )
    found = [text for text in unmarked_text(source) if not SAME_IN_EVERY_LANGUAGE.fullmatch(text)]
    assert found == ["Your request to join was approved."]


SUBJECT_MSGID = "Your case study “%(title)s” is published"
URDU_SUBJECT = "آپ کی کیس اسٹڈی “%(title)s” شائع ہو گئی"


@pytest.fixture
def urdu_catalogue(tmp_path, settings):
    """An Urdu catalogue in which the case study subject is translated (the shipped catalogue
    is translated by hand, so a test cannot rely on its wording)."""
    folder = tmp_path / "ur" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ur"}
    catalogue.append(polib.POEntry(msgid=SUBJECT_MSGID, msgstr=URDU_SUBJECT))
    catalogue.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [tmp_path]  # resets Django's cache of loaded catalogues


@pytest.mark.django_db
def test_each_recipient_reads_the_email_in_the_language_of_their_profile(urdu_catalogue):
    reader_of_urdu = PersonFactory(profile__language="ur")
    reader_of_english = PersonFactory(profile__language="en")
    page = SimpleNamespace(title="Water user associations in Sindh", url="/knowledge/water/")

    email_send(
        to=[reader_of_urdu.email, reader_of_english.email],
        template="knowledge/emails/case_study_approved",
        context={"page": page, "submitter": reader_of_urdu, "comment": ""},
    )

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    urdu, english = by_recipient[(reader_of_urdu.email,)], by_recipient[(reader_of_english.email,)]
    with translation.override("ur"):
        expected_urdu = translation.gettext(SUBJECT_MSGID) % {"title": page.title}
    assert expected_urdu == URDU_SUBJECT % {"title": page.title}
    assert urdu.subject == f"[Policy Lab Commons] {expected_urdu}"
    assert urdu.extra_headers["Content-Language"] == "ur"
    assert english.subject == f"[Policy Lab Commons] Your case study “{page.title}” is published"
