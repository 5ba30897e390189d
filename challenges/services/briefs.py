"""Challenge briefs written on the site: drafts, submission into moderation, resubmission."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from challenges import permissions, selectors
from challenges.models import ChallengeIndexPage, ChallengePage, JudgingCriterion
from challenges.models.pages import validate_criteria_weights
from challenges.services.agencies import brief_agency_fields
from core.moderation import moderation_status, moderation_submit, moderation_workflow_ensure
from core.slugs import script_slugify
from knowledge.models import SubmissionReviewTask


def _unique_child_slug(parent, title: str) -> str:
    base = script_slugify(title, fallback="challenge", max_length=70)
    slug, counter = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


BRIEF_WORKFLOW_NAME = "Challenge brief review"
BRIEF_TASK_NAME = "Moderators review the challenge brief"


def brief_workflow_ensure():
    """The moderation workflow for challenge briefs (core.moderation), created on first use."""
    index = ChallengeIndexPage.objects.first()
    return moderation_workflow_ensure(
        name=BRIEF_WORKFLOW_NAME,
        task_model=SubmissionReviewTask,
        task_name=BRIEF_TASK_NAME,
        pages=[index] if index else [],
    )


def _apply_brief(page: ChallengePage, *, fields: dict, themes, sdgs, criteria) -> None:
    for name, value in fields.items():
        setattr(page, name, value)
    page.themes = list(themes)
    page.sdgs = list(sdgs)
    page.judging_criteria = [
        # A draft may hold a criterion without its weight yet (0 is shown as empty).
        JudgingCriterion(
            name=name, description=description, weight=weight or 0, sort_order=position
        )
        for position, (name, description, weight) in enumerate(criteria)
    ]


@transaction.atomic
def challenge_brief_submit(
    *,
    user,
    index_page: ChallengeIndexPage,
    fields: dict,
    themes=(),
    sdgs=(),
    criteria: list[tuple[str, str, int]] = (),
    new_agency=None,
) -> ChallengePage:
    """Create a draft ChallengePage from the front-end form and send it into moderation.

    Only verified policymakers and moderators may call this; the submitter becomes an owner.
    ``new_agency`` (name, country) proposes an agency the network does not list yet.
    """
    if not permissions.can_submit_brief(user):
        raise PermissionDenied
    validate_criteria_weights([weight for _name, _description, weight in criteria])
    fields = brief_agency_fields(page=None, user=user, fields=fields, new_agency=new_agency)
    page = _brief_page_create(
        user=user, index_page=index_page, fields=fields, themes=themes, sdgs=sdgs, criteria=criteria
    )
    page.save_revision(user=user, log_action=True)
    moderation_submit(page=page, user=user, workflow=brief_workflow_ensure())
    return page


def _brief_page_create(*, user, index_page, fields, themes, sdgs, criteria) -> ChallengePage:
    """A new unpublished brief under ``index_page``, owned by ``user`` (no revision yet)."""
    page = ChallengePage(
        slug=_unique_child_slug(index_page, fields["title"]),
        submitted_by=user,
        live=False,
        owner=user,
    )
    _apply_brief(page, fields=fields, themes=themes, sdgs=sdgs, criteria=criteria)
    page.owners = [user]
    index_page.add_child(instance=page)
    return page


@transaction.atomic
def challenge_brief_draft_save(
    *,
    user,
    fields: dict,
    themes=(),
    sdgs=(),
    criteria: list[tuple[str, str, int | None]] = (),
    index_page: ChallengeIndexPage | None = None,
    page: ChallengePage | None = None,
    new_agency=None,
) -> ChallengePage:
    """Keep a half-written brief as the owner's private draft: an unpublished page with a new
    revision, not sent to the moderators (``challenge_brief_resubmit`` sends it later).

    Creates the page under ``index_page`` when ``page`` is None. Only the title is needed;
    the weights need not add up yet.
    """
    if not permissions.can_submit_brief(user):
        raise PermissionDenied
    if page is None:
        fields = brief_agency_fields(page=None, user=user, fields=fields, new_agency=new_agency)
        page = _brief_page_create(
            user=user,
            index_page=index_page,
            fields=fields,
            themes=themes,
            sdgs=sdgs,
            criteria=criteria,
        )
    else:
        page = ChallengePage.objects.select_for_update().get(pk=page.pk)
        if page.live or not page.is_owner(user):
            raise PermissionDenied
        if not moderation_status(page).can_edit:
            raise ValidationError(_("This brief is with the moderators and cannot be changed now."))
        fields = brief_agency_fields(page=page, user=user, fields=fields, new_agency=new_agency)
        _apply_brief(page, fields=fields, themes=themes, sdgs=sdgs, criteria=criteria)
        page.save()
    # Saving an unpublished page checked its title and slug (Wagtail's rule for drafts); the
    # rest may stay empty until the brief is sent, which validates everything.
    page.save_revision(user=user, log_action=True, clean=False)
    return page


@transaction.atomic
def challenge_brief_resubmit(
    *, page: ChallengePage, user, fields: dict, themes=(), sdgs=(), criteria=(), new_agency=None
) -> ChallengePage:
    """Apply an owner's changes to an unpublished brief and send it back to moderation."""
    page = ChallengePage.objects.select_for_update().get(pk=page.pk)
    if page.live or not page.is_owner(user) or not permissions.can_submit_brief(user):
        raise PermissionDenied
    if not moderation_status(page).can_edit:
        raise ValidationError(_("This brief is with the moderators and cannot be changed now."))
    validate_criteria_weights([weight for _name, _description, weight in criteria])
    fields = brief_agency_fields(page=page, user=user, fields=fields, new_agency=new_agency)
    _apply_brief(page, fields=fields, themes=themes, sdgs=sdgs, criteria=criteria)
    page.save()
    page.save_revision(user=user, log_action=True)
    moderation_submit(page=page, user=user, workflow=brief_workflow_ensure())
    return page


def brief_revision_base(page: ChallengePage, moderation) -> ChallengePage:
    """What an edit of a live brief starts from: the owner's own sent-back revision when the
    moderators asked for changes, else the live page (never someone else's unpublished
    draft, which only the admin shows)."""
    if moderation.code == "changes-requested":
        return page.get_latest_revision_as_object()
    return ChallengePage.objects.get(pk=page.pk)


@transaction.atomic
def challenge_brief_revise(
    *, page: ChallengePage, user, fields: dict, themes=(), sdgs=(), new_agency=None
) -> ChallengePage:
    """An owner (or moderator) changes a published brief: the change becomes a new revision sent
    to the brief workflow. The live page stays as it is until a moderator approves; the
    revisions keep the page's history.

    Dates of the proposal window and the judging criteria are not part of it: the deadline
    moves through ``challenge_deadline_extend`` (teams are told), and the criteria are what
    teams wrote to and reviewers scored against.
    """
    page = ChallengePage.objects.select_for_update().get(pk=page.pk)
    if not page.live or not permissions.can_manage_challenge(user, page):
        raise PermissionDenied
    if selectors.published_brief_moderation(page).code == "in-moderation":
        raise ValidationError(
            _("Your earlier changes are still with the moderators; wait for their decision.")
        )
    draft = brief_revision_base(page, selectors.published_brief_moderation(page))
    fields = brief_agency_fields(page=draft, user=user, fields=fields, new_agency=new_agency)
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.themes = list(themes)
    draft.sdgs = list(sdgs)
    draft.save_revision(user=user, log_action=True)
    page.refresh_from_db()
    moderation_submit(page=page, user=user, workflow=brief_workflow_ensure())
    return page
