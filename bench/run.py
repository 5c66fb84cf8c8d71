"""The benchmark suite: the site under gunicorn on PostgreSQL against the static-file limit.

    make bench            # or: .venv/bin/python bench/run.py --help
    .venv/bin/python bench/run.py --articles 500 --duration 5    # a quick run

Generates the newsroom-sized data set (``manage.py generate_bench_data``) in its own
database, starts the site under gunicorn (production settings, Redis cache), nginx and
``python -m http.server`` serving the article's HTML as a file, and Varnish in front of
gunicorn, then measures each with wrk on loopback. It prints a table of requests/s and
latency with each figure's ratio to nginx and to http.server, checks the targets,
proves that a publication is visible through Varnish on the next request, times the
admin at scale and an editor's "Approve and publish" with the task worker and without
(``--approval-only`` times just that), and writes everything to
``bench/results/latest.md``. Missing Debian packages (wrk, nginx, varnish) are installed
with apt-get. Figures are never asserted.

Every request is made with ``Connection: close`` (the reference figures were measured
without keep-alive). "Cold" is a second gunicorn started with ``PAGE_CACHE_SECONDS=0``:
no page or listing fragment is cached, so every request renders fully, while the caches
that are not the page cache (the trending selection, Wagtail's site root paths) stay on,
as on a running server. "Every cache empty" is a third gunicorn whose settings
(``bench/no_cache_settings.py``) replace the cache with Django's dummy backend, which
stores nothing: every request finds every cache empty. Both are repeatable in a way that
clearing a cache between requests is not.

Search: 200 single searches are timed in-process (Django's test client; each query once,
so each is a page-cache miss), then wrk asks searches drawn at random (``paths.lua``)
from the other distinct words and phrases of the generated articles' vocabulary (over
3,000), so no single cached answer can serve it, and reports the page-cache hit ratio.

News day: while wrk reads 100 article pages at random, ``manage.py shell`` publishes a
new article in another section every ``--publish-every`` seconds; the page cache's
``X-Cache`` answers give the share of reads served from the cache.

Wagtail's demo site beside it: with ``--demo-url`` (or ``BENCH_DEMO_URL``) the page given
is measured the same way in the same run and our uncached article's ratio to it is
printed. Serve the demo (wagtail/bakerydemo at the commit that pins the Wagtail release
in use; never copy it into this repository) from a scratch folder under the same
gunicorn settings, with its production settings (DEBUG off) and demo data, as its
readme describes::

    git clone https://github.com/wagtail/bakerydemo /tmp/bakerydemo && cd /tmp/bakerydemo
    python3.12 -m venv .venv && .venv/bin/pip install -r requirements/base.txt \\
        'psycopg[binary]>=3.3.3,<3.4' whitenoise django-redis gunicorn prometheus-client
    createdb -h 127.0.0.1 -U postgres bakerydemo
    export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production \\
        DJANGO_SECRET_KEY=<50 random characters> SECURE_SSL_REDIRECT=false \\
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/bakerydemo GUNICORN_ACCESS_LOG=/dev/null
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_initial_data
    .venv/bin/python manage.py collectstatic --noinput
    .venv/bin/gunicorn -c /path/to/this/config/gunicorn.py -b 127.0.0.1:8100 bakerydemo.wsgi
    make bench BENCH_DEMO_URL=http://127.0.0.1:8100/blog/icelandic-baking/
"""

import argparse
import contextlib
import itertools
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
PACKAGES = {"wrk": "wrk", "nginx": "nginx", "varnishd": "varnish"}
SEED = 14
# Searches timed one by one in-process; the wrk mix draws from the other queries.
SINGLE_SEARCHES = 200
# Article pages read while the news day publishes elsewhere.
NEWS_DAY_READS = 100
# A publication reaches Varnish once the task worker has sent its purge.
PURGE_WAIT_SECONDS = 10
# "Approve and publish" is timed on this many articles in review for each task backend.
APPROVALS = 5
# How long the worker may take to empty the queue between two timed approvals.
QUEUE_WAIT_SECONDS = 300
# Everything inline, as before the task worker: what an editor would wait for without it.
IMMEDIATE_TASKS = {"default": {"BACKEND": "editorial.operations.queue.ImmediateTasks"}}


