"""Pages in several languages: locales, the editors' translation workflow, what readers see."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from knowledge.services import case_study_workflow_ensure
from policylab_site.services import locale_tree_ensure
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def test_every_interface_language_is_a_content_locale(settings):
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {code for code, _name in settings.LANGUAGES}


def test_each_language_gets_its_home_and_sections_once(client, home):
    locale_tree_ensure(language_code="bn")
    locale_tree_ensure(language_code="bn")

    bengali = Page.objects.filter(locale__language_code="bn")
    assert sorted(page.specific_class.__name__ for page in bengali) == [
        "ChallengeIndexPage",
        "HomePage",
        "KnowledgeIndexPage",
        "LabIndexPage",
        "NetworkIndexPage",
    ]
    assert client.get("/bn/").status_code == 200
    assert client.get("/bn/knowledge/").status_code == 200


def test_an_editor_translates_a_case_study_and_publishes_it(
    client, home, django_capture_on_commit_callbacks
):
    study = CaseStudyPageFactory(title="Grievance hotline for district offices")
    case_study_workflow_ensure()
    locale_tree_ensure(language_code="bn")
    bengali = Locale.objects.get(language_code="bn")
    client.force_login(PersonFactory(moderator=True))

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[study.id]))
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[study.id])
    assert submit_url in edit.content.decode()  # "Translate this page" in the page's header
    assert client.get(submit_url).status_code == 200

    response = client.post(submit_url, {"locales": [bengali.id]})
    translation = study.get_translation(bengali)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[translation.id])

    editor = client.get(response.url)
    assert editor.status_code == 200
    assert "Grievance hotline for district offices" in editor.content.decode()

    # The editor types the Bengali title into the translation editor, then publishes.
    localize = Translation.objects.get(source__object_id=study.translation_key)
    title = localize.source.stringsegment_set.get(context__path="title")
    typed = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[localize.id, title.id]),
        urlencode({"value": "জেলা অফিসের অভিযোগ হটলাইন"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert typed.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(response.url, {"action": "publish"})
    assert published.status_code == 302

    page = client.get(f"/bn/knowledge/{translation.slug}/")
    assert page.status_code == 200
    assert "জেলা অফিসের অভিযোগ হটলাইন" in page.content.decode()


def translate(page, code: str, *, title: str, live: bool = True, slug: str | None = None):
    """``page`` translated into ``code`` as an editor would publish it (or keep it a draft)."""
    locale_tree_ensure(language_code=code)
    version = page.copy_for_translation(Locale.objects.get(language_code=code))
    version.title = title
    if slug:
        version.slug = slug
    version.save()
    revision = version.save_revision()
    if live:
        revision.publish()
    elif version.live:
        version.unpublish()
    version.refresh_from_db()
    return version


def untranslated_note(reader: str, *, shown_in: str) -> str:
    """The note as the reader's interface words it, language names included."""
    with translation.override(reader):
        return gettext(
            "This page has not been translated into %(language)s yet; it is shown in %(original)s."
        ) % {
            "language": translation.get_language_info(reader)["name_translated"],
            "original": translation.get_language_info(shown_in)["name_translated"],
        }


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_case_study_in_english_and_bengali_links_each_to_the_other(client, home):
    study = CaseStudyPageFactory(title="Grievance hotline")
    translate(study, "bn", title="অভিযোগ হটলাইন")

    english = html(client.get(f"/knowledge/{study.slug}/"))
    assert "Also in:" in english
    assert f'<a href="/bn/knowledge/{study.slug}/" hreflang="bn" lang="bn">বাংলা</a>' in english
    # Search engines: the translation where there is one, the original at the other addresses.
    assert (
        f'<link rel="alternate" hreflang="bn" href="http://testserver/bn/knowledge/{study.slug}/">'
        in english
    )
    assert (
        f'<link rel="alternate" hreflang="ur" href="http://testserver/ur/knowledge/{study.slug}/">'
        in english
    )
    assert f'<link rel="canonical" href="http://testserver/knowledge/{study.slug}/">' in english
    assert "has not been translated" not in english

    bengali = html(client.get(f"/bn/knowledge/{study.slug}/"))
    assert "অভিযোগ হটলাইন" in bengali
    assert f'<a href="/knowledge/{study.slug}/" hreflang="en" lang="en">English</a>' in bengali
    assert f'<link rel="canonical" href="http://testserver/bn/knowledge/{study.slug}/">' in bengali
    assert "has not been translated" not in bengali


@pytest.mark.parametrize("urdu_tree", [True, False])
def test_a_page_missing_in_the_readers_language_shows_the_original_with_a_note(
    client, home, urdu_tree
):
    study = CaseStudyPageFactory(title="Grievance hotline")
    if urdu_tree:
        locale_tree_ensure(language_code="ur")

    page = html(client.get(f"/ur/knowledge/{study.slug}/"))
    assert '<html lang="ur" dir="rtl"' in page
    assert "Grievance hotline" in page
    assert untranslated_note("ur", shown_in="en") in page
    assert f'<link rel="canonical" href="http://testserver/knowledge/{study.slug}/">' in page
    assert client.get("/ur/knowledge/no-such-study/").status_code == 404


