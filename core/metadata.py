"""What a page tells link previews and search engines: Open Graph, Twitter cards, JSON-LD.

Every public page gets a title, description, canonical address and share image through
``share_metadata`` (rendered by ``{% share_metadata %}`` in base.html). Pages refine it with
optional attributes: ``share_type`` (Open Graph type, default "website"), ``share_image``
(a Wagtail image; default the site's share card) and ``card_summary`` (the description).
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError

from .addresses import absolute_url, page_full_url
from .languages import page_own_url, page_url_in_language

SITE_NAME = "Policy Lab Commons"
# The size Open Graph and Twitter recommend for large cards; page images are cropped to it.
SHARE_IMAGE_WIDTH = 1200
SHARE_IMAGE_HEIGHT = 630
DEFAULT_SHARE_IMAGE = "img/share-default.png"


def json_ld_script_body(data: dict) -> str:
    """JSON safe to place inside <script type="application/ld+json"> (as json_script escapes)."""

    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 - escaped like json_script


def share_image_url(page=None) -> str:
    """The absolute address of a page's share image: its own image, else the site's card."""

    image = getattr(page, "share_image", None) if page is not None else None
    if image is not None:
        try:
            rendition = image.get_rendition(f"fill-{SHARE_IMAGE_WIDTH}x{SHARE_IMAGE_HEIGHT}")
        except SourceImageIOError:  # the file is gone: the page still renders, with the card
            pass
        else:
            return absolute_url(rendition.url)
    return absolute_url(static(DEFAULT_SHARE_IMAGE))


def share_metadata(page, request) -> dict:
    """Open Graph / Twitter values for a page served at ``request.path``."""
    # A sub-route of a page (a list, a print view) is its own address, not the page's.
    own_path = request.path if request is not None else None
    if own_path and own_path == page_url_in_language(page, get_language(), request):
        # An original shown at another language's address (no translation yet) is canonical
        # at its own address; a translation is at its own already.
        own_path = page_own_url(page, request)
    url = absolute_url(own_path) if own_path else page_full_url(page, request)
    description = (
        page.search_description
        or getattr(page, "card_summary", "")
        or _(
            "Public policy labs, governance challenges and a shared knowledge base for South Asia."
        )
    )
    image_url = share_image_url(page)
    own_image = getattr(page, "share_image", None)
    if image_url == absolute_url(static(DEFAULT_SHARE_IMAGE)):
        own_image = None
    return {
        "type": getattr(page, "share_type", "website"),
        "title": page.seo_title or page.title,
        "description": " ".join(str(description).split()),
        "url": url,
        "image": image_url,
        # Page images are cropped to the card's size; the default card is drawn at that size.
        "image_width": SHARE_IMAGE_WIDTH,
        "image_height": SHARE_IMAGE_HEIGHT,
        "image_alt": own_image.title if own_image is not None else SITE_NAME,
        "site_name": SITE_NAME,
    }
