"""How long a thread reply in a 30-member space takes to answer with the mail server down.

Issue 16: a reply used to send its 29 emails over 29 SMTP connections before answering (1.5 s
with a local mail server). The emails now wait in the task queue (``core.emails``), so the
reply must answer in under 100 ms whether or not the mail server is up.

    .venv/bin/python bench/reply.py                       # /tmp/policylab-reply.sqlite3
    .venv/bin/python bench/reply.py --database /tmp/other.sqlite3 --repeat 50

The first run builds a throw-away SQLite database (``migrate`` and ``seed_demo``, a minute or
two; never point it at a database you care about) and grows the demo's project space to 30
members with the services people's actions call (sign-up's ``profile_create_for_signup``, the
owner's ``space_member_add``). Then a member posts ``--repeat`` replies through Django's test
client with the production settings (the database task queue) and ``EMAIL_URL`` pointing at a
port nothing listens on: the mail server is stopped. Printed: the median and worst wall and
CPU time of a reply, the SMTP connections tried during the replies (must be 0), and the email
tasks each reply left in the queue with their recipients (one task carries every email).
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEMBERS = 30


def _closed_port() -> int:
    """A local port nothing listens on: connecting is refused, as with a stopped mail server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _configure(database: Path) -> None:
    static_root = database.with_name(f"{database.stem}-static")
    static_root.mkdir(exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="policylab_site.settings.production",
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "reply-bench-only-not-secret",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        PAGE_CACHE_SECONDS="0",
        EMAIL_URL=f"smtp://127.0.0.1:{_closed_port()}",
        # Nothing is served from it; an empty folder beside the database for WhiteNoise.
        STATIC_ROOT=str(static_root),
    )
    import django

    django.setup()
    # Seeding logs every page it publishes; only the figures matter here.
    logging.getLogger("wagtail").setLevel(logging.WARNING)


def _prepare() -> None:
    """Migrate; seed the demo if the database has no project space yet."""
    from django.core.management import call_command

    from labs.models import ProjectSpace

    call_command("migrate", verbosity=0, interactive=False)
    if not ProjectSpace.objects.exists():
        print("Seeding the demo (a minute or two) …", flush=True)
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _space_of_thirty():
    """The demo space with the most members, grown to ``MEMBERS`` people who signed up."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from core.models import ProfileRole
    from core.services import profile_create_for_signup
    from labs.models import ProjectSpace, SpaceRole
    from labs.services import space_member_add

    space = (
        ProjectSpace.objects.annotate(people=Count("memberships")).order_by("-people", "pk").first()
    )
    owner = space.created_by
    for number in range(space.memberships.count(), MEMBERS):
        handle = f"reply-bench-{space.pk}-{number}"
        user = get_user_model().objects.create_user(
            username=handle, email=f"{handle}@bench.policylab.example", password=None
        )
        profile_create_for_signup(
            user=user, display_name=handle, role=ProfileRole.STUDENT, language="en"
        )
        space_member_add(space=space, user=user, role=SpaceRole.MEMBER, added_by=owner)
    return space


def _thread_and_author(space):
    from labs.models import Thread
    from labs.services import thread_create

    writer = next(m.user for m in space.memberships.select_related("user") if m.can_write)
    thread = Thread.objects.filter(space=space).order_by("pk").first() or thread_create(
        space=space, author=writer, title="Reply timing", body="Replies below."
    )
    return thread, writer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, default=Path("/tmp/policylab-reply.sqlite3"))
    parser.add_argument("--repeat", type=int, default=20)
    arguments = parser.parse_args()

    _configure(arguments.database)
    _prepare()

    import smtplib

    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    space = _space_of_thirty()
    thread, author = _thread_and_author(space)
    members = space.memberships.count()
    client = Client()
    client.force_login(author)
    url = thread.get_absolute_url()

    attempts = []
    real_connect = smtplib.SMTP.connect

    def counted_connect(self, *args, **kwargs):
        attempts.append(args)
        return real_connect(self, *args, **kwargs)

    smtplib.SMTP.connect = counted_connect

    def reply(number: int) -> tuple[float, float, list]:
        before = set(DBTaskResult.objects.values_list("pk", flat=True))
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.post(url, {"body": f"Reply {number} while the mail server is down."})
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if response.status_code != 302:
            raise SystemExit(f"reply {number} answered {response.status_code}, not 302")
        return wall * 1000, cpu * 1000, list(DBTaskResult.objects.exclude(pk__in=before))

    reply(0)  # warm-up: per-process caches (site, content types, translations)
    walls, cpus, tasks = [], [], []
    for number in range(1, arguments.repeat + 1):
        wall, cpu, queued = reply(number)
        walls.append(wall)
        cpus.append(cpu)
        tasks.append(queued)

    messages = [len(task.args_kwargs["kwargs"].get("messages", [])) for task in tasks[-1]]
    print(
        f"\nReply in a {members}-member space, mail server stopped, {arguments.repeat} replies"
        f" ({arguments.database})\n"
        f"  wall ms: median {statistics.median(walls):.1f}, worst {max(walls):.1f}\n"
        f"  CPU ms:  median {statistics.median(cpus):.1f}, worst {max(cpus):.1f}\n"
        f"  SMTP connections tried during the replies: {len(attempts)}\n"
        f"  email tasks queued per reply: {statistics.median(len(t) for t in tasks):g}"
        f" ({' + '.join(str(n) for n in messages)} emails in the last reply's)"
    )
    if os.path.exists("/proc/loadavg"):
        # Wall time waits for a CPU on a shared machine; the CPU time does not.
        print(f"  load average at the end: {Path('/proc/loadavg').read_text().split()[:3]}")
    if statistics.median(walls) >= 100 or attempts:
        raise SystemExit("FAILED: a reply must answer in under 100 ms without the mail server")


if __name__ == "__main__":
    main()
