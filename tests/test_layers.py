"""What the layers promise, read from the source: page models build their context through
their app's ``contexts`` module, never a view, and a lower app names no app above it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Lowest first: an app may import only the apps before it.
LAYERS = ["core", "network", "knowledge", "labs", "challenges", "search", "policylab_site"]


def _modules(app: str, folder: str = ""):
    base = ROOT / app / folder
    for path in sorted(base.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def _imported(path: Path, tree: ast.AST) -> set[str]:
    """Dotted names of the modules ``tree`` imports, relative imports made absolute."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


# Challenges' page models are being moved to their contexts module in the same issue.
@pytest.mark.parametrize("app", ["knowledge", "network"])
def test_page_models_import_no_views(app):
    for path, tree in _modules(app, "models"):
        views = {name for name in _imported(path, tree) if f"{app}.views" in name}
        assert not views, f"{path.relative_to(ROOT)} imports {sorted(views)}"


@pytest.mark.parametrize("app", ["network", "knowledge"])
def test_an_app_reaches_no_app_above_it(app):
    """Neither an import nor ``apps.get_model("knowledge", ...)``: higher apps register what
    they add (``network.contributions``) from their ``AppConfig.ready()``."""
    higher = LAYERS[LAYERS.index(app) + 1 :]
    for path, tree in _modules(app):
        imported = {name.split(".")[0] for name in _imported(path, tree)}
        assert not imported & set(higher), (
            f"{path.relative_to(ROOT)} imports {imported & set(higher)}"
        )
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get_model":
                raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno} calls get_model")
