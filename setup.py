"""Package discovery only; all metadata is in pyproject.toml.

The standard library owns the import name ``site`` (the interpreter imports it at start-up,
before any project code), so the ``site/`` folder is installed under the import name
``policylab_site``. Editable and regular installs both honour this mapping.
"""

from setuptools import find_packages, setup

DOMAIN_APPS = ["core", "network", "knowledge", "labs", "challenges", "search"]

site_packages = ["policylab_site"] + [f"policylab_site.{name}" for name in find_packages("site")]
app_packages = find_packages(
    include=[pattern for app in DOMAIN_APPS for pattern in (app, f"{app}.*")]
)

setup(
    packages=app_packages + site_packages,
    package_dir={"policylab_site": "site"},
)
