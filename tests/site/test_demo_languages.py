"""seed_demo writes content in each of the region's languages (issue 14, item 8).

For Urdu, Bengali, Hindi, Nepali, Sinhala and Tamil there is a case study written in that
language, a finding and a challenge brief, each live in that language's locale, served at its
own address and listed in its section; English case studies have translations linked to them.
The demo is seeded once for this module (about half a minute) and rolled back afterwards.
"""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale, Page, Revision

from core.languages import page_own_url

LANGUAGES = ["ur", "bn", "hi", "ne", "si", "ta"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo with Wagtail's localisation on, as the site runs it once locales are enabled."""
    files = tmp_path_factory.mktemp("demo-languages-files")
    with (
        override_settings(
            MEDIA_ROOT=str(files / "media"),
            PRIVATE_MEDIA_ROOT=str(files / "private"),
            WAGTAIL_I18N_ENABLED=True,
            WAGTAIL_CONTENT_LANGUAGES=settings.LANGUAGES,
        ),
        django_db_blocker.unblock(),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _in_locale(model, language_code: str):
    return model.objects.live().public().filter(locale__language_code=language_code)


def _served_and_listed(client, page, listing_query: str = "") -> None:
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    assert page.title in response.content.decode()
    section = page.get_parent()
    assert section.locale_id == page.locale_id
    listing = client.get(section.url + listing_query)
    assert listing.status_code == 200, section.url
    assert page.title in listing.content.decode(), f"{page.title} is not listed at {section.url}"


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", LANGUAGES)
def test_a_case_study_finding_and_challenge_in_each_language_are_served_and_listed(
    seeded, client, language_code
):
    from challenges.models import ChallengePage
    from knowledge.models import CaseStudyPage, FindingPage

    case_study = (
        _in_locale(CaseStudyPage, language_code).filter(original_language=language_code).first()
    )
    finding = _in_locale(FindingPage, language_code).first()
    challenge = _in_locale(ChallengePage, language_code).first()
    assert case_study and finding and challenge, "one of each is written in the language"
    for page in (case_study, finding):
        country = page.countries.first().code
        _served_and_listed(client, page, f"?country={country}")
    _served_and_listed(client, challenge)


@pytest.mark.django_db
def test_translated_english_case_studies_are_linked_to_their_originals(seeded, client):
    from knowledge.demo_languages import DATA
    from knowledge.models import CaseStudyPage

    translations = json.loads((DATA / "translations.json").read_text(encoding="utf-8"))
    assert {spec["language"] for spec in translations} >= {"bn", "ur"}
    english = Locale.objects.get(language_code="en")
    for spec in translations:
        original = CaseStudyPage.objects.get(locale=english, slug=spec["original"])
        translation = original.get_translation(Locale.objects.get(language_code=spec["language"]))
        assert translation.live
        assert translation.translation_key == original.translation_key
        assert (translation.title, translation.summary) == (spec["title"], spec["summary"])
        assert translation.title != original.title
        # Its own address (page.url leads an English reader to the English original).
        response = client.get(page_own_url(translation))
        assert response.status_code == 200
        assert spec["title"] in response.content.decode()


@pytest.mark.django_db
def test_seeding_the_languages_again_creates_nothing(seeded):
    from challenges import demo_languages as challenge_languages
    from challenges.models import ChallengeIndexPage
    from knowledge import demo as knowledge_demo
    from knowledge import demo_languages as knowledge_languages
    from knowledge.models import KnowledgeIndexPage
    from policylab_site.demo import seed_people

    people = seed_people()
    english = Locale.objects.get(language_code="en")
    before = (Page.objects.count(), Revision.objects.count(), Locale.objects.count())
    knowledge_report = knowledge_languages.seed(
        index=KnowledgeIndexPage.objects.get(locale=english),
        ref=knowledge_demo._lookup(),
        people=people,
    )
    challenge_report = challenge_languages.seed(
        index=ChallengeIndexPage.objects.get(locale=english), people=people
    )
    assert (Page.objects.count(), Revision.objects.count(), Locale.objects.count()) == before
    assert "0 case studies, 0 findings and 0 translations added" in knowledge_report
    assert "0 briefs added" in challenge_report


@pytest.mark.django_db
def test_without_wagtail_localisation_nothing_is_seeded_in_other_languages(seeded, settings):
    """Pages in another locale have no address then; listing them would link to nothing."""
    from challenges import demo_languages as challenge_languages
    from knowledge import demo as knowledge_demo
    from knowledge import demo_languages as knowledge_languages

    settings.WAGTAIL_I18N_ENABLED = False
    before = Page.objects.count()
    assert "skipped" in knowledge_languages.seed(
        index=None, ref=knowledge_demo._lookup(), people={}
    )
    assert "skipped" in challenge_languages.seed(index=None, people={})
    assert Page.objects.count() == before
