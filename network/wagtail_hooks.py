"""Reference data as snippets, grouped in one admin menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import GovernmentLevel, InnovationStage, SustainableDevelopmentGoal, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Governance themes")
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


class SustainableDevelopmentGoalViewSet(SnippetViewSet):
    model = SustainableDevelopmentGoal
    icon = "pick"
    menu_label = _("SDGs")
    list_display = ["number", "short_name", "colour"]
    search_fields = ["name", "short_name"]


class GovernmentLevelViewSet(SnippetViewSet):
    model = GovernmentLevel
    icon = "group"
    menu_label = _("Levels of government")
    list_display = ["name", "sort_order"]


class InnovationStageViewSet(SnippetViewSet):
    model = InnovationStage
    icon = "resubmit"
    menu_label = _("Innovation stages")
    list_display = ["name", "sort_order"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Reference data")
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        ThemeViewSet,
        SustainableDevelopmentGoalViewSet,
        GovernmentLevelViewSet,
        InnovationStageViewSet,
    )


register_snippet(ReferenceDataGroup)
