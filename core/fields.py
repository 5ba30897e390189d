"""Markdown that people write, stored next to its sanitised HTML.

Rendering Markdown on every view made a page's cost depend on what anyone typed into it
(a Q&A answer of 5,000 ``[`` took 6–7 s per anonymous view). Instead, a model declares a
bounded ``MarkdownField`` for the source and a ``RenderedMarkdownField`` beside it; the
latter renders the source through ``core.text.render_markdown`` whenever the row is saved,
so templates print ``{{ thing.body_html }}`` and a view never renders anything::

    body = MarkdownField(_("message"), max_length=MAX_POST_MARKDOWN_LENGTH)
    body_html = RenderedMarkdownField(source="body")

Wagtail pages keep the stored HTML current in revisions and previews too (see
``RenderedMarkdownPageMixin``): a revision is a serialised copy of the page, and a preview
is an unsaved one.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField

from core.text import render_markdown

#: How many renderings ``markdown_renderings_reused`` keeps: a page's fields many times over.
REUSED_RENDERINGS_LIMIT = 64
_reused = threading.local()


@contextmanager
def markdown_renderings_reused() -> Iterator[None]:
    """Inside this block, stored HTML of a text rendered moments ago is not rendered again.

    Publishing a new page renders each Markdown field three times, the same text each time
    (for the revision's copy, the page saved when created, the page saved from the revision
    when published): for a bulk import that was most of its time. The last renderings are
    kept, keyed by the text and the active language (the notice on cut-off text is
    translated), for this thread until the block ends.
    """
    if getattr(_reused, "renderings", None) is not None:
        yield
        return
    _reused.renderings = {}
    try:
        yield
    finally:
        _reused.renderings = None


def _stored_rendering(text: str, mention_links: dict[str, str]) -> SafeString:
    renderings = getattr(_reused, "renderings", None)
    if mention_links:
        return render_markdown(text, mention_links=mention_links)
    if renderings is None or not text:
        return render_markdown(text)
    key = (text, get_language())
    html = renderings.get(key)
    if html is None:
        if len(renderings) >= REUSED_RENDERINGS_LIMIT:
            renderings.clear()
        html = renderings[key] = render_markdown(text)
    return html


class MarkdownField(models.TextField):
    """The Markdown source. ``max_length`` is required and enforced by the model itself,
    not only by forms (a plain TextField ignores it outside forms), so Wagtail's admin,
    imports and ``full_clean`` refuse oversized text with the same message as the forms."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))


class RenderedMarkdownField(models.TextField):
    """The sanitised HTML of the MarkdownField named by ``source``; filled on every save.

    Never edited by hand and never shown in forms. Values come back from the database
    marked safe: they are output of the allow-list sanitiser and nothing else writes them.
    """

    def __init__(self, *args, source: str, mention_links: str = "", **kwargs):
        self.source = source
        #: The name of a model method returning {lower-cased handle: address} for the
        #: @mentions to link (``core.text.render_markdown``); asked only when the text has "@".
        self.mention_links = mention_links
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if self.mention_links:
            kwargs["mention_links"] = self.mention_links
        for key, default in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        return name, path, args, kwargs

    def render_for(self, instance) -> SafeString:
        """The sanitised HTML of the instance's source text, rendered once per text: saving a
        page and serialising it for its revision ask for the same text, moments apart."""
        text = getattr(instance, self.source) or ""
        links = self._mention_links(instance, text)
        key = (text, get_language(), tuple(sorted(links.items())))
        renderings = instance.__dict__.setdefault("_markdown_renderings", {})
        rendered = renderings.get(self.attname)
        if rendered is None or rendered[0] != key:
            rendered = renderings[self.attname] = (key, _stored_rendering(text, links))
        return rendered[1]

    def _mention_links(self, instance, text: str) -> dict[str, str]:
        # Historical models (data migrations) have no methods: their mentions stay text.
        method = getattr(instance, self.mention_links, None) if self.mention_links else None
        if method is None or "@" not in text:
            return {}
        return dict(method())

    def pre_save(self, model_instance, add):
        html = self.render_for(model_instance)
        setattr(model_instance, self.attname, html)
        return str(html)

    def from_db_value(self, value, expression, connection):
        return None if value is None else mark_safe(value)  # noqa: S308 - stored sanitiser output

    def to_python(self, value):
        # Revisions (JSON) and fixtures come through here; they hold stored output too.
        value = super().to_python(value)
        return None if value is None else mark_safe(value)  # noqa: S308 - stored sanitiser output


def rendered_markdown_fields(model) -> list[RenderedMarkdownField]:
    return [
        field for field in model._meta.concrete_fields if isinstance(field, RenderedMarkdownField)
    ]


def render_stored_markdown(instance, *, only_missing: bool = False) -> None:
    """Bring the stored HTML of an unsaved (or revision) copy in line with its source.

    ``only_missing`` renders just the fields whose HTML is empty while their source is not,
    e.g. a revision saved before the HTML was stored.
    """
    for field in rendered_markdown_fields(type(instance)):
        if only_missing and (
            getattr(instance, field.attname) or not getattr(instance, field.source)
        ):
            continue
        setattr(instance, field.attname, field.render_for(instance))


class RenderedMarkdownPageMixin:
    """For Wagtail pages with Markdown fields: saving the page renders them (the fields'
    pre_save), and so do saving a revision (drafts, moderation) and previewing."""

    def serializable_data(self):
        render_stored_markdown(self)
        return super().serializable_data()

    def serve_preview(self, request, mode_name):
        render_stored_markdown(self)
        return super().serve_preview(request, mode_name)


def fill_rendered_markdown(model, *, batch_size: int = 200) -> None:
    """Render and store the HTML of every row of ``model`` (for data migrations)."""
    fields = rendered_markdown_fields(model)
    if not fields:
        return
    names = [field.name for field in fields]
    batch = []
    for instance in model._base_manager.only("pk", *(f.source for f in fields)).iterator():
        render_stored_markdown(instance)
        batch.append(instance)
        if len(batch) >= batch_size:
            model._base_manager.bulk_update(batch, names)
            batch = []
    if batch:
        model._base_manager.bulk_update(batch, names)


def optional_country_field() -> models.ForeignKey:
    """The country a lab or a challenge is in: optional, and left empty if the country goes."""
    return models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def places_field(related_name: str):
    """The divisions a page is about (``core.Place``): any level, a district implies its
    province for search and facets (``Place.path``), so tag the most precise one."""
    return ParentalManyToManyField(
        "core.Place",
        blank=True,
        related_name=related_name,
        verbose_name=_("places"),
        help_text=_(
            "Provinces, divisions, districts… the most precise that apply; "
            "a district counts for its province too."
        ),
    )
