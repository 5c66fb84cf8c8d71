"""Reader statistics: one row of views per article and day, and nothing about the reader."""

from datetime import timedelta

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Rows per upsert statement: well under SQLite's and PostgreSQL's parameter limits.
ROWS_PER_STATEMENT = 300


class ArticleDailyViews(models.Model):
    """How many readers opened an article on one day.

    Views are added through :meth:`add`, an atomic upsert, so concurrent beacons and
    flushes never lose a count; nothing about the reader is kept.
    """

    article = models.ForeignKey(
        "editorial.ArticlePage", on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("article views per day")
        verbose_name_plural = _("article views per day")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="unique_views_per_article_day")
        ]
        # Trending reads the last days of every article: a range scan on ``day``.
        indexes = [models.Index(fields=["day"], name="article_views_day_idx")]

    def __str__(self):
        return f"{self.article_id} on {self.day}: {self.views}"

    @classmethod
    def add(cls, views):
        """Add ``{(article_id, day): views}`` to the stored counts, in as few atomic
        upserts as the rows allow (PostgreSQL and SQLite both have ON CONFLICT)."""
        quote = connection.ops.quote_name
        table = quote(cls._meta.db_table)
        count = quote("views")
        rows = [(article_id, day, n) for (article_id, day), n in views.items() if n]
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            sql = (
                f"INSERT INTO {table} ({quote('article_id')}, {quote('day')}, {count}) "  # noqa: S608
                f"VALUES {values} "
                f"ON CONFLICT ({quote('article_id')}, {quote('day')}) "
                f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [value for row in chunk for value in row])

    @classmethod
    def history(cls, article, days):
        """``[(day, views), ...]`` for the last ``days`` days up to today, oldest first."""
        today = timezone.localdate()
        first_day = today - timedelta(days=days - 1)
        counted = {}
        if article.pk:
            counted = dict(
                cls.objects.filter(article=article, day__gte=first_day).values_list("day", "views")
            )
        return [
            (day, counted.get(day, 0))
            for day in (first_day + timedelta(days=offset) for offset in range(days))
        ]


class FlushedViewBatch(models.Model):
    """A batch of view counts that a flush has added to ``ArticleDailyViews``.

    Recorded in the same transaction as the counts, so that a batch left in Redis by a
    flush that died after its commit is recognised and never added twice.
    """

    batch = models.CharField(max_length=32, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("flushed batch of views")
        verbose_name_plural = _("flushed batches of views")

    def __str__(self):
        return self.batch
