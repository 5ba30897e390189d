"""Demo content for the knowledge app, called by `manage.py seed_demo`. Must stay idempotent.

30 case studies across all eight South Asian countries, 11 findings and policy briefs,
the moderation workflow with the demo editor as moderator, and one partner submission
waiting for review.
"""

from __future__ import annotations

import datetime

from django.test.utils import override_settings

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
from .demo_cases import CASES, FINDINGS
from .models import CaseStudyPage, FindingAuthor, FindingPage, KnowledgeIndexPage

PENDING_SUBMISSION_TITLE = "Village officer help desks for land registration in Sri Lanka"


def _lookup():
    return {
        "countries": {c.code: c for c in Country.objects.all()},
        "themes": {t.slug: t for t in Theme.objects.all()},
        "sdgs": {g.number: g for g in SustainableDevelopmentGoal.objects.all()},
        "stages": {s.slug: s for s in InnovationStage.objects.all()},
        "levels": {level.slug: level for level in GovernmentLevel.objects.all()},
        "partners": {p.slug: p for p in PartnerPage.objects.all()},
    }


def _publish(index, model, slug: str, fields: dict, m2m: dict, *, first_published):
    page = model.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        for key, value in m2m.items():
            setattr(page, key, value)
        index.add_child(instance=page)
    else:
        for key, value in {**fields, **m2m}.items():
            setattr(page, key, value)
    page.first_published_at = first_published
    page.save_revision().publish()
    return page


def _seed_case_studies(index, ref) -> int:
    start = datetime.date(2025, 11, 5)
    for number, (slug, case) in enumerate(CASES.items()):
        published = start + datetime.timedelta(days=11 * number)
        partners = [ref["partners"][s] for s in case["partners"] if s in ref["partners"]]
        fields = {
            "title": case["title"],
            "summary": case["summary"],
            "problem": case["problem"],
            "what_was_done": case["done"],
            "implementation": case["how"],
            "results": case["results"],
            "lessons": case["lessons"],
            "transferability": case["transfer"],
            "year_launched": case["year"],
            "publication_date": published,
            "stage": ref["stages"].get(case["stage"]),
            "government_level": ref["levels"].get(case["level"]),
            "sources": [
                ("source", {"title": title, "url": url, "publisher": "", "authors": ""})
                for title, url in case["sources"]
            ],
        }
        m2m = {
            "countries": [ref["countries"][code] for code in case["countries"]],
            "themes": [ref["themes"][s] for s in case["themes"]],
            "sdgs": [ref["sdgs"][n] for n in case["sdgs"]],
            "implementing_partners": partners[:1],
            "contributing_partners": partners[1:],
        }
        first_published = datetime.datetime.combine(published, datetime.time(9), datetime.UTC)
        _publish(index, CaseStudyPage, slug, fields, m2m, first_published=first_published)
    return len(CASES)


def _seed_findings(index, ref, people) -> int:
    for slug, finding in FINDINGS.items():
        date = datetime.date.fromisoformat(finding["date"])
        fields = {
            "title": finding["title"],
            "kind": finding["kind"],
            "abstract": finding["abstract"],
            "body": finding["body"],
            "publication_date": date,
            "key_recommendations": [
                ("recommendation", text) for text in finding["recommendations"]
            ],
        }
        m2m = {
            "countries": [ref["countries"][code] for code in finding["countries"]],
            "themes": [ref["themes"][s] for s in finding["themes"]],
            "sdgs": [ref["sdgs"][n] for n in finding["sdgs"]],
            "partners": [ref["partners"][s] for s in finding["partners"] if s in ref["partners"]],
        }
        authors = [FindingAuthor(person=people[handle]) for handle in finding["authors"]]
        m2m["authors"] = authors
        first_published = datetime.datetime.combine(date, datetime.time(9), datetime.UTC)
        _publish(index, FindingPage, slug, fields, m2m, first_published=first_published)
    return len(FINDINGS)


def _seed_pending_submission(people, ref) -> None:
    """One partner submission waiting in the moderation queue, to demo the workflow."""
    from .services import case_study_submit, case_study_workflow_ensure

    case_study_workflow_ensure()
    partner = people["partner"]
    if CaseStudyPage.objects.filter(submitted_by=partner, title=PENDING_SUBMISSION_TITLE).exists():
        return
    data = {
        "title": PENDING_SUBMISSION_TITLE,
        "summary": "Village officers in two divisions run weekly help desks where families get "
        "their land documents checked and forms filled before they travel to the divisional "
        "secretariat.",
        "problem": "Families made several trips because forms were incomplete.",
        "what_was_done": "Weekly **help desks** at village officers' premises.",
        "implementation": "",
        "results": "",
        "lessons": "",
        "transferability": "",
        "year_launched": 2024,
        "stage": ref["stages"].get("pilot"),
        "government_level": ref["levels"].get("district-local"),
        "countries": [ref["countries"]["LK"]],
        "themes": [ref["themes"]["service-delivery"]],
        "sdgs": [ref["sdgs"][16]],
        "implementing_partners": [],
        "original_language": "si",
        "sources": [],
    }
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        case_study_submit(user=partner, data=data, files=[])


def seed(*, home, people, stdout) -> None:
    """Create or update this app's demo content under ``home``."""
    index = KnowledgeIndexPage.objects.child_of(home).first()
    if index is None:
        return
    group = moderators_group_ensure()
    people["editor"].groups.add(group)
    ref = _lookup()
    cases = _seed_case_studies(index, ref)
    findings = _seed_findings(index, ref, people)
    _seed_pending_submission(people, ref)
    stdout.write(f"  knowledge: {cases} case studies, {findings} findings, 1 pending submission")
    stdout.write(demo_languages.seed(index=index, ref=ref, people=people))
