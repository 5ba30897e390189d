"""Agencies a policymaker names in a brief when the network does not list theirs yet."""

from django.db import transaction
from django.urls import reverse

from challenges.models import AgencyProposalStatus, ChallengePage, ProposedAgency
from core.addresses import absolute_url
from core.emails import email_after_commit
from core.models import Country
from core.moderation import moderator_email_addresses


@transaction.atomic
def agency_propose(*, user, name: str, country: Country) -> ProposedAgency:
    """Keep the proposed agency as pending and ask the moderators to approve it."""
    agency = ProposedAgency.objects.create(name=name.strip(), country=country, proposed_by=user)
    email_after_commit(
        to=moderator_email_addresses(),
        template="challenges/emails/agency_proposed",
        context={"agency": agency},
    )
    return agency


def _proposer_briefs(agency: ProposedAgency) -> list[dict]:
    """The proposer's own briefs that name the agency, each with where they change it: a
    published brief is revised, an unpublished one edited. Other people's briefs that name
    the same agency are not the proposer's to see."""
    briefs = agency.challenges.filter(owners=agency.proposed_by).order_by("title", "pk")
    return [
        {
            "title": brief.title,
            "url": absolute_url(brief.url) if brief.live else "",
            "edit_url": absolute_url(
                reverse(
                    "challenges:brief_revise" if brief.live else "challenges:brief_edit",
                    args=[brief.pk],
                )
            ),
        }
        for brief in briefs.distinct()
    ]


def proposed_agency_decision_announce(*, agency: ProposedAgency, previous_status: str) -> None:
    """Tell the proposer, after commit, that moderators approved or declined their agency.

    Called when a moderator saves the proposal; only a change of decision is announced, so
    fixing a typo in an approved agency's name sends nothing.
    """
    decided = agency.status in (AgencyProposalStatus.APPROVED, AgencyProposalStatus.DECLINED)
    proposer = agency.proposed_by
    if not decided or agency.status == previous_status or proposer is None:
        return
    if proposer.deleted_at is not None:
        return
    email_after_commit(
        to=[proposer.email],
        template="challenges/emails/agency_decided",
        context={
            "agency": agency,
            "person": proposer,
            "approved": agency.is_approved,
            "briefs": _proposer_briefs(agency),
        },
    )


def brief_agency_fields(
    *, page: ChallengePage | None, user, fields: dict, new_agency: tuple[str, Country] | None
) -> dict:
    """``fields`` with the brief's agency settled: one from the network (any earlier proposal
    is dropped), or a proposed one (the page's current proposal is kept when it is the same,
    so saving a brief twice does not queue it twice). Call inside the brief's transaction."""
    if new_agency is None:
        if fields.get("agency") is not None:
            return {**fields, "proposed_agency": None}
        return fields
    name, country = new_agency
    current = page.proposed_agency if page is not None and page.proposed_agency_id else None
    if current is not None and current.name == name and current.country_id == country.pk:
        proposed = current
    else:
        proposed = agency_propose(user=user, name=name, country=country)
    return {**fields, "agency": None, "proposed_agency": proposed}
