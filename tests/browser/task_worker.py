"""The browser tests' task queue: the production database queue, worked as soon as it is written.

The live server runs in a thread of the test process, on the test database. A separate worker
process cannot see that database (in memory on SQLite), so this backend has django-tasks-db's
own worker (``Worker.run_task`` of ``manage.py db_worker``) run every ready task right after one
is enqueued and committed, in the thread that enqueued it: each task is written to and read back
from the database queue, claimed and run by the real worker code, its result stored, and a story
that sends email has its emails in ``mail.outbox`` by the time its next page loads.

``Worker.run`` itself is not used: its exclusive transaction would collide with the live
server's other threads, which share SQLite's one in-memory connection.
"""

import threading

from django.db import transaction
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

_working = threading.local()


class WorkedDatabaseBackend(DatabaseBackend):
    def enqueue(self, task, args, kwargs):
        result = super().enqueue(task, args, kwargs)
        # Enqueued inside a transaction: the worker could not see the task before the commit.
        transaction.on_commit(self.work)
        return result

    def work(self) -> None:
        if getattr(_working, "active", False):
            return  # a task enqueued by a task: the running loop below picks it up
        _working.active = True
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name=self.alias,
            startup_delay=False,
            max_tasks=None,
            worker_id="browser-tests",
            excluded_queue_names=[],
        )
        try:
            while True:
                ready = DBTaskResult.objects.ready().filter(backend_name=self.alias)
                task_result = ready.order_by("enqueued_at").first()
                if task_result is None:
                    return
                task_result.claim(worker.worker_id)
                worker.run_task(task_result)
        finally:
            _working.active = False
