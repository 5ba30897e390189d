"""Partner submission → request changes → resubmit → approve, with emails at each step and
nothing public before approval; rejection; permissions."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from knowledge.models import CaseStudyPage
from tests.factories import PersonFactory
from tests.network.factories import country, theme

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Mobile registration camps",
        "summary": "Officers take registration services to villages on fixed days.",
        "problem": "Families travelled **far** for certificates.",
        "what_was_done": "Camps in remote villages.",
        "implementation": "",
        "results": "",
        "lessons": "",
        "transferability": "",
        "year_launched": "2022",
        "countries": [str(country("LK").pk)],
        "themes": [str(theme("service-delivery").pk)],
        "original_language": "si",
        "licence": "CC-BY-4.0",
        "sources": "Annual report | https://example.org/report.pdf",
    }
    data.update(overrides)
    return data


def submit(client, user, **overrides):
    client.force_login(user)
    return client.post(reverse("knowledge:submit"), form_data(**overrides))


def act(client, moderator, page, action, comment=""):
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    client.force_login(moderator)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state_id]
    )
    return client.post(url, {"comment": comment}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def public_urls(page):
    return [page.url or f"/knowledge/{page.slug}/", "/feeds/knowledge/rss/", "/sitemap.xml",
            "/api/v2/knowledge/"]  # fmt: skip


def assert_not_public(client, page):
    client.logout()
    assert client.get(f"/knowledge/{page.slug}/").status_code == 404
    for url in ["/knowledge/", "/feeds/knowledge/rss/", "/feeds/knowledge/atom/", "/sitemap.xml",
                "/api/v2/knowledge/", "/feeds/knowledge/country/LK/rss/"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert page.title not in response.content.decode(), url


def test_full_flow_request_changes_resubmit_approve(client, home):
    partner = PersonFactory(partner=True, username="priya", email="priya@example.org")
    moderator = PersonFactory(moderator=True, username="mod", email="mod@example.org")

    response = submit(client, partner)
    page = CaseStudyPage.objects.get(title="Mobile registration camps")
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:submission", args=[page.pk])
    assert not page.live
    assert page.submitted_by == partner
    assert_not_public(client, page)
    # The partner got a confirmation; the moderators were told by Wagtail.
    to_partner = [m for m in mail.outbox if m.to == ["priya@example.org"]]
    assert len(to_partner) == 1 and "We received your case study" in to_partner[0].subject
    assert any("mod@example.org" in m.to for m in mail.outbox)

    # The partner's dashboard panel lists it as waiting.
    client.force_login(partner)
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Mobile registration camps" in dashboard and "Waiting for a moderator" in dashboard

    mail.outbox.clear()
    act(client, moderator, page, "reject", "Please add the district names.")
    to_partner = [m for m in mail.outbox if m.to == ["priya@example.org"]]
    assert len(to_partner) == 1
    assert "Changes requested" in to_partner[0].subject
    assert "Please add the district names." in to_partner[0].body
    assert_not_public(client, page)

    client.force_login(partner)
    detail = client.get(reverse("knowledge:submission", args=[page.pk])).content.decode()
    assert "Changes requested" in detail and "Please add the district names." in detail
    edit_url = reverse("knowledge:submission_edit", args=[page.pk])
    assert "Mobile registration camps" in client.get(edit_url).content.decode()

    mail.outbox.clear()
    response = client.post(edit_url, form_data(what_was_done="Camps in Badulla and Monaragala."))
    assert response.status_code == 302
    assert "back with the moderators" in mail.outbox[-1].subject
    assert_not_public(client, page)

    mail.outbox.clear()
    act(client, moderator, page, "approve")
    page.refresh_from_db()
    assert page.live
    to_partner = [m for m in mail.outbox if m.to == ["priya@example.org"]]
    assert len(to_partner) == 1 and "is published" in to_partner[0].subject

    client.logout()
    public = client.get(f"/knowledge/{page.slug}/")
    assert public.status_code == 200
    assert "Badulla and Monaragala" in public.content.decode()
    assert page.title in client.get("/feeds/knowledge/rss/").content.decode()
    assert f"/knowledge/{page.slug}/" in client.get("/sitemap.xml").content.decode()


def test_moderator_rejects_and_partner_is_told_why(client, home):
    partner = PersonFactory(partner=True, email="p2@example.org")
    moderator = PersonFactory(moderator=True)
    submit(client, partner)
    page = CaseStudyPage.objects.get()
    mail.outbox.clear()
    act(client, moderator, page, "decline", "Outside the network's scope.")
    page.refresh_from_db()
    assert not page.live
    to_partner = [m for m in mail.outbox if m.to == ["p2@example.org"]]
    assert len(to_partner) == 1 and "not accepted" in to_partner[0].subject
    assert "Outside the network's scope." in to_partner[0].body
    client.force_login(partner)
    detail = client.get(reverse("knowledge:submission", args=[page.pk])).content.decode()
    assert "Rejected" in detail
    # A rejected submission cannot be edited and resubmitted.
    response = client.get(reverse("knowledge:submission_edit", args=[page.pk]))
    assert response.status_code == 302
    assert_not_public(client, page)


def test_non_partner_cannot_submit(client, user):
    client.force_login(user)  # a student
    response = client.get(reverse("knowledge:submit"))
    assert response.status_code == 403
    assert "Only partner representatives can submit case studies" in response.content.decode()
    response = client.post(reverse("knowledge:submit"), form_data())
    assert response.status_code == 403
    assert not CaseStudyPage.objects.exists()


def test_anonymous_is_sent_to_log_in(client, home):
    response = client.get(reverse("knowledge:submit"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_moderator_may_submit(client, home):
    response = submit(client, PersonFactory(moderator=True))
    assert response.status_code == 302


def test_partner_sees_only_own_submissions(client, home):
    priya = PersonFactory(partner=True)
    other = PersonFactory(partner=True)
    submit(Client(), priya, title="Priya's case")
    submit(Client(), other, title="Other's case")
    theirs = CaseStudyPage.objects.get(title="Other's case")
    client.force_login(priya)
    listing = client.get(reverse("knowledge:submissions")).content.decode()
    assert "Priya&#x27;s case" in listing or "Priya's case" in listing
    assert "Other" not in listing
    assert client.get(reverse("knowledge:submission", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("knowledge:submission_edit", args=[theirs.pk])).status_code == 404


def test_role_removed_takes_effect_immediately(client, home):
    partner = PersonFactory(partner=True)
    partner.profile.role = "student"
    partner.profile.save()
    assert submit(client, partner).status_code == 403


def test_invalid_form_keeps_what_was_typed(client, home):
    response = submit(client, PersonFactory(partner=True), countries=[], summary="x" * 601)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mobile registration camps" in html
    assert "Families travelled **far** for certificates." in html
    assert not CaseStudyPage.objects.exists()


def test_attachments_limited_by_type_and_size(client, home, settings):
    settings.KNOWLEDGE_MAX_ATTACHMENT_BYTES = 1000
    partner = PersonFactory(partner=True)
    client.force_login(partner)
    exe = SimpleUploadedFile("tool.exe", b"MZ" * 10, content_type="application/octet-stream")
    response = client.post(reverse("knowledge:submit"), {**form_data(), "attachments": [exe]})
    assert response.status_code == 400
    assert "not an allowed type" in response.content.decode()
    big = SimpleUploadedFile("report.pdf", b"%PDF" + b"0" * 2000, content_type="application/pdf")
    response = client.post(reverse("knowledge:submit"), {**form_data(), "attachments": [big]})
    assert response.status_code == 400
    assert "the limit is" in response.content.decode()
    assert not CaseStudyPage.objects.exists()


def test_attachment_private_until_published(client, home):
    partner = PersonFactory(partner=True)
    moderator = PersonFactory(moderator=True)
    client.force_login(partner)
    pdf = SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    client.post(reverse("knowledge:submit"), {**form_data(), "attachments": [pdf]})
    page = CaseStudyPage.objects.get()
    document = page.attachments.get().document
    client.logout()
    assert client.get(document.url).status_code in (302, 403, 404)
    act(client, moderator, page, "approve")
    client.logout()
    document.refresh_from_db()
    assert client.get(document.url).status_code == 200


def test_no_task_left_in_progress_after_approval(client, home):
    submit(client, PersonFactory(partner=True))
    page = CaseStudyPage.objects.get()
    act(client, PersonFactory(moderator=True), page, "approve")
    assert not TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).exists()
