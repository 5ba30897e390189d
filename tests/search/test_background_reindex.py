"""Renaming a theme answers at once; the worker re-indexes the pages that show its name.

Before, the admin request rebuilt every dependant's document (318 pages: 6 s; a theme on
30,000 pages would take minutes). Now the request queues the page ids and returns. Attached
PDFs are read by the worker too, not by the request that publishes.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from network.models import Theme
from search import attachments, service
from tests.background import run_worker
from tests.factories import PersonFactory
from tests.files import pdf_bytes
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory

pytestmark = pytest.mark.django_db


def search(text):
    return service.search(service.normalise_request(text=text))


def rename(client, theme, name, capture) -> int:
    url = reverse("wagtailsnippets_network_theme:edit", args=[theme.pk])
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        response = client.post(url, {"name": name, "slug": theme.slug, "description": ""})
    assert response.status_code == 302
    return len(queries)


def test_a_theme_rename_returns_at_once_and_the_worker_reindexes_its_pages(
    client, home, task_queue, django_capture_on_commit_callbacks, engine_name
):
    few, many = Theme.objects.order_by("slug")[:2]
    with django_capture_on_commit_callbacks(execute=True):
        CaseStudyPageFactory(title="Citizen feedback calls 0", themes=(few.slug,))
        for number in range(8):
            CaseStudyPageFactory(title=f"Citizen feedback calls {number}", themes=(many.slug,))
    run_worker()
    client.force_login(PersonFactory(superuser=True))
    DBTaskResult.objects.all().delete()

    queries_few = rename(client, few, "Quokkaland services", django_capture_on_commit_callbacks)
    queries_many = rename(
        client, many, "Zanzibarish governance", django_capture_on_commit_callbacks
    )

    # The request did not rebuild a single document: its work is the same for 1 page or 8.
    assert queries_many == queries_few
    assert search("zanzibarish feedback").total == 0
    reindexing = DBTaskResult.objects.filter(task_path="search.indexing.dependants_sync")
    assert reindexing.ready().count() == 2

    run_worker()
    assert search("zanzibarish feedback").total == 8
    assert search("quokkaland feedback").total == 1
    assert reindexing.successful().count() == 2
    assert not DBTaskResult.objects.failed().exists()


def test_publishing_leaves_the_pdf_to_the_worker(
    home, task_queue, monkeypatch, django_capture_on_commit_callbacks, engine_name
):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Full report")
    document.file.save("report.pdf", ContentFile(pdf_bytes("quokkatext only here")), save=False)
    document.save()
    reads = []
    read = attachments.extract_pdf_text
    monkeypatch.setattr(attachments, "extract_pdf_text", lambda file: reads.append(1) or read(file))

    with django_capture_on_commit_callbacks(execute=True):
        FindingPageFactory(title="A finding with a report", pdf=document)
    assert reads == []  # publishing did not open the PDF
    if engine_name != "elasticsearch":
        # The embedded engine indexes the page as it is published (Elasticsearch hears of
        # every change from the worker, below).
        assert [h.title for h in search("report").hits] == ["A finding with a report"]
    assert search("quokkatext").total == 0

    run_worker()
    assert reads == [1]
    assert [h.title for h in search("quokkatext").hits] == ["A finding with a report"]
