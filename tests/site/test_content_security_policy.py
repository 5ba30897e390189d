"""A strict Content-Security-Policy on every public page (issue 12, finding 8).

The policy only holds if no template needs what it forbids, so the templates are scanned too:
no inline script body, no inline event handler, no style attribute or <style> element.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [
    PROJECT / app / "templates"
    for app in ("site", "core", "network", "knowledge", "labs", "challenges", "search")
]

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)


def _page_templates():
    """Every template a browser renders as a page or part of one (emails and admin screens,
    which the public policy does not cover, are left out)."""
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*.html")):
            parts = set(path.relative_to(folder).parts)
            if parts & {"emails", "email", "admin"}:
                continue
            yield path


def problems_in(text: str) -> list[str]:
    found = []
    for attributes, body in SCRIPT.findall(text):
        if 'type="application/ld+json"' in attributes:
            continue  # data, never executed
        if body.strip():
            found.append(f"inline script: {body.strip()[:60]!r}")
    found += [f"inline event handler: {m.group(0)[-40:]!r}" for m in EVENT_HANDLER.finditer(text)]
    found += [f"style attribute: {m.group(0)[-40:]!r}" for m in STYLE_ATTRIBUTE.finditer(text)]
    found += ["<style> element" for _m in STYLE_ELEMENT.finditer(text)]
    return found


def test_the_scan_finds_what_it_looks_for():
    assert len(problems_in('<script>alert(1)</script><a onclick="x()" style="color:red">')) == 3
    assert problems_in('<script src="/static/js/site.js" defer></script>') == []
    assert problems_in('<script type="application/ld+json" id="x">{"a": 1}</script>') == []


def test_no_page_template_needs_inline_script_or_style():
    templates = list(_page_templates())
    assert len(templates) > 100
    problems = {
        str(path.relative_to(PROJECT)): found
        for path in templates
        if (found := problems_in(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/knowledge/", "/challenges/", "/labs/", "/network/", "/search/?q=budget", "/missing/"],
)
def test_public_pages_send_a_strict_policy(client, home, path):
    response = client.get(path)
    assert response["Content-Type"].startswith("text/html")
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_wagtail_admin_has_its_own_looser_policy(admin_client, home):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]  # Wagtail's admin still has inline scripts
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the live preview frames the admin's own pages
