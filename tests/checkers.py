"""The npm-installed checkers the suite runs over rendered pages (see package.json).

``make test`` installs them with ``npm ci``; without npm, or without java for the Nu HTML
checker, the tests that need them skip with a message saying what to install.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

NODE_MODULES = Path(__file__).resolve().parents[1] / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
INSTALL_HINT = "run `make test` (it runs `npm ci`) or `npm ci --ignore-scripts`"


@dataclass(frozen=True)
class NuError:
    url: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.url} line {self.line}: {self.message}"


def require_vnu() -> str:
    """The java executable to run vnu.jar with; skips the test when either is missing."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("The Nu HTML checker needs java (apt-get install default-jre-headless).")
    if not VNU_JAR.exists():
        pytest.skip(f"The Nu HTML checker is not installed at {VNU_JAR}: {INSTALL_HINT}.")
    return java


def nu_html_errors(pages: dict[str, str], directory: Path) -> list[NuError]:
    """Nu HTML checker errors in ``pages`` ({url: html}), checked in one run of the checker.

    One JVM start for every page: starting java costs a second or two, checking a page
    milliseconds.
    """
    java = require_vnu()
    files = {}
    for number, (url, html) in enumerate(pages.items()):
        path = directory / f"page-{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = url
    result = subprocess.run(  # noqa: S603 - our own pinned jar on files we just wrote
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    if result.returncode not in (0, 1):
        raise AssertionError(f"vnu failed (exit {result.returncode}): {result.stderr[-2000:]}")
    report = json.loads(result.stderr)
    # vnu names each file "file:/tmp/...".
    return [
        NuError(
            files.get(message.get("url", "").removeprefix("file:"), message.get("url", "")),
            message.get("lastLine", 0),
            message["message"],
        )
        for message in report["messages"]
    ]
