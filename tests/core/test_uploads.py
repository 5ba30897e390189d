"""The one upload policy: type judged by content, programs and active content refused."""

import pytest
from django.core.exceptions import ValidationError

from core.uploads import FILE_KINDS, UploadPolicy, content_type_for
from tests.files import DISGUISED, pdf_bytes, upload, windows_executable, word_document

POLICY = UploadPolicy(tuple(FILE_KINDS))


@pytest.mark.parametrize("name,content", DISGUISED)
def test_programs_and_pages_are_refused_whatever_their_name(name, content):
    with pytest.raises(ValidationError) as refusal:
        POLICY.check(upload(name, content))
    assert name in refusal.value.messages[0]
    assert "web page, script or program" in refusal.value.messages[0]


@pytest.mark.parametrize(
    "name,content",
    [
        ("report.pdf", word_document()),
        ("report.docx", pdf_bytes()),
        ("photo.png", pdf_bytes()),
        ("report.pdf", b"just some words, not a PDF"),
    ],
)
def test_content_that_does_not_match_the_name_is_refused(name, content):
    with pytest.raises(ValidationError) as refusal:
        POLICY.check(upload(name, content))
    assert "does not match its name" in refusal.value.messages[0]


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("report.pdf", pdf_bytes(), "application/pdf"),
        ("brief.docx", word_document(), FILE_KINDS["docx"].content_type),
        ("notes.txt", "Notes in বাংলা and اردو\n".encode(), "text/plain; charset=utf-8"),
        ("notes.txt", "Notes\r\n".encode("utf-16"), "text/plain; charset=utf-8"),
        ("budget.csv", b"item,cost\nfuel,10\n", "text/csv; charset=utf-8"),
        ("readme.md", b"# Title\n\nSee <https://example.org> and 2 < 3.\n", "text/markdown; charset=utf-8"),
        ("MZ-notes.txt", b"MZ means Mizoram in our notes.\n", "text/plain; charset=utf-8"),
    ],
)  # fmt: skip
def test_genuine_files_are_accepted_with_the_type_they_are_served_as(name, content, expected):
    assert POLICY.check(upload(name, content)) == expected


def test_binary_in_a_text_name_is_refused():
    with pytest.raises(ValidationError) as refusal:
        POLICY.check(upload("table.csv", b"\x00\x01\x02binary"))
    assert "is not plain text" in refusal.value.messages[0]


def test_extension_outside_the_path_is_refused_with_the_list():
    with pytest.raises(ValidationError) as refusal:
        UploadPolicy(("pdf", "docx")).check(upload("tool.exe", windows_executable()))
    assert refusal.value.messages == ["“tool.exe” is not an allowed type. Accepted: pdf, docx."]


def test_served_type_comes_from_the_policy():
    assert content_type_for("Report.PDF") == "application/pdf"
    assert content_type_for("page.html") == "application/octet-stream"
    assert content_type_for("logo.svg") == "application/octet-stream"


def test_the_policy_is_a_django_validator_on_any_file_field():
    """Any form FileField can carry the policy in ``validators``, with its messages."""
    from django import forms

    field = forms.FileField(validators=[UploadPolicy(("pdf",))])

    with pytest.raises(ValidationError) as refusal:
        field.clean(upload("report.pdf", windows_executable()))
    assert refusal.value.messages == [
        "“report.pdf” looks like a web page, script or program, which cannot be shared."
    ]
    assert field.clean(upload("report.pdf", pdf_bytes())).name == "report.pdf"
