"""Reads for matchmaking: the candidates a ranking needs, in a fixed number of queries, handed
as plain values to ``challenges.matching``, which scores them.
"""

from datetime import datetime

from django.db.models import (
    F,
    Prefetch,
    QuerySet,
)
from django.utils import timezone, translation

from challenges import matching
from challenges.models import (
    ChallengePage,
    ChallengeStatus,
)
from challenges.selectors.index import annotate_status
from core.languages import published_translations_prefetch
from core.models import Profile, TaggedExpertise
from labs.models import LabMembership, LabPage, LabRole
from network.models import Theme

#: At most this many open challenges are ranked for a person, soonest deadline first, and at
#: most this many students of a lab for a challenge: the queries stay the same however many
#: there are.
MATCH_CHALLENGE_CANDIDATES = 200
MATCH_STUDENT_CANDIDATES = 500


def _match_target(group: list[ChallengePage]) -> matching.MatchTarget:
    """One translation group as matching sees it: the words of every version, one place."""
    themes = {theme.pk: theme.name for page in group for theme in page.themes.all()}
    first = group[0]
    # Most precise first: a district names the brief's place better than its province.
    places = sorted(first.places.all(), key=lambda place: (-place.depth, place.name))
    return matching.MatchTarget(
        text=matching.target_text(
            *(part for page in group for part in (page.title, page.summary, page.province)),
            *themes.values(),
            *(part for place in places for part in (place.name, place.ancestor_names)),
        ),
        theme_names=themes,
        country_id=first.country_id,
        country_name=first.country.name if first.country_id else "",
        place_name=places[0].name if places else first.province,
        language_codes=frozenset(page.locale.language_code for page in group),
    )


def _challenge_groups(pages) -> list[tuple[ChallengePage, list[ChallengePage]]]:
    """(the version to show, every version) per translation group: the reader's language when
    there is one, else the original, as ``one_per_translation`` picks for lists."""
    groups: dict = {}
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)
    code = translation.get_language()
    shown = []
    for group in groups.values():
        group.sort(key=lambda page: page.pk)
        reader = next((page for page in group if page.locale.language_code == code), group[0])
        shown.append((reader, group))
    return shown


def _matchable_pages(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("country", "locale").prefetch_related("themes", "places")


def challenges_matched_for(*, user, now: datetime | None = None) -> list[matching.Match]:
    """Open challenges that fit the person, best first, each with its reasons; none when the
    person turned matching off. Five queries, whatever the number of challenges."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None or not profile.matching_enabled:
        return []
    own_labs = LabPage.objects.filter(memberships__user=user)
    person = matching.profile_for_self(
        profile,
        expertise=profile.expertise.names(),
        country_ids=own_labs.exclude(country=None).values_list("country_id", flat=True),
        theme_ids=Theme.objects.filter(labs__in=own_labs).values_list("pk", flat=True),
    )
    open_now = annotate_status(ChallengePage.objects.live().public(), now=now).filter(
        computed_status=ChallengeStatus.OPEN
    )
    candidates = _matchable_pages(open_now).order_by(
        F("proposals_close_at").asc(nulls_last=True), "pk"
    )[:MATCH_CHALLENGE_CANDIDATES]
    groups = list(_challenge_groups(candidates))
    # Each shown card links to the reader's language: its translations read for all at once.
    published_translations_prefetch([shown for shown, _group in groups])
    found = [matching.match(person, _match_target(group), shown) for shown, group in groups]
    return matching.ranked(
        found,
        tie_break=lambda page: (
            page.proposals_close_at is None,
            page.proposals_close_at or timezone.now(),
            page.pk,
        ),
    )


def students_matched_for(*, challenge: ChallengePage, lab) -> list[matching.Match]:
    """Students of ``lab`` who fit ``challenge``, best first, judged only on what each shows
    publicly; people who turned matching off or hide their profile are never listed."""
    group = list(
        _matchable_pages(
            ChallengePage.objects.live().public().filter(translation_key=challenge.translation_key)
        ).order_by("pk")
    )
    target = _match_target(group or [challenge])
    memberships = (
        LabMembership.objects.filter(
            lab=lab,
            role=LabRole.STUDENT,
            user__deleted_at__isnull=True,
            user__profile__matching_enabled=True,
            user__profile__is_public=True,
        )
        .select_related("user__profile")
        .prefetch_related(
            Prefetch(
                "user__profile__tagged_expertise",
                queryset=TaggedExpertise.objects.select_related("tag"),
            )
        )
        .order_by("joined_at", "pk")[:MATCH_STUDENT_CANDIDATES]
    )
    found = []
    for membership in memberships:
        profile = membership.user.profile
        expertise = [tagged.tag.name for tagged in profile.tagged_expertise.all()]
        person = matching.profile_for_others(profile, expertise=expertise)
        found.append(matching.match(person, target, membership.user))
    return matching.ranked(found, tie_break=lambda person: person.public_name.casefold())


def labs_led_by(*, user) -> QuerySet:
    """Labs the person leads: where they may see students suggested for a challenge."""
    if not user.is_authenticated:
        return LabPage.objects.none()
    return LabPage.objects.filter(memberships__user=user, memberships__role=LabRole.LEAD).order_by(
        "title"
    )
