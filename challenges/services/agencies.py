"""Agencies a policymaker names in a brief when the network does not list theirs yet."""

from django.db import transaction

from challenges.models import ChallengePage, ProposedAgency
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
