"""Demo content for the labs app, called by `manage.py seed_demo`. Must stay idempotent."""


def seed(*, home, people, stdout) -> None:
    """Create or update this app's demo content under ``home``.

    ``people`` maps demo handles (see ``policylab_site.demo.DEMO_PEOPLE``) to users.
    """
