from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Country


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    menu_label = "Countries"
    menu_order = 300
    add_to_admin_menu = False
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


register_snippet(CountryViewSet)
