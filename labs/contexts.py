"""What the labs' pages show: each page type's template context, built from the selectors.

A page's ``get_context`` calls its function here; the views import them too.
"""

from django.core.paginator import Paginator

from core.models import Country
from core.paging import page_of, page_of_page_cards
from core.search_port import facet_search, matching_pages
from knowledge.models import FindingPage
from network.models import PartnerPage, Theme

from .models import JoinRequestStatus, LabFinding, LabJoinRequest, LabPage, LabRole
from .selectors import lab_is_managed_by, lab_membership_for, labs_live

LABS_PER_PAGE = 12
FINDINGS_PER_PAGE = 12
LISTED_MEMBERS_PER_PAGE = 48


def lab_index_page(request) -> dict:
    """The lab index: filters by country, university, theme and openness to new members.

    Matching and the filter options come from the site search service (through
    ``core.search_port``, so facet logic exists once): its matches as a subquery, so the page
    of labs, by title, is one database query whatever the number of labs.
    """
    params = request.GET
    selected = {
        "country": (params.get("country") or "").upper()[:10],
        "university": (params.get("university") or "")[:200],
        "theme": (params.get("theme") or "")[:200],
        "open": params.get("open") == "1",
    }
    filters = {key: [selected[key]] for key in ("country", "university", "theme") if selected[key]}
    if selected["open"]:
        filters["lab_open"] = ["yes"]

    matched = matching_pages(content_types=["lab"], filters=filters)
    labs = labs_live().prefetch_related("themes").filter(pk__in=matched).order_by("title")

    # Options offer every value a published lab has, whatever else is selected.
    every_lab = {
        facet.name: facet for facet in facet_search(content_types=["lab"], per_page=1).facets
    }

    def values(name: str) -> list[str]:
        facet = every_lab.get(name)
        return [option.value for option in facet.options if option.count] if facet else []

    university_keys = values("university")
    partner_titles = dict(
        PartnerPage.objects.filter(slug__in=university_keys).values_list("slug", "title")
    )
    universities = {key: partner_titles.get(key, key) for key in university_keys}

    page_obj = Paginator(labs, LABS_PER_PAGE).get_page(params.get("page"))
    return {
        "labs": page_obj.object_list,
        "page_obj": page_obj,
        "selected": selected,
        "is_filtered": any(selected.values()),
        "country_options": Country.objects.filter(code__in=values("country")),
        "university_options": sorted(universities.items(), key=lambda item: item[1]),
        "theme_options": Theme.objects.filter(slug__in=values("theme")),
    }


def lab_page(request, lab: LabPage) -> dict:
    """What a lab page shows: public facts for everyone, plus the viewer's own standing.

    Findings come a page at a time (``?page=``), with the countries of their cards' meta
    lines in one query for the page rather than two per card; so do the listed members
    (``?members=``), leads are all shown.
    """
    params, user = request.GET, request.user
    memberships = lab.memberships.select_related("user__profile").filter(
        user__deleted_at__isnull=True
    )
    others = memberships.exclude(role=LabRole.LEAD)
    listed_members = page_of(
        others.filter(is_listed=True).order_by("role", "joined_at", "pk"),
        params,
        per_page=LISTED_MEMBERS_PER_PAGE,
        param="members",
    )
    listed_spaces = lab.spaces.filter(is_listed=True).only("title", "status")
    finding_ids = LabFinding.objects.filter(lab=lab).values("finding_id")
    findings = page_of_page_cards(
        FindingPage.objects.live()
        .public()
        .filter(pk__in=finding_ids)
        .prefetch_related("countries")
        .defer(*FindingPage.card_deferred_fields)
        .order_by("-publication_date", "-pk"),
        params,
        per_page=FINDINGS_PER_PAGE,
    )
    membership = lab_membership_for(lab=lab, user=user)
    pending_request = None
    if user.is_authenticated and membership is None:
        pending_request = LabJoinRequest.objects.filter(
            lab=lab, user=user, status=JoinRequestStatus.PENDING
        ).first()
    return {
        "leads": list(memberships.filter(role=LabRole.LEAD)),
        "listed_members": listed_members,
        "unlisted_member_count": others.filter(is_listed=False).count(),
        "current_spaces": [s for s in listed_spaces if s.is_current],
        "past_spaces": [s for s in listed_spaces if not s.is_current],
        "findings": findings,
        "membership": membership,
        "pending_request": pending_request,
        "can_manage": lab_is_managed_by(lab=lab, user=user),
    }
