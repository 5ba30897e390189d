"""Demo content for the labs app, called by `manage.py seed_demo`. Must stay idempotent.

Five university policy labs across South Asia (the University of the Punjab's lab first),
their members, and two active private project spaces in the Punjab lab with threads, tasks,
milestones and files. Objects are created directly (not through services) so seeding sends
no email; running it twice leaves the same content.

The text is in ``data/demo/labs.json`` (the labs, the leads of labs outside Pakistan, the
members and a join request) and ``data/demo/spaces.json`` (the project spaces); people are
named by their demo handle, countries by ISO code, partners and themes by slug, and dates as
days from today.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo import demo_person_ensure
from core.models import Country, ProfileRole

from .models import (
    ActivityVerb,
    JoinRequestStatus,
    LabAuditAction,
    LabAuditEntry,
    LabIndexPage,
    LabJoinRequest,
    LabMembership,
    LabPage,
    LabRole,
    Milestone,
    NotificationPreference,
    Post,
    ProjectSpace,
    SpaceActivity,
    SpaceFile,
    SpaceFileVersion,
    SpaceMembership,
    SpaceStatus,
    Task,
    Thread,
)

DATA = Path(__file__).resolve().parent / "data" / "demo"


def _read(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def spaces_read() -> list[dict]:
    """The demo's project spaces, the first being the fullest (files, members, threads)."""
    return _read("spaces.json")


def _extra_leads(specs: list[dict]) -> dict:
    return {
        spec["handle"]: demo_person_ensure(
            username=spec["handle"],
            display_name=spec["name"],
            email=f"{spec['handle']}@demo.policylab.example",
            role=ProfileRole.FACULTY,
            institution=spec["institution"],
            country_code=spec["country"],
            public_fields=["institution", "country", "role"],
        )
        for spec in specs
    }


def _lab(index, spec) -> LabPage:
    from network.models import PartnerPage, Theme

    slug = spec["slug"]
    fields = {
        "title": spec["title"],
        "university": PartnerPage.objects.filter(slug=spec["university"]).first(),
        "university_name": spec["university_name"],
        "department": spec["department"],
        "city": spec["city"],
        "country": Country.objects.filter(code=spec["country"]).first(),
        "join_policy": spec["join_policy"],
        "summary": spec["summary"],
        "mission": spec["mission"],
        "contact_email": f"{slug}@demo.policylab.example",
    }
    lab = LabPage.objects.child_of(index).filter(slug=slug).first()
    if lab is None:
        lab = LabPage(slug=slug, **fields)
        index.add_child(instance=lab)
    else:
        for name, value in fields.items():
            setattr(lab, name, value)
    lab.themes = list(Theme.objects.filter(slug__in=spec["themes"]))
    lab.save_revision().publish()
    lab.refresh_from_db()
    return lab


def _member(lab, user, role, *, listed=True) -> LabMembership:
    membership, _created = LabMembership.objects.update_or_create(
        lab=lab, user=user, defaults={"role": role, "is_listed": listed}
    )
    LabAuditEntry.objects.get_or_create(
        lab=lab,
        subject=user,
        action=LabAuditAction.JOINED,
        defaults={
            "actor": user,
            "subject_email": user.email,
            "detail": membership.get_role_display(),
        },
    )
    return membership


def _space_member(space, user, role, preference=NotificationPreference.IMMEDIATE):
    SpaceMembership.objects.update_or_create(
        space=space, user=user, defaults={"role": role, "notification_preference": preference}
    )


def _thread(space, title, author, posts: list[tuple]) -> Thread:
    thread, _created = Thread.objects.get_or_create(
        space=space, title=title, defaults={"created_by": author}
    )
    now = timezone.now()
    for offset, (post_author, body) in enumerate(posts):
        created_at = now - datetime.timedelta(days=len(posts) - offset, hours=offset)
        post, created = Post.objects.get_or_create(
            thread=thread, author=post_author, body=body, defaults={"created_at": created_at}
        )
        if created:
            SpaceActivity.objects.create(
                space=space,
                actor=post_author,
                verb=ActivityVerb.STARTED_THREAD if offset == 0 else ActivityVerb.POSTED,
                summary=title,
                target_url=post.get_absolute_url(),
                created_at=created_at,
            )
    last = thread.posts.order_by("-created_at").first()
    if last:
        Thread.objects.filter(pk=thread.pk).update(last_post_at=last.created_at)
    return thread


def _task(space, title, *, assignee, due, status, creator, milestone=None, description=""):
    task, created = Task.objects.update_or_create(
        space=space,
        title=title,
        defaults={
            "assignee": assignee,
            "due_date": due,
            "status": status,
            "created_by": creator,
            "milestone": milestone,
            "description": description,
        },
    )
    if created:
        SpaceActivity.objects.create(
            space=space,
            actor=creator,
            verb=ActivityVerb.ADDED_TASK,
            summary=title,
            target_url=task.get_absolute_url(),
        )
    return task