def fail(message):
    sys.exit(f"bench: {message}")


def say(message):
    print(message, flush=True)


def ensure_packages():
    missing = [package for command, package in PACKAGES.items() if not shutil.which(command)]
    if not missing:
        return
    say(f"Installing {', '.join(missing)} with apt-get")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*sudo, "apt-get", "install", "-y", "-q", *missing]
    if subprocess.run(install, env=env, check=False).returncode:
        subprocess.run([*sudo, "apt-get", "update", "-q"], env=env, check=True)
        subprocess.run(install, env=env, check=True)


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def recreate_database(url):
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def vacuum(url):
    """What autovacuum does soon after a bulk load: without it, every index-only read of
    the new rows also read the table (the related list's two hundred candidates)."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


class Services:
    """The processes this run started; each is stopped by its own pid at the end."""

    def __init__(self, run_dir):
        self.run_dir = run_dir
        self.processes = []

    def start(self, name, command, env, url=None):
        """Start ``command``; with ``url``, wait until it answers there."""
        log = open(self.run_dir / f"{name}.log", "wb")  # noqa: SIM115 (kept open for the child)
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        self.processes.append(process)
        if url is None:
            return
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                fail(f"{name} exited at start; see {self.run_dir / (name + '.log')}")
            try:
                urllib.request.urlopen(url, timeout=5)
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.3)
        fail(f"{name} did not answer {url} within a minute")

    def stop(self):
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def fetch(url, data=None):
    request = urllib.request.Request(url, data=data, headers={"User-Agent": "Mozilla/5.0"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_duration(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, args, script=None):
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    # Slow answers are measured, not dropped: wrk's own timeout is two seconds.
    command += ["--timeout", "30s"]
    command += ["-s", str(script)] if script else ["-H", "Connection: close"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    percentile = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if "99" not in percentile:
        fail(f"no latency figures from wrk for {url}:\n{output}")
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    cache = re.search(r"X-Cache: (\d+) hit, (\d+) miss", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": parse_duration(percentile["50"]),
        "p99": parse_duration(percentile["99"]),
        "requests": requests,
        "failed": int(failed.group(1)) if failed else 0,
        "errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "hits": int(cache.group(1)) if cache else None,
        "misses": int(cache.group(2)) if cache else None,
    }


def paths_script(run_dir, name, paths):
    """A wrk script (``paths.lua``) that requests ``paths`` at random and counts X-Cache."""
    script = run_dir / f"{name}.lua"
    table = ", ".join(f'"{path}"' for path in paths)
    script.write_text((BENCH / "paths.lua").read_text().replace("{PATHS}", "{" + table + "}"))
    return script


def search_queries():
    """Distinct words (3 letters or more) of the texts the generated articles draw theirs
    from, and 1,000 two-word phrases of them: what a reader of this archive looks for,
    in its own proportions of common and rare words."""
    from editorial.management.commands.generate_bench_data import DEMO_ARTICLES

    words, phrases = set(), set()
    for path in sorted(DEMO_ARTICLES.glob("*.txt")):
        tokens = re.findall(r"[a-z]{3,}", path.read_text(encoding="utf-8").lower())
        words.update(tokens)
        phrases.update(f"{first} {second}" for first, second in itertools.pairwise(tokens))
    rng = random.Random(SEED)  # noqa: S311 (benchmark queries)
    chosen = rng.sample(sorted(phrases), min(1000, len(phrases)))
    return sorted(words) + chosen


def single_search_timings(queries):
    """Server-side time of one search each, in-process through Django's test client: every
    query is asked once, so each is a page-cache miss that runs the search and renders."""
    from django.test import Client

    client = Client()
    for _ in range(5):
        client.get("/search/", {"q": "warming up"})
    timings, hits = [], 0
    for query in queries:
        started = time.perf_counter()
        response = client.get("/search/", {"q": query})
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            fail(f"/search/?q={query} answered {response.status_code}")
        hits += response.get("X-Cache") == "hit"
    timings.sort()
    return {
        "count": len(timings),
        "median": statistics.median(timings),
        "p90": timings[int(len(timings) * 0.9)],
        "hits": hits,
    }


PUBLISHER = """
import time, uuid
from editorial.models import ArticlePage, SectionPage
section = SectionPage.objects.get(pk={section})
deadline = time.monotonic() + {seconds}
published = 0
while time.monotonic() < deadline:
    article = ArticlePage(
        title=f"News of the day {{published}}",
        slug=f"news-{{uuid.uuid4().hex[:12]}}",
        standfirst="Just in.",
        body=[{{"type": "paragraph", "value": "<p>Breaking news.</p>"}}],
    )
    section.add_child(instance=article)
    article.save_revision().publish()
    published += 1
    time.sleep({every})
