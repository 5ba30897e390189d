"""What the apps above network put on the network's pages, registered when Django starts.

Network sits below knowledge and labs, so it never imports or names them. Each of them tells
network, from its ``AppConfig.ready()``, what it contributes:

* ``register_counted_content``: published pages counted in the headline numbers ("12 case
  studies"), and per country on the map and table when they name countries;
* ``register_partner_list``: published pages linked to a partner, listed on the partner's
  page a page at a time;
* ``register_country_browse_url``: where the map sends a reader who picks a country.

A page of the network shows what is registered, so a test can register its own content too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class CountedContent:
    #: The key in the home page's ``numbers`` and in each row of ``country_activity``.
    name: str
    #: The published pages, one per translation.
    published: Callable[[], QuerySet]
    #: The many-to-many field naming the countries a page is about; empty: not per country.
    countries_field: str = ""


@dataclass(frozen=True)
class PartnerList:
    #: The template variable on the partner page.
    context_name: str
    #: The query parameter this list pages on.
    page_param: str
    #: The published pages linked to a partner, in the order they are listed.
    pages_of: Callable[..., QuerySet]


_counted: dict[str, CountedContent] = {}
_partner_lists: dict[str, PartnerList] = {}
_country_browse_url: Callable | None = None


def register_counted_content(
    *, name: str, published: Callable[[], QuerySet], countries_field: str = ""
) -> None:
    _counted[name] = CountedContent(name, published, countries_field)


def register_partner_list(
    *, context_name: str, page_param: str, pages_of: Callable[..., QuerySet]
) -> None:
    _partner_lists[context_name] = PartnerList(context_name, page_param, pages_of)


def register_country_browse_url(url_for: Callable) -> None:
    """``url_for(country)``: the address listing what is published about ``country``."""
    global _country_browse_url
    _country_browse_url = url_for


def counted_content() -> list[CountedContent]:
    return list(_counted.values())


def partner_lists() -> list[PartnerList]:
    return list(_partner_lists.values())


def country_browse_url(country) -> str:
    return _country_browse_url(country) if _country_browse_url is not None else ""