def _file(space, name, filename, content: bytes, uploader, post=None) -> SpaceFile:
    file, created = SpaceFile.objects.get_or_create(
        space=space, name=name, defaults={"created_by": uploader, "post": post}
    )
    if created or not file.versions.exists():
        version = SpaceFileVersion(
            file=file,
            number=1,
            original_name=filename,
            size=len(content),
            content_type="text/csv" if filename.endswith(".csv") else "text/plain",
            uploaded_by=uploader,
        )
        version.content.save(filename, ContentFile(content), save=False)
        version.save()
        SpaceActivity.objects.create(
            space=space,
            actor=uploader,
            verb=ActivityVerb.UPLOADED_FILE,
            summary=name,
            target_url=file.get_absolute_url(),
        )
    return file


def _space(lab, title, goal, owner, *, start, end) -> ProjectSpace:
    space, created = ProjectSpace.objects.update_or_create(
        lab=lab,
        title=title,
        defaults={
            "goal": goal,
            "status": SpaceStatus.ACTIVE,
            "start_date": start,
            "end_date": end,
            "is_listed": True,
            "created_by": owner,
        },
    )
    if created:
        SpaceActivity.objects.create(
            space=space, actor=owner, verb=ActivityVerb.CREATED_SPACE, summary=title
        )
    return space


def _space_seed(lab, spec: dict, people) -> None:
    """One project space with its members, milestones, tasks, threads and files."""
    today = timezone.localdate()

    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    space = _space(
        lab,
        spec["title"],
        spec["goal"],
        people[spec["owner"]],
        start=day(spec["starts_in_days"]),
        end=day(spec["ends_in_days"]),
    )
    for member in spec["members"]:
        _space_member(space, people[member["person"]], member["role"], member["notifications"])
    milestones = {
        milestone["title"]: Milestone.objects.update_or_create(
            space=space,
            title=milestone["title"],
            defaults={"due_date": day(milestone["due_in_days"])},
        )[0]
        for milestone in spec["milestones"]
    }
    for task in spec["tasks"]:
        _task(
            space,
            task["title"],
            assignee=people[task["assignee"]],
            due=day(task["due_in_days"]),
            status=task["status"],
            creator=people[task["created_by"]],
            milestone=milestones.get(task["milestone"]),
            description=task["description"],
        )
    threads = {}
    for thread in spec["threads"]:
        posts = [(people[post["author"]], post["body"]) for post in thread["posts"]]
        threads[thread["title"]] = _thread(space, thread["title"], posts[0][0], posts)
    for file in spec["files"]:
        thread = threads.get(file.get("attached_to_first_post_of", ""))
        _file(
            space,
            file["name"],
            file["filename"],
            file["content"].encode(),
            people[file["uploaded_by"]],
            post=thread.posts.order_by("created_at").first() if thread else None,
        )


def _link_findings(labs) -> None:
    """Credit the knowledge base's demo findings to the lab at the partner university."""
    from knowledge.models import FindingPage

    from .models import LabFinding

    for lab in labs:
        if not lab.university_id:
            continue
        for finding in FindingPage.objects.filter(partners=lab.university):
            LabFinding.objects.get_or_create(finding=finding, defaults={"lab": lab})


def seed(*, home, people, stdout) -> None:
    """Create or update this app's demo content under ``home``."""
    from labs.services import lab_lead_group_sync

    index = LabIndexPage.objects.child_of(home).first()
    if index is None:
        return
    content = _read("labs.json")
    index.intro = content["index_intro"]
    index.save_revision().publish()
    everyone = {**people, **_extra_leads(content["extra_leads"])}
    labs = {}
    for spec in content["labs"]:
        lab = _lab(index, spec)
        _member(lab, everyone[spec["lead"]], LabRole.LEAD)
        lab_lead_group_sync(lab=lab)
        labs[spec["slug"]] = lab
    for member in content["members"]:
        _member(
            labs[member["lab"]], people[member["person"]], member["role"], listed=member["listed"]
        )
    for request in content["join_requests"]:
        LabJoinRequest.objects.get_or_create(
            lab=labs[request["lab"]],
            user=people[request["person"]],
            status=JoinRequestStatus.PENDING,
            defaults={"role": request["role"], "message": request["message"]},
        )

    _link_findings(labs.values())
    spaces = spaces_read()
    for spec in spaces:
        _space_seed(labs[spec["lab"]], spec, people)
    stdout.write(f"labs: {len(labs)} labs, {len(spaces)} project spaces")
