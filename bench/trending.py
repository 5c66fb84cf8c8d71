"""Time the trending query, the related query and a view beacon on a large archive.

Builds 10,000 articles with 1,000,000 daily view rows in a throw-away PostgreSQL test
database (``test_<name of DATABASE_URL's database>``, dropped afterwards), then prints
the median of several runs of each. It prints figures and asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/editorial .venv/bin/python bench/trending.py
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from editorial.content.queries import related_ids, trending_queryset  # noqa: E402
from editorial.models import ArticlePage  # noqa: E402

SECTIONS = 10
TAGS = 300
AUTHORS = 100


def build(articles, days):
    """The archive, made by the benchmark suite's generator at this script's sizes."""
    call_command(
        "generate_bench_data",
        articles=articles,
        days=days,
        sections=SECTIONS,
        tags=TAGS,
        authors=AUTHORS,
    )
    return list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))


def median_ms(function, runs):
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="default: 10000")
    parser.add_argument("--days", type=int, default=100, help="view rows per article")
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/trending.py needs PostgreSQL: set DATABASE_URL=postgres://...")

    setup_test_environment()
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"Building in {test_database}:", flush=True)
    try:
        ids = build(args.articles, args.days)
        article = ArticlePage.objects.get(pk=ids[len(ids) // 2])
        client = Client()
        readers = iter(range(10**9))

        def trending():
            cache.clear()
            list(trending_queryset()[:10].values_list("pk", flat=True))

        def beacon():
            reader = next(readers)
            client.post(
                "/views/",
                {"page": article.pk},
                HTTP_USER_AGENT="Mozilla/5.0 Firefox/140.0",
                # Each reader from an address in a network of its own, so each one counts.
                REMOTE_ADDR=f"{10 + reader // 65536 % 200}.{reader // 256 % 256}.{reader % 256}.1",
            )

        figures = {
            "trending query (top 10)": median_ms(trending, args.runs),
            "related query (6 articles)": median_ms(lambda: related_ids(article, 6), args.runs),
            "view beacon request": median_ms(beacon, args.runs),
        }
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)
    print(f"Median of {args.runs} runs, {args.articles:,} articles, {args.days} days of views:")
    for name, milliseconds in figures.items():
        print(f"  {name:<28} {milliseconds:8.1f} ms")


if __name__ == "__main__":
    main()
