"""Migration 0009 refills the full-text structures it recreates: the index answers at once."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from wagtail.models import Locale

from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("search.migrations.0009_fts5_whole_words_and_romanised")


def _execute(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _run_forward():
    migration.forward(None, SimpleNamespace(connection=connection, execute=_execute))


def test_after_the_migration_hindi_and_english_pages_are_found(client, home, engine_name):
    if engine_name != "embedded":
        pytest.skip("the migration concerns the embedded engine")
    hindi = CaseStudyPageFactory(
        title="किसान भविष्य योजना",
        summary="किसानों के लिए योजना",
        locale=Locale.objects.get_or_create(language_code="hi")[0],
    )
    CaseStudyPageFactory(title="Reforming district budgets")
    with connection.cursor() as cursor:  # tables the migration recreates; a vector it recomputes
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_fts")
            cursor.execute("DELETE FROM search_fts_title")
        else:
            cursor.execute(
                "UPDATE search_textvector SET search_vector = to_tsvector('english', 'stale'), "
                "title_vector = to_tsvector('simple', 'stale') WHERE page_id = %s",
                [hindi.pk],
            )

    _run_forward()

    hindi = client.get("/search/", {"q": "किसान"}).content.decode()
    assert "<mark>किसान</mark> भविष्य योजना" in hindi
    assert "No results" in client.get("/search/", {"q": "किसी"}).content.decode()
    english = client.get("/search/", {"q": "reform"}).content.decode()
    assert "<mark>Reforming</mark> district budgets" in english
    completed = client.get("/search/autocomplete/", {"q": "किसा"}).json()
    assert [r["title"] for r in completed["results"]] == ["किसान भविष्य योजना"]


def test_after_the_reanalysis_a_latin_query_finds_only_the_typed_word(client, home, engine_name):
    if engine_name != "embedded":
        pytest.skip("the migration concerns the embedded engine")
    reanalyse = importlib.import_module("search.migrations.0010_reanalyse_full_text")
    for title in ("किसान भविष्य योजना", "किसने लिखा"):
        CaseStudyPageFactory(
            title=title, locale=Locale.objects.get_or_create(language_code="hi")[0]
        )
    with connection.cursor() as cursor:  # as 0009 left them: keys that Porter stems, old stems
        if connection.vendor == "sqlite":
            cursor.execute("UPDATE search_fts SET romanised = 'kisn', body = 'किस'")
        else:
            cursor.execute(
                "UPDATE search_textvector SET search_vector = to_tsvector('simple', '0kisn')"
            )

    reanalyse.forward(None, SimpleNamespace(connection=connection, execute=_execute))

    html = client.get("/search/", {"q": "kisne"}).content.decode()
    assert "<mark>किसने</mark> लिखा" in html
    assert "किसान भविष्य" not in html
