"""Matchmaking: "Challenges for you" on a person's dashboard and a lead's suggested students."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Country
from labs.models import LabRole
from tests.challenges.factories import ChallengePageFactory
from tests.factories import PersonFactory
from tests.labs.factories import LabMembershipFactory
from tests.network.factories import theme
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def _profile(person, *, expertise=(), languages="", country="PK", public=None):
    profile = person.profile
    profile.expertise.set(list(expertise))
    profile.languages = languages
    profile.country = Country.objects.get(code=country) if country else None
    if public is not None:
        profile.public_fields = public
    profile.save()
    return profile


def _themed(page, slug="public-finance"):
    """Give a lab or challenge page a governance theme (a parental relation: saved on publish)."""
    page.themes.set([theme(slug)])
    page.save_revision().publish()
    return page


@pytest.fixture
def student(lab_page):
    person = PersonFactory(username="hamza", member_of=lab_page)
    _profile(person, expertise=["procurement"], languages="Urdu, English")
    return person


@pytest.fixture
def procurement_brief(home):
    return ChallengePageFactory(
        title="Cleaning up district procurement",
        summary="Procurement delays in district hospitals.",
        province="Punjab",
    )


def _dashboard(client, person):
    client.force_login(person)
    return client.get(reverse("core:dashboard"))


def test_dashboard_suggests_a_fitting_open_challenge_with_its_reasons(
    client, student, procurement_brief
):
    unrelated = ChallengePageFactory(
        title="Tea estate wages", summary="Wages.", country=Country.objects.get(code="LK")
    )
    response = _dashboard(client, student)
    html = response.content.decode()
    assert "Challenges for you" in html
    assert procurement_brief.title in html
    assert unrelated.title not in html
    assert "Matches:" in html
    for reason in ("procurement", "Punjab"):
        assert f"<bdi>{reason}</bdi>" in html


def test_nothing_to_suggest_leaves_the_dashboard_without_the_panel(client, home):
    person = PersonFactory()
    _profile(person, expertise=["fisheries"], country="MV")
    ChallengePageFactory(title="Tea estate wages", summary="Wages.")
    html = _dashboard(client, person).content.decode()
    assert "Challenges for you" not in html


def test_closed_and_draft_challenges_are_not_suggested(client, student, home):
    now = timezone.now()
    closed = ChallengePageFactory(
        title="Closed procurement brief",
        opens=now - timedelta(days=30),
        closes=now - timedelta(days=1),
    )
    draft = ChallengePageFactory(title="Draft procurement brief", live=False)
    html = _dashboard(client, student).content.decode()
    assert closed.title not in html
    assert draft.title not in html


def test_lab_themes_and_language_rank_and_explain(client, lab_page, home):
    _themed(lab_page)
    person = PersonFactory(member_of=lab_page)
    _profile(person, languages="English", country="BD")
    themed = ChallengePageFactory(title="Budget credibility", country=None)
    _themed(themed)
    only_english = ChallengePageFactory(title="Nothing in common", country=None)
    html = _dashboard(client, person).content.decode()
    assert themed.title in html
    assert "<bdi>Public finance</bdi>" in html
    assert "<bdi>English</bdi>" in html
    # A shared language alone is not a reason to suggest a challenge.
    assert only_english.title not in html


def test_better_matches_come_first(client, student, procurement_brief):
    weaker = ChallengePageFactory(title="Police station records", summary="Records.")
    html = _dashboard(client, student).content.decode()
    assert html.index(procurement_brief.title) < html.index(weaker.title)


def test_the_dashboard_shows_five_and_links_to_every_suggestion_page_by_page(client, student, home):
    titles = [f"Procurement brief {number:02}" for number in range(25)]
    for title in titles:
        ChallengePageFactory(title=title)
    html = _dashboard(client, student).content.decode()
    assert sum(title in html for title in titles) == 5
    see_all = reverse("challenges:matches")
    assert see_all in html
    first = client.get(see_all).content.decode()
    second = client.get(see_all + "?page=2").content.decode()
    assert sum(title in first for title in titles) == 20
    assert sum(title in second for title in titles) == 5


def test_matching_off_hides_the_panel_and_the_page_says_so(client, student, procurement_brief):
    student.profile.matching_enabled = False
    student.profile.save()
    html = _dashboard(client, student).content.decode()
    assert "Challenges for you" not in html
    page = client.get(reverse("challenges:matches")).content.decode()
    assert procurement_brief.title not in page
    assert "You turned suggestions off" in page


def test_the_profile_form_turns_matching_off(client, student, procurement_brief):
    client.force_login(student)
    response = client.post(
        reverse("core:profile_edit"),
        {
            "display_name": "Hamza",
            "role": "student",
            "institution": "",
            "expertise": "procurement",
            "languages": "Urdu",
            "public_fields": ["expertise"],
            "is_public": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    student.profile.refresh_from_db()
    assert student.profile.matching_enabled is False
    assert procurement_brief.title not in client.get(reverse("core:dashboard")).content.decode()


def test_the_matches_page_shows_only_the_signed_in_persons_own(client, student, home):
    other = PersonFactory()
    _profile(other, expertise=["sanitation"], country="LK")
    sanitation = ChallengePageFactory(
        title="Sanitation in Colombo",
        summary="Sanitation.",
        country=Country.objects.get(code="LK"),
    )
    client.force_login(student)
    url = reverse("challenges:matches")
    for tampered in ("", f"?user={other.pk}", f"?username={other.username}"):
        assert sanitation.title not in client.get(url + tampered).content.decode()
    client.force_login(other)
    assert sanitation.title in client.get(url).content.decode()


def test_the_matches_page_needs_a_sign_in(client):
    url = reverse("challenges:matches")
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_matches_page_runs_the_same_queries_however_many_challenges(
    client, student, lab_page, home
):
    _themed(lab_page)
    url = reverse("challenges:matches")
    client.force_login(student)
    for number in range(2):
        page = ChallengePageFactory(title=f"Procurement brief {number}")
        _themed(page)
    few = queries_of(client, url)
    for number in range(2, 14):
        page = ChallengePageFactory(title=f"Procurement brief {number}")
        _themed(page)
    assert queries_of(client, url) == few


def test_the_dashboard_runs_the_same_queries_however_many_challenges(client, student, home):
    client.force_login(student)
    ChallengePageFactory(title="Procurement brief 0")
    few = queries_of(client, reverse("core:dashboard"))
    for number in range(1, 12):
        ChallengePageFactory(title=f"Procurement brief {number}")
    assert queries_of(client, reverse("core:dashboard")) == few


# --- a lead's suggested students -------------------------------------------------------


@pytest.fixture
def lead(lab_page):
    return PersonFactory(username="lead", faculty=True, lead_of=lab_page)


def _students_url(challenge, lab):
    return reverse("challenges:suggested_students", args=[challenge.pk, lab.pk])


def test_a_lead_sees_their_students_who_fit_with_reasons(
    client, lead, lab_page, student, procurement_brief
):
    _profile(student, expertise=["procurement"], languages="Urdu", public=["expertise", "country"])
    client.force_login(lead)
    page = client.get(procurement_brief.url).content.decode()
    url = _students_url(procurement_brief, lab_page)
    assert url in page
    html = client.get(url).content.decode()
    assert student.public_name in html
    assert "<bdi>procurement</bdi>" in html
    assert "<bdi>Punjab</bdi>" in html


def test_hidden_profile_fields_neither_rank_nor_show_in_a_leads_list(client, lead, lab_page, home):
    brief = ChallengePageFactory(
        title="Urdu service centres", summary="Service centres.", province="Sindh"
    )
    _themed(brief)
    hidden = PersonFactory(display_name="Hidden Expert", member_of=lab_page)
    # Expertise, languages and country all fit, but none is shown publicly.
    _profile(hidden, expertise=["service centres"], languages="Urdu", public=["institution"])
    shown = PersonFactory(display_name="Shown Expert", member_of=lab_page)
    _profile(shown, expertise=["service centres", "secret"], languages="Urdu", public=["expertise"])
    _themed(lab_page)
    client.force_login(lead)
    html = client.get(_students_url(brief, lab_page)).content.decode()
    assert "Hidden Expert" not in html
    assert "Shown Expert" in html
    assert "<bdi>service centres</bdi>" in html
    # Shown's languages and country are hidden: neither is a reason.
    assert "<bdi>Sindh</bdi>" not in html
    assert "Urdu</bdi>" not in html
    # The lab's themes say nothing about a student and are not used for the lead's list.
    assert "<bdi>Public finance</bdi>" not in html


def test_a_private_profile_is_never_suggested_to_a_lead(client, lead, lab_page, procurement_brief):
    private = PersonFactory(display_name="Private Person", member_of=lab_page)
    _profile(private, expertise=["procurement"], public=["expertise", "country"])
    private.profile.is_public = False
    private.profile.save()
    client.force_login(lead)
    assert (
        "Private Person"
        not in client.get(_students_url(procurement_brief, lab_page)).content.decode()
    )


def test_matching_off_keeps_a_student_out_of_a_leads_list(
    client, lead, lab_page, student, procurement_brief
):
    _profile(student, expertise=["procurement"], public=["expertise", "country"])
    student.profile.matching_enabled = False
    student.profile.save()
    client.force_login(lead)
    html = client.get(_students_url(procurement_brief, lab_page)).content.decode()
    assert student.public_name not in html


def test_a_lead_sees_only_their_own_labs_students(
    client, lead, lab_page, other_lab, procurement_brief
):
    outsider = PersonFactory(display_name="Other Lab Student", member_of=other_lab)
    _profile(outsider, expertise=["procurement"], public=["expertise", "country"])
    client.force_login(lead)
    assert (
        "Other Lab Student"
        not in client.get(_students_url(procurement_brief, lab_page)).content.decode()
    )
    assert client.get(_students_url(procurement_brief, other_lab)).status_code == 404


@pytest.mark.parametrize("who", ["other_lead", "member", "faculty", "outsider", "moderator"])
def test_only_the_labs_lead_may_see_its_suggested_students(
    client, who, lab_page, other_lab, procurement_brief, moderator
):
    people = {
        "other_lead": lambda: PersonFactory(faculty=True, lead_of=other_lab),
        "member": lambda: PersonFactory(member_of=lab_page),
        "faculty": lambda: (
            LabMembershipFactory(
                lab=lab_page, user=PersonFactory(faculty=True), role=LabRole.FACULTY
            ).user
        ),
        "outsider": lambda: PersonFactory(),
        "moderator": lambda: moderator,
    }
    client.force_login(people[who]())
    assert client.get(_students_url(procurement_brief, lab_page)).status_code == 404


def test_suggested_students_need_a_sign_in(client, lab_page, procurement_brief):
    response = client.get(_students_url(procurement_brief, lab_page))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_suggested_students_of_an_unpublished_challenge_answer_404(client, lead, lab_page, home):
    draft = ChallengePageFactory(title="Draft", live=False)
    client.force_login(lead)
    assert client.get(_students_url(draft, lab_page)).status_code == 404


def test_suggested_students_run_the_same_queries_however_many_members(
    client, lead, lab_page, procurement_brief
):
    def add_students(count, start):
        for number in range(start, start + count):
            person = PersonFactory(username=f"s{number}", member_of=lab_page)
            _profile(person, expertise=["procurement", f"topic {number}"], public=["expertise"])

    add_students(2, 0)
    client.force_login(lead)
    url = _students_url(procurement_brief, lab_page)
    few = queries_of(client, url)
    add_students(12, 2)
    assert queries_of(client, url) == few


def test_a_brief_tagged_with_a_district_is_matched_by_that_places_name(client, student, gazetteer):
    """The place reason names the most precise place the brief is tagged with (the gazetteer's),
    not the free-text province; and an expertise in a place's name finds briefs tagged there."""
    tagged = ChallengePageFactory(
        title="Water tariffs", summary="Tariff reform.", places=[gazetteer("PK-PB-LAHORE")]
    )
    _profile(student, expertise=["Punjab"])
    html = _dashboard(client, student).content.decode()
    assert tagged.title in html
    assert "<bdi>Lahore</bdi>" in html
    assert "<bdi>Punjab</bdi>" in html  # the expertise, found in the place's lineage
