"""The production task queue in tests: tasks wait in the database until ``run_worker()``.

The suite runs tasks at once (settings.test); a test that asserts what a request leaves for the
worker uses the ``task_queue`` fixture (tests/conftest.py) and then runs the worker itself.
"""

from unittest import mock

from django.core.management import call_command


def run_worker() -> None:
    """``manage.py db_worker`` until the queue holds nothing ready (tasks deferred stay).

    The worker closes "old" connections between tasks, as a request cycle does; inside a test's
    transaction PostgreSQL's connection counts as one (autocommit is off) and would be closed
    under the test, so that check is left out here, as the test client leaves it out of requests.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
