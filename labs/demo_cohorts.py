"""Demo cohort for `manage.py seed_demo`: a term of the Punjab lab with two supervised teams,
one deliverable approved and one waiting for its supervisor. Made through the services people
use, so the teams' activity records show each step. Runs once: an existing cohort of that name
is left as it is.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from core.demo import demo_person_ensure
from core.models import ProfileRole

from .models import Cohort, LabMembership, LabPage, LabRole, SpaceRole, TaskStatus
from .services import project_space_create, task_create, task_update
from .services.cohorts import (
    cohort_create,
    cohort_member_enrol,
    cohort_team_add,
    cohort_team_supervisor_set,
    deliverable_create,
    deliverable_mark_ready,
    deliverable_sign_off,
)

DEMO_LAB_SLUG = "punjab-university-public-policy-lab"
DEMO_COHORT_NAME = "Spring term fellows"

#: (title, goal, owner, member, supervisor, tasks as (title, due in days, done), deliverable
#: (title, summary), approved?)
TEAMS = [
    (
        "Tax facilitation desks in Lahore",
        "Find out why traders queue twice at the **Punjab Revenue Authority** desks, and what "
        "one visit would take.",
        "student",
        "student3",
        "faculty",
        [("Observe two desks for a week", -10, True), ("Interview ten traders", -2, False),
         ("Draft the one-visit process", 20, False)],
        ("Desk observation report",
         "What a week at two facilitation desks showed: where the second visit comes from, "
         "and three changes the Authority could try first."),
        True,
    ),
    (
        "School council budgets in Kasur",
        "Trace how school councils in Kasur district spend their non-salary budget, and what "
        "parents are told about it.",
        "student3",
        "student",
        "supervisor2",
        [("Collect council minutes from five schools", -5, True),
         ("Compare minutes with the budget releases", 10, False)],
        ("Budget tracing note",
         "Releases against spending for five councils in 2025-26, with the gaps we could not "
         "explain yet."),
        False,
    ),
]  # fmt: skip


def _lab_person(lab, *, handle: str, name: str, role: str, lab_role: str):
    """A demo login of the cohort's own (a second supervisor, a second student) in ``lab``."""
    person = demo_person_ensure(
        username=handle,
        display_name=name,
        email=f"{handle}@demo.policylab.example",
        role=role,
        institution="University of the Punjab",
        country_code="PK",
        public_fields=["institution", "country", "role"],
    )
    LabMembership.objects.get_or_create(lab=lab, user=person, defaults={"role": lab_role})
    return person


def seed_cohorts(*, people, stdout) -> None:
    lab = LabPage.objects.filter(slug=DEMO_LAB_SLUG).first()
    if lab is None or Cohort.objects.filter(lab=lab, name=DEMO_COHORT_NAME).exists():
        return
    lead = people["lead"]
    everyone = {
        **people,
        "supervisor2": _lab_person(
            lab,
            handle="supervisor2",
            name="Dr. Farah Siddiqui",
            role=ProfileRole.FACULTY,
            lab_role=LabRole.FACULTY,
        ),
        "student3": _lab_person(
            lab,
            handle="student3",
            name="Ali Raza",
            role=ProfileRole.STUDENT,
            lab_role=LabRole.STUDENT,
        ),
    }
    today = timezone.localdate()
    cohort = cohort_create(
        lab=lab,
        name=DEMO_COHORT_NAME,
        term_start=today - datetime.timedelta(days=40),
        term_end=today + datetime.timedelta(days=80),
        supervisors=[everyone["faculty"], everyone["supervisor2"]],
        created_by=lead,
    )
    for handle in ("student", "student3"):
        cohort_member_enrol(cohort=cohort, user=everyone[handle], enrolled_by=lead)
    for title, goal, owner, member, supervisor, tasks, (d_title, d_summary), approved in TEAMS:
        owner, member = everyone[owner], everyone[member]
        space = project_space_create(
            lab=lab,
            title=title,
            goal=goal,
            created_by=owner,
            members=[(member, SpaceRole.MEMBER)],
        )
        team = cohort_team_add(cohort=cohort, space=space, added_by=lead)
        cohort_team_supervisor_set(team=team, supervisor=everyone[supervisor], assigned_by=lead)
        for task_title, due_in_days, done in tasks:
            task = task_create(
                space=space,
                created_by=owner,
                title=task_title,
                assignee=member,
                due_date=today + datetime.timedelta(days=due_in_days),
            )
            if done:
                task_update(task=task, updated_by=member, status=TaskStatus.DONE)
        deliverable = deliverable_create(
            space=space, created_by=member, title=d_title, summary=d_summary
        )
        deliverable_mark_ready(deliverable=deliverable, marked_by=member)
        if approved:
            deliverable_sign_off(
                deliverable=deliverable,
                reviewer=everyone[supervisor],
                decision="changes_requested",
                comment="Name the two desks and the weeks you observed them.",
            )
            deliverable_mark_ready(deliverable=deliverable, marked_by=member)
            deliverable_sign_off(
                deliverable=deliverable, reviewer=everyone[supervisor], decision="approved"
            )
    stdout.write(f"labs: cohort “{DEMO_COHORT_NAME}” with {len(TEAMS)} supervised teams")
