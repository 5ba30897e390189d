"""RSS and Atom writers that drop characters XML 1.0 cannot carry.

Django's feed writer raises on a control character, so one stored title holding, say, a BEL
pasted from a PDF used to turn the whole feed into a 500 for every subscriber. Forms refuse
such characters now (``core.validators``); these writers cover what was stored before.
"""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .validators import without_control_characters


def _clean(value):
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(item) for item in value)
    return value


class _XmlSafeFeedMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*map(_clean, args), **{k: _clean(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_clean, args), **{k: _clean(v) for k, v in kwargs.items()})


class XmlSafeRssFeed(_XmlSafeFeedMixin, Rss201rev2Feed):
    pass


class XmlSafeAtomFeed(_XmlSafeFeedMixin, Atom1Feed):
    pass
