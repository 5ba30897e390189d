"""Publish many new pages under one parent in a few queries, as an editor's publish leaves them.

Creating and publishing one page through Wagtail's API (``add_child``, ``save_revision``,
``publish``) takes about a hundred queries: the tree insert, three saves of the page, the
revision written and read back, three log entries, validation on each save. A bulk import of
thousands of pages spent most of its time there. ``NewChildPages`` validates each page as
it is added (nothing written yet, so a bad row is reported before any write) and then writes
all of them together:

- tree positions: the last child's path read once, consecutive paths after it, the parent's
  ``numchild`` raised once (what treebeard's ``add_child`` does per page);
- the page rows (``bulk_create`` of the base rows, one insert per batch of the specific rows),
  the many-to-many rows set on them in memory, one revision per page, its ``latest_revision``
  and ``live_revision``, the ``wagtail.create``, ``wagtail.edit`` and ``wagtail.publish`` log
  entries and the reference index rows, each with ``bulk_create``;
- ``page_published`` (and Wagtail's generic ``published``) sent per published page with its
  revision, so every receiver (the search index, caches, attachments) reacts as to an
  editor's publish. A draft gets its revision and its create and edit log entries only.
  As with any ``bulk_create``, ``pre_save``/``post_save`` are not sent for the new rows.

Use it inside a transaction: a failure anywhere leaves nothing behind. Pages with child
relations (``ParentalKey`` children) are not supported: nothing imported has them.
"""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import F
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signals import page_published, published

logger = logging.getLogger(__name__)


