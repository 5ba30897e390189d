"""Pages and search documents for the search tests."""

import itertools
from datetime import UTC, datetime

import factory
from wagtail.models import PageViewRestriction

from policylab_site.models import StandardPage
from search.engines.base import IndexDocument
from tests.factories import PageFactory

_ids = itertools.count(900_000)


class StandardPageFactory(PageFactory):
    """A StandardPage under ``parent`` (no default: give the home page or a section);
    ``body_text`` becomes its one paragraph."""

    class Meta:
        model = StandardPage

    class Params:
        body_text = ""

    title = factory.Sequence(lambda n: f"Page {n}")
    summary = ""
    body = factory.LazyAttribute(
        lambda o: [{"type": "paragraph", "value": f"<p>{o.body_text}</p>"}] if o.body_text else []
    )


class PageViewRestrictionFactory(factory.django.DjangoModelFactory):
    """Only signed-in people may see ``page``."""

    class Meta:
        model = PageViewRestriction

    restriction_type = PageViewRestriction.LOGIN


def document(
    *, title, summary="", body="", content_type="case_study", year=2024, facets=None, **extra
):
    """A synthetic search document (engine-level tests need no page tree)."""
    page_id = next(_ids)
    all_facets = {"content_type": [content_type], "year": [str(year)]}
    all_facets.update(facets or {})
    return IndexDocument(
        page_id=page_id,
        content_type=content_type,
        title=title,
        summary=summary,
        body=body,
        attachments=extra.get("attachments", ""),
        url=f"/knowledge/doc-{page_id}/",
        published_at=extra.get("published_at", datetime(year, 6, 1, tzinfo=UTC)),
        facets=all_facets,
    )
