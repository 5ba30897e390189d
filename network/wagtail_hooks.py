"""Reference data as snippets, grouped in one admin menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import GovernmentLevel, InnovationStage, SustainableDevelopmentGoal, Theme


class ReferenceDataViewSet(SnippetViewSet):
    # Public data a page's form chooses: its chooser is open to every editor, lab leads
    # included (core.admin_scope closes the others').
    chooser_open_to_editors = True


class ThemeViewSet(ReferenceDataViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Governance themes")
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


class SustainableDevelopmentGoalViewSet(ReferenceDataViewSet):
    model = SustainableDevelopmentGoal
    icon = "pick"
    menu_label = _("SDGs")
    list_display = ["number", "short_name", "colour"]
    search_fields = ["name", "short_name"]


class GovernmentLevelViewSet(ReferenceDataViewSet):
    model = GovernmentLevel
    icon = "group"
    menu_label = _("Levels of government")
    list_display = ["name", "sort_order"]


class InnovationStageViewSet(ReferenceDataViewSet):
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
