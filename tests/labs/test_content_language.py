"""Lab pages mark each finding with its language; what people type reads in its own direction."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from labs.models import LabFinding
from tests.knowledge.factories import FindingPageFactory
from tests.labs.factories import LabPageFactory, SpaceWorld
from tests.languages import language_around

pytestmark = pytest.mark.django_db


def test_a_bengali_finding_on_a_lab_page_is_marked_bengali(client, home):
    lab = LabPageFactory(title="Dhaka Lab")
    lab.save_revision().publish()
    bengali = FindingPageFactory(
        title="এক ছাদের নিচে সেবা",
        abstract="ইউনিয়ন ডিজিটাল সেন্টার।",
        locale=Locale.objects.get_or_create(language_code="bn")[0],
    )
    LabFinding.objects.create(lab=lab, finding=bengali)

    html = client.get(lab.url).content.decode()

    assert language_around(html, "এক ছাদের নিচে সেবা") == ("bn", "ltr")
    assert language_around(html, "Published findings") == ("en", "ltr")


def test_a_thread_post_reads_in_the_direction_of_its_own_text(client, home):
    world = SpaceWorld()
    client.force_login(world.member)

    url = reverse(
        "labs:thread_detail", kwargs={"space_id": world.space.pk, "thread_id": world.thread.pk}
    )
    html = client.get(url).content.decode()

    assert language_around(html, "interview guide")[1] == "auto"
    assert language_around(html, "Fieldwork plan")[1] == "auto"
