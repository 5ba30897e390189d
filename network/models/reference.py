"""Reference data shared by the knowledge base, labs and challenges (Wagtail snippets)."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.validators import SingleLineTextMixin

hex_colour_validator = RegexValidator(
    r"^#[0-9A-Fa-f]{6}$", _("Use a six-digit hex colour such as #E5243B.")
)


class Theme(SingleLineTextMixin, index.Indexed, models.Model):
    """A governance theme such as service delivery or civil service reform."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=600)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("governance theme")
        verbose_name_plural = _("governance themes")

    def __str__(self) -> str:
        return self.name


class SustainableDevelopmentGoal(SingleLineTextMixin, models.Model):
    """One of the 17 UN Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    colour = models.CharField(
        _("colour"), max_length=7, validators=[hex_colour_validator], help_text=_("UN SDG colour")
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("colour"),
    ]

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.short_name}"

    @property
    def slug(self) -> str:
        return str(self.number)


class OrderedChoice(SingleLineTextMixin, models.Model):
    """Reference values shown in a fixed, editor-chosen order (levels, stages)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True, max_length=400)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        FieldPanel("description"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class GovernmentLevel(OrderedChoice):
    """National, provincial/state, district/local."""

    class Meta(OrderedChoice.Meta):
        verbose_name = _("level of government")
        verbose_name_plural = _("levels of government")


class InnovationStage(OrderedChoice):
    """How far an innovation has come: idea, pilot, implementation, scaled, evaluated."""

    class Meta(OrderedChoice.Meta):
        verbose_name = _("innovation stage")
        verbose_name_plural = _("innovation stages")
