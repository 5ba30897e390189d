"""/robots.txt: public pages may be crawled, private and personal areas not; it names the sitemap."""

from urllib.robotparser import RobotFileParser

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "https://policylab.example.org"


def test_robots_txt_allows_public_pages_disallows_private_areas_and_names_the_sitemap(
    client, settings
):
    settings.SITE_URL = ORIGIN
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in body.splitlines()
    robots = RobotFileParser()
    robots.parse(body.splitlines())
    for path in ["/", "/labs/governance-lab/", "/challenges/merit/", "/knowledge/x/", "/network/"]:
        assert robots.can_fetch("*", ORIGIN + path), path
    for path in [
        "/admin/",
        "/django-admin/",
        "/accounts/login/",
        "/account/",
        "/dashboard/",
        "/spaces/3/",
        "/proposals/4/",
        "/contribute/case-study/",
        "/invitations/abc/",
        "/search/?q=x",
    ]:
        assert not robots.can_fetch("*", ORIGIN + path), path
