"""Hostile Markdown in every Markdown field: saved through the services, shown on its page.

For each field a person writes, generated Markdown mixed with markup that would run in a
browser goes through the real save path (services, or the page revision/publish path
for Wagtail pages), then the page that shows it is fetched by someone allowed to see it.
Nothing may raise, nothing may answer 500, and the response may hold no executable markup
beyond what the same page holds with harmless text (the site's own scripts).

Runs on SQLite and PostgreSQL alike; the example count is kept small because every
example saves and fetches real pages.
"""

from collections import Counter
from datetime import date

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from challenges import services as challenge_services
from challenges.models import AgencyResponseKind, ProposalStatus
from core.models import ProfileField
from labs import services as lab_services
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.core import markup_checks
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.labs.factories import LabPageFactory, SpaceWorld

pytestmark = pytest.mark.django_db

HOSTILE_FRAGMENTS = [
    "[", "]", "(", ")", "![", "*", "_", "`", "```\n", "> ", "# ", "- ", "1. ", "|", "\n", "\n\n",
    "&", "<", ">", '"', "'", "\\", "&lt;", "&#106;",
    "<script>alert(1)</script>", "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>", '<svg onload="alert(1)">', "<iframe src=//x.example>",
    '<a href="javascript:alert(1)">a</a>', "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )", "![i](javascript:alert(1))", "[x](data:text/html,<script>)",
    "[r]: javascript:alert(1)\n[r][]", "<a href='jav&#x09;ascript:alert(1)'>t</a>",
    '<p style="background:url(javascript:alert(1))">', "<style>*{}</style>", "<object data=x>",
    "<<script>script>alert(1)<</script>/script>", "<!--", "-->", "<![CDATA[", "]]>",
    "</textarea><script>alert(1)</script>", "</script><script>alert(1)</script>",
    "<base href=//x.example/>", '<form action="javascript:alert(1)"><button>b</button></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]  # fmt: skip

# NUL cannot be stored by PostgreSQL and forms refuse it (with a 400); surrogates are not
# text. Everything else a person could type is fair game.
typed_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=8,
)
hostile_markdown = st.lists(
    st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), typed_text), min_size=1, max_size=25
).map("".join)

EXAMPLES = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


def executable_markup(html: str) -> Counter:
    """What a browser could run in a whole page; the site's own scripts and forms are the
    baseline each check subtracts."""
    return Counter(markup_checks.executable_markup(html))


def assert_adds_no_executable_markup(response, baseline: Counter):
    assert response.status_code == 200, response.status_code
    extra = executable_markup(response.content.decode()) - baseline
    assert not extra, f"executable markup from user text: {list(extra)[:3]}"


def _baseline(client, url) -> Counter:
    response = client.get(url)
    assert response.status_code == 200
    return executable_markup(response.content.decode())


@pytest.fixture
def media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_challenge_brief_answers_updates_and_agency_statements(client, home, media):
    owner = PersonFactory(policymaker=True)
    asker = PersonFactory()
    challenge = ChallengePageFactory(owners=[owner])
    baseline = _baseline(client, challenge.url)
    brief_fields = ("problem_statement", "background", "affected_groups", "desired_outcomes",
                    "constraints", "data_and_resources", "eligibility")  # fmt: skip

    @EXAMPLES
    @given(text=hostile_markdown)
    def check(text):
        page = challenge.specific_class.objects.get(pk=challenge.pk)
        for name in brief_fields:
            setattr(page, name, text)
        page.save_revision().publish()
        question = challenge_services.question_ask(challenge=page, user=asker, body="Why?")
        challenge_services.question_answer(question=question, user=owner, answer=text[:5000])
        challenge_services.challenge_update_post(
            challenge=page, author=owner, title="Update", body=text[:5000]
        )
        challenge_services.agency_response_record(
            challenge=page,
            by=owner,
            kind=AgencyResponseKind.values[0],
            responded_on=date(2026, 1, 1),
            statement=text[:4000],
        )
        assert_adds_no_executable_markup(client.get(page.url), baseline)

    check()


def test_proposal_sections(client, home, media):
    challenge = ChallengePageFactory()
    lab = LabPageFactory()
    proposal = ProposalFactory(challenge=challenge, lab=lab, status=ProposalStatus.DRAFT)
    author = proposal.created_by
    client.force_login(author)
    url = reverse("challenges:proposal_detail", kwargs={"proposal_id": proposal.pk})
    baseline = _baseline(client, url)

    @EXAMPLES
    @given(text=hostile_markdown)
    def check(text):
        challenge_services.proposal_update(
            proposal=proposal,
            user=author,
            fields={"approach": text, "work_plan": text, "experience": text},
        )
        assert_adds_no_executable_markup(client.get(url), baseline)

    check()


def test_space_goal_tasks_posts_and_post_history(client, home, media):
    world = SpaceWorld()
    client.force_login(world.member)
    space_url = world.space.get_absolute_url()
    thread_url = world.thread.get_absolute_url()
    task_url = world.task.get_absolute_url()
    history_url = reverse(
        "labs:post_history",
        kwargs={
            "space_id": world.space.pk,
            "thread_id": world.thread.pk,
            "post_id": world.post.pk,
        },
    )
    urls = (space_url, thread_url, task_url, history_url)
    baselines = {url: _baseline(client, url) for url in urls}

    @EXAMPLES
    @given(text=hostile_markdown)
    def check(text):
        lab_services.project_space_update(space=world.space, updated_by=world.owner, goal=text)
        lab_services.task_update(task=world.task, updated_by=world.owner, description=text)
        lab_services.post_create(thread=world.thread, author=world.member, body=text)
        lab_services.post_edit(post=world.post, editor=world.member, body=text + " (edited)")
        for url in urls:
            assert_adds_no_executable_markup(client.get(url), baselines[url])

    check()


def test_case_studies_and_findings_pages_print_views_and_api(client, home, media):
    study = CaseStudyPageFactory()
    finding = FindingPageFactory()
    urls = (study.url, study.url + "print/", finding.url, finding.url + "print/")
    baselines = {url: _baseline(client, url) for url in urls}
    case_fields = ("problem", "what_was_done", "implementation", "results", "lessons",
                   "transferability")  # fmt: skip

    @EXAMPLES
    @given(text=hostile_markdown)
    def check(text):
        page = study.specific_class.objects.get(pk=study.pk)
        for name in case_fields:
            setattr(page, name, text)
        page.save_revision().publish()
        page = finding.specific_class.objects.get(pk=finding.pk)
        page.abstract = text[:1500] or "An abstract."
        page.body = text
        page.save_revision().publish()
        for url in urls:
            assert_adds_no_executable_markup(client.get(url), baselines[url])
        for pk in (study.pk, finding.pk):
            response = client.get(f"/api/v2/knowledge/{pk}/")
            assert response.status_code == 200
            for value in response.json().values():
                if isinstance(value, str):
                    assert not executable_markup(value)

    check()


def test_profile_bio(client, home):
    person = PersonFactory(username="bio-person", profile__public_fields=[ProfileField.BIO])
    profile = person.profile
    url = reverse("core:profile", kwargs={"username": person.username})
    baseline = _baseline(client, url)

    @EXAMPLES
    @given(text=hostile_markdown)
    def check(text):
        profile.bio = text[:1000]
        profile.save()
        assert_adds_no_executable_markup(client.get(url), baseline)

    check()
