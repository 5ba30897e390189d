"""The section index pages (challenges, knowledge, labs, network) share one abstract definition: a title
and an introduction, one page per site, under the home page."""

import pytest

from challenges.models import ChallengeIndexPage
from core.section_pages import SectionIndexPage
from knowledge.models import KnowledgeIndexPage
from labs.models import LabIndexPage
from network.models import NetworkIndexPage

SECTIONS = [ChallengeIndexPage, KnowledgeIndexPage, LabIndexPage, NetworkIndexPage]


@pytest.mark.parametrize("model", SECTIONS)
def test_a_section_index_page_is_one_per_site_under_the_home_page(model):
    assert issubclass(model, SectionIndexPage)
    assert model.max_count == 1
    assert [parent._meta.label for parent in model.allowed_parent_page_models()] == [
        "policylab_site.HomePage"
    ]
    assert model._meta.get_field("intro").verbose_name == "introduction"


def test_the_abstract_page_is_not_a_page_type_editors_can_create():
    assert SectionIndexPage._meta.abstract
    assert not SectionIndexPage.is_creatable


@pytest.mark.django_db
def test_each_section_shows_its_introduction(client, home):
    for model in SECTIONS:
        page = model.objects.get()
        page.intro = f"<p>About the {model._meta.verbose_name}.</p>"
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert f"About the {model._meta.verbose_name}." in html
