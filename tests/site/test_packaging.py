"""The installed site carries every file Django reads beside the code.

`include-package-data` is off (with it `make install` printed 42 setuptools warnings), so a
template, static file or data file is installed only when a `package-data` pattern in
pyproject.toml names it: a file in a folder of another kind would be left out of a regular
(non-editable) install.
"""

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_FOLDERS = ["core", "network", "knowledge", "labs", "challenges", "search", "site"]


def _declared_patterns() -> list[str]:
    setuptools_config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"
    ]["setuptools"]
    assert setuptools_config["include-package-data"] is False
    # fnmatch's "*" also matches "/", so "templates/**/*" is "templates/*" to it.
    return [pattern.replace("**/", "") for pattern in setuptools_config["package-data"]["*"]]


def _undeclared(folder: Path, patterns: list[str]) -> list[str]:
    """Files under folder, other than Python, that no pattern names (relative to its package)."""
    missing = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix in {".py", ".pyc"} or "__pycache__" in path.parts:
            continue
        # A data file belongs to the nearest folder above it with an __init__.py.
        package = path.parent
        while not (package / "__init__.py").exists():
            package = package.parent
        if not any(fnmatch.fnmatch(path.relative_to(package).as_posix(), p) for p in patterns):
            missing.append(path.relative_to(folder).as_posix())
    return missing


def test_every_file_beside_the_code_is_declared_as_package_data():
    patterns = _declared_patterns()
    assert [
        f"{folder}/{name}"
        for folder in PACKAGE_FOLDERS
        for name in _undeclared(ROOT / folder, patterns)
    ] == []


def test_a_file_outside_the_declared_folders_is_reported(tmp_path):
    (tmp_path / "__init__.py").touch()
    (tmp_path / "templates" / "app").mkdir(parents=True)
    (tmp_path / "templates" / "app" / "page.html").touch()
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "rows.json").touch()

    assert _undeclared(tmp_path, _declared_patterns()) == ["fixtures/rows.json"]
