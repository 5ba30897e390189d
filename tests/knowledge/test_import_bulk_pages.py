"""manage.py import_case_studies writes new pages in bulk (core.page_bulk.NewChildPages): its
queries do not grow with the rows, and what it leaves is what an editor's publish leaves
(issue 16, item 6)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from core.search_port import facet_search
from knowledge.models import CaseStudyPage, KnowledgeIndexPage
from search.models import SearchDocument
from tests.network.factories import PartnerPageFactory, country, level, sdg, stage, theme

pytestmark = pytest.mark.django_db

# Queries an import may add per new row, whatever the number of rows. Publishing each page
# through Wagtail's API took about 100; written in bulk, what is left per page is Wagtail's own
# validation of its slug against its siblings.
QUERIES_PER_NEW_ROW = 2


def row(number: int, *, partners=(), prefix="Row", **fields) -> dict:
    return {
        "title": f"{prefix} {number} water kiosks",
        "summary": f"Water kiosks in district {number}.",
        "countries": ["PK", "BD"],
        "themes": ["service-delivery", "local-government"],
        "sdgs": [6, 16],
        "stage": "pilot",
        "government_level": "district-local",
        "year_launched": 2019,
        "publication_date": "2025-03-01",
        "implementing_partners": [p.slug for p in partners[:1]],
        "contributing_partners": [p.slug for p in partners[1:2]],
        "problem": "**Queues** at the *only* tap.\n\n- long\n- unsafe",
        "results": "Waiting fell from [hours](https://example.org) to minutes.",
        "sources": [{"title": "Report", "url": f"https://example.org/{number}.pdf"}],
        **fields,
    }


def import_file(tmp_path, data, name="cases.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    out = StringIO()
    call_command("import_case_studies", str(path), stdout=out)
    return out.getvalue()


def test_queries_do_not_grow_with_new_rows(home, tmp_path):
    partners = [PartnerPageFactory(title="IAS"), PartnerPageFactory(title="BRAC")]

    def queries(count: int, prefix: str) -> int:
        data = [row(n, partners=partners, prefix=prefix) for n in range(1, count + 1)]
        with CaptureQueriesContext(connection) as captured:
            import_file(tmp_path, data, f"{prefix}.json")
        return len(captured)

    few, many = queries(2, "Few"), queries(42, "Many")
    assert CaseStudyPage.objects.live().count() == 44
    per_row = (many - few) / 40
    assert per_row <= QUERIES_PER_NEW_ROW, f"{per_row:.1f} queries per new row"


def _published_by_an_editor(index, partners) -> CaseStudyPage:
    """The same case study an editor creates and publishes in the admin (Wagtail's API)."""
    page = CaseStudyPage(
        title="Editor water kiosks",
        slug="editor-water-kiosks",
        summary="Water kiosks in district 1.",
        problem=row(1)["problem"],
        results=row(1)["results"],
        year_launched=2019,
        publication_date="2025-03-01",
        stage=stage("pilot"),
        government_level=level("district-local"),
        licence="not-specified",
        live=False,
    )
    page.countries = [country("PK"), country("BD")]
    page.themes = [theme("service-delivery"), theme("local-government")]
    page.sdgs = [sdg(6), sdg(16)]
    page.implementing_partners = partners[:1]
    page.contributing_partners = partners[1:2]
    page.sources = [
        ("source", {"title": "Report", "url": "https://example.org/1.pdf", "authors": "",
                    "publisher": "", "year": None}),
    ]  # fmt: skip
    index.add_child(instance=page)
    page.save_revision(log_action=True).publish()
    return CaseStudyPage.objects.get(pk=page.pk)


TREE_AND_IDENTITY = {"id", "path", "title", "draft_title", "slug", "url_path", "translation_key",
                     "first_published_at", "last_published_at", "latest_revision_created_at",
                     "latest_revision", "live_revision", "page_ptr"}  # fmt: skip


def _row_values(page) -> dict:
    values = {
        field.name: getattr(page, field.attname)
        for field in CaseStudyPage._meta.concrete_fields
        if field.name not in TREE_AND_IDENTITY
    }
    # Stream blocks compared by type and value (each block has its own random id).
    values["sources"] = [(block.block_type, dict(block.value)) for block in page.sources]
    return values


def _relations(page) -> dict:
    return {
        name: sorted(obj.pk for obj in getattr(page, name).all())
        for name in ["countries", "themes", "sdgs", "implementing_partners",
                     "contributing_partners"]
    }  # fmt: skip


def _references(page) -> set:
    return set(
        ReferenceIndex.get_references_for_object(page).values_list(
            "to_content_type", "to_object_id", "model_path", "content_path"
        )
    )


def _log(page) -> list:
    entries = PageLogEntry.objects.filter(page=page).order_by("id")
    return [
        (entry.action, entry.content_changed, entry.revision_id is not None, entry.user_id,
         entry.deleted, entry.label == page.title, entry.data)
        for entry in entries
    ]  # fmt: skip


def test_an_imported_page_is_what_an_editor_publishes(home, tmp_path, client):
    partners = [PartnerPageFactory(title="IAS"), PartnerPageFactory(title="BRAC")]
    index = KnowledgeIndexPage.objects.get()
    editor = _published_by_an_editor(index, partners)
    import_file(tmp_path, [row(1, partners=partners, prefix="Imported")])
    imported = CaseStudyPage.objects.get(title="Imported 1 water kiosks")

    # The page and case-study rows, its relations, its place in the tree.
    assert _row_values(imported) == _row_values(editor)
    assert _relations(imported) == _relations(editor)
    assert imported.live and not imported.has_unpublished_changes
    assert imported.draft_title == imported.title
    assert imported.get_parent().pk == index.pk
    assert imported.url_path == f"{index.url_path}{imported.slug}/"
    assert imported.first_published_at == imported.last_published_at is not None
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard: paths, depths, numchild
    index.refresh_from_db()
    assert index.numchild == index.get_children().count() == 2
    # One revision, the live one, holding the page as published.
    revision = Revision.page_revisions.get(object_id=str(imported.pk))
    assert imported.latest_revision_id == imported.live_revision_id == revision.pk
    assert imported.latest_revision_created_at == revision.created_at
    assert revision.content_type_id == editor.latest_revision.content_type_id
    assert revision.base_content_type_id == editor.latest_revision.base_content_type_id
    assert revision.object_str == imported.title
    assert set(revision.content) == set(editor.latest_revision.content)
    assert revision.as_object().results_html == imported.results_html == editor.results_html
    # The same log entries, the same references (the admin's usage counts).
    assert _log(imported) == _log(editor)
    assert _references(imported) == _references(editor) != set()
    # Served, searchable with the same facets, listed in the sitemap.
    response = client.get(imported.url)
    assert response.status_code == 200
    assert "Waiting fell from" in response.content.decode()
    documents = {d.page_id: d for d in SearchDocument.objects.filter(content_type="case_study")}
    assert _facets(documents[imported.pk]) == _facets(documents[editor.pk]) != set()
    assert documents[imported.pk].body == documents[editor.pk].body
    assert facet_search(content_types=["case_study"], text="kiosks").total == 2
    assert CaseStudyPage.objects.live().search("kiosks").count() == 2
    sitemap = "".join(
        client.get(url).content.decode() for url in ["/sitemap.xml", *_sitemap_sections(client)]
    )
    assert f"/knowledge/{imported.slug}/" in sitemap


def _facets(document) -> set:
    return set(document.facet_values.values_list("facet", "value"))


def _sitemap_sections(client) -> list[str]:
    """The section sitemaps a sitemap index links to (none when /sitemap.xml lists pages)."""
    import re

    body = client.get("/sitemap.xml").content.decode()
    return [
        re.sub(r"^https?://[^/]+", "", url)
        for url in re.findall(r"<sitemap>\s*<loc>([^<]+)</loc>", body)
    ]


def test_an_imported_draft_is_what_an_editor_saves_as_draft(home, tmp_path):
    import_file(tmp_path, [row(1, publish="false")])
    draft = CaseStudyPage.objects.get()
    assert not draft.live and draft.has_unpublished_changes
    assert draft.first_published_at is None and draft.live_revision_id is None
    assert draft.latest_revision_id == Revision.page_revisions.get(object_id=str(draft.pk)).pk
    actions = list(PageLogEntry.objects.filter(page=draft).values_list("action", flat=True))
    assert sorted(actions) == ["wagtail.create", "wagtail.edit"]
    assert not SearchDocument.objects.filter(page_id=draft.pk).exists()
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_failure_in_the_bulk_write_leaves_nothing(home, tmp_path, monkeypatch):
    from core.page_bulk import NewChildPages

    def disk_full(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(NewChildPages, "_log_entries_insert", disk_full)
    index = KnowledgeIndexPage.objects.get()
    pages_before, revisions_before = Page.objects.count(), Revision.objects.count()
    with pytest.raises(RuntimeError):
        import_file(tmp_path, [row(n) for n in range(1, 4)])
    assert Page.objects.count() == pages_before
    assert Revision.objects.count() == revisions_before
    assert not SearchDocument.objects.filter(content_type="case_study").exists()
    index.refresh_from_db()
    assert index.numchild == index.get_children().count() == 0
    assert Page.find_problems() == ([], [], [], [], [])
