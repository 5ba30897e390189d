"""The shared engine suite: every engine must give the same answers to the same questions."""

import pytest

from search import service
from search.engines.base import parse_query
from tests.search.factories import document

pytestmark = pytest.mark.django_db


def run(text="", **kwargs):
    return service.search(service.normalise_request(text=text, **kwargs))


def counts(results, facet):
    for f in results.facets:
        if f.name == facet:
            return {o.value: o.count for o in f.options}
    return {}


@pytest.fixture
def corpus(search_engine):
    docs = [
        document(
            title="One-stop service centre in Islamabad",
            summary="Citizens get forty public services under one roof.",
            body="Modelled on the ASAN service of Azerbaijan, the centre cut waiting times.",
            content_type="case_study",
            year=2023,
            facets={"country": ["PK"], "theme": ["service-delivery"], "sdg": ["16"]},
        ),
        document(
            title="Civil service reform in Punjab",
            summary="Merit-based promotion for provincial civil servants.",
            body="The reform introduced performance agreements and training.",
            content_type="case_study",
            year=2024,
            facets={
                "country": ["PK"],
                "theme": ["civil-service", "service-delivery"],
                "sdg": ["16", "8"],
            },
        ),
        document(
            title="Digital land records in Bangladesh",
            summary="Service delivery of land titles moved online.",
            body="Union digital centres handle mutation requests.",
            content_type="finding",
            year=2024,
            facets={"country": ["BD"], "theme": ["digital-government"], "sdg": ["16"]},
        ),
        document(
            title="Open challenge: school meal service",
            summary="A provincial department asks for ideas.",
            body="Proposals should reduce leakage.",
            content_type="challenge",
            year=2025,
            facets={"country": ["PK", "IN"], "theme": ["education"], "status": ["open"]},
        ),
    ]
    search_engine.upsert(docs)
    if search_engine.name == "embedded":
        # The embedded engine is also the fallback copy; nothing more to do.
        pass
    else:
        service.embedded_engine().upsert(docs)
        search_engine.refresh()
    return docs


def test_finds_by_title_word_and_ranks_title_matches_first(corpus):
    results = run("reform")
    assert results.total == 1
    assert results.hits[0].title == "Civil service reform in Punjab"
    assert run("punjab civil").hits[0].title == "Civil service reform in Punjab"


def test_facet_counts_cover_every_match_not_just_the_page(corpus):
    results = run("service", per_page=1)
    assert results.total == 4
    assert len(results.hits) == 1
    assert counts(results, "content_type") == {"case_study": 2, "finding": 1, "challenge": 1}
    assert counts(results, "country") == {"PK": 3, "BD": 1, "IN": 1}
    assert counts(results, "sdg") == {"16": 3, "8": 1}


def test_filters_combine_or_within_a_facet_and_across_facets(corpus):
    pk_only = run("service", filters={"country": ["PK"]})
    assert pk_only.total == 3
    pk_case_studies = run("service", filters={"country": ["PK"], "content_type": ["case_study"]})
    assert {h.title for h in pk_case_studies.hits} == {
        "One-stop service centre in Islamabad",
        "Civil service reform in Punjab",
    }
    assert counts(pk_case_studies, "year") == {"2023": 1, "2024": 1}
    either = run("service", filters={"country": ["BD", "IN"]})
    assert either.total == 2
    none = run("service", filters={"country": ["BD"], "status": ["open"]})
    assert none.total == 0


def test_browsing_without_a_query_counts_everything_and_sorts_newest(corpus):
    results = run("", filters={"theme": ["service-delivery"]})
    assert results.total == 2
    assert [h.title for h in results.hits] == [
        "Civil service reform in Punjab",
        "One-stop service centre in Islamabad",
    ]


def test_sort_newest(corpus):
    results = run("service", sort="newest")
    assert results.hits[0].title == "Open challenge: school meal service"


def test_pagination_keeps_the_total(corpus):
    first = run("service", per_page=3)
    second = run("service", per_page=3, page=2)
    assert first.total == second.total == 4
    assert len(second.hits) == 1
    assert {h.page_id for h in first.hits}.isdisjoint({h.page_id for h in second.hits})


def test_highlights_mark_terms_and_escape_html(search_engine):
    docs = [
        document(
            title="Budget <script>alert(1)</script> transparency",
            summary="Open budget data & <b>citizens</b> scrutiny.",
        )
    ]
    search_engine.upsert(docs)
    if search_engine.name != "embedded":
        search_engine.refresh()
    hit = run("budget").hits[0]
    assert "<mark>Budget</mark>" in hit.title_html
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<mark>budget</mark>" in hit.snippet_html.lower()
    assert "<b>" not in hit.snippet_html


@pytest.mark.parametrize(
    "word, text",
    [
        ("حکمرانی", "اچھی حکمرانی کے لیے شہری خدمات"),  # Urdu
        ("সরকার", "স্থানীয় সরকার এবং নাগরিক সেবা"),  # Bengali
        ("नीति", "सार्वजनिक नीति प्रयोगशाला"),  # Hindi
        ("सरकारी", "नेपालको स्थानीय सरकारी सेवा"),  # Nepali
        ("රජය", "ශ්‍රී ලංකා රජය සහ පුරවැසි සේවා"),  # Sinhala
        ("அரசு", "தமிழ்நாடு அரசு சேவைகள்"),  # Tamil
    ],
)
def test_south_asian_scripts_tokenize(search_engine, word, text):
    docs = [
        document(title="Multilingual summary", summary=text),
        document(title="Other", summary="nothing"),
    ]
    search_engine.upsert(docs)
    if search_engine.name != "embedded":
        search_engine.refresh()
    results = run(word)
    assert [h.title for h in results.hits] == ["Multilingual summary"]


