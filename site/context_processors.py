"""Template context every page needs: the main navigation."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

NAVIGATION = [
    ("labs.LabIndexPage", _("Labs")),
    ("challenges.ChallengeIndexPage", _("Challenges")),
    ("knowledge.KnowledgeIndexPage", _("Knowledge")),
    ("network.NetworkIndexPage", _("Network")),
]


def site_navigation(request) -> dict:
    from django.apps import apps

    site = Site.find_for_request(request)
    items = []
    for model_label, label in NAVIGATION:
        model = apps.get_model(model_label)
        page = model.objects.live().public().first()
        if page is not None:
            url = page.get_url(request=request, current_site=site)
            items.append({"label": label, "url": url})
    try:
        search_url = reverse("search:search")
    except NoReverseMatch:
        search_url = ""
    items.append({"label": _("Search"), "url": search_url})
    path = request.path
    for item in items:
        item["active"] = bool(item["url"]) and item["url"] != "/" and path.startswith(item["url"])
    return {"main_navigation": items}
