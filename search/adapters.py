"""Per-type adapters: which fields of a page become its search document.

Each public page type is listed explicitly, field by field, so a new private field on a model
(an email address, a reviewer note) never reaches the index by accident. Field names that a
model lacks are skipped, so an adapter keeps working while the content types evolve.
``search.documents`` reads those fields into a page's document (``build_document``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from challenges.selectors import statuses_now


@dataclass(frozen=True)
class QueryTimeFacet:
    """A facet whose value changes without a publish event (a challenge's status moves with the
    clock, selected proposals and recorded outcomes), so the stored value would go stale.

    The service never filters or counts such a facet from the index: ``current_values()``
    gives the value now of each public live page of the adapter's type, by page id, and the
    service filters through page ids and counts the matched pages' values.
    """

    name: str
    current_values: Callable[[], Mapping[int, str]]


@dataclass(frozen=True)
class DependsOn:
    """Documents of a type draw on rows of another model (a partner's title, a theme's name).

    When such a row is published, unpublished, renamed or deleted, the live pages reached from
    it through ``lookup`` (an ORM lookup from the adapter's model) are indexed again.
    """

    model_label: str
    lookup: str


#: Reference rows whose names or keys most documents store (country names are searchable words,
#: theme slugs are facet values and theme names words).
_REFERENCE_DEPENDENCIES = (DependsOn("network.Theme", "themes"),)


@dataclass(frozen=True)
class PageAdapter:
    model_label: str
    content_type: str
    label: str
    summary: tuple[str, ...] = ("summary",)
    body: tuple[str, ...] = ()
    #: Short facts worth matching (a city, a university) appended to the body.
    extra: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    countries: tuple[str, ...] = ("countries", "country")
    #: Gazetteer places (``core.Place``): the "place" facet holds each one's code and its
    #: ancestors' (a district counts for its province), and their names are searchable words.
    places: tuple[str, ...] = ("places",)
    themes: tuple[str, ...] = ("themes",)
    sdgs: tuple[str, ...] = ("sdgs",)
    organisations: tuple[str, ...] = ()
    status: str = ""
    year: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    #: How a search result states its date ("Published %(date)s"); empty where the date means
    #: nothing to a reader (a partner's or a lab's first publication), so none is shown.
    date_phrase: str = ""
    #: Index-page facets: (facet name, field names); each value is stored by its slug (or code,
    #: or number, or the plain value). Pages that are not live (a draft partner) are skipped.
    keyed_facets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Facets whose values need a rule (a fallback field); replace any value found above.
    #: (facet, rule(page, is_visible)); ``is_visible`` says whether a related page may lend its key.
    computed_facets: tuple[
        tuple[str, Callable[[object, Callable[[object], bool]], list[str]]], ...
    ] = ()
    #: Facets evaluated when searching rather than read from the stored document.
    query_time_facets: tuple[QueryTimeFacet, ...] = ()
    #: Other models whose rows this type's documents are built from (see DependsOn).
    depends_on: tuple[DependsOn, ...] = ()
    #: Extra condition for pages that exist publicly but must stay out of search.
    is_searchable: Callable[[object], bool] = field(default=lambda page: True)


ADAPTERS: dict[str, PageAdapter] = {}


def register_adapter(adapter: PageAdapter) -> None:
    ADAPTERS[adapter.model_label.lower()] = adapter


def adapter_for(page) -> PageAdapter | None:
    return ADAPTERS.get(page._meta.label_lower)


def query_time_facets() -> dict[str, list[tuple[str, QueryTimeFacet]]]:
    """facet name -> [(content type, facet)] for every facet evaluated at query time."""
    found: dict[str, list[tuple[str, QueryTimeFacet]]] = {}
    for adapter in ADAPTERS.values():
        for facet in adapter.query_time_facets:
            found.setdefault(facet.name, []).append((adapter.content_type, facet))
    return found


def date_phrases() -> dict[str, str]:
    """content type -> how its results state their date (types without one are left out)."""
    return {a.content_type: a.date_phrase for a in ADAPTERS.values() if a.date_phrase}


def content_type_labels() -> dict[str, str]:
    return {a.content_type: str(a.label) for a in ADAPTERS.values()}


def register_default_adapters() -> None:
    for adapter in (
        PageAdapter(
            "policylab_site.StandardPage", "page", _("Page"), body=("body",), countries=(), themes=(), sdgs=(),
            date_phrase=_("Published %(date)s"),
        ),
        PageAdapter(
            "labs.LabPage", "lab", _("Lab"),
            body=("mission", "description"),
            extra=("university_name", "department", "city"),
            organisations=("university_name",),
            computed_facets=(
                ("country", lambda lab, is_visible: _lab_country(lab)),
                ("university", _lab_university),
                ("lab_open", lambda lab, is_visible: _lab_open(lab)),
            ),
            depends_on=(
                DependsOn("network.PartnerPage", "university"),
                DependsOn("core.Country", "country"),
                DependsOn("core.Country", "university__country"),
                *_REFERENCE_DEPENDENCIES,
            ),
        ),
        PageAdapter(
            "challenges.ChallengePage", "challenge", _("Challenge"),
            body=("problem_statement", "background", "affected_groups", "desired_outcomes",
                  "constraints", "data_and_resources", "eligibility"),
            extra=("province",),
            organisations=("agency",),
            # Agency by page id, as the challenges index filters it. The stored status is only
            # a fallback: search filters and counts it at query time (see QueryTimeFacet).
            keyed_facets=(("province", ("province",)), ("agency", ("agency_id",))),
            status="status",
            depends_on=(
                DependsOn("network.PartnerPage", "agency"),
                DependsOn("core.Country", "country"),
                *_REFERENCE_DEPENDENCIES,
            ),
            query_time_facets=(
                QueryTimeFacet("status", current_values=statuses_now),
            ),
            year=("proposals_open_at",),
            date=("proposals_open_at",),
            date_phrase=_("Open for proposals from %(date)s"),
        ),
        PageAdapter(
            "knowledge.CaseStudyPage", "case_study", _("Case study"),
            body=("problem", "what_was_done", "implementation", "results", "lessons", "transferability"),
            attachments=("attachments", "case_study_attachments"),
            organisations=("implementing_partners", "contributing_partners"),
            keyed_facets=(
                ("stage", ("stage",)),
                ("level", ("government_level",)),
                ("partner", ("implementing_partners", "contributing_partners")),
            ),
            year=("year_launched", "publication_date"),
            date=("publication_date",),
            date_phrase=_("Published %(date)s"),
            depends_on=(
                DependsOn("network.PartnerPage", "implementing_partners"),
                DependsOn("network.PartnerPage", "contributing_partners"),
                DependsOn("network.InnovationStage", "stage"),
                DependsOn("network.GovernmentLevel", "government_level"),
                DependsOn("core.Country", "countries"),
                # Attachment text is indexed only from public documents: one released from a
                # moderators-only collection (after page_published) re-indexes its pages.
                DependsOn("wagtaildocs.Document", "attachments__document"),
                *_REFERENCE_DEPENDENCIES,
            ),
        ),
        PageAdapter(
            "knowledge.FindingPage", "finding", _("Finding"),
            summary=("abstract", "summary"),
            body=("key_recommendations", "body"),
            extra=("authors_text",),
            attachments=("pdf",),
            # The lab is recorded on the labs side (lab_link); public_lab is None unless public.
            organisations=("partners", "public_lab"),
            keyed_facets=(("partner", ("partners",)),),
            year=("publication_date",),
            date=("publication_date",),
            date_phrase=_("Published %(date)s"),
            depends_on=(
                DependsOn("network.PartnerPage", "partners"),
                DependsOn("labs.LabPage", "lab_link__lab"),
                DependsOn("core.Country", "countries"),
                DependsOn("wagtaildocs.Document", "pdf"),
                *_REFERENCE_DEPENDENCIES,
            ),
        ),
        PageAdapter(
            "network.PartnerPage", "partner", _("Partner"),
            body=("body", "about", "description"),
            extra=("city",),
            themes=("themes",),
            organisations=(),
            depends_on=(DependsOn("core.Country", "country"), *_REFERENCE_DEPENDENCIES),
        ),
        PageAdapter(
            "network.NetworkEventPage", "event", _("Event"),
            body=("body", "programme", "description"),
            extra=("venue", "city"),
            organisations=("partners",),
            year=("starts_at",),
            date=("starts_at",),
            date_phrase=_("Takes place %(date)s"),
            depends_on=(
                DependsOn("network.PartnerPage", "partners"),
                DependsOn("core.Country", "country"),
            ),
        ),
    ):  # fmt: skip
        register_adapter(adapter)


def _lab_country(lab) -> list[str]:
    """The lab's own country, else its university's, as the labs index filters them."""
    country = getattr(lab, "country", None)
    if country is None and getattr(lab, "university_id", None):
        country = getattr(lab.university, "country", None)
    code = getattr(country, "code", "")
    return [code] if code else []


def _lab_university(lab, is_visible: Callable[[object], bool]) -> list[str]:
    """The partner university's slug, else the free-text university name. A draft or private
    university page lends no slug: the free-text name (the lab's own public field) stands in."""
    if getattr(lab, "university_id", None) and is_visible(lab.university):
        return [lab.university.slug]
    name = (getattr(lab, "university_name", "") or "").strip()
    return [name] if name else []


def _lab_open(lab) -> list[str]:
    """ "yes" when anyone may ask to join (every policy except invitation-only)."""
    return ["no" if getattr(lab, "join_policy", "") == "invitation" else "yes"]
