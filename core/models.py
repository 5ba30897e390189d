"""People and shared reference data used by every domain app."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .fields import MarkdownField, RenderedMarkdownField
from .time_zones import validate_time_zone
from .validators import SingleLineTextMixin, normalise_orcid, validate_orcid

FORMER_MEMBER_LABEL = _("Former member")


class User(SingleLineTextMixin, AbstractUser):
    """A person with an account. Email is the login; ``username`` is the public handle."""

    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    deleted_at = models.DateTimeField(
        _("deleted at"),
        null=True,
        blank=True,
        help_text=_("Set when the person deleted their account; their posts stay, anonymised."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return str(self.public_name)

    @property
    def public_name(self) -> str:
        if self.deleted_at:
            return str(FORMER_MEMBER_LABEL)
        return self.display_name or self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return reverse("core:profile", kwargs={"username": self.username})


class Region(models.TextChoices):
    SOUTH_ASIA = "south-asia", _("South Asia")
    CENTRAL_ASIA = "central-asia", _("Central Asia")
    EAST_ASIA = "east-asia", _("East Asia")
    SOUTH_EAST_ASIA = "south-east-asia", _("South-East Asia")
    WEST_ASIA = "west-asia", _("West Asia")
    AFRICA = "africa", _("Africa")
    EUROPE = "europe", _("Europe")
    AMERICAS = "americas", _("Americas")
    OCEANIA = "oceania", _("Oceania")
    OTHER = "other", _("Elsewhere")


class CountryQuerySet(models.QuerySet):
    def region_first(self):
        """The network's eight first, then every other country, each group by name.

        For choosing a country (a reform abroad can be a case study too). Not the model's
        default ordering: modelcluster sorts related objects in Python by plain field names.
        """
        south_asia_first = models.Case(
            models.When(region=Region.SOUTH_ASIA, then=models.Value(0)), default=models.Value(1)
        )
        return self.order_by(south_asia_first, "name")


class Country(SingleLineTextMixin, index.Indexed, models.Model):
    """A country, by ISO 3166-1 alpha-2 code; every ISO country ships (migration 0004).

    ``region`` marks the network's eight South Asian countries (``Region.SOUTH_ASIA``): the
    map, the home page and anything about "the network" filter on it; the case study
    submission and profile forms offer every country, those eight first (``region_first``).
    """

    code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.CharField(
        _("region"), max_length=20, choices=Region.choices, default=Region.SOUTH_ASIA
    )

    objects = CountryQuerySet.as_manager()

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("region")]
    search_fields = [index.SearchField("name"), index.FilterField("region")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)


class PlaceLevel(models.TextChoices):
    """What a country calls a division at each level (ISO 3166-2 subdivision types, plus the
    district, tehsil and upazila levels of the shipped lists in core/data/places/)."""

    PROVINCE = "province", _("Province")
    STATE = "state", _("State")
    UNION_TERRITORY = "union_territory", _("Union territory")
    CAPITAL_TERRITORY = "capital_territory", _("Capital territory")
    ADMINISTERED_AREA = "administered_area", _("Administered area")
    DIVISION = "division", _("Division")
    DISTRICT = "district", _("District")
    ATOLL = "atoll", _("Atoll")
    CITY = "city", _("City")
    TEHSIL = "tehsil", _("Tehsil")
    UPAZILA = "upazila", _("Upazila")


class Place(models.Model):
    """An administrative division of a country: a province, state or division (ISO 3166-2),
    and below it the districts, tehsils and upazilas of the shipped lists.

    Loaded by ``manage.py load_places`` (``core.gazetteer``). The lineage is stored on the row,
    so tagging, search documents and breadcrumbs read ancestors without walking up the tree:
    ``path`` holds the codes from the first-level division down to this one ("PK-PB/PK-PB-LAHORE"),
    ``url_path`` the country and slugs ("pk/punjab/lahore") and ``ancestor_names`` the names
    above it, nearest first ("Punjab").
    """

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="places", verbose_name=_("country")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("part of"),
    )
    level = models.CharField(_("level"), max_length=20, choices=PlaceLevel.choices)
    depth = models.PositiveSmallIntegerField(_("depth"), default=1)
    path = models.CharField(max_length=255, db_index=True, editable=False)
    url_path = models.CharField(max_length=255, unique=True, editable=False)
    ancestor_names = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        # Read from the row alone (no query): a chooser lists a thousand of them.
        within = self.ancestor_names or self.code.split("-")[0]
        return f"{self.name} ({self.get_level_display()}, {within})"

    def get_absolute_url(self) -> str:
        return reverse("places:place", kwargs={"path": self.url_path})

    def autocomplete_label(self) -> str:
        """The admin place chooser's label: the name with its level and lineage."""
        return str(self)

    @classmethod
    def autocomplete_custom_queryset_filter(cls, search_query: str, request=None):
        """What the admin place chooser offers for what was typed: places named so, and the
        places inside them ("Punjab" offers the province and its districts), province first."""
        query = search_query.strip()
        return cls.objects.filter(
            models.Q(name__icontains=query) | models.Q(ancestor_names__icontains=query)
        ).order_by("country__name", "path")

    @property
    def lineage_codes(self) -> list[str]:
        """This place's code and its ancestors', first-level division first."""
        return self.path.split("/")

    @property
    def parent_path(self) -> str:
        return self.path.rpartition("/")[0]

    @property
    def sort_key(self) -> tuple[str, ...]:
        """Names from the first-level division down: sorts a tree's places under their parents."""
        ancestors = [name for name in self.ancestor_names.split(", ") if name]
        return (*reversed(ancestors), self.name)


