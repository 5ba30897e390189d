"""Grows a copy of the demo site to what issue 16 measured at "about 30x the demo content", for
``bench/pages.py``, through the services that people's actions call (see that script's top).
"""

from __future__ import annotations

import time

#: What issue 16 measured at "about 30x the demo content"; ``--factor`` scales them (x/30).
TARGETS_AT_30X = {
    "case studies": 931,
    "findings": 311,
    "challenges": 100,
    "labs": 35,
    "space tasks": 505,
    "space posts": 500,
    "space files": 202,
    "lab members": 161,
}


class Grower:
    """Adds content to the current database through the services users' actions call."""

    def __init__(self, factor: float):
        from django.contrib.auth import get_user_model

        self.factor = factor
        User = get_user_model()
        self.editor = User.objects.get(username="editor")
        self.partner = User.objects.get(username="partner")
        self.lead = User.objects.get(username="lead")
        self.timings: dict[str, dict] = {}

    def missing(self, kind: str, have: int) -> int:
        """How many ``kind`` to add to reach the issue's figure, scaled by the factor."""
        return max(0, round(TARGETS_AT_30X[kind] * self.factor / 30) - have)

    def _timed(self, name: str, done: int, started: float) -> None:
        self._record(name, done, time.monotonic() - started)

    def _record(self, name: str, done: int, seconds: float) -> None:
        self.timings[name] = {"added": done, "seconds": round(seconds, 1)}
        rate = done / seconds if seconds else 0
        print(f"  {name}: +{done} in {seconds:.0f} s ({rate:.1f}/s)", flush=True)

    def approve(self, page) -> None:
        """The moderator's "Approve" in the Wagtail workflow (what the admin's action view calls)."""
        state = page.current_workflow_state
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, self.editor, "approve")

    def knowledge(self, space) -> None:
        """Case studies and findings published in turn, in the targets' proportion (about three
        to one), so that the newest items mix both types as the demo's do: lists of the newest
        (the feeds, the knowledge index, a lab's findings) then read the same kinds of rows at
        both sizes, and their query counts compare like with like."""
        from knowledge.models import CaseStudyPage, FindingPage

        case_studies = self.missing("case studies", CaseStudyPage.objects.live().count())
        findings = self.missing("findings", FindingPage.objects.live().count())
        turns = sorted(
            [(number / case_studies, "case study", number) for number in range(case_studies)]
            + [(number / findings, "finding", number) for number in range(findings)]
        )
        publish = {
            "case study": self._case_study_publisher(),
            "finding": self._finding_publisher(space),
        }
        spent = {"case study": 0.0, "finding": 0.0}
        for done, (_share, kind, number) in enumerate(turns, start=1):
            started = time.monotonic()
            publish[kind](number)
            spent[kind] += time.monotonic() - started
            if done % 100 == 0:
                print(f"    knowledge: {done}/{len(turns)}", flush=True)
        self._record("case studies (submit + approve)", case_studies, spent["case study"])
        self._record("findings (propose from space + approve)", findings, spent["finding"])

    def _case_study_publisher(self):
        from knowledge.models import CaseStudyPage
        from knowledge.services import case_study_submit

        templates = list(
            CaseStudyPage.objects.live().filter(locale__language_code="en").order_by("pk")
        )

        def publish(number: int) -> None:
            template = templates[number % len(templates)]
            data = {
                "title": f"{template.title} (round {number // len(templates) + 2})",
                "summary": template.summary,
                "problem": template.problem,
                "what_was_done": template.what_was_done,
                "implementation": template.implementation,
                "results": template.results,
                "lessons": template.lessons,
                "transferability": template.transferability,
                "year_launched": template.year_launched,
                "stage": template.stage,
                "government_level": template.government_level,
                "original_language": template.original_language,
                "countries": list(template.countries.all()),
                "themes": list(template.themes.all()),
                "sdgs": list(template.sdgs.all()),
                "implementing_partners": list(template.implementing_partners.all()),
                "sources": [dict(block.value) for block in template.sources],
            }
            self.approve(case_study_submit(user=self.partner, data=data))

        return publish

    def _finding_publisher(self, space):
        from knowledge.models import FindingPage
        from labs.services import finding_propose_from_space

        templates = list(
            FindingPage.objects.live().filter(locale__language_code="en").order_by("pk")
        )

        def publish(number: int) -> None:
            template = templates[number % len(templates)]
            page = finding_propose_from_space(
                space=space,
                proposed_by=self.lead,
                title=f"{template.title} (round {number // len(templates) + 2})",
                abstract=template.abstract,
            )
            self.approve(page)

        return publish

    def challenges(self) -> None:
        from challenges.models import ChallengeIndexPage, ChallengePage
        from challenges.services import challenge_brief_submit

        index = ChallengeIndexPage.objects.filter(locale__language_code="en").first()
        templates = list(ChallengePage.objects.live().child_of(index).order_by("pk"))
        have = ChallengePage.objects.live().count()
        need = self.missing("challenges", have)
        skip = {"page_ptr", "submitted_by", "title"}
        started = time.monotonic()
        for number in range(need):
            template = templates[number % len(templates)]
            fields = {
                field.attname: getattr(template, field.attname)
                for field in ChallengePage._meta.local_concrete_fields
                if field.name not in skip and not field.unique
            }
            fields["title"] = f"{template.title} (round {number // len(templates) + 2})"
            page = challenge_brief_submit(
                user=self.editor,
                index_page=index,
                fields=fields,
                themes=list(template.themes.all()),
                sdgs=list(template.sdgs.all()),
                criteria=[
                    (c.name, c.description, c.weight) for c in template.judging_criteria.all()
                ],
            )
            self.approve(page)
        self._timed("challenges (submit brief + approve)", need, started)

    def _person(self, handle: str, role: str):
        """A person who signed up (the signup form's service creates the profile)."""
        from django.contrib.auth import get_user_model

        from core.services import profile_create_for_signup

        user = get_user_model().objects.create_user(
            username=handle, email=f"{handle}@bench.policylab.example", password=None
        )
        profile_create_for_signup(
            user=user, display_name=handle.replace("-", " ").title(), role=role, language="en"
        )
        return user

    def labs(self) -> None:
        from core.models import ProfileRole
        from labs.models import LabIndexPage, LabPage
        from labs.services import lab_lead_appoint

        index = LabIndexPage.objects.filter(locale__language_code="en").first()
        templates = list(LabPage.objects.live().child_of(index).order_by("pk"))
        have = LabPage.objects.live().count()
        need = self.missing("labs", have)
        skip = {"page_ptr", "title", "slug"}
        started = time.monotonic()
        for number in range(need):
            template = templates[number % len(templates)]
            lab = LabPage(
                title=f"{template.title} (round {number // len(templates) + 2})",
                slug=f"{template.slug}-{number + 2}",
                **{
                    field.attname: getattr(template, field.attname)
                    for field in LabPage._meta.local_concrete_fields
                    if field.name not in skip and not field.unique  # lead_group: its own
                },
            )
            lab.themes = list(template.themes.all())
            index.add_child(instance=lab)  # what the admin's "Add child page" does
            lab.save_revision(user=self.editor).publish(user=self.editor)
            lead = self._person(f"bench-lead-{number}", ProfileRole.FACULTY)
            lab_lead_appoint(lab=lab, user=lead, appointed_by=self.editor)
        self._timed("labs (publish + appoint lead)", need, started)

    def lab_members(self, lab) -> None:
        from core.models import ProfileRole
        from labs.models import LabMembership, LabRole
        from labs.services import lab_join_request_create, lab_join_request_decide

        have = LabMembership.objects.filter(lab=lab).count()
        need = self.missing("lab members", have)
        started = time.monotonic()
        for number in range(need):
            person = self._person(f"bench-student-{number}", ProfileRole.STUDENT)
            request = lab_join_request_create(
                lab=lab, user=person, message="I would like to join.", role=LabRole.STUDENT
            )
            lab_join_request_decide(join_request=request, decided_by=self.lead, approve=True)
        self._timed(f"lab members (ask to join + approve) in {lab.title}", need, started)

    def space_content(self, space) -> None:
        import datetime

        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.utils import timezone

        from labs.models import Post, SpaceMembership, TaskStatus, Thread
        from labs.services import post_create, space_file_upload, task_create, thread_create

        members = [
            m.user for m in SpaceMembership.objects.filter(space=space).select_related("user")
        ]
        writers = [
            m.user
            for m in SpaceMembership.objects.filter(space=space).select_related("user")
            if m.can_write
        ] or [self.lead]
        statuses = [choice for choice, _label in TaskStatus.choices]
        today = timezone.localdate()

        have = space.tasks.count()
        need = self.missing("space tasks", have)
        started = time.monotonic()
        for number in range(need):
            task_create(
                space=space,
                created_by=self.lead,
                title=f"Follow-up interview {number + 1}",
                description="Interview notes to be written up in the shared template.",
                assignee=members[number % len(members)],
                due_date=today + datetime.timedelta(days=number % 60),
                status=statuses[number % len(statuses)],
            )
        self._timed("space tasks", need, started)

        have = Post.objects.filter(thread__space=space).count()
        need = self.missing("space posts", have)
        started = time.monotonic()
        thread = None
        for number in range(need):
            author = writers[number % len(writers)]
            if number % 10 == 0:
                thread = thread_create(
                    space=space,
                    author=author,
                    title=f"Field notes, week {number // 10 + 1}",
                    body="What we heard this week, and what to ask next.",
                )
            else:
                post_create(
                    thread=Thread.objects.get(pk=thread.pk),
                    author=author,
                    body=f"Reply {number}: the section officers asked about **appraisal** forms.",
                )
        self._timed("space posts (threads + replies)", need, started)

        have = space.files.count()
        need = self.missing("space files", have)
        started = time.monotonic()
        for number in range(need):
            upload = SimpleUploadedFile(
                f"interview-{number + 1}.csv",
                b"officer,ministry,score\nA,Finance,3\nB,Planning,4\n",
                content_type="text/csv",
            )
            space_file_upload(space=space, uploaded_by=self.lead, upload=upload)
        self._timed("space files (upload)", need, started)


