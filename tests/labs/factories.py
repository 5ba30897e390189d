"""Factories for labs tests: labs under the index page, memberships, spaces and their content."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from labs import services
from labs.models import (
    JoinPolicy,
    LabIndexPage,
    LabMembership,
    LabPage,
    LabRole,
    ProjectSpace,
    SpaceRole,
)
from tests.factories import PageFactory, PersonFactory


class LabPageFactory(PageFactory):
    """A published lab under the lab index; ``lead=person`` appoints its lead."""

    class Meta:
        model = LabPage

    parent = factory.LazyFunction(LabIndexPage.objects.get)
    title = "Governance Lab"
    summary = "Students and officials on civil service reform."
    university_name = "University of the Punjab"
    join_policy = JoinPolicy.APPROVAL

    @factory.post_generation
    def lead(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            services.lab_lead_appoint(lab=obj, user=extracted)


class LabMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabMembership

    lab = factory.SubFactory(LabPageFactory)
    user = factory.SubFactory(PersonFactory)
    role = LabRole.STUDENT


class ProjectSpaceFactory(factory.django.DjangoModelFactory):
    """A space made through the service, so that its owner and members get their roles.

    ``members`` is a list of ``(user, SpaceRole)``, as ``project_space_create`` takes it.
    """

    class Meta:
        model = ProjectSpace

    lab = factory.SubFactory(LabPageFactory)
    created_by = factory.SubFactory(PersonFactory)
    title = "Smart civil service"
    goal = "Find out **why**."
    members = ()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["members"] = list(kwargs["members"])
        return services.project_space_create(**kwargs)


def upload(name="notes.pdf", content=b"%PDF-1.4 test document", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class SpaceWorld:
    """A lab with a lead, a space with an owner, member, observer, plus content of every kind."""

    def __init__(self):
        self.lead = PersonFactory(username="lead-person")
        self.owner = self.lead
        self.member = PersonFactory(username="member-person")
        self.observer = PersonFactory(username="observer-person")
        self.outsider = PersonFactory(username="outsider-person")
        self.lab = LabPageFactory(lead=self.lead)
        self.space = ProjectSpaceFactory(
            lab=self.lab,
            created_by=self.owner,
            members=[(self.member, SpaceRole.MEMBER), (self.observer, SpaceRole.OBSERVER)],
        )
        self.thread = services.thread_create(
            space=self.space,
            author=self.member,
            title="Fieldwork plan",
            body="First draft of the **interview guide**.",
            attachments=[upload("guide.pdf")],
        )
        self.post = self.thread.posts.get()
        self.file = self.space.files.get()
        self.task = services.task_create(
            space=self.space, created_by=self.owner, title="Book interviews", assignee=self.member
        )
