"""The knowledge filters tell a screen reader "1 result" and "2 results", never "1 results"."""

import pytest

from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def test_facet_counts_read_in_the_singular_and_the_plural(client, home):
    CaseStudyPageFactory(title="Pakistan only", countries=["PK"])
    CaseStudyPageFactory(title="India one", countries=["IN"])
    CaseStudyPageFactory(title="India two", countries=["IN"])

    html = client.get("/knowledge/").content.decode()

    assert '1<span class="visually-hidden"> result</span>' in html
    assert '2<span class="visually-hidden"> results</span>' in html
    assert '1<span class="visually-hidden"> results</span>' not in html
