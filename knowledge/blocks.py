"""StreamField blocks of the knowledge base."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SourceCitationBlock(blocks.StructBlock):
    """A structured reference to a source the case study draws on."""

    title = blocks.CharBlock(max_length=300)
    authors = blocks.CharBlock(required=False, max_length=300, help_text=_("As cited."))
    publisher = blocks.CharBlock(required=False, max_length=200)
    year = blocks.IntegerBlock(required=False, min_value=1900, max_value=2100)
    url = blocks.URLBlock(required=False)
    accessed = blocks.DateBlock(required=False, help_text=_("When the link was last checked."))

    class Meta:
        icon = "link"
        label = _("Source")
        template = "knowledge/blocks/source.html"


class SourceStreamBlock(blocks.StreamBlock):
    source = SourceCitationBlock()


class RecommendationStreamBlock(blocks.StreamBlock):
    recommendation = blocks.TextBlock(max_length=600, label=_("Recommendation"))
