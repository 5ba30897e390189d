"""Publishing: turning a space's deliverable into a draft knowledge-base finding.

Higher apps may hold a finding back before site moderation (the challenges app has a
challenge's owners clear findings from the spaces that answer it): they register a review step
with ``finding_review_step_register`` from their ``AppConfig.ready``; labs never imports them.
"""

from collections.abc import Callable

from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from core.documents import collection_ensure, document_collection_set
from core.moderation import moderation_submit
from knowledge.models import FindingAuthor, FindingPage, KnowledgeIndexPage
from knowledge.services import case_study_workflow_ensure
from labs.models import (
    ActivityVerb,
    Deliverable,
    DeliverableStatus,
    LabFinding,
    ProjectSpace,
    SpaceMembership,
)
from labs.selectors import space_has_supervisor
from labs.services.membership import MembershipError
from labs.services.spaces import activity_record

PRIVATE_COLLECTION_NAME = "Lab findings awaiting moderation"
PUBLIC_COLLECTION_NAME = "Lab findings"

#: A review step is called as ``step(finding=..., space=..., proposed_by=...)`` before the new
#: draft's revision is saved (so it may set fields on the finding) and returns True when it holds
#: the finding back from site moderation; whoever holds it later calls
#: ``finding_moderation_submit``.
FindingReviewStep = Callable[..., bool]

_finding_review_steps: list[FindingReviewStep] = []


def finding_review_step_register(step: FindingReviewStep) -> None:
    """Add a step between proposing a finding and site moderation (once per step)."""
    if step not in _finding_review_steps:
        _finding_review_steps.append(step)


def _held_for_review(*, finding, space: ProjectSpace, proposed_by) -> bool:
    held = False
    for step in _finding_review_steps:
        held = step(finding=finding, space=space, proposed_by=proposed_by) or held
    return held


# --- publishing ---------------------------------------------------------------------------


@transaction.atomic
def finding_propose_from_space(
    *,
    space: ProjectSpace,
    proposed_by,
    title: str,
    abstract: str,
    files=(),
    authors=(),
    licence: str = "",
    deliverable=None,
):
    """Turn a deliverable into a draft knowledge-base finding and submit it for moderation,
    unless a registered review step (a challenge's clearance) holds it back first.

    The draft carries the title, abstract, licence (the model's default when none is given),
    authors (space members chosen by the owner) and
    the lab; the first chosen PDF becomes the finding's document, stored in a collection
    that only moderators can open until they publish. The space itself stays private.

    In a space with a supervisor (a cohort's team), ``deliverable`` must be one of the space's
    deliverables that the supervisor approved and that no finding came from yet
    (``finding_proposal_blocker``); the finding records it, for whoever clears it to read the
    sign-off.
    """
    membership = SpaceMembership.objects.filter(space=space, user=proposed_by).first()
    if membership is None or not membership.is_owner:
        raise PermissionError("Only a space owner may propose a finding.")
    if deliverable is not None:
        # Serialise proposals from one deliverable (a double click), so the check below sees
        # the finding the first one made.
        Deliverable.objects.select_for_update().filter(pk=deliverable.pk).exists()
    blocker = finding_proposal_blocker(space=space, deliverable=deliverable)
    if blocker:
        raise MembershipError(blocker)
    index_page = KnowledgeIndexPage.objects.first()
    if index_page is None:
        raise MembershipError(_("The knowledge base is not set up yet."))
    finding = FindingPage(title=title, abstract=abstract, live=False, owner=proposed_by)
    if licence:
        finding.licence = licence
    lab = space.lab
    finding_partner = lab.university if lab.university_id else None
    index_page.add_child(instance=finding)
    for position, person in enumerate(authors or [proposed_by]):
        FindingAuthor.objects.create(page=finding, person=person, sort_order=position)
    if lab.country_id:
        finding.countries.add(lab.country)
    if finding_partner is not None:
        finding.partners.add(finding_partner)
    finding.themes.add(*lab.themes.all())
    document = _finding_document(files=files, proposed_by=proposed_by, title=title)
    if document is not None:
        finding.pdf = document
    LabFinding.objects.create(
        lab=lab, finding=finding, space=space, proposed_by=proposed_by, deliverable=deliverable
    )
    held = _held_for_review(finding=finding, space=space, proposed_by=proposed_by)
    finding.save()
    finding.save_revision(user=proposed_by, log_action=True)
    if not held:
        finding_moderation_submit(finding=finding, user=proposed_by)
    activity_record(
        space=space,
        actor=proposed_by,
        verb=ActivityVerb.PROPOSED_FINDING,
        summary=title,
        target_url=reverse("labs:space_detail", kwargs={"space_id": space.pk}),
    )
    return finding