class NewChildPages:
    """New pages for ``parent``, validated by ``add`` and written together by ``write``."""

    def __init__(self, parent: Page):
        self.parent = parent
        self.pages: list[Page] = []
        self._last_position: int | None = None

    def add(self, page: Page, *, publish: bool = True) -> Page:
        """Validate ``page`` as Wagtail validates it when saved; raises ValidationError.

        A page to publish is fully validated; a draft (``publish=False``), as Wagtail saves
        drafts, only for its title and slug: it gets a revision and no publication.

        The page gets its place under the parent (tree path after the last child, locale,
        draft title, URL path). Slug clashes with siblings are checked here as Wagtail checks
        them; the uniqueness of path and translation key is the database's to enforce.
        """
        if not page._state.adding:
            raise ValueError(f"{page!r} is already saved")
        self._tree_position_take(page)
        page.locale = self.parent.locale
        page.live = publish
        page.has_unpublished_changes = not publish
        if publish:
            # A related row read moments ago (the parent's locale, the content type, a stage
            # the caller looked up) is not looked up again: the database's foreign keys hold.
            held = [
                field.name
                for field in type(page)._meta.concrete_fields
                if field.many_to_one
                and field.is_cached(page)
                and getattr(page, field.name) is not None
                and not getattr(page, field.name)._state.adding
            ]
            page.full_clean(exclude=held, validate_unique=False, validate_constraints=False)
        else:
            page.minimal_clean()
        page.set_url_path(self.parent)
        self.pages.append(page)
        return page

    def write(self) -> list[Page]:
        """Write every page added, with its revision and log entries, and announce each one
        published."""
        pages, self.pages = self.pages, []
        if not pages:
            return []
        # As treebeard's add_child does per page.
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + len(pages))
        self.parent.numchild += len(pages)
        now = timezone.now()
        for page in pages:
            if page.live:
                page.first_published_at = page.last_published_at = now
            page.latest_revision_created_at = now
        self._rows_insert(pages)
        self._many_to_many_insert(pages)
        revisions = self._revisions_insert(pages, created_at=now)
        self._log_entries_insert(pages, revisions, timestamp=now)
        self._references_insert(pages)
        for page, revision in zip(pages, revisions, strict=True):
            if page.live:
                page_published.send(sender=type(page), instance=page, revision=revision)
                published.send(sender=type(page), instance=page, revision=revision)
        logger.info("Wrote %d new pages under page %s", len(pages), self.parent.pk)
        return pages

    def _tree_position_take(self, page: Page) -> None:
        parent = self.parent
        if self._last_position is None:
            # As treebeard's add_child: lock the parent row, then append after the last child.
            parent.numchild = Page.objects.select_for_update().get(pk=parent.pk).numchild
            last_path = (
                Page.objects.child_of(parent)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self._last_position = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
        self._last_position += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, self._last_position)
        if len(page.path) != page.depth * Page.steplen:
            raise PathOverflow(f"No room for another child under {parent.path}")
        page.numchild = 0
        page._cached_parent_obj = parent

    def _rows_insert(self, pages: list[Page]) -> None:
        """The base ``wagtailcore_page`` rows, then each concrete model's own rows.

        Django's ``bulk_create`` refuses multi-table inherited models; it is used for the base
        rows (their ids come back) and its own insert step for each child table.
        """
        model = type(pages[0])
        if any(type(page) is not model for page in pages):
            raise ValueError("NewChildPages publishes pages of one type at a time")
        for relation in get_all_child_relations(model):
            name = relation.get_accessor_name()
            for page in pages:
                if getattr(page, name).all():
                    raise ValueError(f"NewChildPages cannot write {name}")
                # Known empty: receivers asking for them (attachments) need no query.
                setattr(page, name, [])
        base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        base_rows = [
            Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in pages
        ]
        Page.objects.bulk_create(base_rows)
        for page, row in zip(pages, base_rows, strict=True):
            page.id = page.page_ptr_id = row.pk
        database = router.db_for_write(model)
        for parent_model in [*reversed(model._meta.get_parent_list()), model]:
            if parent_model is Page:
                continue
            fields = parent_model._meta.local_concrete_fields
            connection = connections[database]
            batch = max(connection.ops.bulk_batch_size(fields, pages), 1)
            for start in range(0, len(pages), batch):
                parent_model._base_manager.using(database)._insert(
                    pages[start : start + batch], fields=fields, using=database
                )
        for page in pages:
            page._state.adding = False
            page._state.db = database

    def _many_to_many_insert(self, pages: list[Page]) -> None:
        model = type(pages[0])
        for field in model._meta.get_fields():
            if not isinstance(field, ParentalManyToManyField):
                continue
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                through(**{f"{source}_id": page.pk, f"{target}_id": related.pk})
                for page in pages
                for related in getattr(page, field.name).all()
            )

    def _revisions_insert(self, pages: list[Page], *, created_at) -> list[Revision]:
        content_type = ContentType.objects.get_for_model(type(pages[0]))
        base_content_type = pages[0].get_base_content_type()
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                created_at=created_at,
                user=None,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = revision
            page.live_revision = revision if page.live else None
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
        return revisions

    def _log_entries_insert(self, pages: list[Page], revisions: list[Revision], *, timestamp):
        """What ``add_child``, ``save_revision(log_action=True)`` and ``publish`` log."""
        context = get_active_log_context()
        content_type = ContentType.objects.get_for_model(type(pages[0]), for_concrete_model=False)
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=content_type,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=timestamp,
                data={},
                user=context.user,
                uuid=context.uuid,
                page=page,
                revision=entry_revision,
                content_changed=True,
            )
            for page, revision in zip(pages, revisions, strict=True)
            for action, entry_revision in (
                ("wagtail.create", None),
                ("wagtail.edit", revision),
                ("wagtail.publish", revision),
            )
            if page.live or action != "wagtail.publish"
        )

    def _references_insert(self, pages: list[Page]) -> None:
        """What ``ReferenceIndex.create_or_update_for_object`` records, for pages that had none."""
        model = type(pages[0])
        if not ReferenceIndex.is_indexed(model):
            return
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        base_content_type = ContentType.objects.get_for_model(Page, for_concrete_model=False)
        options = (
            {"ignore_conflicts": True}
            if connections[router.db_for_write(ReferenceIndex)].features.supports_ignore_conflicts
            else {}
        )
        ReferenceIndex.objects.bulk_create(
            (
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=base_content_type,
                    object_id=page.pk,
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
                for page in pages
                for to_content_type_id, to_object_id, model_path, content_path in set(
                    ReferenceIndex._extract_references_from_object(page)
                )
            ),
            **options,
        )
