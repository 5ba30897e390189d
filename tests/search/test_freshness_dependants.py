"""Documents built from other pages and snippets follow them without a rebuild.

A case study's organisation and partner facets come from its partner pages, a lab's university
facet from its university's page, names of themes are searchable words: renaming, unpublishing
or deleting the page or snippet they come from re-indexes the pages that draw on it (adapters'
``depends_on``), after commit.
"""

import pytest

from network.models import Theme
from search import service
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.labs.factories import LabPageFactory
from tests.network.factories import PartnerPageFactory
from tests.search.factories import PageViewRestrictionFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def facet(results, name):
    return {o.value: o.count for f in results.facets if f.name == name for o in f.options}


def labels(results, name):
    return {o.label: o.count for f in results.facets if f.name == name for o in f.options}


def refresh():
    engine = service.read_engines()[0]
    if engine.name != "embedded":
        engine.refresh()


def search(text="", **filters):
    refresh()
    return service.search(service.normalise_request(text=text, filters=filters))


def knowledge_facets(**filters):
    refresh()
    return service.facet_search(content_types=["case_study", "finding"], filters=filters)


@pytest.fixture
def partner_with_work(home, search_engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        partner = PartnerPageFactory(title="Punjab Information Technology Board")
        studies = [
            CaseStudyPageFactory(title=f"Citizen feedback calls {n}", partners=(partner,))
            for n in range(3)
        ]
        finding = FindingPageFactory(title="What feedback changed", abstract="Evidence.")
        finding.partners = [partner]
        finding.save_revision().publish()
    return partner, studies, finding


def test_renaming_a_partner_reindexes_its_case_studies(
    partner_with_work, django_capture_on_commit_callbacks
):
    partner, studies, finding = partner_with_work
    assert labels(search("feedback"), "organisation") == {"Punjab Information Technology Board": 4}
    with django_capture_on_commit_callbacks(execute=True):
        partner.title = "Punjab Digital Services Authority"
        partner.save_revision().publish()
    results = search("feedback")
    assert labels(results, "organisation") == {"Punjab Digital Services Authority": 4}
    # The new name is a searchable word in every dependant, the old one in none.
    assert search("authority feedback").total == 4
    assert search("information technology board feedback").total == 0
    assert search("feedback", organisation=["Punjab Digital Services Authority"]).total == 4


def test_a_draft_rename_changes_nothing(partner_with_work, django_capture_on_commit_callbacks):
    partner, _studies, _finding = partner_with_work
    with django_capture_on_commit_callbacks(execute=True):
        partner.title = "Secret new name"
        partner.save_revision()
    assert search("secret feedback").total == 0
    assert labels(search("feedback"), "organisation") == {"Punjab Information Technology Board": 4}


def test_unpublishing_a_partner_drops_it_from_its_dependants(
    partner_with_work, django_capture_on_commit_callbacks
):
    partner, studies, finding = partner_with_work
    assert facet(knowledge_facets(), "partner") == {partner.slug: 4}
    with django_capture_on_commit_callbacks(execute=True):
        partner.unpublish()
    results = knowledge_facets()
    assert results.total == 4  # the case studies themselves stay searchable
    assert facet(results, "partner") == {}
    assert facet(results, "organisation") == {}
    assert knowledge_facets(partner=[partner.slug]).total == 0
    assert search("information technology board feedback").total == 0


def test_deleting_a_partner_drops_it_from_its_dependants(
    partner_with_work, django_capture_on_commit_callbacks
):
    partner, _studies, _finding = partner_with_work
    with django_capture_on_commit_callbacks(execute=True):
        partner.delete()
    results = knowledge_facets()
    assert results.total == 4
    assert facet(results, "partner") == {}
    assert labels(search("feedback"), "organisation") == {}


@pytest.fixture
def university_lab(home, search_engine, django_capture_on_commit_callbacks):
    """A lab at a partner university page, also named in the lab's free-text field ("PU")."""
    with django_capture_on_commit_callbacks(execute=True):
        university = PartnerPageFactory(title="University of the Punjab", country_code="PK")
        lab = LabPageFactory(title="Governance Lab")
        lab.university = university
        lab.university_name = "PU"
        lab.save_revision().publish()
    refresh()
    return university, lab


def test_a_lab_follows_its_university(university_lab, django_capture_on_commit_callbacks):
    university, _lab = university_lab
    results = service.facet_search(content_types=["lab"])
    assert facet(results, "university") == {university.slug: 1}
    with django_capture_on_commit_callbacks(execute=True):
        university.unpublish()
    refresh()
    # The adapter falls back to the free-text university name.
    assert facet(service.facet_search(content_types=["lab"]), "university") == {"PU": 1}


def test_a_private_university_lends_no_slug_to_its_lab(
    university_lab, django_capture_on_commit_callbacks
):
    university, _lab = university_lab
    assert facet(service.facet_search(content_types=["lab"]), "university") == {university.slug: 1}
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestrictionFactory(page=university)
    refresh()
    # Live but private: its slug is not offered; the lab's own free-text name stands in.
    assert facet(service.facet_search(content_types=["lab"]), "university") == {"PU": 1}
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    refresh()
    assert facet(service.facet_search(content_types=["lab"]), "university") == {university.slug: 1}


def test_a_finding_follows_its_lab(home, search_engine, django_capture_on_commit_callbacks):
    from labs.models import LabFinding

    with django_capture_on_commit_callbacks(execute=True):
        lab = LabPageFactory(title="Governance Lab")
        finding = FindingPageFactory(title="Queue times at service centres", abstract="Evidence.")
        LabFinding.objects.create(lab=lab, finding=finding)
        finding.save_revision().publish()
    assert labels(search("queue"), "organisation") == {"Governance Lab": 1}
    with django_capture_on_commit_callbacks(execute=True):
        lab.title = "Service Delivery Lab"
        lab.save_revision().publish()
    assert labels(search("queue"), "organisation") == {"Service Delivery Lab": 1}


def test_renaming_a_theme_snippet_reindexes_its_pages(
    home, search_engine, django_capture_on_commit_callbacks
):
    theme = Theme.objects.order_by("slug").first()
    with django_capture_on_commit_callbacks(execute=True):
        CaseStudyPageFactory(title="Citizen feedback calls", themes=(theme.slug,))
    assert search("zanzibarish feedback").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        theme.name = "Zanzibarish governance"
        theme.save()
    assert search("zanzibarish feedback").total == 1


def test_a_private_partner_lends_no_name(partner_with_work, django_capture_on_commit_callbacks):
    partner, _studies, _finding = partner_with_work
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestrictionFactory(page=partner)
    results = search("feedback")
    assert results.total == 4
    assert labels(results, "organisation") == {}
    assert search("information technology board").total == 0
    assert facet(knowledge_facets(), "partner") == {}
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert labels(search("feedback"), "organisation") == {"Punjab Information Technology Board": 4}


def test_moving_a_partner_under_a_private_page_hides_its_name(
    partner_with_work, home, django_capture_on_commit_callbacks
):
    partner, _studies, _finding = partner_with_work
    with django_capture_on_commit_callbacks(execute=True):
        private = StandardPageFactory(parent=home, title="Members area")
        PageViewRestrictionFactory(page=private)
        partner.move(private, pos="last-child")
    assert search("information technology board").total == 0
    assert labels(search("feedback"), "organisation") == {}
