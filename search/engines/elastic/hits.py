"""Elasticsearch hits as the results page shows them: original titles, query words marked."""

from __future__ import annotations

from datetime import datetime

from django.utils.html import escape

from ...models import SearchDocument
from ..base import Hit, Suggestion, highlight, snippet


def marked_hits(response_hits, words: tuple[str, ...]) -> list[Hit]:
    """Hits with their original title and a snippet of their original text, query words marked.

    The snippet comes from the summary (in ``_source``) when it mentions a query word; otherwise
    from the body or attachments, read for those hits only from the embedded engine's rows (every
    write goes there first), in one query: the index keeps no body to send back.
    """
    hits, needs_body = [], []
    for hit in response_hits:
        # Indexes built before MAPPING_VERSION 2 kept the original title and summary as such.
        display = getattr(hit, "display", None) or hit
        title = getattr(display, "title", "") or ""
        summary = getattr(display, "summary", "") or ""
        published = getattr(hit, "published_at", None)
        marked_summary = snippet([summary], words) if words else None
        result = Hit(
            page_id=int(hit.meta.id),
            title=title,
            url=hit.url,
            content_type=hit.content_type,
            summary=summary,
            published_at=datetime.fromisoformat(published)
            if isinstance(published, str)
            else published,
            title_html=highlight(title, words) if words else escape(title),
            snippet_html=marked_summary if marked_summary else escape(summary[:220]),
            score=hit.meta.score or 0.0,
        )
        if words and "<mark>" not in marked_summary:
            needs_body.append(result)
        hits.append(result)
    if needs_body:
        texts = {
            page_id: (body, attachments)
            for page_id, body, attachments in SearchDocument.objects.filter(
                page_id__in=[hit.page_id for hit in needs_body]
            ).values_list("page_id", "body", "attachments")
        }
        for hit in needs_body:
            if hit.page_id in texts:
                hit.snippet_html = snippet([hit.summary, *texts[hit.page_id]], words)
    return hits


def suggestion(source) -> Suggestion:
    display = getattr(source, "display", None) or source
    return Suggestion(title=display.title, url=source.url, content_type=source.content_type)
