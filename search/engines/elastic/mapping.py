"""The index's mapping and the text a page's document puts into it.

One index (read and written through an alias, so a full rebuild builds a fresh index and swaps
the alias atomically) with an explicit mapping: weighted text fields with an English analyzer,
keyword facet fields, a completion field for autocomplete.

Text in the region's scripts is analysed in Python first (``search.analysis``, shared with the
embedded engine): the text fields index ``analyse_document(...)`` (normalised, non-Latin words
stemmed by the page's language), which the standard tokenizer (UAX #29) keeps whole, and Latin
words go through the English analysis below as before. A ``romanised`` field holds the loose Latin
keys of the non-Latin words, so a query typed in Latin letters finds native-script text. A page
whose text is all ASCII has nothing to normalise, stem or romanise and is indexed as it is.

The indexed text is not what readers see, so the text fields are left out of ``_source`` and the
original title and summary are kept, unindexed, in ``display`` (``engine`` marks them up).

English stemming depends on what the cluster offers; the engine takes the first that works and
says which in ``stemming`` (and the log):

- ``"english"``: the algorithmic English stemmer plus possessive filter (the analysis-common
  module, present on every regular distribution and hosted cluster).
- ``"hunspell"``: Elasticsearch's integration-test distribution (CI) has no analysis-common, but
  the hunspell filter is in the server core; with an en_US dictionary in the node's
  config/hunspell/en_US/ (.ci/elasticsearch.sh installs one) dictionary words stem
  ("governments" -> "government", "policies" -> "policy", "reforming" -> "reform"). Words the
  dictionary does not know (names, acronyms, British spellings) pass through unchanged, so the
  query also asks for their plural and possessive forms.
- ``"plural"``: no stemmer at all; the query matches each word's plural, singular and
  possessive forms instead.
"""

from __future__ import annotations

from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    Keyword,
    MetaField,
    Object,
    Text,
    analyzer,
    token_filter,
)

from search.analysis import analyse_document, normalise, romanised_keys

from ..base import IndexDocument

#: Stored in the mapping's _meta. Bump it whenever the mapping or what goes into a field changes:
#: an index built by an older version keeps answering (see ``_read_index_info``) and the admin
#: runs ``rebuild_search_index`` to build the new one. 2: analysed text, romanised keys, display.
#: 3: the revised stems and key namespaces of ``search.analysis`` (search migration 0010).
#: 4: the gazetteer's ``place`` facet.
MAPPING_VERSION = 4
#: The first mapping version with a ``title_words`` field (older: a ``title.exact`` subfield).
TITLE_WORDS_SINCE = 2
SUGGEST_MAX_INPUTS = 12


english_stemmer = token_filter("policylab_english_stemmer", type="stemmer", language="english")
english_possessive = token_filter(
    "policylab_english_possessive", type="stemmer", language="possessive_english"
)
english_hunspell = token_filter(
    "policylab_english_hunspell", type="hunspell", locale="en_US", dedup=True
)
STEMMING_ANALYZER = analyzer(
    "policylab_text",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", "decimal_digit", english_stemmer],
)
# Only core filters: lowercase first (the dictionary's "'s" suffix handles possessives of the
# words it knows); tokens in other scripts find no dictionary entry and pass through as they are.
HUNSPELL_ANALYZER = analyzer(
    "policylab_text", tokenizer="standard", filter=["lowercase", english_hunspell]
)
PLAIN_ANALYZER = analyzer("policylab_text", tokenizer="standard", filter=["lowercase"])

# Preferred first. The filter name in the index settings tells which one an index was built with.
TEXT_ANALYSES = (
    ("english", STEMMING_ANALYZER, "policylab_english_stemmer"),
    ("hunspell", HUNSPELL_ANALYZER, "policylab_english_hunspell"),
    ("plural", PLAIN_ANALYZER, None),
)
# Which analysis each cluster (by URL) accepted, so later index creations skip refused attempts.
_cluster_analysis: dict[str, str] = {}


#: Indexed for searching, never read back: kept out of _source (smaller index, faster writes).
NOT_DISPLAYED = [
    "title", "summary", "body", "attachments", "romanised",
    "title_words", "title_romanised", "title_suggest",
]  # fmt: skip


def page_document_class(text_analyzer):
    """The mapping, parametrised by the text analyzer the cluster supports."""

    class PageDocument(Document):
        content_type = Keyword()
        language = Keyword()
        # Analysed text (search.analysis): searched, never shown, so not kept in _source.
        title = Text(analyzer=text_analyzer)
        summary = Text(analyzer=text_analyzer)
        body = Text(analyzer=text_analyzer)
        attachments = Text(analyzer=text_analyzer)
        romanised = Text(analyzer="whitespace", index_options="freqs", norms=False)
        # The normalised, unstemmed title: autocomplete prefixes and spelling suggestions are
        # words as people type them, in every script.
        title_words = Text(analyzer="standard", index_prefixes={"min_chars": 1, "max_chars": 10})
        title_romanised = Text(
            analyzer="whitespace", index_prefixes={"min_chars": 1, "max_chars": 10}, norms=False
        )
        title_suggest = Completion(analyzer="standard", preserve_separators=False)
        # The original title and summary, shown on the results page.
        display = Object(enabled=False)
        url = Keyword(index=False)
        published_at = Date()
        country = Keyword()
        theme = Keyword()
        sdg = Keyword()
        year = Keyword()
        organisation = Keyword()
        status = Keyword()
        stage = Keyword()
        level = Keyword()
        partner = Keyword()
        province = Keyword()
        agency = Keyword()
        university = Keyword()
        lab_open = Keyword()
        place = Keyword()

        class Meta:
            source = MetaField(excludes=NOT_DISPLAYED)
            meta = MetaField(mapping_version=MAPPING_VERSION)

    return PageDocument


def indexed_text(document: IndexDocument) -> dict:
    """The searched fields of ``document``: its text as ``search.analysis`` analyses it.

    All-ASCII text (English pages) has nothing to normalise, stem or romanise: it is indexed as it
    is, without the per-word pass, so English pages cost what they did before.
    """
    texts = (document.title, document.summary, document.body, document.attachments)
    if all(text.isascii() for text in texts):
        return {
            "title": document.title,
            "summary": document.summary,
            "body": document.body,
            "attachments": document.attachments,
            "title_words": document.title,
            "title_suggest": {"input": suggest_inputs(document.title)},
        }
    analysed = analyse_document(
        title=document.title,
        summary=document.summary,
        body=document.body,
        attachments=document.attachments,
        language=document.language,
    )
    title_words = normalise(document.title)
    return {
        "title": analysed.title,
        "summary": analysed.summary,
        "body": analysed.body,
        "attachments": analysed.attachments,
        "romanised": analysed.romanised,
        "title_words": title_words,
        "title_romanised": " ".join(romanised_keys(title_words)),
        "title_suggest": {"input": suggest_inputs(title_words)},
    }


def suggest_inputs(title: str) -> list[str]:
    """The title and each of its word-suffixes, so "reform" completes "Civil service reform"."""
    words = title.split()
    return [" ".join(words[i:]) for i in range(min(len(words), SUGGEST_MAX_INPUTS))]
