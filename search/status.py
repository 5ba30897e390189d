"""The engines' state for the "Search index" admin report, with Elasticsearch credentials kept out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from . import conf, service
from .engines.elastic.errors import SearchUnavailable
from .models import SearchDocument


@dataclass
class IndexStatus:
    """What the admin report shows: which engine answers searches, and how full each index is."""

    answering: str  # the label of the engine that answers searches right now
    embedded_label: str
    embedded_documents: int
    pending_writes: int
    elasticsearch_configured: bool
    elasticsearch_host: str = ""  # host[:port] only: never the credentials in the URL
    elasticsearch_reachable: bool = False
    elasticsearch_documents: int | None = None  # None: unreachable, or no index yet
    elasticsearch_error: str = ""


def index_status() -> IndexStatus:
    """The engines' state now. Costs one Elasticsearch request (bounded by
    ``ELASTICSEARCH_TIMEOUT``, no retries) when Elasticsearch is configured, none otherwise."""
    embedded = service.embedded_engine()
    status = IndexStatus(
        answering=embedded.label,
        embedded_label=embedded.label,
        embedded_documents=SearchDocument.objects.count(),
        pending_writes=service.pending_writes_count(),
        elasticsearch_configured=False,
    )
    elastic = service.elasticsearch_engine()
    if elastic is None:
        return status
    status.elasticsearch_configured = True
    status.elasticsearch_host = url_host(conf.elasticsearch_url())
    try:
        status.elasticsearch_documents = elastic.document_count()
    except SearchUnavailable as exc:
        status.elasticsearch_error = redact_credentials(str(exc))[:300]
        return status
    status.elasticsearch_reachable = True
    if status.elasticsearch_documents is not None:
        # Without an index behind the alias, searches fall back to the embedded engine.
        status.answering = elastic.label
    return status


def url_host(url: str) -> str:
    """``host:port`` of ``url``, leaving out the scheme, credentials and path."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        return ""
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if host and port else host


def redact_credentials(text: str) -> str:
    """``text`` without the password of ``ELASTICSEARCH_URL`` (should an error message quote
    the URL): what the admin shows of Elasticsearch errors goes through here."""
    # Credentials in any URL the text quotes; then the configured password wherever it appears
    # bare, unless it is so short that replacing it would garble ordinary words.
    text = re.sub(r"(\b[a-z][a-z0-9+.-]*://)[^/@\s]+@", r"\1***@", text, flags=re.IGNORECASE)
    try:
        password = urlsplit(conf.elasticsearch_url()).password
    except ValueError:
        password = None
    for secret in {password, unquote(password or "")} - {None, ""}:
        if len(secret) >= 4:
            text = text.replace(secret, "***")
    return text
