"""`make lint`'s duplicate-code check (pylint R0801 with pyproject.toml's settings) reports
copied logic and not shared imports."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

IMPORTS = """\
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
"""

COPIED_BRANCH = """

def {name}(request, membership, form, services):
    try:
        services.role_change(membership=membership, role=form.cleaned_data["role"])
    except services.MembershipError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Role updated for %(person)s.") % {{"person": membership}})
    return redirect(request.path)
"""


def duplicate_code_report(tmp_path, first: str, second: str) -> str:
    (tmp_path / "first.py").write_text(first, encoding="utf-8")
    (tmp_path / "second.py").write_text(second, encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "pylint", f"--rcfile={ROOT / 'pyproject.toml'}", "first.py",
         "second.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    return result.stdout


def test_a_branch_copied_between_two_modules_is_reported(tmp_path):
    report = duplicate_code_report(
        tmp_path,
        IMPORTS + COPIED_BRANCH.format(name="membership_role"),
        IMPORTS + COPIED_BRANCH.format(name="space_role"),
    )
    assert "R0801" in report and "Role updated" in report


def test_the_same_imports_in_two_modules_are_not(tmp_path):
    assert "R0801" not in duplicate_code_report(tmp_path, IMPORTS, IMPORTS + "\nVALUE = 1\n")
