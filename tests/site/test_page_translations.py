"""Pages in several languages: locales, the editors' translation workflow, what readers see."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from knowledge.services import case_study_workflow_ensure
from policylab_site.services import locale_tree_ensure
from tests.knowledge.factories import case_study, moderator_user

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
    study = case_study(title="Grievance hotline for district offices")
    case_study_workflow_ensure()
    locale_tree_ensure(language_code="bn")
    bengali = Locale.objects.get(language_code="bn")
    client.force_login(moderator_user())

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