class ProfileRole(models.TextChoices):
    STUDENT = "student", _("Student")
    FACULTY = "faculty", _("Faculty")
    POLICYMAKER = "policymaker", _("Policymaker")
    PARTNER = "partner", _("Partner representative")
    OTHER = "other", _("Other")


class ProfileField(models.TextChoices):
    """Fields a person may choose to show on their public profile."""

    INSTITUTION = "institution", _("Institution")
    COUNTRY = "country", _("Country")
    ROLE = "role", _("Role")
    EXPERTISE = "expertise", _("Expertise")
    LANGUAGES = "languages", _("Languages")
    BIO = "bio", _("Bio")
    ORCID = "orcid", _("ORCID iD")


DEFAULT_PUBLIC_FIELDS = [
    ProfileField.INSTITUTION,
    ProfileField.COUNTRY,
    ProfileField.ROLE,
    ProfileField.EXPERTISE,
]


class TaggedExpertise(TaggedItemBase):
    content_object = models.ForeignKey(
        "core.Profile", on_delete=models.CASCADE, related_name="tagged_expertise"
    )


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ProfileRole.choices, default=ProfileRole.OTHER
    )
    expertise = TaggableManager(
        verbose_name=_("expertise"),
        through=TaggedExpertise,
        blank=True,
        help_text=_("Comma-separated topics, e.g. civil service reform, e-governance."),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated, e.g. English, Urdu, Punjabi."),
    )
    language = models.CharField(
        _("language of this site and your emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Left empty, the site follows your browser and emails are in English."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_(
            "Times on the site are shown on this clock. Leave it empty to use your country's."
        ),
    )
    bio = MarkdownField(_("short bio"), max_length=1000, blank=True)
    bio_html = RenderedMarkdownField(source="bio")
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True, validators=[validate_orcid])
    is_public = models.BooleanField(
        _("public profile"),
        default=True,
        help_text=_("When off, your profile page answers 'not found' to everyone but you."),
    )
    public_fields = models.JSONField(_("shown publicly"), default=list, blank=True)
    matching_enabled = models.BooleanField(
        _("suggest challenges to me"),
        default=True,
        help_text=_(
            "When on, your dashboard suggests open challenges that fit your profile, and the "
            "leads of your labs may see you suggested for a challenge, from the details you "
            "show publicly. When off, neither happens."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def save(self, *args, **kwargs):
        if self.orcid:
            self.orcid = normalise_orcid(self.orcid)
        super().save(*args, **kwargs)

    @property
    def language_list(self) -> list[str]:
        return [item.strip() for item in self.languages.split(",") if item.strip()]

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def shows(self, field: str) -> bool:
        return field in (self.public_fields or [])

    def has_detail(self, field: str) -> bool:
        """Whether the profile holds a value for ``field`` (a ProfileField value)."""
        if field == ProfileField.COUNTRY:
            return self.country_id is not None
        if field == ProfileField.EXPERTISE:
            return self.pk is not None and self.expertise.exists()
        if field == ProfileField.ROLE:
            return bool(self.role)
        return bool(str(getattr(self, field, "")).strip())

    def missing_details(self) -> list[str]:
        """Labels of the profile details still empty, for the "complete your profile" hint."""
        checks = [
            (ProfileField.INSTITUTION.label, bool(self.institution)),
            (ProfileField.COUNTRY.label, self.country_id is not None),
            (ProfileField.EXPERTISE.label, self.pk is not None and self.expertise.exists()),
            (ProfileField.LANGUAGES.label, bool(self.languages.strip())),
            (ProfileField.BIO.label, bool(self.bio.strip())),
        ]
        return [str(label) for label, filled in checks if not filled]
