"""Load benchmark: anonymous requests/s and p95 under gunicorn, with and without the page cache.

    DATABASE_URL=sqlite:////tmp/policylab-load.sqlite3 .venv/bin/python bench/load.py
    DATABASE_URL=postgres://… .venv/bin/python bench/load.py --concurrency 16 --seconds 15

Production settings, gunicorn with 2 sync workers on 127.0.0.1 (a free port). The database is
migrated and, if it has no case study, seeded with the demo content (``seed_demo``); static files
are collected into a temporary folder. Then, in one run, it serves the same database twice: once
with PAGE_CACHE_SECONDS=0 (every request renders) and once with the page cache on, and for each
of the home page, /knowledge/, one case study and a search page it keeps ``--concurrency``
clients busy for ``--seconds`` and reports requests/s, median and p95 latency and the share of
answers that were not 200. Every client is anonymous and asks for gzip, as browsers do; a
bounded pool of threads, one request per connection (gunicorn's sync workers close each).

Beside the wall-clock figures it reports the CPU time the gunicorn workers spent per request
(from /proc, on Linux): on a machine shared with other jobs the requests/s say more about the
other jobs than about the site, while the CPU per request does not, and
``workers x 1000 / cpu_ms`` is what the workers could serve on as many idle cores.

It also prints the bytes of each page with and without gzip and checks that a static file is
served brotli-compressed. The page cache folder is private to the run.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(database_url: str, static_root: str, cache_dir: str, seconds: int) -> dict:
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="policylab_site.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY=environment.get("SECRET_KEY") or "load-bench-only-not-secret",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=static_root,
        PAGE_CACHE_SECONDS=str(seconds),
        # The page cache folder follows the temporary directory: one per run.
        TMPDIR=cache_dir,
        EMAIL_URL="console://",
    )
    return environment


def _manage(environment: dict, *arguments: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _prepare(environment: dict) -> tuple[str, str]:
    """Migrate, seed if empty, collect static; return a case study's path and a search path."""
    _manage(environment, "migrate", "--noinput")
    probe = (
        "from knowledge.models import CaseStudyPage\n"
        "page = CaseStudyPage.objects.live().order_by('pk').first()\n"
        "print(page.url if page else '')\n"
    )
    case_study = _manage(environment, "shell", "--no-imports", "-c", probe).strip()
    if not case_study:
        _manage(environment, "seed_demo")
        case_study = _manage(environment, "shell", "--no-imports", "-c", probe).strip()
    _manage(environment, "collectstatic", "--noinput")
    return case_study, "/search/?q=governance"


class Server:
    def __init__(self, environment: dict, workers: int, log: Path):
        self.port = _free_port()
        self.log = log.open("a")
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "policylab_site.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _get(self.port, "/robots.txt")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the workers so far (None where /proc is unavailable)."""
        total, tick = 0.0, os.sysconf("SC_CLK_TCK")
        try:
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            return None
        return total

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def _get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _hammer(port: int, path: str, concurrency: int, seconds: float) -> dict:
    """Keep ``concurrency`` clients busy on ``path`` for ``seconds``; latency per request."""
    headers = {"Accept-Encoding": "gzip", "Accept": "text/html"}
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        mine, failed = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status = _get(port, path, headers)[0]
            except OSError:
                status = 0
            mine.append(time.perf_counter() - started)
            failed += status != 200
        with lock:
            latencies.extend(mine)
            failures[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "per_second": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "not_200": failures[0],
    }


def _sizes(port: int, path: str) -> tuple[int, int, str]:
    plain = _get(port, path)[2]
    status, headers, packed = _get(port, path, {"Accept-Encoding": "gzip"})
    return len(plain), len(packed), headers.get("Content-Encoding", "")


def _static_brotli(port: int) -> str:
    page = _get(port, "/")[2].decode()
    marker = 'href="/static/'
    start = page.index(marker) + len('href="')
    stylesheet = page[start : page.index('"', start)]
    status, headers, _ = _get(port, stylesheet, {"Accept-Encoding": "br, gzip"})
    return f"{stylesheet}: {status}, Content-Encoding {headers.get('Content-Encoding', 'none')}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or "sqlite:////tmp/policylab-load.sqlite3"

    with tempfile.TemporaryDirectory(prefix="policylab-load-") as folder:
        static_root = str(Path(folder) / "static")
        cache_dir = str(Path(folder) / "tmp")
        os.mkdir(cache_dir)
        print(f"Preparing {database_url} …", flush=True)
        case_study, search = _prepare(_environment(database_url, static_root, cache_dir, 0))
        paths = {
            "home": "/",
            "knowledge": "/knowledge/",
            "case study": case_study,
            "search": search,
        }
        results = {}
        for label, cache_seconds in (("uncached", 0), ("cached", 600)):
            environment = _environment(database_url, static_root, cache_dir, cache_seconds)
            server = Server(environment, arguments.workers, Path(folder) / "gunicorn.log")
            try:
                if label == "cached":
                    sizes = {name: _sizes(server.port, path) for name, path in paths.items()}
                    brotli = _static_brotli(server.port)
                for name, path in paths.items():
                    if label == "cached":  # every worker renders the page once, unmeasured
                        _hammer(server.port, path, arguments.concurrency, 1)
                    else:
                        _get(server.port, path, {"Accept-Encoding": "gzip", "Accept": "text/html"})
                    print(f"  {label:8} {name} …", flush=True)
                    cpu_before = server.cpu_seconds()
                    results[label, name] = row = _hammer(
                        server.port, path, arguments.concurrency, arguments.seconds
                    )
                    cpu_after = server.cpu_seconds()
                    row["cpu_ms"] = (
                        (cpu_after - cpu_before) * 1000 / row["requests"]
                        if cpu_before is not None and cpu_after is not None and row["requests"]
                        else float("nan")
                    )
            finally:
                server.stop()

    print(
        f"\ngunicorn {arguments.workers} workers, concurrency {arguments.concurrency}, "
        f"{arguments.seconds:g} s per page, {os.cpu_count()} CPUs, {database_url.split(':')[0]}\n"
    )
    print(
        f"{'page':12} {'cache':9} {'req/s':>8} {'median ms':>10} {'p95 ms':>8} {'not 200':>8}"
        f" {'CPU ms/req':>11}"
    )
    for name in paths:
        for label in ("uncached", "cached"):
            row = results[label, name]
            print(
                f"{name:12} {label:9} {row['per_second']:8.1f} {row['median_ms']:10.1f} "
                f"{row['p95_ms']:8.1f} {row['not_200']:8d} {row['cpu_ms']:11.1f}"
            )
    print("\nbytes: plain → gzip")
    for name, (plain, packed, encoding) in sizes.items():
        print(
            f"  {name:12} {plain:8d} → {packed:7d} ({encoding or 'not compressed'}) {paths[name]}"
        )
    print(f"static: {brotli}")
    if os.path.exists("/proc/loadavg"):
        print(f"load average at the end: {Path('/proc/loadavg').read_text().split()[:3]}")


if __name__ == "__main__":
    main()