print(published)
"""


def news_day(warm, paths, section, env, args, run_dir):
    """Readers read ``paths`` while another process publishes an article in ``section``
    every ``--publish-every`` seconds; Django's X-Cache answers give the hit ratio."""
    code = PUBLISHER.format(section=section.pk, seconds=args.duration, every=args.publish_every)
    publisher = subprocess.Popen(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    figures = wrk(warm + "/", args, script=paths_script(run_dir, "news-day", paths))
    published = publisher.communicate(timeout=120)[0].strip()
    if publisher.returncode:
        fail("the news-day publisher failed")
    figures["published"] = int(published.splitlines()[-1])
    return figures


def flush_at_once(runs=2):
    """Run ``runs`` view-count flushes at the same moment; how many ran."""
    from django.db import connection

    from editorial.readership.counting import flush_view_counts

    def flush():
        try:
            flush_view_counts()
        finally:
            connection.close()

    threads = [threading.Thread(target=flush) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return runs


@contextlib.contextmanager
def flushing_meanwhile(every=0.5):
    """Flush twice at once every ``every`` seconds while the block runs, as overlapping
    timers would; yields a list of the flushes made, complete once the block is done."""
    done = threading.Event()
    made = []

    def keep_flushing():
        while not done.wait(every):
            made.append(flush_at_once())

    thread = threading.Thread(target=keep_flushing)
    thread.start()
    try:
        yield made
    finally:
        done.set()
        thread.join()


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def admin_timings(section, article):
    """Server-side time and queries of the admin at scale, through Django's test client."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    views = {
        f"page explorer of {section.title} ({section.numchild:,} articles)": (
            f"/admin/pages/{section.pk}/"
        ),
        "article edit view (showcase)": f"/admin/pages/{article.pk}/edit/",
        "editorial dashboard": "/admin/",
    }
    results = {}
    for name, url in views.items():
        client.get(url)
        timings, queries = [], []
        for _ in range(3):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                fail(f"{url} answered {response.status_code}")
            queries.append(len(captured))
        results[name] = (statistics.median(timings), max(queries))
    return results


def photograph(name):
    """A camera-sized JPEG, so that its renditions cost what a reporter's photo does."""
    import io

    from django.core.files.images import ImageFile

    from PIL import Image, ImageFilter

    picture = Image.effect_noise((2400, 1600), 80).filter(ImageFilter.GaussianBlur(3))
    data = io.BytesIO()
    picture.convert("RGB").save(data, "JPEG", quality=85)
    return ImageFile(data, name=f"{name}.jpg")


def wait_for_the_worker():
    """Until the worker has run every task that is due (failed ones waiting for their next
    attempt aside), so that one approval's renditions do not slow down the next."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + QUEUE_WAIT_SECONDS
    while DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists():
        if time.monotonic() > deadline:
            fail(f"the task worker did not empty its queue in {QUEUE_WAIT_SECONDS} s")
        time.sleep(0.2)


def approval_timings(section, showcase, runs=APPROVALS):
    """Server-side time of the admin's "Approve and publish" (the reviewer's workflow
    action) on articles of ``section`` in review, with the tasks it triggers queued for
    the worker (production's database backend) and run inline (the immediate backend):
    purges, renditions, cards, review mail and indexing. Each article's author first
    completes the checklist with a new hero photo, a description and more text; each is
    timed once the worker has emptied its queue, as when approvals are minutes apart.
    Mail goes to Django's in-memory backend: no mail server runs here, and a refused
    connection would time nothing. ``{backend: (median ms, slowest ms)}``."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client, override_settings
    from django.urls import reverse

    from wagtail.images import get_image_model
    from wagtail.models import Workflow

    from editorial.models import ArticlePage

    def member(role):
        user, _ = get_user_model().objects.get_or_create(
            username=f"bench-{role}", defaults={"email": f"bench-{role}@example.com"}
        )
        user.groups.add(Group.objects.get(name=f"{role.title()}s"))
        return user

    def in_review(article, author, number):
        article.hero_image = get_image_model().objects.create(
            title=f"Approval {number}", file=photograph(f"approval-{number}")
        )
        article.hero_alt = "A reporter's photograph."
        article.search_description = "What changed, and for whom."
        paragraph = f"<p>{' '.join(['Reported further before review.'] * 40)}</p>"
        article.body = [*article.body.raw_data, {"type": "paragraph", "value": paragraph}]
        revision = article.save_revision(user=author)
        workflow.start(article, author)
        return revision

    author, editor = member("author"), member("editor")
    client = Client()
    client.force_login(editor)
    workflow = Workflow.objects.get(name="Editorial review")
    articles = iter(
        ArticlePage.objects.child_of(section).live().exclude(pk=showcase.pk).order_by("path")
    )
    backends = {
        "queued for the task worker": settings.TASKS,
        "inline, without the worker": IMMEDIATE_TASKS,
    }
    results = {}
    mail = "django.core.mail.backends.locmem.EmailBackend"
    for name, tasks in backends.items():
        timings = []
        with override_settings(TASKS=tasks, EMAIL_DELIVERY_BACKEND=mail):
            for _ in range(runs):
                article = next(articles)
                revision = in_review(article, author, article.pk)
                wait_for_the_worker()
                task_state = ArticlePage.objects.get(pk=article.pk).current_workflow_task_state
                action = [article.pk, "approve", task_state.pk]
                url = reverse("wagtailadmin_pages:workflow_action", args=action)
                started = time.perf_counter()
                response = client.post(url, {"comment": ""})
                timings.append((time.perf_counter() - started) * 1000)
                live = ArticlePage.objects.get(pk=article.pk).live_revision_id
                if response.status_code >= 400 or live != revision.pk:
                    fail(f"approving {article.url} answered {response.status_code}, not published")
        results[name] = (statistics.median(timings), max(timings))
    return results


def approval_report(approvals, runs=APPROVALS):
    lines = [
        f'## "Approve and publish" (server-side, Django test client, median of {runs})',
        "",
        "An editor approves an article in review through the admin's workflow action; the",
        "publication's purges, renditions, cards, review mail and indexing are queued for the",
        "task worker, or run inline before the answer as without one.",
        "",
        "| tasks | median ms | slowest ms |",
        "|---|---:|---:|",
    ]
    for name, (median, slowest) in approvals.items():
        lines.append(f"| {name} | {median:.0f} | {slowest:.0f} |")
    return lines


def publish_through_proxy(proxy_url, article):
    """Publish a new title via the ORM; Varnish must show it as soon as the task worker
    has sent the purge (within PURGE_WAIT_SECONDS)."""
    fetch(proxy_url)
    _, headers = fetch(proxy_url)
    cached_before = headers.get("X-Proxy-Cache") == "hit"
    title = f"Published at {datetime.now(UTC):%H:%M:%S.%f}"
    article.title = title
    article.save_revision().publish()
    deadline = time.monotonic() + PURGE_WAIT_SECONDS
    while True:
        body, headers = fetch(proxy_url)
        if title in body.decode() or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    return cached_before and title in body.decode(), headers.get("X-Proxy-Cache")


def ratio(value, limit):
    return f"{value / limit:.1%}" if limit else "-"


def hit_ratio(figures):
    answered = figures["hits"] + figures["misses"]
    return f"{figures['hits'] / answered:.1%}" if answered else "-"


def report(rows, limits, beacon, proof, admin, approvals, targets, args, generation, search, day):
    nginx, http_server = limits
    lines = [
        f"# Benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"{os.cpu_count()} CPU cores, wrk -t2 -c{args.connections} -d{args.duration}s "
        "on loopback, `Connection: close` on every request; PostgreSQL on loopback, Redis "
        "cache, gunicorn with config/gunicorn.py. Other work on the machine adds noise.",
        "",
        f"Data: {generation}",
        "",
        "| measurement | requests/s | p50 ms | p99 ms | of nginx | of http.server | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, figures in rows.items():
        lines.append(
            f"| {name} | {figures['rps']:,.0f} | {figures['p50']:.1f} | {figures['p99']:.1f} "
            f"| {ratio(figures['rps'], nginx)} | {ratio(figures['rps'], http_server)} "
            f"| {figures['failed'] + figures['errors']} |"
        )
    single, mix = search["single"], rows["search mix (page cache on)"]
    lines += [
        "",
        f"Search: {single['count']} single searches in-process (each query once, Django's "
        f"test client, page cache on): median {single['median']:.1f} ms, 90th percentile "
        f"{single['p90']:.1f} ms, {single['hits']} page-cache hits. The wrk mix draws from "
        f"{search['distinct']:,} other distinct words and phrases of the articles' vocabulary: "
        f"page-cache hit ratio {hit_ratio(mix)} ({mix['hits']:,} hits, {mix['misses']:,} "
        "misses).",
        "",
        f"News day: {NEWS_DAY_READS} article pages read at random while an article was "
        f"published in another section every {args.publish_every:g} s ({day['published']} "
        f"publications): page-cache hit ratio {hit_ratio(day)} ({day['hits']:,} hits, "
        f"{day['misses']:,} misses).",
    ]
    demo = rows.get("demo site (bakerydemo), uncached")
    if demo:
        lines += [
            "",
            f"Our uncached article against the demo site's page ({args.demo_url}): "
            f"{rows['article, cold (full render)']['rps'] / demo['rps']:.2f}x with the page "
            "cache off, "
            f"{rows['article, every cache empty (dummy cache)']['rps'] / demo['rps']:.2f}x "
            "with every cache empty.",
        ]
    lines += [
        "",
        f"View beacon: {beacon['accepted']:,} beacons answered 2xx, each from a reader of its "
        f"own, counted in Redis while {beacon['flushes']} flushes (two at a time, every half "
        f"second, then two after the run) moved the counts into PostgreSQL; the article's "
        f"stored views grew by {beacon['counted']:,}; lost counts: {beacon['lost']}.",
        "",
        f"Publish through Varnish: the page was a proxy hit before, and the next request after "
        f"publishing showed the new title: **{'yes' if proof[0] else 'NO'}** "
        f"(X-Proxy-Cache: {proof[1]}).",
        "",
        "## Targets (issue 7, item 7; issue 14, item 5)",
        "",
        "| target | reached | met |",
        "|---|---|---|",
    ]
    for name, reached, met in targets:
        lines.append(f"| {name} | {reached} | {'yes' if met else 'no'} |")
    lines += [
        "",
        "## Admin at scale (server-side, Django test client, median of 3)",
        "",
        "| view | ms | queries |",
        "|---|---:|---:|",
    ]
    for name, (milliseconds, queries) in admin.items():
        lines.append(f"| {name} | {milliseconds:.0f} | {queries} |")
    lines += ["", *approval_report(approvals)]
    return "\n".join(lines) + "\n"


def evaluate(rows, limits, beacon, single):
    nginx, http_server = limits
    proxy = rows["article, warm, through Varnish"]
    warm = rows["article, warm (page cache)"]
    cold = rows["article, cold (full render)"]
    search = rows["search mix (page cache on)"]
    beacon_rps = rows["view beacon (POST)"]["rps"]
    return [
        (
            "warm article through Varnish >= 50% of nginx",
            ratio(proxy["rps"], nginx),
            proxy["rps"] >= 0.5 * nginx,
        ),
        (
            "warm article from Django >= http.server",
            ratio(warm["rps"], http_server),
            warm["rps"] >= http_server,
        ),
        (
            "cold article >= 9% of http.server, p99 < 150 ms",
            f"{ratio(cold['rps'], http_server)}, p99 {cold['p99']:.0f} ms",
            cold["rps"] >= 0.09 * http_server and cold["p99"] < 150,
        ),
        (
            "view beacon >= 70% of http.server, no lost counts",
            f"{ratio(beacon_rps, http_server)}, lost {beacon['lost']}",
            beacon_rps >= 0.7 * http_server and beacon["lost"] == 0,
        ),
        ("search mix p99 < 200 ms", f"{search['p99']:.0f} ms", search["p99"] < 200),
        (
            "single search median < 15 ms (in-process)",
            f"{single['median']:.1f} ms",
            single["median"] < 15,
        ),
    ]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/editorial_bench"
        ),
        help="PostgreSQL database to (re)create and fill (env BENCH_DATABASE_URL)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"),
        help="Redis database for the cache; it is flushed (env BENCH_REDIS_URL)",
    )
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        help="keep the database's data from an earlier run instead of generating it",
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=10_000,
        help="articles to generate (default 10000; e.g. 500 for a quick run)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument(
        "--publish-every",
        type=float,
        default=2.0,
        help="seconds between two publications during the news day (default 2)",
    )
    parser.add_argument(
        "--demo-url",
        default=os.environ.get("BENCH_DEMO_URL"),
        help="a page of Wagtail's demo site (bakerydemo) served beside this one, measured the "
        "same way and compared with our uncached article (env BENCH_DEMO_URL; see above)",
    )
    parser.add_argument(
        "--approval-only",
        action="store_true",
        help='time only "Approve and publish", with and without the task worker, and print it',
    )
    parser.add_argument(
        "--output", type=Path, default=BENCH / "results" / "latest.md", help="report file"
    )
    args = parser.parse_args()

    ensure_packages()
    ports = {name: free_port() for name in ("warm", "cold", "empty", "nginx", "http", "varnish")}
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{ports['varnish']}",
        "GUNICORN_TIMEOUT": "60",
        # The beacon's readers are told apart by the address beacon.lua sends.
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
    }
    started = time.perf_counter()
    if args.reuse_data:
        generation = "reused from an earlier run"
    else:
        say(f"Creating {args.database_url}")
        recreate_database(args.database_url)
        manage("migrate", "--noinput", "-v0", env=env)
        manage("generate_bench_data", "--articles", str(args.articles), env=env)
        vacuum(args.database_url)
        generation = f"generated in {time.perf_counter() - started:.0f}s (migrations included)"
    manage("collectstatic", "--noinput", "-v0", env=env)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import redis

    from editorial.management.commands.generate_bench_data import SHOWCASE_SLUG
    from editorial.models import ArticlePage, SectionPage

    redis.Redis.from_url(args.redis_url).flushdb()
    article = ArticlePage.objects.get(slug=SHOWCASE_SLUG)
    section = SectionPage.objects.get(pk=article.get_parent().pk)
    generation += (
        f": {ArticlePage.objects.count():,} articles in {SectionPage.objects.count()} sections, "
        f"showcase article with {article.article_authors.count()} authors and "
        f"{article.tags.count()} tags"
    )
    tag = article.tags.order_by("slug").first()

    run_dir = Path(tempfile.mkdtemp(prefix="editorial-bench-"))
    run_dir.chmod(0o755)
    (run_dir / "static").mkdir()
    (run_dir / "nginx-tmp").mkdir()
    services = Services(run_dir)
    try:
        gunicorn = [
            str(Path(PYTHON).parent / "gunicorn"),
            "-c",
            "config/gunicorn.py",
            "config.wsgi",
        ]
        servers = (
            ("warm", {}),
            ("cold", {"PAGE_CACHE_SECONDS": "0"}),
            ("empty", {"DJANGO_SETTINGS_MODULE": "bench.no_cache_settings"}),
        )
        for name, extra in servers:
            services.start(
                f"gunicorn-{name}",
                gunicorn,
                {
                    **env,
                    **extra,
                    "GUNICORN_BIND": f"127.0.0.1:{ports[name]}",
                    "GUNICORN_ACCESS_LOG": str(run_dir / f"access-{name}.log"),
                },
                f"http://127.0.0.1:{ports[name]}/",
            )
        # The task worker: purges, renditions, cards and search indexing leave the requests.
        services.start(
            "worker", [PYTHON, "manage.py", "db_worker", "--interval", "0.1", "--no-reload"], env
        )
        vcl = (BENCH / "varnish.vcl").read_text().replace('"8000"', f'"{ports["warm"]}"')
        (run_dir / "varnish.vcl").write_text(vcl)
        services.start(
            "varnish",
            ["varnishd", "-F", "-a", f"127.0.0.1:{ports['varnish']}", "-T", "none"]
            + ["-f", str(run_dir / "varnish.vcl"), "-n", str(run_dir / "varnish")]
            + ["-s", "malloc,256m"],
            env,
            f"http://127.0.0.1:{ports['varnish']}/",
        )
        if args.approval_only:
            say('Timing "Approve and publish"')
            say("\n".join(["", *approval_report(approval_timings(section, article))]))
            return
        warm = f"http://127.0.0.1:{ports['warm']}"
        cold = f"http://127.0.0.1:{ports['cold']}"
        empty = f"http://127.0.0.1:{ports['empty']}"
        html, _ = fetch(warm + article.url)
        (run_dir / "static" / "article.html").write_bytes(html)
        nginx_conf = (BENCH / "nginx.conf").read_text()
        nginx_conf = nginx_conf.replace("RUN_DIR", str(run_dir)).replace(
            "PORT", str(ports["nginx"])
        )
        (run_dir / "nginx.conf").write_text(nginx_conf)
        services.start(
            "nginx",
            ["nginx", "-p", str(run_dir), "-c", str(run_dir / "nginx.conf")],
            env,
            f"http://127.0.0.1:{ports['nginx']}/article.html",
        )
        services.start(
            "http-server",
            [PYTHON, "-m", "http.server", str(ports["http"]), "--bind", "127.0.0.1"]
            + ["--directory", str(run_dir / "static")],
            env,
            f"http://127.0.0.1:{ports['http']}/article.html",
        )

        pages = {
            "home": "/",
            "section": section.url,
            "article": article.url,
            "tag": f"/tags/{tag.slug}/",
            "feed": "/feeds/rss/",
        }
        measurements = [
            ("static article, nginx", f"http://127.0.0.1:{ports['nginx']}/article.html"),
            ("static article, http.server", f"http://127.0.0.1:{ports['http']}/article.html"),
        ]
        for name, path in pages.items():
            measurements.append((f"{name}, warm (page cache)", warm + path))
            measurements.append((f"{name}, cold (full render)", cold + path))
        measurements.insert(8, ("article, every cache empty (dummy cache)", empty + article.url))
        if args.demo_url:
            measurements.append(("demo site (bakerydemo), uncached", args.demo_url))
        measurements.append(
            ("article, warm, through Varnish", f"http://127.0.0.1:{ports['varnish']}{article.url}")
        )
        rows = {}
        for name, url in measurements:
            say(f"Measuring {name}: {url}")
            fetch(url)
            rows[name] = wrk(url, args)

        queries = search_queries()
        random.Random(SEED).shuffle(queries)  # noqa: S311 (benchmark queries)
        single, mixed = queries[:SINGLE_SEARCHES], queries[SINGLE_SEARCHES:]
        say(f"Timing {len(single)} single searches in-process")
        search = {"single": single_search_timings(single), "distinct": len(mixed)}
        say(f"Measuring the search mix ({len(mixed):,} distinct queries)")
        paths = [f"/search/?{urllib.parse.urlencode({'q': query})}" for query in mixed]
        rows["search mix (page cache on)"] = wrk(
            warm + "/", args, script=paths_script(run_dir, "search", paths)
        )

        say("Simulating a news day")
        others = SectionPage.objects.exclude(pk=section.pk).order_by("path").first()
        read = ArticlePage.objects.child_of(section).live().order_by("-first_published_at")
        day = news_day(
            warm,
            [page.url for page in read[:NEWS_DAY_READS]],
            others,
            env,
            args,
            run_dir,
        )
        rows["news day: articles read while others publish"] = day

        from editorial.models import ArticleDailyViews
        from editorial.readership.counting import flush_view_counts

        def views():
            return sum(
                ArticleDailyViews.objects.filter(article=article).values_list("views", flat=True)
            )

        script = run_dir / "beacon.lua"
        script.write_text((BENCH / "beacon.lua").read_text().replace("ARTICLE_ID", str(article.pk)))
        flush_view_counts()
        before = views()
        say("Measuring view beacon (POST), flushing twice at once every half second")
        with flushing_meanwhile() as flushes:
            rows["view beacon (POST)"] = wrk(warm + "/views/", args, script=script)
        time.sleep(1)
        flushes.append(flush_at_once())
        counted = views() - before
        accepted = rows["view beacon (POST)"]["requests"] - rows["view beacon (POST)"]["failed"]
        # wrk stops without waiting for the last answers: up to one beacon per connection
        # can be counted without wrk having seen its response.
        beacon = {
            "accepted": accepted,
            "counted": counted,
            "lost": max(0, accepted - counted),
            "flushes": sum(flushes),
        }

        say("Publishing through Varnish")
        proof = publish_through_proxy(f"http://127.0.0.1:{ports['varnish']}{article.url}", article)
        say("Timing the admin at scale")
        admin = admin_timings(section, article)
        say('Timing "Approve and publish"')
        approvals = approval_timings(section, article)
    finally:
        services.stop()
        shutil.rmtree(run_dir, ignore_errors=True)

    limits = (rows["static article, nginx"]["rps"], rows["static article, http.server"]["rps"])
    targets = evaluate(rows, limits, beacon, search["single"])
    text = report(
        rows, limits, beacon, proof, admin, approvals, targets, args, generation, search, day
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    say("")
    say(text)
    say(f"Written to {args.output} ({time.perf_counter() - started:.0f}s in all).")


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        fail(f"{' '.join(map(str, error.cmd))} failed with exit status {error.returncode}")
    except (OSError, psycopg.OperationalError) as error:
        fail(str(error).splitlines()[0])
