"""The demo's knowledge files are files a partner could upload (issue 17, item 5).

``seed_demo`` loads ``knowledge/data/demo/<language>.json`` through the importer, so each file
must be one that ``manage.py import_case_studies`` accepts as it is, every row valid.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from knowledge.demo_languages import DATA, LANGUAGES
from knowledge.models import CaseStudyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(home):
    """The network partners the demo case studies name."""
    from network import demo as network_demo
    from policylab_site.demo import seed_people

    network_demo.seed(home=home, people=seed_people(), stdout=StringIO())


@pytest.mark.parametrize("language_code", ["en", *LANGUAGES])
def test_each_demo_file_is_accepted_by_import_case_studies(partners, gazetteer, language_code):
    """The places the English file tags (districts, upazilas) come from the gazetteer."""
    out = StringIO()
    call_command(
        "import_case_studies", str(DATA / f"{language_code}.json"), "--dry-run", stdout=out
    )
    report = out.getvalue()
    assert "Dry run, nothing written" in report
    assert ", 0 rejected." in report
    assert report.count(": created ") >= 1
    assert not CaseStudyPage.objects.exists()
