"""Demo content for the labs app, called by `manage.py seed_demo`. Must stay idempotent.

Five university policy labs across South Asia (the University of the Punjab's lab first),
their members, and two active private project spaces in the Punjab lab with threads, tasks,
milestones and files. Objects are created directly (not through services) so seeding sends
no email; running it twice leaves the same content.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo import demo_person_ensure
from core.models import Country, ProfileRole

from .models import (
    ActivityVerb,
    JoinPolicy,
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
    SpaceRole,
    SpaceStatus,
    Task,
    TaskStatus,
    Thread,
)

# Extra lab leads for labs outside Pakistan: handle -> (name, institution, country code)
EXTRA_LEADS = {
    "lead-dhaka": ("Dr. Farhana Kabir", "University of Dhaka", "BD"),
    "lead-kathmandu": ("Dr. Suman Adhikari", "Tribhuvan University", "NP"),
    "lead-colombo": (
        "Dr. Nirmala Perera",
        "Sri Lanka Institute of Development Administration",
        "LK",
    ),
    "lead-thimphu": ("Mr. Karma Dorji", "Royal Institute of Management", "BT"),
}

# slug: (title, partner slug, university name, department, city, country, join policy,
#        themes, lead handle, summary, mission HTML)
LABS = {
    "punjab-university-public-policy-lab": (
        "Public Policy Lab, Institute of Administrative Sciences",
        "pu-institute-of-administrative-sciences",
        "University of the Punjab",
        "Institute of Administrative Sciences",
        "Lahore",
        "PK",
        JoinPolicy.APPROVAL,
        ["civil-service-reform", "service-delivery", "digital-government"],
        "lead",
        "Students, faculty and federal and provincial officials working together on civil "
        "service reform and better public services in Pakistan.",
        "<p>The lab grew out of the November 2025 conference <em>Local Realities and Regional "
        "Futures</em>, where the federal planning minister asked the University of the Punjab to "
        "open spaces in which students and policymakers tackle real governance problems side "
        "by side.</p><p>We take briefs from government departments, test ideas with the people "
        "who will use them, and publish what we learn. Our current work looks at how a "
        "performance-based civil service could work in practice and at what citizens need from "
        "one-stop service centres such as the new Asan Khidmat Markaz in Islamabad.</p>",
    ),
    "dhaka-governance-innovation-lab": (
        "Governance Innovation Lab",
        "du-department-of-public-administration",
        "University of Dhaka",
        "Department of Public Administration",
        "Dhaka",
        "BD",
        JoinPolicy.APPROVAL,
        ["local-government", "citizen-participation"],
        "lead-dhaka",
        "Local government reform and citizen feedback in Bangladeshi upazilas and city "
        "corporations.",
        "<p>We study how local councils can listen to residents and act on what they hear. "
        "Students spend a term with an upazila or city corporation and bring back evidence that "
        "officials can use, adapted to local conditions rather than copied from elsewhere.</p>",
    ),
    "kathmandu-federalism-lab": (
        "Federalism and Local Government Lab",
        "tu-central-department-of-public-administration",
        "Tribhuvan University",
        "Central Department of Public Administration",
        "Kathmandu",
        "NP",
        JoinPolicy.INVITATION,
        ["local-government", "public-finance"],
        "lead-kathmandu",
        "How Nepal's new municipalities raise revenue, plan budgets and share services.",
        "<p>Since the move to a federal system, Nepal's municipalities carry new duties with "
        "thin administrative staff. The lab works with a small group of municipalities on "
        "own-source revenue and budget planning. Membership is by invitation while we build "
        "those partnerships.</p>",
    ),
    "colombo-public-service-lab": (
        "Public Service Delivery Lab",
        "sri-lanka-institute-of-development-administration",
        "Sri Lanka Institute of Development Administration",
        "Research and Consultancy Division",
        "Colombo",
        "LK",
        JoinPolicy.OPEN,
        ["service-delivery", "evidence-and-data"],
        "lead-colombo",
        "Measuring and improving everyday public services in Sri Lanka, from divisional "
        "secretariats to online applications.",
        "<p>An open lab for public servants and students who want to measure service quality "
        "with simple, repeatable methods: waiting-time studies, mystery shopping and short "
        "citizen surveys.</p>",
    ),
    "thimphu-civil-service-lab": (
        "Civil Service Learning Lab",
        "royal-institute-of-management",
        "Royal Institute of Management",
        "Faculty of Public Administration",
        "Thimphu",
        "BT",
        JoinPolicy.APPROVAL,
        ["civil-service-reform"],
        "lead-thimphu",
        "Training, mentoring and performance management in Bhutan's civil service.",
        "<p>The lab supports Bhutan's civil service reforms with research on how officers "
        "learn on the job and how performance conversations can become more useful.</p>",
    ),
}

SPACE_ONE = "Smart Civil Service: performance-based promotion pilot"
SPACE_TWO = "Asan Khidmat Markaz: mapping citizen journeys in Islamabad"


def _extra_leads() -> dict:
    return {
        handle: demo_person_ensure(
            username=handle,
            display_name=name,
            email=f"{handle}@demo.policylab.example",
            role=ProfileRole.FACULTY,
            institution=institution,
            country_code=code,
            public_fields=["institution", "country", "role"],
        )
        for handle, (name, institution, code) in EXTRA_LEADS.items()
    }


def _lab(index, slug, spec, people) -> LabPage:
    from network.models import PartnerPage, Theme

    (
        title,
        partner_slug,
        university,
        department,
        city,
        code,
        policy,
        theme_slugs,
        _lead,
        summary,
        mission,
    ) = spec
    fields = {
        "title": title,
        "university": PartnerPage.objects.filter(slug=partner_slug).first(),
        "university_name": university,
        "department": department,
        "city": city,
        "country": Country.objects.filter(code=code).first(),
        "join_policy": policy,
        "summary": summary,
        "mission": mission,
        "contact_email": f"{slug}@demo.policylab.example",
    }
    lab = LabPage.objects.child_of(index).filter(slug=slug).first()
    if lab is None:
        lab = LabPage(slug=slug, **fields)
        index.add_child(instance=lab)
    else:
        for name, value in fields.items():
            setattr(lab, name, value)
    lab.themes = list(Theme.objects.filter(slug__in=theme_slugs))
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


def _civil_service_space(lab, people) -> None:
    lead, faculty, student = people["lead"], people["faculty"], people["student"]
    student2, policymaker = people["student2"], people["policymaker"]
    today = timezone.localdate()
    space = _space(
        lab,
        SPACE_ONE,
        "The Establishment Division wants to know how promotions based on measured performance "
        "could work for **BS-17 and BS-18 officers** without becoming a box-ticking exercise.\n\n"
        "By the end of the term we will:\n\n"
        "- interview 30 section officers and their supervisors in three ministries;\n"
        "- compare appraisal practice in Bangladesh and Bhutan through network partners;\n"
        "- propose a pilot design the Division can test in one ministry.",
        lead,
        start=today - datetime.timedelta(days=45),
        end=today + datetime.timedelta(days=75),
    )
    _space_member(space, lead, SpaceRole.OWNER)
    _space_member(space, faculty, SpaceRole.MEMBER, NotificationPreference.DIGEST)
    _space_member(space, student, SpaceRole.MEMBER)
    _space_member(space, student2, SpaceRole.MEMBER)
    _space_member(space, policymaker, SpaceRole.MEMBER)

    fieldwork = Milestone.objects.update_or_create(
        space=space,
        title="Fieldwork complete",
        defaults={"due_date": today + datetime.timedelta(days=20)},
    )[0]
    pilot = Milestone.objects.update_or_create(
        space=space,
        title="Pilot design presented to the Division",
        defaults={"due_date": today + datetime.timedelta(days=70)},
    )[0]
    _task(
        space,
        "Finalise the interview guide",
        assignee=student,
        due=today - datetime.timedelta(days=3),
        status=TaskStatus.IN_PROGRESS,
        creator=lead,
        milestone=fieldwork,
        description="Fold in the Division's comments on questions 4–7 and translate into Urdu.",
    )
    _task(
        space,
        "Request interview slots from three ministries",
        assignee=policymaker,
        due=today + datetime.timedelta(days=5),
        status=TaskStatus.TODO,
        creator=lead,
        milestone=fieldwork,
    )
    _task(
        space,
        "Summarise Bangladesh's annual performance agreements",
        assignee=student2,
        due=today + datetime.timedelta(days=12),
        status=TaskStatus.TODO,
        creator=faculty,
        milestone=pilot,
    )
    _task(
        space,
        "Literature review on merit-based promotion",
        assignee=student,
        due=today - datetime.timedelta(days=20),
        status=TaskStatus.DONE,
        creator=faculty,
    )
    guide = _thread(
        space,
        "Interview guide for section officers",
        student,
        [
            (
                student,
                "I have uploaded a first draft of the interview guide. It has three parts: how "
                "officers understand their current appraisal (the ACR/PER), what they would count "
                "as good performance in their own job, and what would make a promotion system "
                "feel fair.\n\n@lead @policymaker could you look at part three in particular?",
            ),
            (
                policymaker,
                "Thank you, this is useful. Two suggestions from the Division's side:\n\n"
                "1. Ask about **team targets** as well as individual ones; much of the work in "
                "a section is shared.\n2. Avoid the word *ranking* in the questions. Officers "
                "will assume it means forced distribution and give guarded answers.",
            ),
            (
                lead,
                "Agree with both. Hamza, please also add a closing question on training: the "
                "minister's remarks at the conference were as much about continuous learning as "
                "about promotion.",
            ),
        ],
    )
    _thread(
        space,
        "What we took from the November conference",
        faculty,
        [
            (
                faculty,
                "Notes from the IAS conference, for those who missed it. The message I heard "
                "most often: reforms must fit local conditions rather than copy foreign models. "
                "Speakers from Bangladesh were frank that imported templates had distorted "
                "priorities there. Let us keep that test in front of us when we compare "
                "appraisal systems.",
            ),
            (
                student2,
                "From the Dhaka side: our annual performance agreements are negotiated at the "
                "ministry level, so individual officers rarely see them. I can write a two-page "
                "note on what has and has not worked.",
            ),
        ],
    )
    first_post = guide.posts.order_by("created_at").first()
    _file(
        space,
        "Interview guide (draft 1)",
        "interview-guide-draft-1.txt",
        b"INTERVIEW GUIDE - SECTION OFFICERS (DRAFT 1)\n\n"
        b"Part A. Your current appraisal\n1. When did you last discuss your performance with "
        b"your supervisor?\n2. What did the last report say about your work?\n\n"
        b"Part B. Good performance in your job\n3. Describe a week in which you did your job "
        b"well.\n4. What would a colleague need to see to know that?\n\n"
        b"Part C. A fair promotion system\n5. What makes a promotion decision feel fair?\n"
        b"6. Who should have a say?\n7. How should training count?\n",
        student,
        post=first_post,
    )
    _file(
        space,
        "Interview schedule",
        "interview-schedule.csv",
        b"ministry,officers,week\nEstablishment Division,10,1\nFinance Division,10,2\n"
        b"Planning Ministry,10,3\n",
        policymaker,
    )


def _asan_space(lab, people) -> None:
    lead, faculty, student, policymaker = (
        people["lead"],
        people["faculty"],
        people["student"],
        people["policymaker"],
    )
    today = timezone.localdate()
    space = _space(
        lab,
        SPACE_TWO,
        "Islamabad is setting up an Asan Khidmat Markaz, a one-stop centre modelled on "
        "Azerbaijan's ASAN service halls, where citizens and businesses can complete many "
        "government procedures under one roof.\n\nThis space maps the journeys of citizens "
        "today for five common services (CNIC renewal, domicile, vehicle transfer, business "
        "registration, police character certificate) so the centre is designed around what "
        "people actually go through.",
        lead,
        start=today - datetime.timedelta(days=20),
        end=today + datetime.timedelta(days=100),
    )
    _space_member(space, lead, SpaceRole.OWNER)
    _space_member(space, student, SpaceRole.MEMBER)
    _space_member(space, policymaker, SpaceRole.MEMBER)
    _space_member(space, faculty, SpaceRole.OBSERVER, NotificationPreference.OFF)

    mapping = Milestone.objects.update_or_create(
        space=space,
        title="Five journeys mapped",
        defaults={"due_date": today + datetime.timedelta(days=30)},
    )[0]
    _task(
        space,
        "Shadow three citizens through a domicile application",
        assignee=student,
        due=today + datetime.timedelta(days=9),
        status=TaskStatus.IN_PROGRESS,
        creator=lead,
        milestone=mapping,
    )
    _task(
        space,
        "Collect current waiting-time data from the district office",
        assignee=policymaker,
        due=today - datetime.timedelta(days=1),
        status=TaskStatus.TODO,
        creator=lead,
        milestone=mapping,
    )
    _task(
        space,
        "Draft the journey-map template",
        assignee=student,
        due=today - datetime.timedelta(days=10),
        status=TaskStatus.DONE,
        creator=lead,
    )
    _thread(
        space,
        "Which services should we map first?",
        lead,
        [
            (
                lead,
                "The Ministry has shared the list of services planned for the centre. I "
                "suggest we start with the five in the overview because they cover documents, "
                "property and business. Objections?",
            ),
            (
                policymaker,
                "Vehicle transfer involves the provincial excise department, which is not yet "
                "part of the agreement. It is still worth mapping: it will show where the "
                "one-stop idea hits the limits of federal authority.",
            ),
            (
                student,
                "I visited the district office on Tuesday. People queue twice: once for a "
                "token and once at the counter. Photos and timings are in the Files tab "
                "(no faces).",
            ),
        ],
    )
    _file(
        space,
        "Journey-map template",
        "journey-map-template.txt",
        b"JOURNEY MAP TEMPLATE\n\nStep | Where | Who | Documents | Time waited | Cost | Pain point\n",
        student,
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
    index.intro = (
        "<p>University policy labs from across South Asia. Each lab takes on real governance "
        "problems with students, faculty and government counterparts.</p>"
    )
    index.save_revision().publish()
    everyone = {**people, **_extra_leads()}
    labs = {}
    for slug, spec in LABS.items():
        lab = _lab(index, slug, spec, everyone)
        _member(lab, everyone[spec[8]], LabRole.LEAD)
        lab_lead_group_sync(lab=lab)
        labs[slug] = lab

    punjab = labs["punjab-university-public-policy-lab"]
    _member(punjab, people["faculty"], LabRole.FACULTY)
    _member(punjab, people["student"], LabRole.STUDENT)
    _member(punjab, people["policymaker"], LabRole.POLICYMAKER)
    dhaka = labs["dhaka-governance-innovation-lab"]
    _member(dhaka, people["student2"], LabRole.STUDENT)
    colombo = labs["colombo-public-service-lab"]
    _member(colombo, people["partner"], LabRole.POLICYMAKER)
    thimphu = labs["thimphu-civil-service-lab"]
    _member(thimphu, people["reviewer"], LabRole.FACULTY, listed=False)
    LabJoinRequest.objects.get_or_create(
        lab=punjab,
        user=people["student2"],
        status=JoinRequestStatus.PENDING,
        defaults={
            "role": LabRole.STUDENT,
            "message": "I am a master's student in public administration at the University of "
            "Dhaka and would like to contribute a comparison with Bangladesh's performance "
            "agreements.",
        },
    )

    _link_findings(labs.values())
    _civil_service_space(punjab, people)
    _asan_space(punjab, people)
    stdout.write(f"labs: {len(labs)} labs, 2 project spaces")
