"""A page's or a language code's (lang, dir): one rule, from the Wagtail locale."""

import pytest
from django.template import Context, Template
from wagtail.models import Locale, Page

from core.languages import ContentLanguage, content_language


def test_a_language_code_gives_its_direction():
    assert content_language("ur") == ContentLanguage(code="ur", direction="rtl")
    assert content_language("bn") == ContentLanguage(code="bn", direction="ltr")
    assert content_language("en") == ContentLanguage(code="en", direction="ltr")


def test_a_regional_variant_takes_the_direction_of_its_language():
    assert content_language("ur-PK").direction == "rtl"


def test_no_language_gives_nothing_to_mark():
    assert content_language("") is None
    assert content_language(None) is None


@pytest.mark.django_db
def test_a_page_is_in_the_language_of_its_locale(home):
    urdu = Locale.objects.get_or_create(language_code="ur")[0]
    page = home.add_child(instance=Page(title="ضلعی بجٹ", slug="district-budget", locale=urdu))

    assert content_language(Page.objects.get(pk=page.pk)) == ContentLanguage("ur", "rtl")
    assert content_language(home) == ContentLanguage("en", "ltr")


@pytest.mark.django_db
def test_the_template_tag_writes_lang_and_dir_attributes(home):
    bengali = Locale.objects.get_or_create(language_code="bn")[0]
    page = home.add_child(instance=Page(title="জেলা বাজেট", slug="district-budget", locale=bengali))
    template = Template(
        '{% load commons %}<h1{% content_lang page %}>x</h1><p{% content_lang "" %}>'
    )

    html = template.render(Context({"page": page}))

    assert html == '<h1 lang="bn" dir="ltr">x</h1><p>'


@pytest.mark.django_db
def test_a_list_of_pages_looks_locales_up_once_per_request(home, rf, django_assert_num_queries):
    urdu = Locale.objects.get_or_create(language_code="ur")[0]
    for number in range(5):
        home.add_child(instance=Page(title=f"صفحہ {number}", slug=f"page-{number}", locale=urdu))
    pages = list(Page.objects.filter(slug__startswith="page-"))
    request = rf.get("/")

    with django_assert_num_queries(1):
        codes = {content_language(page, request=request).code for page in pages}

    assert codes == {"ur"}