def test_links_in_another_interface_language_stay_in_it(client, home):
    translated = CaseStudyPageFactory(title="Grievance hotline")
    untranslated = CaseStudyPageFactory(title="Land records online")
    translate(translated, "bn", title="অভিযোগ হটলাইন")

    listing = html(client.get("/bn/knowledge/"))
    # One card per case study: the Bengali one where published, else the original.
    assert listing.count("অভিযোগ হটলাইন") == 1
    assert "Grievance hotline" not in listing
    assert "Land records online" in listing
    assert f'href="/bn/knowledge/{untranslated.slug}/"' in listing
    assert f'href="/knowledge/{untranslated.slug}/"' not in listing

    english = html(client.get("/knowledge/"))
    assert "Grievance hotline" in english
    assert "অভিযোগ হটলাইন" not in english


def test_the_originals_address_leads_to_a_translation_with_its_own_slug(client, home):
    study = CaseStudyPageFactory(title="Grievance hotline")
    version = translate(study, "bn", title="অভিযোগ হটলাইন", slug="ovijog-hotline")

    response = client.get(f"/bn/knowledge/{study.slug}/")
    assert response.status_code == 302
    assert response.url == f"/bn/knowledge/{version.slug}/"


def test_draft_and_private_translations_stay_hidden(client, home):
    from wagtail.models import PageViewRestriction

    study = CaseStudyPageFactory(title="Grievance hotline")
    translate(study, "bn", title="খসড়া অভিযোগ হটলাইন", live=False)
    private = translate(study, "ta", title="தனிப்பட்ட புகார்")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    english = html(client.get(f"/knowledge/{study.slug}/"))
    assert "Also in:" not in english
    assert 'hreflang="bn" lang="bn"' not in english
    assert 'hreflang="ta" lang="ta"' not in english
    assert (
        f'<link rel="alternate" hreflang="bn" href="http://testserver/bn/knowledge/{study.slug}/">'
        in english
    )
    for listing in (html(client.get("/bn/knowledge/")), html(client.get("/ta/knowledge/"))):
        assert "খসড়া" not in listing
        assert "தனிப்பட்ட" not in listing
        assert "Grievance hotline" in listing
    bengali_address = html(client.get(f"/bn/knowledge/{study.slug}/"))
    assert "খসড়া" not in bengali_address
    assert untranslated_note("bn", shown_in="en") in bengali_address


def test_an_english_reader_sees_a_bengali_only_page_with_a_note(client, home):
    study = CaseStudyPageFactory(title="Grievance hotline")
    version = translate(study, "bn", title="অভিযোগ হটলাইন", slug="ovijog-hotline")
    study.delete()

    page = html(client.get(f"/knowledge/{version.slug}/"))
    assert "অভিযোগ হটলাইন" in page
    assert "This page has not been translated into English yet; it is shown in Bengali." in page


def test_sitemap_api_and_search_carry_every_language(client, home, settings):
    settings.SEARCH_REFRESH_ON_WRITE = True
    study = CaseStudyPageFactory(title="Grievance hotline")
    version = translate(study, "bn", title="অভিযোগ হটলাইন")

    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver/bn/knowledge/{version.slug}/</loc>" in sitemap
    assert (
        f'<xhtml:link rel="alternate" hreflang="bn" '
        f'href="http://testserver/bn/knowledge/{version.slug}/"/>' in sitemap
    )
    assert (
        f'<xhtml:link rel="alternate" hreflang="ur" '
        f'href="http://testserver/ur/knowledge/{study.slug}/"/>' in sitemap
    )

    listing = client.get("/api/v2/knowledge/").json()
    by_id = {item["id"]: item["meta"] for item in listing["items"]}
    assert by_id[study.pk]["locale"] == "en"
    assert by_id[study.pk]["translations"] == [
        {
            "locale": "bn",
            "id": version.pk,
            "html_url": f"http://testserver/bn/knowledge/{version.slug}/",
        }
    ]
    assert by_id[version.pk]["locale"] == "bn"
    assert by_id[version.pk]["html_url"] == f"http://testserver/bn/knowledge/{version.slug}/"
    bengali_only = client.get("/api/v2/knowledge/?locale=bn").json()
    assert [item["id"] for item in bengali_only["items"]] == [version.pk]

    found = client.get("/api/v2/knowledge/", {"search": "হটলাইন"}).json()
    assert [item["id"] for item in found["items"]] == [version.pk]


def test_the_site_search_finds_a_bengali_translation(client, home, settings):
    settings.SEARCH_REFRESH_ON_WRITE = True
    study = CaseStudyPageFactory(title="Grievance hotline")
    translate(study, "bn", title="অভিযোগ হটলাইন")

    results = html(client.get("/bn/search/", {"q": "হটলাইন"}))
    # The word searched for is highlighted in the title (this test once looked for the title
    # without its <mark>, which is why it seemed that the search did not list the page).
    assert f'<a href="/bn/knowledge/{study.slug}/">অভিযোগ <mark>হটলাইন</mark></a>' in results


def test_the_command_gives_every_language_its_tree(home, settings):
    from django.core.management import call_command

    call_command("locale_trees_ensure")
    call_command("locale_trees_ensure")

    for code, _name in settings.LANGUAGES:
        assert Page.objects.filter(locale__language_code=code, depth=2).count() == 1
