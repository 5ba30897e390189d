"""Factories shared by every app's tests: people, the page tree and the home page.

How test data is built (one style everywhere: this file and tests/<app>/factories.py):

- Every model a test creates has one **factory class named ``<Model>Factory``**: factory_boy's
  ``DjangoModelFactory``, or for pages ``PageFactory`` below (wagtail-factories' page factory,
  publishing through a revision). Tests and fixtures call the class: ``LabPageFactory()``,
  ``CaseStudyPageFactory(countries=["IN"], live=False)``. Keyword arguments override fields;
  ``profile__language="ur"`` reaches a related factory, as factory_boy spells it; roles and
  variants are traits (``PersonFactory(moderator=True)``), not separate helpers.
- Page factories set ``parent`` to their section's index page, so no argument is needed.
- Plain functions remain only for what is not built: look-ups of the reference data the
  migrations seed (``country("PK")``, ``theme("water")``), values such as an upload, and
  scenarios that compose several factories (``SpaceWorld``). They are named for what they
  return, never with a verb.

People: ``PersonFactory`` is the one way to make a user (the issue's ``person()``). It has a
verified email address, the password ``DEFAULT_PASSWORD`` and a profile (a student's unless a
role says otherwise), and takes the roles of /work/shared/ROLES.md as traits::

    PersonFactory()                    # signed-in person, a student
    PersonFactory(faculty=True)        # faculty member
    PersonFactory(partner=True)        # partner representative
    PersonFactory(policymaker=True)    # verified policymaker (approved PolicymakerVerification)
    PersonFactory(lead_of=lab_page)    # lead of that lab, appointed through labs.services
    PersonFactory(member_of=lab_page)  # student member of that lab
    PersonFactory(editor=True)         # Wagtail admin access, no moderation rights
    PersonFactory(moderator=True)      # member of the "Moderators" group
    PersonFactory(superuser=True)      # superuser and staff
    PersonFactory(profile=None)        # no profile (an account made with manage.py)
"""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from challenges.models import PolicymakerVerification, VerificationStatus
from core.models import Profile, ProfileRole
from core.moderation import moderators_group_ensure
from labs.models import LabMembership, LabRole
from labs.services import lab_lead_appoint

DEFAULT_PASSWORD = "a-Strong-passw0rd!"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory("tests.factories.PersonFactory", profile=None)
    role = ProfileRole.STUDENT
    institution = "University of the Punjab"
    public_fields = factory.LazyFunction(lambda: ["institution", "role"])


def _verified_policymaker(person, create, extracted, **kwargs):
    if create:
        PolicymakerVerification.objects.create(
            user=person,
            agency_name="Establishment Division",
            position="Deputy Secretary",
            official_email=f"{person.username}@establishment.gov.pk",
            status=VerificationStatus.APPROVED,
        )


def _in_moderators_group(person, create, extracted, **kwargs):
    if create:
        person.groups.add(moderators_group_ensure())


def _with_admin_access(person, create, extracted, **kwargs):
    if create:
        person.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )


class PersonFactory(factory.django.DjangoModelFactory):
    """A user with a verified email address and a profile; the traits are the roles."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        role = ProfileRole.STUDENT
        student = factory.Trait(role=ProfileRole.STUDENT)
        faculty = factory.Trait(role=ProfileRole.FACULTY)
        partner = factory.Trait(role=ProfileRole.PARTNER)
        policymaker = factory.Trait(
            role=ProfileRole.POLICYMAKER,
            verification=factory.PostGeneration(_verified_policymaker),
        )
        editor = factory.Trait(admin_access=factory.PostGeneration(_with_admin_access))
        moderator = factory.Trait(
            role=ProfileRole.OTHER, moderation=factory.PostGeneration(_in_moderators_group)
        )
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    username = factory.Sequence(lambda n: f"person-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    display_name = factory.Faker("name")
    profile = factory.RelatedFactory(
        ProfileFactory, factory_related_name="user", role=factory.SelfAttribute("..role")
    )

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Verified primary email, as allauth requires before login (pass verified=False)."""
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def member_of(obj, create, extracted, **kwargs):
        """``member_of=lab_page`` adds the person to that lab as a student."""
        if create and extracted is not None:
            LabMembership.objects.get_or_create(
                lab=extracted, user=obj, defaults={"role": LabRole.STUDENT}
            )

    @factory.post_generation
    def lead_of(obj, create, extracted, **kwargs):
        """``lead_of=lab_page`` appoints the person as that lab's lead, as an admin would."""
        if create and extracted is not None:
            lab_lead_appoint(lab=extracted, user=obj)


class PageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published through a revision, as an editor publishes.

    Publishing fires Wagtail's signals (search indexing, cache purges) the way the site does.
    ``live=False`` leaves a draft with one revision. App factories set ``parent`` to their
    section's index page, so that ``lab()`` needs no arguments.
    """

    class Meta:
        abstract = True
        # Post-generation hooks (a lab's lead) write their own rows; the page is saved once.
        skip_postgeneration_save = True

    # Left empty, Wagtail derives a slug from the title and numbers it when a sibling has it,
    # as the editor does; wagtail-factories' slugify(title) would clash on a second "Lab".
    slug = ""
    live = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        live = kwargs.pop("live")
        page = model_class(**kwargs, live=False)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page


def home_page():
    """The site's home page, at SITE_URL (http://testserver), its pages in the search index.

    The test database is created with it but without its search documents (tests/conftest.py,
    django_db_setup), so that tests without it search an empty index; they are indexed here,
    inside the calling test's transaction.
    """
    from policylab_site.demo import seed_home
    from search import indexing

    home = seed_home()
    indexing.subtree_sync(home)
    return home
