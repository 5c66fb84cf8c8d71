"""Fill an empty database with a newsroom-sized archive for the benchmark suite (bench/run.py).

Pages are written in bulk: treebeard paths, depths and child counts and Wagtail's URL
paths are computed here, the article rows, bylines, tags and daily views are streamed
with PostgreSQL's COPY, and the search index is filled in batches. One showcase article
is made through the normal API (revision, publication) with 5 authors, 10 tags and 5
alternatives: it is the article the benchmark measures and the admin edits. Every article's
card is built, as the task worker builds it on publication, so that lists and searches
are measured as readers meet them, not building cards for articles nobody listed yet.
"""

import io
import json
import random
import re
import time
import uuid
from collections import Counter
from datetime import timedelta
from itertools import accumulate
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from taggit.models import Tag

from editorial.content.cards import build_cards
from editorial.content.models import (
    Alternative,
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    Author,
    SectionPage,
)
from editorial.management.progress import Progress
from editorial.readership.models import ArticleDailyViews

SHOWCASE_SLUG = "bench-showcase"
SEARCH_BATCH = 1000
CARD_BATCH = 1000
DEMO_ARTICLES = Path(__file__).resolve().parent.parent.parent / "demo" / "articles"


class Vocabulary:
    """The demo articles' words, drawn as often as they occur there.

    Generated text then reads like real text to the search index: common words are in
    most articles, specific ones in few. A handful of words used everywhere would make
    every search match the whole archive, which no real newsroom's does.
    """

    def __init__(self, rng):
        counts = Counter(
            word
            for path in sorted(DEMO_ARTICLES.glob("*.txt"))
            for word in re.findall(r"[a-z]{3,}", path.read_text(encoding="utf-8").lower())
        )
        self.rng = rng
        self.words = sorted(counts)
        self.cumulative = list(accumulate(counts[word] for word in self.words))

    def text(self, length):
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=length))


