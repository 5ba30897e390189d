"""Nothing a visitor may not read reaches search results, facet counts or autocomplete."""

import pytest
from wagtail.models import Page

from search import service
from tests.search.factories import PageViewRestrictionFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

CANARY = "zanzibarcanary"


def visible_anywhere(client, engine) -> list[str]:
    """Every place the canary could surface for an anonymous visitor."""
    if engine.name != "embedded":
        engine.refresh()
    leaks = []
    results = service.search(service.normalise_request(text=CANARY))
    if results.total or results.hits:
        leaks.append("results")
    if any(option.count for facet in results.facets for option in facet.options):
        leaks.append("facets")
    if service.autocomplete(CANARY[:6]):
        leaks.append("autocomplete")
    page = client.get("/search/", {"q": CANARY})
    html = page.content.decode()
    if 'class="card search-result"' in html or "facet__count" in html:
        leaks.append("search page")
    suggestions = client.get("/search/autocomplete/", {"q": CANARY[:6]}).json()["results"]
    if suggestions:
        leaks.append("autocomplete endpoint")
    return leaks


def test_published_page_is_found_control(home, client, search_engine):
    StandardPageFactory(parent=home, title=f"Public {CANARY}", summary="Visible to everyone.")
    assert visible_anywhere(client, search_engine) == [
        "results", "facets", "autocomplete", "search page", "autocomplete endpoint"
    ]  # fmt: skip


def test_draft_never_indexed(home, client, search_engine):
    StandardPageFactory(parent=home, title=f"Draft {CANARY}", live=False)
    assert visible_anywhere(client, search_engine) == []


def test_draft_edits_of_a_live_page_are_not_indexed(home, client, search_engine):
    page = StandardPageFactory(parent=home, title="Budget guide", summary="Published words.")
    page.summary = f"Unpublished edit {CANARY}"
    page.save_revision()
    assert visible_anywhere(client, search_engine) == []


def test_view_restricted_page_is_removed_and_never_indexed(home, client, search_engine):
    page = StandardPageFactory(parent=home, title=f"Members {CANARY}")
    PageViewRestrictionFactory(page=page)
    assert visible_anywhere(client, search_engine) == []
    # Publishing again while restricted must not bring it back.
    page.save_revision().publish()
    assert visible_anywhere(client, search_engine) == []


def test_child_of_a_private_page_is_not_indexed(home, client, search_engine):
    private = StandardPageFactory(parent=home, title="Private section")
    PageViewRestrictionFactory(page=private)
    StandardPageFactory(parent=private, title=f"Child {CANARY}")
    assert visible_anywhere(client, search_engine) == []


def test_page_moved_under_a_private_parent_is_removed(home, client, search_engine):
    private = StandardPageFactory(parent=home, title="Private section")
    PageViewRestrictionFactory(page=private)
    page = StandardPageFactory(parent=home, title=f"Moving {CANARY}")
    assert visible_anywhere(client, search_engine)
    Page.objects.get(pk=page.pk).specific.move(private, pos="last-child")
    assert visible_anywhere(client, search_engine) == []


def test_lifting_a_restriction_makes_the_subtree_searchable(home, client, search_engine):
    section = StandardPageFactory(parent=home, title="Section")
    restriction = PageViewRestrictionFactory(page=section)
    StandardPageFactory(parent=section, title=f"Child {CANARY}")
    assert visible_anywhere(client, search_engine) == []
    restriction.delete()
    assert "results" in visible_anywhere(client, search_engine)


def test_unpublish_removes_from_results(home, client, search_engine):
    page = StandardPageFactory(parent=home, title=f"Soon gone {CANARY}")
    assert "results" in visible_anywhere(client, search_engine)
    page.unpublish()
    assert visible_anywhere(client, search_engine) == []


def test_delete_removes_from_results(home, client, search_engine):
    page = StandardPageFactory(parent=home, title=f"Deleted {CANARY}")
    assert "results" in visible_anywhere(client, search_engine)
    Page.objects.get(pk=page.pk).delete()
    assert visible_anywhere(client, search_engine) == []


def test_rebuild_skips_private_and_draft_pages(home, client, search_engine):
    from django.core.management import call_command

    private = StandardPageFactory(parent=home, title="Private section")
    PageViewRestrictionFactory(page=private)
    StandardPageFactory(parent=private, title=f"Child {CANARY}")
    StandardPageFactory(parent=home, title=f"Draft {CANARY}", live=False)
    StandardPageFactory(parent=home, title="Public budget page")
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert visible_anywhere(client, search_engine) == []
    assert service.search(service.normalise_request(text="budget")).total == 1
