"""The Wagtail admin's page explorer offers wagtail-localize's "Translate this page" and "Sync
translated pages" on each row, and asks for what they need once per listing, not per page."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import translate_object

from knowledge.models import KnowledgeIndexPage
from policylab_site.services import locale_tree_ensure
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def bengali(home):
    locale_tree_ensure(language_code="bn")
    return Locale.objects.get(language_code="bn")


def _english_index():
    return KnowledgeIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def explorer_url(home):
    return reverse("wagtailadmin_explore", args=[_english_index().pk])


def _case_studies(count: int, *, start: int, translated_into=None) -> list:
    index = _english_index()  # other languages' indexes exist once a locale's tree does
    pages = [
        CaseStudyPageFactory(title=f"Case {n:02}", parent=index)
        for n in range(start, start + count)
    ]
    if translated_into is not None:
        translate_object(pages[0], [translated_into])
    return pages


def test_the_explorer_runs_as_many_queries_for_more_pages(client, bengali, explorer_url):
    client.force_login(PersonFactory(moderator=True, editor=True))
    _case_studies(2, start=0, translated_into=bengali)
    small = queries_of(client, explorer_url)
    _case_studies(8, start=2, translated_into=bengali)
    assert queries_of(client, explorer_url) == small


def test_each_row_offers_the_translation_actions_it_has(client, bengali, explorer_url):
    client.force_login(PersonFactory(moderator=True, editor=True))
    untranslated, translated = _case_studies(2, start=0)
    translate_object(translated, [bengali])
    source = TranslationSource.objects.get(object_id=translated.translation_key)

    html = client.get(explorer_url).content.decode()

    for page in (untranslated, translated):
        # Other languages than Bengali remain for both.
        assert reverse("wagtail_localize:submit_page_translation", args=[page.pk]) in html
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert html.count(sync) == 1


def test_a_page_in_every_language_is_not_offered_for_translation(client, home, explorer_url):
    client.force_login(PersonFactory(moderator=True, editor=True))
    (page,) = _case_studies(1, start=0)
    locales = list(Locale.objects.exclude(language_code="en"))
    for locale in locales:
        locale_tree_ensure(language_code=locale.language_code)
    translate_object(page, locales)

    html = client.get(explorer_url).content.decode()

    assert reverse("wagtail_localize:submit_page_translation", args=[page.pk]) not in html


def test_people_without_the_translation_permission_get_no_translation_actions(
    client, bengali, explorer_url
):
    (page,) = _case_studies(1, start=0, translated_into=bengali)
    source = TranslationSource.objects.get(object_id=page.translation_key)
    lead = PersonFactory(editor=True)
    group = Group.objects.create(name="Knowledge editors")
    GroupPagePermission.objects.create(
        group=group,
        page=_english_index(),
        permission=Permission.objects.get(codename="change_page"),
    )
    lead.groups.add(group)
    client.force_login(lead)

    html = client.get(explorer_url).content.decode()

    assert "Case 00" in html
    assert reverse("wagtail_localize:submit_page_translation", args=[page.pk]) not in html
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) not in html
