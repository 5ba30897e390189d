"""StreamField blocks of the network app."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgrammeSessionBlock(blocks.StructBlock):
    """One session in an event programme."""

    day = blocks.DateBlock(required=False, help_text=_("Leave empty for one-day events."))
    start_time = blocks.TimeBlock(required=False)
    end_time = blocks.TimeBlock(required=False)
    title = blocks.CharBlock(max_length=200)
    speakers = blocks.CharBlock(required=False, max_length=300, help_text=_("Comma-separated."))
    description = blocks.TextBlock(required=False, max_length=1000)

    class Meta:
        icon = "time"
        label = _("Session")
        template = "network/blocks/programme_session.html"


class ProgrammeHeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Day or track heading")
        template = "network/blocks/programme_heading.html"


class EventProgrammeBlock(blocks.StreamBlock):
    heading = ProgrammeHeadingBlock(max_length=120)
    session = ProgrammeSessionBlock()

    class Meta:
        block_counts = {}
