"""A failed background task is visible to the people who run the site, and only to them.

Each failed attempt is kept with its traceback (django-tasks' database results) and listed in
the Django admin; the Wagtail admin's Reports menu links to the failed ones for superusers.
"""

import pytest
from django.core.mail import EmailMessage
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from core.emails import emails_deliver, message_freeze
from tests.background import run_worker
from tests.core.test_background import closed_port
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


def failed_list() -> str:
    return reverse("admin:django_tasks_database_dbtaskresult_changelist") + "?status__exact=FAILED"


@pytest.fixture
def failed_task(task_queue):
    task_queue.EMAIL_TRANSPORT_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    task_queue.EMAIL_HOST = "127.0.0.1"
    task_queue.EMAIL_PORT = closed_port()
    task_queue.EMAIL_TIMEOUT = 2
    message = EmailMessage(subject="Hello", body="Body", to=["someone@example.org"])
    emails_deliver.enqueue(messages=[{"rendered": message_freeze(message)}])
    run_worker()
    return DBTaskResult.objects.failed().get()


def test_a_superuser_sees_the_failed_task_its_error_and_its_pending_retry(client, failed_task):
    client.force_login(PersonFactory(superuser=True))
    listing = client.get(failed_list())
    assert listing.status_code == 200
    assert "emails_deliver" in listing.content.decode()
    detail = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed_task.pk])
    ).content.decode()
    assert "ConnectionRefusedError" in detail
    # The next attempt waits in the queue, to run after its delay.
    assert DBTaskResult.objects.filter(status="READY", run_after__gt=failed_task.finished_at)


def test_the_failed_tasks_are_no_one_elses_business(client, home, failed_task):
    client.force_login(PersonFactory(username="plain-member"))
    response = client.get(failed_list())
    assert response.status_code == 302
    assert "/login/" in response["Location"]

    client.force_login(PersonFactory(is_staff=True))  # staff, without the permission
    assert client.get(failed_list()).status_code == 403


def test_the_reports_menu_links_to_them_for_superusers_only(client, home):
    lead = PersonFactory(username="lab-lead")
    LabPageFactory(title="Punjab Governance Lab", lead=lead)
    client.force_login(lead)
    assert (
        "Failed background tasks" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )

    client.force_login(PersonFactory(superuser=True))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Failed background tasks" in html