def test_quoted_phrase(corpus):
    assert run('"civil service"').total == 1
    assert run('"service civil"').total == 0


def test_autocomplete_completes_title_words(corpus):
    titles = [s["title"] for s in service.autocomplete("civil ser")]
    assert titles == ["Civil service reform in Punjab"]
    assert "Digital land records in Bangladesh" in [
        s["title"] for s in service.autocomplete("bangla")
    ]
    assert service.autocomplete("") == []


def test_no_results_offers_spelling_and_nearest(corpus):
    results = run("bangladesh zebra")
    assert results.total == 0
    assert [h.title for h in results.nearest] == ["Digital land records in Bangladesh"]
    misspelt = run("bangldesh")
    assert misspelt.total == 0
    assert misspelt.suggested_query == "bangladesh"


def test_removed_documents_disappear(corpus, search_engine):
    service.remove_pages([corpus[1].page_id])
    if search_engine.name != "embedded":
        search_engine.refresh()
    assert run("reform").total == 0
    assert counts(run("service"), "content_type")["case_study"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "x" * 10_000,
        "!!!???...",
        '"',
        '"unbalanced',
        "AND OR NOT",
        "NOT",
        "title:reform",
        "service AND (civil OR",
        "NEAR(a b)",
        "*",
        "ser*",
        "'; DROP TABLE search_searchdocument; --",
        "1 OR 1=1",
        "&&|!:()<->",
        "reform^10 ~2",
        "{title}: x",
        "🙂🙂 service 🏛️",
        "سروس service सेवा",
        "\x01\x1f",  # a NUL never gets this far: any query string holding one answers 400
        "a" * 300 + " service",
    ],
)
def test_hostile_queries_answer_normally(corpus, client, text):
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    response = client.get("/search/autocomplete/", {"q": text})
    assert response.status_code == 200


def test_parse_query_drops_operators():
    parsed = parse_query('AND "civil service" title:reform -x NEAR(')
    assert parsed.phrases == (("civil", "service"),)
    assert "title" in parsed.terms and "reform" in parsed.terms


def test_large_result_sets_count_facets_the_same_way(corpus, search_engine, monkeypatch):
    """The embedded engine switches to in-process bitmaps above a threshold; same answers."""
    from search.engines.embedded import engine

    monkeypatch.setattr(engine, "BITMAP_MIN_MATCHES", 0)
    results = run("service")
    assert counts(results, "country") == {"PK": 3, "BD": 1, "IN": 1}
    assert counts(run("service", filters={"country": ["PK"]}), "content_type") == {
        "case_study": 2,
        "challenge": 1,
    }
    service.remove_pages([corpus[1].page_id])
    if search_engine.name != "embedded":
        search_engine.refresh()
    assert counts(run("service"), "country") == {"PK": 2, "BD": 1, "IN": 1}
    assert counts(run(""), "country") == {"PK": 2, "BD": 1, "IN": 1}


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"content_types": ["case_study"]},
        {"content_types": ["case_study", "challenge"], "filters": {"country": ["PK"]}},
        {"filters": {"country": ["PK", "IN"], "content_type": ["case_study"]}},
        {"content_types": ["case_study"], "filters": {"country": ["NP"]}},
    ],
)
def test_browsing_without_words_counts_the_same_from_bitmaps_as_in_sql(
    corpus, monkeypatch, request_kwargs
):
    """Index pages (no words) count facets from the bitmaps of their filters alone above the
    threshold, without reading the matched ids: the same counts as the SQL join."""
    from core.search_port import facet_search
    from search.engines.embedded import engine

    def every_count():
        results = facet_search(**request_kwargs)
        return results.total, {facet.name: counts(results, facet.name) for facet in results.facets}

    monkeypatch.setattr(engine, "BITMAP_MIN_MATCHES", 10_000)
    in_sql = every_count()
    monkeypatch.setattr(engine, "BITMAP_MIN_MATCHES", 0)
    assert every_count() == in_sql


def test_index_pages_get_facets_through_the_core_port(corpus):
    from core.search_port import facet_search

    results = facet_search(content_types=["case_study"], filters={"country": ["PK"]})
    assert results.total == 2
    assert counts(results, "content_type") == {"case_study": 2}
    assert [h.title for h in results.hits][0] == "Civil service reform in Punjab"  # newest first


def test_relevance_pages_follow_one_order_with_the_same_total(corpus):
    """Pages of a relevance search partition one ranking: no hit twice, none skipped."""
    whole = run("service", per_page=20)
    pages = [run("service", per_page=2, page=n) for n in (1, 2, 3)]
    assert [p.total for p in pages] == [whole.total] * 3
    assert [h.title for p in pages for h in p.hits] == [h.title for h in whole.hits]
    assert whole.total == 4
    with_filter = run("service", filters={"country": ["PK"]}, per_page=1, page=2)
    assert with_filter.total == 3
    assert counts(with_filter, "country") == {"PK": 3, "IN": 1}  # drill-down counts