def copy_rows(table, columns, rows):
    """Stream ``rows`` into ``table`` with COPY, far faster than INSERTs."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(str(value) for value in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            while chunk := buffer.read(1 << 20):
                copy.write(chunk)


def body_json(vocabulary):
    text = vocabulary.text(120)
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}])


class Command(BaseCommand):
    help = (
        "Generate the benchmark data set in an empty PostgreSQL database: sections, "
        "articles with bylines and tags, authors, tags and daily view rows, written in "
        "bulk (minutes, not hours). Defaults are the sizes of issue 7's benchmark."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000, help="default: 10000")
        parser.add_argument("--sections", type=int, default=20, help="default: 20")
        parser.add_argument("--authors", type=int, default=500, help="default: 500")
        parser.add_argument("--tags", type=int, default=2_000, help="default: 2000")
        parser.add_argument(
            "--days",
            type=int,
            default=100,
            help="days of view counts per article (rows = articles x days); default: 100",
        )
        parser.add_argument("--seed", type=int, default=7, help="random seed; default: 7")

    def handle(self, *args, articles, sections, authors, tags, days, seed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_bench_data needs PostgreSQL (COPY): set DATABASE_URL")
        if min(articles, sections, authors, tags) < 1 or days < 0:
            raise CommandError("sizes must be positive")
        if authors < 5 or tags < 10:
            raise CommandError("the showcase article needs at least 5 authors and 10 tags")
        if ArticlePage.objects.exists():
            raise CommandError("the database already has articles: generate into an empty one")
        self.rng = random.Random(seed)  # noqa: S311 (benchmark data)
        self.vocabulary = Vocabulary(self.rng)
        self.started = time.perf_counter()
        steps = 8 + sections + -(-articles // SEARCH_BATCH) + -(-articles // CARD_BATCH)
        self.progress = Progress(self.stdout, steps, "Generating")
        with transaction.atomic():
            section_pages = self.make_sections(sections)
            author_ids = self.make_authors(authors)
            tag_ids = self.make_tags(tags)
            showcase = self.make_showcase(section_pages[0], author_ids, tag_ids)
            article_ids = self.make_articles(section_pages, articles - 1)
            self.add_bylines_and_tags(article_ids, author_ids, tag_ids)
            self.add_views([showcase.pk, *article_ids], days)
        self.index_for_search()
        self.build_cards()
        with connection.cursor() as cursor:
            # Bulk-inserted search entries wait in the GIN indexes' pending lists, which
            # every search reads whole until (auto)vacuum merges them: merge them now.
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE i.indrelid = 'wagtailsearch_indexentry'::regclass AND a.amname = 'gin'"
            )
            cursor.execute("ANALYZE")
        self.step("statistics")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {sections} sections, {articles:,} articles, {authors} authors, "
                f"{tags:,} tags and {articles * days:,} daily view rows "
                f"in {time.perf_counter() - self.started:.0f}s. "
                f"Showcase article: {showcase.url} (id {showcase.pk})."
            )
        )

    def step(self, what):
        self.progress.step(f"{what} ({time.perf_counter() - self.started:.0f}s)")

    def make_sections(self, count):
        home = Site.objects.get(is_default_site=True).root_page
        pages = []
        for number in range(count):
            section = SectionPage(title=f"Section {number}", slug=f"section-{number}")
            home.add_child(instance=section)
            section.save_revision().publish()
            pages.append(section)
        self.step(f"{count} sections")
        return pages

    def make_authors(self, count):
        Author.objects.bulk_create(
            Author(name=f"Writer {n}", slug=f"writer-{n}", role="Staff writer", live=True)
            for n in range(count)
        )
        self.step(f"{count} authors")
        return list(Author.objects.order_by("pk").values_list("pk", flat=True))

    def make_tags(self, count):
        Tag.objects.bulk_create(Tag(name=f"topic {n}", slug=f"topic-{n}") for n in range(count))
        self.step(f"{count} tags")
        return list(Tag.objects.order_by("pk").values_list("pk", flat=True))

    def make_showcase(self, section, author_ids, tag_ids):
        """The measured article, made as an editor would: 5 authors, 10 tags, 5 alternatives."""
        alternatives = [
            Alternative.objects.create(
                title=f"Alternative {n}", summary="<p>Do the useful thing instead.</p>", live=True
            )
            for n in range(5)
        ]
        body = json.loads(body_json(self.vocabulary))
        body.append(
            {
                "type": "alternatives",
                "value": {
                    "heading": "",
                    "intro": "",
                    "alternatives": [
                        {"type": "item", "value": alternative.pk, "id": str(uuid.uuid4())}
                        for alternative in alternatives
                    ],
                },
                "id": str(uuid.uuid4()),
            }
        )
        article = ArticlePage(
            title="The four-day week, a year on",
            slug=SHOWCASE_SLUG,
            standfirst="What changed for the teams that tried it.",
            body=body,
            first_published_at=timezone.now(),
        )
        article.article_authors = [ArticleAuthor(author_id=pk) for pk in author_ids[:5]]
        article.tags.add(*Tag.objects.filter(pk__in=tag_ids[:10]))
        section.add_child(instance=article)
        article.save_revision().publish()
        self.step("showcase article")
        return ArticlePage.objects.get(pk=article.pk)

    def make_articles(self, sections, count):
        locale = Locale.get_default()
        content_type = ContentType.objects.get_for_model(ArticlePage)
        now = timezone.now()
        for index, section in enumerate(sections):
            section.refresh_from_db()
            numbers = range(index, count, len(sections))
            pages = []
            for position, number in enumerate(numbers, start=section.numchild + 1):
                published = now - timedelta(minutes=7 * (number + 1))
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
                        title=f"Article {number}: {self.vocabulary.text(4)}",
                        draft_title=f"Article {number}",
                        slug=f"article-{number}",
                        content_type=content_type,
                        url_path=f"{section.url_path}article-{number}/",
                    )
                )
            Page.objects.bulk_create(pages, batch_size=2000)
            Page.objects.filter(pk=section.pk).update(numchild=section.numchild + len(pages))
            self.step(f"pages of {section.title}")
        ids = list(
            Page.objects.filter(content_type=content_type)
            .exclude(slug=SHOWCASE_SLUG)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        copy_rows(
            ArticlePage._meta.db_table,
            ["page_ptr_id", "standfirst", "hero_alt", "hero_caption", "body", "reading_time"]
            + ["exclude_from_trending"],
            ((pk, "A summary.", "", "", body_json(self.vocabulary), 1, "f") for pk in ids),
        )
        self.step(f"{len(ids):,} articles")
        return ids

    def add_bylines_and_tags(self, article_ids, author_ids, tag_ids):
        bylines = (
            (pk, author, order)
            for pk in article_ids
            for order, author in enumerate(self.rng.sample(author_ids, self.rng.randint(1, 3)))
        )
        copy_rows(ArticleAuthor._meta.db_table, ["page_id", "author_id", "sort_order"], bylines)
        tagged = (
            (tag, pk)
            for pk in article_ids
            for tag in self.rng.sample(tag_ids, self.rng.randint(2, 6))
        )
        copy_rows(ArticleTag._meta.db_table, ["tag_id", "content_object_id"], tagged)
        self.step("bylines and tags")

    def add_views(self, article_ids, days):
        today = timezone.localdate()
        rows = (
            (pk, today - timedelta(days=age), self.rng.randint(1, 500))
            for pk in article_ids
            for age in range(days)
        )
        copy_rows(ArticleDailyViews._meta.db_table, ["article_id", "day", "views"], rows)
        self.step(f"{len(article_ids) * days:,} daily view rows")

    def index_for_search(self):
        backend = get_search_backend()
        ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), SEARCH_BATCH):
            batch = ArticlePage.objects.filter(pk__in=ids[start : start + SEARCH_BATCH])
            backend.add_bulk(ArticlePage, batch.prefetch_related("article_authors__author", "tags"))
            self.step(f"search index {min(start + SEARCH_BATCH, len(ids)):,}/{len(ids):,}")

    def build_cards(self):
        ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CARD_BATCH):
            build_cards(ids[start : start + CARD_BATCH])
            self.step(f"cards {min(start + CARD_BATCH, len(ids)):,}/{len(ids):,}")
