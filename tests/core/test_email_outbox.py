"""Every email goes through the durable task queue: a mail server that is down neither turns a
saved action into a 500 nor loses the email; the worker delivers it once the server is back."""

import dj_email_url
import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from challenges.models import ChallengeQuestion
from labs import services as labs_services
from labs.models import LabMembership, Post
from policylab_site.settings import base as configured
from policylab_site.settings import env
from tests.background import run_worker
from tests.challenges.factories import ChallengePageFactory
from tests.core.test_background import closed_port
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory, SpaceWorld

pytestmark = pytest.mark.django_db
PASSWORD = "Lahore-reform-2026!"


@pytest.fixture
def mail_server_down(task_queue):
    """The production email configuration, with EMAIL_URL pointing at a closed SMTP port."""
    settings = task_queue
    settings.EMAIL_BACKEND = configured.EMAIL_BACKEND
    settings.EMAIL_TRANSPORT_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2
    return settings


def mail_server_returns(settings):
    """The server is back and the retries' time has come: the worker sends what waited."""
    settings.EMAIL_TRANSPORT_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()


def test_every_email_is_queued_and_delivered_with_the_email_url_transport():
    assert configured.EMAIL_BACKEND == "core.emails.TaskQueueEmailBackend"
    assert dj_email_url.parse(env.EMAIL_URL)["EMAIL_BACKEND"] == configured.EMAIL_TRANSPORT_BACKEND


def test_a_reply_is_saved_answered_and_its_email_delivered_later(
    client, home, mail_server_down, django_capture_on_commit_callbacks
):
    world = SpaceWorld()
    DBTaskResult.objects.all().delete()
    mail.outbox.clear()
    client.force_login(world.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(world.thread.get_absolute_url(), {"body": "Sent while mail is down"})
    assert response.status_code == 302
    assert Post.objects.filter(body="Sent while mail is down").count() == 1
    assert DBTaskResult.objects.ready().count() == 1

    run_worker()  # the server is still down: the email waits for its next attempt
    assert mail.outbox == []
    assert DBTaskResult.objects.failed().count() == 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    mail_server_returns(mail_server_down)
    assert world.owner.email in [address for m in mail.outbox for address in m.to]
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_question_is_saved_answered_and_its_email_delivered_later(
    client, home, user, mail_server_down, django_capture_on_commit_callbacks
):
    owner = PersonFactory(policymaker=True)
    challenge = ChallengePageFactory(owners=[owner])
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("challenges:question_ask", args=[challenge.pk]), {"body": "Any data?"}
        )
    assert response.status_code == 302
    assert ChallengeQuestion.objects.count() == 1

    mail_server_returns(mail_server_down)
    assert [owner.email] in [m.to for m in mail.outbox]


def test_a_join_approval_is_saved_answered_and_its_email_delivered_later(
    client, home, user, mail_server_down, django_capture_on_commit_callbacks
):
    lead = PersonFactory(username="the-lead")
    lab = LabPageFactory(title="Punjab Governance Lab", lead=lead)
    join_request = labs_services.lab_join_request_create(lab=lab, user=user, message="hi")
    DBTaskResult.objects.all().delete()
    client.force_login(lead)
    url = reverse(
        "labs:join_request_decide", kwargs={"lab_id": lab.pk, "request_id": join_request.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "reason": "Welcome"})
    assert response.status_code == 302
    assert LabMembership.objects.filter(lab=lab, user=user).exists()

    mail_server_returns(mail_server_down)
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_a_sign_up_is_answered_and_its_confirmation_email_delivered_later(
    client, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "display_name": "Ayesha Khan",
                "email": "ayesha@example.org",
                "role": "faculty",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="ayesha@example.org", verified=False).exists()

    mail_server_returns(mail_server_down)
    assert [m.to for m in mail.outbox] == [["ayesha@example.org"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
