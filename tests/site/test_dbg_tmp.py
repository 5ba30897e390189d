import pytest
from django.test import override_settings
pytestmark = pytest.mark.django_db
@override_settings(LANGUAGES=[("en", "English"), ("ur", "Urdu")])
def test_dbg(client, home):
    r = client.get("/about/", HTTP_ACCEPT_LANGUAGE="ur")
    print("STATUS", r.status_code, r.get("Location"), r.content[:300])
