"""Demo content for the knowledge app, called by `manage.py seed_demo`. Must stay idempotent.

30 case studies across all eight South Asian countries, 11 findings and policy briefs,
the moderation workflow with the demo editor as moderator, and one partner submission
waiting for review. The text is in ``data/demo/en.json`` (original summaries written for the
demo, not quotations; figures are deliberately general: these are teaching summaries, not an
evidence base); it is loaded the way the other languages are (``demo_languages``): case
studies through the importer partners use, findings as editors publish them.
"""

from __future__ import annotations

import datetime

from django.test.utils import override_settings
from wagtail.models import Page

from core.models import Country
from core.moderation import moderators_group_ensure
from network.models import (
    GovernmentLevel,
    InnovationStage,
    PartnerPage,
    SustainableDevelopmentGoal,
    Theme,
)

from . import demo_languages
from .models import CASE_STUDY_SECTIONS, CaseStudyPage, KnowledgeIndexPage
from .services import case_study_submit, case_study_workflow_ensure


def _lookup():
    return {
        "countries": {c.code: c for c in Country.objects.all()},
        "themes": {t.slug: t for t in Theme.objects.all()},
        "sdgs": {g.number: g for g in SustainableDevelopmentGoal.objects.all()},
        "stages": {s.slug: s for s in InnovationStage.objects.all()},
        "levels": {level.slug: level for level in GovernmentLevel.objects.all()},
        "partners": {p.slug: p for p in PartnerPage.objects.all()},
    }


def _first_published_backdate(index: KnowledgeIndexPage, specs: list[dict]) -> None:
    """Date the new pages' first publication on their publication date, at 09:00 UTC.

    An import or a publish dates it now, so the whole demo would read as published in the
    same minute; the feeds and the "related" lists, which order by first publication, then
    show the demo as the year of publishing it describes.
    """
    for spec in specs:
        date = datetime.date.fromisoformat(spec["publication_date"])
        Page.objects.child_of(index).filter(slug=spec["slug"]).update(
            first_published_at=datetime.datetime.combine(date, datetime.time(9), datetime.UTC)
        )


def _seed_pending_submission(spec: dict, *, people, ref) -> None:
    """One partner submission waiting in the moderation queue, to demo the workflow."""
    case_study_workflow_ensure()
    partner = people["partner"]
    if CaseStudyPage.objects.filter(submitted_by=partner, title=spec["title"]).exists():
        return
    data = {
        "title": spec["title"],
        "summary": spec["summary"],
        **{name: spec.get(name, "") for name in CASE_STUDY_SECTIONS},
        "year_launched": spec["year_launched"],
        "stage": ref["stages"].get(spec["stage"]),
        "government_level": ref["levels"].get(spec["government_level"]),
        "countries": [ref["countries"][code] for code in spec["countries"]],
        "themes": [ref["themes"][slug] for slug in spec["themes"]],
        "sdgs": [ref["sdgs"][number] for number in spec["sdgs"]],
        "implementing_partners": [],
        "original_language": spec["original_language"],
        "sources": [],
    }
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        case_study_submit(user=partner, data=data, files=[])


def seed(*, home, people, stdout) -> None:
    """Create what is missing of this app's demo content under ``home``."""
    index = KnowledgeIndexPage.objects.child_of(home).first()
    if index is None:
        return
    group = moderators_group_ensure()
    people["editor"].groups.add(group)
    ref = _lookup()
    content = demo_languages.content_read("en")
    new_cases = demo_languages.case_studies_import_new(index, content["case_studies"])
    new_findings = [
        spec
        for spec in content["findings"]
        if demo_languages.finding_publish(index, spec, ref=ref, people=people)
    ]
    _first_published_backdate(index, [*new_cases, *new_findings])
    _seed_pending_submission(content["pending_submission"], people=people, ref=ref)
    stdout.write(
        f"  knowledge: {len(content['case_studies'])} case studies, "
        f"{len(content['findings'])} findings, 1 pending submission"
    )
    stdout.write(demo_languages.seed(index=index, ref=ref, people=people))
