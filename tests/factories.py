"""Factories shared by every app's tests: people and the page tree."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Page

from core.models import Country, Profile, ProfileRole

DEFAULT_PASSWORD = "a-Strong-passw0rd!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    display_name = factory.Faker("name")

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


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "PK"
    name = "Pakistan"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    role = ProfileRole.STUDENT
    institution = "University of the Punjab"
    public_fields = factory.LazyFunction(lambda: ["institution", "role"])


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


__all__ = ["Page", "home_page"]
