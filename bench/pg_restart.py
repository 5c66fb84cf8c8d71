"""Restart PostgreSQL under load and report whether the site failed cleanly and recovered.

Starts gunicorn (3 workers, persistent database connections as in production) on a
throw-away database (``pg_restart_<name of DATABASE_URL's database>``, dropped
afterwards), sends readers' requests from parallel clients (search pages and view
beacons, which both need the database), restarts PostgreSQL once with ``pg_ctlcluster``,
keeps the load going and prints what held:

* during the outage, requests fail cleanly: our 500 page or a refused connection, never
  a hang (a request taking longer than --hang-seconds) and never another error page;
* after PostgreSQL is back, every request succeeds, without restarting gunicorn
  (Django's CONN_HEALTH_CHECKS replaces the workers' dead connections);
* every view the beacon accepted (204) is stored.

Exits 1 with a one-line reason if any of these fails. Needs root (or the postgres user)
for pg_ctlcluster, and interrupts every other user of the cluster for a few seconds.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/editorial .venv/bin/python bench/pg_restart.py
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from wagtail.models import Site  # noqa: E402

from editorial.models import ArticleDailyViews  # noqa: E402
from tests.factories import ArticleFactory, SectionFactory  # noqa: E402
from tests.gunicorn_server import GunicornServer, database_url  # noqa: E402

ERROR_PAGE_TEXT = b"Something went wrong"


class Load:
    """Parallel clients sending requests until stopped; each outcome is kept with its time."""

    def __init__(self, url, article_id, clients, hang_seconds):
        self.url = url
        self.article_id = article_id
        self.clients = clients
        self.hang_seconds = hang_seconds
        self.outcomes = []  # (started, seconds taken, kind, outcome)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.readers = iter(range(10**9))

    def request(self):
        reader = next(self.readers)
        if reader % 2:
            kind = "beacon"
            request = urllib.request.Request(  # noqa: S310 (our own server)
                self.url + "/views/",
                data=f"page={self.article_id}".encode(),
                # Each reader from an address in a network of its own (CLIENT_IP_HEADER).
                headers={
                    "User-Agent": "Mozilla/5.0 Firefox/140.0",
                    "X-Real-IP": f"{10 + reader // 65536}.{reader // 256 % 256}.{reader % 256}.1",
                },
                method="POST",
            )
        else:
            kind = "search"
            request = urllib.request.Request(f"{self.url}/search/?q=restart+{reader}")  # noqa: S310
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=self.hang_seconds) as response:  # noqa: S310
                outcome = str(response.status)
        except urllib.error.HTTPError as error:
            body = error.read()
            outcome = f"{error.code} error page" if ERROR_PAGE_TEXT in body else str(error.code)
        except TimeoutError:
            outcome = "hang"
        except (urllib.error.URLError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            outcome = "hang" if isinstance(reason, TimeoutError) else "connection error"
        with self.lock:
            self.outcomes.append((started, time.monotonic() - started, kind, outcome))

    def client(self):
        while not self.stopping.is_set():
            self.request()

    def run_in_background(self):
        self.pool = ThreadPoolExecutor(max_workers=self.clients)
        self.futures = [self.pool.submit(self.client) for _ in range(self.clients)]

    def stop(self):
        self.stopping.set()
        for future in self.futures:
            future.result()
        self.pool.shutdown()

    def phases(self, outage_start, outage_end):
        """Requests done before the outage, overlapping it, and started after it."""
        before, during, after = [], [], []
        for outcome in self.outcomes:
            started, taken = outcome[:2]
            if started + taken < outage_start:
                before.append(outcome)
            elif started >= outage_end:
                after.append(outcome)
            else:
                during.append(outcome)
        return before, during, after


def summarise(name, outcomes):
    counts = Counter(outcome for _, _, _, outcome in outcomes)
    slowest = max((taken for _, taken, _, _ in outcomes), default=0)
    listed = ", ".join(f"{count} × {outcome}" for outcome, count in sorted(counts.items()))
    print(f"  {name:<34} {len(outcomes):5} requests, slowest {slowest:5.2f}s: {listed}")
    return counts


def seed():
    home = Site.objects.get(is_default_site=True).root_page
    section = SectionFactory(parent=home, title="Restart", slug="restart")
    return ArticleFactory(parent=section, title="Restart article", slug="restart-article")


def restart_postgresql(version, cluster):
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--cluster", default="15/main", help="PostgreSQL cluster (15/main)")
    parser.add_argument("--clients", type=int, default=12, help="parallel clients (12)")
    parser.add_argument("--before", type=float, default=3, help="seconds of load before (3)")
    parser.add_argument("--after", type=float, default=5, help="seconds of load after (5)")
    parser.add_argument(
        "--hang-seconds", type=float, default=15, help="a request this slow counts as hung (15)"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/pg_restart.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    version, cluster = args.cluster.split("/")
    health_checks = settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    print(f"CONN_HEALTH_CHECKS = {health_checks}; gunicorn runs with CONN_MAX_AGE=60")

    setup_test_environment()
    connection.settings_dict["TEST"]["NAME"] = f"pg_restart_{connection.settings_dict['NAME']}"
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    failures = []
    try:
        article = seed()
        url = database_url(connection.settings_dict)
        log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (kept for the reader)
            prefix="pg_restart-gunicorn-", suffix=".log", delete=False
        )
        print(f"gunicorn's log: {log.name}")
        with GunicornServer(
            url, workers=3, output=log, CONN_MAX_AGE="60", CLIENT_IP_HEADER="HTTP_X_REAL_IP"
        ) as server:
            workers = server.worker_pids()
            print(f"gunicorn {server.process.pid} with workers {workers} at {server.url}")
            load = Load(server.url, article.pk, args.clients, args.hang_seconds)
            connection.close()
            load.run_in_background()
            time.sleep(args.before)
            outage_start = time.monotonic()
            print(f"Restarting PostgreSQL {args.cluster} under load ...", flush=True)
            restart_postgresql(version, cluster)
            outage_end = time.monotonic()
            print(f"  PostgreSQL back after {outage_end - outage_start:.1f}s", flush=True)
            time.sleep(args.after)
            load.stop()
            same_workers = server.worker_pids() == workers
        stored = sum(
            ArticleDailyViews.objects.filter(article=article).values_list("views", flat=True)
        )
    finally:
        connection.close()
        connection.creation.destroy_test_db(test_database, verbosity=0)

    print("What the readers got:")
    phases = load.phases(outage_start, outage_end)
    before = summarise("before the restart", phases[0])
    during = summarise("while PostgreSQL restarted", phases[1])
    after = summarise("after PostgreSQL was back", phases[2])
    accepted = sum(
        1 for _, _, kind, outcome in load.outcomes if (kind, outcome) == ("beacon", "204")
    )
    print(f"  views accepted (204) {accepted}, stored {stored}")

    clean = {"200", "204", "500 error page", "connection error"}
    if set(before) - {"200", "204"}:
        failures.append(f"requests failed before the restart: {dict(before)}")
    if set(during) - clean:
        failures.append(f"unclean failures during the outage: {dict(during)}")
    if set(after) - {"200", "204"} or not after:
        failures.append(f"the site did not recover after the restart: {dict(after)}")
    if stored < accepted:
        failures.append(f"lost views: {accepted} accepted, {stored} stored")
    if not same_workers:
        failures.append("gunicorn replaced its workers")
    print("Held:" if not failures else "Failed:")
    for line in failures or [
        "failed cleanly during the outage (500 page or refused connection, no hang)",
        "recovered without restarting gunicorn; every accepted view stored",
    ]:
        print(f"  {line}")
    if failures:
        sys.exit(f"pg_restart: {failures[0]}")


if __name__ == "__main__":
    main()
