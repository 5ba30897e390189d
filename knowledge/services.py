"""Writes for the knowledge base: partner submissions and their moderation."""

from __future__ import annotations

from django.db import transaction

from core.documents import collection_ensure, document_collection_set
from core.moderation import moderation_submit, moderation_workflow_ensure
from core.slugs import script_slugify

from .models import (
    CASE_STUDY_SECTIONS,
    CaseStudyAttachment,
    CaseStudyPage,
    KnowledgeIndexPage,
    SubmissionReviewTask,
)

CASE_STUDY_WORKFLOW_NAME = "Case study moderation"
CASE_STUDY_TASK_NAME = "Moderator review of case studies"
PRIVATE_COLLECTION_NAME = "Case study submissions (moderators only)"
PUBLIC_COLLECTION_NAME = "Case study attachments"

_EDITABLE_FIELDS = [
    "title",
    "summary",
    *CASE_STUDY_SECTIONS,
    "year_launched",
    "stage",
    "government_level",
    "original_language",
    "licence",
]
_M2M_FIELDS = ["countries", "places", "themes", "sdgs", "implementing_partners"]


def knowledge_index() -> KnowledgeIndexPage:
    return KnowledgeIndexPage.objects.first()


def case_study_workflow_ensure():
    """The case study workflow and its moderator group, created on first use."""
    index = knowledge_index()
    return moderation_workflow_ensure(
        name=CASE_STUDY_WORKFLOW_NAME,
        task_model=SubmissionReviewTask,
        task_name=CASE_STUDY_TASK_NAME,
        pages=[index] if index else [],
    )


def _unique_slug(parent, title: str) -> str:
    base = script_slugify(title, fallback="case-study", max_length=70)
    slug, number = base, 2
    siblings = parent.get_children()
    while siblings.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _attach_files(page: CaseStudyPage, files, *, user) -> None:
    """Attachments stay in a moderators-only collection (private files, 404 to others) until
    the page is published."""
    from wagtail.documents import get_document_model

    Document = get_document_model()
    collection = collection_ensure(PRIVATE_COLLECTION_NAME, moderators_only=True)
    for upload in files:
        document = Document(
            title=upload.name, file=upload, collection=collection, uploaded_by_user=user
        )
        document.file_size = upload.size
        document.save()
        page.attachments.add(CaseStudyAttachment(document=document, caption=upload.name))


def _apply(page: CaseStudyPage, data: dict) -> None:
    for name in _EDITABLE_FIELDS:
        if name in data:
            setattr(page, name, data[name])
    for name in _M2M_FIELDS:
        if name in data:
            setattr(page, name, list(data[name]))
    if "sources" in data:
        page.sources = [("source", source) for source in data["sources"]]


@transaction.atomic
def case_study_submit(*, user, data: dict, files=()) -> CaseStudyPage:
    """Create a draft case study from the partner form and send it to moderation."""
    index = knowledge_index()
    page = CaseStudyPage(
        live=False,
        owner=user,
        submitted_by=user,
        title=data["title"],
        slug=_unique_slug(index, data["title"]),
        summary=data["summary"],
    )
    _apply(page, data)
    if not page.implementing_partners and user.represented_partners.exists():
        page.implementing_partners = list(user.represented_partners.all())
    _attach_files(page, files, user=user)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    moderation_submit(page=page, user=user, workflow=case_study_workflow_ensure())
    return page


@transaction.atomic
def case_study_draft_save(
    *, user, data: dict, files=(), page: CaseStudyPage | None = None
) -> CaseStudyPage:
    """Keep a half-written case study as the partner's private draft: an unpublished page with
    a new revision, not sent to the moderators (``case_study_resubmit`` sends it later).

    Creates the page when ``page`` is None. Only the title is needed.
    """
    if page is None:
        index = knowledge_index()
        page = CaseStudyPage(
            live=False,
            owner=user,
            submitted_by=user,
            title=data["title"],
            slug=_unique_slug(index, data["title"]),
        )
        _apply(page, data)
        _attach_files(page, files, user=user)
        index.add_child(instance=page)
    else:
        page = CaseStudyPage.objects.get(pk=page.pk)
        _apply(page, data)
        _attach_files(page, files, user=user)
        page.save()
    # Saving an unpublished page checked its title and slug (Wagtail's rule for drafts); the
    # rest may stay empty until it is sent, which validates everything.
    page.save_revision(user=user, log_action=True, clean=False)
    return page


@transaction.atomic
def case_study_resubmit(*, page: CaseStudyPage, user, data: dict, files=()) -> CaseStudyPage:
    """Apply the partner's changes to a draft submission and send it back to moderation."""
    page = CaseStudyPage.objects.get(pk=page.pk)
    _apply(page, data)
    _attach_files(page, files, user=user)
    page.save()
    page.save_revision(user=user, log_action=True)
    moderation_submit(page=page, user=user, workflow=case_study_workflow_ensure())
    return page


def case_study_attachments_withdraw(page: CaseStudyPage) -> None:
    """An unpublished case study takes its attachments back to the moderators-only collection
    (and their files to the private folder): nothing unpublished has an address."""
    private = collection_ensure(PRIVATE_COLLECTION_NAME, moderators_only=True)
    public = collection_ensure(PUBLIC_COLLECTION_NAME, moderators_only=False)
    for attachment in page.attachments.select_related("document"):
        if attachment.document.collection_id == public.pk:
            document_collection_set(document=attachment.document, collection=private)


def case_study_attachments_publish(page: CaseStudyPage) -> None:
    """Move a just-published case study's attachments into the public collection (their files
    leave the private folder with them)."""
    attachments = list(page.attachments.select_related("document"))
    if not attachments:
        return  # most case studies (every imported one): no collection to look up
    private = collection_ensure(PRIVATE_COLLECTION_NAME, moderators_only=True)
    public = collection_ensure(PUBLIC_COLLECTION_NAME, moderators_only=False)
    for attachment in attachments:
        if attachment.document.collection_id == private.pk:
            document_collection_set(document=attachment.document, collection=public)
