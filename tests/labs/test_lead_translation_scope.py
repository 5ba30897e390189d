"""Translated page trees give a lab lead nothing they could not edit in English."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from labs.models import LabIndexPage
from policylab_site.services import locale_tree_ensure
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


def test_a_lab_lead_cannot_edit_or_translate_pages_in_another_languages_tree(client, home):
    lead = PersonFactory(username="translation-lead")
    own = LabPageFactory(title="Own Lab", lead=lead)
    other = LabPageFactory(title="Other Lab")
    index = LabIndexPage.objects.get()
    locale_tree_ensure(language_code="bn")
    bengali = Locale.objects.get(language_code="bn")
    other_bengali = other.copy_for_translation(bengali)
    other_bengali.save_revision().publish()
    index_bengali = index.get_translation(bengali)
    client.force_login(lead)

    # In English: their own lab only.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code != 200
    # In Bengali: nothing of the others', not the section index, and no "Translate" action.
    for page in (other_bengali, index_bengali, index_bengali.get_parent()):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code != 200, page
    submit = reverse("wagtail_localize:submit_page_translation", args=[own.pk])
    # Wagtail answers a permission denial in the admin with a redirect to the dashboard.
    assert client.get(submit).status_code in (302, 403)
    assert client.post(submit, {"locales": [bengali.pk]}).status_code in (302, 403)
    assert not own.get_translations().exists()
