"""The "joining as" choice starts at the role the person gave on their profile."""

import pytest
from django.urls import reverse

from core.models import ProfileRole
from labs.models import LabJoinRequest, LabRole
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory


@pytest.fixture
def lab(home):
    return LabPageFactory(title="Sindh Policy Lab", lead=PersonFactory(username="sindh-lead"))


def selected_role(page) -> str:
    """The value of the role option the browser shows selected (the first when none is)."""
    html = page.content.decode()
    select = html[html.index('name="role"') :]
    select = select[: select.index("</select>")]
    options = select.split("<option")[1:]
    selected = [option for option in options if " selected" in option] or options[:1]
    return selected[0].split('value="')[1].split('"')[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("profile_role", "lab_role"),
    [
        (ProfileRole.STUDENT, LabRole.STUDENT),
        (ProfileRole.FACULTY, LabRole.FACULTY),
        (ProfileRole.POLICYMAKER, LabRole.POLICYMAKER),
    ],
)
def test_join_form_starts_at_the_profile_role(client, lab, profile_role, lab_role):
    person = PersonFactory(role=profile_role)
    client.force_login(person)
    page = client.get(reverse("labs:join_request", kwargs={"lab_id": lab.pk}))
    assert page.status_code == 200
    assert selected_role(page) == lab_role


@pytest.mark.django_db
def test_a_student_is_not_offered_faculty_first(client, lab):
    client.force_login(PersonFactory(student=True))
    page = client.get(reverse("labs:join_request", kwargs={"lab_id": lab.pk}))
    assert selected_role(page) != LabRole.FACULTY


@pytest.mark.django_db
def test_without_a_matching_profile_role_the_person_must_choose(client, lab):
    person = PersonFactory(role=ProfileRole.OTHER)
    client.force_login(person)
    page = client.get(reverse("labs:join_request", kwargs={"lab_id": lab.pk}))
    assert selected_role(page) == ""
    refused = client.post(
        reverse("labs:join_request", kwargs={"lab_id": lab.pk}), {"message": "hi", "role": ""}
    )
    assert refused.status_code == 400
    assert not LabJoinRequest.objects.filter(user=person).exists()


@pytest.mark.django_db
def test_the_person_can_still_choose_another_role(client, lab):
    person = PersonFactory(student=True)
    client.force_login(person)
    client.post(
        reverse("labs:join_request", kwargs={"lab_id": lab.pk}),
        {"message": "I teach here too.", "role": LabRole.FACULTY},
    )
    assert LabJoinRequest.objects.get(user=person).role == LabRole.FACULTY


@pytest.mark.django_db
def test_a_lead_role_is_never_offered(client, lab):
    client.force_login(PersonFactory(faculty=True))
    page = client.get(reverse("labs:join_request", kwargs={"lab_id": lab.pk}))
    assert f'value="{LabRole.LEAD}"' not in page.content.decode()
