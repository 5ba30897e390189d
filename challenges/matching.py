"""Matchmaking: how well an open challenge fits a person, and why, computed in Python.

The selectors read everything a ranking needs in a fixed number of queries (the candidate
challenges, capped; the person's or lab's people, capped) and hand plain values to this module,
so a dashboard's queries never grow with the number of challenges or members.

Each criterion is a function of (``MatchProfile``, ``MatchTarget``) that returns the reasons it
found. To weigh something new (a person's own district, say), give the two dataclasses
a field, fill it in the selectors and add a criterion to ``CRITERIA``.

What a ``MatchProfile`` holds decides what is used: for a person's own suggestions everything
they entered; for a lab lead's list only the fields the student shows publicly
(``profile_for_others``), so a hidden field can neither rank nor appear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import translation

from core.languages import language_name_in_interface
from core.models import Profile, ProfileField

#: Weight of each kind of reason. A language alone is not a match (most briefs are in English
#: and most people speak it): a suggestion needs at least one reason of another kind.
WEIGHTS = {"expertise": 3, "theme": 2, "place": 2, "language": 1}
DECISIVE_KINDS = frozenset({"expertise", "theme", "place"})


@dataclass(frozen=True)
class Reason:
    kind: str
    label: str


@dataclass(frozen=True)
class MatchProfile:
    """What matching may use about one person."""

    expertise: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    country_ids: frozenset[int] = frozenset()
    theme_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MatchTarget:
    """What matching reads about one challenge (one translation group)."""

    text: str
    theme_names: dict[int, str] = field(default_factory=dict)
    country_id: int | None = None
    country_name: str = ""
    #: The most precise place the brief is tagged with, else its free-text province.
    place_name: str = ""
    language_codes: frozenset[str] = frozenset()


@dataclass
class Match:
    subject: object
    score: int
    reasons: list[Reason]

    @property
    def reason_labels(self) -> list[str]:
        return [reason.label for reason in self.reasons]


def _contains_phrase(text: str, phrase: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))


def expertise_reasons(person: MatchProfile, target: MatchTarget) -> list[Reason]:
    """An expertise tag found as a phrase in the brief's title, summary, themes or place."""
    return [
        Reason("expertise", tag)
        for tag in person.expertise
        if tag.strip() and _contains_phrase(target.text, tag.casefold().strip())
    ]


def theme_reasons(person: MatchProfile, target: MatchTarget) -> list[Reason]:
    """A governance theme the brief shares with one of the person's labs."""
    return [
        Reason("theme", name)
        for theme_id, name in sorted(target.theme_names.items(), key=lambda item: item[1])
        if theme_id in person.theme_ids
    ]


def place_reasons(person: MatchProfile, target: MatchTarget) -> list[Reason]:
    """The brief is in the person's country: named by its most precise place when it has one."""
    if target.country_id is None or target.country_id not in person.country_ids:
        return []
    return [Reason("place", target.place_name or target.country_name)]


def _language_names(code: str) -> set[str]:
    names = {code.casefold(), language_name_in_interface(code).casefold()}
    try:
        info = translation.get_language_info(code)
    except KeyError:
        return names
    return names | {str(info["name"]).casefold(), str(info["name_local"]).casefold()}


def language_reasons(person: MatchProfile, target: MatchTarget) -> list[Reason]:
    """The brief is published in a language the person speaks."""
    spoken = {language.casefold().strip() for language in person.languages}
    return [
        Reason("language", language_name_in_interface(code))
        for code in sorted(target.language_codes)
        if spoken & _language_names(code)
    ]


CRITERIA: tuple[Callable[[MatchProfile, MatchTarget], list[Reason]], ...] = (
    expertise_reasons,
    theme_reasons,
    place_reasons,
    language_reasons,
)


def match(person: MatchProfile, target: MatchTarget, subject) -> Match | None:
    """The match of ``person`` with ``target`` (``subject`` is what the list shows), or None."""
    reasons: list[Reason] = []
    seen: set[str] = set()
    for criterion in CRITERIA:
        for reason in criterion(person, target):
            key = reason.label.casefold()
            if key not in seen:
                seen.add(key)
                reasons.append(reason)
    if not any(reason.kind in DECISIVE_KINDS for reason in reasons):
        return None
    return Match(subject, sum(WEIGHTS[reason.kind] for reason in reasons), reasons)


def ranked(matches: Iterable[Match | None], *, tie_break: Callable) -> list[Match]:
    """Best first; equal scores in ``tie_break`` order of their subjects."""
    return sorted(
        (found for found in matches if found is not None),
        key=lambda found: (-found.score, tie_break(found.subject)),
    )


def target_text(*parts: str) -> str:
    return " \n ".join(part for part in parts if part).casefold()


def profile_for_self(
    profile: Profile, *, expertise: Iterable[str], country_ids: Iterable[int], theme_ids
) -> MatchProfile:
    """Everything the person entered, for their own suggestions (they may read all of it)."""
    own_country = {profile.country_id} if profile.country_id else set()
    return MatchProfile(
        expertise=tuple(expertise),
        languages=tuple(profile.language_list),
        country_ids=frozenset(own_country | set(country_ids)),
        theme_ids=frozenset(theme_ids),
    )


def profile_for_others(profile: Profile, *, expertise: Iterable[str]) -> MatchProfile:
    """Only what the person shows publicly: for lists other people see."""
    if not profile.is_public:
        return MatchProfile()
    return MatchProfile(
        expertise=tuple(expertise) if profile.shows(ProfileField.EXPERTISE) else (),
        languages=tuple(profile.language_list) if profile.shows(ProfileField.LANGUAGES) else (),
        country_ids=frozenset(
            {profile.country_id}
            if profile.country_id and profile.shows(ProfileField.COUNTRY)
            else ()
        ),
    )
