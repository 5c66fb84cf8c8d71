"""Time the trending query, the related query and a view beacon on a large archive.

Builds 10,000 articles with 1,000,000 daily view rows in a throw-away PostgreSQL test
database (``test_<name of DATABASE_URL's database>``, dropped afterwards), then prints
the median of several runs of each. It prints figures and asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/editorial .venv/bin/python bench/trending.py
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale, Page, Site  # noqa: E402

from taggit.models import Tag  # noqa: E402

from editorial.management.commands.generate_bench_data import copy_rows  # noqa: E402
from editorial.models import ArticlePage, SectionPage  # noqa: E402
from editorial.queries import related_ids, trending_queryset  # noqa: E402

SECTIONS = 10
TAGS = 300


def build(articles, days, step):
    rng = random.Random(4)  # noqa: S311 (benchmark data)
    home = Page.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)
    sections = []
    for number in range(SECTIONS):
        section = SectionPage(title=f"Section {number}", slug=f"section-{number}")
        home.add_child(instance=section)
        sections.append(section)
    step("sections")

    locale = Locale.get_default()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    per_section = -(-articles // SECTIONS)
    pages = []
    for number in range(articles):
        section = sections[number % SECTIONS]
        position = number // SECTIONS + 1
        published = now - timedelta(minutes=number * 7)
        pages.append(
            Page(
                path=Page._get_path(section.path, section.depth + 1, position),
                depth=section.depth + 1,
                numchild=0,
                translation_key=uuid.uuid4(),
                locale=locale,
                live=True,
                first_published_at=published,
                last_published_at=published,
                title=f"Article {number}",
                draft_title=f"Article {number}",
                slug=f"article-{number}",
                content_type=content_type,
                url_path=f"{section.url_path}article-{number}/",
            )
        )
    Page.objects.bulk_create(pages, batch_size=2000)
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=per_section)
    ids = list(
        Page.objects.filter(content_type=content_type).order_by("pk").values_list("pk", flat=True)
    )
    copy_rows(
        ArticlePage._meta.db_table,
        ["page_ptr_id", "standfirst", "hero_alt", "hero_caption", "body", "reading_time"]
        + ["exclude_from_trending"],
        ((pk, "A summary.", "", "", "[]", 3, "f") for pk in ids),
    )
    step(f"{len(ids):,} articles")

    Tag.objects.bulk_create(Tag(name=f"tag {n}", slug=f"tag-{n}") for n in range(TAGS))
    tag_ids = list(Tag.objects.values_list("pk", flat=True))
    tagged = [(tag, pk) for pk in ids for tag in rng.sample(tag_ids, rng.randint(2, 6))]
    copy_rows("editorial_articletag", ["tag_id", "content_object_id"], tagged)
    step(f"{len(tagged):,} tags on articles")

    today = timezone.localdate()
    view_rows = (
        (pk, today - timedelta(days=age), rng.randint(1, 500)) for pk in ids for age in range(days)
    )
    copy_rows("editorial_articledailyviews", ["article_id", "day", "views"], view_rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    step(f"{len(ids) * days:,} daily view rows")
    return ids


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
    started = time.perf_counter()

    def step(what):
        print(f"  built {what} ({time.perf_counter() - started:.1f}s)", flush=True)

    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"Building in {test_database}:", flush=True)
    try:
        ids = build(args.articles, args.days, step)
        article = ArticlePage.objects.get(pk=ids[len(ids) // 2])
        client = Client()
        readers = iter(range(10**9))

        def trending():
            cache.clear()
            list(trending_queryset()[:10].values_list("pk", flat=True))

        def beacon():
            client.post(
                "/views/",
                {"page": article.pk},
                HTTP_USER_AGENT=f"Mozilla/5.0 Firefox/140.0 reader/{next(readers)}",
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
