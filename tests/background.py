"""The production task queue in tests: tasks wait in the database until ``run_worker()``.

The suite runs tasks at once (settings.test); a test that asserts what a request leaves for the
worker uses the ``task_queue`` fixture (tests/conftest.py) and then runs the worker itself.
"""

from django.core.management import call_command


def run_worker() -> None:
    """``manage.py db_worker`` until the queue holds nothing ready (tasks deferred stay)."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
