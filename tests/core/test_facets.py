"""One toggle helper for every facet link: the listing's address with one option added or
removed, the other filters kept and the page number dropped."""

from django.http import QueryDict

from core.facets import toggle_url


def test_an_option_not_chosen_is_added_beside_its_facet():
    query = QueryDict("q=water&country=PK&theme=budget&page=3")
    assert toggle_url(query, "country", "NP") == "?q=water&country=PK&country=NP&theme=budget"
    assert toggle_url(query, "sdg", "16") == "?q=water&country=PK&theme=budget&sdg=16"


def test_a_chosen_option_is_removed_and_the_page_starts_again():
    query = QueryDict("country=PK&country=NP&page=2")
    assert toggle_url(query, "country", "PK") == "?country=NP"
    assert toggle_url(QueryDict("country=PK&page=2"), "country", "PK") == "?"


def test_values_are_encoded_and_the_query_is_left_alone():
    query = QueryDict("q=a%26b")
    assert toggle_url(query, "theme", "water & sanitation") == "?q=a%26b&theme=water+%26+sanitation"
    assert query.urlencode() == "q=a%26b"
