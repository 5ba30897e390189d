"""Package discovery only; all metadata is in pyproject.toml.

The standard library owns the import name ``site`` (the interpreter imports it at start-up,
before any project code), so the ``site/`` folder is installed under the import name
``policylab_site``. Editable and regular installs both honour this mapping.
"""

import warnings

from setuptools import find_packages, setup
from setuptools.warnings import InformationOnly

DOMAIN_APPS = ["core", "network", "knowledge", "labs", "challenges", "search"]

site_packages = ["policylab_site"] + [f"policylab_site.{name}" for name in find_packages("site")]
app_packages = find_packages(
    include=[pattern for app in DOMAIN_APPS for pattern in (app, f"{app}.*")]
)

# Because of that mapping an editable install imports through a finder instead of a .pth line,
# and setuptools then says, on every `make install`, "be careful with folders in your working
# directory with the same name as your package". None has that name (the folder is `site/`,
# the package `policylab_site`), so the note is noise for a newcomer's first command.
warnings.filterwarnings("ignore", message="Editable installation", category=InformationOnly)

setup(
    packages=app_packages + site_packages,
    package_dir={"policylab_site": "site"},
)