def grow(factor: float) -> dict:
    from django.core import mail

    from labs.demo import spaces_read
    from labs.models import ProjectSpace

    space = ProjectSpace.objects.get(title=spaces_read()[0]["title"])
    grower = Grower(factor)
    started = time.monotonic()
    grower.lab_members(space.lab)
    grower.space_content(space)
    grower.labs()
    grower.challenges()
    grower.knowledge(space)
    mail.outbox = []  # the in-memory email backend kept every notification
    print(f"grown {factor}x in {time.monotonic() - started:.0f} s", flush=True)
    return grower.timings


def content_counts() -> dict[str, int]:
    from challenges.models import ChallengePage
    from knowledge.models import CaseStudyPage, FindingPage
    from labs.demo import spaces_read
    from labs.models import LabMembership, LabPage, Post, ProjectSpace

    space = ProjectSpace.objects.get(title=spaces_read()[0]["title"])
    return {
        "case studies": CaseStudyPage.objects.live().count(),
        "findings": FindingPage.objects.live().count(),
        "challenges": ChallengePage.objects.live().count(),
        "labs": LabPage.objects.live().count(),
        "space tasks": space.tasks.count(),
        "space posts": Post.objects.filter(thread__space=space).count(),
        "space files": space.files.count(),
        "lab members": LabMembership.objects.filter(lab=space.lab).count(),
    }
