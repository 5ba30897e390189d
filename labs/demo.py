"""Demo content for the labs app, called by `manage.py seed_demo`. Must stay idempotent.

Five university policy labs across South Asia (the University of the Punjab's lab first),
their members, and two active private project spaces in the Punjab lab with threads, tasks,
milestones and files. Everything is written through the services a person's action goes
through (so the activity feed, the audit log and the emails come from them, to the console
or locmem backend); what already exists is left as it is, so running it twice adds nothing.

The text is in ``data/demo/labs.json`` (the labs, the leads of labs outside Pakistan, the
members and a join request) and ``data/demo/spaces.json`` (the project spaces); people are
named by their demo handle, countries by ISO code, partners and themes by slug, and dates as
days from today.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.demo import demo_person_ensure
from core.models import Country, ProfileRole

from .models import (
    JoinRequestStatus,
    LabAuditAction,
    LabIndexPage,
    LabJoinRequest,
    LabMembership,
    LabPage,
    LabRole,
    Post,
    ProjectSpace,
    SpaceActivity,
    SpaceFile,
    SpaceStatus,
    Thread,
)
from .services import (
    lab_join_request_create,
    lab_lead_appoint,
    lab_membership_listing_set,
    milestone_create,
    post_create,
    project_space_create,
    project_space_update,
    space_file_upload,
    space_notification_preference_set,
    task_create,
    thread_create,
)
from .services.membership import lab_membership_add

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
    """A lead is appointed; anyone else joins through the membership a join decision or an
    invitation ends in. An existing membership is left as it is (the demo is idempotent)."""
    membership = LabMembership.objects.filter(lab=lab, user=user).first()
    if membership is not None:
        return membership
    if role == LabRole.LEAD:
        membership = lab_lead_appoint(lab=lab, user=user, appointed_by=user)
    else:
        membership = lab_membership_add(
            lab=lab, user=user, role=role, actor=user, action=LabAuditAction.JOINED
        )
    if not listed:
        membership = lab_membership_listing_set(membership=membership, is_listed=False)
    return membership


def _backdate(posts: list[Post]) -> None:
    """Spread a new thread's posts over the past days so the demo reads like a conversation.

    No service writes a post in the past, so the timestamps are moved with the ORM afterwards.
    """
    now = timezone.now()
    for offset, post in enumerate(posts):
        created_at = now - datetime.timedelta(days=len(posts) - offset, hours=offset)
        Post.objects.filter(pk=post.pk).update(created_at=created_at)
        SpaceActivity.objects.filter(
            space=post.thread.space, target_url=post.get_absolute_url()
        ).update(created_at=created_at)
    Thread.objects.filter(pk=posts[0].thread_id).update(last_post_at=created_at)


def _thread(space, title, posts: list[tuple]) -> Thread:
    """Started and answered by the members, as on the thread page."""
    thread = Thread.objects.filter(space=space, title=title).first()
    if thread is not None:
        return thread
    (author, body), *replies = posts
    thread = thread_create(space=space, author=author, title=title, body=body)
    created = [thread.posts.get()]
    for reply_author, reply_body in replies:
        created.append(post_create(thread=thread, author=reply_author, body=reply_body))
    _backdate(created)
    return thread


def _file(space, name, filename, content: bytes, uploader, post=None) -> SpaceFile:
    file = SpaceFile.objects.filter(space=space, name=name).first()
    if file is not None:
        return file
    return space_file_upload(
        space=space,
        uploaded_by=uploader,
        upload=SimpleUploadedFile(filename, content),
        name=name,
        post=post,
    )


def _space(lab, spec: dict, people, *, start, end) -> ProjectSpace:
    """Created by its owner with its members, then given its dates and made active."""
    space = ProjectSpace.objects.filter(lab=lab, title=spec["title"]).first()
    if space is not None:
        return space
    owner = people[spec["owner"]]
    space = project_space_create(
        lab=lab,
        title=spec["title"],
        goal=spec["goal"],
        created_by=owner,
        members=[(people[member["person"]], member["role"]) for member in spec["members"]],
    )
    space = project_space_update(
        space=space,
        updated_by=owner,
        status=SpaceStatus.ACTIVE,
        start_date=start,
        end_date=end,
        is_listed=True,
    )
    for member in spec["members"]:
        membership = space.memberships.get(user=people[member["person"]])
        if membership.notification_preference != member["notifications"]:
            space_notification_preference_set(
                membership=membership, preference=member["notifications"]
            )
    return space


def _space_seed(lab, spec: dict, people) -> None:
    """One project space with its members, milestones, tasks, threads and files."""
    today = timezone.localdate()

    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    space = _space(
        lab, spec, people, start=day(spec["starts_in_days"]), end=day(spec["ends_in_days"])
    )
    milestones = {}
    for milestone in spec["milestones"]:
        milestones[milestone["title"]] = space.milestones.filter(
            title=milestone["title"]
        ).first() or milestone_create(
            space=space,
            created_by=people[spec["owner"]],
            title=milestone["title"],
            due_date=day(milestone["due_in_days"]),
        )
    for task in spec["tasks"]:
        if space.tasks.filter(title=task["title"]).exists():
            continue
        task_create(
            space=space,
            created_by=people[task["created_by"]],
            title=task["title"],
            assignee=people[task["assignee"]],
            due_date=day(task["due_in_days"]),
            status=task["status"],
            milestone=milestones.get(task["milestone"]),
            description=task["description"],
        )
    threads = {}
    for thread in spec["threads"]:
        posts = [(people[post["author"]], post["body"]) for post in thread["posts"]]
        threads[thread["title"]] = _thread(space, thread["title"], posts)
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

    # No service credits a lab with a finding it did not propose from a project space (that is
    # ``finding_propose_from_space``); these findings come from the knowledge base's own demo.
    for lab in labs:
        if not lab.university_id:
            continue
        for finding in FindingPage.objects.filter(partners=lab.university):
            LabFinding.objects.get_or_create(finding=finding, defaults={"lab": lab})


def seed(*, home, people, stdout) -> None:
    """Create or update this app's demo content under ``home``."""
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
        labs[spec["slug"]] = lab
    for member in content["members"]:
        _member(
            labs[member["lab"]], people[member["person"]], member["role"], listed=member["listed"]
        )
    for request in content["join_requests"]:
        lab, person = labs[request["lab"]], people[request["person"]]
        if not LabJoinRequest.objects.filter(
            lab=lab, user=person, status=JoinRequestStatus.PENDING
        ).exists():
            lab_join_request_create(
                lab=lab, user=person, message=request["message"], role=request["role"]
            )

    _link_findings(labs.values())
    spaces = spaces_read()
    for spec in spaces:
        _space_seed(labs[spec["lab"]], spec, people)
    stdout.write(f"labs: {len(labs)} labs, {len(spaces)} project spaces")