def finding_proposal_blocker(*, space: ProjectSpace, deliverable=None) -> str:
    """Why a finding cannot be proposed from ``space`` (from ``deliverable``), or "".

    A supervised space proposes only what its supervisor signed off; other spaces are free.
    """
    if not space_has_supervisor(space):
        return ""
    approved = space.deliverables.filter(status=DeliverableStatus.APPROVED)
    if deliverable is None:
        if not approved.exists():
            return _(
                "This space has a supervisor: a finding can only be proposed from a "
                "deliverable they approved, and none is approved yet."
            )
        if not approved.filter(findings__isnull=True).exists():
            return _(
                "Every deliverable the supervisor approved has been proposed as a finding "
                "already; a new finding needs a new approved deliverable."
            )
        return _("Choose the approved deliverable this finding comes from.")
    # Read from the database: the caller's copy may predate the supervisor's decision.
    if not approved.filter(pk=deliverable.pk).exists():
        return _("A finding can only be proposed from a deliverable the supervisor approved.")
    # One sign-off, one finding: a second proposal (a form sent twice) would reach the
    # challenge's owners or the moderators twice.
    if LabFinding.objects.filter(deliverable=deliverable).exists():
        return _("This deliverable has been proposed as a finding already.")
    return ""


def _finding_document(*, files, proposed_by, title):
    """Copy the first chosen PDF into a moderators-only Wagtail collection: the copy is written
    to the private folder (core.documents), never under MEDIA_ROOT, until publication."""
    for file in files:
        version = file.current_version
        if version is None or not version.original_name.lower().endswith(".pdf"):
            continue
        collection = collection_ensure(PRIVATE_COLLECTION_NAME, moderators_only=True)
        Document = get_document_model()
        with version.content.open("rb") as handle:
            document = Document(
                title=f"{title} (PDF)"[:255],
                collection=collection,
                file=File(handle, name=version.original_name),
                uploaded_by_user=proposed_by,
            )
            document.file_size = version.size
            document.save()
        return document
    return None


def finding_document_release(*, finding) -> None:
    """Once moderators publish a finding, its PDF leaves the moderators-only collection (and
    its file the private folder)."""
    document = finding.pdf
    if document is None or document.collection.name != PRIVATE_COLLECTION_NAME:
        return
    public = collection_ensure(PUBLIC_COLLECTION_NAME, moderators_only=False)
    document_collection_set(document=document, collection=public)


def finding_document_withdraw(*, finding) -> None:
    """An unpublished finding takes its PDF back to the moderators-only collection (and its
    file to the private folder)."""
    document = finding.pdf
    if document is None or document.collection.name != PUBLIC_COLLECTION_NAME:
        return
    private = collection_ensure(PRIVATE_COLLECTION_NAME, moderators_only=True)
    document_collection_set(document=document, collection=private)


def finding_moderation_submit(*, finding, user) -> None:
    """Send a finding's latest revision to site moderation, as ``user`` (who is told of each
    step). Findings go through the case studies' workflow: one moderation queue for the
    knowledge base."""
    moderation_submit(page=finding, user=user, workflow=case_study_workflow_ensure())
