"""A lab with a cohort of two teams, each with its own supervisor, for the cohort tests."""

import datetime

from labs.models import LabMembership, LabRole, SpaceRole
from labs.services.cohorts import (
    cohort_create,
    cohort_team_add,
    cohort_team_supervisor_set,
    deliverable_create,
    deliverable_mark_ready,
)
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory, ProjectSpaceFactory, SpaceWorld


class CohortWorld(SpaceWorld):
    """``SpaceWorld`` plus: faculty ``supervisor`` and ``other_supervisor``, a cohort with the
    world's space as team one (supervised by ``supervisor``) and ``other_space`` as team two
    (supervised by ``other_supervisor``), a lead of another lab, and a moderator."""

    def __init__(self):
        super().__init__()
        self.supervisor = PersonFactory(username="supervisor-person", faculty=True)
        self.other_supervisor = PersonFactory(username="other-supervisor", faculty=True)
        self.student = PersonFactory(username="student-person")
        for person, role in [
            (self.supervisor, LabRole.FACULTY),
            (self.other_supervisor, LabRole.FACULTY),
            (self.member, LabRole.STUDENT),
            (self.student, LabRole.STUDENT),
        ]:
            LabMembership.objects.create(lab=self.lab, user=person, role=role)
        self.moderator = PersonFactory(username="moderator-person", moderator=True)
        self.other_lead = PersonFactory(username="other-lead")
        self.other_lab = LabPageFactory(title="Other Lab", lead=self.other_lead)
        self.cohort = cohort_create(
            lab=self.lab,
            name="Spring 2027",
            term_start=datetime.date(2027, 1, 15),
            term_end=datetime.date(2027, 5, 30),
            supervisors=[self.supervisor, self.other_supervisor],
            created_by=self.lead,
        )
        self.other_owner = PersonFactory(username="other-owner")
        self.other_space = ProjectSpaceFactory(
            lab=self.lab,
            created_by=self.other_owner,
            title="Water tariffs",
            members=[(self.student, SpaceRole.MEMBER)],
        )
        self.team = cohort_team_add(cohort=self.cohort, space=self.space, added_by=self.lead)
        self.other_team = cohort_team_add(
            cohort=self.cohort, space=self.other_space, added_by=self.lead
        )
        cohort_team_supervisor_set(
            team=self.team, supervisor=self.supervisor, assigned_by=self.lead
        )
        cohort_team_supervisor_set(
            team=self.other_team, supervisor=self.other_supervisor, assigned_by=self.lead
        )

    def deliverable(self, *, title="Interview report", ready=False):
        deliverable = deliverable_create(
            space=self.space,
            created_by=self.member,
            title=title,
            summary="What we heard in twelve interviews.",
            files=[self.file],
        )
        if ready:
            deliverable_mark_ready(deliverable=deliverable, marked_by=self.member)
        return deliverable
