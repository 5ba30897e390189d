"""@mentions become links only for the handles the caller names, and stay safe text otherwise."""

import pytest

from core.html_sanitize import mentioned_handles, sanitize_html
from core.text import render_markdown

from .test_text import PAYLOADS, assert_script_free

LINKS = {"bob": "/labs/spaces/7/people/bob/", "علی-رضا": "/labs/spaces/7/people/%D8%B9/"}


def test_a_named_handle_becomes_a_link():
    html = render_markdown("Thanks @bob.", mention_links=LINKS)
    assert '<a href="/labs/spaces/7/people/bob/" rel="nofollow noopener">@bob</a>.' in html


def test_handles_match_whatever_their_case():
    assert 'href="/labs/spaces/7/people/bob/"' in render_markdown("@Bob", mention_links=LINKS)


def test_unknown_handles_and_text_without_links_stay_plain():
    assert "<a" not in render_markdown("@carol and @bob", mention_links={})
    assert "<a" not in render_markdown("@carol", mention_links=LINKS)
    assert "<a" not in render_markdown("@bob")


def test_no_link_inside_links_code_or_email_addresses():
    html = render_markdown(
        "`@bob` and [ask @bob](https://example.org) and bob@bob.org\n\n    @bob in code",
        mention_links=LINKS,
    )
    assert 'href="/labs/' not in html


def test_right_to_left_handles_are_linked_and_the_text_kept():
    html = render_markdown("شکریہ @علی-رضا!", mention_links=LINKS)
    assert '<a href="/labs/spaces/7/people/%D8%B9/" rel="nofollow noopener">@علی-رضا</a>!' in html


def test_a_handle_longer_than_any_username_is_not_cut_to_a_known_one():
    long_name = "bob" + "b" * 300
    assert "<a" not in render_markdown(f"@{long_name}", mention_links={long_name[:150]: "/x/"})


def test_a_script_after_the_at_sign_stays_harmless():
    html = render_markdown(
        "@<script>alert(1)</script>bob @bob<img src=x onerror=alert(1)>", mention_links=LINKS
    )
    assert_script_free(html)
    assert "alert" not in html
    assert "<script" not in html


def test_bidi_controls_do_not_extend_a_handle():
    html = render_markdown("@\u202ebob", mention_links=LINKS)
    assert "<a" not in html


def test_an_address_a_browser_would_run_is_never_linked():
    html = render_markdown("@bob", mention_links={"bob": "javascript:alert(1)"})
    assert "<a" not in html
    assert_script_free(html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_xss_corpus_with_mentions_linked_leaves_nothing_script_capable(payload):
    links = {"bob": "/people/bob/", "script": "/people/script/", "img": "/people/img/"}
    html = render_markdown(f"@bob @script @img {payload} @bob", mention_links=links)
    assert_script_free(html)
    assert sanitize_html(html) == sanitize_html(sanitize_html(html))


def test_mentioned_handles_are_lower_cased_without_a_sentence_full_stop():
    assert mentioned_handles("Hi @Bob. and @علی-رضا, not a@b.org") == {"bob", "علی-رضا"}
