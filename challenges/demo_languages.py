"""Demo challenge briefs written in the region's languages, called from ``challenges.demo.seed``,
and the loader of every language's demo briefs, English included.

One brief per language (Urdu, Bengali, Hindi, Nepali, Sinhala, Tamil) from ``data/demo/
<language>.json``, sent in through the brief form's service and approved by the demo
moderator, under the challenges section's translation in that language's locale. Briefs that
exist (same title in that locale, or the slug a brief names) are left alone, so seeding twice
creates nothing.

A brief is the form's fields; besides them, ``agency`` and ``level`` are partner and
government level slugs, ``country`` an ISO code, ``opens_in_days`` and ``closes_in_days`` the
days from today when proposals open (9:00) and close (17:00) in ``time_zone``, and the
optional ``dates_in_days`` the timeline's dates as days from today.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.locale_pages import locale_section_ensure, page_locales_enabled
from core.models import Country, Place

from .models import ChallengeIndexPage, ChallengePage
from .services import challenge_brief_submit

DATA = Path(__file__).resolve().parent / "data" / "demo"
LANGUAGES = ("ur", "bn", "hi", "ne", "si", "ta")
BRIEF_TEXT_FIELDS = [
    "title",
    "summary",
    "province",
    "problem_statement",
    "background",
    "affected_groups",
    "desired_outcomes",
    "constraints",
    "data_and_resources",
    "eligibility",
]


def _local_time(day_offset: int, hour: int, zone: str) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(zone))


def content_read(language_code: str) -> dict:
    """The demo briefs written in one language (``briefs``)."""
    return json.loads((DATA / f"{language_code}.json").read_text(encoding="utf-8"))


def brief_publish(section: ChallengeIndexPage, spec: dict, *, submitter, moderator) -> bool:
    """Submit the brief as ``submitter`` posting for the agency, then approve it as the
    moderator; False when it exists already."""
    from network.models import GovernmentLevel, PartnerPage, SustainableDevelopmentGoal, Theme

    siblings = ChallengePage.objects.child_of(section)
    same = {"slug": spec["slug"]} if "slug" in spec else {"title": spec["title"]}
    if siblings.filter(**same).exists():
        return False
    fields = {name: spec[name] for name in BRIEF_TEXT_FIELDS}
    if "slug" in spec:
        # Its address stays the one the demo has always had, not one made from the title.
        fields["slug"] = spec["slug"]
    today = timezone.localdate()
    fields |= {
        name: today + timedelta(days=days) for name, days in spec.get("dates_in_days", {}).items()
    }
    fields |= {
        "agency": PartnerPage.objects.filter(slug=spec["agency"]).first(),
        "government_level": GovernmentLevel.objects.filter(slug=spec["level"]).first(),
        "country": Country.objects.get(code=spec["country"]),
        # Gazetteer codes (manage.py load_places runs first in seed_demo).
        "places": list(Place.objects.filter(code__in=spec.get("places", []))),
        "proposals_open_at": _local_time(spec["opens_in_days"], 9, spec["time_zone"]),
        "proposals_close_at": _local_time(spec["closes_in_days"], 17, spec["time_zone"]),
    }
    page = challenge_brief_submit(
        user=submitter,
        index_page=section,
        fields=fields,
        themes=Theme.objects.filter(slug__in=spec["themes"]),
        sdgs=SustainableDevelopmentGoal.objects.filter(number__in=spec["sdgs"]),
        criteria=[tuple(criterion) for criterion in spec["criteria"]],
    )
    page.current_workflow_task_state.approve(user=moderator)
    return True


def seed(*, index: ChallengeIndexPage, people: dict) -> str:
    """Create what is missing; returns a line for the seed report."""
    if not page_locales_enabled():
        return "  challenges in other languages: skipped, Wagtail's localisation is off"
    added = 0
    for language_code in LANGUAGES:
        content = content_read(language_code)
        section = locale_section_ensure(index=index, language_code=language_code)
        for spec in content["briefs"]:
            added += brief_publish(
                section, spec, submitter=people["editor"], moderator=people["editor"]
            )
    return f"  challenges in {len(LANGUAGES)} languages: {added} briefs added"
