"""The import contracts (``[tool.importlinter]`` in pyproject.toml, run by ``make imports`` in CI)
hold on the code as it is, and break on what they are there to stop: an app importing one above
it, and two modules of one app importing each other."""

from pathlib import Path

import pytest
from importlinter import configuration
from importlinter.application import use_cases
from importlinter.application.app_config import settings

PYPROJECT = str(Path(__file__).resolve().parent.parent / "pyproject.toml")


class GraphWithImports:
    """The project's real import graph, plus the imports a test adds."""

    def __init__(self, builder, imports):
        self.builder, self.imports = builder, imports

    def build(self, **options):
        graph = self.builder.build(**options)
        for importer, imported in self.imports:
            graph.add_import(importer=importer, imported=imported)
        return graph


def broken_contracts(monkeypatch, *imports) -> set[str]:
    configuration.configure()
    # What lint-imports does before building its report; import-linter 2.17 (pinned) has no
    # public call for it.
    use_cases._register_built_in_contract_types()
    monkeypatch.setattr(
        settings, "GRAPH_BUILDER", GraphWithImports(settings.GRAPH_BUILDER, imports)
    )
    report = use_cases.create_report(use_cases.read_user_options(PYPROJECT), cache_dir=None)
    assert not report.could_not_run, report.invalid_contract_options
    return {
        contract.name for contract, check in report.get_contracts_and_checks() if not check.kept
    }


def test_the_code_keeps_every_contract(monkeypatch):
    assert broken_contracts(monkeypatch) == set()


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("core.text", "search.service"),  # the bottom layer reaching the top
        ("network.models", "knowledge.models"),  # one layer up
        ("search.engines.base", "policylab_site.models"),  # search reaching the site
    ],
)
def test_an_upward_import_breaks_the_layers(monkeypatch, importer, imported):
    assert broken_contracts(monkeypatch, (importer, imported)) == {
        "Apps import only downward (README, Layout)"
    }


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("search.service", "search.indexing"),  # the cycle search.documents broke
        ("labs.models.pages", "labs.selectors"),  # the cycle labs.contexts broke
        ("search.engines.embedded.side_connection", "search.engines.embedded.postgres"),
        ("core.time_zones", "core.models"),  # the cycle time_zone_choices' argument broke
        ("policylab_site.services", "policylab_site.models"),  # the cycle site/forms.py broke
    ],
)
def test_a_cycle_inside_an_app_breaks_the_acyclic_contract(monkeypatch, importer, imported):
    assert broken_contracts(monkeypatch, (importer, imported)) == {
        "No import cycles between the modules of one app"
    }
