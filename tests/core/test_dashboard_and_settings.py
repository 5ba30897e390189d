"""The personal dashboard and the account settings overview."""

import pytest
from django.urls import reverse

from core.dashboard import register_dashboard_panel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_other_panels(monkeypatch):
    """Only the panels a test registers itself, whatever the other apps register."""
    monkeypatch.setattr("core.dashboard.DASHBOARD_PANEL_PROVIDERS", [])


def test_new_person_sees_a_welcome_and_profile_hint(client, user):
    client.force_login(user)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Welcome, {user.public_name}" in html
    assert "Nothing here yet" in html
    assert "Complete your profile" in html


def test_registered_panels_are_rendered(client, user):
    def my_labs(request):
        return {
            "title": "My labs",
            "template": "core/includes/dashboard_list_panel.html",
            "items": [{"label": "PU Policy Lab", "url": "/labs/pu/"}],
        }

    def hidden(request):
        return None

    register_dashboard_panel(my_labs)
    register_dashboard_panel(hidden)
    client.force_login(user)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "My labs" in html
    assert "PU Policy Lab" in html
    assert "Nothing here yet" not in html


def test_account_settings_overview_links_everything(client, user):
    client.force_login(user)
    response = client.get(reverse("core:account_settings"))
    assert response.status_code == 200
    html = response.content.decode()
    for url in (
        reverse("core:profile_edit"),
        reverse("core:profile", kwargs={"username": user.username}),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("core:account_delete"),
    ):
        assert f'href="{url}"' in html, url
    assert user.email in html
